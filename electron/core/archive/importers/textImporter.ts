/**
 * Plain text files: one page holding the whole text, decoded and stored as NFC, without control
 * characters (a Ctrl-Z or an ESC in a text file is never meant as text). Bytes that were not
 * UTF-8 in a UTF-8 file are reported as a warning on the file's outcome.
 */
import { toNFC } from '../../text';
import { makeTextThumbnail } from '../thumbnails';
import { decodeText, invalidBytesWarning, tidyText } from './textDecoding';
import type { ImportedSource } from './types';

export async function readPlainText(bytes: Uint8Array): Promise<ImportedSource & { encoding: string }> {
  const decoded = decodeText(bytes);
  // Line ends are made LF first, so that a lone CR (an old Mac file) still ends a line.
  const text = tidyText(toNFC(decoded.text.replace(/\r\n?/g, '\n')));
  return {
    format: 'text',
    mime: 'text/plain',
    encoding: decoded.encoding,
    pages: [{ filePage: 0, width: 0, height: 0, text, imageKind: 'text', thumbnail: await makeTextThumbnail(text) }],
    ...(decoded.invalid ? { warnings: [invalidBytesWarning(decoded.invalid)] } : {}),
  };
}
