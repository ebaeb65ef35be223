/**
 * Raster scans: JPEG, PNG and TIFF (every page of a multi-page TIFF, 1-bit CCITT included).
 * Every page is decoded completely (while making its thumbnail), so a truncated or corrupt file
 * is rejected here, before anything is stored.
 *
 * The image is read from disk (a path), one page at a time and in sequential strips, never as a
 * whole file in memory: a 2 GB multi-page TIFF imports with the memory of one page's thumbnail.
 */
import sharp, { type Metadata } from 'sharp';
import { UserFacingError } from '../../../../shared/errors';
import { makeThumbnail, MAX_PIXELS, type ImageInput } from '../thumbnails';
import type { ImportedPage, ImportedSource } from './types';

export type { ImportedPage, ImportedSource } from './types';
export { MAX_PIXELS } from '../thumbnails';

// The file read here is the import's staging copy, renamed into files/ or removed right after:
// libvips must not keep it open in its cache (on Windows an open file can be neither renamed nor
// deleted; elsewhere a removed file's disk space stays in use while it is open).
sharp.cache({ files: 0 });

const mimes = { jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff' } as const;
const labels = { jpeg: 'JPEG', png: 'PNG', tiff: 'TIFF' } as const;

/** Which page of how many, for messages about one page of a multi-page file. */
export interface PageOf {
  index: number;
  count: number;
}

function tooLarge(name: string, width: number, height: number, page?: PageOf): UserFacingError {
  const what = page && page.count > 1 ? `trang ${page.index + 1}/${page.count} quá lớn` : 'ảnh quá lớn';
  return new UserFacingError(
    'import.too-large',
    `${name}: ${what} (${width}×${height} điểm ảnh, tối đa ${MAX_PIXELS / 1_000_000} triệu điểm ảnh), có thể là tệp độc hại hoặc bị hỏng.`,
  );
}

/** Rejects an image (or one page of it) whose declared size would take too much memory to decode. */
export function checkPixelLimit(name: string, width: number, height: number, page?: PageOf): void {
  if (width * height > MAX_PIXELS) throw tooLarge(name, width, height, page);
}

/** sharp's own refusal of an image above `limitInputPixels` (decodeOptions). */
function isPixelLimitError(e: unknown): boolean {
  return e instanceof Error && /pixel limit/i.test(e.message);
}

async function pageMetadata(input: ImageInput, page: number): Promise<Metadata> {
  // Only the header is read; the pixel limit is checked on the declared size, with a sentence.
  return sharp(input, { page, limitInputPixels: false }).metadata();
}

/** Reads a raster image: a path (read from disk, page by page) or bytes already in memory. */
export async function readImage(input: ImageInput, name: string, kind: 'jpeg' | 'png' | 'tiff'): Promise<ImportedSource> {
  const corrupt = () =>
    new UserFacingError('import.corrupt', `${name}: tệp ảnh ${labels[kind]} bị hỏng hoặc không trọn vẹn, không đọc được.`);
  let meta: Metadata;
  try {
    meta = await pageMetadata(input, 0);
  } catch {
    throw corrupt();
  }
  const pageCount = kind === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  const pages: ImportedPage[] = [];
  for (let filePage = 0; filePage < pageCount; filePage++) {
    const pageOf = { index: filePage, count: pageCount };
    let m = meta;
    if (filePage > 0) {
      try {
        m = await pageMetadata(input, filePage);
      } catch {
        throw corrupt();
      }
    }
    const width = m.autoOrient?.width ?? m.width ?? 0;
    const height = m.autoOrient?.height ?? m.height ?? 0;
    if (!width || !height) throw corrupt();
    checkPixelLimit(name, width, height, pageOf);
    let thumbnail: Uint8Array;
    try {
      thumbnail = await makeThumbnail(input, filePage);
    } catch (e) {
      if (isPixelLimitError(e)) throw tooLarge(name, width, height, pageOf);
      throw pageCount > 1
        ? new UserFacingError('import.corrupt', `${name}: trang ${filePage + 1}/${pageCount} của tệp ${labels[kind]} bị hỏng, không giải mã được.`)
        : corrupt();
    }
    pages.push({ filePage, width, height, text: '', imageKind: kind === 'tiff' ? 'raster' : 'original', thumbnail });
  }
  return { format: kind, mime: mimes[kind], pages };
}
