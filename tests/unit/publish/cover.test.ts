/**
 * The cover sheet: its geometry from the trim, bleed and page count, and a real cover PDF read
 * back with poppler (text, page size and boxes) and rendered, its barcode read from the pixels.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../../../shared/book/model';
import { UserFacingError } from '../../../shared/errors';
import { ean13Modules } from '../../../shared/book/ean13';
import { coverGeometry, spineWidthMm, typesetCover, type CoverReport } from '../../../electron/core/publish/cover';
import { loadWorld, type TypesetWorld } from '../../../electron/core/publish/index';
import { tempFile } from './fixtures';

const MM = 72 / 25.4;
let world: TypesetWorld;

const book = (over: Partial<Book> = {}): Book => ({
  layout: 'history',
  title: 'Lịch sử Đảng bộ huyện Tam Đường',
  subtitle: 'Sơ thảo',
  author: 'Ban Chấp hành Đảng bộ huyện Tam Đường',
  placeYear: 'Lai Châu – 2026',
  colophon: { publisher: 'Nhà xuất bản Chính trị quốc gia Sự thật' },
  cover: { period: '1945–2025', isbn: '978-604-57-1234-4', backText: 'Cuốn sách ghi lại chặng đường xây dựng và trưởng thành của Đảng bộ huyện.' },
  front: [],
  body: [],
  back: [],
  ...over,
});

beforeAll(async () => {
  world = await loadWorld({ families: ['liberation-serif'] });
});

describe('spine width', () => {
  it('is one leaf per two pages times the paper thickness', () => {
    expect(spineWidthMm(384, 0.1)).toBe(19.2);
    expect(spineWidthMm(385, 0.1)).toBe(19.3);
    expect(spineWidthMm(3, 0.1)).toBe(0.2);
    expect(spineWidthMm(200, 0.065)).toBe(6.5);
    expect(spineWidthMm(0, 0.1)).toBe(0);
  });

  it('refuses a paper thickness of 0 with one sentence', () => {
    expect(() => spineWidthMm(100, 0)).toThrow(UserFacingError);
    expect(() => spineWidthMm(100, 0)).toThrow(/^Độ dày giấy phải lớn hơn 0/);
  });

  it('sets the sheet at 2 × trim + spine + 2 × bleed by trim + 2 × bleed', () => {
    const g = coverGeometry({ trimMm: [145, 205], pages: 300, paperThickness: 0.1, bleed: 3 });
    expect(g.mediaWidth / MM).toBeCloseTo(2 * 145 + 15 + 6, 2);
    expect(g.mediaHeight / MM).toBeCloseTo(211, 2);
    expect(g.front.x - g.spine.x).toBeCloseTo(15 * MM, 6);
    // A cover with no bleed set still gets the default 3 mm; crop marks add a slug outside the bleed.
    const marked = coverGeometry({ trimMm: [160, 240], pages: 100, cropMarks: true });
    expect(marked.bleedBox.w / MM).toBeCloseTo(2 * 160 + 5 + 6, 2);
    // Marks 2 mm beyond the bleed, 5 mm long, 1 mm of paper after them: the book's own sheet.
    expect(marked.mediaWidth).toBeCloseTo(marked.bleedBox.w + 2 * 8 * MM, 2);
  });
});

/** Poppler's reading of a PDF: text, and the page and trim box sizes in points. */
function poppler(file: string): { text: string; page: [number, number]; trim: number[]; bleed: number[] } {
  const info = execFileSync('pdfinfo', ['-box', file], { encoding: 'utf8' });
  const box = (name: string) => /:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(info.split('\n').find((l) => l.startsWith(name))!)!.slice(1).map(Number);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
  return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }), page: [Number(size[1]), Number(size[2])], trim: box('TrimBox'), bleed: box('BleedBox') };
}

/** The barcode region rendered at 600 dpi, read module by module (dark = 1). */
function readBars(file: string, r: CoverReport): string {
  const b = r.barcode!;
  const dpi = 600;
  const px = (pt: number) => (pt * dpi) / 72;
  const out = path.join(path.dirname(file), 'bars');
  const [x, y, w] = [Math.floor(px(b.x)), Math.floor(px(b.y + b.h / 2)), Math.ceil(px(b.w)) + 2];
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-x', String(x), '-y', String(y), '-W', String(w), '-H', '1', '-singlefile', file, out]);
  const pgm = readFileSync(out + '.pgm');
  // Binary PGM: "P5", width, height, maxval, then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  let modules = '';
  for (let i = 0; i < 95; i++) modules += pixels[Math.round(px(b.x + (i + 0.5) * b.module) - x)]! < 128 ? '1' : '0';
  return modules;
}

