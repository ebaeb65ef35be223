/**
 * Generated documents (issue 8): random chapters built from the manuscript schema — nested marks,
 * footnotes holding citations, names and italic words, figures of archived scans, tables, long
 * paragraphs — are saved through the API (so the schema check passes on them), exported to PDF
 * and Word, and read back: every generated word of the text and of every note appears exactly
 * once, every note starts on its call's page, and each note is one paragraph (one note label, no
 * paragraph without one in the PDF's note area; one <p> per note in Word).
 *
 * Every generated word is unique: a Vietnamese syllable followed by a five-letter code, so it can
 * be counted in the extracted text. Seeds are fixed; SUQUAN_PROPERTY_SEEDS=n runs n more.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublishService } from '../../../electron/core/publish/publishService';
import { publishContract } from '../../../shared/api/publish';
import { validateRichDoc } from '../../../shared/manuscript/schema';
import { rng } from '../../unit/publish/fixtures';
import { readPdf, type PdfPage } from '../../unit/publish/pdfjs';
import { openHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

const SYLLABLES = ['đảng', 'huyện', 'nhân', 'kháng', 'chiến', 'dựng', 'phong', 'trào', 'hợp', 'lãnh', 'thắng', 'cách', 'mạng', 'tỉnh', 'xã', 'đoàn', 'kết', 'chính', 'quyền', 'nghị'];
const MARK_SETS: string[][] = [[], [], [], ['italic'], ['bold'], ['underline'], ['bold', 'italic'], ['italic', 'underline']];
const LETTERS = 'abcdeghiklmnopqrstuvxy';

interface Generated {
  doc: { type: 'doc'; content: unknown[] };
  /** Words printed once in the text and notes. */
  words: string[];
  /** Words that also print elsewhere (headings in the contents, names in the index). */
  elsewhere: string[];
  /** Per footnote: the text word its call follows and the note's first word. */
  notes: { after: string; first: string }[];
}

