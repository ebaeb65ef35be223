/**
 * Prepares a scanned page for recognition: turns it upright (0/90/180/270), cuts black scanner
 * borders, flattens uneven (yellowed, stained) paper, binarises and straightens the text; and
 * maps boxes found on the prepared image back to the source image. The source is only read.
 *
 * Frames: source = the image after EXIF auto-orientation (what a browser shows); upright = the
 * source turned clockwise by `orientation`; cut = upright less `borders`; prepared = cut rotated
 * clockwise by `skew` about its centre onto a canvas grown to the rotated bounding box (rounded,
 * as sharp's rotate does), so a positive skew (lines rising to the right) comes out level.
 *
 * Orientation, skew and borders are measured on a copy about ANALYSIS_SIZE pixels long; the
 * prepared image is then drawn at full resolution in one pass (turn, cut, straighten, flatten,
 * threshold) straight from the decoded source.
 */
import sharp from 'sharp';
import type { OcrPreparation } from '../../../shared/archive/ocr';
import { MAX_PIXELS } from '../archive/thumbnails';

export interface PreparedImage {
  /** 8-bit greyscale PNG, upright, borders cut, paper white, text black, deskewed. */
  png: Buffer;
  width: number;
  height: number;
  /** The source image after EXIF auto-orientation (what a browser shows). */
  sourceWidth: number;
  sourceHeight: number;
  preparation: OcrPreparation;
}

export interface PrepareOptions {
  /** Page of a multi-page image (TIFF). */
  page?: number;
  /** The user's display rotation of the page (clockwise 0/90/180/270): kept when the page has too little text to tell. */
  rotation?: number;
}

