/**
 * Legacy Vietnamese encodings in old office files, and their conversion to Unicode.
 *
 * Before Unicode, Vietnamese text was typed in 8-bit fonts. A program that reads such a file
 * sees the bytes as Latin-1 / Windows-1252 characters, so the text arrives looking like:
 *   TCVN3 (ABC), fonts ".VnTime", ".VnArial"…  "§¶ng Céng s¶n ViÖt Nam"
 *       one byte per letter; no capitals with tone marks — the ".VnTimeH" fonts draw the
 *       lower-case codes as capitals. "ư" is byte 0xAD, the soft hyphen, which many tools drop.
 *   VNI-Windows, fonts "VNI-Times"…             "Ñaûng Coäng saûn Vieät Nam", "VIEÄT NAM"
 *       a base letter followed by a mark byte.
 *   VIQR, plain ASCII (RFC 1456)                "DDa?ng Co^.ng sa?n Vie^.t Nam"
 *   VISCII (RFC 1456), one byte per letter       "Ðäng CÕng sän ViÇt Nam"
 *       all 134 letters, capitals included; keeps the Latin-1 places of à á â ã è é ê…, so half
 *       of a text reads right as Latin-1 and the rest is garbled.
 *
 * Detection looks at font names first, then at which reading turns the most words into real
 * Vietnamese syllables. Text that already contains Unicode Vietnamese letters is never
 * converted.
 */

import { parseSyllable } from './syllable';

export type LegacyEncoding = 'tcvn3' | 'vni' | 'viqr' | 'viscii';
export type TextEncoding = 'unicode' | LegacyEncoding;

export interface EncodingGuess {
  encoding: TextEncoding;
  /** 0–1: how sure the guess is. */
  confidence: number;
  /** TCVN3 text in a capitals font (".VnTimeH"): convert with `upperCase`. */
  upperCase?: boolean;
}

export interface ConvertOptions {
  /** Turn the result into capitals (text set in a ".VnTimeH"-style font). */
  upperCase?: boolean;
}

// ---------------------------------------------------------------------------------------------
// The 134 Vietnamese letters outside ASCII, generated from vowels × tones

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;
type Vowel = (typeof VOWELS)[number];
/** Tone order used by the tables below: ngang, sắc, huyền, hỏi, ngã, nặng. */
const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const;

function letter(v: Vowel, tone: number): string {
  return (v + TONE_MARKS[tone]!).normalize('NFC');
}

// TCVN3: code points (as Latin-1) for each vowel in tone order ngang, sắc, huyền, hỏi, ngã, nặng.
// 0 marks a plain ASCII vowel.
const TCVN3_VOWELS: Readonly<Record<Vowel, readonly number[]>> = {
  a: [0, 0xb8, 0xb5, 0xb6, 0xb7, 0xb9],
  ă: [0xa8, 0xbe, 0xbb, 0xbc, 0xbd, 0xc6],
  â: [0xa9, 0xca, 0xc7, 0xc8, 0xc9, 0xcb],
  e: [0, 0xd0, 0xcc, 0xce, 0xcf, 0xd1],
  ê: [0xaa, 0xd5, 0xd2, 0xd3, 0xd4, 0xd6],
  i: [0, 0xdd, 0xd7, 0xd8, 0xdc, 0xde],
  o: [0, 0xe3, 0xdf, 0xe1, 0xe2, 0xe4],
  ô: [0xab, 0xe8, 0xe5, 0xe6, 0xe7, 0xe9],
  ơ: [0xac, 0xed, 0xea, 0xeb, 0xec, 0xee],
  u: [0, 0xf3, 0xef, 0xf1, 0xf2, 0xf4],
  ư: [0xad, 0xf8, 0xf5, 0xf6, 0xf7, 0xf9],
  y: [0, 0xfd, 0xfa, 0xfb, 0xfc, 0xfe],
};
/** Đ/đ and the only capitals TCVN3 has (shape marks without tone). */
const TCVN3_SINGLES: Readonly<Record<string, number>> = {
  'Ă': 0xa1, 'Â': 0xa2, 'Ê': 0xa3, 'Ô': 0xa4, 'Ơ': 0xa5, 'Ư': 0xa6, 'Đ': 0xa7, 'đ': 0xae,
};

