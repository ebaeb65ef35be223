/**
 * Text layers of PDFs printed from documents typed in legacy Vietnamese fonts. Such a PDF names
 * its fonts ".VnTime", "ABCDEF+.VnTimeH,Bold", "VNI-Times"… and maps the font's codes to
 * Latin-1 characters, so pdf.js reads "§¶ng bé" for "Đảng bộ". Each text item is converted from
 * the font it is drawn in (pdf.js loads a page's fonts when it draws it; a page not drawn has its
 * operator list read for that, only when the page names a legacy font), ".VnTimeH" capitals
 * upper-cased. A page whose fonts say nothing is converted as a whole when its text reads clearly
 * as one legacy encoding.
 *
 * Two characters do not survive pdf.js's reading of these fonts: TCVN3's "ư" (0xAD, the soft
 * hyphen) comes out as "-", and "à" (0xB5, the micro sign) as the Greek "μ". Both are put back
 * in legacy text: "μ" always, "-" when it stands inside a word that is Vietnamese only with "ư"
 * there ("th-êng" → "thường", "-u" → "ưu"; "Xô-viết" and "16-NQ/TW" keep their hyphens).
 */
import { PDFDict, PDFName, PDFRawStream, PDFRef, type PDFPage } from 'pdf-lib';
import {
  convertLegacy,
  detectLegacyEncoding,
  legacyFontEncoding,
  type LegacyEncoding,
} from '../../../../shared/text/legacyEncoding';
import { parseSyllable } from '../../../../shared/text/syllable';

/** The BaseFont names a page's text is drawn in (its fonts and those of its Form XObjects). */
export function pageFontNames(page: PDFPage): string[] {
  const names = new Set<string>();
  const seen = new Set<PDFDict>();
  const visit = (resources: PDFDict | undefined, depth: number) => {
    if (!resources || depth > 12 || seen.has(resources)) return;
    seen.add(resources);
    const fonts = resources.lookup(PDFName.of('Font'));
    if (fonts instanceof PDFDict) {
      for (const [, value] of fonts.entries()) {
        const font = value instanceof PDFRef ? fonts.context.lookup(value) : value;
        if (!(font instanceof PDFDict)) continue;
        const base = font.lookup(PDFName.of('BaseFont'));
        if (base instanceof PDFName) names.add(base.decodeText());
      }
    }
    const xobjects = resources.lookup(PDFName.of('XObject'));
    if (!(xobjects instanceof PDFDict)) return;
    for (const [, value] of xobjects.entries()) {
      const obj = value instanceof PDFRef ? xobjects.context.lookup(value) : value;
      const dict = obj instanceof PDFRawStream ? obj.dict : obj instanceof PDFDict ? obj : null;
      if (!dict) continue;
      const own = dict.lookup(PDFName.of('Resources'));
      visit(own instanceof PDFDict ? own : undefined, depth + 1);
    }
  };
  visit(page.node.Resources(), 0);
  return [...names];
}

/** What this module needs of a pdf.js page. */
export interface PdfjsPageLike {
  commonObjs: { has(id: string): boolean; get(id: string): unknown };
  getOperatorList(): Promise<unknown>;
}

interface Item {
  str?: string;
  fontName?: string;
  hasEOL?: boolean;
}

/** Characters pdf.js gives for TCVN3 bytes that are not the Latin-1 ones (see the module comment). */
function restoreBytes(s: string): string {
  // Symbolic fonts read without an encoding: the codes come out in the private use area.
  return s.replace(/\u03bc/g, '\u00b5').replace(/[\uf020-\uf0ff]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xf000));
}

const isValidWord = (w: string) => {
  const pieces = w.split(/[^\p{L}]+/u).filter(Boolean);
  return pieces.length > 0 && pieces.every((p) => parseSyllable(p) !== null);
};

