/**
 * Print files: the page boxes (TrimBox, BleedBox, MediaBox with a slug for crop marks) read back
 * with pdfinfo, the page drawn inside the trim, crop marks in registration colour outside the
 * bleed (looked at in a rendering), the real creation date (or SOURCE_DATE_EPOCH), and page labels
 * that match the printed folios.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../../../shared/book/model';
import { loadWorld, typesetWithReport, type TypesetWorld } from '../../../electron/core/publish/index';
import { worldDate } from '../../../electron/core/publish/world';
import { drawPdf } from '../../../electron/core/publish/draw';
import { createShaper } from '../../../electron/core/publish/measure';
import type { Page } from '../../../electron/core/publish/ir';
import { generateBook, tempFile } from './fixtures';
import { readPdf } from './pdfjs';

const MM = 72 / 25.4;
type Rect = [number, number, number, number];

/** Every page's boxes as pdfinfo reports them. */
function boxes(file: string): { media: Rect; bleed: Rect; trim: Rect }[] {
  const out = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '999', file], { encoding: 'utf8' });
  const pages: { media: Rect; bleed: Rect; trim: Rect }[] = [];
  for (const m of out.matchAll(/^Page\s+(\d+)\s+(MediaBox|BleedBox|TrimBox):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/gm)) {
    const i = Number(m[1]) - 1;
    const p = (pages[i] ??= { media: [0, 0, 0, 0], bleed: [0, 0, 0, 0], trim: [0, 0, 0, 0] });
    const key = m[2] === 'MediaBox' ? 'media' : m[2] === 'BleedBox' ? 'bleed' : 'trim';
    p[key] = [Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
  }
  return pages;
}

/** First word on a page with its box, y from the top of the MediaBox (pdftotext -bbox). */
function firstWord(file: string, page: number): { word: string; x: number; y: number } {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
  const m = /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</.exec(html)!;
  return { word: m[3]!, x: Number(m[1]), y: Number(m[2]) };
}

/** A page rendered in gray at `dpi`: pixel darkness lookup in PDF points from the MediaBox's top-left. */
function render(file: string, page: number, dpi: number): { ink: (x: number, y: number) => number; w: number; h: number } {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), file], { maxBuffer: 64 << 20 });
  // P5 header: "P5\n<w> <h>\n255\n".
  const head = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const w = Number(head[1]);
  const h = Number(head[2]);
  const data = pgm.subarray(head[0].length);
  const s = dpi / 72;
  return {
    w,
    h,
    ink: (x, y) => {
      const px = Math.floor(x * s);
      const py = Math.floor(y * s);
      if (px < 0 || py < 0 || px >= w || py >= h) return 0;
      return 255 - data[py * w + px]!;
    },
  };
}

const close = (a: number, b: number, tol = 0.02) => Math.abs(a - b) <= tol;

let world: TypesetWorld;
const book = (setup: Book['setup']): Book => ({ ...generateBook({ chapters: 1, sectionsPerChapter: 2, parasPerSection: 3, words: 50, footnoteRate: 0.2 }), setup });

beforeAll(async () => {
  world = await loadWorld({ families: ['liberation-serif'] });
});

