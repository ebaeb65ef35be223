/**
 * Real source files made by the tests: scans (JPEG, PNG, multi-page and CCITT TIFF), PDFs
 * (scanned, born-digital, password-protected, damaged), DOCX with footnotes, a portal web page,
 * text in several encodings. Nothing is mocked: every file is read by the real importers.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, FootnoteReferenceRun, Packer, Paragraph, TextRun, HeadingLevel } from 'docx';
import { PDFDocument, PDFName, PDFHexString, StandardFonts, PDFArray, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { createClient } from '../../../shared/api/client';
import { createServices } from '../../../electron/core/services';
import type { ArchiveService } from '../../../electron/core/archive/archiveService';

export function tempDir(prefix = 'suquan-archive-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The real services behind the real contract client, with a freshly created project. */
export async function openNewProject(title = 'Dự án thử') {
  const app = createServices({ defaultParent: tempDir() } as Parameters<typeof createServices>[0]);
  const api = createClient((s, m, a) => app.dispatch(s, m, a));
  const dir = path.join(tempDir(), 'Dự án.suquan');
  await api.project.create({ path: dir, title });
  const archive = app.services.archive as unknown as ArchiveService;
  return { app, api, dir, archive, close: () => app.dispose() };
}

function svgPage(width: number, height: number, seed: number): Buffer {
  const lines = Array.from({ length: 12 }, (_, i) => `<rect x="${60 + ((seed * 7 + i * 13) % 40)}" y="${120 + i * 60}" width="${(width * 0.6) | 0}" height="14" fill="#333"/>`).join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f6f1e4"/>${lines}<text x="60" y="80" font-size="40">${seed}</text></svg>`,
  );
}

/** A scan-like page image; `seed` makes each one different (distinct hashes). */
export async function makeScan(format: 'jpeg' | 'png', width = 620, height = 877, seed = 0): Promise<Buffer> {
  const img = sharp(svgPage(width, height, seed));
  return format === 'jpeg' ? img.jpeg({ quality: 80 }).toBuffer() : img.png().toBuffer();
}

/** A multi-page TIFF (each page a different image); `ccitt` makes 1-bit CCITT G4 pages. */
export async function makeTiff(pages: number, opts: { ccitt?: boolean; width?: number; height?: number } = {}): Promise<Buffer> {
  const width = opts.width ?? 600;
  const height = opts.height ?? 800;
  const frames = await Promise.all(
    Array.from({ length: pages }, (_, i) => sharp(svgPage(width, height, i + 1)).flatten({ background: '#fff' }).raw().toBuffer()),
  );
  return toMultiPage(Buffer.concat(frames), width, height, pages, opts.ccitt ?? false);
}

async function toMultiPage(stacked: Buffer, width: number, height: number, pages: number, ccitt: boolean): Promise<Buffer> {
  let img = sharp(stacked, { raw: { width, height: height * pages, channels: 3, pageHeight: height } as never });
  if (ccitt) img = img.threshold(128).toColourspace('b-w');
  return img.tiff(ccitt ? { compression: 'ccittfax4', bitdepth: 1 } : { compression: 'lzw' }).toBuffer();
}

/** A scanned PDF: every page is one JPEG drawn over the whole page. */
export async function makeScannedPdf(pages: number, opts: { jpegs?: Buffer[]; rotate?: number } = {}): Promise<{ pdf: Uint8Array; jpegs: Buffer[] }> {
  const doc = await PDFDocument.create();
  const jpegs = opts.jpegs ?? (await Promise.all(Array.from({ length: pages }, (_, i) => makeScan('jpeg', 620, 877, i + 1))));
  for (const jpg of jpegs) {
    const img = await doc.embedJpg(jpg);
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
    if (opts.rotate) page.setRotation({ type: 'degrees', angle: opts.rotate } as never);
  }
  return { pdf: await doc.save(), jpegs };
}

/** A born-digital PDF with text (Helvetica: ASCII only) on each page. */
export async function makeTextPdf(lines: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const pageLines of lines) {
    const page = doc.addPage([595.28, 841.89]);
    pageLines.forEach((l, i) => page.drawText(l, { x: 60, y: 760 - i * 24, size: 14, font }));
  }
  return doc.save();
}

/**
 * A PDF that needs a password to open: a Standard security handler whose user password is not
 * empty (the /U entry does not match the empty password), as a reader sees it.
 */
export async function makePasswordPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([300, 300]).drawText('secret', { x: 20, y: 200, size: 20, font });
  const ctx = doc.context;
  const hex = (n: number, seed: number) => PDFHexString.of(Array.from({ length: n }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join(''));
  const encrypt = ctx.obj({ Filter: 'Standard', V: 1, R: 2, O: hex(32, 11), U: hex(32, 99), P: -44 });
  const ref = ctx.register(encrypt);
  ctx.trailerInfo.Encrypt = ref;
  ctx.trailerInfo.ID = ctx.obj([hex(16, 5), hex(16, 5)]) as PDFArray;
  return doc.save({ useObjectStreams: false });
}

