/**
 * The PDF's page labels (what a viewer shows in its page box: "iii", "12"), from the labels
 * pagination gave the pages, so the viewer and the printed folios agree.
 *
 * A range starts wherever the style changes (front matter in roman numerals, the body from 1 in
 * arabic) or the count does not follow on. Blank pages (no label) continue the range before them,
 * as their unprinted folio does. Pages drawn without labels (a catalogue) are numbered from
 * `firstArabic` in arabic, roman before it: a document with no front matter is arabic from 1.
 */
import type { Page } from '../ir';

export type Range = [start: number, style: 'r' | 'D', first: number];

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
  [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

/** The value of a lower-case roman numeral, or 0 when `s` is not one. */
function romanValue(s: string): number {
  let n = 0;
  let rest = s;
  for (const [v, r] of ROMAN)
    while (rest.startsWith(r)) {
      n += v;
      rest = rest.slice(r.length);
    }
  return rest === '' ? n : 0;
}

/** The /Nums array of the catalog's /PageLabels: page index, then the label dictionary's fields. */
export function pageLabelRanges(pages: Pick<Page, 'label'>[], firstArabic: number): Range[] {
  const ranges: Range[] = [];
  let style: 'r' | 'D' | '' = '';
  let next = 0;
  pages.forEach((p, i) => {
    const arabic = /^\d+$/.test(p.label) ? Number(p.label) : 0;
    const roman = arabic ? 0 : romanValue(p.label);
    if (!arabic && !roman) {
      next++;
      return;
    }
    const s = arabic ? 'D' : 'r';
    const n = arabic || roman;
    if (s !== style || n !== next) {
      // Unlabelled pages at the very start belong to the first range, counted before its label.
      const start = ranges.length === 0 ? Math.max(0, i - (n - 1)) : i;
      ranges.push([start, s, n - (i - start)]);
      style = s;
    }
    next = n + 1;
  });
  if (ranges.length) return ranges;
  return firstArabic > 0 ? [[0, 'r', 1], [firstArabic, 'D', 1]] : [[0, 'D', 1]];
}
