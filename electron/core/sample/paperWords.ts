/**
 * The words printed on a typeset page, as pdf.js reads them back from the PDF: each with its box
 * on the page and the line it belongs to, in reading order (the order the typesetter drew the
 * lines: the header's left column, then its right one, then the text). The sample project keeps
 * them as the OCR layer of its scans.
 *
 * pdf.js gives one item per drawn line (per face); the words inside are placed with the font's
 * own advances, and the room a justified line adds goes to its spaces, as the typesetter did it.
 */
import type { Font } from 'fontkit';
import type { PDFDocumentProxy } from '../archive/pdf/pdfjs';

export interface PrintedWord {
  text: string;
  /** [left, top, right, bottom], points from the page's top-left corner. */
  box: [number, number, number, number];
  /** Line index, 0-based in reading order. */
  line: number;
  /** The line's baseline, points from the page's top. */
  baseline: number;
  /** Where each character (code point) of `text` begins and the last ends, points: n + 1 edges. */
  edges: number[];
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

/** Advance of `text` in a font, em units of 1000. */
function advance(font: Font | undefined, text: string): number {
  if (!text) return 0;
  if (!font) return text.length * 500;
  return (font.layout(text).advanceWidth * 1000) / font.unitsPerEm;
}

/**
 * The words of page `pageNo` (1-based). `fontFor` finds a face by PostScript name (the PDF's font
 * names carry a subset prefix, "ABCDEF+LiberationSerif-Bold").
 */
export async function printedWords(pdf: PDFDocumentProxy, pageNo: number, fontFor: (postscriptName: string) => Font | undefined): Promise<PrintedWord[]> {
  const page = await pdf.getPage(pageNo);
  const content = await page.getTextContent();
  // The fonts' names are known once the page's operators are read.
  await page.getOperatorList();
  const height = page.view[3]! - page.view[1]!;
  const fonts = new Map<string, { font: Font | undefined; ascent: number; descent: number }>();
  const fontOf = (name: string) => {
    let f = fonts.get(name);
    if (!f) {
      let ps = '';
      try {
        ps = String((page.commonObjs.get(name) as { name?: string } | undefined)?.name ?? '');
      } catch {
        ps = '';
      }
      const style = content.styles[name];
      f = { font: fontFor(ps.replace(/^[A-Z]{6}\+/, '')), ascent: style?.ascent ?? 0.89, descent: style?.descent ?? -0.22 };
      fonts.set(name, f);
    }
    return f;
  };
  const words: PrintedWord[] = [];
  let line = -1;
  let lastBase = Number.NaN;
  let lastEnd = Number.NaN;
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const item = raw as TextItem;
    const text = item.str.normalize('NFC');
    if (!text.trim()) continue;
    const size = Math.hypot(item.transform[0]!, item.transform[1]!);
    const x0 = item.transform[4]!;
    const base = height - item.transform[5]!;
    // A new line unless this item goes on where the last one ended (a change of face mid-line).
    if (!(Math.abs(base - lastBase) < size * 0.3 && x0 >= lastEnd - size * 0.5)) line++;
    lastBase = base;
    lastEnd = x0 + item.width;
    const { font, ascent, descent } = fontOf(item.fontName);
    const scale = size / 1000;
    // A justified line's extra room, shared by its spaces.
    const spaces = (text.match(/ /g) ?? []).length;
    const extra = spaces ? (item.width - advance(font, text) * scale) / spaces : 0;
    for (const m of text.matchAll(/\S+/gu)) {
      const before = text.slice(0, m.index);
      const left = x0 + advance(font, before) * scale + (before.match(/ /g) ?? []).length * extra;
      const edges = [left];
      let x = left;
      for (const ch of m[0]) {
        x += advance(font, ch) * scale;
        edges.push(x);
      }
      // Characters measured one by one ignore kerning: stretched to the word's kerned width.
      const right = left + advance(font, m[0]) * scale;
      const k = x > left ? (right - left) / (x - left) : 1;
      for (let i = 1; i < edges.length; i++) edges[i] = left + (edges[i]! - left) * k;
      words.push({ text: m[0], box: [left, base - ascent * size, right, base - descent * size], line, baseline: base, edges });
    }
  }
  page.cleanup();
  return words;
}
