/**
 * Decodes the bytes of a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy
 * single-byte encoding (TCVN3, VNI, VISCII, Windows-1258 — the Vietnamese Windows code page).
 * Plain ASCII written in VIQR ("DDa?ng bo^.") and legacy-font text saved as UTF-8 are converted
 * too. The result is NFC.
 *
 * Bytes that are not valid UTF-8 do not by themselves make a file legacy: a UTF-8 text damaged
 * in a few places (a bad copy, two files joined) would otherwise be re-read whole as Windows-1258
 * and stored as mojibake ("Ä�áº£ng") without a word. A legacy encoding is chosen only on
 * positive evidence (see chooseLegacy); otherwise the text stays UTF-8, bad bytes become U+FFFD,
 * and DecodedText.invalid says how many and on which lines, for the import to tell.
 */
import iconv from 'iconv-lite';
import { convertLegacy, detectLegacyEncoding, type LegacyEncoding } from '../../../../shared/text/legacyEncoding';
import { isVietnameseSyllable } from '../../../../shared/text/syllable';

export interface DecodedText {
  text: string;
  encoding: string;
  /** Bytes that were not valid UTF-8 in a text read as UTF-8 (replaced by U+FFFD). */
  invalid?: InvalidBytes;
}

export interface InvalidBytes {
  count: number;
  /** The file's lines (1-based) holding them, in order, at most MAX_INVALID_LINES. */
  lines: number[];
  /** Whether more lines hold some than `lines` names. */
  moreLines: boolean;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * How much of a text the legacy-font guess reads: it collects every match and every word of what
 * it is given (an 8 MB text took 360 MB), and the first tens of pages tell the encoding as well.
 */
const LEGACY_SAMPLE_CHARS = 65_536;

/** The legacy-font guess on the beginning of a text (see LEGACY_SAMPLE_CHARS). */
export function guessLegacyEncoding(text: string): ReturnType<typeof detectLegacyEncoding> {
  return detectLegacyEncoding(text.length > LEGACY_SAMPLE_CHARS ? text.slice(0, LEGACY_SAMPLE_CHARS) : text);
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes with a declared charset when iconv-lite knows it; null otherwise. */
export function decodeWithCharset(bytes: Uint8Array, charset: string): DecodedText | null {
  const cs = charset.trim().toLowerCase();
  if (!iconv.encodingExists(cs)) return null;
  return { text: iconv.decode(Buffer.from(bytes), cs).normalize('NFC'), encoding: cs };
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(b.subarray(3)).normalize('NFC'), encoding: 'utf-8' };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(b.subarray(2)).normalize('NFC'), encoding: 'utf-16le' };
  }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(b.subarray(2)).normalize('NFC'), encoding: 'utf-16be' };
  }
  if (isValidUtf8(b)) return fromLegacyFont(new TextDecoder('utf-8').decode(b).normalize('NFC'), 'utf-8');
  // Damaged UTF-8 keeps the standard decoder's U+FFFD (one per bad byte, or per cut-off character).
  return chooseLegacy(b, scanUtf8(b)) ?? { text: new TextDecoder('utf-8').decode(b).normalize('NFC'), encoding: 'utf-8', invalid: invalidBytes(b) };
}

/** What a UTF-8 reading of bytes finds. */
export interface Utf8Scan {
  /** Well-formed characters of two to four bytes: evidence that the file is UTF-8. */
  multiByte: number;
  /** Bytes that are not part of a well-formed character. */
  bad: number;
}

/**
 * The bytes' UTF-8 structure (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), in
 * one pass, counting only (a 32 MB legacy file has millions of bytes that are not UTF-8);
 * `onBad` is told the offset of each bad byte.
 */
export function scanUtf8(b: Uint8Array, onBad?: (at: number) => void): Utf8Scan {
  let bad = 0;
  let multiByte = 0;
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < b.length && b[i]! >= lo && b[i]! <= hi;
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n = 0;
    if (c >= 0xc2 && c <= 0xdf) n = cont(i + 1) ? 2 : 0;
    else if (c >= 0xe0 && c <= 0xef) {
      const lo = c === 0xe0 ? 0xa0 : 0x80;
      const hi = c === 0xed ? 0x9f : 0xbf;
      n = cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    } else if (c >= 0xf0 && c <= 0xf4) {
      const lo = c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xf4 ? 0x8f : 0xbf;
      n = cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    if (n > 0) {
      multiByte++;
      i += n;
    } else {
      bad++;
      onBad?.(i);
      i++;
    }
  }
  return { multiByte, bad };
}

/**
 * A legacy reading of bytes that are not valid UTF-8, when the bytes give positive evidence for
 * one; null keeps them UTF-8. Vietnamese in a single-byte encoding puts a high byte in most
 * words, and such bytes almost never line up as UTF-8 (measured on Vietnamese prose: TCVN3, VNI,
 * VISCII and Windows-1258 give at most one well-formed "character" per 25 bytes that are not
 * UTF-8), while a damaged UTF-8 Vietnamese text has far more well-formed characters than bad
 * bytes. So:
 * - as many well-formed multi-byte characters as bad bytes, or one for every five of them (at
 *   least ten: a file that is part UTF-8, part legacy, where a warning beats silent mojibake
 *   of the UTF-8 part): UTF-8, damaged, never legacy;
 * - else a legacy font encoding (TCVN3, VNI, VISCII) when its detector is confident;
 * - else Windows-1258 when that reading gives Vietnamese words (most words with a letter beyond
 *   ASCII are Vietnamese syllables), or when there is no UTF-8 at all in a file with a fair number
 *   of high bytes (a Western single-byte text reads the same in Windows-1258);
 * - else UTF-8 with its bad bytes replaced: nothing says what the file is, and "�" with a warning
 *   is honest where a guessed code page would invent letters.
 */