function generate(seed: number, figure: { documentId: number; pageId: number }, cited: number): Generated {
  const rnd = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  let counter = seed * 5000;
  const word = (): string => {
    let n = counter++;
    let code = '';
    for (let i = 0; i < 5; i++) {
      code = LETTERS[n % LETTERS.length]! + code;
      n = Math.floor(n / LETTERS.length);
    }
    return `${pick(SYLLABLES)}${code}`;
  };
  const out: Generated = { doc: { type: 'doc', content: [] }, words: [], elsewhere: [], notes: [] };
  const text = (n: number, into: string[], marks: string[] = []) => {
    const ws = Array.from({ length: n }, word);
    into.push(...ws);
    return { type: 'text', text: ws.join(' '), ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}) };
  };
  const mention = (into: string[]) => {
    const ws = [word(), word()];
    into.push(...ws);
    const term = ws.join(' ');
    return { type: 'text', text: term, marks: [{ type: 'mention', attrs: { nameId: null, kind: pick(['person', 'place', 'organisation']), term } }] };
  };
  const space = { type: 'text', text: ' ' };
  const footnote = (after: string) => {
    const content: unknown[] = [];
    const firstText = text(1 + Math.floor(rnd() * 3), out.words, pick(MARK_SETS));
    content.push(firstText);
    out.notes.push({ after, first: (firstText.text as string).split(' ')[0]! });
    const parts = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < parts; i++) {
      const r = rnd();
      if (r < 0.3) content.push({ type: 'text', text: '; ' }, { type: 'citation', attrs: { documentId: cited, pageId: null, pageSeq: 1, folio: String(1 + Math.floor(rnd() * 9)), text: '' } });
      else if (r < 0.5) content.push(space, mention(out.elsewhere));
      else content.push(space, text(2 + Math.floor(rnd() * 14), out.words, pick(MARK_SETS)));
    }
    content.push({ type: 'text', text: '.' });
    return { type: 'footnote', content };
  };
  const paragraph = (long: boolean) => {
    const content: unknown[] = [];
    const pieces = long ? 8 + Math.floor(rnd() * 10) : 2 + Math.floor(rnd() * 4);
    for (let i = 0; i < pieces; i++) {
      if (i) content.push(space);
      const r = rnd();
      if (r < 0.12 && i) content.push(mention(out.elsewhere));
      else content.push(text(3 + Math.floor(rnd() * 25), out.words, pick(MARK_SETS)));
      if (rnd() < 0.3) {
        const last = content[content.length - 1] as { text: string };
        content.push(footnote(last.text.split(' ').pop()!));
        // Two calls side by side, as books cite two sources for one sentence.
        if (rnd() < 0.2) {
          const second = footnote(last.text.split(' ').pop()!);
          content.push(second);
          out.notes[out.notes.length - 1]!.after = '';
        }
      }
    }
    content.push({ type: 'text', text: '.' });
    return { type: 'paragraph', content };
  };
  const cell = (type: 'tableCell' | 'tableHeader') => ({ type, attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [{ type: 'paragraph', content: [text(1 + Math.floor(rnd() * 3), out.words)] }] });
  const blocks = 8 + Math.floor(rnd() * 8);
  for (let b = 0; b < blocks; b++) {
    const r = rnd();
    if (r < 0.1) out.doc.content.push({ type: 'heading', attrs: { level: pick([2, 3]), id: `h-${seed}-${b}` }, content: [text(2 + Math.floor(rnd() * 4), out.elsewhere)] });
    else if (r < 0.18) out.doc.content.push({ type: 'figure', attrs: { documentId: figure.documentId, pageId: figure.pageId, pageSeq: 1, rotation: null }, content: [text(3 + Math.floor(rnd() * 12), out.words, pick([[], ['bold']]))] });
    else if (r < 0.26) {
      const cols = 2 + Math.floor(rnd() * 2);
      const rows = 2 + Math.floor(rnd() * 3);
      out.doc.content.push({
        type: 'table',
        content: Array.from({ length: rows }, (_, ri) => ({ type: 'tableRow', content: Array.from({ length: cols }, () => cell(ri === 0 ? 'tableHeader' : 'tableCell')) })),
      });
    } else if (r < 0.32) out.doc.content.push({ type: 'blockquote', content: [paragraph(false)] });
    else out.doc.content.push(paragraph(r > 0.8));
  }
  return out;
}