type Geometry = Pick<PreparedImage, 'width' | 'height' | 'sourceWidth' | 'sourceHeight' | 'preparation'>;
type Sides = OcrPreparation['borders'];
interface Grey {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Long side of the copy that orientation, skew and borders are measured on (at most). */
const ANALYSIS_SIZE = 1400;
/** Skew search range, and the smallest skew worth straightening (degrees). */
const MAX_SKEW = 6;
const MIN_SKEW = 0.1;
/** Grey level of paper once flattened: below 255 so the paper's own noise can still be measured. */
const PAPER = 224;

export async function prepareForOcr(input: string | Buffer, opts: PrepareOptions = {}): Promise<PreparedImage> {
  const decoded = await sharp(input, { page: opts.page ?? 0, failOn: 'error', limitInputPixels: MAX_PIXELS })
    .rotate()
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const src = oneChannel(decoded.data, decoded.info.width, decoded.info.height, decoded.info.channels);
  const rotation = (((Math.round((opts.rotation ?? 0) / 90) * 90) % 360) + 360) % 360;

  // Measure on the small copy: borders, paper, orientation, skew, size of the text.
  const f = Math.max(1, Math.ceil(Math.max(src.width, src.height) / ANALYSIS_SIZE));
  const small = downsample(src, f);
  const smallCut = findBorders(small);
  const paper = paperLevels(small, smallCut);
  const flat = flatten(small, paper);
  const inkBelow = inkThreshold(flat);
  const { orientation, skew, xHeight } = analyse(flat, inkBelow, smallCut, rotation);

  const cut: Sides = {
    left: smallCut.left * f,
    top: smallCut.top * f,
    right: smallCut.right ? smallCut.right * f + (src.width - small.width * f) : 0,
    bottom: smallCut.bottom ? smallCut.bottom * f + (src.height - small.height * f) : 0,
  };
  const turned = orientation % 180 !== 0;
  const borders = turnSides(cut, orientation);
  const applied = Math.abs(skew) >= MIN_SKEW ? Math.round(skew * 100) / 100 : 0;
  const cutW = (turned ? src.height : src.width) - borders.left - borders.right;
  const cutH = (turned ? src.width : src.height) - borders.top - borders.bottom;
  const t = (applied * Math.PI) / 180;
  const geometry: Geometry = {
    width: Math.round(cutW * Math.abs(Math.cos(t)) + cutH * Math.abs(Math.sin(t))),
    height: Math.round(cutW * Math.abs(Math.sin(t)) + cutH * Math.abs(Math.cos(t))),
    sourceWidth: src.width,
    sourceHeight: src.height,
    preparation: { orientation, skew: applied, borders },
  };

  // Then draw the prepared page at full resolution from the decoded copy (ours to change).
  whitenBorderRemnants(src, cut, paper, f);
  whitenSpecks(src, findSpecks(flat, inkBelow, smallCut, xHeight, turned), f);
  const flat1 = flattener(paper, small.width, small.height, f);
  const lut = thresholdLut(src, cut, flat1);
  const out = render(src, cut, geometry, flat1, lut);
  const png = await sharp(out, { raw: { width: geometry.width, height: geometry.height, channels: 1 } })
    .withDensity(await resolution(input, opts.page ?? 0, src))
    .toColourspace('b-w')
    .png({ compressionLevel: 3, adaptiveFiltering: false })
    .toBuffer();
  return { ...geometry, png };
}

/**
 * Resolution to write into the PNG: the engine uses it to judge sizes (and complains about a
 * missing one). The source's own if it is plausible for a scan (cameras write 72), otherwise a
 * guess from the size as if the page were A4 (most archive pages are close to it).
 */
async function resolution(input: string | Buffer, page: number, src: Grey): Promise<number> {
  const { density } = await sharp(input, { page }).metadata();
  if (density && density >= 100 && density <= 2400) return density;
  return Math.min(1200, Math.max(70, Math.round(Math.max(src.width, src.height) / 11.69)));
}

/** Maps a box in the prepared image back to source-image pixels (bounding box of the mapped corners, clamped to the source). */
export function boxToSource(box: [number, number, number, number], prepared: Geometry): [number, number, number, number] {
  const map = toSource(prepared);
  const corners = [map(box[0], box[1]), map(box[2], box[1]), map(box[0], box[3]), map(box[2], box[3])];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const cx = (v: number): number => Math.min(prepared.sourceWidth, Math.max(0, v));
  const cy = (v: number): number => Math.min(prepared.sourceHeight, Math.max(0, v));
  return [cx(Math.floor(Math.min(...xs))), cy(Math.floor(Math.min(...ys))), cx(Math.ceil(Math.max(...xs))), cy(Math.ceil(Math.max(...ys)))];
}

/** The point map prepared → source (continuous pixel coordinates, 0,0 = top-left corner of the image). */
function toSource(g: Geometry): (x: number, y: number) => [number, number] {
  const { orientation, skew, borders } = g.preparation;
  const sw = g.sourceWidth;
  const sh = g.sourceHeight;
  const turned = orientation % 180 !== 0;
  const cutW = (turned ? sh : sw) - borders.left - borders.right;
  const cutH = (turned ? sw : sh) - borders.top - borders.bottom;
  const t = (skew * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  return (px, py) => {
    // Undo the clockwise skew rotation about the centres of the two canvases, then the cut.
    const dx = px - g.width / 2;
    const dy = py - g.height / 2;
    const u = dx * cos + dy * sin + cutW / 2 + borders.left;
    const v = -dx * sin + dy * cos + cutH / 2 + borders.top;
    // Undo the clockwise turn.
    if (orientation === 90) return [v, sh - u];
    if (orientation === 180) return [sw - u, sh - v];
    if (orientation === 270) return [sw - v, u];
    return [u, v];
  };
}

// ---- images ------------------------------------------------------------------------------------

function oneChannel(data: Buffer, width: number, height: number, channels: number): Grey {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.length);
  if (channels === 1) return { data: bytes, width, height };
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = bytes[i * channels]!;
  return { data: out, width, height };
}

/** Mean of each f×f block (a remainder narrower than f on the right and bottom is dropped). */
function downsample(img: Grey, f: number): Grey {
  if (f === 1) return img;
  const width = Math.floor(img.width / f);
  const height = Math.floor(img.height / f);
  const data = new Uint8Array(width * height);
  const used = width * f;
  const columns = new Uint32Array(used);
  const area = f * f;
  for (let y = 0; y < height; y++) {
    columns.fill(0);
    for (let row = y * f * img.width, end = row + f * img.width; row < end; row += img.width) {
      for (let x = 0, i = row; x < used; x++, i++) columns[x]! += img.data[i]!;
    }
    for (let x = 0, c = 0, o = y * width; x < width; x++, o++) {
      let sum = 0;
      for (let k = 0; k < f; k++) sum += columns[c++]!;
      data[o] = sum / area;
    }
  }
  return { data, width, height };
}

// ---- paper and threshold ------------------------------------------------------------------------

/**
 * The paper's grey level at every pixel of the analysis copy: the 85th percentile of each block
 * (paper unless ink covers nearly all of it), interpolated between block centres. Dividing by
 * it turns yellowing, stains and uneven light into even paper and keeps ink's contrast to the
 * paper around it.
 */
function paperLevels(img: Grey, cut: Sides): Float32Array {
  const { data, width: w, height: h } = img;
  const cell = Math.max(6, Math.round(Math.max(w, h) / 60));
  const bw = Math.ceil(w / cell);
  const bh = Math.ceil(h / cell);
  const level = new Float32Array(bw * bh).fill(NaN);
  const hist = new Uint32Array(bw * 256);
  const counts = new Uint32Array(bw);
  const blockOf = new Uint32Array(w);
  for (let x = 0; x < w; x++) blockOf[x] = Math.floor(x / cell);
  // Only the page counts: a block inside a scanner border takes its level from the page next to it.
  const xa = cut.left;
  const xb = w - cut.right;
  for (let by = 0; by < bh; by++) {
    hist.fill(0);
    counts.fill(0);
    const yEnd = Math.min(h - cut.bottom, (by + 1) * cell);
    for (let y = Math.max(cut.top, by * cell); y < yEnd; y++) {
      for (let x = xa, i = y * w + xa; x < xb; x++, i++) {
        const b = blockOf[x]!;
        hist[b * 256 + data[i]!]!++;
        counts[b]!++;
      }
    }
    for (let bx = 0; bx < bw; bx++) {
      if (counts[bx]! < cell) continue;
      let v = 255;
      for (let seen = 0; v > 0; v--) if ((seen += hist[bx * 256 + v]!) >= counts[bx]! * 0.15) break;
      level[by * bw + bx] = Math.max(v, 16);
    }
  }
  // A block much darker than the page's paper is a photograph, a seal or a solid mark, not paper:
  // it takes the paper around it (so it stays dark, rather than becoming a hollow frame).
  const known = [...level].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const typical = known.length ? known[Math.floor(known.length / 2)]! : 255;
  for (let i = 0; i < level.length; i++) if (level[i]! < typical * 0.6) level[i] = NaN;
  fillFromNeighbours(level, bw, bh);
  const out = new Float32Array(w * h);
  const x0 = new Int32Array(w);
  const fx = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    const g = Math.min(bw - 1, Math.max(0, (x + 0.5) / cell - 0.5));
    x0[x] = Math.min(Math.max(0, bw - 2), Math.floor(g));
    fx[x] = bw === 1 ? 0 : g - x0[x]!;
  }
  for (let y = 0; y < h; y++) {
    const g = Math.min(bh - 1, Math.max(0, (y + 0.5) / cell - 0.5));
    const y0 = Math.min(Math.max(0, bh - 2), Math.floor(g));
    const fy = bh === 1 ? 0 : g - y0;
    const y1 = Math.min(bh - 1, y0 + 1);
    for (let x = 0; x < w; x++) {
      const b0 = x0[x]!;
      const b1 = Math.min(bw - 1, b0 + 1);
      const top = level[y0 * bw + b0]! + (level[y0 * bw + b1]! - level[y0 * bw + b0]!) * fx[x]!;
      const bottom = level[y1 * bw + b0]! + (level[y1 * bw + b1]! - level[y1 * bw + b0]!) * fx[x]!;
      out[y * w + x] = top + (bottom - top) * fy;
    }
  }
  return out;
}

