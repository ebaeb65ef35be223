/**
 * `suquan typeset FILE.md` as a user writes FILE.md: inline HTML, heading spans, front-matter
 * units and keys. Each case writes a small file, runs it through the CLI (or the reader and the
 * typesetter) and reads the PDF back.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bookFromMarkdown, typeset } from '../../../electron/core/publish/index';
import { MM } from '../../../electron/core/publish/setup';
import { runCli } from '../../../electron/host/cli/main';
import { isUserFacingError } from '../../../shared/errors';
import type { Book, Chapter, InlineRun } from '../../../shared/book/model';
import { readPdf } from './pdfjs';

const dir = mkdtempSync(path.join(tmpdir(), 'suquan-mdin-'));

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { text: () => string };
  w.text = () => chunks.join('');
  return w;
}

/** Writes the Markdown, runs `suquan typeset` on it: exit code, stdout, stderr and the PDF's path. */
async function cli(name: string, md: string, ...flags: string[]) {
  const file = path.join(dir, `${name}.md`);
  const pdf = path.join(dir, `${name}.pdf`);
  writeFileSync(file, md);
  const out = sink();
  const err = sink();
  const code = await runCli(['typeset', file, '--out', pdf, ...flags], { out, err });
  return { code, out: out.text(), err: err.text(), pdf };
}

const pdftotext = (pdf: string, layout = true) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-'], { encoding: 'utf8' });

/** The one chapter's blocks of a book read from Markdown. */
const chapterOf = (b: Book): Chapter => b.body.find((d): d is Chapter => d.kind === 'chapter')!;
const textOf = (runs: InlineRun[]) => runs.map((r) => (r.kind === 'text' ? r.text : '')).join('');

const HTML = `---
title: Thử HTML
---

# Chương một

Đoạn có <b>chữ đậm</b> và <i>nghiêng</i>, công thức H<sub>2</sub>O và x<sup>2</sup>, <u>gạch chân</u>. <!-- một ghi chú ẩn --> Hết.

<!--
ghi chú khối
không in
-->

Đoạn <span class="x">lạ</span> cuối.

Câu thơ thứ nhất<br>
Câu thơ thứ hai<br />
Câu thơ thứ ba
`;

describe('inline HTML in suquan typeset', () => {
  it('honours b, i, sub, sup and u, drops comments and prints other tags as text with a warning naming tag and line', async () => {
    const r = await cli('html', HTML);
    expect(r.code).toBe(0);
    const text = pdftotext(r.pdf, false);
    expect(text).toContain('Đoạn có chữ đậm và nghiêng');
    expect(text).not.toMatch(/<\/?(b|i|u|sub|sup|br)\b/);
    expect(text).not.toContain('<!--');
    expect(text).not.toContain('ghi chú');
    // The unknown tag: its characters printed, in the body face, and named with its line.
    expect(text).toContain('Đoạn <span class="x">lạ</span> cuối.');
    expect(r.out).toMatch(/Thẻ HTML <span> ở dòng 14 không được hỗ trợ/);
    expect(r.out.split('\n').filter((l) => l.includes('Thẻ HTML'))).toHaveLength(1);

    const pdf = await readPdf(r.pdf);
    const items = pdf.pages.flatMap((p) => p.items);
    const item = (s: string) => items.find((it) => it.str.includes(s))!;
    expect(item('chữ đậm').font).toMatch(/Bold/);
    expect(item('nghiêng').font).toMatch(/Italic/);
    expect(item('<span').font).toMatch(/LiberationSerif$/);
    // H₂O and x²: the figures small, one below the line and one above it.
    const base = item('Đoạn có');
    const twos = items.filter((it) => it.str === '2' && Math.abs(it.y - base.y) < 6);
    expect(twos).toHaveLength(2);
    expect(twos.every((t) => t.size < base.size * 0.8)).toBe(true);
    expect(twos[0]!.y).toBeLessThan(base.y);
    expect(twos[1]!.y).toBeGreaterThan(base.y);
    // The underline is a mark of the run (drawn as a rule, which pdftotext does not show).
    const para = chapterOf(bookFromMarkdown(HTML)).blocks[0]!;
    expect(para.kind === 'paragraph' && para.runs.find((x) => x.kind === 'text' && x.underline)).toMatchObject({ text: 'gạch chân' });
  });

  it('breaks the line at <br> and at a Markdown hard break, the next line unindented', async () => {
    const md = `---\ntitle: Thơ\n---\n\n# Bài thơ\n\nMở đầu đoạn văn đủ dài.\n\nCâu thơ thứ nhất<br>\nCâu thơ thứ hai<br/>\nCâu thơ thứ ba  \nCâu thơ thứ tư\n`;
    const r = await cli('br', md);
    expect(r.code).toBe(0);
    const lines = pdftotext(r.pdf, false).split('\n');
    const k = lines.indexOf('Câu thơ thứ nhất');
    expect(lines.slice(k, k + 4)).toEqual(['Câu thơ thứ nhất', 'Câu thơ thứ hai', 'Câu thơ thứ ba', 'Câu thơ thứ tư']);
    const items = (await readPdf(r.pdf)).pages.flatMap((p) => p.items);
    const x = (s: string) => items.find((it) => it.str === s)!.x;
    expect(x('Câu thơ thứ hai')).toBeLessThan(x('Câu thơ thứ nhất'));
    expect(x('Câu thơ thứ hai')).toBe(x('Câu thơ thứ tư'));
  });
});

