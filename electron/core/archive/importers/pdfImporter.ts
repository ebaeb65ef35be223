/**
 * PDF: one document, one page per PDF page. A scanned page that is one JPEG (or CCITT G4) image
 * keeps that image byte-identical; every other page (born-digital, JPEG 2000, mixed) is rendered
 * with pdf.js at its native resolution. Text is extracted from every page that has a text layer;
 * text drawn in legacy Vietnamese fonts (TCVN3, VNI) is converted, and so is the title
 * (pdfLegacyText.ts).
 */
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { UserFacingError } from '../../../../shared/errors';
import { toNFC } from '../../text';
import { embeddedScan, nativeScale, pageHasFonts } from '../pdf/pdfImages';
import { MAX_PAGE_CONTENT_BYTES, pageContentBytes } from './pdfBudget';
import { openPdf, type PDFDocumentProxy } from '../pdf/pdfjs';
import { makeThumbnail, MAX_PIXELS } from '../thumbnails';
import { checkPixelLimit } from './imageImporter';
import { convertLegacy, type LegacyEncoding } from '../../../../shared/text/legacyEncoding';
import { convertLegacyItems, pageFontNames } from './pdfLegacyText';
import { trimLineEnds } from './textDecoding';
import type { ImportedPage, ImportedSource, PageDerivative, PageReadOptions } from './types';

/** Resolution for pages without images (born-digital text). */
export const TEXT_PAGE_DPI = 150;
/** Highest resolution a page is rendered at, whatever its images claim. */
export const MAX_RENDER_DPI = 600;
/** Largest rendered page, in pixels. */
const MAX_RENDER_PIXELS = MAX_PIXELS / 4;

export type PdfReadOptions = PageReadOptions;

/** Letters only Unicode Vietnamese has (ă đ ơ ư and the toned vowels): a title with one is not legacy text. */
const UNICODE_ONLY_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/u;

function isTruncated(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  return !tail.includes('%%EOF');
}

function truncated(name: string): UserFacingError {
  return new UserFacingError('import.pdf-truncated', `${name}: tệp PDF không trọn vẹn (bị cắt cụt, thiếu phần cuối tệp); hãy sao chép hoặc tải lại tệp.`);
}

export async function openPdfForImport(bytes: Uint8Array, name: string): Promise<PDFDocumentProxy> {
  if (isTruncated(bytes)) throw truncated(name);
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
  return toNFC(trimLineEnds(text).replace(/\n{3,}/g, '\n\n').trim());
}

function rotationOf(r: number): 0 | 90 | 180 | 270 {
  const n = (((Math.round(r / 90) * 90) % 360) + 360) % 360;
  return n as 0 | 90 | 180 | 270;
}