/** A PDF page that is one CCITT G4 image (the data taken from a G4 TIFF made by libvips). */
export async function makeCcittPdf(): Promise<{ pdf: Uint8Array; g4: Uint8Array; width: number; height: number }> {
  const width = 400;
  const height = 576;
  // One tile as large as the image: the G4 data of the whole page in one piece.
  const tiff = await sharp(svgPage(width, height, 3))
    .flatten({ background: '#fff' })
    .threshold(128)
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, tile: true, tileWidth: width, tileHeight: height })
    .toBuffer();
  const { data: g4 } = readSingleStrip(tiff);
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const stream = PDFRawStream.of(
    ctx.obj({
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
      Filter: 'CCITTFaxDecode',
      DecodeParms: { K: -1, Columns: width, Rows: height, BlackIs1: true },
    }),
    g4,
  );
  const imgRef = ctx.register(stream);
  const page = doc.addPage([width * 0.72 * 2, height * 0.72 * 2]);
  page.node.setXObject(PDFName.of('Im0'), imgRef);
  const content = ctx.flateStream(`q ${width * 1.44} 0 0 ${height * 1.44} 0 0 cm /Im0 Do Q`);
  page.node.set(PDFName.of('Contents'), ctx.register(content));
  return { pdf: await doc.save(), g4, width, height };
}

/** The tags of a little-endian TIFF's first directory. */
export function tiffTags(tiff: Uint8Array): Map<number, number[]> {
  const v = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (v.getUint16(0) !== 0x4949) throw new Error('expected little-endian TIFF');
  const ifd = v.getUint32(4, true);
  const n = v.getUint16(ifd, true);
  const values = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const at = ifd + 2 + i * 12;
    const tag = v.getUint16(at, true);
    const type = v.getUint16(at + 2, true);
    const count = v.getUint32(at + 4, true);
    const size = type === 3 ? 2 : 4;
    const base = count * size > 4 ? v.getUint32(at + 8, true) : at + 8;
    const vals: number[] = [];
    for (let k = 0; k < count; k++) vals.push(size === 2 ? v.getUint16(base + k * 2, true) : v.getUint32(base + k * 4, true));
    values.set(tag, vals);
  }
  return values;
}

/** The image data of a TIFF stored in one strip or one tile. */
export function readSingleStrip(tiff: Uint8Array): { data: Uint8Array } {
  const values = tiffTags(tiff);
  const offsets = values.get(273) ?? values.get(324)!;
  const counts = values.get(279) ?? values.get(325)!;
  if (offsets.length !== 1) throw new Error(`expected one strip, got ${offsets.length}`);
  return { data: tiff.slice(offsets[0]!, offsets[0]! + counts[0]!) };
}

/** A DOCX with a heading, body text in Vietnamese and two real footnotes. */
export async function makeDocx(): Promise<Buffer> {
  const doc = new Document({
    footnotes: {
      1: { children: [new Paragraph('Lưu tại Kho Lưu trữ Tỉnh ủy, Phông số 1, Hồ sơ số 45.')] },
      2: { children: [new Paragraph('Theo lời kể của ông Nguyễn Văn A.')] },
    },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Báo cáo tình hình năm 1950', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun('Tháng 3-1950, Tỉnh ủy họp bàn nhiệm vụ kháng chiến'), new FootnoteReferenceRun(1), new TextRun('.')] }),
          new Paragraph({ children: [new TextRun('Phong trào phát triển mạnh ở các xã'), new FootnoteReferenceRun(2), new TextRun('.')] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A provincial portal's article page, with menus, banners, related news and a visitor counter. */
export function portalHtml(): string {
  const para = (s: string) => `<p>${s}</p>`;
  const body = [
    'Ngày 19-8-1945, nhân dân trong tỉnh đã nổi dậy giành chính quyền về tay nhân dân, mở ra kỷ nguyên mới cho quê hương.',
    'Dưới sự lãnh đạo của Tỉnh ủy lâm thời, các đội tự vệ chiếm công sở, bắt giữ bọn tay sai và thành lập Ủy ban nhân dân cách mạng lâm thời.',
    'Thắng lợi của cuộc khởi nghĩa là kết quả của quá trình chuẩn bị lâu dài, bền bỉ của Đảng bộ và nhân dân trong tỉnh suốt mười lăm năm đấu tranh.',
    'Bài học về xây dựng lực lượng chính trị của quần chúng vẫn còn nguyên giá trị trong công cuộc đổi mới hôm nay.',
  ]
    .map(para)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Cách mạng Tháng Tám ở tỉnh nhà - Cổng thông tin điện tử tỉnh</title></head>
<body>
<div class="header"><div class="banner"><img src="banner.jpg" alt="Cổng thông tin điện tử tỉnh"></div>
<ul class="menu-top"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">Tin tức - Sự kiện</a></li></ul></div>
<div class="main-container">
<div class="sidebar-left"><h3>Chuyên mục</h3><ul><li><a href="/a">Kinh tế</a></li><li><a href="/b">Văn hóa</a></li></ul></div>
<div class="article-detail">
<h1 class="title">Cách mạng Tháng Tám ở tỉnh nhà</h1>
<div class="content-detail">
${body}
</div>
<div class="box-tinlienquan"><h3>Tin liên quan</h3><ul><li><a href="/x">Kỷ niệm 75 năm ngày thành lập Đảng bộ tỉnh</a></li><li><a href="/y">Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5</a></li></ul></div>
</div>
<div class="thongke"><p>Lượt truy cập: 1.234.567</p><p>Đang trực tuyến: 89</p></div>
</div>
<div class="footer">Bản quyền thuộc Văn phòng UBND tỉnh. Địa chỉ: số 1 đường Trần Hưng Đạo.</div>
</body></html>`;
}

/** The PNG signature and an IHDR claiming width × height, nothing else: a decompression bomb's header. */
export function pngHeaderClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  // A small zlib stream of zeros: the file is tiny, the claimed image is 30 GB of pixels.
  const idat = Buffer.from('789c636000000000010001', 'hex');
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
