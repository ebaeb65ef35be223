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
 *
 * This file holds the pipeline and the frames (the map prepared → source that both the drawing
 * and boxToSource use); the measuring is in orientation.ts (which way up, skew, text size) and
 * paper.ts (paper, threshold, borders, specks), on the images of greyImage.ts.
 */
import sharp from 'sharp';
import type { OcrPreparation } from '../../../shared/archive/ocr';
import { MAX_PIXELS } from '../archive/thumbnails';
import { downsample, type Grey, oneChannel } from './greyImage';
import { analyse } from './orientation';
import {
  findBorders,
  findSpecks,
  type Flattener,
  flatten,
  flattener,
  inkThreshold,
  paperLevels,
  type Sides,
  thresholdLut,
  whitenBorderRemnants,
  whitenSpecks,
} from './paper';

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

/** Long side of the copy that orientation, skew and borders are measured on (at most). */
const ANALYSIS_SIZE = 1400;
/** The smallest skew worth straightening (degrees). */
const MIN_SKEW = 0.1;

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

/** The sides of the source as they lie once it is turned clockwise by `orientation`. */
function turnSides(s: Sides, orientation: number): Sides {
  if (orientation === 90) return { top: s.left, right: s.top, bottom: s.right, left: s.bottom };
  if (orientation === 180) return { top: s.bottom, right: s.left, bottom: s.top, left: s.right };
  if (orientation === 270) return { top: s.right, right: s.bottom, bottom: s.left, left: s.top };
  return { ...s };
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
