/**
 * Proofs (bản in thử): a chapter, a part or a passage exported through the real typesetter and
 * read back with pdftotext — only that text, its chapter number as in the whole book, no title
 * pages, table of contents, index or colophon.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublishService } from '../../../electron/core/publish/publishService';
import { publishContract } from '../../../shared/api/publish';
import { openHarness, para, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

async function exportPdf(input: unknown): Promise<{ fileName: string; pages: number; text: string }> {
  const service = createPublishService(h.session);
  const file = await service.exportPdf(publishContract.exportPdf.input.parse(input));
  // What the preview reads and the user saves: the file the service wrote.
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', service.exportFile(file.exportId).path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return { fileName: file.fileName, pages: file.pages, text };
}

async function makeBook() {
  const book = await h.call('createBook', { kind: 'history', title: 'Lịch sử Đảng bộ xã Bình Lư' });
  await h.change('updateBook', { id: book.id, details: { colophon: { publisher: 'Nhà xuất bản Chính trị quốc gia Sự thật' } } });
  const preface = await h.call('addNode', { bookId: book.id, kind: 'front', role: 'preface' });
  const first = await h.call('addChapter', { bookId: book.id, title: 'Vùng đất, con người' });
  const part = await h.call('addNode', { bookId: book.id, kind: 'part', title: 'Thời kỳ đổi mới' });
  const second = await h.call('addNode', { bookId: book.id, kind: 'chapter', parentId: part.id, title: 'Đổi mới và phát triển' });
  const third = await h.call('addNode', { bookId: book.id, kind: 'chapter', parentId: part.id, title: 'Hội nhập' });
  await h.save({ id: preface.id, doc: { type: 'doc', content: [para('Lời nói đầu của Ban Thường vụ.')] } });
  await h.save({ id: first.id, doc: { type: 'doc', content: [para('Xã Bình Lư nằm ở phía bắc huyện.', 'Địa chí huyện Tam Đường, tr. 12.')] } });
  await h.save({
    id: second.id,
    doc: {
      type: 'doc',
      content: [
        para('Năm 1986, Đảng bộ lãnh đạo đổi mới.', 'Nghị quyết Đại hội VI.'),
        para('Đoạn thứ hai không được chọn.'),
        { type: 'paragraph', content: [{ type: 'text', text: 'Xem thêm ' }, { type: 'crossRef', attrs: { targetId: `node-${first.id}`, show: 'full', label: '' } }, { type: 'text', text: '.' }] },
      ],
    },
  });
  await h.save({ id: third.id, doc: { type: 'doc', content: [para('Từ năm 2007, xã mở rộng giao thương.')] } });
  return { book, preface, first, part, second, third };
}

describe('proofs of part of a book', () => {
  it('prints one chapter with its number in the whole book and its footnotes, nothing else', async () => {
    const { book, second } = await makeBook();
    const proof = await exportPdf({ bookId: book.id, nodeId: second.id });
    expect(proof.fileName).toBe('Lịch sử Đảng bộ xã Bình Lư – Chương II Đổi mới và phát triển (bản in thử).pdf');
    expect(proof.text).toContain('CHƯƠNG II');
    expect(proof.text).toContain('Năm 1986, Đảng bộ lãnh đạo đổi mới.');
    expect(proof.text).toContain('Nghị quyết Đại hội VI.');
    // A cross-reference to a chapter the proof does not hold reads as in the whole book.
    expect(proof.text).toContain('Xem thêm Chương I Vùng đất, con người.');
    for (const absent of ['Xã Bình Lư nằm', 'Hội nhập', 'Lời nói đầu', 'MỤC LỤC', 'Mục lục', 'Chính trị quốc gia', 'CHƯƠNG I ']) expect(proof.text).not.toContain(absent);
    expect(proof.pages).toBeLessThanOrEqual(2);
    // The whole book, by contrast, has its title pages, both chapters and the colophon.
    const whole = await exportPdf({ bookId: book.id });
    expect(whole.fileName).toBe('Lịch sử Đảng bộ xã Bình Lư.pdf');
    for (const present of ['Xã Bình Lư nằm', 'Hội nhập', 'Lời nói đầu', 'CHÍNH TRỊ QUỐC GIA']) expect(whole.text).toContain(present);
    expect(whole.pages).toBeGreaterThan(proof.pages + 4);
  });

  it('prints a part with its chapters, and front matter on its own', async () => {
    const { book, part, preface } = await makeBook();
    const p = await exportPdf({ bookId: book.id, nodeId: part.id });
    expect(p.fileName).toContain('Phần thứ nhất Thời kỳ đổi mới (bản in thử)');
    for (const present of ['PHẦN THỨ NHẤT', 'CHƯƠNG II', 'CHƯƠNG III', 'Năm 1986', 'Từ năm 2007']) expect(p.text).toContain(present);
    expect(p.text).not.toContain('Xã Bình Lư nằm');
    const f = await exportPdf({ bookId: book.id, nodeId: preface.id });
    expect(f.text).toContain('Lời nói đầu của Ban Thường vụ.');
    expect(f.text).not.toContain('CHƯƠNG');
  });

  it('prints a passage (the editor selection) as its chapter, and refuses an empty one in a sentence', async () => {
    const { book, second } = await makeBook();
    const passage = { type: 'doc', content: [para('Năm 1986, Đảng bộ lãnh đạo đổi mới.', 'Nghị quyết Đại hội VI.')] };
    const p = await exportPdf({ bookId: book.id, nodeId: second.id, doc: passage });
    expect(p.text).toContain('CHƯƠNG II');
    expect(p.text).toContain('Nghị quyết Đại hội VI.');
    expect(p.text).not.toContain('Đoạn thứ hai không được chọn.');
    await expect(exportPdf({ bookId: book.id, nodeId: second.id, doc: { type: 'doc', content: [{ type: 'paragraph' }] } })).rejects.toThrow('Đoạn đang chọn không có chữ nào để xuất.');
    await expect(exportPdf({ bookId: book.id, doc: passage })).rejects.toThrow('Đoạn văn cần xuất phải thuộc một chương.');
    await expect(exportPdf({ bookId: book.id, nodeId: 9999 })).rejects.toThrow('Không tìm thấy chương hoặc phần cần xuất trong sách này.');
  });
});