// VNI-Windows, lower case. Base letters with shape marks, then tone marks per shape family.
const VNI_BASE: Readonly<Record<Vowel, string>> = {
  a: 'a', ă: 'a', â: 'a', e: 'e', ê: 'e', i: 'i', o: 'o', ô: 'o', ơ: '\u00f4', u: 'u', ư: '\u00f6', y: 'y',
};
/** Mark bytes for each tone (ngang, sắc, huyền, hỏi, ngã, nặng) after a plain, ơ or ư base. */
const VNI_TONES_PLAIN = ['', '\u00f9', '\u00f8', '\u00fb', '\u00f5', '\u00ef'];
/** After a, e, o for â, ê, ô: the circumflex byte combined with each tone. */
const VNI_TONES_CIRCUMFLEX = ['\u00e2', '\u00e1', '\u00e0', '\u00e5', '\u00e3', '\u00e4'];
/** After a for ă: the breve byte combined with each tone. */
const VNI_TONES_BREVE = ['\u00ea', '\u00e9', '\u00e8', '\u00fa', '\u00fc', '\u00eb'];
/** "i" takes single bytes; "ỵ" is a single byte too. */
const VNI_I = ['i', '\u00ed', '\u00ec', '\u00e6', '\u00f3', '\u00f2'];

function vniLower(v: Vowel, tone: number): string {
  if (v === 'i') return VNI_I[tone]!;
  if (v === 'y' && tone === 5) return '\u00ee';
  if (v === 'â' || v === 'ê' || v === 'ô') return VNI_BASE[v] + VNI_TONES_CIRCUMFLEX[tone]!;
  if (v === 'ă') return 'a' + VNI_TONES_BREVE[tone]!;
  return VNI_BASE[v] + VNI_TONES_PLAIN[tone]!;
}

interface Tables {
  /** Unicode letter → legacy string. */
  encode: Map<string, string>;
  /** Legacy string (1 or 2 characters) → Unicode letter. */
  decode: Map<string, string>;
}

function buildTcvn3(): Tables {
  const encode = new Map<string, string>();
  const decode = new Map<string, string>();
  for (const v of VOWELS) {
    TCVN3_VOWELS[v].forEach((code, tone) => {
      const u = letter(v, tone);
      if (code === 0) return;
      const ch = String.fromCharCode(code);
      encode.set(u, ch);
      decode.set(ch, u);
      // Capitals with tone marks do not exist in TCVN3: written with the lower-case code.
      if (!TCVN3_SINGLES[u.toUpperCase()]) encode.set(u.toUpperCase(), ch);
    });
  }
  for (const [u, code] of Object.entries(TCVN3_SINGLES)) {
    const ch = String.fromCharCode(code);
    encode.set(u, ch);
    decode.set(ch, u);
  }
  return { encode, decode };
}

function buildVni(): Tables {
  const encode = new Map<string, string>();
  const decode = new Map<string, string>();
  const add = (u: string, seq: string) => {
    encode.set(u, seq);
    decode.set(seq, u);
  };
  for (const v of VOWELS) {
    for (let tone = 0; tone < 6; tone++) {
      const lower = vniLower(v, tone);
      const u = letter(v, tone);
      if (lower === v) continue; // plain ASCII vowel
      add(u, lower);
      add(u.toUpperCase(), lower.toUpperCase());
      // A capital base with a small mark byte ("Aù") is read as the capital letter too.
      if (lower.length === 2) decode.set(lower[0]!.toUpperCase() + lower[1], u.toUpperCase());
    }
  }
  add('đ', '\u00f1');
  add('Đ', '\u00d1');
  return { encode, decode };
}

// VIQR (RFC 1456): shape marks ^ ( + and tone marks ' ` ? ~ . after the vowel; DD for Đ.
const VIQR_SHAPE: Readonly<Record<string, string>> = { 'ă': '(', 'â': '^', 'ê': '^', 'ô': '^', 'ơ': '+', 'ư': '+' };
const VIQR_TONES = ['', "'", '`', '?', '~', '.'];
const VIQR_TONE_INDEX: Readonly<Record<string, number>> = { "'": 1, '`': 2, '?': 3, '~': 4, '.': 5 };
const VIQR_SHAPE_OF: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  a: { '(': 'ă', '^': 'â' }, e: { '^': 'ê' }, o: { '^': 'ô', '+': 'ơ', '*': 'ơ' }, u: { '+': 'ư', '*': 'ư' },
};

/**
 * VISCII (RFC 1456): the bytes that differ from Latin-1, as byte:code point pairs (checked
 * against glibc's VISCII charmap). Six capitals sit on C0 control codes.
 */
