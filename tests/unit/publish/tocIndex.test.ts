/**
 * The generated matter (issue 13, items 2 and 4): a wrapped TOC entry hangs after its number
 * with the page number on its last line; the index is in Vietnamese dictionary order, syllable
 * by syllable, under letter headings with Đ after D. Read back from the PDF.
 */
import { describe, expect, it } from 'vitest';
import { bookFromMarkdown, loadWorld, typeset } from '../../../electron/core/publish/index';
import { tempFile } from './fixtures';
import { printedLines, readPdf, type PdfPage } from './pdfjs';

const world = loadWorld();

const linesOf = (page: PdfPage) => printedLines(page, undefined, ' ');
const linesOfColumn = (page: PdfPage, inColumn: (x: number) => boolean) => printedLines(page, inColumn, ' ');

describe('table of contents', () => {
  it('hangs a wrapped entry after its number and prints the page number on its last line', async () => {
    const md = `# Đảng bộ xã lãnh đạo nhân dân xây dựng chính quyền cách mạng và kháng chiến chống thực dân Pháp giai đoạn 1945 – 1954

## Phong trào cách mạng của nhân dân trong xã từ khi có Đảng lãnh đạo đến Cách mạng tháng Tám năm 1945

Nội dung.

## Thời kỳ ngắn

Nội dung.
`;
    const file = tempFile('toc.pdf', await typeset(bookFromMarkdown(md), await world));
    const { pages } = await readPdf(file);
    const toc = pages.find((p) => p.items.some((i) => i.str.includes('MỤC LỤC')))!;
    const ls = linesOf(toc);
    const chapter = ls.findIndex((l) => l.text.startsWith('CHƯƠNG I.'));
    const section = ls.findIndex((l) => l.text.startsWith('I. Phong trào'));
    expect(chapter).toBeGreaterThanOrEqual(0);
    expect(section).toBeGreaterThan(chapter + 1);
    // The chapter entry's continuation lines start under its title, well right of "CHƯƠNG".
    const chapterLines = ls.slice(chapter, section);
    expect(chapterLines.length).toBeGreaterThanOrEqual(2);
    for (const l of chapterLines.slice(1)) {
      expect(l.x).toBeGreaterThan(chapterLines[0]!.x + 30);
      expect(Math.abs(l.x - chapterLines[1]!.x)).toBeLessThan(0.5);
    }
    // The old TOC restarted the second line at the entry's own margin.
    const s0 = ls[section]!;
    const s1 = ls[section + 1]!;
    expect(s1.x).toBeGreaterThan(s0.x + 5);
    // Page numbers (and leaders) on the last line of each entry only.
    expect(chapterLines[0]!.text).not.toMatch(/\.\s*\d+$/);
    expect(chapterLines[chapterLines.length - 1]!.text).toMatch(/\. \. \.[ .]*\d+$/);
    expect(s0.text).not.toMatch(/\. \. \./);
    expect(s1.text).toMatch(/\. \. \.[ .]*\d+$/);
  });
});

describe('index', () => {
  it('orders terms syllable by syllable, with Đ after D', async () => {
    const places = ['Hạ Long', 'Hải Phòng', 'Hà Tĩnh', 'Hà Nội', 'Hà Giang', 'Đông Anh', 'Dương Minh Châu', 'Diễn Châu', 'Đà Nẵng', 'Ân Thi', 'An Lão', 'Ứng Hòa', 'Uông Bí'];
    const people = ['Trần Văn Đức', 'Lê Văn Dũng', 'Nguyễn Thị Hà'];
    const md = `# Chương\n\n${places.map((p) => `[${p}]{.place} là một địa danh.`).join(' ')} ${people.map((p) => `[${p}]{.person} là một người.`).join(' ')}\n`;
    const file = tempFile('index.pdf', await typeset(bookFromMarkdown(md), await world));
    // Two columns: read the left one, then the right one, each top to bottom.
    const { pages } = await readPdf(file);
    const ls: string[] = [];
    for (const page of pages.filter((p) => p.items.some((i) => i.str.includes('BẢNG TRA CỨU')))) {
      const mid = page.width / 2;
      const all = linesOfColumn(page, (x) => x < mid).concat(linesOfColumn(page, (x) => x >= mid));
      ls.push(...all.map((l) => l.text));
    }
    const persons = ls.slice(0, ls.indexOf('ĐỊA DANH'));
    const placesText = ls.slice(ls.indexOf('ĐỊA DANH'));
    const at = (lines: string[], s: string) => lines.findIndex((l) => l === s || l.startsWith(s + ','));
    const order = (xs: string[], lines = placesText) => xs.map((x) => at(lines, x));
    const increasing = (xs: number[]) => xs.every((v, i) => v >= 0 && (i === 0 || v > xs[i - 1]!));
    // The old index (Intl.Collator over the whole string) gave "Hà Giang, Hạ Long, Hà Nội".
    expect(order(['Hà Giang', 'Hà Nội', 'Hà Tĩnh', 'Hạ Long', 'Hải Phòng'])).toSatisfy(increasing);
    expect(order(['An Lão', 'Ân Thi', 'Diễn Châu', 'Dương Minh Châu', 'Đà Nẵng', 'Đông Anh', 'Uông Bí', 'Ứng Hòa'])).toSatisfy(increasing);
    // Letter headings: A, Â, D, Đ, H, U, Ư, each once, in that order.
    expect(order(['A', 'Â', 'D', 'Đ', 'H', 'U', 'Ư'])).toSatisfy(increasing);
    expect(order(['D', 'Diễn Châu', 'Dương Minh Châu', 'Đ', 'Đà Nẵng'])).toSatisfy(increasing);
    // People by given name: Dũng, Đức, Hà.
    expect(order(['D', 'Lê Văn Dũng', 'Đ', 'Trần Văn Đức', 'H', 'Nguyễn Thị Hà'], persons)).toSatisfy(increasing);
  });
});
