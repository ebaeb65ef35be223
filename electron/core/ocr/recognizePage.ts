/**
 * One archived page read by the engine: its image as stored (original, TIFF page or PDF scan),
 * prepared for recognition (prepareForOcr: a derived image, the original is only read), read,
 * and the word boxes mapped back onto the page image the viewer shows.
 */
import type { OcrPreparation, OcrWord } from '../../../shared/archive/ocr';
import { UserFacingError } from '../../../shared/errors';
import type { PageRow } from '../archive/documents';
import type { ProjectLayout } from '../store/projectLayout';
import type { OcrEngine } from './ocrEngine';

export interface PageRecognition {
  width: number;
  height: number;
  words: OcrWord[];
  confidence: number;
  text: string;
  preparation: OcrPreparation;
  durationMs: number;
}

/** Reads an image (file path or bytes; `page` of a multi-page file) whose display rotation is `rotation`. */
export async function recognizeImage(input: string | Buffer, engine: OcrEngine, opts: { page?: number; rotation?: number } = {}): Promise<PageRecognition> {
  const started = Date.now();
  const { boxToSource } = await import('./preprocess');
  const prepared = await engine.prepare(input, opts);
  const read = await engine.recognize(prepared.png);
  return {
    width: prepared.sourceWidth,
    height: prepared.sourceHeight,
    words: read.words.map((w) => ({ ...w, box: boxToSource(w.box, prepared) })),
    confidence: read.confidence,
    text: read.text,
    preparation: prepared.preparation,
    durationMs: Date.now() - started,
  };
}

export async function recognizePage(layout: ProjectLayout, row: PageRow, engine: OcrEngine): Promise<PageRecognition> {
  if (row.image_kind === 'text') throw new UserFacingError('ocr.no-image', 'Trang này là văn bản, không có ảnh để nhận dạng.');
  const { pageImageSource, decodablePage } = await import('../archive/pageImages');
  const page = decodablePage(await pageImageSource(layout, row));
  return recognizeImage(typeof page.input === 'string' ? page.input : Buffer.from(page.input), engine, { page: page.page, rotation: row.rotation });
}
