/**
 * The evidence chain on the printed page: a figure prints whole (image, caption, source note) on
 * one page; names in footnotes reach the index with the note's page; calls one after another
 * print "1,2"; a reproduced document's signature stays with the end of its text; a footnote of
 * mixed runs is one paragraph that keeps its italics. Books are typeset with the real typesetter
 * and read back from the PDF.
 */
import { execFileSync } from 'node:child_process';
import mammoth from 'mammoth';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, Book, DocumentItem, InlineRun, Paragraph } from '../../../shared/book/model';
import { loadWorld, resolveSetup, typeset, typesetWithReport, type TypesetWorld } from '../../../electron/core/publish/index';
import { writeWord } from '../../../electron/core/publish/word';
import { pageText, paragraph, rng, sentence, tempFile } from './fixtures';
import { readPdf, type PdfRead } from './pdfjs';

let world: TypesetWorld;
beforeAll(async () => {
  world = await loadWorld();
});

const opts = { chapters: 0, sectionsPerChapter: 0, parasPerSection: 0, words: 90, footnoteRate: 0 };
const text = (t: string, o: Partial<Extract<InlineRun, { kind: 'text' }>> = {}): InlineRun => ({ kind: 'text', text: t, ...o });
const note = (...runs: InlineRun[]): InlineRun => ({ kind: 'footnote', content: [{ kind: 'paragraph', runs }] });
const chapterBook = (blocks: Block[], o: Partial<Book> = {}): Book => ({
  layout: 'history',
  title: 'Lịch sử Đảng bộ xã Bình Lư',
  front: [],
  back: [],
  body: [{ kind: 'chapter', title: 'Kháng chiến chống Pháp', numbered: true, blocks }],
  ...o,
});

/** The text of every page, as pdftotext reads it (spaces folded). */
function pagesText(file: string): string[] {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((t) => t.replace(/\s+/g, ' '));
}

/** Bottom edge (PDF y, upwards) and height of every image painted on a page. */
async function imagesOf(file: string): Promise<{ page: number; bottom: number; top: number }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { readFileSync } = await import('node:fs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), disableFontFace: true, verbosity: 0 }).promise;
  const out: { page: number; bottom: number; top: number }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    let m: number[] = [1, 0, 0, 1, 0, 0];
    const stack: number[][] = [];
    for (let k = 0; k < ops.fnArray.length; k++) {
      const fn = ops.fnArray[k];
      if (fn === pdfjs.OPS.save) stack.push(m);
      else if (fn === pdfjs.OPS.restore) m = stack.pop() ?? [1, 0, 0, 1, 0, 0];
      else if (fn === pdfjs.OPS.transform) {
        const [a, b, c, d, e, f] = ops.argsArray[k] as number[];
        m = [m[0]! * a! + m[2]! * b!, m[1]! * a! + m[3]! * b!, m[0]! * c! + m[2]! * d!, m[1]! * c! + m[3]! * d!, m[0]! * e! + m[2]! * f! + m[4]!, m[1]! * e! + m[3]! * f! + m[5]!];
      } else if (fn === pdfjs.OPS.paintImageXObject) {
        // The unit square through the current matrix.
        const ys = [m[5]!, m[5]! + m[3]!, m[5]! + m[1]!, m[5]! + m[1]! + m[3]!];
        out.push({ page: n, bottom: Math.min(...ys), top: Math.max(...ys) });
      }
    }
  }
  await doc.destroy();
  return out;
}

/** Pages (1-based) and heights of the text items that contain `s`. */
function find(pdf: PdfRead, s: string): { page: number; y: number; font: string }[] {
  const out: { page: number; y: number; font: string }[] = [];
  pdf.pages.forEach((p, i) => {
    for (const it of p.items) if (it.str.includes(s)) out.push({ page: i + 1, y: it.y, font: it.font });
  });
  return out;
}

