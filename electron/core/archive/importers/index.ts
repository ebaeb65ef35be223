/**
 * Reads one file into an ImportedSource, choosing the importer by content (magic bytes, read from
 * the file's first SNIFF_BYTES). The name is used only in messages and to refuse text that claims
 * to be an image or a PDF.
 *
 * Raster images (JPEG, PNG, TIFF) are decoded from disk by path, a page at a time, so they may be
 * large (MAX_RASTER_FILE_BYTES); the other formats are parsed whole in memory (pdf.js, mammoth,
 * word-extractor, JSZip, linkedom, text decoding) and are refused above MAX_WHOLE_FILE_BYTES
 * (DOC and RTF: MAX_LEGACY_OFFICE_BYTES). Office documents (DOCX, DOC, ODT, RTF) are read by the
 * same readers as the manuscript's drafts (interchange/office).
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isUserFacingError, UserFacingError } from '../../../../shared/errors';
import { claimedFormat, sniff, SNIFF_BYTES } from '../sniff';
import type { ImportedSource, PageReadOptions, SourceFormat } from './types';

// Each importer (and its heavy library: sharp, pdf-lib, mammoth, linkedom) is loaded the first
// time a file of its kind arrives, so opening a project or running `suquan list` stays fast.

export type { ImportedPage, ImportedSource, PageImageKind, PageReadOptions, SourceFormat } from './types';

export type ReadOptions = PageReadOptions;

const claimedLabel: Record<string, string> = {
  jpeg: 'ảnh JPEG',
  png: 'ảnh PNG',
  tiff: 'ảnh TIFF',
  pdf: 'tệp PDF',
  docx: 'tài liệu Word (.docx)',
  doc: 'tài liệu Word (.doc)',
  odt: 'tài liệu OpenDocument (.odt)',
  rtf: 'tài liệu RTF',
};

/** Files an importer must hold whole in memory (PDF, DOCX, HTML, text) are refused above this (1 GiB). */
export const MAX_WHOLE_FILE_BYTES = 1024 * 1024 * 1024;
/** Raster images are decoded from disk page by page and may be larger (4 GiB). */
export const MAX_RASTER_FILE_BYTES = 4 * 1024 * 1024 * 1024;
/**
 * A text file or web page becomes one page of text, held whole by the viewer, the editor and the
 * search index: above 32 MiB (some 10,000 printed pages) it is refused before it is read. Measured:
 * importing 39 MB of text peaks at 680 MB (decoding, NFC, the full-text index). Web pages have a
 * tighter limit on their markup (htmlImporter.ts), after embedded images are set aside.
 */
export const MAX_TEXT_FILE_BYTES = 32 * 1024 * 1024;
/**
 * Old office formats read whole by readers that hold several copies (DOC: word-extractor's piece
 * texts; RTF: the file as a string and its runs): refused above 256 MB, which no document of text
 * reaches without pictures taking most of it.
 */
export const MAX_LEGACY_OFFICE_BYTES = 256 * 1024 * 1024;

export type RasterFormat = 'jpeg' | 'png' | 'tiff';

export function isRaster(format: SourceFormat): format is RasterFormat {
  return format === 'jpeg' || format === 'png' || format === 'tiff';
}

/** The largest file the importer of this format accepts. */
export function maxBytesOf(format: SourceFormat): number {
  if (format === 'doc' || format === 'rtf') return MAX_LEGACY_OFFICE_BYTES;
  return isRaster(format) ? MAX_RASTER_FILE_BYTES : MAX_WHOLE_FILE_BYTES;
}

/** What the importers will read: a file's format (by content) and size, both within limits. */
export interface ExaminedSource {
  format: SourceFormat;
  size: number;
}

const unreadable = (name: string) => new UserFacingError('import.unreadable', `${name}: không tìm thấy hoặc không đọc được tệp.`);

/** The first `n` bytes of a file (fewer when it is shorter). */
function readHead(file: string, n: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(n);
    let got = 0;
    while (got < n) {
      const r = readSync(fd, head, got, n - got, got);
      if (r === 0) break;
      got += r;
    }
    return head.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks a file before anything is copied or decoded: that it is a readable, non-empty file, of
 * a format an importer reads (told from its first bytes only), and not too large for that
 * importer. Every refusal is one sentence naming the file.
 */
export function examineSource(file: string, name: string): ExaminedSource {
  let size: number;
  let head: Uint8Array;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UserFacingError('import.is-directory', `${name}: là thư mục, không phải tệp.`);
    size = st.size;
    if (size === 0) throw new UserFacingError('import.empty', `${name}: tệp rỗng (0 byte).`);
    head = readHead(file, Math.min(size, SNIFF_BYTES));
  } catch (e) {
    if (isUserFacingError(e)) throw e;
    throw unreadable(name);
  }
  const format = identify(head, name);
  if (size > maxBytesOf(format)) {
    const max = maxBytesOf(format);
    const limit = max >= 1024 * 1024 * 1024 ? `${max / (1024 * 1024 * 1024)} GB` : `${max / (1024 * 1024)} MB`;
    throw new UserFacingError('import.too-large', `${name}: tệp quá lớn (hơn ${limit}).`);
  }
  if ((format === 'text' || format === 'html') && size > MAX_TEXT_FILE_BYTES) {
    const what = format === 'html' ? 'trang web' : 'tệp văn bản';
    throw new UserFacingError(
      'import.too-large',
      `${name}: ${what} quá lớn để nhập thành một trang (${Math.round(size / (1024 * 1024))} MB, tối đa ${MAX_TEXT_FILE_BYTES / (1024 * 1024)} MB); hãy chia thành nhiều tệp nhỏ hơn rồi nhập lại.`,
    );
  }
  return { format, size };
}

