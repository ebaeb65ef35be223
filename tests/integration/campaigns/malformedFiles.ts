/**
 * Malformed source files for the import campaign (malformed.test.ts): valid seeds made here (sharp,
 * pdf-lib, docx, hand-written PDF and ZIP), then broken on purpose — truncated at many offsets,
 * bytes flipped by a seeded PRNG (the same files every run), zip bombs, zip-slip entry names,
 * self-referencing PDF objects, absurd declared image sizes, encrypted PDFs, wrong extensions,
 * empty files — each with what the import must make of it.
 */
import { crc32, deflateRawSync, deflateSync, inflateRawSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { makeDocx, makePasswordPdf, makeScan, makeTiff, pngHeaderClaiming, portalHtml } from '../archive/fixtures';

/**
 * What the import must do with a file: 'reject' (a clear sentence), 'import' (a good file: it
 * must become a document), 'import-or-duplicate' (good bytes under another name), 'any' (a fuzzed
 * file that may still be readable: imported or refused with a clear sentence, never more).
 */
export type Expect = 'reject' | 'import' | 'import-or-duplicate' | 'any';

export interface CampaignFile {
  name: string;
  bytes: Uint8Array;
  expect: Expect;
  /** What kind of damage, for the report. */
  kind: string;
}

/** mulberry32 (the generated books' PRNG): picks kill moments and file shapes reproducibly. */
import { rng as prng } from '../../unit/publish/fixtures';
export { prng };

// ---- ZIP, by hand ------------------------------------------------------------------------------

export interface ZipEntry {
  name: string;
  /** Uncompressed bytes (deflated here unless `raw` is given). */
  data?: Uint8Array;
  /** Already-deflated bytes, with the sizes to declare. */
  raw?: { compressed: Uint8Array; uncompressedSize: number; crc: number };
  /** Size to declare instead of the real one (a lying zip). */
  declaredSize?: number;
}

/** A ZIP file (deflate, no ZIP64) from its entries. */
export function makeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const compressed = e.raw ? e.raw.compressed : deflateRawSync(e.data ?? new Uint8Array(0));
    const size = e.declaredSize ?? (e.raw ? e.raw.uncompressedSize : (e.data?.length ?? 0));
    const crc = e.raw ? e.raw.crc : crc32(e.data ?? new Uint8Array(0));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(compressed));
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The entries of a (deflate or stored) ZIP, read through its central directory. */
export function readZip(zip: Uint8Array): { name: string; data: Buffer }[] {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = b.length - 22;
  while (eocd >= 0 && b.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  const out: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const method = b.readUInt16LE(at + 10);
    const csize = b.readUInt32LE(at + 20);
    const nameLen = b.readUInt16LE(at + 28);
    const extra = b.readUInt16LE(at + 30);
    const comment = b.readUInt16LE(at + 32);
    const local = b.readUInt32LE(at + 42);
    const name = b.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const raw = b.subarray(start, start + csize);
    out.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

/**
 * A raw deflate stream that inflates to `chunks` × 1 MiB of `fill` (after `prefix`), made without
 * ever holding the expanded data: one full-flushed block of 1 MiB repeated, then a final empty block.
 */
export function deflateBomb(prefix: string, fill: string, chunks: number): { compressed: Buffer; uncompressedSize: number; crc: number } {
  const { deflateRawSync: d, constants } = { deflateRawSync, constants: { Z_FULL_FLUSH: 3 } };
  const mib = Buffer.alloc(1024 * 1024, fill);
  const head = d(Buffer.from(prefix), { finishFlush: constants.Z_FULL_FLUSH });
  const block = d(mib, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const blocks: Buffer[] = [head];
  for (let i = 0; i < chunks; i++) blocks.push(block);
  blocks.push(Buffer.from([0x03, 0x00])); // a final, empty fixed-Huffman block
  // The CRC of the whole expansion (computed incrementally: never all in memory).
  let crc = crc32(Buffer.from(prefix));
  for (let i = 0; i < chunks; i++) crc = crc32(mib, crc);
  return { compressed: Buffer.concat(blocks), uncompressedSize: prefix.length + chunks * mib.length, crc };
}

// ---- PDF, by hand ------------------------------------------------------------------------------

/**
 * A PDF from object bodies (object n is bodies[n-1]) with a correct xref table; `trailer` is the
 * trailer dictionary's inside (Root is object 1 unless given).
 */
export function makeRawPdf(bodies: string[], trailer = '/Root 1 0 R'): Buffer {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${bodies.length + 1} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const stream = (dict: string, data: string) => `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;

/** PDFs whose objects refer to themselves or nest without end. */
export function recursivePdfs(): { name: string; bytes: Buffer; expect: Expect }[] {
  const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>';
  const text = stream('', 'BT /F1 12 Tf 20 100 Td (x) Tj ET');
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  return [
    // The page tree's only kid is the tree itself.
    { name: 'cây trang vòng lặp', bytes: makeRawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']), expect: 'reject' },
    // Two page-tree nodes that are each other's kid.
    { name: 'cây trang vòng đôi', bytes: makeRawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>']), expect: 'reject' },
    // The catalog is its own page tree.
    { name: 'mục lục tự trỏ', bytes: makeRawPdf(['<< /Type /Catalog /Pages 1 0 R /Kids [1 0 R] /Count 1 >>']), expect: 'reject' },
    // An object that is a reference to itself, used as the page's contents.
    { name: 'đối tượng tự trỏ', bytes: makeRawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, '4 0 R']), expect: 'any' },
    // A stream whose /Length is itself.
    { name: 'độ dài tự trỏ', bytes: makeRawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, '<< /Length 4 0 R >>\nstream\nBT ET\nendstream']), expect: 'any' },
    // A form XObject that draws itself.
    {
      name: 'form tự vẽ',
      bytes: makeRawPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> >> >>',
        stream('', '/X Do'),
        stream('/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources << /XObject << /X 5 0 R >> >>', '/X Do'),
      ]),
      expect: 'any',
    },
    // Two forms drawing each other.
    {
      name: 'hai form vẽ nhau',
      bytes: makeRawPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /XObject << /A 5 0 R >> >> >>',
        stream('', '/A Do'),
        stream('/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources << /XObject << /B 6 0 R >> >>', '/B Do'),
        stream('/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources << /XObject << /A 5 0 R >> >>', '/A Do'),
      ]),
      expect: 'any',
    },
    // Resources that inherit from a parent that is the page itself.
    { name: 'cha là chính nó', bytes: makeRawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>', text]), expect: 'any' },
    // The xref's /Prev points at itself.
    {
      name: 'xref prev tự trỏ',
      bytes: (() => {
        const base = makeRawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, text]).toString('latin1');
        const xref = /startxref\n(\d+)/.exec(base)![1]!;
        return Buffer.from(base.replace('/Root 1 0 R', `/Root 1 0 R /Prev ${xref}`), 'latin1');
      })(),
      expect: 'any',
    },
    // Arrays nested 100,000 deep (a parser that recurses overflows its stack).
    { name: 'mảng lồng sâu', bytes: makeRawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Junk ${deep(100_000)} >>`]), expect: 'any' },
    // Dictionaries nested 50,000 deep.
    { name: 'từ điển lồng sâu', bytes: makeRawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Junk ${'<< /A '.repeat(50_000)}1${' >>'.repeat(50_000)} >>`]), expect: 'any' },
    // A page tree that claims a billion pages.
    { name: 'một tỉ trang', bytes: makeRawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>', page, text]), expect: 'any' },
    // A page of absurd size (14,400 pt square, the maximum the spec allows, and beyond).
    { name: 'trang khổng lồ', bytes: makeRawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1e9 1e9] /Contents 4 0 R >>', text]), expect: 'any' },
  ];
}

/** PDFs whose pages ask for more drawing than a reader can hold: inflated content, forms drawn again and again. */
export function drawingBombs(): { name: string; bytes: Buffer; expect: Expect }[] {
  const catalog = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'];
  const flate = (data: Buffer, dict = '') => {
    const z = deflateSync(data);
    return `<< ${dict} /Length ${z.length} /Filter /FlateDecode >>\nstream\n${z.toString('latin1')}\nendstream`;
  };
  const lines = (n: number) => Buffer.alloc(n * 18, '10 10 m 20 20 l S\n');
  const page = (xobjects: string) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /XObject << ${xobjects} >> >> >>`;
  // Forms each drawing the next one twice, 40 deep: 2^40 copies of the last.
  const chain = Array.from({ length: 40 }, (_, i) => flate(Buffer.from(i < 39 ? `/F${i + 1} Do /F${i + 1} Do` : '10 10 m 20 20 l S'), `/Type /XObject /Subtype /Form /BBox [0 0 200 200]${i < 39 ? ` /Resources << /XObject << /F${i + 1} ${i + 6} 0 R >> >>` : ''}`));
  return [
    { name: 'nội dung 20MB', bytes: makeRawPdf([...catalog, page(''), flate(lines(1_200_000))]), expect: 'reject' },
    { name: 'form vẽ 20000 lần', bytes: makeRawPdf([...catalog, page('/X 5 0 R'), flate(Buffer.from('/X Do\n'.repeat(20_000))), flate(lines(100), '/Type /XObject /Subtype /Form /BBox [0 0 200 200]')]), expect: 'reject' },
    { name: 'form nhân đôi 40 tầng', bytes: makeRawPdf([...catalog, page('/F0 5 0 R'), flate(Buffer.from('/F0 Do')), ...chain]), expect: 'reject' },
  ];
}

/** PDFs that need a password, or whose encryption dictionary is broken. */
export async function encryptedPdfs(): Promise<{ name: string; bytes: Uint8Array; expect: Expect }[]> {
  const base = await makePasswordPdf();
  const s = Buffer.from(base).toString('latin1');
  const hex = (n: number, seed: number) => `<${Array.from({ length: n }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join('')}>`;
  const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>';
  const body = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, stream('', 'BT /F1 12 Tf 20 100 Td (secret) Tj ET')];
  const withEncrypt = (enc: string) => makeRawPdf([...body, enc], `/Root 1 0 R /Encrypt 5 0 R /ID [${hex(16, 5)} ${hex(16, 5)}]`);
  return [
    { name: 'mật khẩu RC4 40 bit', bytes: base, expect: 'reject' },
    { name: 'mật khẩu RC4 128 bit', bytes: withEncrypt(`<< /Filter /Standard /V 2 /R 3 /Length 128 /O ${hex(32, 11)} /U ${hex(32, 99)} /P -3904 >>`), expect: 'reject' },
    {
      name: 'mật khẩu AES 128',
      bytes: withEncrypt(`<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O ${hex(32, 11)} /U ${hex(32, 99)} /P -3904 >>`),
      expect: 'reject',
    },
    {
      name: 'mật khẩu AES 256',
      bytes: withEncrypt(
        `<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF /O ${hex(48, 11)} /U ${hex(48, 99)} /OE ${hex(32, 3)} /UE ${hex(32, 4)} /Perms ${hex(16, 7)} /P -3904 >>`,
      ),
      expect: 'reject',
    },
    { name: 'mã hóa hỏng', bytes: withEncrypt('<< /Filter /Standard /V 99 /R 99 >>'), expect: 'reject' },
    { name: 'mã hóa không rõ bộ lọc', bytes: withEncrypt(`<< /Filter /Lạ /V 1 /R 2 /O ${hex(32, 1)} /U ${hex(32, 2)} /P -4 >>`), expect: 'reject' },
    { name: 'mã hóa là số', bytes: Buffer.from(s.replace(/\/Encrypt \d+ 0 R/, '/Encrypt 42'), 'latin1'), expect: 'any' },
  ];
}

