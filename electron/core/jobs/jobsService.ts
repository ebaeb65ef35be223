/** Implements the `jobs` contract over the process's job registry. */
import type { ServiceImpl } from '../../../shared/api/contract';
import type { jobsContract } from '../../../shared/api/jobs';
import type { JobRegistry } from './jobRegistry';

export function createJobsService(jobs: JobRegistry): ServiceImpl<typeof jobsContract> {
  return {
    list: () => jobs.list(),
    cancel: ({ jobId }) => jobs.cancel(jobId),
  };
}
