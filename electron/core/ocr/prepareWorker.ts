/**
 * The thread that prepares pages for recognition (prepareForOcr: a few hundred milliseconds of
 * pixel work per page), so the service process keeps answering the windows while OCR runs. An
 * entry point of its own: bundled as out/host/ocr-prepare.mjs (browser mode, CLI) and
 * out/main/ocr-prepare.cjs (Electron), run from source under tsx in the tests.
 */
import { parentPort } from 'node:worker_threads';
import { isUserFacingError } from '../../../shared/errors';
import { prepareForOcr, type PrepareOptions } from './preprocess';

export interface PrepareRequest {
  id: number;
  input: string | Uint8Array;
  opts: PrepareOptions;
}

export type PrepareReply =
  | { id: number; ok: true; png: Uint8Array; width: number; height: number; sourceWidth: number; sourceHeight: number; preparation: import('../../../shared/archive/ocr').OcrPreparation }
  | { id: number; ok: false; message: string; code: string | null };

parentPort?.on('message', (req: PrepareRequest) => {
  const input = typeof req.input === 'string' ? req.input : Buffer.from(req.input.buffer, req.input.byteOffset, req.input.byteLength);
  prepareForOcr(input, req.opts).then(
    (p) => {
      const png = new Uint8Array(p.png.buffer, p.png.byteOffset, p.png.byteLength);
      const reply: PrepareReply = { id: req.id, ok: true, png, width: p.width, height: p.height, sourceWidth: p.sourceWidth, sourceHeight: p.sourceHeight, preparation: p.preparation };
      parentPort!.postMessage(reply);
    },
    (e: unknown) => {
      const reply: PrepareReply = { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e), code: isUserFacingError(e) ? e.code : null };
      parentPort!.postMessage(reply);
    },
  );
});
