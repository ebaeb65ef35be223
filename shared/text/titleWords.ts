/**
 * Which spaces of a title must not become line breaks. Vietnamese writes the syllables of a word
 * apart, so a title set like running text can break "LỊCH | SỬ" or "TỈNH | HƯNG YÊN". Bound are:
 * the syllables of a known word (vietnameseWords.ts), the syllables of a proper name as typed
 * ("Hưng Yên", "Tam Đường": capitalised, not the title's first word), and an administrative unit
 * with the name it precedes ("tỉnh Hưng Yên", "thành phố Hải Phòng"). Used by the typesetter's
 * titles and headings (electron/core/publish/measure/titleBreaks.ts) and by the cover.
 */
import { isVietnameseWord, LONGEST_WORD, wordKey } from './vietnameseWords';

const OPENING = /^[(["'“‘«]+/u;
const CLOSING = /[)\]"'”’»,.;:!?]+$/u;

/** The last syllable of the units an address is written with ("thành phố", "thị xã" end in phố, xã). */
const UNITS = new Set(['xã', 'phường', 'trấn', 'huyện', 'quận', 'tỉnh', 'phố', 'thôn', 'làng', 'bản', 'ấp', 'khu', 'miền', 'vùng', 'sông', 'núi', 'đảo'].map(wordKey));

/** A syllable of a proper name as typed: a capital, then lower case ("Hưng"; not "HƯNG", not "x"). */
const isNameSyllable = (s: string) => /^\p{Lu}\p{Ll}/u.test(s);

/** A word of a title with the punctuation that opens or closes it taken off ("(1945" → "1945"). */
export interface TitleToken {
  text: string;
  bare: string;
  opens: boolean;
  closes: boolean;
}

export function titleToken(text: string): TitleToken {
  return { text, bare: text.replace(OPENING, '').replace(CLOSING, ''), opens: OPENING.test(text), closes: CLOSING.test(text) };
}

/**
 * For words as typed (split on spaces, punctuation attached), whether the space after each one
 * must not break: result[k] is about the space between word k and word k + 1.
 */
export function boundSpaces(typed: readonly string[]): boolean[] {
  const tokens = typed.map(titleToken);
  const bare = tokens.map((t) => t.bare);
  const opens = tokens.map((t) => t.opens);
  const closes = tokens.map((t) => t.closes);
  const out = typed.map(() => false);
  const joinable = (k: number) => k + 1 < typed.length && !closes[k] && !opens[k + 1];
  for (let i = 0; i < typed.length; i++) {
    // The longest known word starting here; punctuation may open its first syllable and close its last.
    for (let n = Math.min(LONGEST_WORD, typed.length - i); n >= 2; n--) {
      let ok = true;
      for (let k = i; k < i + n - 1; k++) ok &&= joinable(k);
      if (!ok || !isVietnameseWord(bare.slice(i, i + n))) continue;
      for (let k = i; k < i + n - 1; k++) out[k] = true;
      break;
    }
    if (!joinable(i) || !isNameSyllable(bare[i + 1]!)) continue;
    // A name goes on: its syllables stay together ("Hưng Yên"), the title's first word aside.
    if (i > 0 && isNameSyllable(bare[i]!)) out[i] = true;
    // A unit stays with its name ("tỉnh Hưng Yên").
    if (UNITS.has(wordKey(bare[i]!))) out[i] = true;
  }
  return out;
}