function toBytes(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

/** Runs `fn` over 0..n-1 with at most `width` at once; results in order. */
async function mapWindow<T>(n: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  let failed: unknown = null;
  const worker = async () => {
    while (next < n && failed === null) {
      const i = next++;
      try {
        out[i] = await fn(i);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker));
  if (failed !== null) throw failed;
  return out;
}

/** Pages read at once: thumbnails decode on libuv threads while the next page is parsed. */
const PAGE_WINDOW = 3;

let quietLoads = 0;
let realWarn: typeof console.warn | null = null;

/**
 * Parses a PDF with pdf-lib without its console warnings: on a damaged file it prints "Trying to
 * parse invalid object: {…}" for each bad object, which reached the terminal of `suquan import`
 * (and the service's stderr) in English. The damage is reported in a sentence instead.
 */
export async function loadPdfLib(bytes: Uint8Array): Promise<PDFDocument> {
  if (quietLoads++ === 0) {
    realWarn = console.warn;
    console.warn = () => {};
  }
  try {
    return await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } finally {
    if (--quietLoads === 0 && realWarn) {
      console.warn = realWarn;
      realWarn = null;
    }
  }
}

async function loadWithPdfLib(bytes: Uint8Array): Promise<PDFDocument | null> {
  try {
    const lib = await loadPdfLib(bytes);
    return lib.isEncrypted || lib.getPageCount() === 0 ? null : lib;
  } catch {
    return null;
  }
}

/**
 * Reads a PDF. pdf-lib parses the file and finds each page's scan; pdf.js (slow to load, heavy)
 * is opened only when a page needs it: to render, to read a text layer, or when pdf-lib cannot
 * read the file (encrypted, damaged) — pdf.js then tells a password from damage.
 */
export async function readPdf(bytes: Uint8Array, name: string, opts: PdfReadOptions = {}): Promise<ImportedSource> {
  if (isTruncated(bytes)) throw truncated(name);
  const lib = await loadWithPdfLib(bytes);
  let pdfjs: Promise<PDFDocumentProxy> | null = lib ? null : Promise.resolve(openPdfForImport(bytes, name));
  const getPdfjs = () => (pdfjs ??= openPdfForImport(bytes, name));
  try {
    const numPages = lib ? lib.getPageCount() : (await getPdfjs()).numPages;
    if (numPages < 1) throw new UserFacingError('import.pdf-empty', `${name}: tệp PDF không có trang nào.`);
    let title: string | undefined;
    try {
      const t = lib ? lib.getTitle() : ((await (await getPdfjs()).getMetadata()).info as { Title?: unknown } | undefined)?.Title;
      if (typeof t === 'string' && t.trim()) title = toNFC(t.trim());
    } catch {
      /* no metadata: fine */
    }
    const legacy = new Set<LegacyEncoding>();
    const pages = await mapWindow(numPages, PAGE_WINDOW, async (i) => {
      opts.beforePage?.(i, numPages);
      let page: ImportedPage;
      try {
        page = await readPage(lib, getPdfjs, i, numPages, name, legacy);
      } catch (e) {
        if (e instanceof UserFacingError || (e as Error)?.name === 'Cancelled') throw e;
        throw new UserFacingError('import.pdf-damaged', `${name}: trang ${i + 1}/${numPages} của tệp PDF bị hỏng, không đọc được.`);
      }
      // Outside the try: a full disk while the caller stores the page is not damage in the file.
      opts.onPage?.(page);
      return page;
    });
    // A title typed in the same legacy encoding as the text: Latin-1 look-alikes, no Unicode Vietnamese letter.
    const main = [...legacy][0];
    if (title && main && /[\u00a0-\u00ff]/.test(title) && !UNICODE_ONLY_VIETNAMESE.test(title)) title = convertLegacy(title, main);
    return { format: 'pdf', mime: 'application/pdf', pages, ...(title ? { title } : {}) };
  } finally {
    if (pdfjs) await (await (pdfjs as Promise<PDFDocumentProxy>).catch(() => null))?.destroy();
  }
}

async function readPage(
  lib: PDFDocument | null,
  getPdfjs: () => Promise<PDFDocumentProxy>,
  index: number,
  numPages: number,
  name: string,
  legacy?: Set<LegacyEncoding>,
): Promise<ImportedPage> {
  const libPage = lib?.getPage(index);
  let widthPt: number;
  let heightPt: number;
  let rotation: 0 | 90 | 180 | 270;
  if (libPage) {
    const box = libPage.getCropBox();
    widthPt = Math.abs(box.width);
    heightPt = Math.abs(box.height);
    rotation = rotationOf(libPage.getRotation().angle);
  } else {
    const pdf = await getPdfjs();
    if (pdf.numPages !== numPages) throw new Error('page count changed');
    const page = await pdf.getPage(index + 1);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    widthPt = Math.abs(x1 - x0);
    heightPt = Math.abs(y1 - y0);
    rotation = rotationOf(page.rotate);
  }
  // Drawing instructions that would make pdf.js take gigabytes and minutes are refused before it starts.
  if (libPage && pageContentBytes(libPage) > MAX_PAGE_CONTENT_BYTES) {
    throw new UserFacingError(
      'import.pdf-too-complex',
      `${name}: trang ${index + 1}/${numPages} của tệp PDF có nội dung vẽ quá lớn (hơn ${MAX_PAGE_CONTENT_BYTES / 1024 / 1024} MB sau khi giải nén), có thể là tệp độc hại hoặc bị hỏng.`,
    );
  }
  const textOf = async () => {
    if (libPage && !pageHasFonts(libPage)) return '';
    const page = await (await getPdfjs()).getPage(index + 1);
    const converted = await convertLegacyItems(page as never, (await page.getTextContent()).items, libPage ? pageFontNames(libPage) : null);
    if (converted.encoding) legacy?.add(converted.encoding);
    return pageText(converted.items);
  };

  const scan = libPage ? embeddedScan(libPage, widthPt, heightPt) : null;
  if (scan) {
    checkPixelLimit(name, scan.width, scan.height);
    let thumbnail: Uint8Array | null = null;
    try {
      thumbnail = await makeThumbnail(scan.bytes);
    } catch {
      // The embedded image does not decode on its own (unusual JPEG variant): render instead.
    }
    if (thumbnail) {
      const derivative: PageDerivative = { bytes: scan.bytes, mime: scan.kind === 'jpeg' ? 'image/jpeg' : 'image/tiff' };
      return { filePage: index, width: scan.width, height: scan.height, rotation, text: await textOf(), imageKind: 'pdf-image', derivative, thumbnail };
    }
  }

  const pdf = await getPdfjs();
  if (pdf.numPages !== numPages) throw new Error('page count differs between readers');
  const native = libPage ? nativeScale(libPage, widthPt, heightPt) : null;
  let scale = Math.min(Math.max(native ?? TEXT_PAGE_DPI / 72, 1), MAX_RENDER_DPI / 72);
  if (widthPt * heightPt * scale * scale > MAX_RENDER_PIXELS) scale = Math.sqrt(MAX_RENDER_PIXELS / (widthPt * heightPt));
  let rendered: Awaited<ReturnType<typeof renderPage>>;
  try {
    rendered = await renderPage(pdf, index, scale, native !== null);
  } catch (e) {
    if (!(e instanceof RenderTimeout)) throw e;
    throw new UserFacingError(
      'import.pdf-too-complex',
      `${name}: trang ${index + 1}/${numPages} của tệp PDF quá phức tạp, vẽ không xong trong ${RENDER_TIMEOUT_MS / 1000} giây; có thể là tệp độc hại hoặc bị hỏng.`,
    );
  }
  const thumbnail = await makeThumbnail(rendered.bytes);
  return {
    filePage: index,
    width: rendered.width,
    height: rendered.height,
    // The rendering already applies /Rotate.
    rotation: 0,
    text: await textOf(),
    imageKind: 'pdf-render',
    derivative: { bytes: rendered.bytes, mime: rendered.mime },
    thumbnail,
  };
}

/**
 * Longest a page may take to render. A backstop for what the content budget does not see (a form
 * drawn a hundred thousand times, a file only pdf.js can open): pdf.js yields every 20 ms, so the
 * rendering is cancelled on time and the service stays responsive meanwhile.
 */
export const RENDER_TIMEOUT_MS = 20_000;

export class RenderTimeout extends Error {
  constructor() {
    super('page rendering timed out');
    this.name = 'RenderTimeout';
  }
}

/** Renders one page (0-based) to PNG (text pages) or JPEG (pages with photographs/scans), within RENDER_TIMEOUT_MS. */
export async function renderPage(
  pdf: PDFDocumentProxy,
  index: number,
  scale: number,
  photographic: boolean,
  timeoutMs = RENDER_TIMEOUT_MS,
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
    const task = page.render({ canvasContext: cc.context, canvas: cc.canvas, viewport } as unknown as Parameters<typeof page.render>[0]);
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    // pdf.js draws in slices of ~15 ms and, in Node, chains them as microtasks, which would hold
    // the event loop (and this timeout) until the page is done: each slice is resumed from
    // setImmediate instead, and the page stops there once its time is up.
    const deadline = Date.now() + timeoutMs;
    task.onContinue = (next: () => void) => {
      if (Date.now() > deadline) {
        timedOut = true;
        task.cancel();
        return;
      }
      setImmediate(next);
    };
    try {
      await Promise.race([
        task.promise,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            timedOut = true;
            task.cancel();
            reject(new RenderTimeout());
          }, timeoutMs);
        }),
      ]);
    } catch (e) {
      // The cancelled render's own rejection comes later: it is expected, not an error.
      task.promise.catch(() => {});
      throw timedOut ? new RenderTimeout() : e;
    } finally {
      clearTimeout(timer);
    }
    const png = (cc.canvas as { toBuffer(mime: string): Buffer }).toBuffer('image/png');
    if (!photographic) return { bytes: toBytes(png), width, height, mime: 'image/png' };
    const jpeg = await sharp(png).jpeg({ quality: 90 }).toBuffer();
    return { bytes: toBytes(jpeg), width, height, mime: 'image/jpeg' };
  } finally {
    factory.destroy(cc);
    page.cleanup();
  }
}