/** An archived report whose one page is a real JPEG: the figures' scan. */
function scannedDocument(): Promise<{ documentId: number; pageId: number }> {
  const metadata = { code: '12-BC/ĐUK', docType: 'Báo cáo', issuer: 'Đảng ủy Khối các cơ quan tỉnh', date: { text: '20-6-2021', start: '2021-06-20', end: '2021-06-20' }, abstract: 'về tình hình tư tưởng cán bộ, đảng viên trong các cơ quan khối tỉnh', location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', fonds: '1', file: '45' } };
  return h.addScan('Báo cáo tình hình tư tưởng', metadata, { width: 600, height: 820 });
}

const tokens = (s: string): string[] => s.normalize('NFC').match(/\p{L}+/gu) ?? [];

function count(all: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of all) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Lines of a page (items grouped by baseline), top to bottom. */
function lines(page: PdfPage): { y: number; items: PdfPage['items'] }[] {
  const by = new Map<number, PdfPage['items']>();
  for (const it of page.items) {
    if (!it.str.trim()) continue;
    const y = Math.round(it.y);
    const key = [...by.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
    by.set(key, [...(by.get(key) ?? []), it]);
  }
  return [...by.entries()].map(([y, items]) => ({ y, items: items.sort((a, b) => a.x - b.x) })).sort((a, b) => b.y - a.y);
}

const seeds = [11, 29, 47, ...Array.from({ length: Number(process.env.SUQUAN_PROPERTY_SEEDS ?? 0) }, (_, i) => 1000 + i)];

describe('generated documents print every word once, every note whole on its call page', () => {
  it.each(seeds)('seed %i', async (seed) => {
    const figure = await scannedDocument();
    const cited = h.addDocument('Nghị quyết về công tác xây dựng Đảng', { code: '05-NQ/TU', docType: 'Nghị quyết', issuer: 'Tỉnh ủy Lai Châu', date: { text: '3-2-1961', start: '1961-02-03', end: '1961-02-03' }, abstract: 'về công tác xây dựng Đảng' });
    const book = await h.call('createBook', { kind: 'history', title: 'Lịch sử Đảng bộ huyện thử nghiệm' });
    const chapters: Generated[] = [];
    for (let c = 0; c < 2; c++) {
      const g = generate(seed * 10 + c, figure, cited);
      expect(validateRichDoc(g.doc)).toMatchObject({ ok: true });
      const ch = await h.call('addChapter', { bookId: book.id, title: `Chương thử ${c + 1}` });
      await h.save({ id: ch.id, doc: g.doc });
      chapters.push(g);
    }
    const words = chapters.flatMap((g) => g.words);
    const elsewhere = chapters.flatMap((g) => g.elsewhere);
    const notes = chapters.flatMap((g) => g.notes);
    expect(new Set(words).size).toBe(words.length);

    const publish = createPublishService(h.session);
    const file = path.join(h.dir, `sach-${seed}.pdf`);
    await publish.exportPdf(publishContract.exportPdf.input.parse({ bookId: book.id, path: file }));
    const read = await readPdf(file);
    const pageTokens = read.pages.map((p) => tokens(p.items.map((i) => i.str).join(' ')));
    const inPdf = count(pageTokens.flat());
    const missing = words.filter((w) => (inPdf.get(w) ?? 0) === 0);
    const twice = words.filter((w) => (inPdf.get(w) ?? 0) > 1);
    expect(missing, 'words missing from the PDF').toEqual([]);
    expect(twice, 'words printed twice in the PDF').toEqual([]);
    for (const w of elsewhere) expect(inPdf.get(w) ?? 0, w).toBeGreaterThan(0);

    const pageOf = (w: string) => pageTokens.findIndex((ts) => ts.includes(w));
    for (const n of notes) {
      if (!n.after) continue;
      expect(pageOf(n.first), `note starting "${n.first}" is on the page of its call after "${n.after}"`).toBe(pageOf(n.after));
    }

    // One note, one paragraph: in the note area every line starting at a note's indent is
    // the start of a note, with its number; fragments would start lines of their own there.
    const footnoteSize = 9;
    let labels = 0;
    for (const page of read.pages) {
      const ls = lines(page);
      // The note area: below the last line set larger than notes are (a folio at the foot aside).
      const bodyBottom = Math.min(...ls.filter((l) => l.items.some((i) => i.size > footnoteSize + 0.2) && !/^[\divxlc]+$/.test(l.items.map((i) => i.str).join('').trim())).map((l) => l.y), Infinity);
      const noteLines = ls.filter((l) => l.y < bodyBottom && l.items.every((i) => i.size <= footnoteSize + 0.2) && l.items[0]!.size < footnoteSize + 0.2);
      const labelled = noteLines.filter((l) => /^\d+$/.test(l.items[0]!.str.trim()) && l.items[0]!.size < footnoteSize * 0.8);
      labels += labelled.length;
      const labelX = labelled[0]?.items[0]!.x;
      if (labelX === undefined) continue;
      for (const l of noteLines) {
        const first = l.items[0]!;
        if (Math.abs(first.x - labelX) < 0.5) expect(/^\d+$/.test(first.str.trim()), `a note line without its number: "${l.items.map((i) => i.str).join('')}"`).toBe(true);
      }
    }
    expect(labels).toBe(notes.length);

    const docx = path.join(h.dir, `sach-${seed}.docx`);
    await publish.exportWord(publishContract.exportWord.input.parse({ bookId: book.id, path: docx }));
    const { value: html } = await mammoth.convertToHtml({ path: docx });
    const inWord = count(tokens(html.replace(/<[^>]+>/g, ' ')));
    expect(words.filter((w) => (inWord.get(w) ?? 0) !== 1), 'words not exactly once in Word').toEqual([]);
    const noteItems = [...html.matchAll(/<li id="footnote-\d+">([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    expect(noteItems).toHaveLength(notes.length);
    for (const item of noteItems) expect((item.match(/<p>/g) ?? []).length, item).toBe(1);
  });
});
