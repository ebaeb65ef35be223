import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

const para = (...texts: string[]) => ({ type: 'doc' as const, content: texts.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })) });

describe('revisions of a chapter', () => {
  it('keeps the first save as a revision, then one per interval, and named ones on demand', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Chương' });
    const first = await h.save({ id: ch.id, doc: para('Bản đầu.') });
    expect(first.revisionId).not.toBeNull();
    const second = await h.save({ id: ch.id, doc: para('Bản đầu, sửa ngay.') });
    expect(second.revisionId).toBeNull();
    const named = await h.call('saveRevision', { id: ch.id, note: 'Gửi thẩm định lần 1' });
    const list = await h.call('listRevisions', { nodeId: ch.id });
    expect(list.map((r) => r.reason)).toEqual(['manual', 'autosave']);
    expect(list[0]).toMatchObject({ id: named.id, note: 'Gửi thẩm định lần 1', words: 4 });
  });

  it('compares two revisions word by word and restores the older one, keeping the newer', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Chương' });
    await h.save({ id: ch.id, doc: para('Ngày 19-8-1945, nhân dân khởi nghĩa giành chính quyền.', 'Đoạn sẽ bị xóa.') });
    const older = await h.call('saveRevision', { id: ch.id, note: 'cũ' });
    await h.save({ id: ch.id, doc: para('Ngày 19-8-1945, nhân dân huyện khởi nghĩa thắng lợi.', 'Đoạn mới thêm vào.') });
    const newer = await h.call('saveRevision', { id: ch.id, note: 'mới' });

    const cmp = await h.call('compareRevisions', { nodeId: ch.id, from: older.id, to: newer.id });
    expect(cmp.summary).toEqual({ added: 1, removed: 1, changed: 1 });
    const changed = cmp.paragraphs.find((p) => p.kind === 'changed');
    expect(changed && changed.kind === 'changed' && changed.words.filter((w) => w.op !== 'same').map((w) => `${w.op}:${w.text}`)).toEqual([
      'add:huyện ',
      'del:giành chính quyền.',
      'add:thắng lợi.',
    ]);

    const restored = await h.call('restoreRevision', { id: older.id });
    expect(restored.doc).toEqual(para('Ngày 19-8-1945, nhân dân khởi nghĩa giành chính quyền.', 'Đoạn sẽ bị xóa.'));
    const list = await h.call('listRevisions', { nodeId: ch.id });
    expect(list.slice(0, 2).map((r) => r.reason)).toEqual(['restore', 'before-restore']);
    const kept = await h.call('getRevision', { id: list[1]!.id });
    expect(kept.doc).toEqual(para('Ngày 19-8-1945, nhân dân huyện khởi nghĩa thắng lợi.', 'Đoạn mới thêm vào.'));
    const vsCurrent = await h.call('compareRevisions', { nodeId: ch.id, from: older.id, to: null });
    expect(vsCurrent.summary).toEqual({ added: 0, removed: 0, changed: 0 });
  });
});

describe('citations to archived documents', () => {
  const resolution = {
    issuer: 'Tỉnh ủy Lai Châu',
    docType: 'Nghị quyết',
    code: '05-NQ/TU',
    date: { text: 'ngày 3 tháng 2 năm 1961', start: '1961-02-03', end: '1961-02-03' },
    abstract: 'về công tác xây dựng Đảng',
    location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', fond: '1', inventory: '2', file: '45' },
  };

  it('generates the archival citation from metadata and follows a corrected number', async () => {
    const docId = h.addDocument('Nghị quyết xây dựng Đảng 1961', resolution, 4);
    const ref = { documentId: docId, pageSeq: 3, folio: '3' };
    let [c] = await h.call('resolveCitations', { refs: [ref] });
    expect(c!.text).toBe(
      'Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU ngày 3-2-1961 về công tác xây dựng Đảng, lưu tại Kho Lưu trữ Tỉnh ủy Lai Châu, Phông số 1, Mục lục số 2, Hồ sơ số 45, tờ 3.',
    );
    expect(c!.spans.find((s) => s.italic)?.text).toBe('Nghị quyết số 05-NQ/TU ngày 3-2-1961 về công tác xây dựng Đảng');
    expect(c!.pageId).toBeGreaterThan(0);

    h.session.require().db.prepare('UPDATE documents SET metadata = ?, updated_at = ? WHERE id = ?').run(JSON.stringify({ ...resolution, code: '06-NQ/TU' }), new Date().toISOString(), docId);
    [c] = await h.call('resolveCitations', { refs: [ref] });
    expect(c!.text).toContain('Nghị quyết số 06-NQ/TU');
    const [gone] = await h.call('resolveCitations', { refs: [{ documentId: 9999 }] });
    expect(gone!.found).toBe(false);
  });

  it('finds documents by number, by unaccented title words and despite a typo', async () => {
    h.addDocument('Báo cáo tình hình kinh tế năm 1958', { code: '12-BC/TU', date: '1958-12-30', issuer: 'Tỉnh ủy Lai Châu' });
    const target = h.addDocument('Nghị quyết về công tác xây dựng Đảng', resolution);
    h.addDocument('Chỉ thị về thu thuế nông nghiệp', { code: '17-CT/TU', date: '1959' });
    for (let i = 0; i < 300; i++) h.addDocument(`Công văn số ${i} về việc khác`, { code: `${i}-CV/VPTU` });
    expect((await h.call('searchCitable', { query: '05-NQ/TU' }))[0]!.id).toBe(target);
    expect((await h.call('searchCitable', { query: '5 nq tu' }))[0]!.id).toBe(target);
    expect((await h.call('searchCitable', { query: 'xay dung dang' }))[0]!.id).toBe(target);
    expect((await h.call('searchCitable', { query: 'nghị quyet xây dưng' })).slice(0, 3).map((d) => d.id)).toContain(target);
    expect((await h.call('searchCitable', { query: 'bao cao 1958' }))[0]!.title).toBe('Báo cáo tình hình kinh tế năm 1958');
  });

  it('lists the chapters that cite a document', async () => {
    const docId = h.addDocument('Nghị quyết', resolution);
    const book = await h.call('createBook', { kind: 'history', title: 'Sách có trích dẫn' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Chương trích' });
    await h.call('addChapter', { bookId: book.id, title: 'Chương không trích' });
    await h.save({
      id: ch.id,
      doc: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Hội nghị quyết định' },
              { type: 'footnote', content: [{ type: 'citation', attrs: { documentId: docId, pageSeq: 1, folio: '', text: '' } }] },
            ],
          },
        ],
      },
    });
    expect(await h.call('citedIn', { documentId: docId })).toEqual([{ bookId: book.id, bookTitle: 'Sách có trích dẫn', nodeId: ch.id, nodeTitle: 'Chương trích', count: 1 }]);
  });
});
