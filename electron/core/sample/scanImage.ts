/**
 * A sample document's scan: what is printed on the paper (PaperDocument) typeset by the app's own
 * typesetter (paperPdf.ts), rasterised by pdf.js at 150 dpi, then aged and scanned the way a
 * compilation team's archive pages look — a sheet laid a little askew on the glass, yellowed
 * paper with stains and foxing, slight blur and sensor noise — in one of four hands:
 *
 *   print        clean type, an even black;
 *   typewriter   ragged right, every key inked by the ribbon with its own force and struck a
 *                little high or low, heavier than print;
 *   stencil      rônêô: ink that bleeds, fills in, breaks where the stencil wore, and spatters;
 *   handwritten  an italic hand in blue-black ink on ruled paper, its lines wandering gently
 *                about the rules, softer edges.
 *
 * Each page comes with the words printed on it and their boxes in the scan's pixels (after the
 * tilt), which the sample keeps as the page's OCR layer. Everything is deterministic from the
 * style's seed: the same document and style give the same JPEG bytes.
 */
import sharp from 'sharp';
import { UserFacingError } from '../../../shared/errors';
import { openPdf, type PDFDocumentProxy } from '../archive/pdf/pdfjs';
import { seededRandom } from '../../../shared/seededRandom';
import { addNoise, inkAt, makePaper, ribbonInk, smoothNoise, stencilInk, type KeyCell } from './agedPaper';
import { typesetPaper, type PaperDocument, type PaperPdf } from './paperPdf';
import { printedWords, type PrintedWord } from './paperWords';

export type { PaperDocument } from './paperPdf';

export interface ScanStyle {
  style: 'print' | 'typewriter' | 'stencil' | 'handwritten';
  /** Degrees the sheet lies askew; positive: its lines rise to the right. At most 2 either way. */
  tilt: number;
  /** Aged yellow paper (stains, foxing); the scan is then in colour. */
  yellowed: boolean;
  seed: number;
}

export interface ScanPage {
  jpeg: Uint8Array;
  width: number;
  height: number;
  dpi: number;
  /** Words as printed, with boxes in the scan's pixels (after tilt), reading order; for the OCR layer. */
  words: { text: string; box: [number, number, number, number]; line: number }[];
}

/** The resolution office scanners are set to for text. */
export const SCAN_DPI = 150;
const JPEG_QUALITY = 80;
export const MAX_TILT = 2;

/** Ink colour as the fraction of the paper's light each channel keeps under solid ink. */
const INK: Record<ScanStyle['style'], [number, number, number]> = {
  print: [0.1, 0.1, 0.11],
  typewriter: [0.12, 0.11, 0.13],
  stencil: [0.16, 0.15, 0.17],
  // Blue-black fountain-pen ink.
  handwritten: [0.13, 0.19, 0.48],
};

/** Renders the scan of every printed page of `doc`. */
export async function renderScan(doc: PaperDocument, style: ScanStyle): Promise<ScanPage[]> {
  if (!(Math.abs(style.tilt) <= MAX_TILT)) throw new UserFacingError('sample.tilt', `Độ nghiêng của bản quét phải trong khoảng ±${MAX_TILT} độ (đang là ${style.tilt}).`);
  const sheet = await typesetPaper(doc, style.style === 'handwritten' ? 'hand' : style.style === 'typewriter' ? 'typewriter' : 'print');
  const pdf = await openPdf(sheet.pdf);
  try {
    const pages: ScanPage[] = [];
    for (let n = 1; n <= pdf.numPages; n++) pages.push(await scanPage(pdf, n, sheet, style));
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** The printed page as ink coverage (0–255 a pixel) at `scale` pixels a point. */
async function inkOf(pdf: PDFDocumentProxy, pageNo: number, w: number, h: number, scale: number): Promise<Uint8Array> {
  const page = await pdf.getPage(pageNo);
  const factory = (pdf as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: unknown }; destroy(c: unknown): void } }).canvasFactory;
  const cc = factory.create(w, h);
  try {
    const ctx = cc.context as { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    await page.render({ canvasContext: cc.context, canvas: cc.canvas, viewport: page.getViewport({ scale }) } as unknown as Parameters<typeof page.render>[0]).promise;
    const rgba = ctx.getImageData(0, 0, w, h).data;
    const ink = new Uint8Array(w * h);
    for (let i = 0; i < ink.length; i++) ink[i] = 255 - rgba[i * 4 + 1]!;
    return ink;
  } finally {
    factory.destroy(cc);
    page.cleanup();
  }
}

/**
 * Where the sheet's points land in the scan: the page in pixels, displaced a little by a
 * wandering hand (`wave`), then turned about the centre by the tilt.
 */
interface Geometry {
  w: number;
  h: number;
  cos: number;
  sin: number;
  /** Vertical displacement of the ink at a page pixel (hand-written lines wander); 0 for type. */
  wave: ((x: number, y: number) => number) | null;
}

