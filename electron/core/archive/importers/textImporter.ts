/** Plain text files: one page holding the whole text, decoded and stored as NFC. */
import { makeTextThumbnail } from '../thumbnails';
import { decodeText, tidyText } from './textDecoding';
import type { ImportedSource } from './types';

export async function readPlainText(bytes: Uint8Array): Promise<ImportedSource & { encoding: string }> {
  const decoded = decodeText(bytes);
  const text = tidyText(decoded.text);
  return {
    format: 'text',
    mime: 'text/plain',
    encoding: decoded.encoding,
    pages: [{ filePage: 0, width: 0, height: 0, text, imageKind: 'text', thumbnail: await makeTextThumbnail(text) }],
  };
}
