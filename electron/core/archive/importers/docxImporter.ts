/**
 * DOCX: the text of the document with its footnotes and endnotes (mammoth). Footnote markers stay
 * in the text as "[1]"; the notes follow the body, one per line, as "[1] …".
 */
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { UserFacingError } from '../../../../shared/errors';
import { convertLegacy, detectLegacyEncoding } from '../../../../shared/text/legacyEncoding';
import { toNFC } from '../../text';
import { makeTextThumbnail } from '../thumbnails';
import { textOfNode } from './htmlText';
import type { ImportedSource } from './types';

/** Largest total uncompressed size of a DOCX's parts (a zip bomb expands far beyond this). */
export const MAX_DOCX_UNCOMPRESSED = 512 * 1024 * 1024;

/**
 * Sum of the uncompressed sizes the zip's central directory declares, or null when the
 * directory cannot be read (then mammoth reports the damage). ZIP64 sizes count as too large.
 */
export function zipUncompressedSize(bytes: Uint8Array): number | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = v.getUint16(eocd + 10, true);
  let at = v.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || v.getUint32(at, true) !== 0x02014b50) return null;
    const size = v.getUint32(at + 24, true);
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    at += 46 + v.getUint16(at + 28, true) + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  return total;
}

export async function readDocx(bytes: Uint8Array, name: string): Promise<ImportedSource> {
  const expanded = zipUncompressedSize(bytes);
  if (expanded !== null && expanded > MAX_DOCX_UNCOMPRESSED) {
    throw new UserFacingError(
      'import.too-large',
      `${name}: tài liệu Word giải nén ra quá lớn (hơn ${MAX_DOCX_UNCOMPRESSED / 1024 / 1024} MB), có thể là tệp độc hại hoặc bị hỏng.`,
    );
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) });
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
  const guess = detectLegacyEncoding(text);
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
