/**
 * Legacy Vietnamese text inside office documents, converted run by run from the font each run is
 * set in: ".VnTime" (TCVN3), ".VnTimeH" (TCVN3 drawn in capitals: the bytes are lower-case, the
 * reader sees capitals, so the converted run is upper-cased), "VNI-Times" (VNI).
 *
 * - A document whose fonts say nothing (a theme font, a font table lost in conversion) is
 *   converted as a whole when its text reads clearly as one legacy encoding.
 * - A run already in Unicode Vietnamese is never touched, whatever its font says.
 * - A document converted to Unicode by a tool that left the old font names (its legacy-font runs
 *   are mostly Unicode Vietnamese already): the fonts are not believed; a run there is converted
 *   only when its text reads better converted than as it is.
 */
import {
  convertLegacy,
  detectLegacyEncoding,
  legacyFontEncoding,
  type LegacyEncoding,
} from '../../../../shared/text/legacyEncoding';

/** How much text the whole-document guess reads (see textDecoding.ts, LEGACY_SAMPLE_CHARS). */
const SAMPLE_CHARS = 65_536;

const UNICODE_ONLY_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/u;

export interface Run {
  text: string;
  font: string | null;
}

/**
 * Converts the runs of one document in place (see the module comment). Returns the encodings
 * converted, most used first.
 */
export function convertRuns(runs: Run[]): LegacyEncoding[] {
  const counts = new Map<LegacyEncoding, number>();
  const count = (e: LegacyEncoding, n: number) => counts.set(e, (counts.get(e) ?? 0) + n);
  const legacyRuns = runs.filter((r) => r.text && r.font && legacyFontEncoding(r.font));

  if (legacyRuns.length > 0) {
    // Do the legacy fonts still hold legacy text? Weigh their runs with letters beyond ASCII.
    let unicodeChars = 0;
    let otherChars = 0;
    for (const r of legacyRuns) {
      if (!/[^\x00-\x7f]/.test(r.text)) continue;
      if (UNICODE_ONLY_VIETNAMESE.test(r.text)) unicodeChars += r.text.length;
      else otherChars += r.text.length;
    }
    const fontsLie = unicodeChars > otherChars;
    for (const r of legacyRuns) {
      const guess = fontsLie ? detectLegacyEncoding(r.text) : detectLegacyEncoding(r.text, [r.font!]);
      if (guess.encoding === 'unicode' || (fontsLie && guess.confidence < 0.6)) continue;
      // A capitals font says so even when the text alone was the evidence.
      const upperCase = guess.upperCase ?? (guess.encoding === 'tcvn3' && legacyFontEncoding(r.font!)?.upperCase === true);
      count(guess.encoding, r.text.length);
      r.text = convertLegacy(r.text, guess.encoding, upperCase ? { upperCase: true } : {});
    }
  } else {
    const all = runs.map((r) => r.text).join(' ');
    const guess = detectLegacyEncoding(all.length > SAMPLE_CHARS ? all.slice(0, SAMPLE_CHARS) : all);
    if ((guess.encoding === 'tcvn3' || guess.encoding === 'vni' || guess.encoding === 'viscii') && guess.confidence >= 0.6) {
      for (const r of runs) {
        if (!r.text) continue;
        const converted = convertLegacy(r.text, guess.encoding);
        if (converted !== r.text) count(guess.encoding, r.text.length);
        r.text = converted;
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([e]) => e);
}

/**
 * A title from the document's properties, typed in the same legacy encoding as the text (the
 * properties box showed it in the system font, so it has no font of its own): converted with the
 * document's main encoding unless it is Unicode Vietnamese already.
 */
export function convertTitle(t: string | undefined, used: readonly LegacyEncoding[]): string | undefined {
  if (!t) return t;
  const main = used[0];
  if (!main || main === 'viqr' || UNICODE_ONLY_VIETNAMESE.test(t)) return t.normalize('NFC');
  return convertLegacy(t, main);
}