// ---- images with absurd declared sizes ---------------------------------------------------------

/** A copy of a JPEG with the size in its frame header (SOFn) replaced. */
export function jpegClaiming(jpeg: Uint8Array, width: number, height: number): Buffer {
  const b = Buffer.from(jpeg);
  for (let i = 2; i + 9 < b.length; ) {
    if (b[i] !== 0xff) throw new Error('not a marker');
    const marker = b[i + 1]!;
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      b.writeUInt16BE(height, i + 5);
      b.writeUInt16BE(width, i + 7);
      return b;
    }
    i += 2 + len;
  }
  throw new Error('no SOF marker');
}

/** A tiny baseline TIFF whose one page declares width × height (no pixel data to speak of). */
export function tiffClaiming(width: number, height: number, opts: { tile?: number } = {}): Buffer {
  const entries: [number, number, number][] = [
    [256, 4, width],
    [257, 4, height],
    [258, 3, 8],
    [259, 3, 1],
    [262, 3, 1],
    ...(opts.tile
      ? ([
          [322, 4, opts.tile],
          [323, 4, opts.tile],
          [324, 4, 0],
          [325, 4, 16],
        ] as [number, number, number][])
      : ([
          [273, 4, 0],
          [277, 3, 1],
          [278, 4, height],
          [279, 4, 16],
        ] as [number, number, number][])),
  ];
  entries.sort((a, b) => a[0] - b[0]);
  const ifdSize = 2 + entries.length * 12 + 4;
  const b = Buffer.alloc(8 + ifdSize + 16);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    b.writeUInt16LE(tag, at);
    b.writeUInt16LE(type, at + 2);
    b.writeUInt32LE(1, at + 4);
    if (tag === 273 || tag === 324) value = 8 + ifdSize;
    if (type === 3) b.writeUInt16LE(value, at + 8);
    else b.writeUInt32LE(value, at + 8);
  });
  return b;
}

