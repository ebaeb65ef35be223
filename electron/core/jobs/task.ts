/**
 * A job that is one awaited piece of work done in phases (an export: read the book, typeset,
 * write): it can be cancelled between phases, and reports which phase it is in.
 */
import { UserFacingError } from '../../../shared/errors';
import type { JobProgress } from '../../../shared/api/events';
import type { RunningJob } from './jobRegistry';

export class CancelledError extends UserFacingError {
  constructor() {
    super('job.cancelled', 'Đã dừng theo yêu cầu.');
  }
}

export class PhasedTask implements RunningJob {
  private state: JobProgress['state'] = 'running';
  private phase = 0;
  private label: string | null = null;
  private cancelled = false;
  private readonly started = Date.now();
  private changed: () => void = () => {};
  finished: Promise<unknown> = Promise.resolve();

  /** `phases`: the labels of the job's phases, in order ("Đang đọc bản thảo", "Đang dàn trang"…). */
  constructor(
    readonly id: string,
    private readonly kind: JobProgress['kind'],
    private readonly phases: readonly string[],
  ) {}

  /** Runs the work, registering how it ends; rethrows its error. */
  run<T>(work: (task: PhasedTask) => Promise<T>): Promise<T> {
    const p = (async () => {
      try {
        const r = await work(this);
        this.state = 'done';
        this.phase = this.phases.length;
        return r;
      } catch (e) {
        this.state = e instanceof CancelledError ? 'cancelled' : 'failed';
        throw e;
      } finally {
        this.label = null;
      }
    })();
    this.finished = p.catch(() => undefined);
    return p;
  }

  /**
   * Enters a phase (one of those given; a phase may come again, as a typesetter's second pass
   * does). It first lets the process read its messages — a cancel sent while the last phase ran
   * is one of them — and send its progress, then stops if the job was cancelled.
   */
  async step(label: string): Promise<void> {
    // A timer, not setImmediate: the event loop polls for messages before the timers run again.
    await new Promise((r) => setTimeout(r, 0));
    this.checkpoint();
    this.phase = Math.max(0, this.phases.indexOf(label));
    this.label = label;
    this.changed();
  }

  onChange(listener: () => void): void {
    this.changed = listener;
  }

  /** Throws CancelledError when the job was asked to stop. */
  checkpoint(): void {
    if (this.cancelled) throw new CancelledError();
  }

  cancel(): void {
    if (this.state === 'running') this.cancelled = true;
  }

  progress(): JobProgress {
    const elapsed = (Date.now() - this.started) / 1000;
    return {
      jobId: this.id,
      kind: this.kind,
      state: this.state,
      done: this.phase,
      total: this.phases.length,
      current: this.label,
      etaSeconds: this.state === 'running' && this.phase > 0 ? Math.round((elapsed / this.phase) * (this.phases.length - this.phase)) : this.state === 'running' ? null : 0,
    };
  }
}