/** Gives blocks without a level (NaN) the mean of their neighbours', growing inwards from the known ones. */
function fillFromNeighbours(level: Float32Array, bw: number, bh: number): void {
  for (let pass = 0; pass < bw + bh; pass++) {
    const missing: number[] = [];
    for (let i = 0; i < level.length; i++) if (Number.isNaN(level[i]!)) missing.push(i);
    if (missing.length === 0) return;
    if (missing.length === level.length) return void level.fill(255);
    const next = level.slice();
    for (const i of missing) {
      const x = i % bw;
      const y = (i - x) / bw;
      let sum = 0;
      let n = 0;
      for (const [dx, dy] of [[-1, 0], [1, 0], [0, -1], [0, 1]] as const) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= bw || yy >= bh || Number.isNaN(level[yy * bw + xx]!)) continue;
        sum += level[yy * bw + xx]!;
        n++;
      }
      if (n) next[i] = sum / n;
    }
    level.set(next);
  }
}

function flatten(img: Grey, paper: Float32Array): Grey {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.min(255, (img.data[i]! * PAPER) / paper[i]!);
  return { data, width: img.width, height: img.height };
}

/**
 * PAPER / paper level per analysis-copy pixel: what a full-resolution pixel is multiplied by to
 * flatten it, at data[floor(y / f) * stride + floor(x / f)] for source pixel x, y. One column and
 * row more than the copy (edge repeated): the copy left out the source's last few columns and rows.
 */
interface Flattener {
  data: Float32Array;
  /** Row length of `data`. */
  stride: number;
  /** Source pixels per analysis pixel. */
  f: number;
}

function flattener(paper: Float32Array, w: number, h: number, f: number): Flattener {
  const stride = w + 1;
  const data = new Float32Array(stride * (h + 1));
  for (let y = 0; y <= h; y++) {
    for (let x = 0; x <= w; x++) data[y * stride + x] = PAPER / paper[Math.min(y, h - 1) * w + Math.min(x, w - 1)]!;
  }
  return { data, stride, f };
}

/**
 * Threshold of a flattened histogram: below the paper by five times the paper's own noise, so
 * faint stencil strokes stay ink, at most 80 % of the paper's level (stains' tide lines, foxing)
 * and never below Otsu's threshold (very noisy scans).
 */
function threshold(hist: Float64Array): number {
  // Smoothed, so that paper clipped to white (a one-level spike) weighs less; where it still wins,
  // the paper's noise looks small and the 80 % cap is what keeps noise out of the ink.
  const smooth = new Float64Array(256);
  for (let v = 0; v < 256; v++) for (let d = -2; d <= 2; d++) smooth[v]! += hist[Math.min(255, Math.max(0, v + d))]! / 5;
  let mode = 96;
  for (let v = 96; v < 256; v++) if (smooth[v]! > smooth[mode]!) mode = v;
  // Half width at half maximum on the dark side of the paper's peak (interpolated), as a Gaussian σ.
  let half = mode;
  while (half > 0 && smooth[half]! > smooth[mode]! / 2) half--;
  const crossing = half + (smooth[mode]! / 2 - smooth[half]!) / Math.max(1e-9, smooth[half + 1]! - smooth[half]!);
  const sigma = Math.max(1, (mode - crossing) / 1.1774);
  return Math.max(otsu(hist), Math.min(mode - 5 * sigma, mode * 0.8));
}