// ---- seeds -------------------------------------------------------------------------------------

export const VIETNAMESE_TEXT =
  'Báo cáo tình hình phong trào cách mạng của Đảng bộ huyện năm 1945.\n\nNgày 19 tháng 8, nhân dân trong huyện nổi dậy giành chính quyền; Ủy ban nhân dân cách mạng lâm thời được thành lập.\n';

export interface Seeds {
  jpeg: Uint8Array;
  progressiveJpeg: Uint8Array;
  png: Uint8Array;
  interlacedPng: Uint8Array;
  tiff: Uint8Array;
  /** Enough pages to be read as single-page copies (imageImporter's SPLIT_TIFF_FROM_PAGES), 1-bit CCITT G4. */
  manyPageTiff: Uint8Array;
  scannedPdf: Uint8Array;
  textPdf: Uint8Array;
  docx: Uint8Array;
  html: Uint8Array;
  text: Uint8Array;
}

/** A small born-digital PDF (one page with text, one with a drawn shape). */
/** Fixed dates: pdf-lib and docx write the time of saving, and the seeds must be the same bytes every run. */
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

async function smallTextPdf(seed: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const p1 = doc.addPage([300, 200]);
  p1.drawText(`Bao cao so ${seed}`, { x: 20, y: 150, size: 14, font });
  p1.drawText('Tinh uy hop ngay 3-2-1950.', { x: 20, y: 120, size: 11, font });
  const p2 = doc.addPage([300, 200]);
  p2.drawRectangle({ x: 30, y: 30, width: 120, height: 80, borderWidth: 2 });
  doc.setTitle(`Tài liệu ${seed}`);
  return doc.save();
}

