/**
 * DOCX: the text of the document with its footnotes and endnotes (mammoth). Footnote markers stay
 * in the text as "[1]"; the notes follow the body, one per line, as "[1] …".
 */
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { UserFacingError } from '../../../../shared/errors';
import { toNFC } from '../../text';
import { makeTextThumbnail } from '../thumbnails';
import { textOfNode } from './htmlText';
import type { ImportedSource } from './types';

export async function readDocx(bytes: Uint8Array, name: string): Promise<ImportedSource> {
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
  const heading = body.querySelector('h1, h2');
  const title = heading?.textContent?.trim();
  return {
    format: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    pages: [{ filePage: 0, width: 0, height: 0, text, imageKind: 'text', thumbnail: await makeTextThumbnail(text) }],
    ...(title ? { title: toNFC(title) } : {}),
  };
}