const VISCII_DIFF =
  '02:1EB2 05:1EB4 06:1EAA 14:1EF6 19:1EF8 1E:1EF4 80:1EA0 81:1EAE 82:1EB0 83:1EB6 84:1EA4 85:1EA6 86:1EA8 87:1EAC 88:1EBC 89:1EB8 ' +
  '8A:1EBE 8B:1EC0 8C:1EC2 8D:1EC4 8E:1EC6 8F:1ED0 90:1ED2 91:1ED4 92:1ED6 93:1ED8 94:1EE2 95:1EDA 96:1EDC 97:1EDE 98:1ECA 99:1ECE ' +
  '9A:1ECC 9B:1EC8 9C:1EE6 9D:0168 9E:1EE4 9F:1EF2 A0:00D5 A1:1EAF A2:1EB1 A3:1EB7 A4:1EA5 A5:1EA7 A6:1EA9 A7:1EAD A8:1EBD A9:1EB9 ' +
  'AA:1EBF AB:1EC1 AC:1EC3 AD:1EC5 AE:1EC7 AF:1ED1 B0:1ED3 B1:1ED5 B2:1ED7 B3:1EE0 B4:01A0 B5:1ED9 B6:1EDD B7:1EDF B8:1ECB B9:1EF0 ' +
  'BA:1EE8 BB:1EEA BC:1EEC BD:01A1 BE:1EDB BF:01AF C4:1EA2 C5:0102 C6:1EB3 C7:1EB5 CB:1EBA CE:0128 CF:1EF3 D0:0110 D1:1EE9 D5:1EA1 ' +
  'D6:1EF7 D7:1EEB D8:1EED DB:1EF9 DC:1EF5 DE:1EE1 DF:01B0 E4:1EA3 E5:0103 E6:1EEF E7:1EAB EB:1EBB EE:0129 EF:1EC9 F0:0111 F1:1EF1 ' +
  'F6:1ECF F7:1ECD F8:1EE5 FB:0169 FC:1EE7 FE:1EE3 FF:1EEE';

/**
 * What Windows-1252 shows for bytes 0x80–0x9F (a Word or RTF reader gives these characters for
 * the bytes, where a Latin-1 reader gives C1 controls): read back as the byte.
 */
const CP1252_HIGH: Readonly<Record<string, number>> = {
  '\u20ac': 0x80, '\u201a': 0x82, '\u0192': 0x83, '\u201e': 0x84, '\u2026': 0x85, '\u2020': 0x86, '\u2021': 0x87, '\u02c6': 0x88,
  '\u2030': 0x89, '\u0160': 0x8a, '\u2039': 0x8b, '\u0152': 0x8c, '\u017d': 0x8e, '\u2018': 0x91, '\u2019': 0x92, '\u201c': 0x93,
  '\u201d': 0x94, '\u2022': 0x95, '\u2013': 0x96, '\u2014': 0x97, '\u02dc': 0x98, '\u2122': 0x99, '\u0161': 0x9a, '\u203a': 0x9b,
  '\u0153': 0x9c, '\u017e': 0x9e, '\u0178': 0x9f,
};

interface VisciiTables {
  /** Byte → character, all 256. */
  decode: string[];
  /** Character → byte (as a Latin-1 character). */
  encode: Map<string, string>;
}

function buildViscii(): VisciiTables {
  const decode = Array.from({ length: 256 }, (_, b) => String.fromCharCode(b));
  for (const pair of VISCII_DIFF.split(' ')) {
    const [b, u] = pair.split(':') as [string, string];
    decode[parseInt(b, 16)] = String.fromCharCode(parseInt(u, 16));
  }
  const encode = new Map<string, string>();
  decode.forEach((ch, b) => encode.set(ch, String.fromCharCode(b)));
  return { decode, encode };
}

let visciiTables: VisciiTables | undefined;
const viscii = () => (visciiTables ??= buildViscii());

let tcvn3Tables: Tables | undefined;
let vniTables: Tables | undefined;
const tcvn3 = () => (tcvn3Tables ??= buildTcvn3());
const vni = () => (vniTables ??= buildVni());

// ---------------------------------------------------------------------------------------------
// Conversion

/**
 * Replaces single characters through `table` (undefined: unchanged), in slices: appending one
 * character at a time built millions of short-lived strings (a 2-million-character document
 * spent most of its conversion in the garbage collector).
 */
