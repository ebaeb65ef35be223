/**
 * The cover from a project book: the print and cover settings stored with the book's details
 * reach the typesetter (setup, cover), and the publish service's cover export typesets the book
 * for its page count and writes a sheet whose spine is that count on the book's paper.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManuscriptBook } from '../../../electron/core/manuscript/bookModel';
import { createPublishService } from '../../../electron/core/publish/publishService';
import { publishContract } from '../../../shared/api/publish';
import { openHarness, para, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

const MM = 72 / 25.4;

describe('the cover of a project book', () => {
  it('takes the book details to the typesetter and exports a cover as wide as the book is thick', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Lịch sử Đảng bộ xã Bình Lư' });
    const chapter = await h.call('addChapter', { bookId: book.id, title: 'Vùng đất, con người' });
    await h.save({ id: chapter.id, doc: { type: 'doc', content: Array.from({ length: 30 }, () => para('Xã Bình Lư nằm ở phía bắc huyện, đất đai màu mỡ, nhân dân cần cù lao động. '.repeat(6))) } });
    await h.change('updateBook', {
      id: book.id,
      details: {
        compilingBody: 'Ban Chấp hành Đảng bộ xã Bình Lư',
        period: '1945–2025',
        colophon: { publisher: 'Nhà xuất bản Chính trị quốc gia Sự thật', isbn: '978-604-57-1234-4' },
        print: { trim: '160x240', chapterOpening: 'any', signature: 16, bleed: 3, cropMarks: false },
        cover: { backText: 'Cuốn sách ghi lại lịch sử của Đảng bộ xã.', paperThickness: 0.12, colour: 'navy' },
      },
    });
    const model = loadManuscriptBook(h.session.require().db, book.id);
    expect(model.setup).toMatchObject({ trim: '160x240', chapterOpening: 'any', signature: 16, bleed: 3 });
    expect(model.cover).toEqual({ backText: 'Cuốn sách ghi lại lịch sử của Đảng bộ xã.', paperThickness: 0.12, colour: 'navy', period: '1945–2025', isbn: '978-604-57-1234-4' });

    const service = createPublishService(h.session);
    const interior = await service.exportPdf(publishContract.exportPdf.input.parse({ bookId: book.id }));
    const cover = await service.exportCover(publishContract.exportCover.input.parse({ bookId: book.id }));
    expect(cover.fileName).toBe('Lịch sử Đảng bộ xã Bình Lư – bìa.pdf');
    expect(cover.pages).toBe(1);
    const file = service.exportFile(cover.exportId).path;
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))!;
    expect(Number(size[1])).toBeCloseTo((2 * 160 + Math.ceil(interior.pages / 2) * 0.12 + 6) * MM, 1);
    expect(Number(size[2])).toBeCloseTo(246 * MM, 1);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('BAN CHẤP HÀNH ĐẢNG BỘ XÃ BÌNH LƯ');
    expect(text).toContain('ISBN 978-604-57-1234-4');
    expect(text).toContain('(1945–2025)');
  });

  it('refuses a book with no chapters, and details with a bad ISBN or no paper, in a sentence', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách trống' });
    const service = createPublishService(h.session);
    await expect(service.exportCover({ bookId: book.id })).rejects.toThrow('Sách chưa có chương nào để xuất.');
    await expect(h.change('updateBook', { id: book.id, details: { colophon: { isbn: '9786045712345' } } })).rejects.toThrow(/sai số kiểm tra/);
    await expect(h.change('updateBook', { id: book.id, details: { cover: { paperThickness: 0 } } })).rejects.toThrow(/Độ dày giấy phải từ 0,03/);
  });
});
