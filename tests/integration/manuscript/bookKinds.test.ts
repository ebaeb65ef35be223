/**
 * The two book kinds besides narrative history, written in the app and exported:
 * - a chronicle (biên niên sự kiện): paragraphs typed "Ngày 19-8-1945, …" become entries whose
 *   date leads print in bold (pdf.js font names) with the text run on (pdftotext);
 * - a document collection (văn kiện): a reproduced archived document prints with its header block,
 *   title and source note taken from the archival description as it reads at export.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManuscriptBook } from '../../../electron/core/manuscript/bookModel';
import { readPdf } from '../../unit/publish/pdfjs';
import { openHarness, para, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

describe('a chronicle written in the app', () => {
  it('prints its dated paragraphs as entries with bold date leads', async () => {
    const book = await h.call('createBook', { kind: 'chronicle', title: 'Biên niên sự kiện xã Bình Lư' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Thời kỳ 1945–1954' });
    await h.save({
      id: ch.id,
      doc: {
        type: 'doc',
        content: [
          para('Giai đoạn này mở đầu bằng Cách mạng Tháng Tám.'),
          para('Ngày 19-8-1945, nhân dân xã khởi nghĩa giành chính quyền.', 'Báo cáo của Huyện ủy năm 1946.'),
          para('Cuối tháng 3-1946: bầu cử Hội đồng nhân dân xã.'),
          { type: 'paragraph', content: [{ type: 'text', text: 'Mùa xuân 1947', marks: [{ type: 'bold' }] }, { type: 'text', text: ', du kích chặn đánh địch ở bản Giang.' }] },
        ],
      } as never,
    });
    const model = loadManuscriptBook(h.session.require().db, book.id);
    const blocks = model.body[0]!.kind === 'chapter' ? model.body[0]!.blocks : [];
    // Year headings are generated from the dates (orderChronicle).
    const heading = (b: (typeof blocks)[number]) => (b.kind === 'heading' ? `# ${b.runs.map((r) => (r.kind === 'text' ? r.text : '')).join('')}` : b.kind);
    expect(blocks.map((b) => (b.kind === 'chronicle-entry' ? `entry ${b.dateLabel}` : heading(b)))).toEqual([
      'paragraph',
      '# Năm 1945',
      'entry Ngày 19-8-1945,',
      '# Năm 1946',
      'entry Cuối tháng 3-1946:',
      '# Năm 1947',
      'entry Mùa xuân 1947,',
    ]);

    const { typeset } = await import('../../../electron/core/publish/index');
    const file = path.join(h.dir, 'bien-nien.pdf');
    writeFileSync(file, await typeset(model));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const s of ['Ngày 19-8-1945, nhân dân xã khởi nghĩa', 'Cuối tháng 3-1946: bầu cử', 'Mùa xuân 1947, du kích', 'Báo cáo của Huyện ủy năm 1946.']) expect(text).toContain(s);
    const pdf = await readPdf(file);
    const items = pdf.pages.flatMap((p) => p.items);
    const fontOf = (s: string) => items.find((it) => it.str.includes(s))?.font ?? '';
    expect(fontOf('19-8-1945')).toMatch(/Bold/);
    expect(fontOf('3-1946')).toMatch(/Bold/);
    expect(fontOf('nhân dân xã khởi nghĩa')).not.toMatch(/Bold/);
  });
});

describe('a document collection written in the app', () => {
  it('prints a reproduced document with its header, title and source note from the archive, as the metadata reads now', async () => {
    const docId = h.addDocument('Nghị quyết về xây dựng Đảng', {
      code: '05-NQ/TU',
      docType: 'Nghị quyết',
      issuer: 'Tỉnh ủy Lai Châu',
      place: 'Lai Châu',
      date: { text: 'ngày 3 tháng 2 năm 1961', start: '1961-02-03', end: '1961-02-03' },
      abstract: 'Về công tác xây dựng Đảng năm 1961',
      location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', fond: '1', file: '45' },
    });
    const book = await h.call('createBook', { kind: 'documents', title: 'Văn kiện Đảng bộ tỉnh Lai Châu' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Văn kiện năm 1961' });
    await h.save({
      id: ch.id,
      doc: { type: 'doc', content: [{ type: 'archivalDocument', attrs: { documentId: docId, label: '05-NQ/TU · Nghị quyết' }, content: [para('Hội nghị Tỉnh ủy đã thảo luận và quyết nghị.')] }] } as never,
    });
    // The archivist corrects the description after the chapter was written: the book follows.
    h.session.require().db.prepare("UPDATE documents SET metadata = json_set(metadata, '$.issuer', 'Ban Thường vụ Tỉnh ủy Lai Châu') WHERE id = ?").run(docId);
    const model = loadManuscriptBook(h.session.require().db, book.id);
    const item = model.body[0]!.kind === 'chapter' ? model.body[0]!.blocks[0]! : null;
    expect(item).toMatchObject({
      kind: 'document-item',
      header: { issuer: ['Ban Thường vụ Tỉnh ủy Lai Châu'], number: 'Số 05-NQ/TU', placeDate: 'Lai Châu, ngày 3 tháng 2 năm 1961' },
      // The full title: type and abstract (the table of contents lists it).
      title: 'Nghị quyết về công tác xây dựng Đảng năm 1961',
    });

    const { typeset } = await import('../../../electron/core/publish/index');
    const file = path.join(h.dir, 'van-kien.pdf');
    writeFileSync(file, await typeset(model));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    // A Party document of 1961 is headed with the Party's name of the time.
    expect(text).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    for (const s of ['BAN THƯỜNG VỤ TỈNH ỦY LAI CHÂU', 'Số 05-NQ/TU', 'ĐẢNG LAO ĐỘNG VIỆT NAM', 'Lai Châu, ngày 3 tháng 2 năm 1961', 'NGHỊ QUYẾT VỀ CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 1961', 'Hội nghị Tỉnh ủy đã thảo luận và quyết nghị.', 'Nguồn: Ban Thường vụ Tỉnh ủy Lai Châu', 'Kho Lưu trữ Tỉnh ủy Lai Châu'])
      expect(text).toContain(s);
  });
});
