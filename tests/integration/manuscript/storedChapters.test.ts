/**
 * Chapters stored by earlier versions keep opening and print right (issue 8). The JSON below is
 * what the editor of December 2026 wrote, byte for byte in shape: a citation inserted from the
 * toolbar became `footnote > [citation, " "]`, a typed note kept its italic words as marked text
 * nodes, names were marks in the text. Stored straight into the database (as that version did),
 * each chapter must open unchanged, print one note per footnote in PDF and Word, and its names
 * must reach the index. A shape only other tools wrote (paragraphs inside a footnote) is read
 * without losing a word.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublishService } from '../../../electron/core/publish/publishService';
import { publishContract } from '../../../shared/api/publish';
import { openHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

const CITATION = 'Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU ngày 3-2-1961 về công tác xây dựng Đảng, lưu tại Kho Lưu trữ Tỉnh ủy Lai Châu, Hồ sơ số 45, tờ 6.';

/** A chapter as the earlier editor saved it (JSON.stringify of tiptap's getJSON()). */
function savedByEarlierEditor(documentId: number, nameId: number): string {
  return JSON.stringify({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Năm 1961, ' },
          { type: 'text', marks: [{ type: 'mention', attrs: { nameId, kind: 'person', term: 'Lò Văn Puộn' } }], text: 'Lò Văn Puộn' },
          { type: 'text', text: ' được cử làm Bí thư Huyện ủy' },
          { type: 'footnote', content: [{ type: 'citation', attrs: { documentId, pageId: null, pageSeq: 1, folio: '6', text: CITATION } }, { type: 'text', text: ' ' }] },
          { type: 'text', text: ', phong trào hợp tác hóa phát triển' },
          { type: 'footnote', content: [{ type: 'text', text: 'Theo hồi ký ' }, { type: 'text', marks: [{ type: 'italic' }], text: 'Những năm tháng không quên' }, { type: 'text', text: ', tr. 45.' }] },
          { type: 'text', text: '.' },
        ],
      },
      { type: 'heading', attrs: { level: 2, id: 'h-4k2j9x0a' }, content: [{ type: 'text', text: 'Xây dựng cơ sở Đảng' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Các chi bộ được củng cố.' }] },
    ],
  });
}

describe('chapters stored by earlier versions', () => {
  it('open as they were and print one note per footnote, with italics, names in the index, in PDF and Word', async () => {
    const documentId = h.addDocument('Nghị quyết về công tác xây dựng Đảng', {
      code: '05-NQ/TU',
      docType: 'Nghị quyết',
      issuer: 'Tỉnh ủy Lai Châu',
      date: { text: '3-2-1961', start: '1961-02-03', end: '1961-02-03' },
      abstract: 'về công tác xây dựng Đảng',
      location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', file: '45' },
    });
    const name = await h.call('createName', { kind: 'person', name: 'Lò Văn Puộn' });
    const book = await h.call('createBook', { kind: 'history', title: 'Lịch sử Đảng bộ huyện Tam Đường' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Thời kỳ hợp tác hóa' });
    const stored = savedByEarlierEditor(documentId, name.id);
    h.session.require().db.prepare('UPDATE book_nodes SET content = ? WHERE id = ?').run(stored, ch.id);

    // It opens unchanged, and saving it back (what autosave does) passes the schema check.
    const opened = await h.call('getChapter', { id: ch.id });
    expect(JSON.stringify(opened.doc)).toBe(JSON.stringify(JSON.parse(stored)).replace('"attrs":{"level":2,"id":"h-4k2j9x0a"}', '"attrs":{"id":"h-4k2j9x0a","level":2}'));
    await h.save({ id: ch.id, doc: opened.doc });

    const publish = createPublishService(h.session);
    const file = path.join(h.dir, 'sach.pdf');
    await publish.exportPdf(publishContract.exportPdf.input.parse({ bookId: book.id, path: file }));
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
      .split('\f')
      .map((p) => p.replace(/\s+/g, ' '));
    const body = pages.findIndex((p) => p.includes('được cử làm Bí thư Huyện ủy'));
    expect(body).toBeGreaterThanOrEqual(0);
    expect(pages[body]).toContain(`1 ${CITATION}`);
    expect(pages[body]).toContain('2 Theo hồi ký Những năm tháng không quên, tr. 45.');
    const index = pages.findIndex((p) => p.includes('BẢNG TRA CỨU'));
    expect(index).toBeGreaterThan(body);
    expect(pages.slice(index).join(' ')).toContain(`Lò Văn Puộn, ${body - pages.findIndex((p) => /CHƯƠNG I/.test(p)) + 1}`);

    const word = await publish.exportWord(publishContract.exportWord.input.parse({ bookId: book.id }));
    const { value: html } = await mammoth.convertToHtml({ path: publish.exportFile(word.exportId).path });
    const notes = [...html.matchAll(/<li id="footnote-\d+">([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    expect(notes).toHaveLength(2);
    for (const n of notes) expect((n.match(/<p>/g) ?? []).length).toBe(1);
    expect(notes[0]).toContain('<em>Nghị quyết số 05-NQ/TU ngày 3-2-1961 về công tác xây dựng Đảng</em>');
    expect(notes[1]).toContain('<em>Những năm tháng không quên</em>');
  });

  it('reads paragraphs inside a footnote (other tools) as one note without losing a word, and saves it in the schema', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách thử' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Chương thử' });
    const legacy = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Câu có chú thích' },
            { type: 'footnote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Dòng một,' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'dòng hai.', marks: [{ type: 'strike' }] }] }] },
            { type: 'text', text: '.' },
          ],
        },
      ],
    };
    h.session.require().db.prepare('UPDATE book_nodes SET content = ? WHERE id = ?').run(JSON.stringify(legacy), ch.id);
    const opened = await h.call('getChapter', { id: ch.id });
    expect(opened.doc.content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Câu có chú thích' },
          { type: 'footnote', content: [{ type: 'text', text: 'Dòng một,' }, { type: 'hardBreak' }, { type: 'text', text: 'dòng hai.' }] },
          { type: 'text', text: '.' },
        ],
      },
    ]);
    // The stored shape itself is refused by the save check: only the editor's shape is written.
    await expect(h.save({ id: ch.id, doc: legacy as never })).rejects.toThrow(/^Chương «Chương thử» chưa được lưu: .*«strike».* Bản đã lưu trước đó vẫn giữ nguyên\.$/);
    expect(JSON.parse(h.session.require().db.prepare('SELECT content FROM book_nodes WHERE id = ?').pluck().get(ch.id) as string)).toEqual(legacy);
    await h.save({ id: ch.id, doc: opened.doc });

    const file = path.join(h.dir, 'thu.pdf');
    await createPublishService(h.session).exportPdf(publishContract.exportPdf.input.parse({ bookId: book.id, path: file }));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('1 Dòng một, dòng hai.');
  });
});