describe('a figure', () => {
  it('prints whole on one page — image, caption and every line of a long source note — and moves whole when it does not fit', async () => {
    const r = rng(21);
    const png = new Uint8Array(await sharp({ create: { width: 600, height: 380, channels: 3, background: '#7a9' } }).png().toBuffer());
    const blocks: Block[] = [];
    const figures = 9;
    for (let k = 1; k <= figures; k++) {
      // Long paragraphs before each figure, a different amount each time, so that figures fall
      // at every height of a page, several of them too low to fit.
      for (let p = 0; p < 1 + ((k * 5) % 4); p++) blocks.push(paragraph(r, { ...opts, words: 60 + ((k * 37) % 80) }));
      blocks.push({
        kind: 'figure',
        image: { data: png, format: 'png', width: 600, height: 380 },
        caption: [text(`Ảnh ${k}. Cán bộ, đảng viên và nhân dân xã Bình Lư mít tinh mừng chiến thắng Điện Biên Phủ, tháng 5 năm 1954, tại sân đình làng`)],
        source: [
          text(`Nguồn${k}: Kho Lưu trữ Tỉnh ủy Lai Châu, Phông Tỉnh ủy, Mục lục số 2, Hồ sơ số ${100 + k}, ảnh do đồng chí Lò Văn Hặc, nguyên Bí thư Chi bộ, cung cấp năm 1999, đã được Ban biên soạn đối chiếu với lời kể của các nhân chứng và với sổ sách của Ủy ban hành chính xã còn lưu giữ tại trụ sở Đảng ủy, Hội đồng nhân dân, Ủy ban nhân dân xã Bình Lư Hết${k}.`),
        ],
      });
      // Text after the figure, which may fill the page before it.
      for (let p = 0; p < 2; p++) blocks.push(paragraph(r, { ...opts, words: 70 }));
    }
    const book = chapterBook(blocks, { proof: true });
    const file = tempFile('figure-whole.pdf', await typeset(book, world));
    const pdf = await readPdf(file);
    const images = await imagesOf(file);
    const setup = resolveSetup(book, ['liberation-serif'], 'liberation-serif');
    expect(images.length).toBe(figures);
    let movedWhole = 0;
    for (let k = 1; k <= figures; k++) {
      const image = images[k - 1]!;
      const caption = find(pdf, `Ảnh ${k}.`);
      const sourceStart = find(pdf, `Nguồn${k}:`);
      const sourceEnd = find(pdf, `Hết${k}.`);
      expect(caption.length, `caption ${k}`).toBe(1);
      expect(sourceStart.length, `source ${k}`).toBe(1);
      expect(sourceEnd.length, `end of source ${k}`).toBe(1);
      // The source note runs over several lines, all of them under the caption under the image.
      expect(sourceStart[0]!.y - sourceEnd[0]!.y, `source ${k} has several lines`).toBeGreaterThan(setup.bodySize * 1.5);
      for (const [what, at] of [
        ['caption', caption[0]!],
        ['first line of the source', sourceStart[0]!],
        ['last line of the source', sourceEnd[0]!],
      ] as const)
        expect(at.page, `${what} of figure ${k} on the image's page`).toBe(image.page);
      expect(caption[0]!.y).toBeLessThan(image.bottom);
      expect(sourceStart[0]!.y).toBeLessThan(caption[0]!.y);
      expect(sourceEnd[0]!.y).toBeLessThan(sourceStart[0]!.y);
      // Nothing of the figure's source prints on another page.
      const sourceLines = pdf.pages.flatMap((p, i) => p.items.filter((it) => Math.abs(it.size - (setup.bodySize - 2)) < 0.05 && it.str.trim()).map(() => i + 1));
      expect(sourceLines.every((p) => images.some((im) => im.page === p))).toBe(true);
      // A figure heading its page did not fit at the foot of the page before, which the text
      // after it fills (all of it, for the last figure: the page before may then keep room).
      if (image.top > pdf.pages[0]!.height - setup.top - 2) {
        movedWhole++;
        if (k === figures) continue;
        const before = pdf.pages[image.page - 2]!.items.filter((it) => it.str.trim() && it.y > setup.bottom + 1 && it.y < pdf.pages[0]!.height - setup.top);
        expect(Math.min(...before.map((it) => it.y)), `page ${image.page - 1} is full`).toBeLessThan(setup.bottom + 4 * setup.leading);
      }
    }
    expect(movedWhole, 'some figures did not fit where they were called and moved whole').toBeGreaterThan(1);
  });

  it('keeps its space below when a table follows it', async () => {
    const r = rng(5);
    const png = new Uint8Array(await sharp({ create: { width: 600, height: 300, channels: 3, background: '#a97' } }).png().toBuffer());
    const table: Block = {
      kind: 'table',
      header: true,
      rows: [
        [[text('Năm')], [text('Số đảng viên')]],
        [[text('1954')], [text('Mười hai')]],
        [[text('1960')], [text('Ba mươi')]],
      ],
    };
    for (const paras of [1, 2, 3, 4]) {
      const blocks: Block[] = [];
      for (let p = 0; p < paras; p++) blocks.push(paragraph(r, { ...opts, words: 100 }));
      blocks.push({ kind: 'figure', image: { data: png, format: 'png', width: 600, height: 300 }, caption: [text('Ảnh 1. Trụ sở Ủy ban')], source: [text('Nguồn: Kho Lưu trữ Tỉnh ủy Lai Châu.')] }, table);
      blocks.push(paragraph(r, { ...opts, words: 100 }));
      const book = chapterBook(blocks, { proof: true });
      const file = tempFile('figure-table.pdf', await typeset(book, world));
      const pdf = await readPdf(file);
      const setup = resolveSetup(book, ['liberation-serif'], 'liberation-serif');
      const source = find(pdf, 'Nguồn:')[0]!;
      const head = find(pdf, 'Năm')[0]!;
      const images = await imagesOf(file);
      expect(images[0]!.page).toBe(source.page);
      if (head.page === source.page) {
        // The table's header row sits well below the source note: the figure's space, then the table's.
        expect(source.y - head.y, `${paras} paragraphs`).toBeGreaterThan(setup.leading * 1.5);
      }
    }
  });
});