/** A small scanned PDF: two pages, each one JPEG filling the page. */
async function smallScannedPdf(seed: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  for (let i = 0; i < 2; i++) {
    const jpg = await makeScan('jpeg', 240, 340, seed * 10 + i);
    const img = await doc.embedJpg(jpg);
    const page = doc.addPage([240 * 0.72, 340 * 0.72]);
    page.drawImage(img, { x: 0, y: 0, width: 240 * 0.72, height: 340 * 0.72 });
  }
  return doc.save();
}

/** The valid files every malformed one is made from; `seed` makes them unique (distinct hashes). */
export async function makeSeeds(seed: number): Promise<Seeds> {
  // The page images do not depend on the seed: the width does, so that every seed's TIFFs differ.
  const tiff = await makeTiff(3, { width: 150 + (seed % 500), height: 220 });
  const manyPageTiff = await makeTiff(9, { ccitt: true, width: 150 + (seed % 500), height: 200 });
  const docx = await makeDocx();
  // makeDocx is the same every time: a unique paragraph keeps its hash apart.
  const parts = readZip(docx).map((e) => {
    if (e.name === 'word/document.xml') return { name: e.name, data: Buffer.from(e.data.toString('utf8').replace('</w:body>', `<w:p><w:r><w:t>Bản số ${seed}</w:t></w:r></w:p></w:body>`)) };
    if (e.name === 'docProps/core.xml') return { name: e.name, data: Buffer.from(e.data.toString('utf8').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, FIXED_DATE.toISOString())) };
    return e;
  });
  return {
    jpeg: await makeScan('jpeg', 240, 320, seed),
    progressiveJpeg: await sharp(await makeScan('png', 230, 300, seed + 2)).jpeg({ progressive: true, quality: 70 }).toBuffer(),
    png: await makeScan('png', 200, 260, seed + 1),
    interlacedPng: await sharp(await makeScan('png', 180, 240, seed + 3)).png({ progressive: true, palette: true }).toBuffer(),
    tiff,
    manyPageTiff,
    scannedPdf: await smallScannedPdf(seed),
    textPdf: await smallTextPdf(seed),
    docx: makeZip(parts),
    html: Buffer.from(portalHtml().replace('</h1>', ` số ${seed}</h1>`)),
    text: Buffer.from(`${VIETNAMESE_TEXT}Bản số ${seed}.\n`),
  };
}