function otsu(hist: Float64Array): number {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += hist[v]!;
    sum += v * hist[v]!;
  }
  let below = 0;
  let sumBelow = 0;
  let best = -1;
  let at = 128;
  for (let v = 0; v < 256; v++) {
    below += hist[v]!;
    sumBelow += v * hist[v]!;
    if (below === 0 || below === total) continue;
    const between = below * (total - below) * (sumBelow / below - (sum - sumBelow) / (total - below)) ** 2;
    if (between > best) {
      best = between;
      at = v;
    }
  }
  return at;
}

/**
 * Flattened grey → output: black below the threshold, white above, with a narrow ramp between
 * so straightened strokes keep smooth edges (the engine binarises again; the ramp is what keeps
 * a faint diacritic whole).
 */
function thresholdLut(src: Grey, cut: Sides, fl: Flattener): Uint8Array {
  const hist = new Float64Array(256);
  const step = 3;
  const column = new Uint32Array(src.width);
  for (let x = 0; x < src.width; x++) column[x] = Math.floor(x / fl.f);
  for (let y = cut.top; y < src.height - cut.bottom; y += step) {
    const row = Math.floor(y / fl.f) * fl.stride;
    for (let x = cut.left, i = y * src.width + x; x < src.width - cut.right; x += step, i += step) {
      const v = src.data[i]! * fl.data[row + column[x]!]!;
      hist[v >= 255 ? 255 : v | 0]!++;
    }
  }
  const t = threshold(hist);
  const soft = 10;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = v <= t - soft ? 0 : v >= t + soft ? 255 : Math.round(((v - t + soft) / (2 * soft)) * 255);
  return lut;
}

/**
 * The prepared image in one pass: each output pixel is mapped back into the source (the same map
 * as boxToSource), sampled bilinearly, flattened and thresholded. Outside the cut: white.
 * Tiles keep the source reads local when the page is turned a quarter.
 */
function render(src: Grey, cut: Sides, g: Geometry, fl: Flattener, lut: Uint8Array): Uint8Array {
  const W = g.width;
  const H = g.height;
  const out = new Uint8Array(W * H);
  const map = toSource(g);
  // Affine map of output pixel centres to source pixel-centre coordinates.
  const [bx, by] = map(0.5, 0.5);
  const [ax, ay] = map(1.5, 0.5);
  const [cx, cy] = map(0.5, 1.5);
  const dxx = ax - bx;
  const dxy = ay - by;
  const dyx = cx - bx;
  const dyy = cy - by;
  const sw = src.width;
  const data = src.data;
  const { data: k, stride, f } = fl;
  const inv = 1 / f;
  if (g.preparation.skew === 0) {
    // Only turned and cut: every output pixel is exactly one source pixel, all inside the cut.
    const ddx = Math.round(dxx);
    const ddy = Math.round(dxy);
    const step = ddx + ddy * sw;
    for (let oy = 0; oy < H; oy++) {
      let sx = Math.round(bx - 0.5 + oy * dyx);
      let sy = Math.round(by - 0.5 + oy * dyy);
      for (let o = oy * W, end = o + W, i = sy * sw + sx; o < end; o++, i += step, sx += ddx, sy += ddy) {
        const v = data[i]! * k[((sy * inv) | 0) * stride + ((sx * inv) | 0)]!;
        out[o] = lut[v >= 255 ? 255 : v | 0]!;
      }
    }
    return out;
  }
  const xMin = cut.left;
  const yMin = cut.top;
  const xMax = sw - cut.right - 1.001;
  const yMax = src.height - cut.bottom - 1.001;
  const TILE = 64;
  for (let ty = 0; ty < H; ty += TILE) {
    for (let tx = 0; tx < W; tx += TILE) {
      const yEnd = Math.min(H, ty + TILE);
      const xEnd = Math.min(W, tx + TILE);
      for (let oy = ty; oy < yEnd; oy++) {
        let sx = bx - 0.5 + tx * dxx + oy * dyx;
        let sy = by - 0.5 + tx * dxy + oy * dyy;
        for (let o = oy * W + tx, end = oy * W + xEnd; o < end; o++, sx += dxx, sy += dxy) {
          if (sx < xMin || sy < yMin || sx > xMax || sy > yMax) {
            out[o] = 255;
            continue;
          }
          const x0 = sx | 0;
          const y0 = sy | 0;
          const fx = sx - x0;
          const i = y0 * sw + x0;
          const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
          const bottom = data[i + sw]! + (data[i + sw + 1]! - data[i + sw]!) * fx;
          const v = (top + (bottom - top) * (sy - y0)) * k[((sy * inv) | 0) * stride + ((sx * inv) | 0)]!;
          out[o] = lut[v >= 255 ? 255 : v | 0]!;
        }
      }
    }
  }
  return out;
}

// ---- scanner borders ----------------------------------------------------------------------------

/**
 * Dark bands from the image edges inwards: on a side where most rows (or columns) start with a
 * dark run, the band is as deep as nearly all those runs. Rows dark almost all the way across (a
 * top or bottom band) do not count for the left and right sides, and likewise columns.
 */
