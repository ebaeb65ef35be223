/**
 * Recognising pages, as a background job: each page's image is prepared (turned upright,
 * straightened, borders removed, binarised — a derived image, the original is only read), read by
 * the engine, and saved in its own transaction, so a cancel or a crash leaves every page either
 * recognised or untouched. One more page than the engine has workers is in flight, so the next
 * page is being prepared while the last one is read. When the last page of a document is done,
 * its header is read for metadata suggestions.
 */
import type { JobProgress } from '../../../shared/api/events';
import type { OcrJobStatus, OcrPageOutcome } from '../../../shared/api/ocr';
import { isUserFacingError } from '../../../shared/errors';
import { DocumentStore } from '../archive/documents';
import type { RunningJob } from '../jobs/jobRegistry';
import type { OpenProject } from '../project/projectSession';
import { translateSystemError } from '../systemErrors';
import type { OcrEngine } from './ocrEngine';
import { refreshSuggestions, saveRecognition } from './ocrStore';
import { recognizePage } from './recognizePage';

export interface OcrTarget {
  pageId: number;
  documentId: number;
  seq: number;
  title: string;
}

export class OcrJob implements RunningJob {
  private state: OcrJobStatus['state'] = 'running';
  private readonly outcomes: OcrPageOutcome[] = [];
  private readonly suggested: number[] = [];
  private readonly inFlight = new Map<number, string>();
  private cancelled = false;
  private error: string | undefined;
  private readonly started = Date.now();
  private changed: () => void = () => {};
  readonly finished: Promise<void>;

  constructor(
    readonly id: string,
    private readonly project: OpenProject,
    private readonly engine: OcrEngine,
    private readonly targets: OcrTarget[],
    private readonly skipped: number,
    private readonly onError?: (e: unknown, where: string) => void,
  ) {
    this.finished = this.run();
  }

  cancel(): void {
    if (this.state === 'running') this.cancelled = true;
  }

  onChange(listener: () => void): void {
    this.changed = listener;
  }

  private async run(): Promise<void> {
    const remaining = new Map<number, number>();
    for (const t of this.targets) remaining.set(t.documentId, (remaining.get(t.documentId) ?? 0) + 1);
    const written = new Set<number>();
    let next = 0;
    const lane = async () => {
      while (!this.cancelled && next < this.targets.length) {
        const target = this.targets[next++]!;
        this.inFlight.set(target.pageId, `${target.title} — trang ${target.seq}`);
        this.changed();
        const outcome = await this.one(target);
        this.inFlight.delete(target.pageId);
        this.outcomes.push(outcome);
        if (outcome.status === 'recognised') written.add(target.documentId);
        const left = (remaining.get(target.documentId) ?? 1) - 1;
        remaining.set(target.documentId, left);
        if (left === 0 && written.has(target.documentId)) this.suggest(target.documentId);
        this.changed();
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.engine.workerCount + 1, Math.max(1, this.targets.length)) }, lane));
      // A cancelled job still offers suggestions for the documents it read a page of.
      for (const [doc, left] of remaining) if (left > 0 && written.has(doc)) this.suggest(doc);
      this.state = this.cancelled ? 'cancelled' : 'done';
    } catch (e) {
      this.state = 'failed';
      this.error = isUserFacingError(e) ? e.message : (translateSystemError(e)?.message ?? (e instanceof Error ? e.message : String(e)));
      this.onError?.(e, 'ocr.job');
    }
  }

  private suggest(documentId: number): void {
    try {
      if (refreshSuggestions(this.project.db, documentId)) this.suggested.push(documentId);
    } catch (e) {
      this.onError?.(e, 'ocr.suggest');
    }
  }

  private async one(t: OcrTarget): Promise<OcrPageOutcome> {
    const where = { pageId: t.pageId, documentId: t.documentId, seq: t.seq };
    try {
      const row = new DocumentStore(this.project.db).pageRow(t.pageId);
      const result = await recognizePage(this.project.layout, row, this.engine);
      const saved = saveRecognition(this.project.db, { pageId: t.pageId, engine: this.engine.engine, ...result });
      if (saved === 'gone') return { ...where, status: 'failed', reason: `Trang ${t.seq} của «${t.title}» đã bị xóa trong khi nhận dạng.` };
      return { ...where, status: saved === 'written' ? 'recognised' : 'kept', confidence: result.confidence, words: result.words.length };
    } catch (e) {
      const known = isUserFacingError(e) ? e : translateSystemError(e);
      if (!known) this.onError?.(e, `ocr.page ${t.pageId}`);
      const why = known?.message ?? `lỗi nội bộ (${e instanceof Error ? e.message : String(e)})`;
      return { ...where, status: 'failed', reason: `Trang ${t.seq} của «${t.title}»: ${why}` };
    }
  }

  private eta(): number | null {
    const done = this.outcomes.length;
    if (this.state !== 'running') return 0;
    if (done === 0) return null;
    const per = (Date.now() - this.started) / 1000 / done;
    return Math.round(per * (this.targets.length - done));
  }

  status(): OcrJobStatus {
    return {
      jobId: this.id,
      state: this.state,
      done: this.outcomes.length,
      total: this.targets.length,
      current: this.current(),
      etaSeconds: this.eta(),
      outcomes: [...this.outcomes],
      skipped: this.skipped,
      suggested: [...this.suggested],
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** Sent every quarter second while the job runs: no copy of the outcomes, which grow with the pages. */
  progress(): JobProgress {
    return {
      jobId: this.id,
      kind: 'ocr',
      state: this.state,
      done: this.outcomes.length,
      total: this.targets.length,
      current: this.current(),
      etaSeconds: this.eta(),
    };
  }

  private current(): string | null {
    return this.state === 'running' ? ([...this.inFlight.values()][0] ?? null) : null;
  }
}
