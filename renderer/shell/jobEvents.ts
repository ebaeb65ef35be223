/**
 * Following a long job (import, export) by the host's progress events. Subscribe BEFORE the call
 * that starts the job: an import's id is only known when `startImport` returns, and its first
 * events may arrive before that, so they are held until `follow` names the job.
 */
import type { JobProgress } from '../../shared/api/events';
import { api, platform } from '../platform/platform';

export interface JobEvents {
  /** Sends this job's events to `listener`, the last one already received first. */
  follow(jobId: string, listener: (progress: JobProgress) => void): void;
  /** Stops listening. */
  close(): void;
}

export function listenToJobs(kind?: JobProgress['kind']): JobEvents {
  /** The last event of each job not followed yet. */
  const held = new Map<string, JobProgress>();
  let followed: { jobId: string; listener: (p: JobProgress) => void } | null = null;
  const off = platform.onEvent((event) => {
    if (event.type !== 'job' || (kind && event.job.kind !== kind)) return;
    if (followed) {
      if (event.job.jobId === followed.jobId) followed.listener(event.job);
    } else {
      held.set(event.job.jobId, event.job);
    }
  });
  return {
    follow(jobId, listener) {
      followed = { jobId, listener };
      const last = held.get(jobId);
      held.clear();
      if (last) listener(last);
    },
    close: off,
  };
}

/** Is this error the one a job's call rejects with when the job was cancelled? */
export function isCancelled(e: unknown): boolean {
  return e instanceof Error && (e as { code?: unknown }).code === 'job.cancelled';
}

/**
 * Asks the host to stop a job the window started with its own id. A stop pressed the moment the
 * job was asked for may reach the host before the job does; the host keeps such a stop and
 * applies it when the job arrives.
 */
export async function cancelJob(jobId: string): Promise<void> {
  await api.jobs.cancel({ jobId }).catch(() => undefined);
}
