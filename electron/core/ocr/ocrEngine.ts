/**
 * The OCR engine: Tesseract (tesseract.js, WebAssembly, the same on Windows, macOS and Linux) with
 * the Vietnamese model shipped in node_modules (@tesseract.js-data/vie), never fetched. Each
 * Tesseract instance runs in its own worker thread; the pool has as many as the machine's cores
 * allow minus one (at least one), started on first use and stopped after a minute of idleness so
 * an archive that is not being recognised costs no memory.
 *
 * Traps this guards against (STACK.md): without `langPath` tesseract.js fetches from a CDN and an
 * offline failure kills the process; without `cacheMethod: 'none'` it writes vie.traineddata into
 * the working directory; without an `errorHandler` a failed job throws inside its message handler,
 * an uncaught exception; a worker thread that dies leaves its job waiting forever, hence the time
 * limit per page, after which that worker is replaced.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { OcrWord } from '../../../shared/archive/ocr';
import { UserFacingError } from '../../../shared/errors';
import { toNFC } from '../text';
import { correctWords } from './ocrCorrections';
import { PreparePool } from './preparePool';
import type { PreparedImage, PrepareOptions } from './preprocess';

type Tesseract = typeof import('tesseract.js');
type TesseractWorker = Awaited<ReturnType<Tesseract['createWorker']>>;

/** The model shipped: Tesseract's "best" LSTM model, integerised (1.4 MB, as accurate as "best", faster). */
const MODEL = '4.0.0_best_int';

export interface RecognizedPage {
  text: string;
  words: OcrWord[];
  /** Mean word confidence, 0–100 (0 when no word was found). */
  confidence: number;
}

export interface OcrEngineOptions {
  /** Tesseract instances (threads); default: cores − 1, at least 1. */
  workers?: number;
  /** Longest a page may take before its worker is replaced and the page reported as failed. */
  pageTimeoutMs?: number;
  /** Idle time after which the workers are stopped. */
  idleMs?: number;
}

/**
 * Readers: the cores less one, so the windows keep a core (on a 2-core office laptop: one, about
 * 0.4–0.5 pages a second); SUQUAN_OCR_WORKERS sets another number for a machine left to read
 * overnight (two on 2 cores: about 0.7 pages a second, npm run bench -- ocr).
 */
export function defaultWorkerCount(): number {
  const asked = Number(process.env.SUQUAN_OCR_WORKERS);
  if (Number.isInteger(asked) && asked >= 1 && asked <= 64) return asked;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, cores - 1);
}

/** The folder holding vie.traineddata.gz, and the name of engine and model recorded with every page. */
export function languageData(): { langPath: string; engine: string } {
  const require = createRequire(import.meta.url);
  const dataDir = path.dirname(require.resolve('@tesseract.js-data/vie/package.json'));
  const version = (require('tesseract.js/package.json') as { version: string }).version;
  return { langPath: path.join(dataDir, MODEL), engine: `tesseract.js ${version} · vie ${MODEL}` };
}

/** Tesseract misreads of Vietnamese worth correcting every time: the Icelandic eth for Đ. */
function cleanText(s: string): string {
  return toNFC(s.replace(/\u00D0/g, 'Đ').replace(/\u00F0/g, 'đ'));
}

interface Slot {
  worker: Promise<TesseractWorker>;
  busy: boolean;
}

export class OcrEngine {
  private slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  readonly workerCount: number;
  readonly engine: string;
  private readonly pageTimeoutMs: number;
  private readonly idleMs: number;
  private readonly preparer = new PreparePool();

  constructor(opts: OcrEngineOptions = {}) {
    this.workerCount = Math.max(1, opts.workers ?? defaultWorkerCount());
    this.pageTimeoutMs = opts.pageTimeoutMs ?? 180_000;
    this.idleMs = opts.idleMs ?? 60_000;
    this.engine = languageData().engine;
  }