describe('index terms in footnotes', () => {
  it('reach the index with the page the note prints on', async () => {
    const r = rng(4);
    const blocks: Block[] = [];
    for (let p = 0; p < 9; p++) blocks.push(paragraph(r, { ...opts, words: 110 }));
    blocks.push({
      kind: 'paragraph',
      runs: [
        text('Năm 1947, du kích xã chặn đánh địch ở đèo Pha Đin'),
        note(text('Lời kể của ông '), { kind: 'index-term', term: 'Lò Văn Hặc', index: 'person' }, text('Lò Văn Hặc, ghi âm tại bản '), { kind: 'index-term', term: 'Nà Tăm', index: 'place' }, text('Nà Tăm ngày 3-2-2020.')),
        text('. ' + sentence(r, 40)),
      ],
    });
    for (let p = 0; p < 4; p++) blocks.push(paragraph(r, { ...opts, words: 110 }));
    const book = chapterBook(blocks);
    const report = await typesetWithReport(book, world);
    const file = tempFile('index-notes.pdf', report.pdf);
    const pages = pagesText(file);
    const notePage = pages.findIndex((t) => t.includes('ghi âm tại bản Nà Tăm'));
    expect(notePage).toBeGreaterThan(0);
    const label = report.pageLabels[notePage]!;
    expect(label).toMatch(/^\d+$/);
    const index = pages.findIndex((t) => t.includes('BẢNG TRA CỨU'));
    expect(index, 'the book has an index').toBeGreaterThan(notePage);
    expect(pages[index]).toContain(`Lò Văn Hặc, ${label}`);
    expect(pages[index]).toContain(`Nà Tăm, ${label}`);
  });
});