const extOf: Record<keyof Seeds, string> = {
  jpeg: 'jpg',
  progressiveJpeg: 'jpg',
  png: 'png',
  interlacedPng: 'png',
  tiff: 'tif',
  manyPageTiff: 'tif',
  scannedPdf: 'pdf',
  textPdf: 'pdf',
  docx: 'docx',
  html: 'html',
  text: 'txt',
};
const binarySeeds = ['jpeg', 'progressiveJpeg', 'png', 'interlacedPng', 'tiff', 'manyPageTiff', 'scannedPdf', 'textPdf', 'docx'] as const;

/** Good files, unique per seed: every one must be imported. */
export async function goodFiles(seed: number): Promise<CampaignFile[]> {
  const s = await makeSeeds(seed);
  return (Object.keys(extOf) as (keyof Seeds)[]).map((k) => ({ name: `tốt ${seed} ${k}.${extOf[k]}`, bytes: s[k], expect: 'import' as const, kind: 'good' }));
}

/** Where the data a truncation must not spare ends (the rest is trailer a reader may not need). */
function essentialEnd(kind: (typeof binarySeeds)[number], b: Uint8Array): number {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  switch (kind) {
    case 'png':
    case 'interlacedPng':
      return buf.lastIndexOf('IEND') - 4; // every IDAT
    case 'scannedPdf':
    case 'textPdf':
      return buf.lastIndexOf('%%EOF'); // without %%EOF a PDF is incomplete
    default:
      return b.length; // JPEG (EOI), TIFF (directories and strips anywhere), ZIP (central directory at the end)
  }
}

/** Truncations of every binary seed at `perSeed` offsets (small ones, structure edges, spread through the file). */
export function truncations(s: Seeds, perSeed: number): CampaignFile[] {
  const out: CampaignFile[] = [];
  for (const k of binarySeeds) {
    const b = s[k];
    const end = essentialEnd(k, b);
    const offsets = new Set<number>([1, 2, 3, 4, 5, 7, 8, 11, 16, 23, 32, 64, 100, 128, 256, 512, 1000, end - 1, end - 2, end - 3, end - 8, end - 100]);
    for (let i = 1; offsets.size < perSeed; i++) offsets.add(Math.floor((end * i) / (perSeed - 15)) - (i % 3));
    for (const at of [...offsets].filter((o) => o > 0 && o < end).sort((x, y) => x - y).slice(0, perSeed)) {
      out.push({ name: `cắt cụt ${k} ${String(at).padStart(7, '0')}.${extOf[k]}`, bytes: b.subarray(0, at), expect: 'reject', kind: `truncated ${k}` });
    }
  }
  return out;
}

