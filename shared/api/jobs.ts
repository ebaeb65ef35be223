/** Contract of the `jobs` service: the long jobs running now, and stopping one. */
import { z } from 'zod';
import { method } from './contract';
import type { JobProgress } from './events';

const jobId = z.string().min(1).max(100);

export const jobsContract = {
  /** Jobs running now (and those finished in the last minutes). */
  list: method<JobProgress[]>()(z.object({})),
  /**
   * Asks a job to stop and waits until it has: an import stops after the file in progress (no
   * document is ever half-imported), an export leaves no file behind. Unknown ids are ignored, so
   * a cancel that arrives after the end is harmless.
   */
  cancel: method<JobProgress | null>()(z.object({ jobId })),
};

/** Ids the client may give a job it starts, so it can follow and cancel it before the call returns. */
export const clientJobId = jobId.regex(/^[\w-]+$/, 'Mã việc không hợp lệ.');
