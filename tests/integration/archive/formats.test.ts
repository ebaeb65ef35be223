/** Every import format, through the real services and contract client, into a real project. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import {
  makeCcittPdf,
  makeDocx,
  makeScan,
  makeScannedPdf,
  makeTextPdf,
  makeTiff,
  openNewProject,
  portalHtml,
  tempDir,
  tiffTags,
} from './fixtures';

let project: Awaited<ReturnType<typeof openNewProject>> | null = null;
afterEach(() => {
  project?.close();
  project = null;
});

async function importOne(name: string, bytes: Uint8Array) {
  project ??= await openNewProject();
  const dir = tempDir();
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const report = await project.api.archive.importPaths({ paths: [file] });
  expect(report.outcomes).toHaveLength(1);
  const o = report.outcomes[0]!;
  if (o.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(o)}`);
  return project.api.archive.getDocument({ id: o.documentId });
}

describe('importing every format', () => {
  it('JPEG and PNG: one page, the original is the page image, thumbnail in cache/', async () => {
    const jpeg = await importOne('trang 1.jpg', await makeScan('jpeg', 620, 877, 1));
    expect(jpeg.pageCount).toBe(1);
    expect(jpeg.pages[0]).toMatchObject({ width: 620, height: 877, mime: 'image/jpeg', imageKind: 'original' });
    const png = await importOne('trang 2.png', await makeScan('png', 300, 400, 2));
    expect(png.pages[0]).toMatchObject({ width: 300, height: 400, mime: 'image/png' });
    const t = await (project!.app.files.thumbnailPath(png.pages[0]!.id));
    expect(t.startsWith(path.join(project!.dir, 'cache'))).toBe(true);
    expect((await sharp(t).metadata()).format).toBe('jpeg');
  });

  it('multi-page TIFF: one document with every page', async () => {
    const doc = await importOne('hồ sơ.tif', await makeTiff(3));
    expect(doc.pageCount).toBe(3);
    expect(doc.pages.map((p) => p.filePage)).toEqual([0, 1, 2]);
    expect(doc.pages.every((p) => p.width === 600 && p.height === 800 && p.imageKind === 'raster')).toBe(true);
    // Browsers cannot show TIFF: the page image is a PNG preview of that page.
    const img = await project!.archive.pageImageOf(doc.pages[2]!.id);
    expect(img.mime).toBe('image/png');
    expect(await sharp(img.path).metadata()).toMatchObject({ width: 600, height: 800 });
  });

  it('1-bit CCITT G4 TIFF, two pages', async () => {
    const tiff = await makeTiff(2, { ccitt: true });
    expect(tiffTags(tiff).get(259)).toEqual([4]); // Compression: CCITT T.6 (G4)
    expect(tiffTags(tiff).get(258)).toEqual([1]); // 1 bit per sample
    const doc = await importOne('ccitt.tiff', tiff);
    expect(doc.pageCount).toBe(2);
  });

  it('scanned PDF: each page keeps its JPEG byte-identical', async () => {
    const { pdf, jpegs } = await makeScannedPdf(3);
    const doc = await importOne('biên bản.pdf', pdf);
    expect(doc.pageCount).toBe(3);
    for (const [i, page] of doc.pages.entries()) {
      expect(page).toMatchObject({ imageKind: 'pdf-image', width: 620, height: 877, mime: 'application/pdf', filePage: i });
      const img = await project!.archive.pageImageOf(page.id);
      expect(img.mime).toBe('image/jpeg');
      expect(Buffer.compare(readFileSync(img.path), jpegs[i]!)).toBe(0);
    }
  });

  it('scanned PDF page with /Rotate keeps the JPEG and records the rotation', async () => {
    const { pdf } = await makeScannedPdf(1, { rotate: 90 });
    const doc = await importOne('xoay.pdf', pdf);
    expect(doc.pages[0]).toMatchObject({ imageKind: 'pdf-image', rotation: 90 });
  });

  it('PDF page that is one CCITT G4 image keeps the G4 data untouched (in a TIFF container)', async () => {
    const { pdf, g4, width, height } = await makeCcittPdf();
    const doc = await importOne('fax.pdf', pdf);
    const page = doc.pages[0]!;
    expect(page).toMatchObject({ imageKind: 'pdf-image', width, height });
    const { derivativePath } = await import('../../../electron/core/archive/cachePaths');
    const { ProjectLayout } = await import('../../../electron/core/store/projectLayout');
    const tif = readFileSync(derivativePath(new ProjectLayout(project!.dir), page.fileSha256, 0, 'image/tiff'));
    expect(Buffer.from(tif).includes(Buffer.from(g4))).toBe(true);
    // And it decodes to the same picture: mostly white, with black lines.
    const { data } = await sharp(tif).greyscale().raw().toBuffer({ resolveWithObject: true });
    const white = data.filter((v) => v > 128).length / data.length;
    expect(white).toBeGreaterThan(0.7);
    expect(white).toBeLessThan(0.999);
  });

  it('born-digital PDF: pages rendered, text extracted', async () => {
    const pdf = await makeTextPdf([['Bao cao so 12-BC/TU', 'Tinh uy Lai Chau'], ['Trang hai']]);
    const doc = await importOne('báo cáo.pdf', pdf);
    expect(doc.pageCount).toBe(2);
    expect(doc.pages[0]!.imageKind).toBe('pdf-render');
    expect(doc.pages[0]!.text).toContain('Bao cao so 12-BC/TU');
    expect(doc.pages[0]!.textSource).toBe('extracted');
    expect(doc.pages[1]!.text).toBe('Trang hai');
    // Rendered at 150 dpi: A4 is 1240 × 1754 pixels.
    expect(doc.pages[0]!.width).toBe(1240);
    expect(doc.pages[0]!.height).toBe(1754);
    const img = await project!.archive.pageImageOf(doc.pages[0]!.id);
    expect(img.mime).toBe('image/png');
  });

  it('DOCX: text with its footnotes', async () => {
    const doc = await importOne('báo cáo.docx', await makeDocx());
    expect(doc.pageCount).toBe(1);
    const text = doc.pages[0]!.text;
    expect(doc.title).toBe('Báo cáo tình hình năm 1950');
    expect(text).toContain('Tháng 3-1950, Tỉnh ủy họp bàn nhiệm vụ kháng chiến[1].');
    expect(text).toContain('[1] Lưu tại Kho Lưu trữ Tỉnh ủy, Phông số 1, Hồ sơ số 45.');
    expect(text).toContain('[2] Theo lời kể của ông Nguyễn Văn A.');
    expect(text).not.toContain('↑');
    expect(doc.pages[0]!.imageKind).toBe('text');
  });

  it('HTML saved from a portal: the article only', async () => {
    const doc = await importOne('bài viết.html', Buffer.from(portalHtml(), 'utf8'));
    const text = doc.pages[0]!.text;
    expect(doc.title).toBe('Cách mạng Tháng Tám ở tỉnh nhà');
    expect(text).toContain('Ngày 19-8-1945, nhân dân trong tỉnh đã nổi dậy giành chính quyền');
    expect(text).toContain('Bài học về xây dựng lực lượng chính trị');
    for (const noise of ['Trang chủ', 'Tin liên quan', 'Kỷ niệm 75 năm', 'Lượt truy cập', 'Đang trực tuyến', 'Bản quyền', 'Kinh tế', 'Chuyên mục']) {
      expect(text).not.toContain(noise);
    }
  });

  it('plain text in UTF-8, UTF-16 and Windows-1258, stored NFC', async () => {
    const s = 'Nghị quyết số 16-NQ/TW\nvề công tác xây dựng Đảng';
    const utf8 = await importOne('a.txt', Buffer.from(s.normalize('NFD'), 'utf8'));
    expect(utf8.pages[0]!.text).toBe(s.normalize('NFC'));
    const utf16 = await importOne('b.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s + ' (16)', 'utf16le')]));
    expect(utf16.pages[0]!.text).toBe(s + ' (16)');
    const iconv = (await import('iconv-lite')).default;
    // Windows-1258 writes tone marks as combining characters after a precomposed base (ô, ư, ă …).
    const cp1258Form = (t: string) =>
      t.normalize('NFD').replace(/(\P{M})(\p{M}*)/gu, (_, base: string, marks: string) => {
        const tones = marks.replace(/[^\u0300\u0301\u0303\u0309\u0323]/g, '');
        return (base + marks.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '')).normalize('NFC') + tones;
      });
    const cp = await importOne('c.txt', iconv.encode(cp1258Form('Báo cáo tình hình Đảng bộ'), 'cp1258'));
    expect(cp.pages[0]!.text).toBe('Báo cáo tình hình Đảng bộ');
  });

  it('a folder recursively, in natural name order, or as one document', async () => {
    project ??= await openNewProject();
    const dir = path.join(tempDir(), 'Hồ sơ 45');
    mkdirSync(path.join(dir, 'phụ lục'), { recursive: true });
    for (const n of [10, 2, 1]) writeFileSync(path.join(dir, `trang${n}.jpg`), await makeScan('jpeg', 200, 280, n));
    writeFileSync(path.join(dir, 'phụ lục', 'pl1.png'), await makeScan('png', 200, 280, 50));
    writeFileSync(path.join(dir, '.DS_Store'), 'x');
    const r = await project.api.archive.importPaths({ paths: [dir] });
    expect(r.outcomes.map((o) => path.basename(o.input))).toEqual(['phụ lục', 'trang1.jpg', 'trang2.jpg', 'trang10.jpg'].map((n) => (n === 'phụ lục' ? 'pl1.png' : n)));
    expect(r.outcomes.every((o) => o.status === 'imported')).toBe(true);

    const dir2 = path.join(tempDir(), 'Hồ sơ 46');
    mkdirSync(dir2);
    for (const n of [10, 2, 1]) writeFileSync(path.join(dir2, `page${n}.jpg`), await makeScan('jpeg', 200, 280, 100 + n));
    const r2 = await project.api.archive.importPaths({ paths: [dir2], folderAsDocument: true });
    expect(r2.outcomes).toEqual([{ input: dir2, status: 'imported', documentId: expect.any(Number), pages: 3 }]);
    const doc = await project.api.archive.getDocument({ id: (r2.outcomes[0] as { documentId: number }).documentId });
    expect(doc.title).toBe('Hồ sơ 46');
    expect(doc.pages.map((p) => p.width)).toEqual([200, 200, 200]);
    expect(existsSync(dir2)).toBe(true);
  });
});

describe('DOCX safety and old fonts', () => {
  it('refuses a DOCX whose parts would expand beyond the limit (zip bomb)', async () => {
    const { zipUncompressedSize, MAX_DOCX_UNCOMPRESSED } = await import('../../../electron/core/archive/importers/docxImporter');
    const real = await makeDocx();
    expect(zipUncompressedSize(real)).toBeGreaterThan(0);
    // Claim a huge uncompressed size for the first entry of the central directory.
    const bomb = Buffer.from(real);
    const cd = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(MAX_DOCX_UNCOMPRESSED + 1, cd + 24);
    const p = await openNewProject();
    try {
      const file = path.join(tempDir(), 'bom.docx');
      writeFileSync(file, bomb);
      const r = await p.api.archive.importPaths({ paths: [file] });
      expect(r.outcomes[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^bom\.docx: tài liệu Word giải nén ra quá lớn/) });
      expect((await p.api.archive.listDocuments({})).total).toBe(0);
    } finally {
      p.close();
    }
  });

  it('converts a DOCX typed in a TCVN3 font to Unicode', async () => {
    const { encodeLegacy } = await import('../../../shared/text/legacyEncoding');
    const { Document, Packer, Paragraph, TextRun } = await import('docx');
    const s = 'Ban Chấp hành Đảng bộ tỉnh họp phiên bất thường để bàn việc xây dựng lực lượng';
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun({ text: encodeLegacy(s, 'tcvn3'), font: '.VnTime' })] })] }] }),
    );
    const doc = await importOne('cũ.docx', docx);
    expect(doc.pages[0]!.text).toBe(s);
  });
});

describe('derived files', () => {
  it('cache/ can be deleted: page images and thumbnails are made again from the originals', async () => {
    const { rmSync } = await import('node:fs');
    const p = await openNewProject();
    try {
      const dir = tempDir();
      const { pdf, jpegs } = await makeScannedPdf(2);
      writeFileSync(path.join(dir, 'quét.pdf'), pdf);
      writeFileSync(path.join(dir, 'số.pdf'), await makeTextPdf([['So 1']]));
      writeFileSync(path.join(dir, 'nhiều trang.tif'), await makeTiff(2));
      writeFileSync(path.join(dir, 'ghi chú.txt'), 'Ghi chú của người biên soạn');
      const r = await p.api.archive.importPaths({ paths: [dir] });
      expect(r.outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
      const docs = await Promise.all(r.outcomes.map((o) => p.api.archive.getDocument({ id: (o as { documentId: number }).documentId })));
      const pages = docs.flatMap((d) => d.pages);
      const before = await Promise.all(pages.filter((pg) => pg.imageKind !== 'text').map((pg) => p.archive.pageImageOf(pg.id)));
      const beforeBytes = before.map((b) => readFileSync(b.path));

      rmSync(path.join(p.dir, 'cache'), { recursive: true, force: true });

      const after = await Promise.all(pages.filter((pg) => pg.imageKind !== 'text').map((pg) => p.archive.pageImageOf(pg.id)));
      expect(after.map((a) => a.mime)).toEqual(before.map((b) => b.mime));
      // The scans extracted from the PDF come back byte-identical to the JPEGs that went in.
      const scanned = docs.find((d) => d.pages[0]!.imageKind === 'pdf-image')!;
      for (const [i, pg] of scanned.pages.entries()) {
        expect(Buffer.compare(readFileSync((await p.archive.pageImageOf(pg.id)).path), jpegs[i]!)).toBe(0);
      }
      for (const [i, a] of after.entries()) {
        const m = await sharp(a.path).metadata();
        const b = await sharp(beforeBytes[i]!).metadata();
        expect([m.width, m.height]).toEqual([b.width, b.height]);
      }
      for (const pg of pages) {
        const t = await p.app.files.thumbnailPath(pg.id);
        expect((await sharp(t).metadata()).width).toBeLessThanOrEqual(400);
      }
      await expect(p.archive.pageImageOf(pages.find((pg) => pg.imageKind === 'text')!.id)).rejects.toThrow(/văn bản/);
    } finally {
      p.close();
    }
  });
});

describe('PDF pages that are not plain scans', () => {
  it('an OCR-ed scan keeps its JPEG and gets its invisible text layer', async () => {
    const { PDFDocument, StandardFonts, TextRenderingMode } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const jpg = await makeScan('jpeg', 620, 877, 77);
    const img = await doc.embedJpg(jpg);
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
    page.drawText('Chi thi so 17-CT/TW', { x: 60, y: 700, size: 14, font, renderMode: TextRenderingMode.Invisible } as never);
    const d = await importOne('ocr.pdf', await doc.save());
    expect(d.pages[0]).toMatchObject({ imageKind: 'pdf-image', text: 'Chi thi so 17-CT/TW', textSource: 'extracted' });
    expect(Buffer.compare(readFileSync((await project!.archive.pageImageOf(d.pages[0]!.id)).path), jpg)).toBe(0);
  });

  it('a born-digital page with a small logo is rendered, not replaced by the logo', async () => {
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const logo = await doc.embedJpg(await makeScan('jpeg', 200, 200, 5));
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(logo, { x: 40, y: 740, width: 60, height: 60 });
    page.drawText('Cong van so 125/SGDDT-VP', { x: 120, y: 760, size: 14, font });
    const d = await importOne('logo.pdf', await doc.save());
    expect(d.pages[0]).toMatchObject({ imageKind: 'pdf-render', text: 'Cong van so 125/SGDDT-VP' });
    // Rendered at the logo's resolution (200 px over 60 pt), not below 72 dpi.
    expect(d.pages[0]!.width).toBeGreaterThanOrEqual(595);
  });
});
