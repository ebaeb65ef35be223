/**
 * Writes a searchable PDF of an archived document: each scan image on a page of its own, with
 * an invisible text layer (render mode 3) over it, so a reader can search, select and copy the
 * text of the scan. Words with OCR boxes are laid at their boxes; a page with only a typed
 * transcription gets its lines laid top to bottom over the page.
 *
 * - Images are never re-encoded: JPEG is embedded byte-identical (DCTDecode); PNG's compressed
 *   pixel data is copied as is (FlateDecode with the PNG predictors). Only PNGs a PDF cannot take
 *   that way (alpha, 16-bit, interlaced, transparent palettes) are converted with sharp.
 * - Display rotation is the page's /Rotate; EXIF orientation is applied through the image matrix.
 * - Text uses a subset of Noto Sans as a Type0/CIDFontType2 font with one CID per character (no
 *   shaping, no ligatures) and a ToUnicode map, so extraction gives back the exact NFC text, even
 *   for characters the font lacks (their glyph is .notdef, which is never seen).
 */
import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, degrees } from 'pdf-lib';
import sharp, { type Metadata } from 'sharp';
import type { OcrWord } from '../../../shared/archive/ocr';
import { UserFacingError } from '../../../shared/errors';
import { decodeOptions } from '../archive/thumbnails';
import { toUnicodeCMap } from '../publish/draw/toUnicodeCMap';
import { resourcePath } from '../resources';

export interface SearchablePage {
  /** The page image as the archive serves it. */
  image: { bytes: Uint8Array; mime: 'image/jpeg' | 'image/png' };
  /** Pixels of that image (the size the word boxes refer to). */
  width: number;
  height: number;
  /** Clockwise display rotation: 0, 90, 180 or 270. */
  rotation: number;
  /** Default: the image's own resolution when it states a plausible one, else 300. */
  dpi?: number;
  /** Word boxes from OCR, in image pixels. */
  words: OcrWord[] | null;
  /** The page's transcription (typed or OCR): used when there are no word boxes, or when they no longer match it. */
  text: string;
}

export interface SearchablePdfInput {
  title: string;
  author?: string;
  subject?: string;
  /** BCP 47 language of the text; default 'vi'. */
  language?: string;
  pages: SearchablePage[];
}

const FONT_FILE = ['fonts', 'noto-sans', 'NotoSans-Regular.ttf'] as const;
const FONT_KEY = PDFName.of('F1');
const DEFAULT_DPI = 300;
/** Largest page side most readers accept (200 inches). */
const MAX_PAGE_SIDE = 14400;
/** Fewer word/text matches than this share: the words belong to another text, so the text is laid out instead. */
const MIN_MATCH_SHARE = 0.5;
/** Above this many token × word cells the alignment is not attempted. */
const MAX_ALIGN_CELLS = 4_000_000;

