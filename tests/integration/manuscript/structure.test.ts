import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readingOrder, structureLabels } from '../../../shared/manuscript/structure';
import type { BookDetail } from '../../../shared/api/manuscript';
import { openHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

const outline = (book: BookDetail) => {
  const labels = structureLabels(book.nodes);
  return readingOrder(book.nodes).map((n) => `${n.parentId ? '  ' : ''}${labels.get(n.id) ? `${labels.get(n.id)}: ` : ''}${n.title}`);
};

describe('a book and its structure', () => {
  it('keeps front matter first, body in order and back matter last, numbered from the order', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Lịch sử Đảng bộ xã Bình Lư', subtitle: '(1945–2025)' });
    await h.call('addNode', { bookId: book.id, kind: 'back', role: 'conclusion' });
    const part1 = await h.call('addNode', { bookId: book.id, kind: 'part', title: 'Đảng bộ lãnh đạo kháng chiến' });
    await h.call('addNode', { bookId: book.id, kind: 'chapter', parentId: part1.id, title: 'Vùng đất, con người' });
    await h.call('addNode', { bookId: book.id, kind: 'chapter', parentId: part1.id, title: 'Kháng chiến chống Pháp' });
    await h.call('addNode', { bookId: book.id, kind: 'front', role: 'preface' });
    const part2 = await h.call('addNode', { bookId: book.id, kind: 'part', title: 'Thời kỳ đổi mới' });
    await h.call('addNode', { bookId: book.id, kind: 'chapter', parentId: part2.id, title: 'Đổi mới và phát triển' });
    await h.call('addNode', { bookId: book.id, kind: 'back', role: 'appendix', title: 'Danh sách Ban Chấp hành' });
    await h.call('addNode', { bookId: book.id, kind: 'back', role: 'appendix', title: 'Các kỳ Đại hội' });
    const full = await h.call('getBook', { id: book.id });
    expect(full.subtitle).toBe('(1945–2025)');
    expect(full.chapterCount).toBe(3);
    expect(outline(full)).toEqual([
      'Lời nói đầu',
      'Phần thứ nhất: Đảng bộ lãnh đạo kháng chiến',
      '  Chương I: Vùng đất, con người',
      '  Chương II: Kháng chiến chống Pháp',
      'Phần thứ hai: Thời kỳ đổi mới',
      '  Chương III: Đổi mới và phát triển',
      'Kết luận',
      'Phụ lục 1: Danh sách Ban Chấp hành',
      'Phụ lục 2: Các kỳ Đại hội',
    ]);
  });

  it('reorders chapters, moves one into a part, and refuses what a book cannot hold', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    const a = await h.call('addChapter', { bookId: book.id, title: 'A' });
    const b = await h.call('addChapter', { bookId: book.id, title: 'B' });
    const c = await h.call('addChapter', { bookId: book.id, title: 'C' });
    let full = await h.change('moveNode', { id: c.id, parentId: null, index: 0 });
    expect(outline(full)).toEqual(['Chương I: C', 'Chương II: A', 'Chương III: B']);
    const part = await h.call('addNode', { bookId: book.id, kind: 'part', title: 'P' });
    full = await h.change('moveNode', { id: a.id, parentId: part.id, index: 0 });
    expect(outline(full)).toEqual(['Chương I: C', 'Chương II: B', 'Phần thứ nhất: P', '  Chương III: A']);
    await expect(h.change('moveNode', { id: part.id, parentId: b.id, index: 0 })).rejects.toThrow(/trong một phần/);
    const front = await h.call('addNode', { bookId: book.id, kind: 'front', role: 'introduction' });
    full = await h.change('moveNode', { id: front.id, parentId: null, index: 99 });
    expect(outline(full)[0]).toBe('Lời giới thiệu');
  });

  it('deletes a part with its chapters and restores them in place', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    await h.call('addChapter', { bookId: book.id, title: 'Mở đầu' });
    const part = await h.call('addNode', { bookId: book.id, kind: 'part', title: 'P' });
    const inner = await h.call('addNode', { bookId: book.id, kind: 'chapter', parentId: part.id, title: 'Bên trong' });
    await h.save({ id: inner.id, doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'giữ lại' }] }] } });
    await h.call('addChapter', { bookId: book.id, title: 'Cuối' });
    let full = await h.change('deleteNode', { id: part.id });
    expect(outline(full)).toEqual(['Chương I: Mở đầu', 'Chương II: Cuối']);
    await expect(h.call('getChapter', { id: inner.id })).rejects.toThrow(/Không có chương/);
    full = await h.change('restoreNode', { id: part.id });
    expect(outline(full)).toEqual(['Chương I: Mở đầu', 'Phần thứ nhất: P', '  Chương II: Bên trong', 'Chương III: Cuối']);
    expect((await h.call('getChapter', { id: inner.id })).doc.content).toHaveLength(1);
  });

  it('stores book details, NFC, without empty fields', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sa\u0301ch' });
    expect(book.title).toBe('Sách');
    const updated = await h.change('updateBook', {
      id: book.id,
      details: {
        compilingBody: 'Ban Chấp hành Đảng bộ xã Bình Lư',
        period: '1945–2025',
        credits: { editorInChief: ['Nguyễn Văn A'], board: ['Trần Thị B', ''], research: [] },
        colophon: { price: 'Sách không bán', isbn: '' },
        tocPosition: 'end',
      },
    });
    expect(updated.details).toEqual({
      compilingBody: 'Ban Chấp hành Đảng bộ xã Bình Lư',
      period: '1945–2025',
      credits: { editorInChief: ['Nguyễn Văn A'], board: ['Trần Thị B'] },
      colophon: { price: 'Sách không bán' },
      tocPosition: 'end',
    });
    expect(updated.title).toBe('Sách');
  });

  it('keeps the headings of a chapter as its outline and its status', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Chương' });
    await h.save({
      id: ch.id,
      doc: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Bối cảnh' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'x' }] },
          { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Tình hình' }, { type: 'footnote', content: [{ type: 'text', text: 'nguồn' }] }] },
        ],
      },
    });
    await h.change('setChapterStatus', { id: ch.id, status: 'review' });
    const node = (await h.call('getBook', { id: book.id })).nodes[0]!;
    expect(node.outline).toEqual([
      { level: 1, text: 'Bối cảnh' },
      { level: 2, text: 'Tình hình' },
    ]);
    expect(node.status).toBe('review');
  });
});
