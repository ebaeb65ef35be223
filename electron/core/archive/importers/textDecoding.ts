/**
 * Decodes the bytes of a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy
 * single-byte encoding when the bytes are not valid UTF-8 (TCVN3, VNI, VISCII, else Windows-1258,
 * the Vietnamese Windows code page). Plain ASCII written in VIQR ("DDa?ng bo^.") and legacy-font
 * text saved as UTF-8 are converted too. The result is NFC.
 */
import iconv from 'iconv-lite';
import { convertLegacy, detectLegacyEncoding } from '../../../../shared/text/legacyEncoding';

export interface DecodedText {
  text: string;
  encoding: string;
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
  // Not UTF-8: a legacy Vietnamese encoding (TCVN3/ABC, VNI, VISCII) read byte by byte, or else
  // the Vietnamese Windows code page.
  const latin1 = Buffer.from(b).toString('latin1');
  const guess = guessLegacyEncoding(latin1);
  if ((guess.encoding === 'tcvn3' || guess.encoding === 'vni' || guess.encoding === 'viscii') && guess.confidence >= 0.5) {
    return { text: convertLegacy(latin1, guess.encoding, guess.upperCase ? { upperCase: true } : {}), encoding: guess.encoding };
  }
  return { text: iconv.decode(Buffer.from(b), 'cp1258').normalize('NFC'), encoding: 'windows-1258' };
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
