import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Block, Book } from '../../../shared/book/model';
import { loadWorld, resolveSetup, typeset } from '../../../electron/core/publish/index';
import { paragraph, rng, tempFile } from './fixtures';

describe('figures', () => {
  it('keep their caption on their page, and let text fill the page rather than leave a hole', async () => {
    const r = rng(8);
    const png = new Uint8Array(await sharp({ create: { width: 500, height: 420, channels: 3, background: '#6a8' } }).png().toBuffer());
    const blocks: Block[] = [];
    for (let k = 1; k <= 6; k++) {
      for (let p = 0; p < 3 + (k % 3); p++) blocks.push(paragraph(r, { chapters: 0, sectionsPerChapter: 0, parasPerSection: 0, words: 90, footnoteRate: 0 }));
      blocks.push({ kind: 'figure', image: { data: png, format: 'png', width: 500, height: 420 }, caption: [{ kind: 'text', text: `Ảnh ${k}. Trụ sở Đảng ủy xã năm 196${k}` }] });
    }
    const book: Book = { layout: 'history', title: 'Sách ảnh', front: [], back: [], body: [{ kind: 'chapter', title: 'Ảnh tư liệu', numbered: true, blocks }] };
    const file = tempFile('figures.pdf', await typeset(book, await loadWorld()));
    const s = resolveSetup(book, ['liberation-serif'], 'liberation-serif');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), disableFontFace: true, verbosity: 0 }).promise;
    let figures = 0;
    let previousHadRoom: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      const images = ops.fnArray.filter((f) => f === pdfjs.OPS.paintImageXObject).length;
      const text = (await page.getTextContent()).items.map((it) => ('str' in it ? it : null)).filter((it) => it !== null);
      const captions = text.filter((it) => /^Ảnh \d\./.test(it.str));
      // Every image has its caption on the same page.
      expect(captions.length, `page ${n}`).toBe(images);
      figures += images;
      // A page followed by a figure page is full (its lowest line sits near the foot of the text
      // block) whenever text follows the figure, which could have filled that page instead.
      const textAfter = captions.length > 0 && text.some((it) => it.str.trim() && it.transform[5] < Math.min(...captions.map((c) => c.transform[5])) - 1 && it.transform[5] > s.bottom);
      if (images > 0 && textAfter && n > 1 && previousHadRoom.length) expect(previousHadRoom, `page ${n - 1} left a hole before a figure`).toEqual([]);
      const body = text.filter((it) => it.str.trim() && it.transform[5] > s.bottom && it.transform[5] < page.view[3]! - s.top);
      const lowest = Math.min(...body.map((it) => it.transform[5]));
      previousHadRoom = images === 0 && n < doc.numPages && lowest > s.bottom + 4 * s.leading ? [`lowest line at ${Math.round(lowest)}`] : [];
    }
    expect(figures).toBe(6);
    await doc.destroy();
  });

  it('print a scan turned as the archivist turned it, in the turned proportions', async () => {
    // A wide image, red above and blue below: turned 90° clockwise, red ends up on the right.
    const w = 400;
    const h = 200;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h / 2}" fill="#e00000"/><rect y="${h / 2}" width="${w}" height="${h / 2}" fill="#0000e0"/></svg>`;
    const png = new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
    const seen: Record<string, { red: [number, number]; blue: [number, number]; box: [number, number] }> = {};
    for (const rotation of [0, 90, 180, 270] as const) {
      const book: Book = {
        layout: 'history',
        title: 'Ảnh xoay',
        front: [],
        back: [],
        body: [{ kind: 'chapter', title: 'Ảnh', numbered: false, blocks: [{ kind: 'figure', image: { data: png, format: 'png', width: w, height: h }, caption: [{ kind: 'text', text: 'Ảnh xoay' }], rotation }] }],
      };
      const pdf = tempFile('turned.pdf', await typeset(book, await loadWorld()));
      const out = pdf.replace(/\.pdf$/, '');
      // The page that holds the figure: the one with the caption on it.
      const pageNo = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').findIndex((t) => /Ảnh xoay\s*$/m.test(t)) + 1;
      execFileSync('pdftoppm', ['-png', '-r', '50', '-f', String(pageNo), '-l', String(pageNo), '-singlefile', pdf, out]);
      const { data, info } = await sharp(`${out}.png`).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const sum: Record<'red' | 'blue', [number, number, number]> = { red: [0, 0, 0], blue: [0, 0, 0] };
      let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
      for (let y = 0; y < info.height; y++)
        for (let x = 0; x < info.width; x++) {
          const i = (y * info.width + x) * 3;
          const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
          // Reds and blues, not exact values: poppler proofs the print file's sRGB picture through
          // its CMYK output intent (FOGRA39), where pure blue prints a duller blue.
          const which = r > g + 80 && r > b + 80 ? sum.red : b > r + 60 && b > g + 30 ? sum.blue : null;
          if (!which) continue;
          which[0] += x;
          which[1] += y;
          which[2]++;
          [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
        }
      const mean = (c: [number, number, number]): [number, number] => [c[0] / c[2], c[1] / c[2]];
      seen[rotation] = { red: mean(sum.red), blue: mean(sum.blue), box: [x1 - x0, y1 - y0] };
    }
    const { 0: up, 90: right, 180: down, 270: left } = seen;
    expect(up!.red[1]).toBeLessThan(up!.blue[1]); // red above
    expect(right!.red[0]).toBeGreaterThan(right!.blue[0]); // red on the right
    expect(down!.red[1]).toBeGreaterThan(down!.blue[1]); // red below
    expect(left!.red[0]).toBeLessThan(left!.blue[0]); // red on the left
    // Upright it is wide; turned a quarter it is tall, with the same proportions.
    expect(up!.box[0] / up!.box[1]).toBeCloseTo(2, 0);
    expect(right!.box[1] / right!.box[0]).toBeCloseTo(2, 0);
    expect(left!.box[1] / left!.box[0]).toBeCloseTo(2, 0);
  });
});
