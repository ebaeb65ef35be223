/**
 * Word files for reviewers: a project book exported to .docx, read back with mammoth (a real DOCX
 * reader) — generated numbering as Word headings, real footnotes, tables, cross-references — and
 * brought back in through the draft importer without losing a footnote.
 */
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublishService } from '../../../electron/core/publish/publishService';
import { publishContract } from '../../../shared/api/publish';
import { footnoteCount } from '../../../shared/manuscript/richDoc';
import { openHarness, para, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

const heading = (level: number, text: string, id: string) => ({ type: 'heading', attrs: { level, id }, content: [{ type: 'text', text }] });
const cell = (type: string, text: string) => ({ type, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

async function exportWord(input: unknown): Promise<{ fileName: string; path: string; html: string }> {
  const publish = createPublishService(h.session);
  const file = await publish.exportWord(publishContract.exportWord.input.parse(input));
  const { value } = await mammoth.convertToHtml({ path: publish.exportFile(file.exportId).path });
  return { fileName: file.fileName, path: publish.exportFile(file.exportId).path, html: value };
}

async function makeBook() {
  const book = await h.call('createBook', { kind: 'history', title: 'Lịch sử Đảng bộ xã Bình Lư' });
  const preface = await h.call('addNode', { bookId: book.id, kind: 'front', role: 'preface' });
  const part = await h.call('addNode', { bookId: book.id, kind: 'part', title: 'Kháng chiến' });
  const first = await h.call('addNode', { bookId: book.id, kind: 'chapter', parentId: part.id, title: 'Vùng đất, con người' });
  const second = await h.call('addNode', { bookId: book.id, kind: 'chapter', parentId: part.id, title: 'Kháng chiến chống Pháp' });
  await h.save({ id: preface.id, doc: { type: 'doc', content: [para('Cuốn sách ghi lại chặng đường vẻ vang.')] } });
  await h.save({
    id: first.id,
    doc: {
      type: 'doc',
      content: [
        heading(2, 'Địa lý', 'h-dia-ly'),
        para('Xã Bình Lư nằm ở phía bắc huyện Tam Đường.', 'Địa chí huyện Tam Đường, tr. 12.'),
        heading(3, 'Sông ngòi', 'h-song'),
        para('Sông Nậm Na chảy qua xã.', 'Báo cáo số 12-BC/ĐU ngày 3-2-1961.'),
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('tableHeader', 'Năm'), cell('tableHeader', 'Số hộ')] },
            { type: 'tableRow', content: [cell('tableCell', '1960'), cell('tableCell', 'Một trăm hai mươi')] },
          ],
        },
      ],
    },
  });
  await h.save({
    id: second.id,
    doc: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Như đã nói ở mục ' }, { type: 'crossRef', attrs: { targetId: 'h-dia-ly', show: 'full', label: '' } }, { type: 'text', text: ', đất rộng.' }] },
        para('Năm 1947, du kích xã chặn đánh địch.', 'Lời kể của ông Lò Văn Hặc, ghi âm ngày 3-2-2020.'),
      ],
    },
  });
  return { book, first, second };
}

describe('the book as a Word file', () => {
  it('has the generated numbering as headings, Word footnotes, tables and cross-references, in NFC', async () => {
    const { book } = await makeBook();
    const word = await exportWord({ bookId: book.id });
    expect(word.fileName).toBe('Lịch sử Đảng bộ xã Bình Lư.docx');
    const html = word.html;
    expect(html).toBe(html.normalize('NFC'));
    // Headings in reading order, numbered as the book numbers them.
    const headings = [...html.matchAll(/<h(\d)>(.*?)<\/h\1>/g)].map((m) => `${m[1]} ${m[2]!.replace(/<[^>]+>/g, '')}`);
    expect(headings).toEqual(['1 Lời nói đầu', '1 Kháng chiến', '1 Vùng đất, con người', '2 I. Địa lý', '3 1. Sông ngòi', '1 Kháng chiến chống Pháp']);
    for (const s of ['Phần thứ nhất', 'CHƯƠNG I', 'CHƯƠNG II', 'Một trăm hai mươi', 'Như đã nói ở mục I. Địa lý, đất rộng.']) expect(html.replace(/<[^>]+>/g, '')).toContain(s);
    // Real footnotes, each with its text.
    const notes = [...html.matchAll(/<li id="footnote-(\d+)">(.*?)<\/li>/g)].map((m) => m[2]!.replace(/<[^>]+>/g, '').replace(/\s*↑\s*$/, '').trim());
    expect(notes).toEqual(['Địa chí huyện Tam Đường, tr. 12.', 'Báo cáo số 12-BC/ĐU ngày 3-2-1961.', 'Lời kể của ông Lò Văn Hặc, ghi âm ngày 3-2-2020.']);
  });

  it('comes back in through the draft importer with every chapter and footnote', async () => {
    const { book } = await makeBook();
    const word = await exportWord({ bookId: book.id });
    const again = await h.call('createBook', { kind: 'history', title: 'Bản nhận lại từ thẩm định' });
    const r = await h.call('importDraft', { bookId: again.id, fileName: 'tham-dinh.docx', path: word.path, split: true });
    expect(r.footnotes).toBe(3);
    const titles = r.nodes.map((n) => n.title);
    expect(titles).toEqual(expect.arrayContaining(['Vùng đất, con người', 'Kháng chiến chống Pháp']));
    const chapter = r.nodes.find((n) => n.title === 'Vùng đất, con người')!;
    const doc = (await h.call('getChapter', { id: chapter.id })).doc;
    expect(footnoteCount(doc)).toBe(2);
    // The typed section numbers are dropped again on the way in: the book generates them.
    expect(chapter.outline.map((o) => o.text)).toEqual(['Địa lý', 'Sông ngòi']);
  });

  it('exports a proof of one chapter only, named for it', async () => {
    const { book, second } = await makeBook();
    const word = await exportWord({ bookId: book.id, nodeId: second.id });
    expect(word.fileName).toBe('Lịch sử Đảng bộ xã Bình Lư – Chương II Kháng chiến chống Pháp (bản in thử).docx');
    const text = word.html.replace(/<[^>]+>/g, ' ');
    expect(text).toContain('CHƯƠNG II');
    expect(text).toContain('Năm 1947, du kích xã chặn đánh địch.');
    // The cross-reference to a chapter the proof does not hold reads as in the whole book.
    expect(text).toContain('I. Địa lý');
    expect(text).not.toContain('Xã Bình Lư nằm');
    expect(text).not.toContain('Lời nói đầu');
  });
});