function mapChars(text: string, table: (code: number) => string | undefined): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const mapped = table(text.charCodeAt(i));
    if (mapped === undefined) continue;
    if (i > start) parts.push(text.slice(start, i));
    parts.push(mapped);
    start = i + 1;
  }
  if (start === 0) return text;
  parts.push(text.slice(start));
  return parts.join('');
}

let tcvn3ByCode: (string | undefined)[] | undefined;

function decodeTcvn3(text: string): string {
  if (!tcvn3ByCode) {
    tcvn3ByCode = new Array(256);
    for (const [ch, u] of tcvn3().decode) tcvn3ByCode[ch.charCodeAt(0)] = u;
  }
  const byCode = tcvn3ByCode;
  return mapChars(text, (c) => (c < 256 ? byCode[c] : undefined));
}

function decodeVni(text: string): string {
  const { decode } = vni();
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    // Only letters above ASCII (and a base letter before one) can start a VNI sequence.
    const next = text.charCodeAt(i + 1);
    if (text.charCodeAt(i) < 0x80 && !(next >= 0x80)) continue;
    const two = i + 1 < text.length ? decode.get(text.slice(i, i + 2)) : undefined;
    const one = two === undefined ? decode.get(text[i]!) : undefined;
    if (two === undefined && one === undefined) continue;
    if (i > start) parts.push(text.slice(start, i));
    parts.push((two ?? one)!);
    if (two !== undefined) i++;
    start = i + 1;
  }
  if (start === 0) return text;
  parts.push(text.slice(start));
  return parts.join('');
}

function decodeViscii(text: string): string {
  const { decode } = viscii();
  return mapChars(text, (c) => {
    const byte = c <= 0xff ? c : CP1252_HIGH[String.fromCharCode(c)];
    if (byte === undefined) return undefined;
    const u = decode[byte]!;
    return u.charCodeAt(0) === c ? undefined : u;
  });
}

const isLetter = (ch: string | undefined) => ch !== undefined && /\p{L}/u.test(ch);

function decodeViqr(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && /[\\'`?~.^(+*/d]/iu.test(text[i + 1]!)) {
      out += text[i + 1];
      i++;
      continue;
    }
    // DD / dd / Dd at the start of a word is Đ / đ.
    if ((ch === 'd' || ch === 'D') && (text[i + 1] === 'd' || text[i + 1] === 'D') && !isLetter(text[i - 1])) {
      out += ch === 'D' ? 'Đ' : 'đ';
      i++;
      continue;
    }
    const lower = ch.toLowerCase();
    if (!'aeiouy'.includes(lower) || ch === '') {
      out += ch;
      continue;
    }
    let base: string = lower;
    let j = i + 1;
    const shapes = VIQR_SHAPE_OF[lower];
    const shapeAt = (k: number) => (shapes && text[k] !== undefined ? shapes[text[k]!] : undefined);
    let tone = 0;
    let shaped = shapeAt(j);
    if (shaped !== undefined) {
      base = shaped;
      j++;
    }
    const t = text[j];
    if (t !== undefined && VIQR_TONE_INDEX[t] !== undefined) {
      const next = text[j + 1];
      const ambiguous = t === '.' || t === '?';
      // "." and "?" are punctuation at the end of a sentence: a tone only when the word goes on,
      // or the next word starts in lower case, or both words are in capitals (a heading).
      const nextWord = /^ +(\S*)/u.exec(text.slice(j + 1))?.[1] ?? '';
      const wordSoFar = /\p{L}*$/u.exec(text.slice(0, i))![0] + ch;
      const inCapitals = wordSoFar === wordSoFar.toUpperCase() && /^\p{Lu}/u.test(nextWord) && nextWord === nextWord.toUpperCase();
      const isTone = !ambiguous || isLetter(next) || (next === ' ' && (/^\p{Ll}/u.test(nextWord) || inCapitals));
      if (isTone) {
        tone = VIQR_TONE_INDEX[t]!;
        j++;
        if (shaped === undefined && (shaped = shapeAt(j)) !== undefined) {
          base = shaped;
          j++;
        }
      }
    }
    let u = letter(base as Vowel, tone);
    if (ch !== lower) u = u.toUpperCase();
    out += u;
    i = j - 1;
  }
  return out;
}

