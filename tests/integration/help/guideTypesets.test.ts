/**
 * The user guide (resources/guide/huong-dan.md) is one Markdown file read two ways: rendered in the
 * app's help view, which links to its sections by the `{#id}` of its headings, and printed by the
 * app's own typesetter. This checks both contracts on the real file: every chapter and section
 * heading carries a unique ASCII id, every section the renderer opens with openHelp('…') exists,
 * the typesetter reads the file without a single warning, and the PDF it makes (read back with
 * pdftotext) holds the title, a table of contents and every chapter; and the tour of the sample
 * project names the word, documents and entry the sample really has.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { bookFromMarkdown, typesetWithReport, type TypesetReport } from '../../../electron/core/publish/index';
import { resourcePath } from '../../../electron/core/resources';
import type { Book } from '../../../shared/book/model';

const guideFile = resourcePath('guide', 'huong-dan.md');
const source = readFileSync(guideFile, 'utf8');

/** `#` and `##` headings outside fenced and indented code: level, text, id (null when missing). */
function headings(md: string): { level: number; text: string; id: string | null; line: number }[] {
  const out: { level: number; text: string; id: string | null; line: number }[] = [];
  let fenced = false;
  md.split('\n').forEach((raw, i) => {
    if (/^\s{0,3}(```|~~~)/.test(raw)) fenced = !fenced;
    if (fenced) return;
    const m = /^(#{1,2})\s+(.*?)\s*$/.exec(raw);
    if (!m) return;
    const attrs = /\s*\{#([^\s}]+)\}$/.exec(m[2]!);
    out.push({ level: m[1]!.length, text: attrs ? m[2]!.slice(0, attrs.index) : m[2]!, id: attrs ? attrs[1]! : null, line: i + 1 });
  });
  return out;
}

/** Every section id the renderer opens the guide at: openHelp('id') in renderer/**.ts(x). */
function linkedSections(): { id: string; file: string }[] {
  const out: { id: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (name === 'dist' || name === 'node_modules') continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name)) for (const m of readFileSync(p, 'utf8').matchAll(/openHelp\(\s*['"`]([^'"`]+)['"`]/g)) out.push({ id: m[1]!, file: path.relative(process.cwd(), p) });
    }
  };
  walk(path.resolve('renderer'));
  return out;
}

const flat = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
/** Compared without case: chapter openings print titles in capitals, the contents as written. */
const upper = (s: string) => flat(s).toLocaleUpperCase('vi');

describe('the user guide', () => {
  const all = headings(source);

  it('gives every chapter and section heading its own ASCII id', () => {
    expect(all.filter((h) => h.level === 1).length).toBeGreaterThanOrEqual(8);
    expect(all.filter((h) => h.id === null).map((h) => `dòng ${h.line}: ${h.text}`)).toEqual([]);
    expect(all.filter((h) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(h.id!)).map((h) => h.id)).toEqual([]);
    const seen = new Set<string>();
    const repeated = all.filter((h) => (seen.has(h.id!) ? true : (seen.add(h.id!), false))).map((h) => h.id);
    expect(repeated).toEqual([]);
  });

  it('has every section the app links to', () => {
    const ids = new Set(all.map((h) => h.id));
    // The sections the welcome screen and the backup notes were promised from the start.
    for (const id of ['bat-dau', 'sao-luu', 'du-an-mau', 'noi-cat-du-an', 'tren-may-nay', 'sao-luu-tu-dong', 'phim-tat', 'kiem-tra-truoc-khi-in']) expect(ids.has(id), id).toBe(true);
    expect(linkedSections().filter((l) => !ids.has(l.id))).toEqual([]);
  });

  it('tells the sample tour with the facts the sample project is made from', () => {
    // The tour sends the reader to a word, a citation, a secret document and an unsourced entry
    // of the sample; if resources/sample/ changes them, the guide must change with it.
    const sample = YAML.parse(readFileSync(resourcePath('sample', 'sample.yaml'), 'utf8')) as { tour: Record<string, unknown> };
    const documents = YAML.parse(readFileSync(resourcePath('sample', 'documents.yaml'), 'utf8')) as { key: string; metadata: { code?: string; secrecy?: string } }[];
    const code = (key: unknown) => documents.find((d) => d.key === key)?.metadata.code ?? `(không có ${String(key)})`;
    const tour = sample.tour as { scanOnlyWord: string; scanOnlyDocument: string; citation: { document: string }; secretDocument: string; unsourcedEntry: string };
    const text = source.normalize('NFC');
    expect(text).toContain(`«${tour.scanOnlyWord.normalize('NFC')}»`);
    expect(text).toContain(code(tour.scanOnlyDocument));
    expect(text).toContain(code(tour.citation.document));
    expect(text).toContain(code(tour.secretDocument));
    expect(documents.find((d) => d.key === tour.secretDocument)?.metadata.secrecy).toBeTruthy();
    expect(text).toContain(`**${tour.unsourcedEntry.normalize('NFC')}**`);
  });

  describe('printed by the typesetter', () => {
    const warnings: string[] = [];
    let book: Book;
    let report: TypesetReport;
    let text: string;
    let dir: string;
    let ms: number;

    beforeAll(async () => {
      book = bookFromMarkdown(source, { baseDir: path.dirname(guideFile), warn: (w) => warnings.push(w) });
      const t0 = performance.now();
      report = await typesetWithReport(book);
      ms = performance.now() - t0;
      dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-guide-'));
      const file = path.join(dir, 'huong-dan.pdf');
      writeFileSync(file, report.pdf);
      text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      console.info(`Hướng dẫn: ${report.pageCount} trang, dàn trang ${Math.round(ms)} ms`);
    });
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('reads the file without a warning', () => {
      expect(warnings).toEqual([]);
      expect(book.title).toBe('Hướng dẫn sử dụng Sử Quán');
      expect(book.setup?.trim).toBe('145x205');
      expect(book.setup?.tocPosition).toBe('front');
    });

    it('keeps each heading id on its chapter', () => {
      const chapters = all.filter((h) => h.level === 1);
      const printed = [...book.front, ...book.body, ...book.back].flatMap((c) => (c.kind === 'part' ? c.chapters : [c]));
      expect(printed.map((c) => c.id)).toEqual(chapters.map((h) => h.id));
      expect(printed.map((c) => c.title)).toEqual(chapters.map((h) => h.text.normalize('NFC')));
    });

    it('prints the title, the contents and every chapter', () => {
      expect(report.pdf.length).toBeGreaterThan(10_000);
      expect(report.pageCount).toBeGreaterThan(40);
      const all1 = upper(text);
      expect(all1).toContain(upper('Hướng dẫn sử dụng Sử Quán'));
      expect(all1).toContain('MỤC LỤC');
      for (const h of headings(source).filter((x) => x.level === 1)) expect(all1, h.text).toContain(upper(h.text));
      // The contents list every chapter and section ("CHƯƠNG 1. Bắt đầu", "I. Màn hình đầu") with
      // the page it begins on, and are printed before the first chapter.
      for (const h of headings(source)) {
        const entry = report.toc.find((e) => flat(e.title).endsWith(flat(h.text)));
        expect(entry, h.text).toBeDefined();
        expect(entry!.label, h.text).toMatch(/^\d+$/);
      }
      const contents = all1.indexOf('MỤC LỤC');
      expect(contents).toBeGreaterThan(-1);
      expect(all1.indexOf(upper('Khi gặp sự cố'), contents)).toBeGreaterThan(contents);
    });

    it('typesets in reasonable time', () => {
      expect(ms).toBeLessThan(30_000);
    });
  });
});
