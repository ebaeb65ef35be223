/** Thumbnails of pages, kept in cache/ (derived, rebuildable from the originals). */
import sharp, { type SharpOptions } from 'sharp';
import { stripControls } from '../../../shared/text/controlChars';

export const THUMBNAIL_WIDTH = 400;
/** Refuse images larger than this many pixels (decompression bombs). 200 MP ≈ A0 at 600 dpi. */
export const MAX_PIXELS = 200_000_000;

export type ImageInput = Uint8Array | string;

/** Options every decode uses: bounded size, and a corrupt or truncated image is an error. */
export function decodeOptions(page = 0): SharpOptions {
  return { page, limitInputPixels: MAX_PIXELS, failOn: 'error', sequentialRead: true };
}

/**
 * Decodes one page of an image completely and returns its thumbnail (JPEG). Decoding the whole
 * image is also the check that it is not truncated or corrupt.
 */
export async function makeThumbnail(input: ImageInput, page = 0): Promise<Uint8Array> {
  const buf = await sharp(input, decodeOptions(page))
    .rotate()
    .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 78 })
    .toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

/** Text made safe inside SVG: markup escaped, and characters XML forbids (control codes, lone surrogates) dropped. */
function escapeXml(s: string): string {
  return stripControls(s).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** How much of a text the thumbnail looks at (30 short lines need far less; a 200 MB line is never split whole). */
const THUMBNAIL_TEXT_CHARS = 8192;

/** A thumbnail for a page that has text but no image: the first lines on a white sheet. */
export async function makeTextThumbnail(text: string): Promise<Uint8Array> {
  const width = THUMBNAIL_WIDTH;
  const height = Math.round(width * 1.414);
  const lines: string[] = [];
  for (const para of text.slice(0, THUMBNAIL_TEXT_CHARS).split(/\n+/)) {
    const words = para.trim().split(/\s+/).filter(Boolean);
    let line = '';
    for (const w of words) {
      if ((line + ' ' + w).length > 46) {
        lines.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
      if (lines.length >= 30) break;
    }
    if (line) lines.push(line);
    if (lines.length >= 30) break;
  }
  const tspans = lines
    .slice(0, 30)
    .map((l, i) => `<text x="24" y="${40 + i * 17}">${escapeXml(l.slice(0, 60))}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#fff"/><rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="none" stroke="#ccc"/>
<g font-family="serif" font-size="13" fill="#333">${tspans}</g></svg>`;
  const buf = await sharp(Buffer.from(svg)).jpeg({ quality: 78 }).toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

