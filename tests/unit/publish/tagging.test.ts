/**
 * Tagged PDF: a book's pages carry a structure tree a screen reader follows — the chapter title
 * as one H1 (label and title together), sections as H2, paragraphs as P (one element even across
 * a page break), footnotes as Note, a figure with its caption as alternative text — while running
 * heads, folios and rules are artifacts. Read back with pdf.js (getStructTree, marked content).
 */
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../../../shared/book/model';
import { loadWorld, typeset } from '../../../electron/core/publish/index';
import { drawPdf } from '../../../electron/core/publish/draw';
import { createShaper } from '../../../electron/core/publish/measure';
import type { Page } from '../../../electron/core/publish/ir';
import { generateBook, tempFile } from './fixtures';

interface Node {
  role?: string;
  alt?: string;
  children?: (Node | { type: 'content'; id: string })[];
}

interface Tagged {
  /** Roles of the structure elements on each page, depth first, with their marked-content ids. */
  trees: Node[];
  /** Per page: each text item with the marked content it is in ('' outside any, 'Artifact'). */
  items: { str: string; in: string }[][];
}

async function readBack(pdf: Uint8Array): Promise<Tagged> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: pdf.slice(), disableFontFace: true, verbosity: 0 }).promise;
  const trees: Node[] = [];
  const items: { str: string; in: string }[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    trees.push((await page.getStructTree()) as Node);
    const tc = await page.getTextContent({ includeMarkedContent: true });
    const stack: string[] = [];
    const list: { str: string; in: string }[] = [];
    for (const it of tc.items as ({ type?: string; tag?: string; id?: string; str?: string })[]) {
      if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent') stack.push(it.tag === 'Artifact' ? 'Artifact' : (it.id ?? it.tag ?? ''));
      else if (it.type === 'endMarkedContent') stack.pop();
      else if (it.str !== undefined && it.str.trim()) list.push({ str: it.str, in: stack[stack.length - 1] ?? '' });
    }
    items.push(list);
  }
  await doc.destroy();
  return { trees, items };
}

/** Elements of a page's tree: role, alt, and the marked-content ids directly inside. */
function elements(tree: Node): { role: string; alt?: string; ids: string[] }[] {
  const out: { role: string; alt?: string; ids: string[] }[] = [];
  const walk = (n: Node) => {
    if (n.role && n.role !== 'Root' && n.role !== 'Document')
      out.push({ role: n.role, alt: n.alt, ids: (n.children ?? []).filter((c): c is { type: 'content'; id: string } => 'type' in c && c.type === 'content').map((c) => c.id) });
    for (const c of n.children ?? []) if (!('type' in c)) walk(c);
  };
  walk(tree);
  return out;
}

let pdf: Uint8Array;
let tagged: Tagged;
let book: Book;

beforeAll(async () => {
  const png = new Uint8Array(await sharp({ create: { width: 60, height: 40, channels: 3, background: '#c33' } }).png().toBuffer());
  const base = generateBook({ chapters: 1, sectionsPerChapter: 2, parasPerSection: 4, words: 90, footnoteRate: 0.5, markCalls: true });
  const ch = base.body[0]!;
  if (ch.kind === 'chapter') ch.blocks.splice(3, 0, { kind: 'figure', image: { data: png, format: 'png', width: 60, height: 40 }, caption: [{ kind: 'text', text: 'Ảnh 1. Trụ sở Đảng ủy xã' }] });
  book = { ...base, setup: { bleed: 3, cropMarks: true } };
  pdf = await typeset(book, await loadWorld({ families: ['liberation-serif'] }));
  tagged = await readBack(pdf);
});