describe('heading attributes and spans', () => {
  const md = `---
title: Địa chí
---

# Tỉnh [Hưng Yên]{.place}

Mở đầu chương.

## Huyện [Ân Thi]{.place}

Nội dung.

## Xã [Đặng Lễ]{.place} {#dang-le}

Nội dung.

## Năm {1945}

## Mục lạ {.khac}

## Không đánh số {.unnumbered}

## Phụ lục ảnh {#anh .unnumbered .rieng}
`;

  it('reads [X]{.place} at the end of a heading as an index term, and only recognised braces as attributes', async () => {
    const book = bookFromMarkdown(md);
    const ch = chapterOf(book);
    expect(ch.title).toBe('Tỉnh Hưng Yên');
    const heads = ch.blocks.filter((b) => b.kind === 'heading');
    expect(heads.map((h) => textOf(h.runs))).toEqual(['Huyện Ân Thi', 'Xã Đặng Lễ', 'Năm {1945}', 'Mục lạ {.khac}', 'Không đánh số', 'Phụ lục ảnh']);
    expect(heads[1]).toMatchObject({ id: 'dang-le' });
    expect(heads[4]).toMatchObject({ numbered: false });
    expect(heads[5]).toMatchObject({ id: 'anh', numbered: false });

    const file = path.join(dir, 'spans.pdf');
    writeFileSync(file, await typeset(book));
    const text = pdftotext(file);
    expect(text).toContain('HUYỆN ÂN THI');
    expect(text).not.toContain('[');
    expect(text).not.toContain('{.place}');
    expect(text).not.toContain('{#dang-le}');
    expect(text).toContain('NĂM {1945}');
    // The place index lists the places of the chapter title and of both section headings.
    const index = text.slice(text.indexOf('BẢNG TRA CỨU'));
    for (const place of ['Hưng Yên', 'Ân Thi', 'Đặng Lễ']) expect(index).toMatch(new RegExp(`${place}, \\d`));
    // The table of contents reads the headings as written, without the span's brackets.
    expect(text).toMatch(/I\. Huyện Ân Thi \.( \.)+/);
  });
});