export async function writeSearchablePdf(input: SearchablePdfInput): Promise<Uint8Array> {
  if (!input.pages.length) throw new UserFacingError('ocr.pdf-no-pages', 'Tài liệu không có trang nào để ghi ra PDF.');
  input.pages.forEach(checkPage);
  const [font, images] = await Promise.all([loadFont(), mapLimit(input.pages, 3, prepareImage)]);

  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  // Allocated at the first page with text: a document without any text has no font.
  let fontRef: PDFRef | null = null;
  const glyphs = new GlyphMap(font);

  for (let i = 0; i < input.pages.length; i++) {
    const page = input.pages[i]!;
    const img = images[i]!;
    const geo = pageGeometry(page, img, i);
    const imageRef = img.kind === 'jpeg' ? await embedJpeg(doc, img.bytes, i) : ctx.register(ctx.stream(img.idat, img.dict as never));
    const pdfPage = doc.addPage([geo.pw, geo.ph]);
    if (geo.rotation) pdfPage.setRotation(degrees(geo.rotation));
    const im = pdfPage.node.newXObject('Im', imageRef);
    const ops = [`q ${geo.imageMatrix.map(fmt).join(' ')} cm ${im.asString()} Do Q`];
    const text = textOps(page, geo, glyphs, FONT_KEY.asString());
    if (text) {
      fontRef ??= ctx.nextRef();
      pdfPage.node.setFontDictionary(FONT_KEY, fontRef);
      ops.push(text);
    }
    pdfPage.node.addContentStream(ctx.register(ctx.stream(deflateSync(Buffer.from(ops.join('\n'), 'latin1')), { Filter: 'FlateDecode' })));
  }
  if (fontRef) embedFont(doc, fontRef, glyphs);

  const now = new Date();
  doc.setTitle(nfc(input.title), { showInWindowTitleBar: true });
  if (input.author) doc.setAuthor(nfc(input.author));
  if (input.subject) doc.setSubject(nfc(input.subject));
  doc.setLanguage(input.language || 'vi');
  doc.setProducer('Sử Quán');
  doc.setCreator('Sử Quán');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

// ---------------------------------------------------------------------------------------------
// Input checks and images

function checkPage(p: SearchablePage, i: number): void {
  const n = i + 1;
  if (!Number.isFinite(p.rotation) || ![0, 90, 180, 270].includes(((p.rotation % 360) + 360) % 360))
    throw new UserFacingError('ocr.pdf-bad-rotation', `Góc xoay của trang ${n} phải là 0, 90, 180 hoặc 270 độ (nhận được ${p.rotation}).`);
  if (!(p.width > 0 && p.height > 0 && Number.isFinite(p.width) && Number.isFinite(p.height)))
    throw new UserFacingError('ocr.pdf-bad-size', `Kích thước ảnh của trang ${n} không hợp lệ (${p.width} × ${p.height} điểm ảnh).`);
  if (p.dpi !== undefined && !(p.dpi > 0 && Number.isFinite(p.dpi)))
    throw new UserFacingError('ocr.pdf-bad-dpi', `Độ phân giải của trang ${n} không hợp lệ (${p.dpi} dpi).`);
  if (!p.image?.bytes?.length) throw new UserFacingError('ocr.pdf-bad-image', `Trang ${n} không có ảnh.`);
}

type PreparedImage = {
  /** Stored pixel size and EXIF orientation (1–8), and the resolution the file states, if plausible. */
  width: number;
  height: number;
  orientation: number;
  density: number | undefined;
} & ({ kind: 'jpeg'; bytes: Uint8Array } | { kind: 'png'; idat: Uint8Array; dict: Record<string, unknown> });

async function prepareImage(page: SearchablePage, i: number): Promise<PreparedImage> {
  const n = i + 1;
  const bytes = page.image.bytes;
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isPng = bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  // The bytes decide, not the declared type: a mislabelled file is still the picture the reader saw.
  if (!isJpeg && !isPng) throw new UserFacingError('ocr.pdf-bad-image', `Không đọc được ảnh của trang ${n}: tệp không phải ảnh JPEG hay PNG, hoặc đã hỏng.`);
  let meta: Metadata;
  try {
    meta = await sharp(bytes, decodeOptions()).metadata();
    // Decoding the whole image is the check that it is not truncated: a reader would show a broken page.
    await sharp(bytes, decodeOptions()).resize({ width: 64, height: 64, fit: 'inside' }).raw().toBuffer();
  } catch (e) {
    const tooLarge = /pixel limit/i.test(String((e as Error)?.message));
    throw new UserFacingError(
      tooLarge ? 'ocr.pdf-image-too-large' : 'ocr.pdf-bad-image',
      tooLarge ? `Ảnh của trang ${n} quá lớn để đưa vào PDF.` : `Không đọc được ảnh của trang ${n}: tệp ảnh bị hỏng hoặc không trọn vẹn.`,
    );
  }
  const density = meta.density && meta.density >= 100 && meta.density <= 2400 ? meta.density : undefined;
  const orientation = meta.orientation && meta.orientation >= 1 && meta.orientation <= 8 ? meta.orientation : 1;
  if (isJpeg) {
    if (!meta.width || !meta.height) throw new UserFacingError('ocr.pdf-bad-image', `Không đọc được ảnh của trang ${n}: tệp ảnh bị hỏng hoặc không trọn vẹn.`);
    return { kind: 'jpeg', bytes, width: meta.width, height: meta.height, orientation, density };
  }
  let png = parsePng(bytes);
  if (!png || !pngFitsPdf(png)) {
    const gray = meta.channels !== undefined && meta.channels <= 2 && !meta.isPalette;
    const converted = await sharp(bytes, decodeOptions())
      .flatten({ background: '#ffffff' })
      .toColourspace(gray ? 'b-w' : 'srgb')
      .png({ compressionLevel: 6, adaptiveFiltering: true, palette: false })
      .toBuffer();
    png = parsePng(converted);
    if (!png || !pngFitsPdf(png)) throw new Error(`page ${n}: sharp's PNG cannot be embedded directly`);
  }
  const colorSpace =
    png.colorType === 3
      ? ['Indexed', 'DeviceRGB', png.palette!.length / 3 - 1, PDFHexString.of(Buffer.from(png.palette!).toString('hex'))]
      : png.colorType === 2
        ? 'DeviceRGB'
        : 'DeviceGray';
  const colors = png.colorType === 2 ? 3 : 1;
  return {
    kind: 'png',
    idat: png.idat,
    dict: {
      Type: 'XObject',
      Subtype: 'Image',
      Width: png.width,
      Height: png.height,
      ColorSpace: colorSpace,
      BitsPerComponent: png.bitDepth,
      Filter: 'FlateDecode',
      DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: png.bitDepth, Columns: png.width },
    },
    width: png.width,
    height: png.height,
    orientation,
    density,
  };
}