function findBorders(img: Grey): Sides {
  const { data, width: w, height: h } = img;
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  let paper = 255;
  for (let seen = 0; paper > 0; paper--) if ((seen += hist[paper]!) >= data.length * 0.3) break;
  const dark = Math.max(16, paper * 0.4);

  const rowDark = new Uint32Array(h);
  const colDark = new Uint32Array(w);
  for (let y = 0; y < h; y++) {
    for (let x = 0, i = y * w; x < w; x++, i++) {
      if (data[i]! < dark) {
        rowDark[y]!++;
        colDark[x]!++;
      }
    }
  }
  const depth = (start: number, step: number, n: number): number => {
    let k = 0;
    for (let i = start; k < n && data[i]! < dark; k++, i += step);
    return k;
  };
  const side = (lines: number, fullness: Uint32Array, across: number, run: (line: number) => number): number => {
    const runs: number[] = [];
    for (let i = 0; i < lines; i++) if (fullness[i]! < across * 0.6) runs.push(run(i));
    if (runs.length < lines * 0.3) return 0;
    if (runs.filter((r) => r >= 2).length < runs.length * 0.4) return 0;
    runs.sort((a, b) => a - b);
    // Nearly the deepest run (a slanted border is deeper at one end), and a little more for its shadow.
    const deep = runs[Math.floor((runs.length - 1) * 0.97)]!;
    return Math.min(Math.round(across * 0.25), deep + 2);
  };
  return {
    left: side(h, rowDark, w, (y) => depth(y * w, 1, w)),
    right: side(h, rowDark, w, (y) => depth(y * w + w - 1, -1, w)),
    top: side(w, colDark, h, (x) => depth(x, w, h)),
    bottom: side(w, colDark, h, (x) => depth((h - 1) * w + x, -w, h)),
  };
}

/** The sides of the source as they lie once it is turned clockwise by `orientation`. */
function turnSides(s: Sides, orientation: number): Sides {
  if (orientation === 90) return { top: s.left, right: s.top, bottom: s.right, left: s.bottom };
  if (orientation === 180) return { top: s.bottom, right: s.left, bottom: s.top, left: s.right };
  if (orientation === 270) return { top: s.right, right: s.bottom, bottom: s.left, left: s.top };
  return { ...s };
}

/**
 * What the cut leaves of a slanted or ragged border (dark runs from a cut edge inwards, a few
 * per cent of the page deep at most) is painted paper-coloured in the decoded copy.
 */
function whitenBorderRemnants(src: Grey, cut: Sides, paper: Float32Array, f: number): void {
  const { data, width: w, height: h } = src;
  const smallW = Math.floor(w / f);
  const smallH = paper.length / smallW;
  const paperAt = (x: number, y: number): number => paper[Math.min(smallH - 1, (y / f) | 0) * smallW + Math.min(smallW - 1, (x / f) | 0)]!;
  const paint = (x: number, y: number, dx: number, dy: number, limit: number): void => {
    for (let k = 0; k < limit; k++, x += dx, y += dy) {
      const i = y * w + x;
      const p = paperAt(x, y);
      if (data[i]! >= p * 0.5) return;
      data[i] = p;
    }
  };
  const x1 = w - cut.right - 1;
  const y1 = h - cut.bottom - 1;
  const limitX = Math.round(w * 0.02);
  const limitY = Math.round(h * 0.02);
  for (let y = cut.top; y <= y1; y++) {
    if (cut.left) paint(cut.left, y, 1, 0, limitX);
    if (cut.right) paint(x1, y, -1, 0, limitX);
  }
  for (let x = cut.left; x <= x1; x++) {
    if (cut.top) paint(x, cut.top, 0, 1, limitY);
    if (cut.bottom) paint(x, y1, 0, -1, limitY);
  }
}

// ---- specks -------------------------------------------------------------------------------------

/**
 * Specks of ink away from any text (stencil spatter, dust, foxing), as boxes in the analysis copy:
 * small components (at most a third of the x-height across) with no other ink beside them within
 * 1.2 x-heights or above and below within half of one. Dots on i, tone marks, the dot below and
 * full stops all sit closer to their letters. (Measured in the source frame, where the lines of
 * a page turned a quarter run `sideways`.)
 */
