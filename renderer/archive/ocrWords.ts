/**
 * OCR words against the page's text as it reads now: where each recognised word still stands in
 * the transcription (a person may have corrected some since), which words a search asked for,
 * and which are doubtful. Words that no longer match keep no link, so a correction never points
 * at the wrong place on the scan.
 */
import type { OcrWord } from '../../shared/archive/ocr';
import { LOW_CONFIDENCE } from '../../shared/archive/ocr';
import { foldForSearch } from '../../shared/text/fold';

/** For each word, its [start, end) in `text`, or null when it is no longer there. */
export function alignWords(text: string, words: readonly OcrWord[]): ([number, number] | null)[] {
  const out: ([number, number] | null)[] = [];
  let at = 0;
  for (const w of words) {
    // Look a little ahead only: a word typed away must not capture a later occurrence.
    const found = w.text ? text.indexOf(w.text, at) : -1;
    if (found >= 0 && found - at <= 40 + w.text.length * 2) {
      out.push([found, found + w.text.length]);
      at = found + w.text.length;
    } else out.push(null);
  }
  return out;
}

/** The index of the word whose range holds `offset` (a caret in the transcription), or -1. */
export function wordAt(ranges: readonly ([number, number] | null)[], offset: number): number {
  return ranges.findIndex((r) => r !== null && offset >= r[0] && offset <= r[1]);
}

export const isDoubtful = (w: OcrWord) => w.confidence < LOW_CONFIDENCE;

/** The words of a search query, folded and as typed (lower case, NFC), in order. */
export interface QueryTerms {
  folded: string[];
  exact: string[];
}

const split = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

export function queryWords(query: string | undefined): QueryTerms {
  const plain = (query ?? '').replace(/"/g, ' ').normalize('NFC').toLocaleLowerCase('vi');
  return { folded: split(foldForSearch(plain)), exact: split(plain) };
}

/**
 * The words a search found on this page: where the query's words stand together in order (a name,
 * a number-and-symbol split into parts), those; otherwise every word matching one of them — the
 * search found the page by all its words, wherever they are. Each query word is a prefix, folded;
 * where some matches also have the diacritics as typed ("Đảng bộ", not "đang bổ"), only those.
 */
export function queryMatches(words: readonly OcrWord[], terms: QueryTerms): Set<number> {
  if (terms.folded.length === 0) return new Set();
  const parts: { word: number; folded: string; exact: string }[] = [];
  words.forEach((w, i) => {
    const exact = split(w.text.normalize('NFC').toLocaleLowerCase('vi'));
    const folded = split(foldForSearch(w.text));
    // Folding keeps lengths, so the two splits match part for part.
    folded.forEach((f, k) => parts.push({ word: i, folded: f, exact: exact[k] ?? f }));
  });
  const find = (key: 'folded' | 'exact', list: string[]): Set<number> => {
    const hits = new Set<number>();
    if (list.length > 1) {
      for (let i = 0; i + list.length <= parts.length; i++) {
        if (list.every((t, k) => parts[i + k]![key].startsWith(t))) for (let k = 0; k < list.length; k++) hits.add(parts[i + k]!.word);
      }
      if (hits.size) return hits;
    }
    for (const p of parts) if (list.some((t) => p[key].startsWith(t))) hits.add(p.word);
    return hits;
  };
  const typedWithMarks = terms.exact.join(' ') !== terms.folded.join(' ');
  if (typedWithMarks) {
    const exact = find('exact', terms.exact);
    if (exact.size) return exact;
  }
  return find('folded', terms.folded);
}