describe('front matter', () => {
  const book = (front: string) => `---\ntitle: Khổ sách\n${front}\n---\n\n# Chương\n\nMột đoạn văn ngắn.\n`;

  it.each(['148x210mm', '148 × 210 mm', '148mm x 210mm', '148x210'])('accepts trim %s as 148x210 mm', (trim) => {
    expect(bookFromMarkdown(book(`trim: ${trim}`)).setup?.trim).toBe('148x210');
  });

  it('keeps named trims, in any case', () => {
    expect(bookFromMarkdown(book('trim: a5')).setup?.trim).toBe('A5');
    expect(bookFromMarkdown(book('trim: 160 x 240')).setup?.trim).toBe('160x240');
  });

  it('sets a 148x210mm page with margins and sizes given in mm, cm, in and pt', async () => {
    const src = book('trim: 148x210mm\nmargins: {top: 2cm, bottom: 57pt, inner: 0.8in, outer: 15}\nbodySize: 12pt\nleading: 5.5mm\nparIndent: 1cm');
    const b = bookFromMarkdown(src);
    expect(b.setup).toMatchObject({ trim: '148x210', margins: { top: 20, bottom: 20.11, inner: 20.32, outer: 15 }, bodySize: 12, leading: 15.59, parIndent: 28.35 });
    const file = path.join(dir, 'units.pdf');
    writeFileSync(file, await typeset(b));
    const info = execFileSync('pdfinfo', ['-box', file], { encoding: 'utf8' });
    // The trim box is the page (or, with a bleed, inside it): 148 × 210 mm either way.
    const trim = /TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(info)!.slice(1).map(Number);
    expect((trim[2]! - trim[0]!) / MM).toBeCloseTo(148, 1);
    expect((trim[3]! - trim[1]!) / MM).toBeCloseTo(210, 1);
    const pdf = await readPdf(file);
    const body = pdf.pages.flatMap((p) => p.items).find((it) => it.str.startsWith('Một đoạn'))!;
    expect(body.size).toBeCloseTo(12, 2);
    // A chapter opens on a recto: its inner margin (0.8 in) on the left, then the indent (1 cm).
    expect(body.x - trim[0]!).toBeCloseTo(0.8 * 72 + 10 * MM, 0);
  });

  it('reads the print settings: signature, bleed with a unit, crop marks, PDF/X, chapter opening', () => {
    const b = bookFromMarkdown(book('signature: 16\nbleed: 0.3cm\ncropMarks: true\npdfx: false\nchapterOpening: any'));
    expect(b.setup).toMatchObject({ signature: 16, bleed: 3, cropMarks: true, pdfx: false, chapterOpening: 'any' });
  });

  it.each([
    ['trim: 10x10', 'trim: 10x10'],
    ['trim: khổ lớn', 'trim: khổ lớn'],
    ['bodySize: mười một', 'bodySize: mười một'],
    ['margins: {top: 2 km}', 'margins.top: 2 km'],
    ['leading: -3pt', 'leading: -3pt'],
    ['signature: 12', 'signature: 12'],
    ['cropMarks: có lẽ', 'cropMarks: có lẽ'],
    ['chapterOpening: left', 'chapterOpening: left'],
    ['font: Times New Roman', 'font: Times New Roman'],
  ])('refuses %s in one Vietnamese sentence naming the key and the value', (front, named) => {
    let error: unknown;
    try {
      bookFromMarkdown(book(front));
    } catch (e) {
      error = e;
    }
    expect(isUserFacingError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain(`"${named}"`);
    // One sentence: one line, one full stop at its end, no second sentence after a stop.
    expect(message).toMatch(/^[^\n]+\.$/);
    expect(message).not.toMatch(/[.!?]\s+\p{Lu}/u);
  });

  it('warns in one line listing every unknown key, and still typesets', async () => {
    const md = book('font-size: 12\nmargins: {top: 20, left: 15}\nauthour: Ban Thường vụ\ncolophon: {publisher: NXB, printer_name: X}');
    const human = await cli('keys', md);
    expect(human.code).toBe(0);
    const warning = human.out.split('\n').filter((l) => l.includes('khóa'));
    expect(warning).toHaveLength(1);
    expect(warning[0]).toContain('font-size (có phải bodySize?)');
    for (const k of ['margins.left', 'authour', 'colophon.printer_name']) expect(warning[0]).toContain(k);
    expect(human.out).toMatch(/Đã dàn trang \d+ trang/);
    expect(pdftotext(human.pdf)).toContain('Một đoạn văn ngắn.');
    // With --json the warning goes to stderr and the result carries it; stdout stays JSON.
    const json = await cli('keys-json', md, '--json');
    expect(json.code).toBe(0);
    expect(json.err).toContain('font-size (có phải bodySize?)');
    const result = JSON.parse(json.out) as { result: { warnings: string[] } };
    expect(result.result.warnings).toHaveLength(1);
  });
});
