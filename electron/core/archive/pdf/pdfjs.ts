/**
 * pdf.js under Node: the legacy build, with its fonts, CMaps and WASM decoders (JPEG 2000, JBIG2)
 * read from node_modules, and rendering through its bundled @napi-rs/canvas. Never evaluates
 * code from a PDF.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return loaded;
}

function assetDir(sub: string): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), sub) + path.sep;
}

export type { PDFDocumentProxy };

/** Opens a PDF with pdf.js. The bytes are copied: pdf.js takes ownership of what it is given. */
export async function openPdf(bytes: Uint8Array, password?: string): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    password,
    standardFontDataUrl: assetDir('standard_fonts'),
    cMapUrl: assetDir('cmaps'),
    cMapPacked: true,
    wasmUrl: assetDir('wasm'),
    iccUrl: assetDir('iccs'),
    isEvalSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  } as Parameters<PdfJs['getDocument']>[0]);
  return task.promise;
}