/**
 * Convert text in a legacy encoding to Unicode NFC. `text` is the file's bytes read as
 * Latin-1 / Windows-1252 (what a .doc/.docx reader or a plain-text reader gives for these
 * fonts). 'unicode' only normalises to NFC.
 */
export function convertLegacy(text: string, encoding: TextEncoding, options: ConvertOptions = {}): string {
  let out: string;
  switch (encoding) {
    case 'unicode':
      out = text;
      break;
    case 'tcvn3':
      out = decodeTcvn3(text);
      break;
    case 'vni':
      out = decodeVni(text);
      break;
    case 'viqr':
      out = decodeViqr(text);
      break;
    case 'viscii':
      out = decodeViscii(text);
      break;
  }
  out = out.normalize('NFC');
  return options.upperCase ? out.toUpperCase() : out;
}

/**
 * Write Unicode text in a legacy encoding (for tests and for files that must go back to an
 * old system). TCVN3 has no capitals with tone marks: those are written with the lower-case
 * code, as the ".VnTimeH" fonts expect.
 */
export function encodeLegacy(text: string, encoding: LegacyEncoding): string {
  const nfc = text.normalize('NFC');
  if (encoding === 'viqr') return encodeViqr(nfc);
  const { encode } = encoding === 'viscii' ? viscii() : encoding === 'tcvn3' ? tcvn3() : vni();
  return mapChars(nfc, (c) => (c < 0x80 ? undefined : encode.get(String.fromCharCode(c))));
}

const VIQR_MARK_CHARS = "'`?~.^(+*";
const VIQR_SHAPE_CHARS = '^(+*';