  private async startWorker(): Promise<TesseractWorker> {
    // A CommonJS package: its exports are the default export under Node's ESM loader.
    const mod = (await import('tesseract.js')) as Tesseract & { default?: Tesseract };
    const { createWorker, OEM, PSM } = mod.default ?? mod;
    const { langPath } = languageData();
    const worker = await createWorker('vie', OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      // A failed job rejects its promise; without a handler tesseract.js also throws in its message handler.
      errorHandler: () => {},
    });
    await worker.setParameters({
      tessedit_pageseg_mode: PSM.AUTO,
      // Prepared pages carry no resolution; scans are made at 300 dpi (Tesseract would guess 70).
      user_defined_dpi: '300',
      preserve_interword_spaces: '0',
    });
    return worker;
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new UserFacingError('ocr.closed', 'Bộ nhận dạng chữ đã dừng.'));
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    if (this.slots.length < this.workerCount) {
      const slot: Slot = { worker: this.startWorker(), busy: true };
      // A worker that failed to start is dropped, so the next page tries a new one.
      slot.worker.catch(() => this.drop(slot));
      this.slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next && this.slots.includes(slot)) {
      next(slot);
      return;
    }
    slot.busy = false;
    if (next) {
      // The slot was dropped (its worker replaced): the waiter gets a new one.
      void this.acquire().then(next);
      return;
    }
    if (this.slots.every((s) => !s.busy) && !this.closed) {
      this.idleTimer = setTimeout(() => void this.stopWorkers(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  private drop(slot: Slot): void {
    this.slots = this.slots.filter((s) => s !== slot);
    void slot.worker.then((w) => w.terminate()).catch(() => undefined);
  }

  /** Prepares a page image for reading (prepareForOcr), in a thread of its own. */
  prepare(input: string | Buffer, opts: PrepareOptions): Promise<PreparedImage> {
    return this.preparer.prepare(input, opts);
  }

  /** Reads one prepared page image (PNG or JPEG bytes). */
  async recognize(image: Buffer): Promise<RecognizedPage> {
    const slot = await this.acquire();
    let timer: NodeJS.Timeout | null = null;
    try {
      const worker = await slot.worker;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          this.drop(slot);
          reject(new UserFacingError('ocr.timeout', `Nhận dạng một trang quá ${Math.round(this.pageTimeoutMs / 1000)} giây nên đã bỏ qua trang này.`));
        }, this.pageTimeoutMs);
      });
      const result = await Promise.race([worker.recognize(image, {}, { text: true, blocks: true }), timeout]);
      return toPage(result.data);
    } catch (e) {
      if (e instanceof UserFacingError) throw e;
      // tesseract.js rejects with a bare string.
      throw new UserFacingError('ocr.failed', `Không nhận dạng được trang: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (timer) clearTimeout(timer);
      this.release(slot);
    }
  }

  private async stopWorkers(): Promise<void> {
    const idle = this.slots.filter((s) => !s.busy);
    this.slots = this.slots.filter((s) => s.busy);
    await Promise.allSettled(idle.map((s) => s.worker.then((w) => w.terminate())));
  }

  /** Stops every worker (the process is closing the project or quitting). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const all = this.slots;
    this.slots = [];
    await Promise.allSettled([...all.map((s) => s.worker.then((w) => w.terminate())), this.preparer.close()]);
  }
}

type TesseractData = Awaited<ReturnType<TesseractWorker['recognize']>>['data'];

/**
 * The page's words in reading order, and its text made from them: words joined by a space, or by
 * a tab where a wide gap separates them on one line (the two columns of a document's header:
 * issuer and number on the left, motto and place-date on the right, which the header reader
 * takes as separate cells); lines by a line break, paragraphs by an empty line.
 */
function toPage(data: TesseractData): RecognizedPage {
  const words: OcrWord[] = [];
  const paragraphs: string[] = [];
  let line = 0;
  for (const block of data.blocks ?? [])
    for (const para of block.paragraphs) {
      const lines: string[] = [];
      for (const l of para.lines) {
        let text = '';
        let prev: { x1: number } | null = null;
        const height = Math.max(1, l.bbox.y1 - l.bbox.y0);
        const read = l.words.map((w) => ({ w, t: cleanText(w.text).trim() })).filter((r) => r.t);
        const corrected = correctWords(read.map((r) => r.t));
        read.forEach(({ w }, k) => {
          const t = corrected[k]!;
          if (prev) text += w.bbox.x0 - prev.x1 > 2.5 * height ? '\t' : ' ';
          text += t;
          prev = w.bbox;
          words.push({ text: t, box: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1], confidence: Math.round(w.confidence * 10) / 10, line });
        });
        if (text) {
          lines.push(text);
          line++;
        }
      }
      if (lines.length) paragraphs.push(lines.join('\n'));
    }
  const confidence = words.length ? Math.round((words.reduce((s, w) => s + w.confidence, 0) / words.length) * 10) / 10 : 0;
  return { text: paragraphs.join('\n\n'), words, confidence };
}
