/**
 * Raster scans: JPEG, PNG and TIFF (every page of a multi-page TIFF, 1-bit CCITT included).
 * Every page is decoded completely (while making its thumbnail), so a truncated or corrupt file
 * is rejected here, before anything is stored.
 */
import sharp, { type Metadata } from 'sharp';
import { UserFacingError } from '../../../../shared/errors';
import { makeThumbnail, MAX_PIXELS } from '../thumbnails';
import type { ImportedPage, ImportedSource } from './types';

export type { ImportedPage, ImportedSource } from './types';
export { MAX_PIXELS } from '../thumbnails';

const mimes = { jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff' } as const;
const labels = { jpeg: 'JPEG', png: 'PNG', tiff: 'TIFF' } as const;

/** Rejects an image whose declared size would take too much memory to decode. */
export function checkPixelLimit(name: string, width: number, height: number): void {
  if (width * height > MAX_PIXELS) {
    throw new UserFacingError(
      'import.too-large',
      `${name}: ảnh quá lớn (${width}×${height} điểm ảnh, tối đa ${MAX_PIXELS / 1_000_000} triệu điểm ảnh), có thể là tệp độc hại hoặc bị hỏng.`,
    );
  }
}

async function pageMetadata(bytes: Uint8Array, page: number): Promise<Metadata> {
  return sharp(bytes, { page, limitInputPixels: false }).metadata();
}

export async function readImage(bytes: Uint8Array, name: string, kind: 'jpeg' | 'png' | 'tiff'): Promise<ImportedSource> {
  const corrupt = () =>
    new UserFacingError('import.corrupt', `${name}: tệp ảnh ${labels[kind]} bị hỏng hoặc không trọn vẹn, không đọc được.`);
  let meta: Metadata;
  try {
    meta = await pageMetadata(bytes, 0);
  } catch {
    throw corrupt();
  }
  const pageCount = kind === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  const pages: ImportedPage[] = [];
  for (let filePage = 0; filePage < pageCount; filePage++) {
    let m = meta;
    if (filePage > 0) {
      try {
        m = await pageMetadata(bytes, filePage);
      } catch {
        throw corrupt();
      }
    }
    const width = m.autoOrient?.width ?? m.width ?? 0;
    const height = m.autoOrient?.height ?? m.height ?? 0;
    if (!width || !height) throw corrupt();
    checkPixelLimit(name, width, height);
    let thumbnail: Uint8Array;
    try {
      thumbnail = await makeThumbnail(bytes, filePage);
    } catch {
      throw pageCount > 1
        ? new UserFacingError('import.corrupt', `${name}: trang ${filePage + 1}/${pageCount} của tệp ${labels[kind]} bị hỏng, không giải mã được.`)
        : corrupt();
    }
    pages.push({ filePage, width, height, text: '', imageKind: kind === 'tiff' ? 'raster' : 'original', thumbnail });
  }
  return { format: kind, mime: mimes[kind], pages };
}
