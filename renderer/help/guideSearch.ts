/**
 * Searching the guide in the help window: which sections hold every word typed, and marking those
 * words in the rendered text. Both fold the same way the archive search does (shared/text/fold.ts),
 * so "sao luu" finds "Sao lưu" and "dang" finds "Đảng".
 */
import { foldForSearch } from '../../shared/text/fold';
import type { GuideSection } from './guideDoc';

/** The folded words of a query; none for a blank one. */
export function queryWords(query: string): string[] {
  return foldForSearch(query).split(' ').filter(Boolean);
}

/**
 * How each section shows for these words: 'match' (it holds them all, in its heading or text),
 * 'context' (a chapter shown by its heading only, because sections under it match), or 'hidden'.
 * With no words every section matches.
 */
export function sectionStates(sections: GuideSection[], words: string[]): Map<string, 'match' | 'context' | 'hidden'> {
  const states = new Map<string, 'match' | 'context' | 'hidden'>();
  for (const s of sections) {
    const folded = foldForSearch(`${s.title} ${s.text}`);
    states.set(s.id, words.every((w) => folded.includes(w)) ? 'match' : 'hidden');
  }
  for (const s of sections) if (s.parent && states.get(s.id) === 'match' && states.get(s.parent) === 'hidden') states.set(s.parent, 'context');
  return states;
}

/** Wraps each occurrence of the words in the text under `root` in `<mark class="help-mark">`. */
export function markWords(root: HTMLElement, words: string[]): void {
  if (words.length === 0) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  for (const node of nodes) {
    const text = node.data.normalize('NFC');
    const folded = foldForSearch(text);
    // Offsets in the folded text are offsets in the NFC text, unless a stray combining mark was dropped.
    if (folded.length !== text.length) continue;
    const ranges: [number, number][] = [];
    for (const w of words) for (let at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + w.length)) ranges.push([at, at + w.length]);
    if (ranges.length === 0) continue;
    ranges.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      // Words next to each other ("khôi phục") are marked as one.
      if (last && (r[0] <= last[1] || /^ +$/.test(folded.slice(last[1], r[0])))) last[1] = Math.max(last[1], r[1]);
      else merged.push([...r]);
    }
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (const [a, b] of merged) {
      if (a > pos) frag.append(text.slice(pos, a));
      const mark = document.createElement('mark');
      mark.className = 'help-mark';
      mark.textContent = text.slice(a, b);
      frag.append(mark);
      pos = b;
    }
    if (pos < text.length) frag.append(text.slice(pos));
    node.replaceWith(frag);
  }
}