function toScan(g: Geometry, x: number, y: number): [number, number] {
  const yy = y + (g.wave ? g.wave(x, y) : 0);
  const dx = x - g.w / 2;
  const dy = yy - g.h / 2;
  return [g.w / 2 + dx * g.cos + dy * g.sin, g.h / 2 - dx * g.sin + dy * g.cos];
}

/** A hand's drift: each line waves gently along its length and slopes a little its own way. */
async function handWave(w: number, h: number, r: () => number): Promise<(x: number, y: number) => number> {
  const phase = await smoothNoise(1, h, 90, r);
  const slope = await smoothNoise(1, h, 140, r);
  const amp = 1.4 + r() * 0.8;
  const len = 420 + r() * 200;
  // sin(kx + φ) = sin kx cos φ + cos kx sin φ: tables by column and by row, no trigonometry per pixel.
  const sinX = new Float32Array(w + 1);
  const cosX = new Float32Array(w + 1);
  for (let x = 0; x <= w; x++) {
    sinX[x] = amp * Math.sin((2 * Math.PI * x) / len);
    cosX[x] = amp * Math.cos((2 * Math.PI * x) / len);
  }
  const cosP = new Float32Array(h);
  const sinP = new Float32Array(h);
  const tilt = new Float32Array(h);
  for (let y = 0; y < h; y++) {
    const ph = (phase[y]! / 255) * 4 * Math.PI;
    cosP[y] = Math.cos(ph);
    sinP[y] = Math.sin(ph);
    tilt[y] = ((slope[y]! - 128) / 128) * 0.005;
  }
  return (x, y) => {
    const row = y < 0 ? 0 : y >= h - 1 ? h - 1 : Math.round(y);
    const col = x < 0 ? 0 : x >= w ? w : Math.round(x);
    return sinX[col]! * cosP[row]! + cosX[col]! * sinP[row]! + tilt[row]! * (x - w / 2);
  };
}

/** The cells where each character of the typed words was struck, pixels. */
function keyCells(words: PrintedWord[], scale: number): KeyCell[] {
  const cells: KeyCell[] = [];
  for (const wd of words) {
    const [, top, , bottom] = wd.box;
    const hgt = bottom - top;
    // Tall enough for the stacked marks of Ộ and the tail of ọ.
    const y0 = (top - hgt * 0.15) * scale;
    const y1 = (bottom + hgt * 0.05) * scale;
    for (let i = 0; i + 1 < wd.edges.length; i++) cells.push({ x0: wd.edges[i]! * scale, y0, x1: wd.edges[i + 1]! * scale, y1 });
  }
  return cells;
}

async function scanPage(pdf: PDFDocumentProxy, pageNo: number, sheet: PaperPdf, style: ScanStyle): Promise<ScanPage> {
  const scale = SCAN_DPI / 72;
  const s = SCAN_DPI / 300;
  const w = Math.round(sheet.pageWidth * scale);
  const h = Math.round(sheet.pageHeight * scale);
  const r = seededRandom((style.seed * 7919 + pageNo * 104729) >>> 0);
  const ink = await inkOf(pdf, pageNo, w, h, scale);
  const printed = await printedWords(pdf, pageNo, (name) => sheet.fonts.get(name));

  // The ink, as the hand or machine laid it on the paper.
  const hand = style.style === 'handwritten';
  if (style.style === 'typewriter') await ribbonInk(ink, w, h, s, keyCells(printed, scale), r);
  else if (style.style === 'stencil') await stencilInk(ink, w, h, s, r, 0.14);
  else {
    // Print inks evenly; a pen runs lighter and heavier with the writer's pressure.
    const level = await smoothNoise(w, h, hand ? 70 : 500, r);
    const [lo, span] = hand ? [0.68, 0.36] : [0.9, 0.12];
    for (let i = 0; i < ink.length; i++) if (ink[i]) ink[i] = Math.min(255, ink[i]! * (lo + span * (level[i]! / 255)));
  }
  const inkLayer = hand ? new Uint8Array(await sharp(ink, { raw: { width: w, height: h, channels: 1 } }).blur(0.55).extractChannel(0).raw().toBuffer()) : ink;

  const t = (style.tilt * Math.PI) / 180;
  const g: Geometry = { w, h, cos: Math.cos(t), sin: Math.sin(t), wave: hand ? await handWave(w, h, r) : null };
  const paper = await makePaper(w, h, s, style.yellowed, r, true);
  const rules = hand ? ruling(printed, sheet.leading * scale, scale) : null;
  const rgb = compose(g, inkLayer, paper, rules, INK[style.style]);

  // The scanner's optics and sensor.
  const blurred = await sharp(rgb, { raw: { width: w, height: h, channels: 3 } }).blur(0.6).raw().toBuffer();
  const img = new Uint8Array(blurred.buffer, blurred.byteOffset, blurred.length);
  addNoise(img, 3.2, r);
  let out = sharp(img, { raw: { width: w, height: h, channels: 3 } });
  // Office scanners save paper that looks white as greyscale; aged paper and ink in colour.
  if (!style.yellowed && !hand) out = out.toColourspace('b-w');
  const jpeg = await out.jpeg({ quality: JPEG_QUALITY }).withDensity(SCAN_DPI).toBuffer();

  const words = printed.map((wd) => {
    const [x0, y0, x1, y1] = wd.box.map((v) => v * scale) as [number, number, number, number];
    const corners = [toScan(g, x0, y0), toScan(g, x1, y0), toScan(g, x0, y1), toScan(g, x1, y1)];
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    const clampX = (v: number) => Math.min(w, Math.max(0, Math.round(v)));
    const clampY = (v: number) => Math.min(h, Math.max(0, Math.round(v)));
    return { text: wd.text, box: [clampX(Math.min(...xs)), clampY(Math.min(...ys)), clampX(Math.max(...xs)), clampY(Math.max(...ys))] as [number, number, number, number], line: wd.line };
  });
  return { jpeg: new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.length), width: w, height: h, dpi: SCAN_DPI, words };
}

