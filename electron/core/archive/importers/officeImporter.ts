/**
 * Office documents (DOCX, DOC, ODT, RTF) for the archive: one page holding the text, footnote
 * markers kept as "[1]" and the notes after the body, one per line, as "[1] …". Each format is
 * read by the reader the manuscript's draft import uses too (interchange/office), so the two
 * cannot drift apart.
 */
import { UserFacingError } from '../../../../shared/errors';
import { readOfficeDocument, officeMime, type OfficeFormat } from '../../interchange/office';
import { officeHtmlToText } from '../../interchange/office/officeDocument';
import { makeTextThumbnail } from '../thumbnails';
import type { ImportedSource } from './types';

/** Longest text one page holds (as for text files: see MAX_TEXT_FILE_BYTES in index.ts). */
const MAX_OFFICE_TEXT_CHARS = 32 * 1024 * 1024;

const emptyLabel: Record<OfficeFormat, string> = {
  docx: 'tài liệu Word',
  doc: 'tài liệu Word',
  odt: 'tài liệu OpenDocument',
  rtf: 'tài liệu RTF',
};

export async function readOffice(format: OfficeFormat, bytes: Uint8Array, name: string): Promise<ImportedSource & { legacy: string[] }> {
  const doc = await readOfficeDocument(format, bytes, name);
  const text = doc.text ?? officeHtmlToText(doc.html);
  // A DOCX without text (only pictures) has always imported as an empty page; the older formats
  // say so, since an empty result there more often means a file this reader got wrong.
  if (!text && format !== 'docx') {
    throw new UserFacingError('import.office-empty', `${name}: ${emptyLabel[format]} không có chữ nào để nhập (có thể chỉ có hình ảnh, hoặc tệp bị hỏng).`);
  }
  if (text.length > MAX_OFFICE_TEXT_CHARS) {
    throw new UserFacingError(
      'import.too-large',
      `${name}: ${emptyLabel[format]} quá dài để nhập thành một trang (${Math.round(text.length / 1e6)} triệu ký tự); hãy tách thành nhiều tài liệu nhỏ hơn rồi nhập lại.`,
    );
  }
  return {
    format,
    mime: officeMime[format],
    legacy: doc.legacy,
    pages: [{ filePage: 0, width: 0, height: 0, text, imageKind: 'text', thumbnail: await makeTextThumbnail(text) }],
    ...(doc.title ? { title: doc.title } : {}),
  };
}
