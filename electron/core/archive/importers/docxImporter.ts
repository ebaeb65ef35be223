/**
 * DOCX: the text of the document with its footnotes and endnotes (mammoth). Footnote markers stay
 * in the text as "[1]"; the notes follow the body, one per line, as "[1] …".
 */
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { UserFacingError } from '../../../../shared/errors';
import { convertLegacy } from '../../../../shared/text/legacyEncoding';
import { toNFC } from '../../text';
import { makeTextThumbnail } from '../thumbnails';
import { textOfNode } from './htmlText';
import { guessLegacyEncoding } from './textDecoding';
import type { ImportedSource } from './types';
import { checkEntrySize, isUnsafeEntryName, readCentralDirectory } from './zipPackage';

/** Largest total uncompressed size of a DOCX's parts (a zip bomb expands far beyond this). */
export const MAX_DOCX_UNCOMPRESSED = 512 * 1024 * 1024;
/**
 * Largest total size of the parts mammoth parses (XML and relationships, images excluded):
 * mammoth holds each as a DOM, about 55 times its size (measured: 10 MB of document.xml took
 * 580 MB and 7 s, 40 MB took 1.9 GB), so beyond this a process could run out of memory.
 */
export const MAX_DOCX_TEXT_PARTS = 16 * 1024 * 1024;

/**
 * Sum of the uncompressed sizes the zip's central directory declares, or null when the
 * directory cannot be read (then mammoth reports the damage). ZIP64 sizes count as too large.
 */
export function zipUncompressedSize(bytes: Uint8Array): number | null {
  const entries = readCentralDirectory(bytes);
  return entries ? entries.reduce((n, e) => n + e.size, 0) : null;
}

const isMedia = (entryName: string) => !/\.(xml|rels)$/i.test(entryName);

/**
 * Refuses a package that is unsafe or too large to unpack, with a sentence: entry names that climb
 * out of a folder, declared sizes beyond the limits, parts that inflate to more than they declare.
 */
async function checkPackage(bytes: Uint8Array, name: string): Promise<void> {
  const entries = readCentralDirectory(bytes);
  if (!entries) return; // unreadable directory: mammoth says the file is damaged
  const unsafe = entries.find((e) => isUnsafeEntryName(e.name));
  if (unsafe) {
    throw new UserFacingError(
      'import.docx-unsafe',
      `${name}: tài liệu Word chứa tên tệp bên trong không hợp lệ ("${unsafe.name.replace(/[\u0000-\u001f]/g, '?').slice(0, 80)}"), có thể là tệp độc hại; hãy mở bằng Word và lưu thành tệp mới rồi nhập lại.`,
    );
  }
  const total = entries.reduce((n, e) => n + e.size, 0);
  if (total > MAX_DOCX_UNCOMPRESSED) {
    throw new UserFacingError(
      'import.too-large',
      `${name}: tài liệu Word giải nén ra quá lớn (hơn ${MAX_DOCX_UNCOMPRESSED / 1024 / 1024} MB), có thể là tệp độc hại hoặc bị hỏng.`,
    );
  }
  const text = entries.reduce((n, e) => n + (isMedia(e.name) ? 0 : e.size), 0);
  if (text > MAX_DOCX_TEXT_PARTS) {
    throw new UserFacingError(
      'import.too-large',
      `${name}: tài liệu Word quá dài để đọc một lần (phần chữ giải nén ra hơn ${MAX_DOCX_TEXT_PARTS / 1024 / 1024} MB); hãy tách thành nhiều tài liệu nhỏ hơn rồi nhập lại.`,
    );
  }
  for (const e of entries) {
    const check = await checkEntrySize(bytes, e);
    if (check === 'larger') {
      throw new UserFacingError(
        'import.too-large',
        `${name}: tài liệu Word có phần giải nén ra lớn hơn kích thước khai báo (bom nén), có thể là tệp độc hại hoặc bị hỏng.`,
      );
    }
    if (check === 'damaged') throw new UserFacingError('import.docx-invalid', `${name}: không phải tài liệu Word (.docx) hợp lệ hoặc tệp bị hỏng.`);
  }
}

// Images are never read: only the text is imported, and mammoth would otherwise inline each one as base64.
const noImages = mammoth.images.imgElement(async () => ({ src: '' }));

export async function readDocx(bytes: Uint8Array, name: string): Promise<ImportedSource> {
  await checkPackage(bytes, name);
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) }, { convertImage: noImages });
    html = result.value;
  } catch {
    throw new UserFacingError('import.docx-invalid', `${name}: không phải tài liệu Word (.docx) hợp lệ hoặc tệp bị hỏng.`);
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const body = document.body;
  // Notes: mammoth puts them in a trailing <ol> of <li id="footnote-N"> / "endnote-N".
  const notes: string[] = [];
  for (const li of [...body.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]')]) {
    for (const back of [...li.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]')]) back.remove();
    const n = /(\d+)$/.exec(li.getAttribute('id') ?? '')?.[1] ?? '?';
    notes.push(`[${n}] ${textOfNode(li as never).replace(/\n+/g, ' ').trim()}`);
    const list = li.parentElement;
    li.remove();
    if (list && list.children.length === 0) list.remove();
  }
  let text = textOfNode(body as never);
  if (notes.length) text += `\n\n${notes.join('\n')}`;
  text = toNFC(text.trim());
  // Old documents typed in TCVN3 (".VnTime") or VNI fonts arrive as Latin-1 look-alikes.
  const guess = guessLegacyEncoding(text);
  if ((guess.encoding === 'tcvn3' || guess.encoding === 'vni') && guess.confidence >= 0.6) {
    text = convertLegacy(text, guess.encoding, guess.upperCase ? { upperCase: true } : {});
  }
  const heading = body.querySelector('h1, h2');
  const title = heading?.textContent?.trim();
  return {
    format: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    pages: [{ filePage: 0, width: 0, height: 0, text, imageKind: 'text', thumbnail: await makeTextThumbnail(text) }],
    ...(title ? { title: toNFC(title) } : {}),
  };
}
