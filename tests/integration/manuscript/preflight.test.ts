/**
 * Kiểm tra trước khi in: a small real book (SQLite project, archived documents, saved chapters)
 * holding one of each problem; the check names each one with its chapter and a passage that can
 * be found in the chapter's block, and a clean book gives none.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublishService } from '../../../electron/core/publish/publishService';
import type { PreflightFinding } from '../../../shared/api/publish';
import { publishContract } from '../../../shared/api/publish';
import { openHarness, para, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

async function preflight(input: unknown): Promise<PreflightFinding[]> {
  return (await createPublishService(h.session).preflight(publishContract.preflight.input.parse(input))).findings;
}

const text = (t: string, bold = false) => ({ type: 'text', text: t, ...(bold ? { marks: [{ type: 'bold' }] } : {}) });
const cite = (documentId: number, t = 'Tỉnh ủy: Báo cáo.') => ({ type: 'citation', attrs: { documentId, pageId: null, pageSeq: null, folio: '', text: t } });
/** A footnote as the editor stores it: its inline content directly. */
const note = (...content: unknown[]) => ({ type: 'footnote', content });
const doc = (...content: unknown[]) => ({ type: 'doc', content }) as never;

/** The text runs of a block joined, footnotes left out: where a passage must be found. */
function flat(node: { type: string; text?: string; content?: unknown[] }): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'footnote') return '';
  return (node.content ?? []).map((c) => flat(c as never)).join('');
}

const complete = { issuer: 'Tỉnh ủy Lai Châu', docType: 'Nghị quyết', code: '05-NQ/TU', date: { text: 'Ngày 3-2-1961', start: '1961-02-03', end: '1961-02-03' } };