describe('footnote calls one after another', () => {
  const book = (numbering: 'page' | 'chapter'): Book =>
    chapterBook(
      [
        { kind: 'paragraph', runs: [text('Mở đầu'), note(text('Ghi chú mở đầu.')), text(' cuộc kháng chiến.')] },
        // The calls that follow print on the next page, where per-page numbering starts again.
        ...Array.from({ length: 5 }, (_, k) => paragraph(rng(k + 1), { ...opts, words: 120 })),
        {
          kind: 'paragraph',
          runs: [text('Theo các nguồn lịch sử'), note(text('Ghi chú thứ nhất.')), note(text('Ghi chú thứ hai.')), text(' và'), note(text('Ghi chú thứ ba.')), text(' '), note(text('Ghi chú thứ tư.')), text(', chi bộ ra đời.')],
        },
      ],
      { proof: true, setup: { footnoteNumbering: numbering } },
    );

  it('print separated by a superscript comma, numbered per page or through the chapter', async () => {
    for (const [numbering, want] of [
      ['chapter', ['2,3', '4,5']],
      ['page', ['1,2', '3,4']],
    ] as const) {
      const file = tempFile('calls.pdf', await typeset(book(numbering), world));
      const pages = pagesText(file);
      expect(pages[0]).toContain('Mở đầu1 cuộc');
      const at = pages.findIndex((t) => t.includes('Theo các nguồn'));
      expect(at, 'the calls are on a later page').toBeGreaterThan(0);
      expect(pages[at], numbering).toContain(`sử${want[0]} và${want[1]}, chi bộ`);
      // The comma is drawn raised and small, as the calls are.
      const pdf = await readPdf(file);
      const items = pdf.pages[at]!.items;
      const line = items.find((it) => it.str.startsWith('Theo các nguồn'))!;
      for (const pair of want) {
        const calls = items.find((it) => it.str === pair);
        expect(calls, pair).toBeDefined();
        expect(calls!.size).toBeLessThan(line.size * 0.7);
        expect(calls!.y).toBeGreaterThan(line.y + 2);
      }
    }
  });

  it('print separated by a superscript comma in the Word file', async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(await writeWord(book('chapter'))) });
    const call = (n: number) => `<sup><a href="#footnote-${n}" id="footnote-ref-${n}">[${n}]</a></sup>`;
    expect(html).toContain(`Mở đầu${call(1)} cuộc`);
    // mammoth joins the superscript comma to the call's own <sup>.
    const pair = (a: number, b: number) => call(a).replace(/<\/sup>$/, ',</sup>') + call(b);
    expect(html).toContain(`sử${pair(2, 3)} và`);
    expect(html).toContain(`và${pair(4, 5)}, chi bộ`);
  });
});

