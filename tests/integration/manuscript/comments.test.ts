/** Comments anchored to passages, stored per chapter (migration 0012): add, list, resolve, delete. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

describe('chapter comments', () => {
  it('keeps each chapter’s comments in NFC with author and date, resolves, reopens and deletes them', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    const a = await h.call('addChapter', { bookId: book.id, title: 'Chương một' });
    const b = await h.call('addChapter', { bookId: book.id, title: 'Chương hai' });
    const nfd = 'Cần dẫn nguồn cho số liệu này.'.normalize('NFD');
    const first = await h.call('addComment', { nodeId: a.id, author: 'Hội đồng thẩm định', text: nfd, quote: 'Năm 1960 có 110 hợp tác xã' });
    await h.call('addComment', { nodeId: a.id, author: 'Chủ biên', text: 'Đã bổ sung.', quote: '' });
    await h.call('addComment', { nodeId: b.id, text: 'Chương khác', quote: '' });
    expect(first.text).toBe('Cần dẫn nguồn cho số liệu này.');
    expect(first.resolvedAt).toBeNull();
    expect(Number.isNaN(Date.parse(first.createdAt))).toBe(false);

    const listed = await h.call('listComments', { nodeId: a.id });
    expect(listed.map((c) => [c.author, c.text, c.quote])).toEqual([
      ['Hội đồng thẩm định', 'Cần dẫn nguồn cho số liệu này.', 'Năm 1960 có 110 hợp tác xã'],
      ['Chủ biên', 'Đã bổ sung.', ''],
    ]);

    const resolved = await h.call('resolveComment', { id: first.id, resolved: true });
    expect(resolved.resolvedAt).not.toBeNull();
    expect((await h.call('resolveComment', { id: first.id, resolved: false })).resolvedAt).toBeNull();
    await h.call('deleteComment', { id: first.id });
    expect((await h.call('listComments', { nodeId: a.id })).map((c) => c.text)).toEqual(['Đã bổ sung.']);
    await expect(h.call('deleteComment', { id: first.id })).rejects.toThrow(/Không có góp ý/);
    await expect(h.call('addComment', { nodeId: a.id, text: '   ', quote: '' })).rejects.toThrow();
    // A deleted chapter's comments stay with it (restore brings them back).
    await h.change('deleteNode', { id: b.id });
    await h.change('restoreNode', { id: b.id });
    expect((await h.call('listComments', { nodeId: b.id })).map((c) => c.text)).toEqual(['Chương khác']);
  });
});
