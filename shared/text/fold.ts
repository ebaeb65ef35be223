import { normalizeToneNew } from './normalize';

/**
 * Folding for search: the form the full-text index stores and the query is folded with.
 *
 * `foldForSearch` makes "dang" find "Đảng", "hoa" find both "hoà" and "hòa", "uy ban" find
 * "Ủy ban" and "Uỷ ban": it lower-cases, removes every diacritic (tone and shape marks alike)
 * and turns đ into d. Removing all marks also erases the difference between old and new tone
 * placement, so no separate placement step is needed.
 *
 * Length: the result has exactly one UTF-16 code unit per code unit of `toNFC(s)`, so an offset
 * found in the folded text is the same offset in the NFC text (the project stores NFC). The one
 * exception is a combining mark left over after NFC (a mark with no precomposed letter, which
 * does not happen in well-formed Vietnamese): such marks are dropped.
 */

const cache = new Map<string, string>();
/** Folded code unit for each BMP code unit, filled on first use. */
const TABLE = new Uint16Array(0x10000);
const UNSET = 0;
const DROP = 0xffff;

/** Letters whose base is not reachable by canonical decomposition. */
const SPECIAL: Readonly<Record<string, string>> = {
  'đ': 'd', 'Đ': 'd', 'ð': 'd', 'Ð': 'd', 'ø': 'o', 'Ø': 'o', 'ł': 'l', 'Ł': 'l',
};

function foldChar(ch: string): string {
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  let out: string;
  const special = SPECIAL[ch];
  if (special) out = special;
  else if (/\s/u.test(ch)) out = ' ';
  else if (/\p{M}/u.test(ch)) out = '';
  else {
    const base = ch.normalize('NFD').charAt(0);
    const lower = base.toLowerCase();
    out = lower.length === base.length ? lower : base;
  }
  cache.set(ch, out);
  return out;
}

/**
 * Fold text for indexing and querying: NFC, lower case, no diacritics, đ → d, any white space
 * → a plain space. Digits, letters of other scripts and punctuation are kept as they are.
 */
export function foldForSearch(s: string): string {
  const nfc = s.normalize('NFC');
  const codes = new Uint16Array(nfc.length);
  let n = 0;
  for (let i = 0; i < nfc.length; i++) {
    const code = nfc.charCodeAt(i);
    if (code < 0x80) {
      codes[n++] = code >= 65 && code <= 90 ? code + 32 : code === 9 || code === 10 || code === 13 ? 32 : code;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      codes[n++] = code; // surrogate halves pass through: length stays stable
    } else {
      let f = TABLE[code]!;
      if (f === UNSET) {
        const folded = foldChar(nfc[i]!);
        f = folded.length === 0 ? DROP : folded.length === 1 ? folded.charCodeAt(0) : code; // never grow the text
        TABLE[code] = f;
      }
      if (f !== DROP) codes[n++] = f;
    }
  }
  let out = '';
  for (let i = 0; i < n; i += 8192) out += String.fromCharCode(...codes.subarray(i, Math.min(n, i + 8192)));
  return out;
}

/**
 * A key for matching short codes whatever their spacing or punctuation: folded, with everything
 * that is not a letter or digit removed. "16-NQ/TW", "16 NQ TW" and "16/nq-tw" all give
 * "16nqtw"; "QĐ-UBND" and "QD UBND" give "qdubnd".
 */
export function foldKey(s: string): string {
  return foldForSearch(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Two vowels of an open syllable whose tone may sit on either (hòa/hoà, khỏe/khoẻ, thủy/thuỷ),
 * in lower-case NFC: o or u, toned or not, followed by a, e or y, toned or not.
 */
const SWITCHABLE_TONE = /[oòóỏõọuùúủũụ][aàáảãạeèéẻẽẹyỳýỷỹỵ]/u;

/**
 * Text for matching with diacritics ("Đảng bộ" but not "đang bỏ"): NFC, lower case, one tone
 * placement (the new one: "hòa" and "hoà" are the same word). Unlike foldForSearch the length may
 * change; it is only tokenised, never used for offsets.
 */
export function foldExact(s: string): string {
  const lower = s.normalize('NFC').toLowerCase();
  if (!SWITCHABLE_TONE.test(lower)) return lower;
  return lower.replace(/[\p{L}\p{M}]+/gu, (w) => (SWITCHABLE_TONE.test(w) ? normalizeToneNew(w) : w));
}
