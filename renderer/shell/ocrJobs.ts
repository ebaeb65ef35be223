/**
 * Recognition jobs as the windows see them: OCR runs in the background, started here, by an
 * import with OCR, or by another window, and every view that shows text wants to know when a
 * page has been read. One hook follows every job of kind 'ocr' through the host's events.
 */
import { useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../shared/api/events';
import { platform } from '../platform/platform';

/** The recognition running now (the latest one to report), or null. `onProgress` hears every event, the end included. */
export function useOcrJob(onProgress?: (p: JobProgress) => void): JobProgress | null {
  const [running, setRunning] = useState<JobProgress | null>(null);
  const listener = useRef(onProgress);
  listener.current = onProgress;
  useEffect(
    () =>
      platform.onEvent((event) => {
        if (event.type !== 'job' || event.job.kind !== 'ocr') return;
        const job = event.job;
        listener.current?.(job);
        setRunning((cur) => (job.state === 'running' ? job : cur?.jobId === job.jobId ? null : cur));
      }),
    [],
  );
  return running;
}
