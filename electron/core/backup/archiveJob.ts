/**
 * Writing or restoring a project archive as a job: progress by members (and an estimate from the
 * bytes), cancellable between pieces of work.
 */
import type { JobProgress } from '../../../shared/api/events';
import type { RunningJob } from '../jobs/jobRegistry';
import { CancelledError } from '../jobs/task';
import type { ArchiveProgress } from './archiveWriter';

export class ArchiveJob implements RunningJob {
  private state: JobProgress['state'] = 'running';
  private last: ArchiveProgress = { done: 0, total: 0, bytesDone: 0, bytesTotal: 0, current: null };
  private cancelled = false;
  private readonly started = Date.now();
  finished: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    private readonly kind: JobProgress['kind'],
  ) {}

  run<T>(work: (job: ArchiveJob) => Promise<T>): Promise<T> {
    const p = (async () => {
      try {
        const r = await work(this);
        this.state = 'done';
        return r;
      } catch (e) {
        this.state = e instanceof CancelledError ? 'cancelled' : 'failed';
        throw e;
      }
    })();
    this.finished = p.catch(() => undefined);
    return p;
  }

  /** Lets the process read a cancel, then stops if there was one. */
  readonly checkpoint = async (): Promise<void> => {
    await new Promise((r) => setTimeout(r, 0));
    if (this.cancelled) throw new CancelledError();
  };

  readonly update = (p: ArchiveProgress): void => {
    this.last = p;
  };

  cancel(): void {
    if (this.state === 'running') this.cancelled = true;
  }

  progress(): JobProgress {
    const { done, total, bytesDone, bytesTotal, current } = this.last;
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = this.state !== 'running' ? 0 : bytesDone > 0 && bytesTotal > bytesDone ? Math.round((elapsed / bytesDone) * (bytesTotal - bytesDone)) : null;
    return { jobId: this.id, kind: this.kind, state: this.state, done, total, current, etaSeconds: eta };
  }
}