function findSpecks(flat: Grey, t: number, cut: Sides, xh: number, sideways: boolean): Array<[number, number, number, number]> {
  if (xh < 6) return [];
  const { width: w, height: h, data } = flat;
  const maxSide = Math.max(1, Math.floor(xh / 3));
  // A full stop can stand a whole typewriter cell from its letter, a tone mark half an x-height above.
  const along = Math.ceil(xh * 1.2);
  const across = Math.ceil(xh / 2);
  const [reachX, reachY] = sideways ? [across, along] : [along, across];
  // Integral image of ink, for "any other ink near this speck?".
  const iw = w + 1;
  const integral = new Uint32Array(iw * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += data[y * w + x]! < t ? 1 : 0;
      integral[(y + 1) * iw + x + 1] = integral[y * iw + x + 1]! + row;
    }
  }
  const inkIn = (x0: number, y0: number, x1: number, y1: number): number => {
    const a = Math.max(0, x0);
    const b = Math.max(0, y0);
    const c = Math.min(w, x1 + 1);
    const d = Math.min(h, y1 + 1);
    return integral[d * iw + c]! - integral[b * iw + c]! - integral[d * iw + a]! + integral[b * iw + a]!;
  };
  const seen = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  const specks: Array<[number, number, number, number]> = [];
  for (let y = cut.top; y < h - cut.bottom; y++) {
    for (let x = cut.left; x < w - cut.right; x++) {
      const start = y * w + x;
      if (seen[start] || data[start]! >= t) continue;
      // Flood fill (8-connected); a component that grows past a speck's size is only marked seen.
      let top = 0;
      stack[top++] = start;
      seen[start] = 1;
      let area = 0;
      let x0 = x;
      let x1 = x;
      let y0 = y;
      let y1 = y;
      while (top > 0) {
        const i = stack[--top]!;
        const px = i % w;
        const py = (i - px) / w;
        area++;
        if (px < x0) x0 = px;
        if (px > x1) x1 = px;
        if (py < y0) y0 = py;
        if (py > y1) y1 = py;
        for (let dy = -1; dy <= 1; dy++) {
          const ny = py + dy;
          if (ny < 0 || ny >= h) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const nx = px + dx;
            if (nx < 0 || nx >= w) continue;
            const j = ny * w + nx;
            if (!seen[j] && data[j]! < t) {
              seen[j] = 1;
              stack[top++] = j;
            }
          }
        }
      }
      if (x1 - x0 + 1 > maxSide || y1 - y0 + 1 > maxSide) continue;
      if (inkIn(x0 - reachX, y0 - reachY, x1 + reachX, y1 + reachY) === area) specks.push([x0, y0, x1, y1]);
    }
  }
  return specks;
}

/** Paints the specks' areas (boxes in the analysis copy, grown by one of its pixels) white in the decoded source. */
function whitenSpecks(src: Grey, specks: Array<[number, number, number, number]>, f: number): void {
  for (const [x0, y0, x1, y1] of specks) {
    const xa = Math.max(0, (x0 - 1) * f);
    const xb = Math.min(src.width, (x1 + 2) * f);
    const yb = Math.min(src.height, (y1 + 2) * f);
    for (let y = Math.max(0, (y0 - 1) * f); y < yb; y++) src.data.fill(255, y * src.width + xa, y * src.width + xb);
  }
}

// ---- orientation and skew -------------------------------------------------------------------------

interface Points {
  xs: Float32Array;
  ys: Float32Array;
  n: number;
}

/**
 * Orientation (the clockwise turn that makes the page upright), skew and x-height, from the
 * flattened analysis copy less its borders. Lines of text give a row profile with sharp peaks
 * and gaps: the frame (as is, or turned a quarter) whose best profile is clearly sharper, and
 * whose bands read as writing, has horizontal lines; the ink around each line's x-height band
 * tells up from down. When in doubt the user's rotation stands: a page wrongly turned is worse
 * than one left as it was.
 */
function analyse(flat: Grey, t: number, cut: Sides, rotation: number): { orientation: number; skew: number; xHeight: number } {
  const pts = inkPoints(flat, t, cut);
  // Too little ink for profiles to mean anything: keep the user's view.
  if (pts.frame0.n < 400) return { orientation: rotation, skew: 0, xHeight: 0 };
  const w = flat.width - cut.left - cut.right;
  const h = flat.height - cut.top - cut.bottom;
  const across = bestSkew(pts.frame0, w, h);
  const down = bestSkew(pts.frame90, h, w);
  // Lines run the way the profile is clearly sharper, provided they read as writing at all.
  let axis: 0 | 90;
  if (across.lines > 0 && (down.lines === 0 || across.score > down.score * 1.2)) axis = 0;
  else if (down.lines > 0 && (across.lines === 0 || down.score > across.score * 1.2)) axis = 90;
  // Lines neither way clearly (a few words, a drawing): leave the page as the user sees it.
  else return { orientation: rotation, skew: 0, xHeight: xHeight(lineCores((rotation % 180 === 0 ? across : down).profile)) };
  const found = axis === 0 ? across : down;
  const cores = lineCores(found.profile);
  const { ratio, votes } = upright(found.profile, cores);
  // One or two lines tell up from down only when they say it clearly.
  const clear = cores.filter((c) => c[2]).length >= 3 ? 1.15 : 1.5;
  if (ratio >= clear && votes >= 0) return { orientation: axis, skew: found.skew, xHeight: xHeight(cores) };
  if (ratio <= 1 / clear && votes <= 0) return { orientation: axis + 180, skew: found.skew, xHeight: xHeight(cores) };
  // Can't tell up from down. The profiles alone can mistake the letters of a line or two for
  // lines across the page, so without the lines' own word the user's view stands; straightened
  // only if its lines lie the way the profiles found them.
  const level = rotation % 180 === axis;
  return { orientation: rotation, skew: level ? found.skew : 0, xHeight: level ? xHeight(cores) : 0 };
}

/** Ink of the flattened analysis copy: below the page's threshold, and clearly darker than paper. */
function inkThreshold(flat: Grey): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < flat.data.length; i++) hist[flat.data[i]!]!++;
  return Math.min(threshold(hist), PAPER * 0.75);
}

