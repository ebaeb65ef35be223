/**
 * Finds the scanned image of a PDF page with pdf-lib and returns its encoded bytes untouched:
 * walks the page's Resources → XObject (recursing into Form XObjects) and, when the page shows
 * exactly one image that fills the page and is a plain JPEG (DCTDecode) or CCITT G4 stream,
 * returns that stream's bytes (the JPEG file, byte-identical) or wraps the CCITT data in a TIFF
 * container without re-encoding it.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFBool, PDFRawStream, PDFRef, type PDFDocument, type PDFPage, type PDFObject } from 'pdf-lib';

export interface PdfImageInfo {
  width: number;
  height: number;
  filters: string[];
  stream: PDFRawStream | null;
  dict: PDFDict;
}

export type EmbeddedScan =
  | { kind: 'jpeg'; bytes: Uint8Array; width: number; height: number }
  | { kind: 'ccitt'; bytes: Uint8Array; width: number; height: number };

function nameOf(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFName ? o.decodeText() : undefined;
}

function numberOf(o: PDFObject | undefined): number | undefined {
  return o instanceof PDFNumber ? o.asNumber() : undefined;
}

function filtersOf(dict: PDFDict): string[] {
  const f = dict.lookup(PDFName.of('Filter'));
  if (f instanceof PDFName) return [f.decodeText()];
  if (f instanceof PDFArray) return f.asArray().map((x) => nameOf(dict.context.lookup(x)) ?? '?');
  return [];
}

/** Every image XObject a page can draw, through nested Forms (each object once). */
export function pageImages(page: PDFPage): PdfImageInfo[] {
  const out: PdfImageInfo[] = [];
  const seen = new Set<string>();
  const visit = (resources: PDFDict | undefined, depth: number) => {
    if (!resources || depth > 12) return;
    const xobjects = resources.lookup(PDFName.of('XObject'));
    if (!(xobjects instanceof PDFDict)) return;
    for (const [, value] of xobjects.entries()) {
      const key = value instanceof PDFRef ? value.toString() : null;
      if (key) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
      const obj = value instanceof PDFRef ? xobjects.context.lookup(value) : value;
      const dict = obj instanceof PDFRawStream ? obj.dict : obj instanceof PDFDict ? obj : null;
      if (!dict) continue;
      const subtype = nameOf(dict.lookup(PDFName.of('Subtype')));
      if (subtype === 'Image') {
        out.push({
          width: numberOf(dict.lookup(PDFName.of('Width'))) ?? 0,
          height: numberOf(dict.lookup(PDFName.of('Height'))) ?? 0,
          filters: filtersOf(dict),
          stream: obj instanceof PDFRawStream ? obj : null,
          dict,
        });
      } else if (subtype === 'Form') {
        const own = dict.lookup(PDFName.of('Resources'));
        visit(own instanceof PDFDict ? own : resources, depth + 1);
      }
    }
  };
  const res = page.node.Resources();
  visit(res, 0);
  return out;
}

function isDefaultDecode(dict: PDFDict): boolean | 'inverted' {
  const d = dict.lookup(PDFName.of('Decode'));
  if (!(d instanceof PDFArray)) return true;
  const values = d.asArray().map((x) => numberOf(dict.context.lookup(x)));
  if (values.every((v, i) => v === (i % 2 === 0 ? 0 : 1))) return true;
  if (values.length === 2 && values[0] === 1 && values[1] === 0) return 'inverted';
  return false;
}

/**
 * The page's one scan, if the page is exactly one JPEG or CCITT G4 image filling the page (its
 * aspect ratio matches the page's within 3% and it is at least 50 dpi); otherwise null and the
 * page gets rendered.
 */
