/**
 * Where a title or heading may break. A Vietnamese word of two or three syllables is written
 * with spaces between them, so a title set like running text breaks "LỊCH | SỬ", "ĐẢNG | BỘ":
 * in titles (chapter, part and section headings, the title page, document titles, TOC entries)
 * the syllables of a known word (shared/text/vietnameseWords.ts) are joined by a penalty of +∞
 * before their space, as TeX's ~ joins words. A break after a small word that leads into what
 * follows ("và", "của", "trong" …) costs a little, and a heading's number ("I.", "1.") and a
 * dash between years ("1945 – 1954") stay with the word after them.
 *
 * Running text is left alone: there a break between syllables is normal and the justified
 * lines need every breakpoint.
 */
import { BoundedCache } from '../../../../shared/boundedCache';
import type { Item, PPara } from '../ir';
import { boundSpaces, titleToken } from '../../../../shared/text/titleWords';

const INF = 10000;
/** The cost of ending a title's line on a word that leads into the next one. */
const WEAK_BREAK = 40;
/** A line of a title that ends a phrase (after a comma) reads better: a bonus, as a negative penalty. */
const PHRASE_END = -40;

const LEADING_WORDS = new Set([
  'và', 'của', 'các', 'những', 'với', 'cho', 'trong', 'tại', 'ở', 'về', 'là', 'đến', 'từ', 'theo',
  'trên', 'dưới', 'để', 'do', 'bị', 'được', 'một', 'hai', 'ba', 'năm', 'ngày', 'tháng', 'thời', 'sau', 'trước',
]);
const DASH = /^[–—-]$/u;
const NUMBER_LABEL = /^(?:[IVXLCDM]+|\d+|[a-zđ])[.)]$/u;

/**
 * Penalties by title, remembered: the TOC is rebuilt several times per book with the same
 * titles, and each title is a heading too. [index of the token after whose space, penalty].
 */
const plans = new BoundedCache<[number, number][]>(5000);

/**
 * Titles: known words, names and units with their names unbroken, weak breaks dearer, lines
 * balanced. `typed` is the title as typed, when it is printed in capitals: its case tells names.
 */
export function asTitle(p: PPara, typed?: string): PPara {
  p.items = bindTitleWords(p.items, typed);
  p.balance = true;
  return p;
}

/** The items of a title with penalties before the spaces that should not (or rather not) break. */
export function bindTitleWords(items: Item[], typed?: string): Item[] {
  // Words (runs of boxes) and the glue after each.
  const texts: string[] = [];
  const glues: number[] = [];
  let text = '';
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.t === 'box') text += it.text;
    else if (it.t === 'glue' && text !== '') {
      texts.push(text);
      glues.push(i);
      text = '';
    } else if (it.t === 'pen' && it.p <= -INF) break;
  }
  if (text !== '') {
    texts.push(text);
    glues.push(-1);
  }
  const words = typed?.normalize('NFC').split(/\s+/).filter(Boolean);
  const cased = words && words.length === texts.length ? words : texts;
  const key = cased.join('\u0001');
  const plan = plans.get(key, () => planTitle(texts, cased));
  if (plan.length === 0) return items;
  const cost = new Map<number, number>();
  for (const [k, p] of plan) if (glues[k]! >= 0) cost.set(glues[k]!, p);
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const p = cost.get(i);
    if (p !== undefined) out.push({ t: 'pen', w: 0, p });
    out.push(items[i]!);
  }
  return out;
}

/** Which spaces of a title (after which word) get which penalty; `cased` are the words as typed. */
function planTitle(texts: string[], cased: string[]): [number, number][] {
  const tokens = texts.map(titleToken);
  const cost = new Map<number, number>();
  const set = (k: number, p: number) => cost.set(k, Math.max(cost.get(k) ?? 0, p));
  const bound = boundSpaces(cased);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (bound[i]) set(i, INF);
    if (i === 0 && NUMBER_LABEL.test(t.text)) set(i, INF);
    if (i > 0 && DASH.test(t.text)) set(i - 1, INF);
    if (!t.closes && LEADING_WORDS.has(t.bare.toLowerCase())) set(i, WEAK_BREAK);
    if (i < tokens.length - 1 && /[,;:]$/u.test(t.text) && !cost.has(i)) cost.set(i, PHRASE_END);
  }
  return [...cost.entries()];
}