describe('a reproduced document', () => {
  it('keeps its signature on the page of the last lines of its text', async () => {
    let split = 0;
    for (let words = 150; words <= 420; words += 30) {
      const r = rng(words);
      const doc = (i: number): DocumentItem => ({
        kind: 'document-item',
        header: { issuer: ['Tỉnh ủy Lai Châu', 'Huyện ủy Tam Đường'], number: `Số ${i}-NQ/HU`, placeDate: `Tam Đường, ngày ${i} tháng 4 năm 1961` },
        title: `Nghị quyết về nhiệm vụ phát triển nông nghiệp năm 1961 (lần ${i})`,
        body: [paragraph(r, { ...opts, words }), paragraph(r, { ...opts, words: words / 2 }), { kind: 'paragraph', runs: [text(sentence(r, 60) + ` Hết văn bản Kết${i}.`)] }],
        signature: ['T/M BAN CHẤP HÀNH', 'BÍ THƯ', `Ký${i} Nguyễn Văn Bảy`],
        sourceNote: [text('Lưu tại Kho Lưu trữ Tỉnh ủy Lai Châu, Phông số 1.')],
      });
      const book: Book = {
        layout: 'documents',
        title: 'Văn kiện Đảng bộ huyện Tam Đường',
        proof: true,
        front: [],
        back: [],
        body: [{ kind: 'chapter', title: 'Văn kiện thời kỳ 1955 – 1965', numbered: true, blocks: [1, 2, 3, 4].map(doc) }],
      };
      const file = tempFile('documents.pdf', await typeset(book, world));
      const pdf = await readPdf(file);
      const setup = resolveSetup(book, ['liberation-serif'], 'liberation-serif');
      for (const i of [1, 2, 3, 4]) {
        const end = find(pdf, `Kết${i}`)[0]!;
        const sig = find(pdf, 'T/M BAN CHẤP HÀNH').filter((s) => s.page === end.page && s.y < end.y);
        const name = find(pdf, `Ký${i}`)[0]!;
        expect(name.page, `document ${i} (${words} words): signature with the end of the text`).toBe(end.page);
        expect(sig.length, `document ${i} (${words} words): signature below the end of the text`).toBeGreaterThan(0);
        // The line before the last one is on the same page: the signature never goes with a single line.
        const lines = new Set(pdf.pages[end.page - 1]!.items.filter((it) => it.y >= end.y - 0.5 && Math.abs(it.size - setup.bodySize) < 0.05 && it.y < pdf.pages[0]!.height - setup.top).map((it) => Math.round(it.y)));
        expect(lines.size, `document ${i} (${words} words): the signature does not go with a single line`).toBeGreaterThan(1);
        const title = find(pdf, `(LẦN ${i})`)[0];
        if (title && title.page < end.page) split++;
      }
    }
    // The test means something only if documents ran over a page break.
    expect(split).toBeGreaterThan(4);
  });
});

describe('a footnote of mixed runs', () => {
  it('prints as one paragraph on its call page, with its italics in the italic face', async () => {
    const content: Paragraph[] = [
      {
        kind: 'paragraph',
        runs: [text('Tỉnh ủy Lai Châu: '), text('Nghị quyết số 05-NQ/TU ngày 12-3-1950 về lịch sử Đảng bộ', { italic: true }), text(', lưu tại Kho Lưu trữ Tỉnh ủy, tờ 6.')],
      },
    ];
    const r = rng(9);
    const blocks: Block[] = [paragraph(r, { ...opts, words: 120 }), { kind: 'paragraph', runs: [text('Hội nghị Tỉnh ủy họp tháng 3 năm 1950'), { kind: 'footnote', content }, text('. ' + sentence(r, 30))] }];
    const file = tempFile('mixed-note.pdf', await typeset(chapterBook(blocks, { proof: true }), world));
    const pdf = await readPdf(file);
    const callPage = find(pdf, 'Hội nghị Tỉnh ủy họp')[0]!.page;
    const pages = pagesText(file);
    expect(pages[callPage - 1]).toContain('1 Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU ngày 12-3-1950 về lịch sử Đảng bộ, lưu tại Kho Lưu trữ Tỉnh ủy, tờ 6.');
    const items = pdf.pages[callPage - 1]!.items;
    const italic = items.filter((it) => /Nghị quyết số 05/.test(it.str) || /về lịch sử Đảng bộ/.test(it.str));
    expect(italic.length).toBeGreaterThan(0);
    for (const it of italic) expect(it.font, it.str).toMatch(/Italic/);
    const roman = items.filter((it) => /Tỉnh ủy Lai Châu:|lưu tại Kho/.test(it.str));
    expect(roman.length).toBeGreaterThan(0);
    for (const it of roman) expect(it.font, it.str).not.toMatch(/Italic/);
    // One paragraph: the note's lines are consecutive lines at one leading, with the number once.
    expect(pageText(file, callPage).match(/Tỉnh ủy Lai Châu:/g)!.length).toBe(1);
  });
});
