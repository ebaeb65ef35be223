/**
 * A chronicle (biên niên sự kiện) written in the app: paragraphs typed "Ngày 19-8-1945, …" become
 * entries, and the exported PDF sets each date lead in bold and runs the text on — read back with
 * pdf.js (font names) and pdftotext (the words, in order).
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
    await h.call('saveChapter', {
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
    expect(blocks.map((b) => (b.kind === 'chronicle-entry' ? `entry ${b.dateLabel}` : b.kind))).toEqual(['paragraph', 'entry Ngày 19-8-1945,', 'entry Cuối tháng 3-1946:', 'entry Mùa xuân 1947,']);

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