describe('preflight before printing', () => {
  it('finds each problem of a chronicle and names its chapter and passage', async () => {
    const good = h.addDocument('Nghị quyết về xây dựng Đảng', complete);
    const secret = h.addDocument('Báo cáo tình hình an ninh', { ...complete, code: '12-BC/TU', secrecy: 'Tối mật' });
    const bare = h.addDocument('Thư gửi đồng bào', {});
    const gone = h.addDocument('Tài liệu sẽ bị xóa', complete);
    const secretPage = (h.session.require().db.prepare('SELECT id FROM pages WHERE document_id = ? AND seq = 1').get(secret) as { id: number }).id;

    const book = await h.call('createBook', { kind: 'chronicle', title: 'Biên niên sự kiện' });
    const first = await h.call('addChapter', { bookId: book.id, title: 'Năm 1950' });
    const second = await h.call('addChapter', { bookId: book.id, title: 'Năm 1951' });
    const empty = await h.call('addChapter', { bookId: book.id, title: 'Năm 1952' });
    const firstDoc = doc(
      { type: 'heading', attrs: { level: 2, id: 'h-quy-1' }, content: [text('Quý I')] },
      // 0: heading; 1: an impossible date with a source
      { type: 'paragraph', content: [text('Ngày 30-2-1950', true), text(', Tỉnh ủy họp bàn kế hoạch chống càn.'), note(cite(good))] },
      // 2: a readable entry without any source
      { type: 'paragraph', content: [text('Tháng 3-1950: quân dân huyện đánh địch ở đồn Bình Lư.')] },
      // 3: an entry whose source is the next paragraph
      { type: 'paragraph', content: [text('Ngày 19-5-1950, mít tinh mừng sinh nhật Bác.')] },
      para('Nguồn: Báo cáo năm 1950 của Tỉnh ủy.'),
      // 5: an entry citing a deleted document, a secret one and one without metadata
      { type: 'paragraph', content: [text('Ngày 2-9-1950, các xã tổ chức lễ kỷ niệm Quốc khánh'), cite(gone), text(' và báo cáo tình hình'), cite(secret), text(' cùng thư'), cite(bare), text('.')] },
      // 6: a figure from a secret document; 7: a reproduction with no text
      { type: 'figure', attrs: { documentId: secret, pageId: secretPage, pageSeq: 1 }, content: [text('Trang đầu báo cáo')] },
      { type: 'archivalDocument', attrs: { documentId: good, label: '05-NQ/TU · Nghị quyết' }, content: [{ type: 'paragraph' }] },
      // 8: a cross-reference to a heading that is gone, one to a chapter that exists
      {
        type: 'paragraph',
        content: [text('Xem thêm '), { type: 'crossRef', attrs: { targetId: 'h-da-xoa', show: 'full', label: 'Mục đã xóa' } }, text(' và '), { type: 'crossRef', attrs: { targetId: `node-${second.id}`, show: 'full', label: 'Chương II' } }, text('.')],
      },
    );
    await h.save({ id: first.id, doc: firstDoc });
    await h.save({
      id: second.id,
      doc: doc(
        { type: 'paragraph', content: [text('Ngày 12 tháng 13 năm 1951, bầu Ban Chấp hành'), note(text('Biên bản đại hội.'))] },
        { type: 'paragraph', content: [text('Tham khảo '), { type: 'crossRef', attrs: { targetId: 'h-quy-1', show: 'title', label: 'Quý I' } }, text('.')] },
      ),
    });
    // The deleted document: the archive deletes its row (pages go with it).
    h.session.require().db.prepare('DELETE FROM documents WHERE id = ?').run(gone);

    const findings = await preflight({ bookId: book.id });
    const summary = findings.map((f) => [f.kind, f.nodeId, f.blockIndex, f.passage]);
    expect(summary).toEqual([
      ['unreadable-date', first.id, 1, 'Ngày 30-2-1950, Tỉnh ủy họp bàn kế hoạch chống'],
      ['entry-without-source', first.id, 2, 'Tháng 3-1950: quân dân huyện đánh địch ở đồn'],
      ['missing-document', first.id, 5, 'lễ kỷ niệm Quốc khánh và báo cáo tình hình'],
      ['secret-document', first.id, 5, 'niệm Quốc khánh và báo cáo tình hình cùng thư.'],
      ['incomplete-citation', first.id, 5, 'niệm Quốc khánh và báo cáo tình hình cùng thư.'],
      ['secret-document', first.id, 6, 'Trang đầu báo cáo'],
      ['empty-reproduction', first.id, 7, ''],
      ['unresolved-crossref', first.id, 8, 'Xem thêm và .'],
      ['unreadable-date', second.id, 0, 'Ngày 12 tháng 13 năm 1951, bầu Ban Chấp hành'],
      ['empty-chapter', empty.id, undefined, ''],
    ]);
    // Every finding names its chapter as the book numbers it, and says what is wrong.
    expect(findings[0]).toMatchObject({ chapterLabel: 'Chương I', chapterTitle: 'Năm 1950' });
    expect(findings[8]).toMatchObject({ chapterLabel: 'Chương II', chapterTitle: 'Năm 1951' });
    expect(findings[0]!.message).toContain('«Ngày 30-2-1950»');
    expect(findings[2]).toMatchObject({ documentId: gone });
    expect(findings[3]!.message).toContain('«Tối mật»');
    expect(findings[4]!.message).toMatch(/«Thư gửi đồng bào».*thiếu cơ quan ban hành, ngày tháng/);
    expect(findings[7]!.message).toContain('«Mục đã xóa»');
    // Each passage can be found in its block as the editor shows it.
    const blocks = (firstDoc as { content: { type: string }[] }).content;
    for (const f of findings.filter((x) => x.nodeId === first.id && x.passage)) expect(flat(blocks[f.blockIndex!]!).replace(/\s+/g, " ")).toContain(f.passage);

    // A proof of one chapter checks that chapter only.
    const proof = await preflight({ bookId: book.id, nodeId: second.id });
    expect(proof.map((f) => f.kind)).toEqual(['unreadable-date']);
  });

  it('finds nothing in a clean book, and also checks history books (no chronicle rules)', async () => {
    const good = h.addDocument('Nghị quyết về xây dựng Đảng', complete);
    const chronicle = await h.call('createBook', { kind: 'chronicle', title: 'Biên niên' });
    const ch = await h.call('addChapter', { bookId: chronicle.id, title: 'Năm 1945' });
    await h.save({
      id: ch.id,
      doc: doc(
        { type: 'heading', attrs: { level: 2, id: 'h-thang-8' }, content: [text('Tháng Tám')] },
        { type: 'paragraph', content: [text('Ngày 19-8-1945.', true), text(' Khởi nghĩa giành chính quyền ở tỉnh lỵ.'), note(cite(good))] },
        { type: 'paragraph', content: [text('Cuối năm 1945, tổ chức bầu cử'), cite(good), text('.')] },
        { type: 'paragraph', content: [text('Từ ngày 11 đến 19-2-1946: lớp huấn luyện cán bộ (Nguồn: Báo cáo của Tỉnh ủy).')] },
        { type: 'paragraph', content: [text('Xem '), { type: 'crossRef', attrs: { targetId: 'h-thang-8', show: 'title', label: 'Tháng Tám' } }, text('.')] },
        { type: 'archivalDocument', attrs: { documentId: good, label: 'Nghị quyết' }, content: [para('Điều 1. Nội dung.')] },
      ),
    });
    expect(await preflight({ bookId: chronicle.id })).toEqual([]);

    const history = await h.call('createBook', { kind: 'history', title: 'Lịch sử' });
    const hc = await h.call('addChapter', { bookId: history.id, title: 'Vùng đất' });
    await h.save({ id: hc.id, doc: doc(para('Ngày 30-2-1950 là một ngày không có thật, nhưng đây không phải biên niên.')) });
    expect(await preflight({ bookId: history.id })).toEqual([]);
    await expect(preflight({ bookId: 999 })).rejects.toThrow('Không có sách số 999.');
  });
});
