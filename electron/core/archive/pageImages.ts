/**
 * Page images a viewer can show. JPEG/PNG originals are shown as they are; everything else has a
 * derived image in cache/pages (rebuildable from the original): the scan extracted from a PDF
 * (byte-identical JPEG, or CCITT data in a TIFF container), a rendered PDF page, or a PNG of a
 * TIFF page. Browsers cannot show TIFF, so TIFF images also get a PNG preview.
 *
 * Every path read or written here is built by ProjectLayout from the page's row (a hash that is
 * not one is refused) and checked to lie inside the project once links are followed, so a
 * crafted project folder can neither show a file from elsewhere nor have one written there.
 */
import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { UserFacingError } from '../../../shared/errors';
import type { ProjectLayout } from '../store/projectLayout';
import type { PageRow } from './documents';
import { tiffPageInput } from './importers/imageImporter';
import { loadPdfLib, renderPage } from './importers/pdfImporter';
import { embeddedScan, nativeScale } from './pdf/pdfImages';
import { openPdf } from './pdf/pdfjs';
import { writeFileAtomic } from '../atomicFile';
import { derivativePath, previewPath } from './cachePaths';
import { decodeOptions, makeThumbnail } from './thumbnails';

/** Makes the derivative of a PDF page again from the original (after cache/ was cleared). */
async function rebuildPdfDerivative(layout: ProjectLayout, row: PageRow, target: string): Promise<void> {
  const bytes = readFileSync(layout.inside(layout.original(row.file_sha256)));
  if (row.image_kind === 'pdf-image') {
    const lib = await loadPdfLib(bytes);
    const page = lib.getPage(row.file_page);
    const { width, height } = page.getSize();
    const scan = embeddedScan(page, width, height);
    if (!scan) throw new Error(`page ${row.id}: embedded scan not found again`);
    writeFileAtomic(target, scan.bytes);
    return;
  }
  const pdf = await openPdf(bytes);
  try {
    let scale = row.width / (await pdf.getPage(row.file_page + 1)).getViewport({ scale: 1 }).width;
    if (!Number.isFinite(scale) || scale <= 0) scale = 150 / 72;
    const lib = await loadPdfLib(bytes).catch(() => null);
    const photographic = lib && !lib.isEncrypted ? nativeScale(lib.getPage(row.file_page), 1, 1) !== null : false;
    const rendered = await renderPage(pdf, row.file_page, scale, photographic && row.image_mime === 'image/jpeg');
    writeFileAtomic(target, rendered.bytes);
  } finally {
    await pdf.destroy();
  }
}

/** A page of a many-page TIFF is decoded from a single-page copy (libvips would count every page first). */
export function decodablePage(src: { path: string; mime: string; page: number }): { input: string | Uint8Array; page: number } {
  return src.mime === 'image/tiff' ? tiffPageInput(src.path, src.page) : { input: src.path, page: src.page };
}

/** The file that holds the page's image as stored (original or derivative), rebuilt if needed. */
export async function pageImageSource(layout: ProjectLayout, row: PageRow): Promise<{ path: string; mime: string; page: number }> {
  switch (row.image_kind) {
    case 'original':
    case 'raster':
      return { path: layout.inside(layout.original(row.file_sha256)), mime: row.mime, page: row.file_page };
    case 'pdf-image':
    case 'pdf-render': {
      const mime = row.image_mime ?? 'image/png';
      const target = layout.inside(derivativePath(layout, row.file_sha256, row.file_page, mime));
      if (!existsSync(target)) await rebuildPdfDerivative(layout, row, target);
      return { path: target, mime, page: 0 };
    }
    case 'text':
      throw new UserFacingError('archive.no-image', 'Trang này là văn bản, không có ảnh.');
  }
}

/** An image file a browser can show for the page (JPEG or PNG). */
export async function viewablePageImage(layout: ProjectLayout, row: PageRow): Promise<{ path: string; mime: string }> {
  const src = await pageImageSource(layout, row);
  if ((src.mime === 'image/jpeg' || src.mime === 'image/png') && src.page === 0) return { path: src.path, mime: src.mime };
  const target = layout.inside(previewPath(layout, row.file_sha256, row.file_page));
  if (!existsSync(target)) {
    const page = decodablePage(src);
    const png = await sharp(page.input, decodeOptions(page.page)).rotate().png({ compressionLevel: 6 }).toBuffer();
    writeFileAtomic(target, png);
  }
  return { path: target, mime: 'image/png' };
}

/** The page's thumbnail in cache/thumbs, made again from the page image if it is missing. */
export async function ensurePageThumbnail(layout: ProjectLayout, row: PageRow): Promise<string> {
  const target = layout.inside(layout.thumbnail(row.file_sha256, row.file_page));
  if (existsSync(target)) return target;
  if (row.image_kind === 'text') {
    const { makeTextThumbnail } = await import('./thumbnails');
    writeFileAtomic(target, await makeTextThumbnail(row.text));
    return target;
  }
  const page = decodablePage(await pageImageSource(layout, row));
  writeFileAtomic(target, await makeThumbnail(page.input, page.page));
  return target;
}
