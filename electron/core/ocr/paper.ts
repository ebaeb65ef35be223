/**
 * The page as paper and ink: the paper's grey level everywhere (dividing by it flattens yellowed,
 * stained or unevenly lit paper to even paper), the threshold between ink and paper, the
 * scanner's dark borders and what a cut leaves of them, and specks of ink away from any text.
 * Measured on the small analysis copy; border remnants and specks are then painted out of the
 * full-resolution source, and the flattening and threshold applied as preprocess.ts draws it.
 */
import type { OcrPreparation } from '../../../shared/archive/ocr';
import type { Grey } from './greyImage';

/** Pixels cut off each side of an image (scanner borders). */
export type Sides = OcrPreparation['borders'];

/** Grey level of paper once flattened: below 255 so the paper's own noise can still be measured. */
const PAPER = 224;

// ---- paper and threshold ------------------------------------------------------------------------

/**
 * The paper's grey level at every pixel of the analysis copy: the 85th percentile of each block
 * (paper unless ink covers nearly all of it), interpolated between block centres. Dividing by
 * it turns yellowing, stains and uneven light into even paper and keeps ink's contrast to the
 * paper around it.
 */
export function paperLevels(img: Grey, cut: Sides): Float32Array {
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

export function flatten(img: Grey, paper: Float32Array): Grey {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.min(255, (img.data[i]! * PAPER) / paper[i]!);
  return { data, width: img.width, height: img.height };
}

/**
 * PAPER / paper level per analysis-copy pixel: what a full-resolution pixel is multiplied by to
 * flatten it, at data[floor(y / f) * stride + floor(x / f)] for source pixel x, y. One column and
 * row more than the copy (edge repeated): the copy left out the source's last few columns and rows.
 */
export interface Flattener {
  data: Float32Array;
  /** Row length of `data`. */
  stride: number;
  /** Source pixels per analysis pixel. */
  f: number;
}

export function flattener(paper: Float32Array, w: number, h: number, f: number): Flattener {
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

/** Ink of the flattened analysis copy: below the page's threshold, and clearly darker than paper. */
export function inkThreshold(flat: Grey): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < flat.data.length; i++) hist[flat.data[i]!]!++;
  return Math.min(threshold(hist), PAPER * 0.75);
}

/**
 * Flattened grey → output: black below the threshold, white above, with a narrow ramp between
 * so straightened strokes keep smooth edges (the engine binarises again; the ramp is what keeps
 * a faint diacritic whole).
 */
export function thresholdLut(src: Grey, cut: Sides, fl: Flattener): Uint8Array {
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
  // A ramp, not a cut: paper white, ink black, what lies between stays grey for the engine's own
  // threshold, which reads grain and faint stencil strokes better than a hard cut here does
  // (npm run bench -- ocr: the noisy page 15 % → 0.3 % CER, the stencilled one 23 % → 12 %).
  const lo = Math.max(0, t - 100);
  const hi = Math.min(255, t + 10);
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = v <= lo ? 0 : v >= hi ? 255 : Math.round(((v - lo) / (hi - lo)) * 255);
  return lut;
}

// ---- scanner borders ----------------------------------------------------------------------------

/**
 * Dark bands from the image edges inwards: on a side where most rows (or columns) start with a
 * dark run, the band is as deep as nearly all those runs. Rows dark almost all the way across (a
 * top or bottom band) do not count for the left and right sides, and likewise columns.
 */
export function findBorders(img: Grey): Sides {
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

/**
 * What the cut leaves of a slanted or ragged border (dark runs from a cut edge inwards, a few
 * per cent of the page deep at most) is painted paper-coloured in the decoded copy.
 */
export function whitenBorderRemnants(src: Grey, cut: Sides, paper: Float32Array, f: number): void {
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
export function findSpecks(flat: Grey, t: number, cut: Sides, xh: number, sideways: boolean): Array<[number, number, number, number]> {
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
export function whitenSpecks(src: Grey, specks: Array<[number, number, number, number]>, f: number): void {
  for (const [x0, y0, x1, y1] of specks) {
    const xa = Math.max(0, (x0 - 1) * f);
    const xb = Math.min(src.width, (x1 + 2) * f);
    const yb = Math.min(src.height, (y1 + 2) * f);
    for (let y = Math.max(0, (y0 - 1) * f); y < yb; y++) src.data.fill(255, y * src.width + xa, y * src.width + xb);
  }
}
