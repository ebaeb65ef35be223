/**
 * Tables that never lose text (issue 13): every word of a table wider than the measure is
 * printed — set smaller, turned on a landscape page, or split by columns — inside the page, and a
 * table that runs over pages repeats its header row on each. Read back from the PDF (pdftotext
 * for the words, pdf.js for where and which way they are set).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, Book, InlineRun, Table } from '../../../shared/book/model';
import { bookFromMarkdown, loadWorld, resolveSetup, typeset, type TypesetWorld } from '../../../electron/core/publish/index';
import { tempFile } from './fixtures';

let world: TypesetWorld;
beforeAll(async () => {
  world = await loadWorld();
});

const NAMES = ['Nguyễn Văn Cừ', 'Trần Phú', 'Lê Hồng Phong', 'Hà Huy Tập', 'Nguyễn Thị Minh Khai', 'Võ Văn Tần', 'Phạm Hùng', 'Đặng Thị Hòa'];
const PLACES = ['Tân Hòa', 'Đông Anh', 'Ứng Hòa', 'Ân Thi', 'Bắc Ninh', 'Yên Bái', 'Chợ Đồn', 'Điện Biên'];

/** The user's table: twelve columns of a cadre list, far wider than a 145 × 205 page's measure. */
const WIDE_HEAD = ['TT', 'Họ và tên', 'Năm sinh', 'Quê quán', 'Chức vụ', 'Thời gian đảm nhiệm', 'Ngày vào Đảng', 'Ngày chính thức', 'Trình độ lý luận', 'Khen thưởng', 'Nơi công tác', 'Ghi chú'];
const wideRows = (n: number): string[][] =>
  Array.from({ length: n }, (_, i) => [
    `0${i + 1}`,
    NAMES[i % 8]!,
    String(1900 + i * 3),
    PLACES[i % 8]!,
    'Bí thư Chi bộ',
    `${1930 + i}–${1935 + i}`,
    `19/05/${1930 + i}`,
    `03/02/${1931 + i}`,
    'Sơ cấp',
    'Huân chương Độc lập hạng Ba',
    PLACES[(i + 3) % 8]!,
    `Hy sinh năm ${1946 + i}`,
  ]);

const pipeTable = (head: string[], rows: string[][]): string =>
  ['| ' + head.join(' | ') + ' |', '|' + head.map(() => '---|').join(''), ...rows.map((r) => '| ' + r.join(' | ') + ' |')].join('\n');

const words = (s: string): string[] => s.normalize('NFC').split(/\s+/).filter(Boolean);

function count(tokens: string[], vocab?: Set<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) if (!vocab || vocab.has(t)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

const pdfText = (file: string, page?: number): string =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'], { encoding: 'utf8' });

interface Glyphs {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** Set turned a quarter (the baseline runs up the page). */
  turned: boolean;
}

/** Every text item of every page, with its direction, and the page size. */
async function readItems(file: string): Promise<{ w: number; h: number; items: Glyphs[] }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), disableFontFace: true, verbosity: 0 }).promise;
  const out: { w: number; h: number; items: Glyphs[] }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , w, h] = page.view as number[];
    const items: Glyphs[] = [];
    for (const it of (await page.getTextContent()).items) {
      if (!('str' in it) || !it.str.trim()) continue;
      const [a, b] = it.transform as number[];
      items.push({ str: it.str, x: it.transform[4], y: it.transform[5], width: it.width, size: Math.hypot(a!, b!), turned: Math.abs(a!) < 0.01 && b! > 0 });
    }
    out.push({ w: w!, h: h!, items });
  }
  await doc.destroy();
  return out;
}

/** No text runs off its page: upright text within the page's width, turned text within its height. */
function expectInsidePages(pages: { w: number; h: number; items: Glyphs[] }[]): void {
  pages.forEach((p, n) => {
    for (const it of p.items) {
      if (it.turned) expect(it.y + it.width, `page ${n + 1}: "${it.str}" runs off the top`).toBeLessThanOrEqual(p.h + 0.5);
      else expect(it.x + it.width, `page ${n + 1}: "${it.str}" runs off the right edge`).toBeLessThanOrEqual(p.w + 0.5);
      expect(it.x, `page ${n + 1}: "${it.str}"`).toBeGreaterThanOrEqual(-0.5);
    }
  });
}

