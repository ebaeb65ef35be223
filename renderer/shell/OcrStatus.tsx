/** The status bar's line for a recognition running in the background: how far, time left, stop. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelJob } from './jobEvents';
import { formatEta } from './ProgressStrip';
import { useStatus } from './status';
import { useOcrJob } from './ocrJobs';

export function OcrStatus() {
  const { t } = useTranslation();
  const { setNotice } = useStatus();
  const [stopping, setStopping] = useState<string | null>(null);
  const job = useOcrJob((p) => {
    if (p.state === 'done') setNotice(t('ocr.done', { count: p.done }));
    else if (p.state === 'cancelled') setNotice(t('ocr.stopped', { count: p.done }));
    else if (p.state === 'failed') setNotice(t('ocr.failed'), 'error');
  });
  if (!job) return null;
  const eta = formatEta(t, job.etaSeconds);
  return (
    <span className="status-item ocr-status" data-testid="ocr-status">
      <progress max={job.total || 1} value={job.done} aria-label={t('ocr.recognize')} />
      <span>
        {t('ocr.progress', { done: job.done, total: job.total })}
        {eta ? ` · ${eta}` : ''}
      </span>
      <button type="button" className="link-button" disabled={stopping === job.jobId} onClick={() => (setStopping(job.jobId), void cancelJob(job.jobId))}>
        {stopping === job.jobId ? t('jobs.stopping') : t('jobs.stop')}
      </button>
    </span>
  );
}
