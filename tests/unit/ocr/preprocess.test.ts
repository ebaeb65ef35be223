/**
 * Preparing scans for OCR, on generated scans (tests/fixtures/scans.ts) at 150 dpi to stay fast:
 * orientation, skew, scanner borders, aged paper, and mapping boxes back to the source image.
 * Convention under test: `orientation` is the clockwise turn applied to the source to make it
 * upright, so a page scanned turned 90° clockwise comes back with orientation 270.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { boxToSource, prepareForOcr, type PreparedImage } from '../../../electron/core/ocr/preprocess';
import { makeScan, SAMPLE_REPORT, type ScanOptions } from '../../fixtures/scans';

const DPI = 150;

interface Grey {
  data: Uint8Array;
  width: number;
  height: number;
}

async function grey(image: Buffer): Promise<Grey> {
  const { data, info } = await sharp(image).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(1);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** Mean grey level and share of pure white over a region. */
function region(img: Grey, x0: number, y0: number, x1: number, y1: number): { mean: number; white: number } {
  let sum = 0;
  let white = 0;
  let n = 0;
  for (let y = Math.floor(y0); y < Math.floor(y1); y++) {
    for (let x = Math.floor(x0); x < Math.floor(x1); x++) {
      const v = img.data[y * img.width + x]!;
      sum += v;
      if (v === 255) white++;
      n++;
    }
  }
  return { mean: sum / n, white: white / n };
}

async function prepared(opts: ScanOptions, text = SAMPLE_REPORT): Promise<PreparedImage> {
  return prepareForOcr(await makeScan(text, { dpi: DPI, ...opts }));
}

describe('prepareForOcr: orientation and skew', () => {
  it.each([2.5, -1.8])('finds a skew of %s° and straightens it', async (rotate) => {
    const p = await prepared({ rotate, seed: 3 });
    expect(p.preparation.orientation).toBe(0);
    expect(Math.abs(p.preparation.skew - rotate)).toBeLessThanOrEqual(0.3);
    // The canvas grows to hold the straightened page.
    expect(p.width).toBeGreaterThan(p.sourceWidth);
    expect(p.height).toBeGreaterThan(p.sourceHeight);
  });

  it('leaves a straight page unrotated', async () => {
    const p = await prepared({ seed: 4 });
    expect(p.preparation).toEqual({ orientation: 0, skew: 0, borders: { top: 0, right: 0, bottom: 0, left: 0 } });
    expect([p.width, p.height]).toEqual([p.sourceWidth, p.sourceHeight]);
  });

  it.each([
    [90, 270, 'serif'],
    [270, 90, 'typewriter'],
    [180, 180, 'typewriter'],
    [180, 180, 'serif'],
  ] as const)('a page scanned turned %s° clockwise is turned back by %s° (%s)', async (turn, orientation, font) => {
    const p = await prepared({ turn, font, rotate: 1.2, seed: 5 });
    expect(p.preparation.orientation).toBe(orientation);
    expect(Math.abs(p.preparation.skew - 1.2)).toBeLessThanOrEqual(0.3);
    expect(p.sourceWidth).toBe(turn === 180 ? 1240 : 1754);
    // Upright again: portrait.
    expect(p.height).toBeGreaterThan(p.width);
  });

  it('draws a turned page exactly as the same page scanned upright (not mirrored, nothing lost)', async () => {
    const reference = await grey((await prepareForOcr(await makeScan(SAMPLE_REPORT, { dpi: 100, seed: 13 }))).png);
    for (const turn of [90, 180, 270] as const) {
      const p = await prepareForOcr(await makeScan(SAMPLE_REPORT, { dpi: 100, turn, seed: 13 }));
      expect(p.preparation.orientation).toBe(360 - turn);
      const out = await grey(p.png);
      expect([out.width, out.height]).toEqual([reference.width, reference.height]);
      let differ = 0;
      for (let i = 0; i < out.data.length; i++) if (Math.abs(out.data[i]! - reference.data[i]!) > 64) differ++;
      expect(differ / out.data.length).toBeLessThan(0.002);
    }
  });

  it('reads the requested page of a multi-page TIFF', async () => {
    const upright = await makeScan(SAMPLE_REPORT, { dpi: 100, seed: 7 });
    const upsideDown = await makeScan(SAMPLE_REPORT, { dpi: 100, turn: 180, seed: 7 });
    const tiff = await sharp([upright, upsideDown], { join: { animated: true } }).tiff().toBuffer();
    expect((await prepareForOcr(tiff, { page: 0 })).preparation.orientation).toBe(0);
    expect((await prepareForOcr(tiff, { page: 1 })).preparation.orientation).toBe(180);
  });

  it("keeps the user's rotation when the page has too little text to tell", async () => {
    const blank = await makeScan('', { dpi: DPI, width: 600, height: 850, yellowed: true, seed: 6 });
    for (const rotation of [0, 90, 180]) {
      const p = await prepareForOcr(blank, { rotation });
      expect(p.preparation.orientation).toBe(rotation);
      expect(p.preparation.skew).toBe(0);
    }
    // Across one short line the letters' stems look like lines too: never turned on that evidence.
    const snippet = await prepareForOcr(await makeScan('Khởi động', { width: 600, height: 200, seed: 1 }));
    expect(snippet.preparation.orientation).toBe(0);
    // Two lines lying on their side are enough when they say which way is up.
    const note = await makeScan('Khuất hội đạo Mỹ kháng chính chí sĩ cường.', { width: 1400, height: 390, turn: 270, seed: 15, font: 'typewriter' });
    expect((await prepareForOcr(note)).preparation.orientation).toBe(90);
    // A clear page overrules a wrong display rotation.
    const turned = await makeScan(SAMPLE_REPORT, { dpi: DPI, turn: 90, seed: 6 });
    expect((await prepareForOcr(turned, { rotation: 180 })).preparation.orientation).toBe(270);
  });
});