/**
 * Reads a file into pages. Raster images are given to sharp as the path; the other formats are
 * read whole (within MAX_WHOLE_FILE_BYTES).
 */
export async function readSource(file: string, name: string, opts: ReadOptions = {}): Promise<ImportedSource> {
  const { format } = examineSource(file, name);
  if (isRaster(format)) return (await import('./imageImporter')).readImage(file, name, format, opts);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new UserFacingError('import.unreadable', `${name}: không đọc được tệp.`);
  }
  switch (format) {
    case 'pdf':
      return (await import('./pdfImporter')).readPdf(bytes, name, opts);
    case 'docx':
      return (await import('./docxImporter')).readDocx(bytes, name);
    case 'doc':
    case 'odt':
    case 'rtf': {
      const { legacy: _legacy, ...source } = await (await import('./officeImporter')).readOffice(format, bytes, name);
      return source;
    }
    case 'html':
      return (await import('./htmlImporter')).readHtml(bytes, name);
    case 'text':
      return (await import('./textImporter')).readPlainText(bytes);
  }
}

/** Which importer reads a file, from its first bytes; a sentence for a file none of them reads. */
export function identify(head: Uint8Array, name: string): SourceFormat {
  const found = sniff(head);
  const claimed = claimedFormat(name);
  switch (found.kind) {
    case 'empty':
      throw new UserFacingError('import.empty', `${name}: tệp rỗng (0 byte).`);
    case 'jpeg':
    case 'png':
    case 'tiff':
    case 'pdf':
    case 'docx':
    case 'doc':
    case 'odt':
    case 'rtf':
      return found.kind;
    case 'ole':
      // A compound file that names no stream known here: the DOC reader says what it is.
      return 'doc';
    case 'encrypted-office':
      throw new UserFacingError('import.docx-password', `${name}: tài liệu Word có mật khẩu bảo vệ; hãy bỏ mật khẩu rồi nhập lại.`);
    case 'other-office':
      throw new UserFacingError(
        'import.unsupported',
        `${name}: đây là ${found.label}, không phải tài liệu văn bản; Sử Quán chưa nhập được loại tệp này (hãy lưu thành PDF rồi nhập).`,
      );
    case 'zip':
      if (claimed === 'docx') throw new UserFacingError('import.docx-invalid', `${name}: không phải tài liệu Word (.docx) hợp lệ.`);
      if (claimed === 'odt') throw new UserFacingError('import.odt-invalid', `${name}: không phải tài liệu OpenDocument (.odt) hợp lệ.`);
      throw new UserFacingError('import.unsupported', `${name}: tệp nén (ZIP) không phải định dạng được hỗ trợ; hãy giải nén rồi nhập các tệp bên trong.`);
    case 'unknown-binary':
      if (claimed === 'docx') {
        throw new UserFacingError('import.docx-invalid', `${name}: không phải tài liệu Word (.docx) hợp lệ (tệp không phải dạng nén ZIP của Word).`);
      }
      if (claimed && claimedLabel[claimed]) {
        throw new UserFacingError('import.corrupt', `${name}: tên tệp là ${claimedLabel[claimed]} nhưng nội dung không phải, hoặc tệp bị hỏng.`);
      }
      throw new UserFacingError(
        'import.unsupported',
        `${name}: định dạng tệp không được hỗ trợ (chỉ nhận ảnh JPEG, PNG, TIFF, tệp PDF, tài liệu Word .docx và .doc, OpenDocument .odt, RTF, trang web HTML và văn bản thuần).`,
      );
    case 'html':
    case 'text':
      // Text under an image/PDF/Word name is a mistake (or a renamed error page), not a source.
      if (claimed && claimed !== 'html' && claimed !== 'text') {
        if (claimed === 'docx') {
          throw new UserFacingError('import.docx-invalid', `${name}: không phải tài liệu Word (.docx) hợp lệ (tệp chỉ chứa văn bản, không phải dạng nén ZIP của Word).`);
        }
        throw new UserFacingError('import.not-an-image', `${name}: tên tệp là ${claimedLabel[claimed] ?? claimed} nhưng nội dung là văn bản, không phải ${claimedLabel[claimed] ?? claimed}.`);
      }
      return found.kind;
  }
}
