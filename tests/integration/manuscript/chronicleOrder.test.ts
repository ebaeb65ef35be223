/**
 * Issue 8, through the real services and a real project, read back from the printed PDF:
 * - a chronicle prints its entries in date order under year headings made from the dates, whatever
 *   order and heading they were typed under; an entry whose date does not exist stays after the
 *   entry typed before it and is reported by orderChronicle;
 * - a document collection prints a reproduced document's header once (the transcription's own
 *   header gives way to the one generated from the archival description), the date in words and
 *   the full title (type and abstract) in the text and in the table of contents.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManuscriptBook } from '../../../electron/core/manuscript/bookModel';
import { orderChronicle } from '../../../shared/book/chronicle';
import { blocksOf, type RichNode } from '../../../shared/book/fromRichDoc';
import { transcriptionParagraphs } from '../../../shared/book/transcriptionParagraphs';
import { openHarness, para, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

async function pdfText(model: Parameters<typeof import('../../../electron/core/publish/index').typeset>[0], name: string): Promise<string> {
  const { typeset } = await import('../../../electron/core/publish/index');
  const file = path.join(h.dir, name);
  writeFileSync(file, await typeset(model));
  // SUQUAN_KEEP_PDF=DIR keeps the printed files, to look at.
  if (process.env.SUQUAN_KEEP_PDF) copyFileSync(file, path.join(process.env.SUQUAN_KEEP_PDF, name));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Each string's position in the text, in the order given: all found, each after the one before. */
function expectInOrder(text: string, strings: string[]): void {
  let at = -1;
  for (const s of strings) {
    const next = text.indexOf(s, at + 1);
    expect(next, `"${s}" after position ${at}`).toBeGreaterThan(at);
    at = next;
  }
}

const count = (text: string, s: string) => text.split(s).length - 1;

