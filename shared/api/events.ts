/**
 * What the services tell the UI without being asked: progress of long jobs (import, export, later
 * OCR). Every transport carries the same events: IPC messages in Electron, one Server-Sent Events
 * stream in browser mode, a callback in the CLI and the tests.
 */

/** Where a long job stands. A job is asked to stop with `jobs.cancel({ jobId })`. */
export interface JobProgress {
  jobId: string;
  /** `backup`: a whole-project archive being written or restored; `ocr`: pages being recognised. */
  kind: 'import' | 'export' | 'backup' | 'ocr';
  state: 'running' | 'done' | 'cancelled' | 'failed';
  /** Units finished (files imported, pages typeset…) out of `total` (0 when not known yet). */
  done: number;
  total: number;
  /** What is being worked on now: a file name, or an export's phase ("Đang dàn trang"). */
  current: string | null;
  /** Estimated seconds left (null until there is something to estimate from). */
  etaSeconds: number | null;
}

export type ServiceEvent = { type: 'job'; job: JobProgress };

export type EventSink = (event: ServiceEvent) => void;