describe('tagged PDF', () => {
  it('is marked as tagged, with a structure tree and the language', () => {
    const info = execFileSync('pdfinfo', [tempFile('tagged.pdf', pdf)], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toMatch(/\/ParentTree/);
    expect(raw).toMatch(/\/Lang \(vi\)/);
  });

  it('tags the chapter title as one H1, sections as H2, paragraphs as P and footnotes as Note', () => {
    const opening = tagged.items.findIndex((p) => p.some((i) => /^CHƯƠNG I$/.test(i.str.trim())));
    expect(opening).toBeGreaterThan(0);
    const els = elements(tagged.trees[opening]!);
    const byId = new Map(els.flatMap((e) => e.ids.map((id) => [id, e] as const)));
    const items = tagged.items[opening]!;
    const label = items.find((i) => i.str.trim() === 'CHƯƠNG I')!;
    expect(byId.get(label.in)?.role).toBe('H1');
    // The title's lines belong to the same H1 as the label.
    const title = (book.body[0]!.kind === 'chapter' ? book.body[0]!.title : '').toLocaleUpperCase('vi').split(' ')[0]!;
    const titleItem = items.find((i) => i.str.trim().startsWith(title))!;
    expect(titleItem).toBeDefined();
    expect(byId.get(titleItem.in)).toBe(byId.get(label.in));
    expect(els.filter((e) => e.role === 'H1')).toHaveLength(1);
    expect(els.some((e) => e.role === 'H2')).toBe(true);
    expect(els.filter((e) => e.role === 'P').length).toBeGreaterThan(1);
    // Footnote text ("Ghi chú N. …") is in Note elements.
    const notes = tagged.items.flatMap((p, k) => p.filter((i) => /^Ghi chú \d+\./.test(i.str.trim())).map((i) => ({ k, i })));
    expect(notes.length).toBeGreaterThan(0);
    for (const { k, i } of notes) {
      const el = new Map(elements(tagged.trees[k]!).flatMap((e) => e.ids.map((id) => [id, e] as const))).get(i.in);
      expect(el?.role).toBe('Note');
    }
  });

  it('gives the figure its caption as alternative text, and the caption its own element', () => {
    const page = tagged.trees.findIndex((t) => elements(t).some((e) => e.role === 'Figure'));
    expect(page).toBeGreaterThanOrEqual(0);
    const els = elements(tagged.trees[page]!);
    expect(els.find((e) => e.role === 'Figure')!.alt).toBe('Ảnh 1. Trụ sở Đảng ủy xã');
    expect(els.some((e) => e.role === 'Caption')).toBe(true);
  });

  it('leaves running heads and folios out of the structure, as artifacts; all body text is inside it', () => {
    const heads = new Set([book.title, ...book.body.map((c) => (c.kind === 'chapter' ? c.title : '')), ...book.back.map((c) => c.title)]);
    const artifacts: string[] = [];
    for (const i of tagged.items.flat()) {
      // Nothing is drawn outside marked content.
      expect(i.in).not.toBe('');
      if (i.in === 'Artifact') artifacts.push(i.str.trim());
    }
    // The artifacts are folios and running heads, and there are some of each.
    expect(artifacts.filter((a) => !/^(\d+|[ivxlc]+)$/.test(a) && !heads.has(a))).toEqual([]);
    expect(artifacts.filter((a) => /^\d+$/.test(a)).length).toBeGreaterThan(2);
    expect(artifacts.filter((a) => heads.has(a)).length).toBeGreaterThan(1);
  });

  it('keeps a paragraph that runs over a page one element, on both pages', () => {
    // An element with content on two pages appears in both pages' trees; pdf.js gives it the
    // same structure — look for a P whose last line on one page is not the end of a sentence.
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/Type\s*\/MCR\s*\/Pg \d+ 0 R\s*\/MCID \d+/);
  });

  it('leaves a document drawn without structure (the catalogue) untagged, with no marked content', async () => {
    const world = await loadWorld({ families: ['liberation-serif'] });
    const shaper = createShaper(world);
    const face = shaper.face('liberation-serif');
    const line = { width: 200, align: 'left' as const, last: true, parts: [shaper.box('Mục lục hồ sơ', face, 11)], ratio: 0 };
    shaper.resolve();
    const page: Page = { index: 0, folio: '', label: '', draws: [{ d: 'text', x: 50, y: 100, line }], anchors: [], marks: [], calls: [], noteStarts: [] };
    const plain = await drawPdf({ pages: [page], pageWidth: 300, pageHeight: 400, faces: shaper.faces, outline: [], firstArabic: 0, meta: { title: 't', language: 'vi', date: world.date, producer: 'p' } });
    const read = await readBack(plain);
    expect(read.items[0]!.map((i) => i.in)).toEqual(['']);
    expect(Buffer.from(plain).toString('latin1')).not.toMatch(/\/MarkInfo|\/StructTreeRoot/);
  });
});