describe('print files', () => {
  let plain: string;
  let marked: string;
  let bleedOnly: string;
  beforeAll(async () => {
    plain = tempFile('plain.pdf', (await typesetWithReport(book({ trim: '145x205' }), world)).pdf);
    marked = tempFile('marked.pdf', (await typesetWithReport(book({ trim: '145x205', bleed: 3, cropMarks: true }), world)).pdf);
    bleedOnly = tempFile('bleed.pdf', (await typesetWithReport(book({ trim: '145x205', bleed: 3 }), world)).pdf);
  });

  it('declares the trim, the bleed and a sheet with a slug for the crop marks on every page', () => {
    const pages = boxes(marked);
    expect(pages.length).toBeGreaterThan(4);
    for (const p of pages) {
      const [tl, tb, tr, tt] = p.trim;
      expect(close(tr - tl, 145 * MM)).toBe(true);
      expect(close(tt - tb, 205 * MM)).toBe(true);
      // BleedBox: 3 mm beyond the trim on every side.
      p.bleed.forEach((v, i) => expect(close(i < 2 ? p.trim[i]! - v : v - p.trim[i]!, 3 * MM)).toBe(true));
      // MediaBox: holds the bleed with room to spare (the marks' slug).
      expect(p.media[0]).toBe(0);
      expect(p.media[1]).toBe(0);
      expect(p.bleed[0]).toBeGreaterThan(5 * MM);
      expect(p.media[2] - p.bleed[2]).toBeGreaterThan(5 * MM);
      expect(p.media[3] - p.bleed[3]).toBeGreaterThan(5 * MM);
    }
    // Bleed without marks: the sheet is the bleed.
    for (const p of boxes(bleedOnly)) {
      expect(p.media).toEqual(p.bleed);
      expect(close(p.trim[0], 3 * MM)).toBe(true);
    }
    // Without bleed or marks every box is the trim.
    for (const p of boxes(plain)) {
      expect(p.media).toEqual(p.trim);
      expect(p.bleed).toEqual(p.trim);
      expect(close(p.trim[2], 145 * MM)).toBe(true);
    }
  });

  it('draws each page inside its trim: the same words, moved by the trim’s offset on the sheet', () => {
    const [tl, , , tt] = boxes(marked)[4]!.trim;
    const mediaTop = boxes(marked)[4]!.media[3];
    const a = firstWord(plain, 5);
    const b = firstWord(marked, 5);
    expect(b.word).toBe(a.word);
    expect(close(b.x - a.x, tl, 0.05)).toBe(true);
    expect(close(b.y - a.y, mediaTop - tt, 0.05)).toBe(true);
  });

  it('prints eight crop marks in line with the trim, outside the bleed, and nothing in the bleed band', () => {
    const p = boxes(marked)[0]!;
    const H = p.media[3];
    // In top-down coordinates, as the rendering is.
    const trim = { l: p.trim[0], r: p.trim[2], t: H - p.trim[3], b: H - p.trim[1] };
    const bleed = { l: p.bleed[0], r: p.bleed[2], t: H - p.bleed[3], b: H - p.bleed[1] };
    const img = render(marked, 1, 288);
    let marks = 0;
    for (const x of [trim.l, trim.r])
      for (const y of [trim.t, trim.b]) {
        const out = x === trim.l ? -1 : 1;
        const up = y === trim.t ? -1 : 1;
        const edgeX = x === trim.l ? bleed.l : bleed.r;
        const edgeY = y === trim.t ? bleed.t : bleed.b;
        // Horizontal mark: ink along y = trim edge, beyond the bleed edge, not up to it.
        const hAt = (d: number) => Math.max(img.ink(edgeX + out * d, y - 0.2), img.ink(edgeX + out * d, y), img.ink(edgeX + out * d, y + 0.2));
        const vAt = (d: number) => Math.max(img.ink(x - 0.2, edgeY + up * d), img.ink(x, edgeY + up * d), img.ink(x + 0.2, edgeY + up * d));
        if (hAt(4 * MM) > 100) marks++;
        if (vAt(4 * MM) > 100) marks++;
        expect(hAt(0.5 * MM)).toBe(0);
        expect(vAt(0.5 * MM)).toBe(0);
      }
    expect(marks).toBe(8);
    // The bleed band (between trim and bleed edge) is blank all round: the marks never reach it.
    for (let t = 0.1; t < 1; t += 0.1) {
      for (const [x, y] of [
        [trim.l + (trim.r - trim.l) * t, (trim.t + bleed.t) / 2],
        [trim.l + (trim.r - trim.l) * t, (trim.b + bleed.b) / 2],
        [(trim.l + bleed.l) / 2, trim.t + (trim.b - trim.t) * t],
        [(trim.r + bleed.r) / 2, trim.t + (trim.b - trim.t) * t],
      ] as [number, number][])
        expect(img.ink(x, y)).toBe(0);
    }
    // Nothing outside the trim on a plain file's sheet: there is no sheet beyond the trim.
    expect(Math.abs(render(plain, 1, 72).w - 145 * MM)).toBeLessThan(1.5);
  });

  it('gives the same bytes for the same book and world, marks, PDF/X and tags included', async () => {
    const again = (await typesetWithReport(book({ trim: '145x205', bleed: 3, cropMarks: true }), world)).pdf;
    expect(Buffer.from(again).equals(readFileSync(marked))).toBe(true);
  });

  it('strokes the crop marks in registration colour (a separation on every ink)', () => {
    const raw = readFileSync(marked).toString('latin1');
    expect(raw).toMatch(/\/Separation\s*\/All/);
    expect(readFileSync(plain).toString('latin1')).not.toMatch(/\/Separation/);
  });
});

