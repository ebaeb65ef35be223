/** Reading a produced PDF back with pdfjs (the legacy build runs in Node). */
import { readFileSync } from 'node:fs';

export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** PostScript name of the font, e.g. "ABCDEF+LiberationSerif-Bold". */
  font: string;
}

export interface PdfPage {
  width: number;
  height: number;
  items: TextItem[];
}

export interface PdfRead {
  pages: PdfPage[];
  labels: string[] | null;
  info: Record<string, unknown>;
  outline: { title: string; items: unknown[] }[];
}

export async function readPdf(file: string): Promise<PdfRead> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(readFileSync(file));
  const doc = await pdfjs.getDocument({ data, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , w, h] = page.view as [number, number, number, number];
    // The operator list loads the fonts into commonObjs, where their real names live.
    await page.getOperatorList();
    const tc = await page.getTextContent();
    const items: TextItem[] = [];
    for (const it of tc.items) {
      if (!('str' in it)) continue;
      let font = it.fontName;
      try {
        font = (page.commonObjs.get(it.fontName) as { name: string }).name;
      } catch {
        // keep the loaded name
      }
      items.push({ str: it.str, x: it.transform[4], y: it.transform[5], width: it.width, size: Math.hypot(it.transform[0], it.transform[1]), font });
    }
    pages.push({ width: w, height: h, items });
    page.cleanup();
  }
  const labels = await doc.getPageLabels();
  const meta = await doc.getMetadata();
  const outline = ((await doc.getOutline()) ?? []) as { title: string; items: unknown[] }[];
  await doc.destroy();
  return { pages, labels, info: meta.info as Record<string, unknown>, outline };
}

/** A printed line: the items of one baseline, left to right. */
export interface PrintedLine {
  text: string;
  x: number;
  width: number;
}

/**
 * The lines of a page, top to bottom: its non-blank items grouped by baseline, those whose x
 * passes `inColumn` (one column of the index), joined by `joiner` ('' where pdf.js already
 * returns the spaces as items, ' ' to read a column's words).
 */
export function printedLines(page: PdfPage, inColumn: (x: number) => boolean = () => true, joiner = ''): PrintedLine[] {
  const rows = new Map<number, TextItem[]>();
  for (const it of page.items) {
    if (it.str.trim() === '' || !inColumn(it.x)) continue;
    const y = Math.round(it.y);
    rows.set(y, [...(rows.get(y) ?? []), it]);
  }
  return [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, items]) => {
      items.sort((a, b) => a.x - b.x);
      const x = items[0]!.x;
      const end = Math.max(...items.map((i) => i.x + i.width));
      return { text: items.map((i) => i.str).join(joiner).replace(/\s+/g, ' ').trim(), x, width: end - x };
    });
}
