/**
 * Reads one file's bytes into an ImportedSource, choosing the importer by content (magic bytes).
 * The name is used only in messages and to refuse text that claims to be an image or a PDF.
 */
import { UserFacingError } from '../../../../shared/errors';
import { claimedFormat, sniff } from '../sniff';
import type { PdfReadOptions } from './pdfImporter';
import type { ImportedSource } from './types';

// Each importer (and its heavy library: sharp, pdf-lib, mammoth, linkedom) is loaded the first
// time a file of its kind arrives, so opening a project or running `suquan list` stays fast.

export type { ImportedPage, ImportedSource, PageImageKind, SourceFormat } from './types';

export type ReadOptions = PdfReadOptions;

const claimedLabel: Record<string, string> = {
  jpeg: 'ảnh JPEG',
  png: 'ảnh PNG',
  tiff: 'ảnh TIFF',
  pdf: 'tệp PDF',
  docx: 'tài liệu Word (.docx)',
  doc: 'tài liệu Word',
};

export async function readSource(bytes: Uint8Array, name: string, opts: ReadOptions = {}): Promise<ImportedSource> {
  const found = sniff(bytes);
  const claimed = claimedFormat(name);
  switch (found.kind) {
    case 'empty':
      throw new UserFacingError('import.empty', `${name}: tệp rỗng (0 byte).`);
    case 'jpeg':
    case 'png':
    case 'tiff':
      return (await import('./imageImporter')).readImage(bytes, name, found.kind);
    case 'pdf':
      return (await import('./pdfImporter')).readPdf(bytes, name, opts);
    case 'docx':
      return (await import('./docxImporter')).readDocx(bytes, name);
    case 'ole':
      throw new UserFacingError(
        'import.doc-legacy',
        `${name}: tài liệu Word cũ (.doc) chưa được hỗ trợ; hãy mở bằng Word và lưu lại thành .docx rồi nhập lại.`,
      );
    case 'encrypted-office':
      throw new UserFacingError('import.docx-password', `${name}: tài liệu Word có mật khẩu bảo vệ; hãy bỏ mật khẩu rồi nhập lại.`);
    case 'zip':
      if (claimed === 'docx') throw new UserFacingError('import.docx-invalid', `${name}: không phải tài liệu Word (.docx) hợp lệ.`);
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
        `${name}: định dạng tệp không được hỗ trợ (chỉ nhận ảnh JPEG, PNG, TIFF, tệp PDF, Word .docx, trang web HTML và văn bản thuần).`,
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
      return found.kind === 'html' ? (await import('./htmlImporter')).readHtml(bytes, name) : (await import('./textImporter')).readPlainText(bytes);
  }
}
