/**
 * Drafts in: Markdown with Pandoc footnotes and DOCX with real footnotes become chapters whose
 * footnotes survive into the exported PDF (read back with pdftotext).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManuscriptBook } from '../../../electron/core/manuscript/bookModel';
import { footnoteCount, NOTE_END, NOTE_START, paragraphTexts } from '../../../shared/manuscript/richDoc';
import { openHarness, type Harness } from './harness';

/** A footnote's text as it travels in a paragraph's plain text. */
const note = (text: string) => NOTE_START + text + NOTE_END;

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

const markdown = `# Vùng đất, con người

Huyện Tam Đường được thành lập năm 1948.[^1] Nhân dân đoàn kết.[^ghi-chu]

## Truyền thống

Đoạn *nghiêng* và **đậm**.

# Kháng chiến chống Pháp

Ngày 19-8-1945, nhân dân khởi nghĩa.[^3]

[^1]: Tỉnh ủy Lai Châu: *Nghị quyết số 05-NQ/TU*, tờ 3.
[^ghi-chu]: Lời kể của ông Nguyễn Văn A, ghi âm ngày 3-2-2020.
[^3]: Báo *Nhân Dân*, số 1520.
`;

async function makeDocx(): Promise<Uint8Array> {
  const doc = new Document({
    footnotes: {
      1: { children: [new Paragraph('Kho Lưu trữ Tỉnh ủy, Phông số 1, Hồ sơ số 45.')] },
      2: { children: [new Paragraph({ children: [new TextRun('Báo cáo số 12-BC/TU ngày 30-12-1958.')] })] },
    },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Thời kỳ khôi phục kinh tế', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun('Năm 1955, Đảng bộ lãnh đạo cải cách ruộng đất.'), new FootnoteReferenceRun(1)] }),
          new Paragraph({ text: 'Sản xuất nông nghiệp', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ children: [new TextRun('Sản lượng lúa tăng gấp đôi.'), new FootnoteReferenceRun(2)] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Drafts reach the service as files on disk (the CLI's path, the window's path or upload). */
let drafts = 0;
function draftFile(name: string, bytes: Uint8Array): string {
  const file = path.join(h.dir, `draft-${++drafts}`, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

describe('importing drafts', () => {
  it('splits a Markdown book at top-level headings, keeping Pandoc footnotes with their formatting', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách nhập' });
    const r = await h.call('importDraft', { bookId: book.id, fileName: 'ban-thao.md', path: draftFile('ban-thao.md', new TextEncoder().encode(markdown)), split: true });
    expect(r.nodes.map((n) => n.title)).toEqual(['Vùng đất, con người', 'Kháng chiến chống Pháp']);
    expect(r.footnotes).toBe(3);
    const first = await h.call('getChapter', { id: r.nodes[0]!.id });
    expect(paragraphTexts(first.doc)).toEqual([
      'Huyện Tam Đường được thành lập năm 1948.' + note('Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU, tờ 3.') + ' Nhân dân đoàn kết.' + note('Lời kể của ông Nguyễn Văn A, ghi âm ngày 3-2-2020.'),
      '§ Truyền thống',
      'Đoạn nghiêng và đậm.',
    ]);
    expect(JSON.stringify(first.doc)).toContain('{"type":"text","marks":[{"type":"italic"}],"text":"Nghị quyết số 05-NQ/TU"}');
    expect(r.nodes[0]!.outline).toEqual([{ level: 1, text: 'Truyền thống' }]);
    expect((await h.call('listRevisions', { nodeId: r.nodes[0]!.id }))[0]!.reason).toBe('import');
  });

  it('imports a DOCX with footnotes into one chapter titled by its first heading', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    const r = await h.call('importDraft', { bookId: book.id, fileName: 'chuong.docx', path: draftFile('chuong.docx', await makeDocx()), split: false });
    expect(r.nodes).toHaveLength(1);
    expect(r.nodes[0]!.title).toBe('Thời kỳ khôi phục kinh tế');
    const ch = await h.call('getChapter', { id: r.nodes[0]!.id });
    expect(footnoteCount(ch.doc)).toBe(2);
    expect(paragraphTexts(ch.doc)).toEqual([
      'Năm 1955, Đảng bộ lãnh đạo cải cách ruộng đất.' + note('Kho Lưu trữ Tỉnh ủy, Phông số 1, Hồ sơ số 45.'),
      '§ Sản xuất nông nghiệp',
      'Sản lượng lúa tăng gấp đôi.' + note('Báo cáo số 12-BC/TU ngày 30-12-1958.'),
    ]);
  });

  it('drops the numbers a draft typed into its titles, since the book numbers its divisions itself', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    const md = '# Chương I. Vùng đất, con người\n\n## I. Địa lý\n\nĐoạn.\n\n### 1. Sông ngòi\n\nĐoạn.\n\n# CHƯƠNG 2: KHÁNG CHIẾN\n\nĐoạn.\n\n# Chương trình hành động\n\nĐoạn.\n';
    const r = await h.call('importDraft', { bookId: book.id, fileName: 'ban-thao.md', path: draftFile('ban-thao.md', new TextEncoder().encode(md)), split: true });
    expect(r.nodes.map((n) => n.title)).toEqual(['Vùng đất, con người', 'KHÁNG CHIẾN', 'Chương trình hành động']);
    expect(r.nodes[0]!.outline.map((o) => o.text)).toEqual(['Địa lý', 'Sông ngòi']);
  });

  it('refuses a file it cannot read, in one sentence', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    await expect(h.call('importDraft', { bookId: book.id, fileName: 'x.pdf', path: draftFile('x.pdf', new Uint8Array([1])), split: false })).rejects.toThrow(/Markdown \(\.md\) hoặc Word \(\.docx\)/);
    await expect(h.call('importDraft', { bookId: book.id, fileName: 'x.docx', path: draftFile('x.docx', new Uint8Array([1, 2, 3])), split: false })).rejects.toThrow(/Không đọc được tệp Word/);
  });

  it('exports imported chapters with their footnotes and current citation text into the PDF', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Lịch sử Đảng bộ huyện Tam Đường' });
    await h.call('importDraft', { bookId: book.id, fileName: 'ban-thao.md', path: draftFile('ban-thao.md', new TextEncoder().encode(markdown)), split: true });
    const [docxChapter] = (await h.call('importDraft', { bookId: book.id, fileName: 'chuong.docx', path: draftFile('chuong.docx', await makeDocx()), split: false })).nodes;
    const docId = h.addDocument('Nghị quyết', { code: '07-NQ/TU', docType: 'Nghị quyết', issuer: 'Huyện ủy Tam Đường', date: { text: '1956', start: '1956', end: '1956' }, location: { repository: 'Kho Lưu trữ Huyện ủy', file: '12' } });
    const ch = await h.call('getChapter', { id: docxChapter!.id });
    const doc = structuredClone(ch.doc) as { content: { type: string; content?: unknown[] }[] };
    doc.content.push({ type: 'paragraph', content: [{ type: 'text', text: 'Hợp tác xã ra đời.' }, { type: 'footnote', content: [{ type: 'citation', attrs: { documentId: docId, pageSeq: 2, folio: '', text: 'cũ' } }] }] });
    await h.save({ id: ch.id, doc: doc as never });
    const deleted = await h.call('addChapter', { bookId: book.id, title: 'Chương đã xóa' });
    await h.change('deleteNode', { id: deleted.id });

    const model = loadManuscriptBook(h.session.require().db, book.id);
    expect(model.body.map((d) => d.title)).toEqual(['Vùng đất, con người', 'Kháng chiến chống Pháp', 'Thời kỳ khôi phục kinh tế']);
    const { typeset } = await import('../../../electron/core/publish/index');
    const pdf = await typeset(model);
    const file = path.join(h.dir, 'out.pdf');
    writeFileSync(file, pdf);
    // pdftotext puts a space where the font changes (italic → roman) before punctuation: fold it.
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ').replace(/ ([,.])/g, '$1');
    for (const note of [
      'Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU, tờ 3.',
      'Lời kể của ông Nguyễn Văn A, ghi âm ngày 3-2-2020.',
      'Báo Nhân Dân, số 1520.',
      'Kho Lưu trữ Tỉnh ủy, Phông số 1, Hồ sơ số 45.',
      'Báo cáo số 12-BC/TU ngày 30-12-1958.',
      'Huyện ủy Tam Đường: Nghị quyết số 07-NQ/TU năm 1956, lưu tại Kho Lưu trữ Huyện ủy, Hồ sơ số 12, tr. 2.',
    ]) {
      expect(text).toContain(note);
    }
    expect(text).not.toContain('Chương đã xóa');
  });
});