describe('a chronicle typed out of order', () => {
  it('prints its entries in date order under year headings made from the dates', async () => {
    const book = await h.call('createBook', { kind: 'chronicle', title: 'Biên niên sự kiện Đảng bộ xã Bình Lư' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Thời kỳ 1930–1954' });
    const doc = {
      type: 'doc',
      content: [
        para('Chương này ghi các sự kiện từ khi thành lập Đảng đến năm 1954.'),
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Năm 1930' }] },
        para('Ngày 3-2-1930, thành lập Đảng Cộng sản Việt Nam.'),
        para('Ngày 12-3-1951, thành lập chi bộ xã Bình Lư.'),
        para('Nguồn: Báo cáo của Huyện ủy Tam Đường năm 1951.'),
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Năm 1950' }] },
        para('Ngày 1-1-1950, thành lập huyện Tam Đường.'),
        para('Ngày 30-2-1950, họp chi bộ lần thứ nhất.'),
        para('Ngày 5-3, đón đoàn cán bộ tỉnh.'),
        para('Từ ngày 13-3 đến ngày 7-5-1954, dân công xã phục vụ chiến dịch Điện Biên Phủ.'),
      ],
    };
    await h.save({ id: ch.id, doc: doc as never });

    const model = loadManuscriptBook(h.session.require().db, book.id);
    const text = await pdfText(model, 'bien-nien.pdf');
    expectInOrder(text, [
      'Chương này ghi các sự kiện',
      'NĂM 1930',
      'Ngày 3-2-1930, thành lập Đảng',
      'NĂM 1950',
      'Ngày 1-1-1950, thành lập huyện',
      'Ngày 30-2-1950, họp chi bộ', // unreadable: stays after the entry typed before it
      'Ngày 5-3, đón đoàn cán bộ', // year-less: 1950, from the entry typed before it
      'NĂM 1951',
      'Ngày 12-3-1951, thành lập chi bộ',
      'Nguồn: Báo cáo của Huyện ủy Tam Đường năm 1951.', // moves with its entry
      'NĂM 1954',
      'Từ ngày 13-3 đến ngày 7-5-1954, dân công',
    ]);
    // The typed year headings are replaced, not repeated.
    expect(count(text, 'NĂM 1930')).toBe(1);
    expect(count(text, 'NĂM 1950')).toBe(1);

    // The check before printing reads the same chapter and is told which entry it could not date.
    const stored = await h.call('getChapter', { id: ch.id });
    const { unread } = orderChronicle(blocksOf(stored.doc.content as RichNode[]));
    expect(unread).toEqual([{ label: 'Ngày 30-2-1950', index: 7, reason: 'impossible', message: expect.stringContaining('Ngày 30-2-1950') }]);
  });
});

describe('a document collection', () => {
  it("prints a reproduced document's header once, its date in words and its full title", async () => {
    const docId = h.addDocument('Nghị quyết 05', {
      code: '05-NQ/TU',
      docType: 'Nghị quyết',
      issuer: 'Tỉnh ủy Lai Châu',
      place: 'Lai Châu',
      date: { text: '20/6/2021', start: '2021-06-20', end: '2021-06-20' },
      abstract: 'Về công tác xây dựng Đảng năm 2021',
      location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', fond: '1', file: '45' },
    });
    // The transcription as typed from the scan, header and signature included.
    const transcription = [
      'TỈNH ỦY LAI CHÂU',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      '*',
      'Lai Châu, ngày 20 tháng 6 năm 2021',
      'Số 05-NQ/TU',
      '',
      'NGHỊ QUYẾT',
      'về công tác xây dựng Đảng năm 2021',
      '',
      'Hội nghị Tỉnh ủy đã thảo luận và quyết nghị.',
      'Giao các huyện ủy tổ chức thực hiện.',
      'T/M TỈNH ỦY',
      'BÍ THƯ',
      'Nguyễn Văn Hùng',
    ].join('\n');
    const { db } = h.session.require();
    db.prepare("UPDATE pages SET text = ?, text_source = 'typed' WHERE document_id = ? AND seq = 1").run(transcription, docId);
    const pageTexts = db.prepare('SELECT text, text_source AS textSource FROM pages WHERE document_id = ? ORDER BY seq').all(docId) as { text: string; textSource: 'typed' | 'none' }[];
    // What the editor inserts: one paragraph per line of the transcription.
    const paragraphs = transcriptionParagraphs(pageTexts);
    expect(paragraphs).toHaveLength(12);

    const book = await h.call('createBook', { kind: 'documents', title: 'Văn kiện Đảng bộ tỉnh Lai Châu' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Văn kiện năm 2021' });
    await h.save({
      id: ch.id,
      doc: { type: 'doc', content: [{ type: 'archivalDocument', attrs: { documentId: docId, label: '05-NQ/TU · Nghị quyết 05' }, content: paragraphs.map((p) => para(p)) }] } as never,
    });
    const model = loadManuscriptBook(db, book.id);
    const item = model.body[0]!.kind === 'chapter' ? model.body[0]!.blocks[0]! : null;
    expect(item).toMatchObject({
      kind: 'document-item',
      header: { issuer: ['Tỉnh ủy Lai Châu'], number: 'Số 05-NQ/TU', placeDate: 'Lai Châu, ngày 20 tháng 6 năm 2021' },
      title: 'Nghị quyết về công tác xây dựng Đảng năm 2021',
      signature: ['T/M TỈNH ỦY', 'BÍ THƯ', 'Nguyễn Văn Hùng'],
    });

    const text = await pdfText(model, 'van-kien.pdf');
    for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 05-NQ/TU', 'ngày 20 tháng 6 năm 2021', 'NGHỊ QUYẾT VỀ CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2021', 'BÍ THƯ', 'Nguyễn Văn Hùng']) expect(count(text, s), s).toBe(1);
    expect(count(text, 'TỈNH ỦY LAI CHÂU')).toBe(1);
    expectInOrder(text, ['TỈNH ỦY LAI CHÂU', 'NGHỊ QUYẾT VỀ CÔNG TÁC', 'Hội nghị Tỉnh ủy đã thảo luận và quyết nghị.', 'Giao các huyện ủy tổ chức thực hiện.', 'T/M TỈNH ỦY', 'Nguyễn Văn Hùng', 'Nguồn:']);
    // The table of contents lists the full title, not just "Nghị quyết".
    expect(text).toContain('Nghị quyết về công tác xây dựng Đảng năm 2021');
  });
});