/** Copies of every seed with 1–8 bytes changed at PRNG positions (reproducible from `seed`). */
export function byteFlips(s: Seeds, perSeed: number, seed: number): CampaignFile[] {
  const rnd = prng(seed);
  const out: CampaignFile[] = [];
  for (const k of Object.keys(extOf) as (keyof Seeds)[]) {
    for (let n = 0; n < perSeed; n++) {
      const b = Buffer.from(s[k]);
      const flips = 1 + Math.floor(rnd() * 8);
      // Half the variants hit the first 4 KB (headers, directories), half anywhere.
      const span = n % 2 === 0 ? Math.min(4096, b.length) : b.length;
      for (let f = 0; f < flips; f++) {
        const at = Math.floor(rnd() * span);
        b[at] = b[at]! ^ (1 + Math.floor(rnd() * 255));
      }
      out.push({ name: `lật byte ${k} ${String(n).padStart(3, '0')}.${extOf[k]}`, bytes: b, expect: 'any', kind: `flipped ${k}` });
    }
  }
  return out;
}

/** The seeds under other extensions: binary ones import by content, text under a binary name is refused. */
export function wrongExtensions(s: Seeds): CampaignFile[] {
  const out: CampaignFile[] = [];
  const exts = ['jpg', 'png', 'tif', 'pdf', 'docx', 'html', 'txt', 'doc', 'bin'];
  for (const k of Object.keys(extOf) as (keyof Seeds)[]) {
    for (const ext of exts) {
      if (ext === extOf[k]) continue;
      const textual = k === 'html' || k === 'text';
      const binaryName = ['jpg', 'png', 'tif', 'pdf', 'docx', 'doc'].includes(ext);
      out.push({
        name: `sai đuôi ${k}.${ext}`,
        bytes: s[k],
        expect: textual ? (binaryName ? 'reject' : 'import-or-duplicate') : 'import-or-duplicate',
        kind: 'wrong extension',
      });
    }
  }
  return out;
}

export function emptyFiles(): CampaignFile[] {
  return ['jpg', 'png', 'tif', 'pdf', 'docx', 'html', 'txt', 'không đuôi'].map((ext) => ({ name: `rỗng.${ext}`, bytes: new Uint8Array(0), expect: 'reject' as const, kind: 'empty' }));
}

/** Images whose headers declare sizes no one could decode (decompression bombs). */
export function dimensionBombs(s: Seeds): CampaignFile[] {
  const bomb = (name: string, bytes: Uint8Array): CampaignFile => ({ name, bytes, expect: 'reject', kind: 'dimension bomb' });
  return [
    bomb('png 100000x100000.png', pngHeaderClaiming(100_000, 100_000)),
    bomb('png 2^31x1.png', pngHeaderClaiming(0x7fffffff, 1)),
    bomb('png 20001x10000.png', pngHeaderClaiming(20_001, 10_000)),
    bomb('png 1x2^31.png', pngHeaderClaiming(1, 0x7fffffff)),
    bomb('jpeg 65535x65535.jpg', jpegClaiming(s.jpeg, 65_535, 65_535)),
    bomb('jpeg 65535x4000.jpg', jpegClaiming(s.jpeg, 65_535, 4_000)),
    bomb('jpeg 0x0.jpg', jpegClaiming(s.jpeg, 0, 0)),
    bomb('tiff 65535x65535.tif', tiffClaiming(65_535, 65_535)),
    bomb('tiff 1x4294967295.tif', tiffClaiming(1, 0xffffffff)),
    bomb('tiff ô 65535.tif', tiffClaiming(30_000, 30_000, { tile: 65_535 * 16 })),
    bomb('tiff 0x0.tif', tiffClaiming(0, 0)),
  ];
}