/** Ink pixels of the flattened copy within the cut, in its frame (0) and turned a quarter clockwise (90). */
function inkPoints(flat: Grey, t: number, cut: Sides): { frame0: Points; frame90: Points } {
  const w = flat.width;
  const x0 = cut.left;
  const x1 = w - cut.right;
  const y0 = cut.top;
  const y1 = flat.height - cut.bottom;
  // Blocks more than half ink are pictures or solid marks, not text: they would flatten every profile.
  const cell = Math.max(6, Math.round(Math.max(w, flat.height) / 60));
  const bw = Math.ceil(w / cell);
  const inkPerBlock = new Uint32Array(bw * Math.ceil(flat.height / cell));
  let n = 0;
  for (let y = y0; y < y1; y++) {
    const row = Math.floor(y / cell) * bw;
    for (let x = x0, i = y * w + x0; x < x1; x++, i++) if (flat.data[i]! < t) inkPerBlock[row + Math.floor(x / cell)]!++;
  }
  const text = (x: number, y: number): boolean => inkPerBlock[Math.floor(y / cell) * bw + Math.floor(x / cell)]! <= (cell * cell) / 2;
  for (let y = y0; y < y1; y++) for (let x = x0, i = y * w + x0; x < x1; x++, i++) if (flat.data[i]! < t && text(x, y)) n++;
  // A sharp profile needs some tens of thousands of points; more only cost time.
  const step = Math.max(1, Math.ceil(n / 80_000));
  const cap = Math.ceil(n / step) + 1;
  const a: Points = { xs: new Float32Array(cap), ys: new Float32Array(cap), n: 0 };
  const b: Points = { xs: new Float32Array(cap), ys: new Float32Array(cap), n: 0 };
  let k = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0, i = y * w + x0; x < x1; x++, i++) {
      if (flat.data[i]! >= t || !text(x, y) || k++ % step !== 0 || a.n >= cap) continue;
      a.xs[a.n] = x - x0;
      a.ys[a.n++] = y - y0;
      b.xs[b.n] = y1 - 1 - y;
      b.ys[b.n++] = x - x0;
    }
  }
  return { frame0: a, frame90: b };
}

/** Row profile of the points across lines that rise to the right by `deg` degrees. */
function profile(p: Points, deg: number, out: Float64Array, offset: number, every = 1): void {
  out.fill(0);
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  for (let i = 0; i < p.n; i += every) out[(p.ys[i]! * c + p.xs[i]! * s + offset) | 0]!++;
}

/**
 * The skew of the text lines in a frame, coarse to fine, and how sharp the best profile is:
 * Σ profile² / n² × the spread of the ink across lines ≈ 1 / (share of rows that are ink) —
 * large for lines of text, near 1 for a frame that runs across them.
 */
function bestSkew(p: Points, width: number, height: number): { skew: number; score: number; profile: Float64Array; lines: number } {
  const offset = width * Math.sin((MAX_SKEW * Math.PI) / 180) + 1;
  const prof = new Float64Array(Math.ceil(height + 2 * offset + 2));
  const sharpness = (deg: number, every: number): number => {
    profile(p, deg, prof, offset, every);
    let s = 0;
    for (let i = 0; i < prof.length; i++) s += prof[i]! * prof[i]!;
    return s;
  };
  const search = (from: number, to: number, step: number, every: number, start: number): number => {
    let best = start;
    let bestScore = -1;
    for (let d = from; d <= to + 1e-9; d += step) {
      const s = sharpness(d, every);
      if (s > bestScore) {
        bestScore = s;
        best = d;
      }
    }
    return best;
  };
  const coarse = search(-MAX_SKEW, MAX_SKEW, 0.5, 3, 0);
  const fine = search(coarse - 0.4, coarse + 0.4, 0.1, 1, coarse);
  const finest = search(fine - 0.075, fine + 0.075, 0.025, 1, fine);
  const score = sharpness(finest, 1);
  let lo = 0;
  let hi = prof.length - 1;
  for (let seen = 0; lo < hi && (seen += prof[lo]!) < p.n * 0.02; ) lo++;
  for (let seen = 0; hi > lo && (seen += prof[hi]!) < p.n * 0.02; ) hi--;
  const best = prof.slice();
  return { skew: Math.round(finest * 100) / 100, score: (score / (p.n * p.n)) * (hi - lo + 1), profile: best, lines: writtenLines(p, finest, offset, best) };
}

/**
 * How many of the profile's bands read like lines of writing: inked along at least three times
 * their own height, in at least six separate pieces (letters, words). Across a single line the
 * bands are letters' stems — long and thin too, but each in one or a few pieces — and there the
 * sharpness score alone can prefer them.
 */