describe('the date in the file', () => {
  it('is the time of the run, or SOURCE_DATE_EPOCH when set, for creation and modification alike', async () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    try {
      delete process.env.SOURCE_DATE_EPOCH;
      const before = Math.floor(Date.now() / 1000) * 1000;
      const now = await typesetWithReport(book({}), { ...world, date: (await loadWorld({ families: [] })).date });
      const nowFile = tempFile('now.pdf', now.pdf);
      const info = execFileSync('pdfinfo', ['-isodates', nowFile], { encoding: 'utf8' });
      const created = Date.parse(/CreationDate:\s+(\S+)/.exec(info)![1]!);
      expect(created).toBeGreaterThanOrEqual(before);
      expect(created).toBeLessThanOrEqual(Date.now());
      expect(/ModDate:\s+(\S+)/.exec(info)![1]).toBe(/CreationDate:\s+(\S+)/.exec(info)![1]);

      process.env.SOURCE_DATE_EPOCH = '1700000000';
      const fixed = tempFile('fixed.pdf', (await typesetWithReport(book({}), { ...world, date: (await loadWorld({ families: [] })).date })).pdf);
      const fixedInfo = execFileSync('pdfinfo', ['-isodates', fixed], { encoding: 'utf8' });
      expect(fixedInfo).toMatch(/CreationDate:\s+2023-11-14T22:13:20(Z|\+00)/);
      expect(fixedInfo).toMatch(/ModDate:\s+2023-11-14T22:13:20(Z|\+00)/);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });

  it('reads SOURCE_DATE_EPOCH only as whole seconds', () => {
    expect(worldDate('0', 5e12).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(worldDate(' 1700000000 ', 5e12).getTime()).toBe(1700000000000);
    expect(worldDate('soon', 1700000000123).getTime()).toBe(1700000000000);
    expect(worldDate('-5', 1700000000123).getTime()).toBe(1700000000000);
    expect(worldDate(undefined, 1700000000999).getTime()).toBe(1700000000000);
  });
});

describe('page labels', () => {
  async function labelsOf(labels: string[], firstArabic: number): Promise<string[] | null> {
    const shaper = createShaper(world);
    const face = shaper.face('liberation-serif');
    const pages: Page[] = labels.map((label, index) => ({
      index,
      folio: label,
      label,
      draws: [{ d: 'text', x: 50, y: 100, line: { width: 200, align: 'left', last: true, parts: [shaper.box(`Trang ${index + 1}`, face, 11)], ratio: 0 } }],
      anchors: [],
      marks: [],
      calls: [],
      noteStarts: [],
    }));
    shaper.resolve();
    const pdf = await drawPdf({ pages, pageWidth: 300, pageHeight: 400, faces: shaper.faces, outline: [], firstArabic, meta: { title: 't', language: 'vi', date: world.date, producer: 'p' } });
    return (await readPdf(tempFile('labels.pdf', pdf))).labels;
  }

  it('numbers a document with no front matter in arabic from 1', async () => {
    expect(await labelsOf(['', '', ''], 0)).toEqual(['1', '2', '3']);
    expect(await labelsOf(['1', '2', '3', '4'], 0)).toEqual(['1', '2', '3', '4']);
  });

  it('follows the printed folios: roman front matter with its blank pages, then arabic from 1', async () => {
    expect(await labelsOf(['', 'ii', 'iii', '', '1', '2', '', '4'], 4)).toEqual(['i', 'ii', 'iii', 'iv', '1', '2', '3', '4']);
    const report = await typesetWithReport(book({}), world);
    const labels = (await readPdf(tempFile('book.pdf', report.pdf))).labels!;
    report.pageLabels.forEach((l, i) => {
      if (l) expect(labels[i]).toBe(l);
    });
  });
});
