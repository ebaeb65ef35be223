/**
 * Titles and headings (issue 13, item 2): never broken between the syllables of a word
 * ("LỊCH | SỬ", "ĐẢNG | BỘ", "KHÁNG | CHIẾN"), and set in lines of similar length. Read back from
 * the PDF with pdf.js, line by line.
 */
import { describe, expect, it } from 'vitest';
import { bookFromMarkdown, loadWorld, typeset } from '../../../electron/core/publish/index';
import { bindTitleWords } from '../../../electron/core/publish/measure/titleBreaks';
import type { Item } from '../../../electron/core/publish/ir';
import { isVietnameseWord } from '../../../shared/text/vietnameseWords';
import { tempFile } from './fixtures';
import { printedLines, readPdf, type PdfPage } from './pdfjs';

const world = loadWorld();

const linesOf = (page: PdfPage) => printedLines(page);

const isCaps = (s: string) => /\p{L}/u.test(s) && s === s.toLocaleUpperCase('vi');

/** Pairs of consecutive caps lines where the break falls inside a known word. */
function brokenWords(pages: PdfPage[]): string[] {
  const out: string[] = [];
  for (const page of pages) {
    const ls = linesOf(page);
    for (let i = 0; i + 1 < ls.length; i++) {
      const a = ls[i]!.text;
      const b = ls[i + 1]!.text;
      if (!isCaps(a) || !isCaps(b)) continue;
      const last = a.split(' ').pop()!;
      const first = b.split(' ')[0]!;
      if (isVietnameseWord([last, first])) out.push(`${last} | ${first}`);
    }
  }
  return out;
}

const TITLE = 'Lịch sử Đảng bộ và nhân dân xã Tân Hòa anh hùng trong kháng chiến chống thực dân Pháp';

describe('titles', () => {
  it('never breaks a title page, part, chapter or section title inside a word', async () => {
    const md = `---
title: ${TITLE}
author: Ban Chấp hành Đảng bộ xã Tân Hòa
---

# Nhân dân xã Tân Hòa trong cách mạng tháng Tám và kháng chiến chống thực dân Pháp xâm lược {.part}

# Đảng bộ xã lãnh đạo nhân dân xây dựng chính quyền cách mạng và kháng chiến chống thực dân Pháp giai đoạn 1945 – 1954

## Phong trào cách mạng của nhân dân trong xã từ khi có Đảng lãnh đạo đến Cách mạng tháng Tám năm 1945

Nội dung.
`;
    const file = tempFile('titles.pdf', await typeset(bookFromMarkdown(md), await world));
    const { pages } = await readPdf(file);
    // The old breaker printed "NHÂN | DÂN", "KHÁNG | CHIẾN" and "CÁCH | MẠNG" here.
    expect(brokenWords(pages)).toEqual([]);
    // And the titles are all there, in caps, over several lines.
    const caps = pages.flatMap(linesOf).filter((l) => isCaps(l.text));
    expect(caps.filter((l) => l.text.includes('KHÁNG CHIẾN')).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps a place name, and an administrative unit with its name, on one line', async () => {
    const md = `---
title: Lịch sử Đảng bộ và nhân dân xã Tân Hòa, huyện Ân Thi, tỉnh Hưng Yên (1930 – 2025)
author: Ban Chấp hành Đảng bộ xã Tân Hòa
---

# Đảng bộ xã lãnh đạo nhân dân xây dựng chính quyền cách mạng và kháng chiến chống thực dân Pháp xâm lược (1945 – 1954)

Nội dung.
`;
    const file = tempFile('names.pdf', await typeset(bookFromMarkdown(md), await world));
    const { pages } = await readPdf(file);
    const ls = pages.flatMap(linesOf).filter((l) => isCaps(l.text)).map((l) => l.text);
    // The title page (and the half-title) hold the address whole: "TỈNH HƯNG YÊN", "HUYỆN ÂN THI".
    expect(ls.filter((l) => l.includes('TỈNH HƯNG YÊN')).length, ls.join(' / ')).toBeGreaterThanOrEqual(2);
    expect(ls.filter((l) => l.includes('HUYỆN ÂN THI')).length).toBeGreaterThanOrEqual(2);
    expect(ls.filter((l) => /(^|\s)(TỈNH|HƯNG|HUYỆN|ÂN|XÃ|TÂN)$/.test(l))).toEqual([]);
    // "thực dân Pháp" is one term.
    expect(ls.filter((l) => l.endsWith('THỰC DÂN'))).toEqual([]);
  });

  it('sets a wrapped section heading in lines of similar length', async () => {
    // First-fit fills the first line and leaves a word or two on the second.
    const heading = 'Tổ chức cơ sở Đảng đầu tiên ở địa phương và những hoạt động đầu tiên của chi bộ Đảng';
    const md = `# Chương\n\n## Thời kỳ\n\n### ${heading}\n\nNội dung của phần này.\n`;
    const file = tempFile('heading.pdf', await typeset(bookFromMarkdown(md), await world));
    const { pages } = await readPdf(file);
    const ls = pages.flatMap(linesOf);
    const start = ls.findIndex((l) => l.text.startsWith('1. Tổ chức'));
    expect(start).toBeGreaterThanOrEqual(0);
    const [first, second] = [ls[start]!, ls[start + 1]!];
    expect((first.text + ' ' + second.text).replace(/^1\. /, '')).toBe(heading);
    expect(second.width / first.width).toBeGreaterThan(0.6);
  });
});

describe('joining the syllables of words in a title', () => {
  const box = (text: string): Item => ({ t: 'box', face: 0, size: 10, text, w: 10, tj: '' });
  const glue: Item = { t: 'glue', w: 3, stretch: 1, shrink: 1, face: 0, size: 10 };
  const title = (s: string): Item[] => s.split(' ').flatMap((w, i) => (i ? [glue, box(w)] : [box(w)]));
  /** The title with "_" where a space may not break, "~" where a break costs extra, "^" where it is welcome. */
  const show = (items: Item[]) =>
    items
      .map((it, i) => (it.t === 'box' ? it.text : it.t === 'glue' ? (items[i - 1]!.t === 'pen' ? '' : ' ') : (it as { p: number }).p >= 10000 ? '_' : (it as { p: number }).p < 0 ? '^' : '~'))
      .join('');

  it('joins two- and three-syllable words, in any case and tone placement', () => {
    expect(show(bindTitleWords(title('LỊCH SỬ ĐẢNG BỘ HUYỆN')))).toBe('LỊCH_SỬ ĐẢNG_BỘ HUYỆN');
    expect(show(bindTitleWords(title('Ban Chấp hành Đảng bộ')))).toBe('Ban_Chấp_hành Đảng_bộ');
    expect(show(bindTitleWords(title('XÃ TÂN HOÀ, KHÁNH HOÀ')))).toBe('XÃ TÂN HOÀ,^KHÁNH_HOÀ');
    expect(show(bindTitleWords(title('(KHÁNG CHIẾN)')))).toBe('(KHÁNG_CHIẾN)');
  });

  it('does not join across punctuation, keeps a number and a dash with what follows, and makes breaks after "và" dearer', () => {
    expect(show(bindTitleWords(title('LỊCH, SỬ')))).toBe('LỊCH,^SỬ');
    expect(show(bindTitleWords(title('I. THỜI KỲ 1930 – 1945')))).toBe('I._THỜI_KỲ 1930_– 1945');
    expect(show(bindTitleWords(title('Đảng bộ và nhân dân')))).toBe('Đảng_bộ và~nhân_dân');
  });
});