const chapterBook = (title: string, blocks: Block[]): Book => ({
  layout: 'history',
  title: 'Sổ tay',
  proof: true,
  front: [],
  back: [],
  body: [{ kind: 'chapter', title, numbered: true, blocks }],
});

const runs = (text: string): InlineRun[] => [{ kind: 'text', text }];

describe('tables', () => {
  it('print every word of a 12-column table too wide for the measure, turned on a page of their own, the text flowing on', async () => {
    const rows = wideRows(9);
    const before = 'Trước khi có bảng, đoạn này mở đầu.';
    const after = 'Chữ tiếp tục sau bảng ngang mà không chờ bảng. '.repeat(6).trim();
    const md = `# Danh sách\n\n${before}\n\n${pipeTable(WIDE_HEAD, rows)}\n\n${after}\n`;
    const book = { ...bookFromMarkdown(md), title: 'Sổ tay', proof: true };
    const file = tempFile('wide-table.pdf', await typeset(book, world));
    const pages = await readItems(file);
    const n = pages.length;
    // Every word of the table is in the PDF, as often as in the source (the header once per
    // page the table is printed on).
    const head = WIDE_HEAD.flatMap(words);
    const body = rows.flatMap((r) => r.flatMap(words));
    const vocab = new Set([...head, ...body]);
    const tablePages: number[] = [];
    for (let p = 1; p <= n; p++) if (words(pdfText(file, p)).some((w) => body.includes(w))) tablePages.push(p);
    expect(tablePages.length, 'the table runs over two turned pages').toBeGreaterThanOrEqual(2);
    const expected = count([...body, ...tablePages.flatMap(() => head)]);
    const got = count(
      tablePages.flatMap((p) => words(pdfText(file, p))),
      vocab,
    );
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
    // The header row heads every page of the table: turned, the table's top is the page's left.
    const headOnly = new Set(head.filter((w) => !body.includes(w)));
    const bodyOnly = new Set(body.filter((w) => !head.includes(w)));
    for (const p of tablePages) {
      const items = pages[p - 1]!.items.filter((it) => it.turned);
      const headX = items.filter((it) => words(it.str).every((w) => headOnly.has(w))).map((it) => it.x);
      const bodyX = items.filter((it) => words(it.str).every((w) => bodyOnly.has(w))).map((it) => it.x);
      expect(headX.length, `page ${p}: header row`).toBeGreaterThanOrEqual(10);
      expect(Math.max(...headX), `page ${p}: header above the rows`).toBeLessThan(Math.min(...bodyX));
    }
    // The table is turned a quarter (its top at the left edge); the running head stays upright.
    for (const p of tablePages) {
      const items = pages[p - 1]!.items;
      const cells = items.filter((it) => vocab.has(words(it.str)[0] ?? ''));
      expect(cells.length, `page ${p}`).toBeGreaterThan(0);
      expect(cells.every((it) => it.turned), `page ${p}: table text turned`).toBe(true);
      expect(items.some((it) => !it.turned && it.str.includes('Danh sách')) || items.some((it) => !it.turned && it.str.includes('Sổ tay')), `page ${p}: running head upright`).toBe(true);
    }
    // The text after the table fills the page where the table stood; the table's pages follow it.
    const afterPage = pages.findIndex((p) => p.items.some((it) => it.str.includes('Chữ tiếp tục sau bảng'))) + 1;
    const beforePage = pages.findIndex((p) => p.items.some((it) => it.str.includes('Trước khi có bảng'))) + 1;
    expect(afterPage).toBe(beforePage);
    expect(tablePages[0]).toBe(beforePage + 1);
    expectInsidePages(pages);
  });

  it('repeat the header row at the top of every page a long table runs over', async () => {
    const head = ['Năm', 'Số đảng viên', 'Chi bộ', 'Ghi chú'];
    const rows = Array.from({ length: 90 }, (_, i) => [String(1930 + i), String(1000 + i * 7), String(1 + (i % 13)), `Kết nạp ở thôn ${PLACES[i % 8]}`]);
    const md = `# Đảng viên\n\nĐoạn mở đầu.\n\n${pipeTable(head, rows)}\n\nĐoạn kết.\n`;
    const book = { ...bookFromMarkdown(md), title: 'Sổ tay', proof: true };
    const file = tempFile('long-table.pdf', await typeset(book, world));
    const pages = await readItems(file);
    const years = rows.map((r) => r[0]!);
    let seen = 0;
    let tablePages = 0;
    for (let p = 1; p <= pages.length; p++) {
      const text = pdfText(file, p);
      const ws = words(text);
      const here = years.filter((y) => ws.includes(y));
      if (here.length === 0) continue;
      tablePages++;
      seen += here.length;
      // The header is the first line of the page's text block, above the page's first row.
      const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
      const headLine = lines.findIndex((l) => l.startsWith('Năm'));
      expect(headLine, `page ${p}: header row`).toBeGreaterThanOrEqual(0);
      expect(text.indexOf('Số đảng viên'), `page ${p}`).toBeLessThan(text.indexOf(here[0]!));
      // Turned over pages, the table stays upright.
      expect(pages[p - 1]!.items.every((it) => !it.turned)).toBe(true);
    }
    expect(tablePages).toBeGreaterThanOrEqual(3);
    expect(seen).toBe(rows.length);
    expectInsidePages(pages);
  });

  it('split a table too wide even for a landscape page into groups of columns, each after the stub column, with its header', async () => {
    const ncols = 24;
    const head = ['Xã', ...Array.from({ length: ncols - 1 }, (_, i) => `Năm ${1945 + i} đảng viên`)];
    const rows = PLACES.slice(0, 6).map((p, r) => [p, ...Array.from({ length: ncols - 1 }, (_, i) => `${100 + r * 37 + i * 11}.${(i * 7) % 10}05`)]);
    const table: Table = {
      kind: 'table',
      header: true,
      caption: runs('Bảng 3. Số đảng viên các xã qua các năm'),
      rows: [head, ...rows].map((r) => r.map(runs)),
    };
    const book = chapterBook('Số liệu', [{ kind: 'paragraph', runs: runs('Đoạn mở đầu.') }, table, { kind: 'paragraph', runs: runs('Đoạn kết.') }]);
    const file = tempFile('split-table.pdf', await typeset(book, world));
    const text = words(pdfText(file));
    // Every number once; the stub column once per group.
    const numbers = rows.flatMap((r) => r.slice(1));
    const got = count(text, new Set(numbers));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(count(numbers)));
    const all = pdfText(file).normalize('NFC');
    const groups = all.split('Bảng 3 (tiếp theo)').length;
    expect(groups).toBeGreaterThanOrEqual(2);
    expect(all).toContain('Bảng 3. Số đảng viên các xã qua các năm');
    const stub = count(text, new Set(['Tân', 'Yên']));
    expect(stub.get('Tân')).toBe(groups);
    expect(stub.get('Yên')).toBe(groups);
    // Every year's header is printed (each group has its header row).
    for (let i = 0; i < ncols - 1; i++) expect(all).toContain(String(1945 + i));
    expectInsidePages(await readItems(file));
  });

  it('set a table a little too wide smaller, upright, no smaller than 80% of the text', async () => {
    // Ten columns of numbers like 12.345: a little more than the measure at the table's size.
    const head = Array.from({ length: 10 }, (_, c) => `Cột ${c + 1}`);
    const rows = Array.from({ length: 5 }, (_, r) => Array.from({ length: 10 }, (_, c) => `${10 + r}.${100 + c * 37 + r}`));
    const md = `# Thống kê\n\n${pipeTable(head, rows)}\n`;
    const book = { ...bookFromMarkdown(md), title: 'Sổ tay', proof: true };
    const file = tempFile('shrunk-table.pdf', await typeset(book, world));
    const pages = await readItems(file);
    const setup = resolveSetup(book, ['liberation-serif'], 'liberation-serif');
    const cells = pages.flatMap((p) => p.items).filter((it) => rows.some((r) => r.includes(it.str.trim())));
    expect(cells.length).toBeGreaterThan(0);
    const sizes = new Set(cells.map((c) => Math.round(c.size * 100) / 100));
    expect(sizes.size).toBe(1);
    const size = [...sizes][0]!;
    expect(size).toBeLessThan(setup.bodySize - 1);
    expect(size).toBeGreaterThanOrEqual(Math.max(7.5, setup.bodySize * 0.8) - 0.01);
    expect(cells.every((c) => !c.turned)).toBe(true);
    const got = count(words(pdfText(file)), new Set(rows.flat()));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(count(rows.flat())));
    expectInsidePages(pages);
  });

  it('wrap a word longer than its column inside the column, letter by letter if need be, never clipped', async () => {
    const long = 'Thànhphốhóacôngnghiệphóahiệnđạihóanôngnghiệpnôngthônvàđôthịtoànhuyệnđếnnămhaingànkhônghai';
    const table: Table = {
      kind: 'table',
      header: true,
      rows: [
        [runs('Mục'), runs('Nội dung')],
        [runs('Một'), runs(`${long} trong giai đoạn mới`)],
      ],
    };
    const book = chapterBook('Mục tiêu', [table]);
    const file = tempFile('long-word-table.pdf', await typeset(book, world));
    const pages = await readItems(file);
    expectInsidePages(pages);
    const setup = resolveSetup(book, ['liberation-serif'], 'liberation-serif');
    // Within the text block, not only the page.
    for (const p of pages) for (const it of p.items) if (!it.turned) expect(it.x + it.width).toBeLessThanOrEqual(p.w - Math.min(setup.inner, setup.outer) + 0.5);
    const flat = pdfText(file).normalize('NFC').replace(/[\s\u00ad-]+/g, '');
    expect(flat).toContain(long);
  });
  it('cut a row taller than the page between lines, every line inside the text block', async () => {
    const bio = Array.from({ length: 40 }, (_, i) => `Năm ${1900 + i} đồng chí hoạt động bí mật ở ${PLACES[i % 8]}, bị địch bắt giam nhưng vẫn giữ vững khí tiết.`).join(' ');
    const table: Table = {
      kind: 'table',
      header: true,
      rows: [
        [runs('TT'), runs('Họ và tên'), runs('Tiểu sử')],
        [runs('1'), runs('Nguyễn Văn Cừ'), runs(bio)],
        [runs('2'), runs('Trần Phú'), runs('Ngắn gọn.')],
      ],
    };
    const book = chapterBook('Nhân vật', [{ kind: 'paragraph', runs: runs('Đoạn mở đầu.') }, table]);
    const file = tempFile('tall-row.pdf', await typeset(book, world));
    const setup = resolveSetup(book, ['liberation-serif'], 'liberation-serif');
    const pages = await readItems(file);
    // Every baseline above the foot of the text block (PDF y grows upwards).
    for (const [n, p] of pages.entries()) for (const it of p.items) expect(it.y, `page ${n + 1}: "${it.str}"`).toBeGreaterThan(setup.bottom - setup.leading * 2);
    const source = words(bio);
    const got = count(words(pdfText(file)), new Set(source));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(count(source)));
    // The row goes on over pages, under the repeated header.
    const over = pages.map((_, i) => pdfText(file, i + 1)).filter((t) => t.includes('khí tiết'));
    expect(over.length).toBeGreaterThanOrEqual(2);
    for (const t of over) expect(t).toContain('Tiểu sử');
  });
  it('print the footnote of a turned table once, turned with the table at the foot of its frame', async () => {
    const rows = wideRows(3);
    rows[1]![11] = 'Hy sinh[^1]';
    const md = `# Danh sách\n\nĐoạn mở đầu.\n\n${pipeTable(WIDE_HEAD, rows)}\n\n[^1]: Ghi chú riêng của bảng ngang về ngày hy sinh.\n`;
    const book = { ...bookFromMarkdown(md), title: 'Sổ tay', proof: true };
    const file = tempFile('turned-note.pdf', await typeset(book, world));
    expect(pdfText(file).split('Ghi chú riêng của bảng ngang').length - 1).toBe(1);
    const pages = await readItems(file);
    const note = pages.flatMap((p) => p.items).filter((it) => it.str.includes('Ghi chú riêng'));
    expect(note.length).toBe(1);
    expect(note[0]!.turned).toBe(true);
    expectInsidePages(pages);
  });
});