/** DOCX files whose parts inflate to gigabytes (declared honestly, or lying about it). */
export function zipBombs(s: Seeds): CampaignFile[] {
  const parts = readZip(s.docx);
  const without = (name: string) => parts.filter((p) => p.name !== name);
  const docStart = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>';
  const gb = deflateBomb(docStart, 'a', 2048); // 2 GiB of "a"
  const bomb = (name: string, entries: ZipEntry[]): CampaignFile => ({ name, bytes: makeZip(entries), expect: 'reject', kind: 'zip bomb' });
  return [
    bomb('bom zip 2GB khai thật.docx', [...without('word/document.xml'), { name: 'word/document.xml', raw: gb }]),
    bomb('bom zip 2GB khai dối.docx', [...without('word/document.xml'), { name: 'word/document.xml', raw: gb, declaredSize: 1000 }]),
    bomb('bom zip chú thích.docx', [...without('word/footnotes.xml'), { name: 'word/footnotes.xml', raw: deflateBomb('<?xml version="1.0"?><w:footnotes>', ' ', 1536), declaredSize: 4096 }]),
    bomb('bom zip nhiều phần.docx', [...parts, ...Array.from({ length: 40 }, (_, i) => ({ name: `word/media/p${i}.bin`, raw: deflateBomb('', '\0', 64) }))]),
    bomb('bom zip ảnh khai dối.docx', [...parts, { name: 'word/media/image1.png', raw: deflateBomb('', '\0', 1024), declaredSize: 10 }]),
  ];
}

/** DOCX files with entry names that would write outside a folder if extracted (zip slip). */
export function zipSlips(s: Seeds): CampaignFile[] {
  const parts = readZip(s.docx);
  const evil = (name: string, entry: string): CampaignFile => ({
    name,
    bytes: makeZip([...parts, { name: entry, data: Buffer.from('zip-slip\n') }]),
    expect: 'reject',
    kind: 'zip slip',
  });
  return [
    evil('zip slip 1.docx', '../../suquan-zip-slip.txt'),
    evil('zip slip 2.docx', 'word/../../../suquan-zip-slip.txt'),
    evil('zip slip 3.docx', '/tmp/suquan-zip-slip.txt'),
    evil('zip slip 4.docx', '..\\..\\suquan-zip-slip.txt'),
    evil('zip slip 5.docx', 'C:/suquan-zip-slip.txt'),
  ];
}

/** Web pages and text that are costly to read in naive ways. */
export function costlyText(): CampaignFile[] {
  const page = (body: string) => Buffer.from(`<!doctype html><html><head><title>Trang</title></head><body>${body}</body></html>`);
  return [
    { name: 'lồng sâu 5000.html', bytes: page('<div>'.repeat(5000) + 'Nội dung.' + '</div>'.repeat(5000)), expect: 'import', kind: 'deep html' },
    { name: 'lồng sâu không đóng.html', bytes: page('<span>'.repeat(20_000) + 'Nội dung.'), expect: 'import', kind: 'deep html' },
    { name: 'lồng sâu tự đóng.html', bytes: page('<div/>'.repeat(20_000) + 'Nội dung.'), expect: 'import', kind: 'deep html' },
    // Sloppy but flat: unclosed <p>, <li>, <td> close each other; this page is fine.
    { name: 'thẻ không đóng.html', bytes: page('<ul>' + '<li>mục <p>đoạn '.repeat(5000) + '</ul><table>' + '<tr><td>ô<td>ô'.repeat(3000) + '</table>'), expect: 'import', kind: 'sloppy html' },
    { name: 'khoảng trắng rồi chữ.txt', bytes: Buffer.from(' '.repeat(4_000_000) + 'x\n'), expect: 'any', kind: 'costly text' },
    { name: 'một dòng 8MB.txt', bytes: Buffer.from('Đảng bộ '.repeat(1_000_000)), expect: 'any', kind: 'costly text' },
    { name: 'bảng mã lạ.html', bytes: Buffer.from('<html><head><meta charset="x-không-có"></head><body>\xff\xfe<p>chữ</p></body></html>', 'latin1'), expect: 'any', kind: 'costly text' },
  ];
}
