/**
 * Raster scans: JPEG, PNG and TIFF (every page of a multi-page TIFF, 1-bit CCITT included).
 * Every page is decoded completely (while making its thumbnail), so a truncated or corrupt file
 * is rejected here, before anything is stored.
 *
 * The image is read from disk (a path), one page at a time and in sequential strips, never as a
 * whole file in memory: a 2 GB multi-page TIFF imports with the memory of one page's thumbnail.
 */
import sharp, { type Metadata } from 'sharp';
import { isUserFacingError, UserFacingError } from '../../../../shared/errors';
import { makeThumbnail, MAX_PIXELS, type ImageInput } from '../thumbnails';
import { bytesSource, extractTiffPage, fileSource, pageDataBytes, tiffLayout, TiffStructureError, type ByteSource, type TiffLayout } from './tiffPages';
import type { ImportedPage, ImportedSource, PageReadOptions } from './types';

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

export type ImageReadOptions = PageReadOptions;

/**
 * From how many pages a TIFF is cut into single-page copies (tiffPages.ts) instead of being
 * opened whole for each page: below this, libvips counting the pages at every open costs little.
 */
export const SPLIT_TIFF_FROM_PAGES = 8;
/** A page with more image data than this is decoded from the file by page number, never copied to memory. */
const MAX_PAGE_COPY_BYTES = 64 * 1024 * 1024;

/** One page to decode: the file itself at page `page`, or a single-page copy of it (`copy`, page 0). */
interface PageInput {
  input: ImageInput;
  page: number;
  copy: boolean;
}

/** Directory layouts of the TIFF originals shown lately (an original never changes: its name is its hash). */
const recentLayouts = new Map<string, TiffLayout | null>();

/**
 * What to give sharp to decode page `page` of a stored TIFF original: a single-page copy when the
 * file has many pages (opening page 3,000 of 3,000 by number took 175 ms, the copy 3 ms), the file
 * by page number otherwise or when the copy cannot be made.
 */
export function tiffPageInput(file: string, page: number): { input: ImageInput; page: number } {
  if (!recentLayouts.has(file)) {
    if (recentLayouts.size >= 8) recentLayouts.delete(recentLayouts.keys().next().value!);
    let layout: TiffLayout | null = null;
    try {
      const src = fileSource(file);
      try {
        layout = tiffLayout(src);
      } finally {
        src.close();
      }
    } catch {
      layout = null;
    }
    recentLayouts.set(file, layout);
  }
  const layout = recentLayouts.get(file);
  if (!layout || layout.directories.length < SPLIT_TIFF_FROM_PAGES || page >= layout.directories.length) return { input: file, page };
  const src = fileSource(file);
  try {
    if (pageDataBytes(src, layout, page) > MAX_PAGE_COPY_BYTES) return { input: file, page };
    return { input: extractTiffPage(src, layout, page), page: 0 };
  } catch {
    return { input: file, page };
  } finally {
    src.close();
  }
}

/** Reads a raster image: a path (read from disk, page by page) or bytes already in memory. */
export async function readImage(input: ImageInput, name: string, kind: 'jpeg' | 'png' | 'tiff', opts: ImageReadOptions = {}): Promise<ImportedSource> {
  const corrupt = () =>
    new UserFacingError('import.corrupt', `${name}: tệp ảnh ${labels[kind]} bị hỏng hoặc không trọn vẹn, không đọc được.`);
  const truncated = () =>
    new UserFacingError('import.truncated', `${name}: tệp ảnh ${labels[kind]} không trọn vẹn (bị cắt cụt, thiếu phần cuối tệp); hãy sao chép hoặc tải lại tệp.`);
  const pageCorrupt = (filePage: number, pageCount: number) =>
    pageCount > 1 ? new UserFacingError('import.corrupt', `${name}: trang ${filePage + 1}/${pageCount} của tệp ${labels[kind]} bị hỏng, không giải mã được.`) : corrupt();

  // A TIFF's directories are walked once: a truncated file is told as such, and many pages are read in linear time.
  let tiff: { src: ByteSource; layout: TiffLayout } | null = null;
  if (kind === 'tiff') {
    const src = typeof input === 'string' ? fileSource(input) : bytesSource(input);
    try {
      tiff = { src, layout: tiffLayout(src) };
    } catch (e) {
      src.close();
      if (!(e instanceof TiffStructureError)) throw e;
      if (e.problem === 'truncated') throw truncated();
      if (e.problem === 'damaged') throw corrupt();
      // BigTIFF: sharp reads it by page number.
    }
  }
  try {
    let pageCount = 1;
    if (tiff) pageCount = tiff.layout.directories.length;
    else if (kind === 'tiff') {
      try {
        pageCount = Math.max(1, (await pageMetadata(input, 0)).pages ?? 1);
      } catch {
        throw corrupt();
      }
    }
    const pages: ImportedPage[] = [];
    for (let filePage = 0; filePage < pageCount; filePage++) {
      opts.beforePage?.(filePage, pageCount);
      const byNumber: PageInput = { input, page: filePage, copy: false };
      let source = byNumber;
      if (tiff) {
        try {
          // Every page's strips are checked to lie inside the file, whether it is copied or not.
          const bytes = pageDataBytes(tiff.src, tiff.layout, filePage);
          if (pageCount >= SPLIT_TIFF_FROM_PAGES && bytes <= MAX_PAGE_COPY_BYTES) source = { input: extractTiffPage(tiff.src, tiff.layout, filePage), page: 0, copy: true };
        } catch (e) {
          if (!(e instanceof TiffStructureError)) throw e;
          if (e.problem === 'truncated') throw truncated();
          if (e.problem === 'damaged') throw pageCorrupt(filePage, pageCount);
        }
      }
      const fail = () => pageCorrupt(filePage, pageCount);
      let page: ImportedPage;
      try {
        page = await readPage(source, filePage, pageCount, name, kind, fail);
      } catch (e) {
        // A page the copy could not carry (a tag pointing elsewhere in the file): read it by number instead.
        if (source === byNumber || isUserFacingError(e)) throw e;
        page = await readPage(byNumber, filePage, pageCount, name, kind, fail);
      }
      opts.onPage?.(page);
      pages.push(page);
    }
    return { format: kind, mime: mimes[kind], pages };
  } finally {
    tiff?.src.close();
  }
}

/**
 * Decodes one page (header, pixel limit, every pixel while making its thumbnail). A decoding
 * failure of a single-page copy is returned as an error of its own (not a sentence), so that
 * the caller can try the page by number.
 */
async function readPage(
  source: PageInput,
  filePage: number,
  pageCount: number,
  name: string,
  kind: 'jpeg' | 'png' | 'tiff',
  fail: () => UserFacingError,
): Promise<ImportedPage> {
  const { copy } = source;
  const pageOf = { index: filePage, count: pageCount };
  let m: Metadata;
  try {
    m = await pageMetadata(source.input, source.page);
  } catch (e) {
    if (copy) throw e;
    throw fail();
  }
  const width = m.autoOrient?.width ?? m.width ?? 0;
  const height = m.autoOrient?.height ?? m.height ?? 0;
  if (!width || !height) throw fail();
  checkPixelLimit(name, width, height, pageOf);
  let thumbnail: Uint8Array;
  try {
    thumbnail = await makeThumbnail(source.input, source.page);
  } catch (e) {
    if (isPixelLimitError(e)) throw tooLarge(name, width, height, pageOf);
    if (copy) throw e;
    throw fail();
  }
  return { filePage, width, height, text: '', imageKind: kind === 'tiff' ? 'raster' : 'original', thumbnail };
}
