/**
 * Vietnamese alphabetical order, the one collation of the app: a ă â b c d đ e ê g h i k l m n o
 * ô ơ p q r s t u ư v x y, syllable by syllable — the letters of a syllable first, then its tone
 * (ngang, huyền, hỏi, ngã, sắc, nặng), then the next syllable — as dictionaries and indexes are
 * ordered: "Hà Giang" < "Hà Nội" < "Hà Tĩnh" < "Hạ Long" < "Hải Phòng". (`Intl.Collator('vi')`
 * compares all the letters of the string before any tone and gives "Hà Giang, Hạ Long, Hà Nội".)
 * Old and new tone placement ("hòa", "hoà") are one spelling; numbers compare by value.
 *
 * Everything goes through `vietnameseSortKey`, whose plain binary order is this order: the
 * catalogue stores it for SQL, the comparisons here compare it.
 */

import { BoundedCache } from '../boundedCache';
import { normalizeToneNew } from './normalize';

const collator = new Intl.Collator('vi', { numeric: true });
const placements = new BoundedCache<string>(5000);
const keys = new BoundedCache<string>(5000);

const placed = (s: string): string => placements.get(s, normalizeToneNew);
const keyOf = (s: string): string => keys.get(s, vietnameseSortKey);

const binary = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compare two strings in Vietnamese order, syllable by syllable, numbers by value ("Chương 2"
 * before "Chương 10"), old and new tone placement as the same spelling. Strings whose keys are
 * equal (they differ in case or punctuation) go in the collator's order, then by code units, so
 * that the order is total and repeatable.
 */
export function compareVietnamese(a: string, b: string): number {
  if (a === b) return 0;
  return binary(keyOf(a), keyOf(b)) || collator.compare(placed(a), placed(b)) || binary(a, b);
}

/** Split a personal name into its given name (last word) and the rest, ignoring a trailing
 *  parenthesised note such as an alias: "Lê Duẩn (Ba)" → ["Duẩn", "Lê"]. */
function splitName(name: string): [given: string, rest: string] {
  const core = name.replace(/\s*\([^)]*\)\s*$/u, '').replace(/[\s,.;]+$/u, '').trim();
  const words = core.split(/\s+/u).filter((w) => w !== '');
  if (words.length === 0) return ['', ''];
  const given = words[words.length - 1]!;
  return [given, words.slice(0, -1).join(' ')];
}

/**
 * Compare personal names for a name index: by given name (the last word), then by the rest of
 * the name in its natural order (family name, middle names), then the full text.
 * "Trần Văn An" < "Nguyễn Thị Bình" < "Lê Văn Bình".
 */
export function compareVietnameseNames(a: string, b: string): number {
  const [ga, ra] = splitName(a);
  const [gb, rb] = splitName(b);
  return binary(keyOf(ga), keyOf(gb)) || binary(keyOf(ra), keyOf(rb)) || compareVietnamese(a, b);
}

/**
 * Return a new array sorted in Vietnamese order; `key` picks the string to sort by.
 * The input array is not changed.
 */
export function sortVietnamese<T>(arr: readonly T[], key?: (item: T) => string): T[] {
  const keyOfItem = key ?? ((item: T) => String(item));
  return arr
    .map((item) => ({ item, k: keyOfItem(item) }))
    .sort((x, y) => compareVietnamese(x.k, y.k))
    .map((e) => e.item);
}

/**
 * The letter a string is filed under in an index or a list with letter headings: its first
 * letter in upper case without its tone, with the marks that make a letter of its own — "Ấp" →
 * "Â", "Đồng" → "Đ", "Ủy" → "U", "ước" → "Ư". Digits and other signs give "#"; '' for a string
 * with no letter or digit.
 */
export function vietnameseInitial(s: string): string {
  const m = /[\p{L}\p{N}]/u.exec(s.normalize('NFC'));
  if (!m) return '';
  const ch = m[0];
  if (/\p{N}/u.test(ch)) return '#';
  const letter = ch
    .normalize('NFD')
    .replace(/[\u0300\u0301\u0303\u0309\u0323]/gu, '')
    .normalize('NFC');
  return letter.toLocaleUpperCase('vi');
}

const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const LETTER_KEY = new Map([...ALPHABET].map((ch, i) => [ch, String.fromCharCode(0x41 + i)]));
/** Tone marks in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng. */
const TONE_KEY = new Map([
  ['\u0300', '1'],
  ['\u0309', '2'],
  ['\u0303', '3'],
  ['\u0301', '4'],
  ['\u0323', '5'],
]);
/** Marks that make a letter of their own: ă â ê ô ơ ư. */
const LETTER_MARKS = new Set(['\u0306', '\u0302', '\u031b']);

/**
 * A key whose plain (binary) order is Vietnamese dictionary order, syllable by syllable: the
 * letters of a syllable first, then its tone, then the next syllable — "Hà Giang" < "Hà Nội" <
 * "Hà Tĩnh" < "Hạ Long" < "Hải Phòng". Numbers by value ("Hộp 2" < "Hộp 10"), case and
 * punctuation ignored. For SQL ORDER BY and indexes (SQLite compares text bytewise); strings that
 * differ only in case or punctuation get the same key.
 */
export function vietnameseSortKey(s: string): string {
  let out = '';
  const words = s.normalize('NFD').toLowerCase().match(/\p{N}+|[\p{L}\p{M}]+/gu) ?? [];
  for (const w of words) {
    if (/^\p{N}/u.test(w)) {
      const digits = w.replace(/^0+(?=\d)/u, '');
      const len = String(digits.length);
      // '#' sorts before tones and letters; the length first makes 9 < 10.
      out += '#' + String.fromCharCode(0x30 + len.length) + len + digits + ' ';
      continue;
    }
    let tone = '0';
    let letters = '';
    for (let i = 0; i < w.length; i++) {
      const ch = w[i]!;
      const t = TONE_KEY.get(ch);
      if (t) {
        tone = t;
        continue;
      }
      if (LETTER_MARKS.has(ch) || /\p{M}/u.test(ch)) continue;
      // A base letter with the marks that make it a letter of its own (ă â ê ô ơ ư, đ).
      let base = ch;
      let j = i + 1;
      while (j < w.length && /\p{M}/u.test(w[j]!)) {
        if (LETTER_MARKS.has(w[j]!)) base = (base + w[j]).normalize('NFC');
        j++;
      }
      letters += LETTER_KEY.get(base) ?? (base < '\u0080' ? base : base);
    }
    out += letters + tone + ' ';
  }
  return out.trimEnd();
}
