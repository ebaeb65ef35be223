import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Book, InlineRun } from '../../../shared/book/model';
import { loadWorld, resolveSetup, typeset, typesetWithReport, type TypesetWorld } from '../../../electron/core/publish/index';
import { generateBook, pageCount, pageText, PEOPLE, PLACES, resetMarks, tempFile } from './fixtures';
import { readPdf, type PdfRead } from './pdfjs';

let world: TypesetWorld;
let book: Book;
let file: string;
let pdf: PdfRead;
let pages: number;

const words = (s: string) => s.normalize('NFC').split(/\s+/).filter(Boolean);

/** Body words of the book in reading order (footnote texts excluded). */
function bodyWords(b: Book): string[] {
  const out: string[] = [];
  const runs = (rs: InlineRun[]) => out.push(...words(rs.map((r) => (r.kind === 'text' ? r.text : ' ')).join('')));
  for (const div of b.body)
    if (div.kind === 'chapter')
      for (const bl of div.blocks) if (bl.kind === 'paragraph') runs(bl.runs);
  return out;
}

function footnoteTexts(b: Book): string[] {
  const out: string[] = [];
  const walk = (rs: InlineRun[]) => {
    for (const r of rs) if (r.kind === 'footnote') out.push(r.content.map((p) => p.runs.map((x) => (x.kind === 'text' ? x.text : '')).join('')).join(' '));
  };
  for (const div of [...b.front, ...b.body, ...b.back])
    if (div.kind === 'chapter') for (const bl of div.blocks) if (bl.kind === 'paragraph') walk(bl.runs);
  return out;
}

beforeAll(async () => {
  world = await loadWorld();
  resetMarks();
  book = generateBook({ seed: 7, chapters: 3, sectionsPerChapter: 2, parasPerSection: 6, words: 90, footnoteRate: 0.5, indexTerms: true, longNotes: true, markCalls: true });
  book.setup = { tocPosition: 'end' };
  file = tempFile('history.pdf', await typeset(book, world));
  pdf = await readPdf(file);
  pages = pageCount(file);
});