function writtenLines(p: Points, deg: number, offset: number, prof: Float64Array): number {
  const cores = lineCores(prof).filter((c) => c[2]);
  if (cores.length === 0) return 0;
  const coreOf = new Int32Array(prof.length).fill(-1);
  cores.forEach(([a, b], k) => coreOf.fill(k, a, b + 1));
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  let span = 1;
  for (let i = 0; i < p.n; i++) span = Math.max(span, Math.ceil(p.xs[i]! + p.ys[i]!) + 2);
  const inked = new Uint8Array(cores.length * span);
  for (let i = 0; i < p.n; i++) {
    const k = coreOf[(p.ys[i]! * c + p.xs[i]! * s + offset) | 0]!;
    if (k >= 0) inked[k * span + Math.min(span - 1, Math.max(0, (p.xs[i]! * c - p.ys[i]! * s + p.ys[i]! * Math.abs(s)) | 0))] = 1;
  }
  let lines = 0;
  cores.forEach(([a, b], k) => {
    let length = 0;
    let pieces = 0;
    let gap = 2;
    for (let x = k * span; x < (k + 1) * span; x++) {
      if (!inked[x]) {
        gap++;
        continue;
      }
      // A new piece starts after a gap of at least two empty positions.
      if (gap >= 2) pieces++;
      gap = 0;
      length++;
    }
    if (length >= 3 * (b - a + 1) && pieces >= 6) lines++;
  });
  return lines;
}


/** A line's band in a row profile: first and last row, and whether it holds enough ink to speak for the page. */
type Core = [top: number, bottom: number, strong: boolean];

/**
 * The bands of the lines in a row profile: runs of rows well inked compared with the page's
 * fuller rows, pieces of one line (a band of capitals and tone marks just above the x-height
 * band) joined, and weak bands (a line's last word or two, a stray mark) kept only as limits.
 */
function lineCores(prof: Float64Array): Core[] {
  const nonzero = [...prof].filter((v) => v > 0).sort((a, b) => a - b);
  if (nonzero.length < 10) return [];
  const level = nonzero[Math.floor(nonzero.length * 0.9)]! * 0.35;
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < prof.length; ) {
    if (prof[i]! < level) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < prof.length && (prof[j + 1]! >= level || (j + 2 < prof.length && prof[j + 2]! >= level))) j++;
    const last = runs[runs.length - 1];
    // Lines stand well apart (the gap between x-height bands is more than an x-height); pieces of one line do not.
    if (last && i - last[1] - 1 <= 0.3 * Math.max(last[1] - last[0] + 1, j - i + 1)) last[1] = j;
    else runs.push([i, j]);
    i = j + 1;
  }
  const tall = runs.filter(([a, b]) => b - a >= 2);
  const ink = tall.map(([a, b]) => prof.subarray(a, b + 1).reduce((sum, v) => sum + v, 0));
  const most = Math.max(0, ...ink);
  return tall.map(([a, b], k) => [a, b, ink[k]! >= most * 0.2]);
}

/** Median height of the lines' x-height bands (pixels of the analysis copy), 0 if there are too few lines. */
function xHeight(cores: Core[]): number {
  const strong = cores.filter((c) => c[2]);
  if (strong.length < 3) return 0;
  const heights = strong.map(([a, b]) => b - a + 1).sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)]!;
}

/**
 * Ink above the lines' x-height bands over ink below them, and the lines' votes (+1 more above,
 * −1 more below): > 1 and positive for upright lines. Within a line of Vietnamese (or any Latin)
 * text more ink lies above the x-height band (ascenders, capitals, tone marks, circumflexes) than
 * below it (descenders, the dot below).
 */
function upright(prof: Float64Array, cores: Core[]): { ratio: number; votes: number } {
  if (cores.length === 0) return { ratio: 1, votes: 0 };
  // Speckle and paper noise put ink on both sides alike: take off the level of the emptiest rows between lines.
  const between: number[] = [];
  for (let k = 1; k < cores.length; k++) for (let i = cores[k - 1]![1] + 1; i < cores[k]![0]; i++) between.push(prof[i]!);
  between.sort((a, b) => a - b);
  const floor = between.length ? between[Math.floor(between.length * 0.25)]! : 0;
  let above = 0;
  let below = 0;
  let votes = 0;
  for (let k = 0; k < cores.length; k++) {
    // The band proper: the rows around the line's fullest one that hold at least 40 % as much ink
    // (the page-wide cut that found the line also takes in a line's capitals and tall marks).
    const [lineTop, lineBottom, strong] = cores[k]!;
    if (!strong) continue;
    let peak = lineTop;
    for (let i = lineTop; i <= lineBottom; i++) if (prof[i]! > prof[peak]!) peak = i;
    let a = peak;
    let b = peak;
    while (a > lineTop && prof[a - 1]! >= prof[peak]! * 0.4) a--;
    while (b < lineBottom && prof[b + 1]! >= prof[peak]! * 0.4) b++;
    const reach = Math.ceil((b - a + 1) * 0.9);
    const prevEnd = k > 0 ? cores[k - 1]![1] : -Infinity;
    const nextStart = k + 1 < cores.length ? cores[k + 1]![0] : Infinity;
    let up = 0;
    let down = 0;
    for (let i = Math.max(0, a - reach, Math.ceil((prevEnd + a) / 2)); i < a; i++) up += Math.max(0, prof[i]! - floor);
    for (let i = b + 1; i <= Math.min(prof.length - 1, b + reach, Math.floor((b + nextStart) / 2)); i++) down += Math.max(0, prof[i]! - floor);
    above += up;
    below += down;
    if (up > down * 1.2) votes++;
    else if (down > up * 1.2) votes--;
  }
  return { ratio: (above + 1) / (below + 1), votes };
}