describe('prepareForOcr: paper and borders', () => {
  it('cuts black scanner borders and leaves no dark band at the edges', async () => {
    const scan = await makeScan(SAMPLE_REPORT, { dpi: DPI, borders: true, seed: 8 });
    const p = await prepareForOcr(scan);
    const { top, right, bottom, left } = p.preparation.borders;
    expect(top + right + bottom + left).toBeGreaterThan(0);
    // The source really had them: its edge on a cut side is dark.
    const src = await grey(scan);
    const side = left ? region(src, 0, 0, 8, src.height) : top ? region(src, 0, 0, src.width, 8) : right ? region(src, src.width - 8, 0, src.width, src.height) : region(src, 0, src.height - 8, src.width, src.height);
    expect(side.mean).toBeLessThan(80);
    const out = await grey(p.png);
    for (const edge of [region(out, 0, 0, 12, out.height), region(out, out.width - 12, 0, out.width, out.height), region(out, 0, 0, out.width, 12), region(out, 0, out.height - 12, out.width, out.height)]) {
      expect(edge.mean).toBeGreaterThan(250);
    }
  });

  it('turns yellowed, stained paper white and keeps the text black', async () => {
    const scan = await makeScan(SAMPLE_REPORT, { dpi: DPI, yellowed: true, stencil: true, seed: 9 });
    const p = await prepareForOcr(scan);
    const src = await grey(scan);
    const out = await grey(p.png);
    // Below the text the page is blank: aged paper in the scan, white once prepared.
    const before = region(src, 0, src.height * 0.6, src.width, src.height);
    const after = region(out, 0, out.height * 0.6, out.width, out.height);
    expect(before.mean).toBeLessThan(225);
    expect(after.mean).toBeGreaterThan(253);
    expect(after.white).toBeGreaterThan(0.99);
    // The margins beside the text too, and the text itself is still there: its strokes black at
    // the core, with grey where the ink was faint (the engine's own threshold decides those).
    expect(region(out, 0, out.height * 0.1, out.width * 0.1, out.height * 0.45).white).toBeGreaterThan(0.99);
    const text = region(out, out.width * 0.15, out.height * 0.1, out.width * 0.9, out.height * 0.4);
    expect(text.mean).toBeLessThan(245);
    let black = 0;
    let ink = 0;
    for (const v of out.data) {
      if (v === 0) black++;
      if (v < 215) ink++;
    }
    expect(black).toBeGreaterThan(ink * 0.2);
  });

  it('reads a file without changing it, and writes a greyscale PNG with a resolution', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'suquan-ocr-'));
    try {
      const file = path.join(dir, 'scan.jpg');
      writeFileSync(file, await makeScan(SAMPLE_REPORT, { dpi: DPI, format: 'jpeg', rotate: -1, seed: 10 }));
      const hash = (): string => createHash('sha256').update(readFileSync(file)).digest('hex');
      const before = hash();
      const p = await prepareForOcr(file);
      expect(hash()).toBe(before);
      const meta = await sharp(p.png).metadata();
      expect(meta).toMatchObject({ format: 'png', channels: 1, width: p.width, height: p.height, density: DPI });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('boxToSource', () => {
  it('undoes the turn and the cut borders (no skew)', () => {
    const geometry = {
      width: 195,
      height: 97,
      sourceWidth: 100,
      sourceHeight: 200,
      preparation: { orientation: 90, skew: 0, borders: { top: 3, right: 0, bottom: 0, left: 5 } },
    };
    // Upright [5,3,15,13]; the source was turned 90° clockwise, so upright x runs up the source.
    expect(boxToSource([0, 0, 10, 10], geometry)).toEqual([3, 185, 13, 195]);
    expect(boxToSource([0, 0, 195, 97], geometry)).toEqual([3, 0, 100, 195]);
    expect(boxToSource([-50, -50, 500, 500], geometry)).toEqual([0, 0, 100, 200]);
  });

  it('maps a mark found on a turned, tilted, bordered page back onto the source', async () => {
    // Upright A4 turned 90° clockwise: the source is landscape and its left part is the page's
    // blank lower half. A solid mark goes there, at a known place.
    const scan = await makeScan(SAMPLE_REPORT, { dpi: DPI, turn: 90, rotate: 2, borders: true, seed: 12 });
    const mark = { left: 300, top: 520, width: 60, height: 36 };
    const withMark = await sharp(scan)
      .composite([{ input: { create: { width: mark.width, height: mark.height, channels: 3, background: '#101010' } }, left: mark.left, top: mark.top }])
      .png()
      .toBuffer();
    const p = await prepareForOcr(withMark);
    expect(p.preparation.orientation).toBe(270);
    expect(Math.abs(p.preparation.skew - 2)).toBeLessThanOrEqual(0.3);

    const found = findSolid(await grey(p.png));
    const got = boxToSource(found, p);
    const want = [mark.left, mark.top, mark.left + mark.width, mark.top + mark.height];
    // The mark is tilted in the prepared image, so its bounding box there (and back) is a little larger.
    got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(4));
    expect(Math.abs((got[0] + got[2]) / 2 - (want[0]! + want[2]!) / 2)).toBeLessThanOrEqual(1.5);
    expect(Math.abs((got[1] + got[3]) / 2 - (want[1]! + want[3]!) / 2)).toBeLessThanOrEqual(1.5);
  });
});

/** Bounding box of the one solid black area (text strokes are far thinner than 9 px at 150 dpi). */
function findSolid(img: Grey): [number, number, number, number] {
  const { data, width: w, height: h } = img;
  const dark = (x: number, y: number): boolean => data[y * w + x]! < 128;
  let seed = -1;
  for (let y = 4; y < h - 4 && seed < 0; y++) {
    for (let x = 4; x < w - 4 && seed < 0; x++) {
      let solid = true;
      for (let dy = -4; dy <= 4 && solid; dy++) for (let dx = -4; dx <= 4 && solid; dx++) solid = dark(x + dx, y + dy);
      if (solid) seed = y * w + x;
    }
  }
  expect(seed).toBeGreaterThanOrEqual(0);
  let [x0, y0, x1, y1] = [w, h, 0, 0];
  const seen = new Uint8Array(w * h);
  const stack = [seed];
  seen[seed] = 1;
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % w;
    const y = (i - x) / w;
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
    for (const [nx, ny] of [[x + 1, y], [x - 1, y], [x, y + 1], [x, y - 1]] as const) {
      if (nx < 0 || ny < 0 || nx >= w || ny >= h || seen[ny * w + nx] || !dark(nx, ny)) continue;
      seen[ny * w + nx] = 1;
      stack.push(ny * w + nx);
    }
  }
  return [x0, y0, x1, y1];
}
