/**
 * Page preparation off the service's main thread: one worker thread (prepareWorker.ts) takes the
 * pages one after another — preparing takes a fraction of what reading takes, so one is enough to
 * keep the readers busy. The worker is found beside the running code: the bundled entry
 * (ocr-prepare.mjs / .cjs) or, from source, the .ts file run through tsx. Where neither is found,
 * or the thread cannot start, pages are prepared on the calling thread (slower to answer, never
 * wrong). The thread is stopped after a minute without work.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserFacingError } from '../../../shared/errors';
import type { PreparedImage, PrepareOptions } from './preprocess';
import type { PrepareReply, PrepareRequest } from './prepareWorker';

const IDLE_MS = 60_000;

/** Where the worker's entry is, and how to run it; null: prepare in this thread. */
function workerEntry(): { file: string; fromSource: boolean } | null {
  // import.meta.url is the source file under tsx/vitest, a chunk of out/host/ in the host bundle,
  // out/main/service.cjs in Electron (where the bundler provides it).
  let here: string;
  try {
    here = path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
  const source = path.join(here, 'prepareWorker.ts');
  if (existsSync(source)) return { file: source, fromSource: true };
  for (const f of ['ocr-prepare.mjs', '../ocr-prepare.mjs', 'ocr-prepare.cjs', '../ocr-prepare.cjs']) {
    const file = path.join(here, f);
    if (existsSync(file)) return { file, fromSource: false };
  }
  return null;
}

/**
 * From source (tests, development) the thread loads the TypeScript entry through tsx's tsImport:
 * Node 20 applies neither `--import tsx` nor a register() call to a worker's own entry.
 */
function fromSource(file: string): URL {
  const api = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const code = `import { tsImport } from ${JSON.stringify(pathToFileURL(api).href)}; await tsImport(${JSON.stringify(pathToFileURL(file).href)}, import.meta.url);`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

export class PreparePool {
  private worker: Worker | null = null;
  /** The thread being started: pages asked for at once share it (two would leak one). */
  private starting: Promise<Worker | null> | null = null;
  private readonly pending = new Map<number, { resolve(p: PreparedImage): void; reject(e: unknown): void }>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  private entry: ReturnType<typeof workerEntry> | undefined;

  async prepare(input: string | Buffer, opts: PrepareOptions): Promise<PreparedImage> {
    const worker = await this.start();
    if (!worker) return (await import('./preprocess')).prepareForOcr(input, opts);
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const id = this.nextId++;
    return new Promise<PreparedImage>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const req: PrepareRequest = { id, input: typeof input === 'string' ? input : new Uint8Array(input), opts };
      // Held by the pages in flight: a command-line run must not end while one is being prepared.
      worker.ref();
      worker.postMessage(req);
    }).finally(() => {
      // The thread that served the page may be gone; this is the one that lets the process go.
      if (this.pending.size === 0) {
        worker.unref();
        if (!this.worker) return;
        this.idle = setTimeout(() => void this.close(), IDLE_MS);
        this.idle.unref();
      }
    });
  }

  private start(): Promise<Worker | null> {
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= this.startThread().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async startThread(): Promise<Worker | null> {
    if (this.entry === undefined) this.entry = workerEntry();
    if (!this.entry) return null;
    // sharp's native module is loaded by this thread first, so a worker's exit cannot unload it.
    await import('sharp');
    const worker = this.entry.fromSource ? new Worker(fromSource(this.entry.file)) : new Worker(this.entry.file);
    worker.on('message', (reply: PrepareReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) {
        const { id: _id, ok: _ok, png, ...rest } = reply;
        p.resolve({ ...rest, png: Buffer.from(png.buffer, png.byteOffset, png.byteLength) });
      } else {
        p.reject(reply.code ? new UserFacingError(reply.code, reply.message) : new Error(reply.message));
      }
    });
    const fail = (e: unknown) => {
      // A thread that dies fails the pages it held; the next page starts a new one.
      for (const p of this.pending.values()) p.reject(e instanceof Error ? e : new Error(String(e)));
      this.pending.clear();
      if (this.worker === worker) this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`ocr prepare thread exited (${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Whether pages are being prepared in the worker thread now (false: on the calling thread, or idle). */
  get threaded(): boolean {
    return this.worker !== null;
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    // A thread still starting is stopped too, once it has.
    if (this.starting) await this.starting.catch(() => null);
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }
}
