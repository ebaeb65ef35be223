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
});
