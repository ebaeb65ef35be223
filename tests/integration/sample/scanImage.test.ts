/**
 * The sample project's scans: a document typeset by the app's typesetter, rasterised by pdf.js
 * and aged like an office scan, in each of the four hands. Read back with sharp (size, resolution,
 * colour), measured (ink on the page, yellow paper, blue ink, the tilt by a projection profile of
 * the pixels themselves), and read by the app's own OCR, which must find the printed text.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrEngine } from '../../../electron/core/ocr/ocrEngine';
import { recognizeImage } from '../../../electron/core/ocr/recognizePage';
import { renderScan, type PaperDocument, type ScanPage, type ScanStyle } from '../../../electron/core/sample/scanImage';
import { characterErrorRate } from '../../fixtures/scans';

const DOC: PaperDocument = {
  header: {
    issuer: ['ĐẢNG BỘ HUYỆN VÂN KHÊ', 'CHI BỘ HÒA LAM'],
    motto: ['ĐẢNG LAO ĐỘNG VIỆT NAM'],
    number: 'Số 09-BC/CB',
    placeDate: 'Hòa Lam, ngày 4 tháng 6 năm 1953',
    title: 'Báo cáo',
    subtitle: 'Về việc sửa đê sông Vân và chống hạn vụ mùa',
    signature: ['T/M CHI ỦY', 'BÍ THƯ', '(Đã ký)', 'Lê Văn Khang'],
  },
  body: [
    'Thi hành chỉ thị của Huyện ủy, trong tháng 5 vừa qua chi bộ đã huy động 340 ngày công đắp lại 600 mét đê bị vỡ ở thôn Đồng Chanh, nạo vét mương Cầu Gạch và đặt thêm hai guồng nước.',
    'Nhờ vậy 52 mẫu ruộng cao đã có nước cấy kịp thời vụ. Các tổ đổi công làm việc ban đêm, phụ nữ và thiếu niên cùng tát nước; đồng chí Trần Thị Mến phụ trách thôn Phú Hòa được nhân dân khen ngợi.',
    'Còn khó khăn: thiếu trâu cày, một số hộ neo đơn chưa có người giúp. Chi bộ đề nghị Huyện ủy cho vay thóc giống và cử cán bộ thủy lợi về giúp xã.',
  ],
};

const STYLES: Record<ScanStyle['style'], ScanStyle> = {
  print: { style: 'print', tilt: -0.8, yellowed: false, seed: 11 },
  typewriter: { style: 'typewriter', tilt: 1.2, yellowed: true, seed: 12 },
  stencil: { style: 'stencil', tilt: -0.5, yellowed: true, seed: 13 },
  handwritten: { style: 'handwritten', tilt: 0.9, yellowed: false, seed: 14 },
};

const scans = new Map<string, ScanPage[]>();
const A4_150 = { width: 1240, height: 1754 };

beforeAll(async () => {
  for (const st of Object.values(STYLES)) scans.set(st.style, await renderScan(DOC, st));
}, 120_000);

/** The scan decoded to grey levels. */
async function grey(page: ScanPage): Promise<Uint8Array> {
  const { data } = await sharp(page.jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/** The level below which a pixel is ink: well under the paper's (the median, most of a page is paper). */
function inkLevel(g: Uint8Array): number {
  const hist = new Uint32Array(256);
  for (const v of g) hist[v]!++;
  let n = 0;
  let median = 0;
  while ((n += hist[median]!) < g.length / 2) median++;
  return median - 60;
}

/**
 * The skew of the text lines in degrees (positive: rising to the right), from the pixels alone:
 * the angle at which the ink, summed along lines of that slope, falls into the sharpest rows.
 */
function projectionSkew(g: Uint8Array, w: number, h: number): number {
  const level = inkLevel(g);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x += 2) if (g[y * w + x]! < level) (xs.push(x), ys.push(y));
  let best = 0;
  let bestScore = -1;
  for (let k = -50; k <= 50; k++) {
    const a = k / 20;
    const t = Math.tan((a * Math.PI) / 180);
    const rows = new Float64Array(h + w);
    // A line rising to the right at angle a keeps y + x·tan(a) constant.
    for (let i = 0; i < xs.length; i++) rows[Math.round(ys[i]! + xs[i]! * t + w * 0.05)]! += 1;
    let score = 0;
    for (const v of rows) score += v * v;
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return best;
}

const words = (page: ScanPage) => page.words.map((w) => w.text).join(' ');
const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

describe('scans of the sample documents', () => {
  it.each(Object.keys(STYLES))('%s: one A4 page at 150 dpi, a JPEG of a few hundred KB with ink on it', async (name) => {
    const pages = scans.get(name)!;
    expect(pages).toHaveLength(1);
    const page = pages[0]!;
    expect(page).toMatchObject({ ...A4_150, dpi: 150 });
    const meta = await sharp(page.jpeg).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', ...A4_150, density: 150 });
    // White paper typed or printed is scanned in grey; yellowed paper and blue ink in colour.
    expect(meta.channels).toBe(name === 'print' ? 1 : 3);
    expect(page.jpeg.length).toBeGreaterThan(100_000);
    expect(page.jpeg.length).toBeLessThan(500_000);
    const g = await grey(page);
    const level = inkLevel(g);
    let ink = 0;
    for (const v of g) if (v < level) ink++;
    const share = ink / g.length;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.2);
  });

  it('yellowed paper is yellow, white paper is near white, and the hand writes in blue-black ink', async () => {
    const mean = async (page: ScanPage, dark: boolean) => {
      const { data, info } = await sharp(page.jpeg).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      const sum = [0, 0, 0];
      let n = 0;
      for (let i = 0; i < data.length; i += info.channels) {
        const l = (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
        if (dark ? l < 120 : l > 150) {
          for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
          n++;
        }
      }
      return sum.map((v) => v / n) as [number, number, number];
    };
    const [r, , b] = await mean(scans.get('typewriter')![0]!, false);
    expect(r - b).toBeGreaterThan(30);
    const white = await mean(scans.get('print')![0]!, false);
    expect(Math.min(...white)).toBeGreaterThan(225);
    const paper = await mean(scans.get('handwritten')![0]!, false);
    expect(paper[0] - paper[2]).toBeLessThan(15);
    const [ir, , ib] = await mean(scans.get('handwritten')![0]!, true);
    expect(ib - ir).toBeGreaterThan(20);
  });

  it.each(Object.values(STYLES).map((s) => [s.style, s.tilt] as const))('%s: the sheet lies askew by its tilt (%s°), in the pixels and in the word boxes', async (name, tilt) => {
    const page = scans.get(name)![0]!;
    expect(Math.abs(projectionSkew(await grey(page), page.width, page.height) - tilt)).toBeLessThanOrEqual(0.2);
    // The boxes of a long line climb (or fall) across it as the line does.
    const byLine = new Map<number, ScanPage['words']>();
    for (const w of page.words) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
    const line = [...byLine.values()].sort((a, b) => b.length - a.length)[0]!;
    const first = line[0]!.box;
    const last = line[line.length - 1]!.box;
    const slope = -((last[1] + last[3]) / 2 - (first[1] + first[3]) / 2) / ((last[0] + last[2]) / 2 - (first[0] + first[2]) / 2);
    expect(Math.abs((Math.atan(slope) * 180) / Math.PI - tilt)).toBeLessThan(0.35);
  });

  it.each(Object.keys(STYLES))('%s: the words reproduce the printed text in reading order, each box on its ink', async (name) => {
    const page = scans.get(name)![0]!;
    const text = words(page);
    let at = -1;
    for (const part of [...DOC.header.issuer!, DOC.header.number!, DOC.header.motto![0]!, DOC.header.placeDate!, 'BÁO CÁO', DOC.header.subtitle!, ...DOC.body, ...DOC.header.signature!]) {
      const k = text.indexOf(norm(part), at + 1);
      expect(k, part).toBeGreaterThan(at);
      at = k;
    }
    // Lines are numbered in reading order; the body's words run on in order across them.
    const lines = page.words.map((w) => w.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(new Set(lines).size).toBeGreaterThan(12);
    // The boxes hold the ink: nearly every inked pixel is inside a word's box, and the boxes are
    // a small part of the page (boxes a third of a line off leave a twentieth of it outside).
    const g = await grey(page);
    const level = inkLevel(g);
    const boxed = new Uint8Array(g.length);
    for (const w of page.words) {
      const [x0, y0, x1, y1] = w.box;
      expect(x1).toBeGreaterThan(x0);
      expect(y1).toBeGreaterThan(y0);
      expect(x1).toBeLessThanOrEqual(page.width);
      expect(y1).toBeLessThanOrEqual(page.height);
      for (let y = y0; y < y1; y++) boxed.fill(1, y * page.width + x0, y * page.width + x1);
    }
    let ink = 0;
    let inside = 0;
    let area = 0;
    for (let i = 0; i < g.length; i++) {
      area += boxed[i]!;
      if (g[i]! < level) (ink++, (inside += boxed[i]!));
    }
    expect(inside / ink).toBeGreaterThan(0.97);
    expect(area / g.length).toBeLessThan(0.35);
  });

  it('is the same scan for the same seed, another for another seed', async () => {
    const again = await renderScan(DOC, STYLES.typewriter);
    expect(Buffer.from(again[0]!.jpeg).equals(Buffer.from(scans.get('typewriter')![0]!.jpeg))).toBe(true);
    const other = await renderScan(DOC, { ...STYLES.typewriter, seed: 99 });
    expect(Buffer.from(other[0]!.jpeg).equals(Buffer.from(scans.get('typewriter')![0]!.jpeg))).toBe(false);
  }, 30_000);

  it('gives a second page when the text does not fit on one, its words going on where the first page stops', async () => {
    const long: PaperDocument = { header: DOC.header, body: Array.from({ length: 6 }, () => DOC.body).flat() };
    const pages = await renderScan(long, { style: 'print', tilt: 0.3, yellowed: true, seed: 5 });
    expect(pages).toHaveLength(2);
    const both = norm(words(pages[0]!) + ' ' + words(pages[1]!));
    expect(both).toContain(norm(long.body.join(' ')));
    expect(words(pages[1]!)).toContain('Lê Văn Khang');
  }, 30_000);

  it('refuses a tilt a scan would not have, in one sentence', async () => {
    await expect(renderScan(DOC, { ...STYLES.print, tilt: 5 })).rejects.toThrow(/Độ nghiêng của bản quét phải trong khoảng ±2 độ/);
  });
});

describe('the app reads its own sample scans', () => {
  let engine: OcrEngine;
  beforeAll(() => {
    engine = new OcrEngine({ workers: 1 });
  });
  afterAll(() => engine.close());

  it('reads the printed page almost letter for letter, and finds its tilt', async () => {
    const page = scans.get('print')![0]!;
    const read = await recognizeImage(Buffer.from(page.jpeg), engine);
    expect(characterErrorRate(words(page), read.text)).toBeLessThan(0.1);
    expect(Math.abs(read.preparation.skew - STYLES.print.tilt)).toBeLessThan(0.3);
    // Its words land where the scan's own boxes say the printed words are.
    const mine = page.words.find((w) => w.text === 'Cầu')!;
    const found = read.words.find((w) => w.text === 'Cầu')!;
    expect(Math.abs(found.box[0] - mine.box[0])).toBeLessThan(12);
    expect(Math.abs(found.box[1] - mine.box[1])).toBeLessThan(12);
  }, 60_000);
});
