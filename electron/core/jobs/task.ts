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
  finished: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    private readonly kind: JobProgress['kind'],
    private readonly phases: number,
  ) {}

  /** Runs the work, registering how it ends; rethrows its error. */
  run<T>(work: (task: PhasedTask) => Promise<T>): Promise<T> {
    const p = (async () => {
      try {
        const r = await work(this);
        this.state = 'done';
        this.phase = this.phases;
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
   * Enters the next phase. It first lets the process read its messages (a cancel sent while the
   * last phase ran is one of them), then stops if the job was cancelled.
   */
  async step(label: string): Promise<void> {
    await new Promise((r) => setImmediate(r));
    this.checkpoint();
    if (this.label !== null) this.phase++;
    this.label = label;
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
      total: this.phases,
      current: this.label,
      etaSeconds: this.state === 'running' && this.phase > 0 ? Math.round((elapsed / this.phase) * (this.phases - this.phase)) : this.state === 'running' ? null : 0,
    };
  }
}
