/**
 * Bad input never loses work: each bad file is rejected with a reason a user understands, the
 * good files of the same batch all import, and no partial document or stored file remains.
 */
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';
import { sha256Of } from '../../../electron/core/archive/blobStore';
import { makeDocx, makePasswordPdf, makeScan, makeScannedPdf, makeTiff, openNewProject, pngHeaderClaiming, tempDir } from './fixtures';

type Project = Awaited<ReturnType<typeof openNewProject>>;

/** Every original under files/ (relative names). */
function storedFiles(dir: string): string[] {
  const filesDir = new ProjectLayout(dir).filesDir;
  if (!existsSync(filesDir)) return [];
  return readdirSync(filesDir).flatMap((d) => readdirSync(path.join(filesDir, d)));
}

/** Staged copies left in cache/tmp (there must be none once a job has ended). */
function stagedLeftovers(dir: string): string[] {
  const tmp = new ProjectLayout(dir).tmpDir;
  return existsSync(tmp) ? readdirSync(tmp) : [];
}

describe('bad input in one batch', () => {
  let p: Project;
  const good: { path: string; bytes: Buffer }[] = [];
  const bad: { path: string; reason: RegExp }[] = [];
  let outcomes: Awaited<ReturnType<Project['api']['archive']['importPaths']>>['outcomes'];
  const inputs: string[] = [];

  beforeAll(async () => {
    p = await openNewProject();
    const dir = path.join(tempDir(), 'thư mục có   dấu cách');
    mkdirSync(dir);
    const add = (name: string, bytes: Buffer | Uint8Array, reason?: RegExp) => {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      inputs.push(file);
      if (reason) bad.push({ path: file, reason });
      else good.push({ path: file, bytes: Buffer.from(bytes) });
    };
    const jpeg = await makeScan('jpeg', 400, 560, 1);
    const scannedPdf = (await makeScannedPdf(2)).pdf;
    add('tốt 1.jpg', jpeg);
    add('trống.jpg', Buffer.alloc(0), /^trống\.jpg: tệp rỗng \(0 byte\)\.$/);
    add('cắt cụt.jpg', jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), /^cắt cụt\.jpg: tệp ảnh JPEG bị hỏng hoặc không trọn vẹn/);
    add('thực ra là PNG.jpg', await makeScan('png', 300, 420, 2)); // wrong extension: imported by content
    add('văn bản.jpg', Buffer.from('Đây không phải là ảnh, chỉ là văn bản.\n'), /^văn bản\.jpg: tên tệp là ảnh JPEG nhưng nội dung là văn bản/);
    add('nhị phân.png', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /^nhị phân\.png: tên tệp là ảnh PNG nhưng nội dung không phải, hoặc tệp bị hỏng\.$/);
    add('mật khẩu.pdf', await makePasswordPdf(), /^mật khẩu\.pdf: tệp PDF có mật khẩu bảo vệ/);
    add('hỏng.pdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage garbage\nxref\n0 0\ntrailer\n<<>>\n%%EOF\n'), /^hỏng\.pdf: tệp PDF bị hỏng/);
    add('nửa tệp.pdf', scannedPdf.subarray(0, Math.floor(scannedPdf.length / 2)), /^nửa tệp\.pdf: tệp PDF không trọn vẹn \(bị cắt cụt/);
    add('bom.png', pngHeaderClaiming(100_000, 100_000), /^bom\.png: ảnh quá lớn \(100000×100000 điểm ảnh/);
    add('không phải zip.docx', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 31 + 7) % 256)), /^không phải zip\.docx: không phải tài liệu Word \(\.docx\) hợp lệ/);
    add('văn bản thường.docx', Buffer.from('chỉ là chữ'), /^văn bản thường\.docx: không phải tài liệu Word \(\.docx\) hợp lệ/);
    const tiff = await makeTiff(3);
    add('tiff cụt.tif', tiff.subarray(0, Math.floor(tiff.length * 0.5)), /^tiff cụt\.tif: .*(bị hỏng|không trọn vẹn)/);
    add('Nghị quyết NFD.jpg'.normalize('NFD'), await makeScan('jpeg', 200, 280, 3));
    add('Nghị quyết NFC.jpg'.normalize('NFC'), await makeScan('jpeg', 200, 280, 4));
    add('tài liệu   nhiều dấu cách.docx', await makeDocx());
    add('tốt 2.pdf', scannedPdf);
    outcomes = (await p.api.archive.importPaths({ paths: inputs })).outcomes;
  });

  afterAll(() => p.close());

  it('gives every input an outcome, in input order', () => {
    expect(outcomes.map((o) => o.input)).toEqual(inputs);
  });

  it('rejects each bad file with its reason', () => {
    for (const b of bad) {
      const o = outcomes.find((x) => x.input === b.path)!;
      expect(o, b.path).toMatchObject({ status: 'rejected' });
      expect((o as { reason: string }).reason.normalize('NFC')).toMatch(b.reason);
    }
  });

  it('imports every good file, whatever its name says or its Unicode form', async () => {
    for (const g of good) {
      const o = outcomes.find((x) => x.input === g.path)!;
      expect(o, g.path).toMatchObject({ status: 'imported' });
    }
    const png = outcomes.find((o) => o.input.endsWith('thực ra là PNG.jpg'))!;
    const doc = await p.api.archive.getDocument({ id: (png as { documentId: number }).documentId });
    expect(doc.pages[0]!.mime).toBe('image/png');
    const titles = (await p.api.archive.listDocuments({})).items.map((d) => d.title);
    expect(titles).toContain('Nghị quyết NFD'.normalize('NFC'));
    expect(titles).toContain('Nghị quyết NFC');
    expect(titles.every((t) => t === t.normalize('NFC'))).toBe(true);
  });

  it('leaves no partial document and no stray original', async () => {
    const list = await p.api.archive.listDocuments({});
    expect(list.total).toBe(good.length);
    const stored = storedFiles(p.dir).sort();
    expect(stored).toEqual(good.map((g) => sha256Of(g.bytes)).sort());
    expect(stagedLeftovers(p.dir)).toEqual([]);
    const check = await p.api.archive.check({});
    expect(check).toMatchObject({ ok: true, problems: [], unreferenced: [] });
  });

  it('recognises a file imported twice as a duplicate', async () => {
    const again = await p.api.archive.importPaths({ paths: [good[0]!.path] });
    const first = outcomes.find((o) => o.input === good[0]!.path) as { documentId: number };
    expect(again.outcomes).toEqual([{ input: good[0]!.path, status: 'duplicate', documentId: first.documentId }]);
  });

  it('reports a missing path and a bad upload without touching the project', async () => {
    const before = (await p.api.archive.listDocuments({})).total;
    const r = await p.api.archive.importPaths({ paths: [path.join(tempDir(), 'không có.jpg')] });
    expect(r.outcomes[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('không tìm thấy') });
    // An upload is imported from the file it was streamed to: here an error page saved under a PDF's name.
    const upload = path.join(tempDir(), 'tải lên.pdf');
    writeFileSync(upload, '<html>lỗi 404</html>');
    const up = await p.api.archive.importPaths({ paths: [upload] });
    expect(up.outcomes[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('nội dung là văn bản') });
    expect((await p.api.archive.listDocuments({})).total).toBe(before);
    expect(storedFiles(p.dir).length).toBe(good.length);
    expect(stagedLeftovers(p.dir)).toEqual([]);
  });
});