/** TCVN3 text whose "ư" came out as "-": put back where only "ư" makes the word Vietnamese. */
function restoreTcvn3Hyphens(s: string): string {
  if (!s.includes('-')) return s;
  return s.replace(/[^\s]*-[^\s]*/g, (word) => {
    if (/\d/.test(word)) return word;
    const withU = word.replace(/-/g, '\u00ad');
    if (!isValidWord(convertLegacy(withU, 'tcvn3'))) return word;
    // A hyphen that joins two real syllables ("Xô-viết") stays, unless the word begins with it ("-u" is "ưu").
    const asHyphen = convertLegacy(word, 'tcvn3');
    return /^[^\p{L}]*-\p{L}/u.test(word) || !isValidWord(asHyphen) ? withU : word;
  });
}

function convertItem(s: string, encoding: LegacyEncoding, upperCase: boolean): string {
  let text = restoreBytes(s);
  if (encoding === 'tcvn3') text = restoreTcvn3Hyphens(text);
  return convertLegacy(text, encoding, upperCase ? { upperCase: true } : {});
}

/**
 * The page's text items with legacy-font text converted (the items are copied, never changed),
 * and the encoding converted, if any. `fontNames`: what pdf-lib found on the page, or null when
 * pdf-lib could not read the file.
 */
export async function convertLegacyItems(
  page: PdfjsPageLike,
  items: readonly unknown[],
  fontNames: readonly string[] | null,
): Promise<{ items: unknown[]; encoding: LegacyEncoding | null }> {
  const list = items as Item[];
  const legacyOnPage = fontNames?.some((f) => legacyFontEncoding(f) !== null) ?? false;
  if (legacyOnPage) {
    // Which font each item is drawn in: pdf.js knows once the page's fonts are loaded.
    const ids = [...new Set(list.map((i) => i.fontName).filter((f): f is string => !!f))];
    if (ids.some((id) => !page.commonObjs.has(id))) {
      try {
        await page.getOperatorList();
      } catch {
        /* fonts stay unknown: the page-wide guess below decides */
      }
    }
    const nameOf = new Map<string, string>();
    for (const id of ids) {
      if (!page.commonObjs.has(id)) continue;
      const font = page.commonObjs.get(id) as { name?: unknown } | null;
      if (font && typeof font.name === 'string') nameOf.set(id, font.name);
    }
    if (nameOf.size > 0) {
      let used: LegacyEncoding | null = null;
      const out = list.map((item) => {
        if (typeof item.str !== 'string' || !item.str || !item.fontName) return item;
        const font = nameOf.get(item.fontName);
        if (!font || !legacyFontEncoding(font)) return item;
        const guess = detectLegacyEncoding(restoreBytes(item.str), [font]);
        if (guess.encoding === 'unicode') return item;
        used ??= guess.encoding;
        return { ...item, str: convertItem(item.str, guess.encoding, !!guess.upperCase) };
      });
      return { items: out, encoding: used };
    }
  }
  // No font said so: the page's text as a whole, when it reads clearly as TCVN3, VNI or VISCII.
  const all = list.map((i) => (typeof i.str === 'string' ? i.str : '')).join(' ');
  if (!/[\u0080-\u00ff\u03bc]/.test(all)) return { items: [...list], encoding: null };
  const guess = detectLegacyEncoding(restoreBytes(all), fontNames ?? []);
  if ((guess.encoding === 'tcvn3' || guess.encoding === 'vni' || guess.encoding === 'viscii') && guess.confidence >= 0.6) {
    const encoding = guess.encoding;
    // Capitals only when every legacy font of the page is a capitals font (which item is in which is not known here).
    const legacyFonts = (fontNames ?? []).map((f) => legacyFontEncoding(f)).filter((f) => f !== null);
    const upperCase = legacyFonts.length > 0 && legacyFonts.every((f) => f.upperCase);
    return {
      items: list.map((item) => (typeof item.str === 'string' && item.str ? { ...item, str: convertItem(item.str, encoding, upperCase) } : item)),
      encoding,
    };
  }
  return { items: [...list], encoding: null };
}
