import { beforeAll, describe, expect, it } from 'vitest';
import type { ChronicleEntry, DocumentItem } from '../../../shared/book/model';
import { loadWorld, typeset, type TypesetWorld } from '../../../electron/core/publish/index';
import { generateChronicle, generateDocuments, pageCount, pageText, tempFile } from './fixtures';
import { readPdf } from './pdfjs';

let world: TypesetWorld;
beforeAll(async () => {
  world = await loadWorld();
});

describe('a chronicle (biên niên sự kiện)', () => {
  it('sets every date lead in bold, run into its entry, in date order', async () => {
    const book = generateChronicle();
    const file = tempFile('chronicle.pdf', await typeset(book, world));
    const pdf = await readPdf(file);
    const entries = book.body.flatMap((d) => (d.kind === 'chapter' ? d.blocks.filter((b): b is ChronicleEntry => b.kind === 'chronicle-entry') : []));
    const labels = entries.map((e) => (/[.:]$/.test(e.dateLabel) ? e.dateLabel : e.dateLabel + '.'));
    // Bold text items that are date leads, in reading order.
    const datePattern = /^(Ngày|Tháng|Cuối năm)\s/;
    const bold = pdf.pages.flatMap((p) => p.items.filter((it) => datePattern.test(it.str.trim()) && /Bold/.test(it.font)).map((it) => it.str.trim()));
    expect(bold).toEqual(labels);
    // Nothing else that looks like a date lead is set in a regular face.
    const regular = pdf.pages.flatMap((p) => p.items.filter((it) => labels.includes(it.str.trim()) && !/Bold/.test(it.font)));
    expect(regular).toHaveLength(0);
    // The printed order is the chronological order of the entries' sort keys.
    const keys = entries.map((e) => e.sortKey!);
    expect(keys).toEqual([...keys].sort());
    // Run in: the entry text continues on the same line as its date lead.
    const text = Array.from({ length: pageCount(file) }, (_, i) => pageText(file, i + 1)).join('\n');
    for (const e of entries.slice(0, 5)) {
      const first = (e.body[0] as { text: string }).text.split(' ').slice(0, 2).join(' ');
      expect(text).toContain(`${labels[entries.indexOf(e)]} ${first}`);
    }
    // Year headings are printed in capitals.
    expect(text).toContain('NĂM 1930');
    expect(text).toContain('NĂM 1946');
  });
});

describe('a document collection (văn kiện)', () => {
  it('reproduces each header block, then the title in capitals, the body, the signature and the source note', async () => {
    const book = generateDocuments();
    const file = tempFile('documents.pdf', await typeset(book, world));
    const text = Array.from({ length: pageCount(file) }, (_, i) => pageText(file, i + 1))
      .join('\n')
      .replace(/\s+/g, ' ');
    const docs = book.body.flatMap((d) => (d.kind === 'chapter' ? d.blocks.filter((b): b is DocumentItem => b.kind === 'document-item') : []));
    let at = 0;
    for (const d of docs) {
      const steps = [
        d.header.issuer[1]!.toLocaleUpperCase('vi'),
        d.header.number!,
        d.title.toLocaleUpperCase('vi').split(' ').slice(0, 4).join(' '),
        d.signature![2]!,
        (d.sourceNote![0] as { text: string }).text.split(' ').slice(0, 8).join(' '),
      ];
      for (const s of steps) {
        const found = text.indexOf(s, at);
        expect(found, `"${s}" after position ${at}`).toBeGreaterThanOrEqual(at);
        at = found + s.length;
      }
    }
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
  });
});

describe('typefaces', () => {
  it('sets a book in Noto Serif when asked, and embeds only that family', async () => {
    const book = generateDocuments();
    book.setup = { fontFamily: 'noto-serif', trim: '160x240' };
    const file = tempFile('noto.pdf', await typeset(book, world));
    const pdf = await readPdf(file);
    const fonts = new Set(pdf.pages.flatMap((p) => p.items.filter((i) => i.str.trim()).map((i) => i.font.replace(/^[A-Z]{6}\+/, ''))));
    expect([...fonts].every((f) => f.startsWith('NotoSerif'))).toBe(true);
    expect(fonts.has('NotoSerif-Bold')).toBe(true);
  });
});