export function embeddedScan(page: PDFPage, pageWidthPt: number, pageHeightPt: number): EmbeddedScan | null {
  const images = pageImages(page);
  if (images.length !== 1) return null;
  const img = images[0]!;
  if (!img.stream || img.width <= 0 || img.height <= 0) return null;
  const d = img.dict;
  if (d.has(PDFName.of('SMask')) || d.has(PDFName.of('Mask'))) return null;
  if (d.lookup(PDFName.of('ImageMask')) instanceof PDFBool && (d.lookup(PDFName.of('ImageMask')) as PDFBool).asBoolean()) return null;
  const pageRatio = pageWidthPt / pageHeightPt;
  const imageRatio = img.width / img.height;
  if (Math.abs(imageRatio / pageRatio - 1) > 0.03) return null;
  if ((img.width / pageWidthPt) * 72 < 50) return null;
  const decode = isDefaultDecode(d);
  if (img.filters.length === 1 && img.filters[0] === 'DCTDecode') {
    if (decode !== true) return null;
    return { kind: 'jpeg', bytes: img.stream.contents, width: img.width, height: img.height };
  }
  if (img.filters.length === 1 && img.filters[0] === 'CCITTFaxDecode' && decode !== false) {
    const parms = d.lookup(PDFName.of('DecodeParms'));
    const p = parms instanceof PDFDict ? parms : parms instanceof PDFArray ? d.context.lookup(parms.get(0)) : undefined;
    const pd = p instanceof PDFDict ? p : undefined;
    const k = numberOf(pd?.lookup(PDFName.of('K'))) ?? 0;
    const columns = numberOf(pd?.lookup(PDFName.of('Columns'))) ?? 1728;
    const blackIs1 = pd?.lookup(PDFName.of('BlackIs1'));
    const byteAlign = pd?.lookup(PDFName.of('EncodedByteAlign'));
    if (k >= 0 || columns !== img.width) return null;
    if (byteAlign instanceof PDFBool && byteAlign.asBoolean()) return null;
    const black1 = blackIs1 instanceof PDFBool && blackIs1.asBoolean();
    const inverted = black1 !== (decode === 'inverted');
    return { kind: 'ccitt', bytes: ccittG4Tiff(img.stream.contents, img.width, img.height, inverted), width: img.width, height: img.height };
  }
  return null;
}

/**
 * Wraps CCITT Group 4 data in a one-strip TIFF (Compression 4) without touching the data.
 * `inverted`: the PDF shows the runs inverted relative to fax convention (PhotometricInterpretation
 * BlackIsZero instead of WhiteIsZero).
 */
export function ccittG4Tiff(data: Uint8Array, width: number, height: number, inverted: boolean): Uint8Array {
  const entries: [tag: number, type: 3 | 4, value: number][] = [
    [256, 4, width],
    [257, 4, height],
    [258, 3, 1],
    [259, 3, 4],
    [262, 3, inverted ? 1 : 0],
    [273, 4, 0], // StripOffsets, patched below
    [277, 3, 1],
    [278, 4, height],
    [279, 4, data.length],
    [293, 4, 0],
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataOffset = 8 + ifdSize;
  const out = new Uint8Array(dataOffset + data.length);
  const v = new DataView(out.buffer);
  out.set([0x49, 0x49, 0x2a, 0x00]);
  v.setUint32(4, 8, true);
  v.setUint16(8, entries.length, true);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    v.setUint16(at, tag, true);
    v.setUint16(at + 2, type, true);
    v.setUint32(at + 4, 1, true);
    if (tag === 273) value = dataOffset;
    if (type === 3) v.setUint16(at + 8, value, true);
    else v.setUint32(at + 8, value, true);
  });
  v.setUint32(10 + entries.length * 12, 0, true);
  out.set(data, dataOffset);
  return out;
}

/** Does the page (or a Form it draws) have fonts, i.e. can it have a text layer? */
export function pageHasFonts(page: PDFPage): boolean {
  const seen = new Set<PDFDict>();
  const visit = (resources: PDFDict | undefined, depth: number): boolean => {
    if (!resources || depth > 12 || seen.has(resources)) return false;
    seen.add(resources);
    const fonts = resources.lookup(PDFName.of('Font'));
    if (fonts instanceof PDFDict && fonts.entries().length > 0) return true;
    const xobjects = resources.lookup(PDFName.of('XObject'));
    if (!(xobjects instanceof PDFDict)) return false;
    for (const [, value] of xobjects.entries()) {
      const obj = value instanceof PDFRef ? xobjects.context.lookup(value) : value;
      const dict = obj instanceof PDFRawStream ? obj.dict : obj instanceof PDFDict ? obj : null;
      if (!dict || nameOf(dict.lookup(PDFName.of('Subtype'))) !== 'Form') continue;
      const own = dict.lookup(PDFName.of('Resources'));
      if (visit(own instanceof PDFDict ? own : undefined, depth + 1)) return true;
    }
    return false;
  };
  return visit(page.node.Resources(), 0);
}

/** The largest pixels-per-point of any image on the page (for rendering at native resolution). */
export function nativeScale(page: PDFPage, pageWidthPt: number, pageHeightPt: number): number | null {
  let best: number | null = null;
  for (const img of pageImages(page)) {
    if (img.width <= 0 || img.height <= 0) continue;
    const s = Math.max(img.width / pageWidthPt, img.height / pageHeightPt);
    if (best === null || s > best) best = s;
  }
  return best;
}

export type { PDFDocument };