/** Ruled writing paper: where the rules are, from the baselines the text was written on. */
interface Ruling {
  /** A rule's distance below the first, pixels. */
  pitch: number;
  first: number;
  /** The red margin line's x, pixels. */
  margin: number;
}

function ruling(words: PrintedWord[], pitch: number, scale: number): Ruling | null {
  if (!words.length) return null;
  // The body's baselines sit on the rules; the first line of writing fixes their phase.
  const base = words[0]!.baseline * scale + 1;
  const first = base - Math.floor((base - 12 * SCAN_DPI / 25.4) / pitch) * pitch;
  const left = Math.min(...words.map((wd) => wd.box[0])) * scale;
  return { pitch, first, margin: left - 6 * (SCAN_DPI / 25.4) };
}

/**
 * The scan, RGB: for each pixel, the point of the sheet under it (turned back by the tilt), its
 * paper, its ink (sampled where the hand moved it) and, beyond the sheet's edge, the scanner's lid.
 */
function compose(g: Geometry, ink: Uint8Array, paper: Uint8Array, rules: Ruling | null, colour: [number, number, number]): Uint8Array {
  const { w, h, cos, sin } = g;
  const out = new Uint8Array(w * h * 3);
  const cx = w / 2;
  const cy = h / 2;
  const lid = [236, 236, 232];
  const ruleColour = [0.62, 0.7, 0.86];
  const marginColour = [0.93, 0.6, 0.62];
  for (let oy = 0; oy < h; oy++) {
    for (let ox = 0; ox < w; ox++) {
      // Inverse of toScan's turn: the sheet's pixel under this one.
      const dx = ox - cx;
      const dy = oy - cy;
      const px = cx + dx * cos - dy * sin;
      const py = cy + dx * sin + dy * cos;
      const o = (oy * w + ox) * 3;
      // Beyond the sheet: the lid, with the sheet's edge casting a thin shadow.
      const beyond = Math.max(-px, px - (w - 1), -py, py - (h - 1));
      if (beyond > 0) {
        const shade = 1 - 0.3 * Math.exp(-beyond / 2);
        out[o] = lid[0]! * shade;
        out[o + 1] = lid[1]! * shade;
        out[o + 2] = lid[2]! * shade;
        continue;
      }
      const pi = (Math.min(h - 1, Math.round(py)) * w + Math.min(w - 1, Math.round(px))) * 3;
      let red = paper[pi]!;
      let grn = paper[pi + 1]!;
      let blu = paper[pi + 2]!;
      if (rules) {
        const d = Math.abs(((py - rules.first) % rules.pitch + rules.pitch) % rules.pitch);
        const a = Math.max(0, 1 - Math.min(d, rules.pitch - d) / 0.9) * 0.55;
        if (a > 0) {
          red *= 1 - a * (1 - ruleColour[0]!);
          grn *= 1 - a * (1 - ruleColour[1]!);
          blu *= 1 - a * (1 - ruleColour[2]!);
        }
        const m = Math.max(0, 1 - Math.abs(px - rules.margin) / 1.1) * 0.6;
        if (m > 0) {
          red *= 1 - m * (1 - marginColour[0]!);
          grn *= 1 - m * (1 - marginColour[1]!);
          blu *= 1 - m * (1 - marginColour[2]!);
        }
      }
      // The ink, where the hand put it: sampled back through the wave (bilinear).
      const sy = g.wave ? py - g.wave(px, py) : py;
      const k = inkAt(ink, w, h, px, sy) / 255;
      out[o] = red * (1 - k * (1 - colour[0]));
      out[o + 1] = grn * (1 - k * (1 - colour[1]));
      out[o + 2] = blu * (1 - k * (1 - colour[2]));
    }
  }
  return out;
}