function encodeViqr(text: string): string {
  let out = '';
  // What the letter just written carries, so that a following mark character can be escaped.
  let prev: { tone: boolean; shape: boolean } | null = null;
  for (const ch of text) {
    if (ch === 'đ' || ch === 'Đ') {
      out += ch === 'Đ' ? 'DD' : 'dd';
      prev = null;
      continue;
    }
    const nfd = ch.toLowerCase().normalize('NFD');
    const base = nfd[0]!;
    if (!'aeiouy'.includes(base)) {
      if (prev && VIQR_MARK_CHARS.includes(ch) && (!prev.tone || (!prev.shape && VIQR_SHAPE_CHARS.includes(ch)))) out += '\\';
      out += ch;
      prev = null;
      continue;
    }
    let tone = 0;
    let shape = '';
    for (const m of nfd.slice(1)) {
      const t = (TONE_MARKS as readonly string[]).indexOf(m);
      if (t > 0) tone = t;
      else if (m === '\u0302') shape = '^';
      else if (m === '\u0306') shape = '(';
      else if (m === '\u031b') shape = '+';
    }
    out += (ch !== ch.toLowerCase() ? base.toUpperCase() : base) + shape + VIQR_TONES[tone]!;
    prev = { tone: tone > 0, shape: shape !== '' };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Detection

/** Letters only Unicode has (Ă ă Đ đ Ĩ ĩ Ũ ũ Ơ ơ Ư ư and U+1EA0–U+1EF9), and combining marks. */
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u0303\u0309\u0323]/gu;

/** A word that has VIQR marks: a vowel followed by a shape mark, a tone mark inside the word or
 *  one of ' ` ~ at its end, or a word-initial DD. */
const VIQR_WORD = /[aeiouy][\^(+*]|[aeiouy][\^(+*]?['`?~.](?=\p{L})|[aeiouy][\^(+*]?['`~]|^\W*dd/iu;

const VIQR_STRONG = /[aeiouy][\^(+*`~]|^\W*dd[aeiouy]/iu;

/**
 * A font's name as documents give it, without what is not the family: a PDF subset prefix
 * ("ABCDEF+.VnTime"), a style after a comma or hyphen (".VnTimeH,Bold", ".VnTime-BoldItalic").
 */
function fontFamilyName(raw: string): string {
  return raw
    .trim()
    .replace(/^[A-Z]{6}\+/, '')
    .replace(/[,-](?:(?:Bold|Italic|Oblique|Regular|Roman|Normal|Semibold|Light|Black|BoldItalic|BoldOblique|MT|PS)\s*)+$/i, '')
    .trim();
}

/**
 * The legacy encoding a font name says its text is in, or null: ".VnTime", ".VnArial"… (TCVN3;
 * the "H" fonts, ".VnTimeH", draw the lower-case codes as capitals), "VNI-Times"… (VNI),
 * a font named for VISCII (VISCII).
 */
export function legacyFontEncoding(fontName: string): { encoding: 'tcvn3' | 'vni' | 'viscii'; upperCase?: boolean } | null {
  const name = fontFamilyName(fontName);
  if (/^\.?vn(?!i)/iu.test(name)) return /h$/iu.test(name) ? { encoding: 'tcvn3', upperCase: true } : { encoding: 'tcvn3' };
  if (/^vni[-\s]/iu.test(name)) return { encoding: 'vni' };
  if (/viscii/iu.test(name)) return { encoding: 'viscii' };
  return null;
}

function fontHint(fontNames: readonly string[]): EncodingGuess | null {
  for (const raw of fontNames) {
    const hint = legacyFontEncoding(raw);
    if (hint) return { ...hint, confidence: 0.95 };
  }
  return null;
}

/** Share of the words touched by a reading that become Vietnamese syllables. */
function score(words: readonly string[], convert: (w: string) => string, onlyChanged: boolean): { valid: number; touched: number } {
  let valid = 0;
  let touched = 0;
  for (const w of words) {
    const c = convert(w);
    if (onlyChanged && c === w) continue;
    touched++;
    const pieces = c.normalize('NFC').split(/[^\p{L}]+/u).filter((p) => p !== '');
    if (pieces.length > 0 && pieces.every((p) => parseSyllable(p) !== null)) valid++;
  }
  return { valid, touched };
}

/**
 * Guess how a text is encoded. Font names (from the document's runs or styles) decide first
 * (".VnTime…" → TCVN3, ".VnTimeH" in capitals; "VNI-…" → VNI), but text that already contains
 * Unicode Vietnamese letters is always 'unicode'. Otherwise each reading is tried and the one
 * that makes the most words into Vietnamese syllables wins; ties go to 'unicode' (no change).
 */
export function detectLegacyEncoding(text: string, fontNames: readonly string[] = []): EncodingGuess {
  const unicodeLetters = (text.match(UNICODE_VIETNAMESE) ?? []).length;
  const nonAscii = (text.match(/[^\x00-\x7f]/gu) ?? []).length;
  if (unicodeLetters > 0 && unicodeLetters >= nonAscii * 0.2) {
    return { encoding: 'unicode', confidence: Math.min(1, 0.8 + unicodeLetters / 50) };
  }
  const hint = fontHint(fontNames);
  if (hint) return hint;

  const words = text.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).slice(0, 5000);
  const candidates = words.filter((w) => /[^\x00-\x7f]/u.test(w));
  const viqrWords = words.filter((w) => VIQR_WORD.test(w));

  if (candidates.length === 0) {
    // VIQR: plain ASCII. Marks that English never puts after a vowel (^ ( + ` ~, a leading DD)
    // are strong evidence; ' . ? alone are weak.
    const v = score(viqrWords, decodeViqr, true);
    const strong = score(viqrWords.filter((w) => VIQR_STRONG.test(w)), decodeViqr, true);
    const ratio = v.touched > 0 ? v.valid / v.touched : 0;
    if (ratio > 0.6 && (strong.valid >= 1 || v.valid >= 3) && v.valid / words.length > 0.1) {
      return { encoding: 'viqr', confidence: Math.min(0.95, 0.4 + 0.45 * ratio * Math.min(1, v.valid / 3) + (strong.valid > 0 ? 0.1 : 0)) };
    }
    return { encoding: 'unicode', confidence: 0.5 };
  }

  const asIs = score(candidates, (w) => w, false);
  const t = score(candidates, decodeTcvn3, false);
  const n = score(candidates, decodeVni, false);
  const v = score(candidates, decodeViscii, false);
  const ranked: Array<[TextEncoding, number]> = [
    ['unicode', asIs.valid],
    ['tcvn3', t.valid],
    ['vni', n.valid],
    ['viscii', v.valid],
  ];
  ranked.sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked as [[TextEncoding, number], [TextEncoding, number]];
  if (best[0] === 'unicode' || (best[1] === second[1] && second[0] === 'unicode') || best[1] === 0) {
    return { encoding: 'unicode', confidence: candidates.length > 0 ? 0.6 : 0.5 };
  }
  const share = best[1] / candidates.length;
  const margin = (best[1] - second[1]) / candidates.length;
  return { encoding: best[0], confidence: Math.max(0.1, Math.min(0.99, 0.5 * share + 0.5 * margin + Math.min(0.2, best[1] / 50))) };
}
