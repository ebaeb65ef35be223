/**
 * How a printed book ends (issue 13): the colophon on the last page, a verso; the page count even,
 * or a multiple of the print shop's signature when one is set; chapters opening on a recto page
 * or on any page, as set. Each book kind is typeset and its PDF read back with pdftotext.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/host/cli/main';
import type { Book } from '../../../shared/book/model';
import { loadWorld, typeset, type TypesetWorld } from '../../../electron/core/publish/index';
import { generateBook, generateChronicle, generateDocuments, pageCount, pageText, tempFile } from './fixtures';

let world: TypesetWorld;
const print = async (book: Book) => {
  world ??= await loadWorld({ families: ['liberation-serif'] });
  const file = tempFile('end.pdf', await typeset(book, world));
  return { file, pages: pageCount(file) };
};
const colophon = { publisher: 'Nhà xuất bản Chính trị quốc gia Sự thật', printRun: '500', price: 'Sách không bán' };

describe('the end of a book', () => {
  const kinds: [string, () => Book][] = [
    ['history', () => generateBook({ seed: 3, chapters: 2, sectionsPerChapter: 2, parasPerSection: 6, words: 80, footnoteRate: 0.3 })],
    // A table of contents of two pages (a recto and its verso) at the end of the book.
    ['history with a long table of contents', () => generateBook({ seed: 3, chapters: 5, sectionsPerChapter: 6, parasPerSection: 1, words: 40, footnoteRate: 0 })],
    ['chronicle', () => generateChronicle(4)],
    ['documents', () => generateDocuments(6)],
  ];
  for (const [kind, make] of kinds)
    it(`puts the colophon on the last page, a verso, of a ${kind} book with an even page count`, async () => {
      const book = { ...make(), colophon };
      const { file, pages } = await print(book);
      expect(pages % 2).toBe(0);
      expect(pageText(file, pages)).toContain('NHÀ XUẤT BẢN CHÍNH TRỊ QUỐC GIA SỰ THẬT');
      expect(pageText(file, pages - 1)).not.toContain('NHÀ XUẤT BẢN CHÍNH TRỊ QUỐC GIA SỰ THẬT');
    });

  it('makes the page count a multiple of the signature, blank pages before the colophon', async () => {
    for (const signature of [8, 16] as const) {
      const book: Book = { ...generateBook({ seed: 5, chapters: 1, sectionsPerChapter: 1, parasPerSection: 4, words: 60, footnoteRate: 0 }), colophon, setup: { signature } };
      const { file, pages } = await print(book);
      expect(pages % signature, `signature ${signature}`).toBe(0);
      expect(pageText(file, pages)).toContain('Sách không bán');
      expect(pageText(file, pages - 1).trim()).toBe('');
    }
  });

  it('ends a book without a colophon on an even page; a proof of a chapter as it falls', async () => {
    const book = generateBook({ seed: 9, chapters: 1, sectionsPerChapter: 1, parasPerSection: 3, words: 50, footnoteRate: 0 });
    delete book.colophon;
    expect((await print(book)).pages % 2).toBe(0);
    const proof = await print({ ...book, proof: true, front: [], back: [] });
    expect(proof.pages).toBe(1);
  });

  it('opens chapters on a recto page, or on any page when set', async () => {
    const make = (opening: 'recto' | 'any'): Book => ({ ...generateBook({ seed: 12, chapters: 4, sectionsPerChapter: 1, parasPerSection: 3, words: 70, footnoteRate: 0 }), setup: { chapterOpening: opening } });
    const openings = async (book: Book) => {
      const { file, pages } = await print(book);
      const at: number[] = [];
      for (let p = 1; p <= pages; p++) if (/CHƯƠNG [IV]+/.test(pageText(file, p)) && !/MỤC LỤC/.test(pageText(file, p))) at.push(p);
      return { at, pages };
    };
    const recto = await openings(make('recto'));
    expect(recto.at.length).toBe(4);
    expect(recto.at.every((p) => p % 2 === 1)).toBe(true);
    const any = await openings(make('any'));
    expect(any.at.length).toBe(4);
    expect(any.at.some((p) => p % 2 === 0)).toBe(true);
    expect(any.pages).toBeLessThan(recto.pages);
  });

  it('pads a book typeset from Markdown to its signature, as `suquan typeset` is asked in the front matter', async () => {
    const file = tempFile('sach.md', '');
    const md = ['---', 'title: Lịch sử Đảng bộ xã Tân Hòa', 'signature: 16', 'colophon:', '  publisher: Nhà xuất bản Chính trị quốc gia Sự thật', '  price: Sách không bán', '---', '', '# Những ngày đầu', '', 'Chi bộ đầu tiên của xã ra đời năm 1930. '.repeat(40), ''].join('\n');
    writeFileSync(file, md);
    const pdf = path.join(path.dirname(file), 'sach.pdf');
    const quiet = new Writable({ write: (_c, _e, done) => done() });
    expect(await runCli(['typeset', file, '--out', pdf], { out: quiet, err: quiet })).toBe(0);
    const pages = pageCount(pdf);
    expect(pages % 16).toBe(0);
    expect(pageText(pdf, pages)).toContain('Sách không bán');
  });
});
