/**
 * The long jobs of one service process (imports, exports, later OCR): what is running, their
 * progress as events, cancelling one, and cancelling all of them — and waiting until they have
 * stopped — before a project is closed, so nothing is left half-done and no job ever meets a
 * closed database.
 */
import type { EventSink, JobProgress } from '../../../shared/api/events';

export interface RunningJob {
  readonly id: string;
  progress(): JobProgress;
  /** Asks the job to stop at its next safe point. */
  cancel(): void;
  /** Settles when the job has stopped, however it ended. */
  readonly finished: Promise<unknown>;
  /** Lets the registry hear of a change at once (a new phase) instead of at its next look. */
  onChange?(listener: () => void): void;
}

/** How long a finished job stays listed (and its status readable). */
const KEEP_FINISHED_MS = 30 * 60 * 1000;
/** How long a cancel for a job not started yet is remembered. */
const KEEP_EARLY_CANCEL_MS = 60 * 1000;
/** Progress events of one job are sent at most this often (the end is always sent at once). */
const EVENT_INTERVAL_MS = 250;

export class JobRegistry {
  private readonly jobs = new Map<string, { job: RunningJob; endedAt: number | null; timer: NodeJS.Timeout | null; last: string }>();
  /**
   * Cancels that arrived before their job (a window names an export's job and may ask to stop it
   * before its own call has reached this process: browser mode sends them as separate requests).
   */
  private readonly earlyCancels = new Map<string, number>();

  constructor(private readonly emit: EventSink = () => {}) {}

  /** Registers a job; its progress goes out as events (on change, throttled) until it ends. */
  add(job: RunningJob): void {
    this.prune();
    const entry = { job, endedAt: null as number | null, timer: null as NodeJS.Timeout | null, last: '' };
    this.jobs.set(job.id, entry);
    if (this.earlyCancels.delete(job.id)) job.cancel();
    const send = () => {
      const progress = job.progress();
      const key = JSON.stringify(progress);
      if (key === entry.last) return;
      entry.last = key;
      this.emit({ type: 'job', job: progress });
    };
    send();
    job.onChange?.(send);
    entry.timer = setInterval(send, EVENT_INTERVAL_MS);
    entry.timer.unref();
    void Promise.resolve(job.finished)
      .catch(() => undefined)
      .then(() => {
        if (entry.timer) clearInterval(entry.timer);
        entry.timer = null;
        entry.endedAt = Date.now();
        send();
      });
  }

  get(jobId: string): RunningJob | null {
    return this.jobs.get(jobId)?.job ?? null;
  }

  has(jobId: string): boolean {
    return this.jobs.has(jobId);
  }

  list(): JobProgress[] {
    this.prune();
    return [...this.jobs.values()].map((e) => e.job.progress());
  }

  /**
   * Cancels a job and waits for it to stop. For an id not known yet: null, and the job is
   * cancelled as soon as it is registered (within a minute).
   */
  async cancel(jobId: string): Promise<JobProgress | null> {
    const entry = this.jobs.get(jobId);
    if (!entry) {
      this.earlyCancels.set(jobId, Date.now());
      return null;
    }
    entry.job.cancel();
    await Promise.resolve(entry.job.finished).catch(() => undefined);
    return entry.job.progress();
  }

  /** Cancels every running job and waits until all have stopped (closing a project, quitting). */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((e) => e.endedAt === null);
    for (const e of running) e.job.cancel();
    await Promise.allSettled(running.map((e) => e.job.finished));
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, e] of this.jobs) if (e.endedAt !== null && now - e.endedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
    for (const [id, at] of this.earlyCancels) if (now - at > KEEP_EARLY_CANCEL_MS) this.earlyCancels.delete(id);
  }
}
