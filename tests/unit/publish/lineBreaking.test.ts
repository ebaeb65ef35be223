/**
 * Line breaking inside long words (issue 13, item 2): URLs break where the Chicago Manual puts
 * breaks (after "/" and "-", before "?", "&", "#", "=", "."), document codes never break, and the
 * lines around them are not stretched to make room. The last-resort cut at a letter never
 * splits a Vietnamese syllable. Each test reads the PDF back.
 */
import { describe, expect, it } from 'vitest';
import { bookFromMarkdown, loadWorld, typesetWithReport } from '../../../electron/core/publish/index';
import { breakOpportunities } from '../../../electron/core/publish/measure/breakOpportunities';
import { pageCount, pageText, tempFile } from './fixtures';

const world = loadWorld();

const URL1 = 'https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Nghi-quyet-12-NQ-TU-2021-xay-dung-chinh-don-Dang-123456.aspx?tab=1&lang=vi#muc-2';
const URL2 = 'https://vanban.chinhphu.vn/default.aspx?pageid=27160&docid=203145';

async function typesetMarkdown(md: string) {
  const report = await typesetWithReport(bookFromMarkdown(md), await world);
  const file = tempFile('book.pdf', report.pdf);
  // Layout mode: plain pdftotext joins a line ending in "-" to the next and drops the hyphen.
  const text = Array.from({ length: pageCount(file) }, (_, i) => pageText(file, i + 1, true)).join('\n');
  return { report, file, text };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '');

describe('break opportunities in a long word', () => {
  it('puts URL breaks after slashes and hyphens and before ? & # = .', () => {
    const cuts = breakOpportunities(URL2)!.map((c) => URL2.slice(0, c.at));
    expect(cuts).toContain('https://');
    expect(cuts).toContain('https://vanban');
    expect(cuts).toContain('https://vanban.chinhphu.vn/');
    expect(cuts).toContain('https://vanban.chinhphu.vn/default.aspx');
    expect(cuts).toContain('https://vanban.chinhphu.vn/default.aspx?pageid');
    // Never inside the scheme, never in the middle of a run of letters or digits.
    for (const c of cuts) expect(/[/\-]$/.test(c) || /^[?&#=.]/.test(URL2.slice(c.length))).toBe(true);
  });

  it('gives none to document codes, short words and Vietnamese syllables', () => {
    for (const w of ['12-NQ/TU', '16-NQ/TW,', '(số 123-QĐ/TU)', 'ĐƯỜNG', 'nghiêng', '1945–1954', '217/2013/QĐ-TW']) expect(breakOpportunities(w)).toBeNull();
  });

  it('breaks a long compound after its hyphen (flagged, like a hyphenation)', () => {
    const cuts = breakOpportunities('Mác-Ăngghen-Lênin')!;
    expect(cuts.map((c) => c.at)).toEqual([4, 12]);
    expect(cuts.every((c) => c.flagged)).toBe(true);
  });
});

describe('a paragraph with long URLs', () => {
  it('breaks the URLs at their separators, keeps the code whole and does not stretch the lines', async () => {
    const md = `# Chương thử\n\nTheo tài liệu lưu trữ tại ${URL1} thì Nghị quyết số 12-NQ/TU của Tỉnh ủy đã xác định rõ nhiệm vụ xây dựng Đảng bộ trong sạch vững mạnh, củng cố chính quyền cơ sở và phát triển kinh tế nông nghiệp của địa phương.\n\nVăn bản gốc: ${URL2} và bản số hóa tại https://www.example.org/tai-lieu/lich-su-dang-bo/2021/05/12/nghi-quyet.pdf đã được Ban Tuyên giáo Tỉnh ủy đối chiếu.\n`;
    const { report, text } = await typesetMarkdown(md);
    const ls = lines(text);
    // The old breaker cut "…Dang-123456.aspx" at a letter, leaving a line that began "-123456.aspx".
    for (const l of ls) expect(l).not.toMatch(/^-\d/);
    // The URLs come back whole when the lines are joined where they broke.
    const joined = ls.join('\n');
    for (const url of [URL1, URL2]) {
      const start = joined.indexOf(url.slice(0, 20));
      expect(start).toBeGreaterThanOrEqual(0);
      const printed = joined.slice(start, start + url.length + 10).replace(/\n/g, '');
      expect(printed.startsWith(url)).toBe(true);
    }
    // Every break inside a URL is at a separator.
    for (let i = 0; i + 1 < ls.length; i++) {
      const end = ls[i]!;
      const next = ls[i + 1]!;
      const inUrl = /https?:\/\/\S*$/.test(end) && !/[.,;]$/.test(end) && !next.startsWith('Theo') && (URL1 + URL2).includes(end.split(' ').pop()! + next.split(' ')[0]!);
      if (inUrl) expect(/[/\-]$/.test(end) || /^[?&#=.]/.test(next)).toBe(true);
    }
    // "12-NQ/TU" is on one line.
    expect(ls.some((l) => /(^| )12-NQ\/TU( |$)/.test(l))).toBe(true);
    // No space wider than an em: the old breaker found no feasible lines around the URLs and
    // fell back to first-fit, whose justified lines had spaces of 40 and 120 points.
    expect(Math.max(...report.gaps)).toBeLessThan(report.setup.bodySize);
  });

  it('never cuts a syllable of a caps title too wide for its measure', async () => {
    // On a tiny page the part title's syllables are wider than the measure: they may stick out,
    // but "NGHIÊNG" must not print as "NGHI" + "ÊNG".
    const md = `---\ntitle: Thử\ntrim: 60x80\n---\n\n# Nghiêng nghiêng trường {.part}\n\n# Chương\n\nNội dung.\n`;
    const { text } = await typesetMarkdown(md);
    const words = lines(text).flatMap((l) => l.split(/\s+/));
    // (On the part page and in the table of contents.)
    const printed = words.filter((w) => /^NGHI/.test(w));
    expect(printed.length).toBeGreaterThanOrEqual(2);
    expect(new Set(printed)).toEqual(new Set(['NGHIÊNG']));
    expect(words).toContain('TRƯỜNG');
  });
});
