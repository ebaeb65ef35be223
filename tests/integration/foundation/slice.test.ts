import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { connect, makeImage, tempDir } from './helpers';

const open: { app: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.app.dispose()));

async function project() {
  const c = connect();
  open.push(c);
  const dir = path.join(tempDir(), 'p.suquan');
  await c.api.project.create({ path: dir, title: 'Dự án thử' });
  return { ...c, dir };
}

describe('the thin slice through the pipeline', () => {
  it('stores a JPEG scan by its SHA-256, makes a thumbnail, and lists it', async () => {
    const { api, app, dir } = await project();
    const bytes = await makeImage('jpeg', 1240, 1754);
    const file = path.join(tempDir(), 'Báo cáo 12-BC TU.jpg');
    writeFileSync(file, bytes);
    const report = await api.archive.importPaths({ paths: [file] });
    expect(report.outcomes).toEqual([{ input: file, status: 'imported', documentId: 1, pages: 1 }]);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const stored = path.join(dir, 'files', sha.slice(0, 2), sha);
    expect(readFileSync(stored).equals(bytes)).toBe(true);
    expect(readFileSync(file).equals(bytes)).toBe(true); // the original on disk is untouched
    const list = await api.archive.listDocuments({});
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: 1, title: 'Báo cáo 12-BC TU', pageCount: 1 });
    const thumb = await app.files.thumbnailPath(list.items[0]!.coverPageId!);
    expect(thumb.startsWith(path.join(dir, 'cache'))).toBe(true);
    const meta = await sharp(thumb).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 400, height: Math.round((1754 * 400) / 1240) });
  });

  it('imports a PNG, recognises a second import of the same file under another name, and renames', async () => {
    const { api } = await project();
    const dir = tempDir();
    const png = await makeImage('png');
    writeFileSync(path.join(dir, 'trang_1.png'), png);
    writeFileSync(path.join(dir, 'bản sao.png'), png);
    const first = await api.archive.importPaths({ paths: [path.join(dir, 'trang_1.png')] });
    expect(first.outcomes[0]).toMatchObject({ status: 'imported', documentId: 1 });
    const again = await api.archive.importPaths({ paths: [path.join(dir, 'bản sao.png')] });
    expect(again.outcomes[0]).toEqual({ input: path.join(dir, 'bản sao.png'), status: 'duplicate', documentId: 1 });
    const renamed = await api.archive.updateDocument({ baseVersion: (await api.archive.getDocument({ id: 1 })).version, id: 1, title: '  Chỉ thị số 17-CT/TW  '.normalize('NFD') });
    expect(renamed.title).toBe('Chỉ thị số 17-CT/TW');
    expect((await api.archive.getDocument({ id: 1 })).pages[0]).toMatchObject({ seq: 1, mime: 'image/png', width: 800, height: 1100 });
  });

  it('rejects a non-image and an empty file with a reason, and imports the rest of the batch', async () => {
    const { api } = await project();
    const dir = tempDir();
    const good = path.join(dir, 'tốt.jpg');
    writeFileSync(good, await makeImage('jpeg', 600, 800, 7));
    const empty = path.join(dir, 'rỗng.jpg');
    writeFileSync(empty, '');
    const text = path.join(dir, 'ghi chú.png');
    writeFileSync(text, 'không phải ảnh');
    const report = await api.archive.importPaths({ paths: [empty, text, good, path.join(dir, 'không có.jpg')] });
    expect(report.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'imported', 'rejected']);
    expect(report.outcomes[0]).toMatchObject({ reason: expect.stringContaining('rỗng.jpg') });
    expect((await api.archive.listDocuments({})).total).toBe(1);
  });

  it('saves chapter text as NFC and exports the book to a PDF whose text reads back exactly', async () => {
    const { api } = await project();
    const book = await api.manuscript.createBook({ kind: 'history', title: 'Lịch sử Đảng bộ xã Bình Lư' });
    const chapter = await api.manuscript.addChapter({ bookId: book.id, title: 'Vùng đất, con người' });
    const sentence = 'Ngày 19-8-1945, nhân dân các dân tộc huyện Tam Đường nổi dậy giành chính quyền.';
    await api.manuscript.saveChapter({
      id: chapter.id,
      baseVersion: chapter.version,
      doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: sentence.normalize('NFD') }] }] },
    });
    const saved = await api.manuscript.getChapter({ id: chapter.id });
    expect(JSON.stringify(saved.doc)).toContain(sentence);
    // The host writes the file where the user chose (atomically); nothing crosses the API but a handle.
    const out = path.join(tempDir(), 'book.pdf');
    writeFileSync(out, 'the previous export');
    const pdf = await api.publish.exportPdf({ bookId: book.id, path: out });
    expect(pdf.fileName).toBe('Lịch sử Đảng bộ xã Bình Lư.pdf');
    expect(pdf.pages).toBeGreaterThan(0);
    expect(pdf.path).toBe(out);
    expect(pdf.size).toBe(statSync(out).size);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(sentence);
    expect(statSync(out).size).toBeGreaterThan(1000);
    expect(existsSync(out)).toBe(true);
  });

  it('answers every call with a clear sentence when no project is open', async () => {
    const c = connect();
    open.push(c);
    await expect(c.api.archive.listDocuments({})).rejects.toThrow('Chưa mở dự án nào.');
    await expect(c.api.manuscript.listBooks({})).rejects.toThrow('Chưa mở dự án nào.');
  });
});
