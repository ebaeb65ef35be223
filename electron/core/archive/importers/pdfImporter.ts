/**
 * PDF: one document, one page per PDF page. A scanned page that is one JPEG (or CCITT G4) image
 * keeps that image byte-identical; every other page (born-digital, JPEG 2000, mixed) is rendered
 * with pdf.js at its native resolution. Text is extracted from every page that has a text layer.
 */
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { UserFacingError } from '../../../../shared/errors';
import { toNFC } from '../../text';
import { embeddedScan, nativeScale } from '../pdf/pdfImages';
import { openPdf, type PDFDocumentProxy } from '../pdf/pdfjs';
import { makeThumbnail, MAX_PIXELS } from '../thumbnails';
import { checkPixelLimit } from './imageImporter';
import type { ImportedPage, ImportedSource, PageDerivative } from './types';

/** Resolution for pages without images (born-digital text). */
export const TEXT_PAGE_DPI = 150;
/** Highest resolution a page is rendered at, whatever its images claim. */
export const MAX_RENDER_DPI = 600;
/** Largest rendered page, in pixels. */
const MAX_RENDER_PIXELS = MAX_PIXELS / 4;

export interface PdfReadOptions {
  /** Called before each page; throwing stops the import (cancellation). */
  beforePage?: (index: number, total: number) => void;
}

function isTruncated(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  return !tail.includes('%%EOF');
}

export async function openPdfForImport(bytes: Uint8Array, name: string): Promise<PDFDocumentProxy> {
  if (isTruncated(bytes)) {
    throw new UserFacingError('import.pdf-truncated', `${name}: tệp PDF không trọn vẹn (bị cắt cụt, thiếu phần cuối tệp); hãy sao chép hoặc tải lại tệp.`);
  }
  try {
    return await openPdf(bytes);
  } catch (e) {
    const err = e as { name?: string };
    if (err?.name === 'PasswordException') {
      throw new UserFacingError(
        'import.pdf-password',
        `${name}: tệp PDF có mật khẩu bảo vệ; hãy mở bằng mật khẩu và lưu lại bản không mật khẩu rồi nhập lại.`,
      );
    }
    throw new UserFacingError('import.pdf-damaged', `${name}: tệp PDF bị hỏng, không đọc được cấu trúc tệp.`);
  }
}

function pageText(items: readonly unknown[]): string {
  let text = '';
  for (const it of items) {
    const item = it as { str?: string; hasEOL?: boolean };
    if (typeof item.str !== 'string') continue;
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  return toNFC(text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim());
}

function rotationOf(r: number): 0 | 90 | 180 | 270 {
  const n = (((Math.round(r / 90) * 90) % 360) + 360) % 360;
  return n as 0 | 90 | 180 | 270;
}

function toBytes(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

export async function readPdf(bytes: Uint8Array, name: string, opts: PdfReadOptions = {}): Promise<ImportedSource> {
  const pdf = await openPdfForImport(bytes, name);
  // pdf-lib gives the raw image streams; when it cannot parse the file (or the file is encrypted,
  // so streams are ciphertext) every page is rendered instead.
  let lib: PDFDocument | null = null;
  try {
    lib = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    if (lib.isEncrypted || lib.getPageCount() !== pdf.numPages) lib = null;
  } catch {
    lib = null;
  }
  const pages: ImportedPage[] = [];
  let title: string | undefined;
  try {
    if (pdf.numPages < 1) throw new UserFacingError('import.pdf-empty', `${name}: tệp PDF không có trang nào.`);
    try {
      const meta = await pdf.getMetadata();
      const t = (meta.info as { Title?: unknown } | undefined)?.Title;
      if (typeof t === 'string' && t.trim()) title = toNFC(t.trim());
    } catch {
      /* no metadata: fine */
    }
    for (let i = 0; i < pdf.numPages; i++) {
      opts.beforePage?.(i, pdf.numPages);
      try {
        pages.push(await readPage(pdf, lib, i, name));
      } catch (e) {
        if (e instanceof UserFacingError) throw e;
        throw new UserFacingError('import.pdf-damaged', `${name}: trang ${i + 1}/${pdf.numPages} của tệp PDF bị hỏng, không đọc được.`);
      }
    }
  } finally {
    await pdf.destroy();
  }
  return { format: 'pdf', mime: 'application/pdf', pages, ...(title ? { title } : {}) };
}

async function readPage(pdf: PDFDocumentProxy, lib: PDFDocument | null, index: number, name: string): Promise<ImportedPage> {
  const page = await pdf.getPage(index + 1);
  try {
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const widthPt = Math.abs(x1 - x0);
    const heightPt = Math.abs(y1 - y0);
    const rotation = rotationOf(page.rotate);
    const text = pageText((await page.getTextContent()).items);
    const libPage = lib?.getPage(index);

    const scan = libPage ? embeddedScan(libPage, widthPt, heightPt) : null;
    if (scan) {
      checkPixelLimit(name, scan.width, scan.height);
      try {
        const thumbnail = await makeThumbnail(scan.bytes);
        const derivative: PageDerivative = { bytes: scan.bytes, mime: scan.kind === 'jpeg' ? 'image/jpeg' : 'image/tiff' };
        return { filePage: index, width: scan.width, height: scan.height, rotation, text, imageKind: 'pdf-image', derivative, thumbnail };
      } catch {
        // The embedded image does not decode on its own (unusual JPEG variant): render instead.
      }
    }

    const native = libPage ? nativeScale(libPage, widthPt, heightPt) : null;
    let scale = Math.min(Math.max(native ?? TEXT_PAGE_DPI / 72, 1), MAX_RENDER_DPI / 72);
    if (widthPt * heightPt * scale * scale > MAX_RENDER_PIXELS) scale = Math.sqrt(MAX_RENDER_PIXELS / (widthPt * heightPt));
    const rendered = await renderPage(pdf, index, scale, native !== null);
    const thumbnail = await makeThumbnail(rendered.bytes);
    return {
      filePage: index,
      width: rendered.width,
      height: rendered.height,
      // The rendering already applies /Rotate.
      rotation: 0,
      text,
      imageKind: 'pdf-render',
      derivative: { bytes: rendered.bytes, mime: rendered.mime },
      thumbnail,
    };
  } finally {
    page.cleanup();
  }
}

/** Renders one page (0-based) to PNG (text pages) or JPEG (pages with photographs/scans). */
export async function renderPage(
  pdf: PDFDocumentProxy,
  index: number,
  scale: number,
  photographic: boolean,
): Promise<{ bytes: Uint8Array; width: number; height: number; mime: 'image/png' | 'image/jpeg' }> {
  const page = await pdf.getPage(index + 1);
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  const factory = (pdf as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: unknown }; destroy(c: unknown): void } })
    .canvasFactory;
  const cc = factory.create(width, height);
  try {
    const ctx = cc.context as { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    await page.render({ canvasContext: cc.context, canvas: cc.canvas, viewport } as unknown as Parameters<typeof page.render>[0]).promise;
    const png = (cc.canvas as { toBuffer(mime: string): Buffer }).toBuffer('image/png');
    if (!photographic) return { bytes: toBytes(png), width, height, mime: 'image/png' };
    const jpeg = await sharp(png).jpeg({ quality: 90 }).toBuffer();
    return { bytes: toBytes(jpeg), width, height, mime: 'image/jpeg' };
  } finally {
    factory.destroy(cc);
    page.cleanup();
  }
}