describe('cover PDF', () => {
  it('prints the period once when the title already names its years', async () => {
    const r = await typesetCover(book({ title: 'Lịch sử Đảng bộ huyện Tam Đường (1945 – 2025)' }), 200, world);
    const text = poppler(tempFile('bia.pdf', r.pdf)).text;
    expect(text.match(/1945/g)?.length, text).toBe(2); // the front's title and the spine's
    const other = poppler(tempFile('bia.pdf', (await typesetCover(book(), 200, world)).pdf)).text;
    expect(other).toContain('(1945–2025)');
  });

  it('prints the title, the ISBN and its barcode on a sheet of the computed size', async () => {
    const b = book({ setup: { trim: '145x205', bleed: 3 } });
    const r = await typesetCover(b, 384, world);
    const file = tempFile('bia.pdf', r.pdf);
    const p = poppler(file);
    // 2 × 145 + 19.2 + 2 × 3 mm by 205 + 2 × 3 mm.
    expect(p.page[0]).toBeCloseTo((2 * 145 + 19.2 + 6) * MM, 1);
    expect(p.page[1]).toBeCloseTo(211 * MM, 1);
    expect(p.trim[2]! - p.trim[0]!).toBeCloseTo((2 * 145 + 19.2) * MM, 1);
    expect(p.trim[0]).toBeCloseTo(3 * MM, 1);
    expect(p.bleed[2]! - p.bleed[0]!).toBeCloseTo(p.page[0], 1);
    const text = p.text.normalize('NFC');
    expect(text).toContain('LỊCH SỬ ĐẢNG');
    expect(text).toContain('TAM ĐƯỜNG');
    expect(text).toContain('BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN TAM ĐƯỜNG');
    expect(text).toContain('(1945–2025)');
    expect(text).toContain('NHÀ XUẤT BẢN CHÍNH TRỊ QUỐC GIA SỰ THẬT');
    expect(text).toContain('ISBN 978-604-57-1234-4');
    expect(text.replace(/\s+/g, '')).toContain('9786045712344');
    expect(text).toContain('Cuốn sách ghi lại chặng đường');
    // 19.2 mm of spine: the title runs down it too.
    expect(r.spineText).toBe(true);
    expect(readBars(file, r)).toBe(ean13Modules('9786045712344'));
  });

  it('leaves a thin spine blank, and the same input gives the same bytes', async () => {
    const b = book({ cover: { isbn: '9780306406157', paperThickness: 0.1, colour: 'white' } });
    const r = await typesetCover(b, 100, world);
    expect(r.geometry.spineMm).toBe(5);
    expect(r.spineText).toBe(false);
    const again = await typesetCover(b, 100, world);
    expect(Buffer.from(again.pdf).equals(Buffer.from(r.pdf))).toBe(true);
    const file = tempFile('bia.pdf', r.pdf);
    expect(readBars(file, r)).toBe(ean13Modules('9780306406157'));
    expect(poppler(file).text).toContain('ISBN 978-030640615-7');
  });

  it('sets the title in balanced capitals, keeping words and place names on one line', async () => {
    const title = (t: string) =>
      typesetCover(book({ title: t }), 200, world).then((r) =>
        poppler(tempFile('bia.pdf', r.pdf))
          .text.normalize('NFC')
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => /^[A-ZĐ\p{Lu} ,]+$/u.test(l) && l.length > 3),
      );
    // The district goes whole with its name (shared/text/titleWords.ts): two balanced lines.
    expect(await title('Lịch sử Đảng bộ huyện Tam Đường')).toEqual(expect.arrayContaining(['LỊCH SỬ ĐẢNG BỘ', 'HUYỆN TAM ĐƯỜNG']));
    const long = await title('Lịch sử Đảng bộ và nhân dân các dân tộc huyện Tam Đường, tỉnh Lai Châu');
    // The front's lines (the spine has the title on one line).
    const lines = long.filter((l) => (l.includes('ĐẢNG BỘ VÀ') || l.includes('DÂN TỘC') || l.includes('LAI')) && !l.includes('LỊCH SỬ ĐẢNG BỘ VÀ NHÂN DÂN CÁC DÂN TỘC'));
    expect(lines.length).toBe(3);
    for (const l of lines) expect(l).not.toMatch(/(NHÂN|TAM|LAI|DÂN CÁC DÂN)$/);
  });

  it('grows the sheet by a slug for crop marks, the boxes staying on the cover', async () => {
    const r = await typesetCover(book({ setup: { trim: '160x240', cropMarks: true, bleed: 5 } }), 240, world);
    const p = poppler(tempFile('bia.pdf', r.pdf));
    expect(p.bleed[2]! - p.bleed[0]!).toBeCloseTo((2 * 160 + 12 + 10) * MM, 1);
    expect(p.page[0]).toBeCloseTo((2 * 160 + 12 + 10 + 16) * MM, 1);
    expect(p.trim[0]).toBeCloseTo(13 * MM, 1);
  });

  it('refuses a back text too long for the back, and a bad ISBN, with a sentence', async () => {
    const long = 'Lịch sử vẻ vang của Đảng bộ và nhân dân trong huyện. '.repeat(400);
    await expect(typesetCover(book({ cover: { backText: long } }), 200, world)).rejects.toThrow(/bìa sau quá dài/);
    await expect(typesetCover(book({ cover: { isbn: '978-604-57-1234-5' } }), 200, world)).rejects.toThrow(/sai số kiểm tra/);
  });
});
