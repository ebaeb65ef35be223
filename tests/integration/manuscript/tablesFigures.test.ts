/**
 * Tables and figures reach the PDF: a chapter with a tiptap table (header row) and a figure of an
 * archived scan page is exported through the typesetter; the PDF read back has the cell text, the
 * caption, the generated source note (pdftotext) and the page image (pdfimages -list).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManuscriptBook, loadManuscriptBookForExport } from '../../../electron/core/manuscript/bookModel';
import { imageInfo } from '../../../electron/core/manuscript/figureImages';
import { createArchiveService } from '../../../electron/core/archive/archiveService';
import { openHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

/** An archived document whose one page is a real JPEG scan. */
function scannedDocument(width: number, height: number): Promise<{ documentId: number; pageId: number }> {
  const metadata = { code: '05-NQ/TU', docType: 'Nghị quyết', issuer: 'Tỉnh ủy Lai Châu', date: { text: '3-2-1961', start: '1961-02-03', end: '1961-02-03' }, location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', fonds: '1', file: '45' } };
  return h.addScan('Nghị quyết về hợp tác hóa', metadata, { width, height });
}

const cell = (type: 'tableHeader' | 'tableCell', text: string) => ({ type, attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('tables and figures in the exported book', () => {
  it('reads JPEG and PNG sizes from their headers', async () => {
    const jpeg = new Uint8Array(await sharp({ create: { width: 37, height: 21, channels: 3, background: '#fff' } }).jpeg().toBuffer());
    const png = new Uint8Array(await sharp({ create: { width: 12, height: 40, channels: 3, background: '#fff' } }).png().toBuffer());
    expect(imageInfo(jpeg)).toEqual({ format: 'jpeg', width: 37, height: 21 });
    expect(imageInfo(png)).toEqual({ format: 'png', width: 12, height: 40 });
    expect(imageInfo(new Uint8Array([1, 2, 3, 4, 5]))).toBeNull();
  });

  it('prints the table cells, the figure image with its caption and a source note from the archive', async () => {
    const { documentId, pageId } = await scannedDocument(600, 800);
    const book = await h.call('createBook', { kind: 'history', title: 'Lịch sử Đảng bộ huyện Tam Đường' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Thời kỳ hợp tác hóa' });
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Số hợp tác xã qua các năm:' }] },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('tableHeader', 'Năm'), cell('tableHeader', 'Số hợp tác xã')] },
            { type: 'tableRow', content: [cell('tableCell', '1959'), cell('tableCell', 'Bốn mươi hai')] },
            { type: 'tableRow', content: [cell('tableCell', '1960'), cell('tableCell', 'Một trăm mười')] },
          ],
        },
        { type: 'figure', attrs: { documentId, pageId, pageSeq: 1 }, content: [{ type: 'text', text: 'Trang đầu Nghị quyết về hợp tác hóa' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Phong trào lan rộng.' }] },
      ],
    };
    await h.save({ id: ch.id, doc: doc as never });

    const model = await loadManuscriptBookForExport(h.session, book.id);
    const blocks = model.body[0]!.kind === 'chapter' ? model.body[0]!.blocks : [];
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'figure', 'paragraph']);
    const table = blocks[1]!;
    expect(table.kind === 'table' && table.header).toBe(true);
    expect(table.kind === 'table' && table.rows.map((r) => r.map((c) => c.map((x) => (x.kind === 'text' ? x.text : '')).join('')))).toEqual([
      ['Năm', 'Số hợp tác xã'],
      ['1959', 'Bốn mươi hai'],
      ['1960', 'Một trăm mười'],
    ]);
    const figure = blocks[2]!;
    expect(figure.kind === 'figure' && [figure.image.format, figure.image.width, figure.image.height]).toEqual(['jpeg', 600, 800]);
    expect(figure.kind === 'figure' && figure.rotation).toBeUndefined();
    // A page the archivist turns in the viewer is printed turned.
    createArchiveService(h.session).rotatePages({ pageIds: [pageId], by: 90 });
    const turned = (await loadManuscriptBookForExport(h.session, book.id)).body[0]!;
    expect(turned.kind === 'chapter' && turned.blocks[2]!.kind === 'figure' && turned.blocks[2]!.rotation).toBe(90);
    // The synchronous loader finds the same original JPEG on disk.
    const sync = loadManuscriptBook(h.session.require().db, book.id).body[0]!;
    expect(sync.kind === 'chapter' && sync.blocks[2]!.kind).toBe('figure');

    const { typeset } = await import('../../../electron/core/publish/index');
    const file = path.join(h.dir, 'bang-anh.pdf');
    writeFileSync(file, await typeset(model));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const s of ['Số hợp tác xã', 'Bốn mươi hai', 'Một trăm mười', '1959', 'Trang đầu Nghị quyết về hợp tác hóa', 'Nguồn: Tỉnh ủy Lai Châu']) expect(text).toContain(s);
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.some((l) => /\s600\s+800\s/.test(l))).toBe(true);
  });

  it('has the archive make the PNG of a TIFF page when the chapter is saved, so the synchronous export finds it', async () => {
    const { db, layout } = h.session.require();
    const tiff = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#c8b894' } }).tiff().toBuffer();
    const sha = createHash('sha256').update(tiff).digest('hex');
    mkdirSync(path.dirname(layout.original(sha)), { recursive: true });
    writeFileSync(layout.original(sha), tiff);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO files(sha256, size, mime, original_name, imported_at) VALUES (?, ?, 'image/tiff', 'anh.tif', ?)").run(sha, tiff.length, now);
    const documentId = Number(db.prepare("INSERT INTO documents(title, metadata, created_at, updated_at) VALUES ('Ảnh TIFF', '{}', ?, ?)").run(now, now).lastInsertRowid);
    const pageId = Number(db.prepare("INSERT INTO pages(document_id, seq, file_sha256, width, height, image_kind) VALUES (?, 1, ?, 320, 240, 'original')").run(documentId, sha).lastInsertRowid);
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Chương' });
    const kinds = () => {
      const c = loadManuscriptBook(db, book.id).body[0]!;
      return c.kind === 'chapter' ? c.blocks.map((b) => (b.kind === 'figure' ? `figure ${b.image.format} ${b.image.width}x${b.image.height}` : b.kind)) : [];
    };
    const doc = { type: 'doc', content: [{ type: 'figure', attrs: { documentId, pageId, pageSeq: 1 }, content: [{ type: 'text', text: 'Ảnh chụp' }] }] };
    // Stored without going through the service: no PNG made yet, the caption alone.
    db.prepare('UPDATE book_nodes SET content = ? WHERE id = ?').run(JSON.stringify(doc), ch.id);
    expect(kinds()).toEqual(['paragraph']);
    await h.save({ id: ch.id, doc: doc as never });
    await expect.poll(kinds, { timeout: 20_000 }).toEqual(['figure png 320x240']);
  });

  it('keeps the caption as a centred paragraph when the page has no image', async () => {
    const docId = h.addDocument('Tài liệu chưa có ảnh', {}, 1);
    const pageId = (h.session.require().db.prepare('SELECT id FROM pages WHERE document_id = ?').get(docId) as { id: number }).id;
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    const ch = await h.call('addChapter', { bookId: book.id, title: 'Chương' });
    await h.save({ id: ch.id, doc: { type: 'doc', content: [{ type: 'figure', attrs: { documentId: docId, pageId, pageSeq: 1 }, content: [{ type: 'text', text: 'Ảnh bị thiếu' }] }] } as never });
    const model = await loadManuscriptBookForExport(h.session, book.id);
    const c = model.body[0]!;
    expect(c.kind === 'chapter' && c.blocks).toEqual([{ kind: 'paragraph', runs: [{ kind: 'text', text: 'Ảnh bị thiếu' }], indent: false, align: 'center' }]);
  });
});