function chooseLegacy(b: Uint8Array, scan: Utf8Scan): DecodedText | null {
  const { bad } = scan;
  if (scan.multiByte >= bad || (scan.multiByte >= 10 && scan.multiByte * 5 >= bad)) return null;
  const latin1 = Buffer.from(b).toString('latin1');
  const guess = guessLegacyEncoding(latin1);
  const fonts: LegacyEncoding[] = ['tcvn3', 'vni', 'viscii'];
  if (fonts.includes(guess.encoding as LegacyEncoding) && guess.confidence >= 0.5) {
    return { text: convertLegacy(latin1, guess.encoding as LegacyEncoding, guess.upperCase ? { upperCase: true } : {}), encoding: guess.encoding };
  }
  const cp1258 = iconv.decode(Buffer.from(b), 'cp1258').normalize('NFC');
  if (readsAsVietnamese(cp1258) || (scan.multiByte === 0 && bad >= MIN_SINGLE_BYTE_EVIDENCE)) return { text: cp1258, encoding: 'windows-1258' };
  return null;
}

/** High bytes, none of them UTF-8, from which a file is taken to be single-byte without Vietnamese evidence. */
const MIN_SINGLE_BYTE_EVIDENCE = 8;

/** Whether most words with a letter beyond ASCII are Vietnamese syllables (at least two of them). */
function readsAsVietnamese(text: string): boolean {
  const sample = text.length > LEGACY_SAMPLE_CHARS ? text.slice(0, LEGACY_SAMPLE_CHARS) : text;
  let words = 0;
  let vietnamese = 0;
  for (const w of sample.match(/[\p{L}\p{M}]*[^\p{ASCII}\P{L}][\p{L}\p{M}]*/gu) ?? []) {
    words++;
    if (isVietnameseSyllable(w)) vietnamese++;
  }
  return vietnamese >= 2 && vietnamese >= 0.7 * words;
}

/** Lines named in the warning: enough to find the damage, not a page of numbers. */
export const MAX_INVALID_LINES = 10;

/** How many bytes are not UTF-8, and on which lines of the file (counted by LF) the first are. */
function invalidBytes(b: Uint8Array): InvalidBytes {
  const lines: number[] = [];
  let moreLines = false;
  let line = 1;
  let from = 0;
  const { bad } = scanUtf8(b, (at) => {
    if (moreLines) return;
    for (let i = from; i < at; i++) if (b[i] === 0x0a) line++;
    from = at;
    if (lines[lines.length - 1] === line) return;
    if (lines.length === MAX_INVALID_LINES) moreLines = true;
    else lines.push(line);
  });
  return { count: bad, lines, moreLines };
}

/**
 * The import's warning for bytes replaced in a text read as UTF-8, e.g. "3 byte lỗi mã hóa
 * UTF-8 đã được thay bằng �, ở dòng 12, 40, 41."
 */
export function invalidBytesWarning(invalid: InvalidBytes): string {
  const more = invalid.moreLines ? ', …' : '';
  return `${invalid.count} byte lỗi mã hóa UTF-8 đã được thay bằng \ufffd, ở dòng ${invalid.lines.join(', ')}${more}.`;
}

/**
 * Text that is valid Unicode but was typed in a legacy font (a TCVN3, VNI or VISCII file
 * converted to UTF-8 as if it were Latin-1: "§¶ng", "Ñaûng"), or plain ASCII in VIQR
 * ("DDa?ng"): converted when the guess is confident. Text with real Vietnamese letters is never
 * touched.
 */
export function fromLegacyFont(text: string, encoding: string): DecodedText {
  const guess = guessLegacyEncoding(text);
  if (guess.encoding !== 'unicode' && guess.confidence >= 0.6) {
    return { text: convertLegacy(text, guess.encoding, guess.upperCase ? { upperCase: true } : {}), encoding: `${encoding}+${guess.encoding}` };
  }
  return { text, encoding };
}

/**
 * Drops the spaces and tabs at the end of every line, in linear time: the obvious /[ \t]+$/gm is
 * quadratic on a long run of spaces that does not end a line (200,000 spaces then a letter took
 * 49 s; a hostile file of a few MB would hold the import for hours).
 */
export function trimLineEnds(s: string): string {
  const lines = s.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let end = line.length;
    while (end > 0) {
      const c = line.charCodeAt(end - 1);
      if (c !== 0x20 && c !== 0x09) break;
      end--;
    }
    if (end !== line.length) lines[i] = line.slice(0, end);
  }
  return lines.join('\n');
}

/** Normalises line endings, drops trailing spaces and runs of blank lines. */
export function tidyText(s: string): string {
  return trimLineEnds(s.replace(/\r\n?/g, '\n')).replace(/\n{3,}/g, '\n\n').trim();
}