describe('a history book read back from its PDF', () => {
  it('gives back every body word, in order and in NFC, through pdftotext', () => {
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toBe(text.normalize('NFC'));
    // Footnote calls print right after a word ("ZqN" + number): strip the number to compare.
    const got = words(text).map((w) => w.replace(/^(Zq\d+?)\d+$/, '$1'));
    const want = bodyWords(book);
    let j = 0;
    let matched = 0;
    for (const w of want) {
      const bare = w.startsWith('Zq') ? w : w;
      while (j < got.length && !got[j]!.startsWith(bare)) j++;
      if (j < got.length) {
        matched++;
        j++;
      }
    }
    expect(matched).toBe(want.length);
  });

  it('prints each footnote on the page of its call, with the same number', () => {
    const notes = footnoteTexts(book);
    expect(notes.length).toBeGreaterThan(10);
    const texts = Array.from({ length: pages }, (_, i) => pageText(file, i + 1).replace(/\s+/g, ' '));
    let continued = 0;
    for (let k = 1; k <= notes.length; k++) {
      const callPage = texts.findIndex((t) => new RegExp(`Zq${k}\\d+ `).test(t) || new RegExp(`Zq${k}\\d+$`).test(t));
      const notePage = texts.findIndex((t) => t.includes(`Ghi chú ${k}.`));
      expect(callPage, `call of note ${k}`).toBeGreaterThanOrEqual(0);
      expect(notePage, `note ${k}`).toBe(callPage);
      const lastWords = words(notes[k - 1]!).slice(-4).join(' ');
      if (!texts[callPage]!.includes(lastWords)) continued++;
    }
    // Long notes exist in this book; some must have continued on the next page.
    expect(continued).toBeGreaterThan(0);
  });

  it('lists in the table of contents the pages where the chapters and sections begin', () => {
    const labels = pdf.labels!;
    const tocPages = texts().filter((t) => t.startsWith('MỤC LỤC') || t.includes(' MỤC LỤC '));
    expect(tocPages.length).toBeGreaterThan(0);
    const toc = tocPages.join(' ');
    let checked = 0;
    book.body.forEach((div, ci) => {
      if (div.kind !== 'chapter') return;
      const entries: [string, string][] = [[`CHƯƠNG ${['I', 'II', 'III'][ci]}. ${div.title}`, div.title.toLocaleUpperCase('vi')]];
      let n = 0;
      for (const b of div.blocks)
        if (b.kind === 'heading') {
          n++;
          const t = b.runs.map((r) => (r.kind === 'text' ? r.text : '')).join('');
          entries.push([`${['I', 'II', 'III'][n - 1]}. ${t}`, `${['I', 'II', 'III'][n - 1]}. ${t.toLocaleUpperCase('vi')}`]);
        }
      for (const [entry, printed] of entries) {
        const m = new RegExp(escape(entry) + '[\\s.]*(\\d+)').exec(toc);
        expect(m, entry).not.toBeNull();
        const label = m![1]!;
        const physical = labels.indexOf(label);
        expect(physical).toBeGreaterThanOrEqual(0);
        expect(texts()[physical], `${entry} on page ${label}`).toContain(printed);
        checked++;
      }
    });
    expect(checked).toBe(3 * 3);
  });

  it('embeds and subsets every font, with a Unicode map', () => {
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(out.length).toBeGreaterThanOrEqual(3);
    for (const row of out) {
      const cols = row.trim().split(/\s+/);
      // name type... enc emb sub uni obj gen
      const [emb, sub, uni] = cols.slice(-5, -2);
      expect([emb, sub, uni], row).toEqual(['yes', 'yes', 'yes']);
      expect(row).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it('keeps every glyph inside the text block, except running heads and folios in their margins', () => {
    const s = resolveSetup(book, ['liberation-serif', 'noto-serif'], 'liberation-serif');
    let count = 0;
    pdf.pages.forEach((p, i) => {
      const recto = i % 2 === 0;
      const left = recto ? s.inner : s.outer;
      const right = left + s.textWidth;
      const top = p.height - s.top;
      const bottom = s.bottom;
      for (const it of p.items) {
        if (!it.str.trim()) continue;
        count++;
        expect(it.x, `page ${i + 1} "${it.str}"`).toBeGreaterThanOrEqual(left - 0.5);
        expect(it.x + it.width, `page ${i + 1} "${it.str}"`).toBeLessThanOrEqual(right + 0.5);
        if (it.y > top) expect(it.y, 'running head sits in the top margin').toBeLessThan(p.height - s.top / 3);
        else if (it.y < bottom) expect(it.str.trim(), 'only folios below the text block').toMatch(/^([0-9]+|[ivxlc]+)$/);
      }
    });
    expect(count).toBeGreaterThan(500);
  });

  it('writes the metadata, the outline and roman then arabic page labels', () => {
    expect(pdf.info.Title).toBe(book.title);
    expect(pdf.info.Author).toBe(book.author);
    expect(pdf.info.Language).toBe('vi');
    const titles = pdf.outline.map((o) => o.title);
    expect(titles).toContain('Lời nói đầu');
    expect(titles.filter((t) => t.startsWith('CHƯƠNG'))).toHaveLength(3);
    expect(pdf.labels![0]).toBe('i');
    expect(pdf.labels).toContain('1');
  });

  it('puts running heads on text pages: book title on even pages, chapter title on odd ones, none on openings', () => {
    const s = resolveSetup(book, ['liberation-serif'], 'liberation-serif');
    const chapterTitles = book.body.map((d) => d.title);
    let evens = 0;
    let odds = 0;
    pdf.pages.forEach((p, i) => {
      const head = p.items.filter((it) => it.y > p.height - s.top && it.str.trim() && !/^\d+$/.test(it.str.trim()));
      const text = head.map((h) => h.str).join(' ').trim();
      const label = pdf.labels![i]!;
      if (!/^\d+$/.test(label) || !text) return;
      if (i % 2 === 1) {
        expect(book.title.startsWith(text.replace(/ …$/, ''))).toBe(true);
        evens++;
      } else {
        expect(chapterTitles.some((t) => t.startsWith(text.replace(/ …$/, ''))) || ['Kết luận', 'Bảng tra cứu', 'Mục lục'].includes(text)).toBe(true);
        odds++;
      }
    });
    expect(evens).toBeGreaterThan(2);
    expect(odds).toBeGreaterThan(2);
    // Chapter openings carry no running head.
    pdf.pages.forEach((p) => {
      if (p.items.some((it) => /^CHƯƠNG [IVX]+$/.test(it.str.trim()))) expect(p.items.some((it) => it.y > p.height - s.top && it.str.trim() && !/^\d+$/.test(it.str.trim()))).toBe(false);
    });
  });

  it('gives the same bytes for the same book and world', async () => {
    const again = await typeset(book, world);
    expect(Buffer.from(again).equals(readFileSync(file))).toBe(true);
  });

  it('prints an index of people and places in Vietnamese order with their pages', () => {
    const all = texts();
    const idx = all.findIndex((t) => t.startsWith('BẢNG TRA CỨU'));
    expect(idx).toBeGreaterThan(0);
    const indexText = all.slice(idx, idx + 3).join(' ');
    const found = [...PEOPLE, ...PLACES]
      .map((term) => {
        const m = new RegExp(escape(term) + ', ((?:\\d+, )*\\d+)').exec(indexText);
        return m ? { term, at: m.index, pages: m[1]!.split(', ') } : null;
      })
      .filter((e) => e !== null);
    expect(found.length).toBeGreaterThan(8);
    // Each listed page really mentions the term.
    for (const e of found) for (const p of e.pages) expect(all[pdf.labels!.indexOf(p)]!, `${e.term} on ${p}`).toContain(e.term);
    // Places in Vietnamese alphabetical order (Â after A, Đ after D, Ô after O, Ư after U).
    const places = found.filter((e) => PLACES.includes(e.term)).sort((a, b) => a.at - b.at).map((e) => e.term);
    const collator = new Intl.Collator('vi');
    expect(places).toEqual([...places].sort((a, b) => collator.compare(a.replace('Hòa', 'Hoà'), b.replace('Hòa', 'Hoà'))));
  });

  it('sets the index in two balanced columns under a title that runs across both', () => {
    const n = texts().findIndex((t) => t.startsWith('BẢNG TRA CỨU'));
    const page = pdf.pages[n]!;
    const s = resolveSetup(book, ['liberation-serif'], 'liberation-serif');
    const recto = n % 2 === 0;
    const left = recto ? s.inner : s.outer;
    const mid = left + s.textWidth / 2;
    const entries = page.items.filter((it) => /, \d+/.test(it.str));
    const [l, r] = [entries.filter((e) => e.x < mid), entries.filter((e) => e.x >= mid)];
    expect(l.length).toBeGreaterThan(3);
    expect(r.length).toBeGreaterThan(3);
    // No entry of the left column runs into the right one.
    for (const e of l) expect(e.x + e.width, e.str).toBeLessThan(mid);
    // The title is centred on the whole measure, above both columns.
    const title = page.items.find((it) => it.str.startsWith('BẢNG TRA CỨU'))!;
    expect(Math.abs(title.x + title.width / 2 - mid)).toBeLessThan(2);
    expect(Math.min(...entries.map((e) => title.y - e.y))).toBeGreaterThan(0);
    // The only page of the index: its columns end within a few lines of each other.
    const bottom = (col: typeof entries) => Math.min(...col.map((e) => e.y));
    expect(Math.abs(bottom(l) - bottom(r))).toBeLessThan(4 * s.leading);
  });
});

let cachedTexts: string[] | undefined;
function texts(): string[] {
  cachedTexts ??= Array.from({ length: pages }, (_, i) => pageText(file, i + 1).replace(/\s+/g, ' ').trim());
  return cachedTexts;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

describe('page setups', () => {
  it.each([
    ['145x205', 145, 205],
    ['160x240', 160, 240],
    ['190x270', 190, 270],
    ['A4', 210, 297],
    ['A5', 148, 210],
    ['B5', 176, 250],
  ] as const)('sets %s pages to their trim size', async (trim, w, h) => {
    resetMarks();
    const b = generateBook({ seed: 2, chapters: 1, sectionsPerChapter: 1, parasPerSection: 4, words: 80, footnoteRate: 0.5 });
    b.setup = { trim };
    const f = tempFile(`${trim}.pdf`, await typeset(b, world));
    const read = await readPdf(f);
    for (const p of read.pages) {
      expect(p.width).toBeCloseTo((w * 72) / 25.4, 1);
      expect(p.height).toBeCloseTo((h * 72) / 25.4, 1);
    }
  });

  it('restarts footnote numbers on every page when asked', async () => {
    resetMarks();
    const b = generateBook({ seed: 9, chapters: 2, sectionsPerChapter: 2, parasPerSection: 5, words: 80, footnoteRate: 0.7, markCalls: true });
    b.setup = { footnoteNumbering: 'page' };
    const f = tempFile('perpage.pdf', await typeset(b, world));
    const n = pageCount(f);
    let pagesWithNotes = 0;
    for (let i = 1; i <= n; i++) {
      const t = pageText(f, i).replace(/\s+/g, ' ');
      const calls = [...t.matchAll(/Zq(\d+)/g)].map((m) => m[1]!);
      if (calls.length === 0) continue;
      pagesWithNotes++;
      // "Zq<mark><number>": the marks are known from the notes printed on the page.
      const marks = [...t.matchAll(/Ghi chú (\d+)\./g)].map((m) => m[1]!);
      const numbers = calls.map((c) => {
        const mark = marks.find((mk) => c.startsWith(mk) && c.length > mk.length);
        return mark ? Number(c.slice(mark.length)) : NaN;
      });
      expect(numbers, `page ${i}`).toEqual(numbers.map((_, k) => k + 1));
    }
    expect(pagesWithNotes).toBeGreaterThan(3);
  });

  it('numbers footnotes through the whole book, or from 1 in each chapter, when asked', async () => {
    for (const mode of ['book', 'chapter'] as const) {
      resetMarks();
      const b = generateBook({ seed: 12, chapters: 3, sectionsPerChapter: 1, parasPerSection: 4, words: 60, footnoteRate: 0.8, markCalls: true });
      b.setup = { footnoteNumbering: mode };
      const f = tempFile(`${mode}.pdf`, await typeset(b, world));
      const text = Array.from({ length: pageCount(f) }, (_, i) => pageText(f, i + 1)).join(' ').replace(/\s+/g, ' ');
      // Each note's printed number, in the order of the marks (= reading order).
      const marks = [...text.matchAll(/Ghi chú (\d+)\./g)].map((m) => Number(m[1]));
      const numbers = marks.map((mk) => Number(new RegExp(`Zq${mk}(\\d+)`).exec(text)![1]));
      expect(marks.length).toBeGreaterThan(5);
      if (mode === 'book') expect(numbers).toEqual(marks.map((_, i) => i + 1));
      else {
        // Restarts: numbers go up by one, except where a new chapter begins at 1.
        const restarts = numbers.filter((n, i) => i > 0 && n === 1).length;
        expect(restarts).toBeGreaterThanOrEqual(2);
        numbers.forEach((n, i) => i > 0 && n !== 1 && expect(n).toBe(numbers[i - 1]! + 1));
      }
    }
  });

  it('puts the table of contents at the front, in roman-numbered pages, when asked', async () => {
    resetMarks();
    const b = generateBook({ seed: 4, chapters: 2, sectionsPerChapter: 2, parasPerSection: 4, words: 80, footnoteRate: 0.3 });
    b.setup = { tocPosition: 'front' };
    const r = await typesetWithReport(b, world);
    const f = tempFile('front.pdf', r.pdf);
    const read = await readPdf(f);
    const tocPage = Array.from({ length: r.pageCount }, (_, i) => pageText(f, i + 1)).findIndex((t) => t.includes('MỤC LỤC'));
    expect(read.labels![tocPage]).toMatch(/^[ivx]+$/);
    const text = pageText(f, tocPage + 1).replace(/\s+/g, ' ');
    const m = new RegExp(escape(`CHƯƠNG II. ${b.body[1]!.title}`) + '[\\s.]*(\\d+)').exec(text);
    expect(m).not.toBeNull();
    expect(pageText(f, read.labels!.indexOf(m![1]!) + 1).replace(/\s+/g, ' ')).toContain(b.body[1]!.title.toLocaleUpperCase('vi'));
  });
});