/** pdf-lib reads the JPEG's frame header and embeds the file as it is (DCTDecode). */
async function embedJpeg(doc: PDFDocument, bytes: Uint8Array, i: number): Promise<PDFRef> {
  try {
    return (await doc.embedJpg(bytes)).ref;
  } catch {
    throw new UserFacingError('ocr.pdf-bad-image', `Không đưa được ảnh JPEG của trang ${i + 1} vào PDF: cấu trúc tệp ảnh không bình thường.`);
  }
}

interface PngData {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  palette: Uint8Array | null;
  transparency: boolean;
  /** The IDAT chunks joined: one zlib stream of filtered rows, which is what FlateDecode + PNG predictors read. */
  idat: Uint8Array;
}

function parsePng(b: Uint8Array): PngData | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 33 || dv.getUint32(0) !== 0x89504e47 || dv.getUint32(4) !== 0x0d0a1a0a) return null;
  let pos = 8;
  let head: Omit<PngData, 'palette' | 'transparency' | 'idat'> | null = null;
  let palette: Uint8Array | null = null;
  let transparency = false;
  const idat: Uint8Array[] = [];
  while (pos + 8 <= b.length) {
    const len = dv.getUint32(pos);
    const type = String.fromCharCode(b[pos + 4]!, b[pos + 5]!, b[pos + 6]!, b[pos + 7]!);
    const data = pos + 8;
    if (data + len + 4 > b.length) return null;
    if (type === 'IHDR' && len >= 13)
      head = { width: dv.getUint32(data), height: dv.getUint32(data + 4), bitDepth: b[data + 8]!, colorType: b[data + 9]!, interlace: b[data + 12]! };
    else if (type === 'PLTE') palette = b.subarray(data, data + len);
    else if (type === 'tRNS') transparency = true;
    else if (type === 'IDAT') idat.push(b.subarray(data, data + len));
    else if (type === 'IEND') break;
    pos = data + len + 4;
  }
  if (!head || !idat.length) return null;
  return { ...head, palette, transparency, idat: idat.length === 1 ? idat[0]! : Buffer.concat(idat) };
}

