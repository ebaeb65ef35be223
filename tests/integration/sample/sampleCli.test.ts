/**
 * The sample project from the command line, as a new user on a fresh machine meets it:
 * `suquan sample DIR`, then `suquan check DIR` and `suquan export DIR --book 1 --out F.pdf`. The
 * PDF is read back with pdftotext and the Word file with mammoth: a footnote cites a sample
 * document; each book's preflight finds only what the sample keeps on purpose (and the user
 * guide explains); a word printed only in a scan is found by search.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { suquanCli, tempDir } from '../foundation/helpers';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const sampleDir = path.join(root, 'resources', 'sample');
const spec = YAML.parse(readFileSync(path.join(sampleDir, 'sample.yaml'), 'utf8')) as {
  project: { title: string };
  books: { key: string; kind: string; title: string }[];
  tour: { scanOnlyWord: string; scanOnlyDocument: string; citation: { node: string; document: string }; secretDocument: string; unsourcedEntry: string };
};
const documents = YAML.parse(readFileSync(path.join(sampleDir, 'documents.yaml'), 'utf8')) as { key: string; metadata: { code?: string; docType?: string } }[];

const flat = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ');

describe('suquan sample', () => {
  const cli = suquanCli({ timeoutMs: 300_000 });
  const dir = path.join(tempDir('suquan-sample-'), 'Dự án mẫu');
  let built: { path: string; documents: number; books: number; chapters: number };
  let books: { id: number; title: string }[];

  beforeAll(() => {
    const r = cli('sample', dir, '--json');
    expect(r.stderr + r.stdout, 'suquan sample').not.toMatch(/Lỗi|Error/);
    expect(r.code).toBe(0);
    built = JSON.parse(r.stdout).result;
    const list = cli('list', dir, '--json');
    expect(list.code).toBe(0);
    books = JSON.parse(list.stdout).result.books;
  }, 300_000);

  it('makes the whole project: every document, every book', () => {
    expect(built.path).toBe(path.resolve(dir));
    expect(built.documents).toBe(documents.length);
    expect(books.map((b) => b.title)).toEqual(spec.books.map((b) => b.title));
  });

  it('passes suquan check', () => {
    const r = cli('check', dir);
    expect(r.stdout + r.stderr).not.toMatch(/hỏng|thiếu|khác/i);
    expect(r.code).toBe(0);
  });

  it('exports book 1 as a PDF whose footnotes cite the sample documents', () => {
    const out = path.join(tempDir(), 'lich-su.pdf');
    const r = cli('export', dir, '--book', '1', '--out', out, '--check', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(books[0]!.title).toBe(spec.books.find((b) => b.kind === 'history')!.title);
    const text = flat(execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }));
    const cited = documents.find((d) => d.key === spec.tour.citation.document)!;
    // "… Nghị quyết số 05-NQ/CB ngày …": the citation of the tour's document, in one piece.
    expect(text).toMatch(new RegExp(`${cited.metadata.docType} số ${cited.metadata.code!.replace(/[/]/g, '\\/')} ngày`));
    // Only the preflight finding the sample keeps on purpose: a document marked Mật is cited.
    const findings = JSON.parse(r.stdout).result.findings as { kind: string }[];
    expect(findings.map((f) => f.kind)).toEqual(['secret-document']);
  });

  it('exports the chronicle and the document collection with only the deliberate findings, and Word files that mammoth reads', async () => {
    for (const [i, b] of spec.books.entries()) {
      const id = String(books[i]!.id);
      const pdf = path.join(tempDir(), `${b.key}.pdf`);
      const r = cli('export', dir, '--book', id, '--out', pdf, '--check', '--json');
      expect(r.code, r.stderr).toBe(0);
      const kinds = (JSON.parse(r.stdout).result.findings as { kind: string }[]).map((f) => f.kind);
      expect(kinds).toEqual(b.kind === 'history' ? ['secret-document'] : b.kind === 'chronicle' ? ['entry-without-source'] : []);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      expect(pages).toBeGreaterThan(3);
      const docx = path.join(tempDir(), `${b.key}.docx`);
      expect(cli('export', dir, '--book', id, '--out', docx).code).toBe(0);
      const word = flat((await mammoth.extractRawText({ path: docx })).value);
      expect(word).toContain(flat(b.title).replace(/\s*\(.*$/, ''));
    }
  }, 240_000);

  it('finds a word printed only in a scan', () => {
    const r = cli('search', dir, spec.tour.scanOnlyWord, '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).result.rows as { id: number; hit?: { pageSeq: number; snippet: { text: string } } }[];
    expect(rows.length).toBe(1);
    const key = spec.tour.scanOnlyDocument;
    expect(rows[0]!.id).toBe(documents.findIndex((d) => d.key === key) + 1);
    // Found in the page's text (what the OCR read), not in the description.
    expect(rows[0]!.hit?.snippet.text).toContain(spec.tour.scanOnlyWord.split(' ')[0]);
  });

  it('refuses a folder that already holds something, with a sentence, and leaves it as it was', () => {
    const r = cli('sample', dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/đã có nội dung/);
  });
});