/** Grey, RGB or palette, at most 8 bits, not interlaced, opaque: a PDF image can take the data as it is. */
function pngFitsPdf(p: PngData): boolean {
  if (p.interlace !== 0 || p.transparency || p.bitDepth > 8 || !p.width || !p.height) return false;
  if (p.colorType === 0) return true;
  if (p.colorType === 2) return p.bitDepth === 8;
  if (p.colorType === 3) return !!p.palette && p.palette.length >= 3 && p.palette.length % 3 === 0;
  return false;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Geometry. "Page space" below is the unrotated page in points with y pointing down (origin at
// the top left), the frame the oriented image fills; PDF space has y pointing up.

interface PageGeometry {
  pw: number;
  ph: number;
  rotation: number;
  imageMatrix: number[];
  /** A word box of the input (image pixels) in page space, [x0, y0, x1, y1]. */
  box: (b: readonly number[]) => [number, number, number, number] | null;
}

/** EXIF orientation: displayed (X, Y) of a stored point (s, t), all normalised, y down: [xs, xt, x0, ys, yt, y0]. */
const ORIENT: Record<number, number[]> = {
  1: [1, 0, 0, 0, 1, 0],
  2: [-1, 0, 1, 0, 1, 0],
  3: [-1, 0, 1, 0, -1, 1],
  4: [1, 0, 0, 0, -1, 1],
  5: [0, 1, 0, 1, 0, 0],
  6: [0, -1, 1, 1, 0, 0],
  7: [0, -1, 1, -1, 0, 1],
  8: [0, 1, 0, -1, 0, 1],
};

function pageGeometry(page: SearchablePage, img: PreparedImage, i: number): PageGeometry {
  const o = ORIENT[img.orientation]!;
  const swapped = img.orientation >= 5;
  const ow = swapped ? img.height : img.width;
  const oh = swapped ? img.width : img.height;
  let dpi = page.dpi ?? img.density ?? DEFAULT_DPI;
  dpi = Math.max(dpi, (Math.max(ow, oh) * 72) / MAX_PAGE_SIDE);
  const pw = (ow / dpi) * 72;
  const ph = (oh / dpi) * 72;
  if (!(pw > 0 && ph > 0)) throw new UserFacingError('ocr.pdf-bad-image', `Không đọc được ảnh của trang ${i + 1}: ảnh không có điểm ảnh nào.`);
  const [xs, xt, x0, ys, yt, y0] = o as [number, number, number, number, number, number];
  // Image space is the unit square with v = 1 at the first row: s = u, t = 1 − v.
  const imageMatrix = [pw * xs, -ph * ys, -pw * xt, ph * yt, pw * (xt + x0), ph * (1 - yt - y0)];

  // Boxes refer to the image as shown (oriented), unless the stated size is the stored one turned
  // a quarter: then they were measured on the stored pixels and are turned like the image.
  const near = (a: number, b: number) => Math.abs(a - b) <= Math.max(2, b * 0.01);
  const stored = swapped && img.width !== img.height && near(page.width, img.width) && near(page.height, img.height);
  const clampX = (v: number) => Math.min(pw, Math.max(0, v));
  const clampY = (v: number) => Math.min(ph, Math.max(0, v));
  const box = (b: readonly number[]): [number, number, number, number] | null => {
    if (b.length < 4 || !b.every((v) => Number.isFinite(v))) return null;
    let [a0, b0, a1, b1] = [b[0]! / page.width, b[1]! / page.height, b[2]! / page.width, b[3]! / page.height];
    if (stored) {
      const p = (s: number, t: number) => [xs * s + xt * t + x0, ys * s + yt * t + y0] as const;
      const [c0, c1] = [p(a0, b0), p(a1, b1)];
      [a0, b0, a1, b1] = [c0[0], c0[1], c1[0], c1[1]];
    }
    const r: [number, number, number, number] = [clampX(Math.min(a0, a1) * pw), clampY(Math.min(b0, b1) * ph), clampX(Math.max(a0, a1) * pw), clampY(Math.max(b0, b1) * ph)];
    return r[2] - r[0] > 0.05 && r[3] - r[1] > 0.05 ? r : null;
  };
  return { pw, ph, rotation: ((page.rotation % 360) + 360) % 360, imageMatrix, box };
}

/**
 * A frame in which the text runs left to right (y down): page space turned clockwise by `turn`.
 * `toPdf` gives the text matrix of a point of that frame: direction of the text and origin in PDF space.
 */
interface Upright {
  w: number;
  h: number;
  box: (b: [number, number, number, number]) => [number, number, number, number];
  matrix: (u: number, v: number) => string;
}

function uprightFrame(pw: number, ph: number, turn: number): Upright {
  // page (x, y) → upright (u, v), and back.
  const fwd = (x: number, y: number): [number, number] =>
    turn === 90 ? [ph - y, x] : turn === 180 ? [pw - x, ph - y] : turn === 270 ? [y, pw - x] : [x, y];
  const back = (u: number, v: number): [number, number] =>
    turn === 90 ? [v, ph - u] : turn === 180 ? [pw - u, ph - v] : turn === 270 ? [pw - v, u] : [u, v];
  const pdf = (u: number, v: number): [number, number] => {
    const [x, y] = back(u, v);
    return [x, ph - y];
  };
  const quarter = turn === 90 || turn === 270;
  return {
    w: quarter ? ph : pw,
    h: quarter ? pw : ph,
    box: (b) => {
      const [p, q] = [fwd(b[0], b[1]), fwd(b[2], b[3])];
      return [Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1])];
    },
    matrix: (u, v) => {
      const o = pdf(u, v);
      const a = pdf(u + 1, v);
      const up = pdf(u, v - 1);
      return [a[0] - o[0], a[1] - o[1], up[0] - o[0], up[1] - o[1], o[0], o[1]].map(fmt).join(' ');
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The text layer

interface PlacedWord {
  text: string;
  box: [number, number, number, number];
  line: number;
}

function textOps(page: SearchablePage, geo: PageGeometry, glyphs: GlyphMap, fontName: string): string {
  const placed = placeWords(page, geo);
  // Text direction the reader sees as left to right: display-upright unless the words say otherwise.
  const displayTurn = geo.rotation;
  if (placed) {
    const turn = wordsTurn(placed) ?? displayTurn;
    return wordOps(placed, uprightFrame(geo.pw, geo.ph, turn), glyphs, fontName);
  }
  return typedOps(cleanText(page.text), uprightFrame(geo.pw, geo.ph, displayTurn), glyphs, fontName);
}

/** The words to draw at boxes, with the page's current text where it was corrected since OCR; null when the text must be laid out instead. */
function placeWords(page: SearchablePage, geo: PageGeometry): PlacedWord[] | null {
  const words: PlacedWord[] = [];
  for (const w of page.words ?? []) {
    const box = geo.box(w.box);
    const text = cleanText(w.text ?? '').trim();
    if (box && text) words.push({ text, box, line: Number.isFinite(w.line) ? w.line : 0 });
  }
  if (!words.length) return null;
  const tokens = cleanText(page.text).split(/\s+/).filter(Boolean);
  if (!tokens.length) return words;
  return alignText(tokens, words);
}

/**
 * Lays the page text over the OCR words: tokens that match a word (ignoring case and marks, the
 * usual OCR slips in Vietnamese) take its box; between two such anchors, the text's tokens are
 * spread over the words' boxes in order (a split or joined word shares them); tokens with no box
 * join the word before. The text drawn is always the page text's.
 */
function alignText(tokens: string[], words: PlacedWord[]): PlacedWord[] | null {
  const n = tokens.length;
  const m = words.length;
  if (n === m && tokens.every((t, k) => t === words[k]!.text)) return words;
  const tk = tokens.map(fold);
  const wk = words.map((w) => fold(w.text));
  let pre = 0;
  while (pre < n && pre < m && tk[pre] === wk[pre]) pre++;
  let suf = 0;
  while (suf < n - pre && suf < m - pre && tk[n - 1 - suf] === wk[m - 1 - suf]) suf++;
  const a = n - pre - suf;
  const b = m - pre - suf;
  if (a * b > MAX_ALIGN_CELLS) return null;
  // Longest common subsequence of the middle parts.
  const L = new Int32Array((a + 1) * (b + 1));
  for (let i = a - 1; i >= 0; i--)
    for (let j = b - 1; j >= 0; j--)
      L[i * (b + 1) + j] = tk[pre + i] === wk[pre + j] ? L[(i + 1) * (b + 1) + j + 1]! + 1 : Math.max(L[(i + 1) * (b + 1) + j]!, L[i * (b + 1) + j + 1]!);
  const matches = pre + suf + L[0]!;
  if (matches < MIN_MATCH_SHARE * Math.max(n, m)) return null;

  const pairs: [number, number][] = [];
  for (let k = 0; k < pre; k++) pairs.push([k, k]);
  for (let i = 0, j = 0; i < a && j < b; ) {
    if (tk[pre + i] === wk[pre + j]) {
      pairs.push([pre + i, pre + j]);
      i++;
      j++;
    } else if (L[(i + 1) * (b + 1) + j]! >= L[i * (b + 1) + j + 1]!) i++;
    else j++;
  }
  for (let k = suf; k > 0; k--) pairs.push([n - k, m - k]);
  pairs.push([n, m]);

  const out: PlacedWord[] = [];
  let pending: string[] = [];
  let ti = 0;
  let wi = 0;
  const emit = (w: PlacedWord, text: string) => {
    out.push({ ...w, text: pending.length ? [...pending, text].join(' ') : text });
    pending = [];
  };
  for (const [tp, wp] of pairs) {
    const gapTokens = tokens.slice(ti, tp);
    const gapWords = words.slice(wi, wp);
    if (gapTokens.length && gapWords.length) {
      const shares: string[][] = gapWords.map(() => []);
      gapTokens.forEach((t, k) => shares[Math.floor((k * gapWords.length) / gapTokens.length)]!.push(t));
      shares.forEach((s, k) => s.length && emit(gapWords[k]!, s.join(' ')));
    } else if (gapTokens.length) {
      if (out.length) out[out.length - 1]!.text += ' ' + gapTokens.join(' ');
      else pending.push(...gapTokens);
    }
    if (tp < n && wp < m) emit(words[wp]!, tokens[tp]!);
    ti = tp + 1;
    wi = wp + 1;
  }
  if (pending.length && out.length) out[out.length - 1]!.text += ' ' + pending.join(' ');
  return out;
}

/** Clockwise turn that makes the words' lines run left to right, from the lines of two words or more (weighted by words). */
function wordsTurn(words: PlacedWord[]): number | null {
  const votes = new Map<number, number>();
  for (const line of groupLines(words)) {
    if (line.length < 2) continue;
    const c = (w: PlacedWord) => [(w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2];
    const [ax, ay] = c(line[0]!);
    const [bx, by] = c(line[line.length - 1]!);
    const dx = bx! - ax!;
    const dy = by! - ay!;
    if (dx === 0 && dy === 0) continue;
    // Reading direction right → no turn; down → turn 270; left → 180; up → 90.
    const turn = Math.abs(dx) >= Math.abs(dy) ? (dx > 0 ? 0 : 180) : dy > 0 ? 270 : 90;
    votes.set(turn, (votes.get(turn) ?? 0) + line.length);
  }
  let best: number | null = null;
  let most = 0;
  for (const [t, v] of votes) if (v > most) [best, most] = [t, v];
  return best;
}

function groupLines<T extends { line: number }>(words: T[]): T[][] {
  const lines = new Map<number, T[]>();
  for (const w of words) {
    const l = lines.get(w.line);
    if (l) l.push(w);
    else lines.set(w.line, [w]);
  }
  return [...lines.values()];
}

/**
 * One BT…ET per line. Every word of a line has the line's font size (its em box spans the line's
 * height, so a reader highlights the line) and its own horizontal scaling (so it spans its box);
 * a space glyph scaled to the gap joins it to the next word, so copied text keeps its spaces.
 */
function wordOps(words: PlacedWord[], frame: Upright, glyphs: GlyphMap, fontName: string): string {
  const { ascent, descent } = glyphs;
  const out: string[] = [];
  for (const line of groupLines(words)) {
    const boxes = line.map((w) => frame.box(w.box));
    // A slightly skewed scan: fit the slope of the word centres so the line's height is its glyphs', not its skew.
    let slope = 0;
    if (boxes.length >= 2) {
      const cu = boxes.map((b) => (b[0] + b[2]) / 2);
      const cv = boxes.map((b) => (b[1] + b[3]) / 2);
      const mu = cu.reduce((s, v) => s + v, 0) / cu.length;
      const mv = cv.reduce((s, v) => s + v, 0) / cv.length;
      let num = 0;
      let den = 0;
      for (let k = 0; k < cu.length; k++) {
        num += (cu[k]! - mu) * (cv[k]! - mv);
        den += (cu[k]! - mu) ** 2;
      }
      if (den > 0) slope = Math.max(-0.15, Math.min(0.15, num / den));
    }
    let top = Infinity;
    let bottom = -Infinity;
    for (const b of boxes) {
      const c = (b[0] + b[2]) / 2;
      top = Math.min(top, b[1] - slope * c);
      bottom = Math.max(bottom, b[3] - slope * c);
    }
    const size = (bottom - top) / (ascent - descent);
    if (!(size > 0.01)) continue;
    const ops = [`BT 3 Tr ${fontName} ${fmt(size)} Tf`];
    for (let k = 0; k < line.length; k++) {
      const b = boxes[k]!;
      const run = glyphs.encode(line[k]!.text);
      const baseline = bottom + slope * ((b[0] + b[2]) / 2) + descent * size;
      ops.push(`${frame.matrix(b[0], baseline)} Tm ${fmt(tz(b[2] - b[0], run.em * size))} Tz <${run.hex}> Tj`);
      const next = boxes[k + 1];
      if (next) {
        const space = glyphs.encode(' ');
        const gap = Math.max(next[0] - b[2], 0.05 * size);
        ops.push(`${fmt(tz(gap, space.em * size))} Tz <${space.hex}> Tj`);
      }
    }
    out.push(ops.join('\n') + '\nET');
  }
  return out.join('\n');
}

/** Horizontal scaling (percent) that makes `natural` points span `target`. */
function tz(target: number, natural: number): number {
  return natural > 0 ? (100 * target) / natural : 100;
}

/**
 * A transcription without boxes: its lines, wrapped to the page's width, laid top to bottom at
 * the largest size (up to a body size) that fits them all on the page.
 */
function typedOps(text: string, frame: Upright, glyphs: GlyphMap, fontName: string): string {
  const paras = text.split('\n').map((p) => p.split(/\s+/).filter(Boolean));
  if (!paras.some((p) => p.length)) return '';
  const mx = frame.w * 0.08;
  const my = frame.h * 0.06;
  const availW = frame.w - 2 * mx;
  const availH = frame.h - 2 * my;
  const em = glyphs.ascent - glyphs.descent;
  let size = (11 * frame.w) / 595.28;
  let lines: string[][] = [];
  for (let attempt = 0; attempt < 12; attempt++) {
    lines = wrap(paras, availW / size, glyphs);
    const need = lines.length * em * size;
    if (need <= availH) break;
    size *= Math.max(0.5, (availH / need) * 0.98);
  }
  const leading = Math.min(em * size, availH / lines.length);
  const space = glyphs.encode(' ').em;
  const ops = [`BT 3 Tr ${fontName} ${fmt(size)} Tf`];
  lines.forEach((words, k) => {
    if (!words.length) return;
    const line = words.join(' ');
    const run = glyphs.encode(line);
    const width = run.em * size;
    ops.push(`${frame.matrix(mx, my + k * leading + glyphs.ascent * size)} Tm ${fmt(width > availW ? tz(availW, width) : 100)} Tz <${run.hex}> Tj`);
  });
  ops.push('ET');
  return ops.join('\n');
}

/** Greedy word wrap, in ems: a word longer than the line stands alone (and is squeezed when drawn). */
function wrap(paras: string[][], maxEm: number, glyphs: GlyphMap): string[][] {
  const space = glyphs.measure(' ');
  const lines: string[][] = [];
  for (const words of paras) {
    let line: string[] = [];
    let w = 0;
    for (const word of words) {
      const ww = glyphs.measure(word);
      if (line.length && w + space + ww > maxEm) {
        lines.push(line);
        line = [];
        w = 0;
      }
      w += (line.length ? space : 0) + ww;
      line.push(word);
    }
    lines.push(line);
  }
  return lines;
}

/** NFC, with line breaks unified and control characters and lone surrogates (which no ToUnicode map can carry) replaced. */
function cleanText(s: string): string {
  return nfc(s)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A word as matching sees it: lower case, without marks; đ and the Ð OCR mistakes for Đ as d. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐÐð]/g, 'd').toLowerCase();
}

function nfc(s: string): string {
  return s.normalize('NFC');
}

const fmt = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

// ---------------------------------------------------------------------------------------------
// The font

let fontPromise: Promise<Font> | null = null;

function loadFont(): Promise<Font> {
  fontPromise ??= readFile(resourcePath(...FONT_FILE)).then((buf) => {
    const font = fontkit.create(buf);
    if (!('glyphForCodePoint' in font)) throw new Error(`${FONT_FILE.join('/')} is a font collection`);
    return font;
  });
  fontPromise.catch(() => (fontPromise = null));
  return fontPromise;
}

/**
 * One CID per distinct character, in order of first use: CIDToGIDMap takes it to the character's
 * glyph (from the font's cmap, never through shaping), ToUnicode back to the character.
 */
class GlyphMap {
  readonly font: Font;
  /** Ascent and descent as fractions of the em (descent negative). */
  readonly ascent: number;
  readonly descent: number;
  readonly cids = new Map<number, number>();
  /** Per CID (index 0 is .notdef): code point, glyph id, advance in thousandths of an em. */
  readonly codePoints: number[] = [0];
  readonly gids: number[] = [0];
  readonly widths: number[] = [0];

  constructor(font: Font) {
    this.font = font;
    this.ascent = font.ascent / font.unitsPerEm;
    this.descent = font.descent / font.unitsPerEm;
  }

  private cid(cp: number): number {
    let cid = this.cids.get(cp);
    if (cid === undefined) {
      const g = this.font.glyphForCodePoint(cp);
      cid = this.codePoints.length;
      this.cids.set(cp, cid);
      this.codePoints.push(cp);
      this.gids.push(g?.id ?? 0);
      this.widths.push(Math.round(((g?.advanceWidth ?? 0) * 1000) / this.font.unitsPerEm));
    }
    return cid;
  }

  /** Hex string of the CIDs and the natural width in ems. */
  encode(text: string): { hex: string; em: number } {
    let hex = '';
    let w = 0;
    for (const ch of text) {
      const cid = this.cid(ch.codePointAt(0)!);
      hex += cid.toString(16).padStart(4, '0');
      w += this.widths[cid]!;
    }
    return { hex, em: w / 1000 };
  }

  measure(text: string): number {
    return this.encode(text).em;
  }
}

function embedFont(doc: PDFDocument, ref: PDFRef, g: GlyphMap): void {
  const ctx = doc.context;
  const font = g.font;
  const subset = font.createSubset();
  const cidToGid = new Uint8Array(g.gids.length * 2);
  g.gids.forEach((gid, cid) => {
    const sub = gid ? (subset.includeGlyph(gid as never) as unknown as number) : 0;
    cidToGid[cid * 2] = sub >> 8;
    cidToGid[cid * 2 + 1] = sub & 0xff;
  });
  const bytes = subset.encode();
  const scale = 1000 / font.unitsPerEm;
  // Same glyph set → same tag, so a document written twice names its font the same.
  let h = 2166136261;
  for (const cp of g.codePoints) h = Math.imul(h ^ cp, 16777619) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++, h = Math.floor(h / 26)) tag += String.fromCharCode(65 + (h % 26));
  const name = `${tag}+${font.postscriptName}`;
  const bbox = font.bbox;
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: 4,
      FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)),
      ItalicAngle: 0,
      Ascent: Math.round(font.ascent * scale),
      Descent: Math.round(font.descent * scale),
      CapHeight: Math.round((font.capHeight || font.ascent) * scale),
      StemV: 80,
      FontFile2: ctx.register(ctx.stream(deflateSync(bytes), { Filter: 'FlateDecode', Length1: bytes.length })),
    }),
  );
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: 0,
      W: [1, g.widths.slice(1)],
      CIDToGIDMap: ctx.register(ctx.stream(deflateSync(cidToGid), { Filter: 'FlateDecode' })),
    }),
  );
  const toUnicode = ctx.register(ctx.stream(deflateSync(Buffer.from(toUnicodeCMap(g.codePoints.flatMap((cp, cid) => (cid === 0 ? [] : [[cid, String.fromCodePoint(cp)] as const]))), 'latin1')), { Filter: 'FlateDecode' }));
  ctx.assign(ref, ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }));
}

