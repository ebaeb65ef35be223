/**
 * Where a long job stands, the same for every job the user waits on (an import, an export): a
 * bar, a line saying how far it is and what it is doing, the time left when known, and the
 * button that stops it.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

/** "còn khoảng 40 giây" / "còn khoảng 3 phút"; null when there is nothing to estimate from. */
export function formatEta(t: TFunction, seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || seconds <= 0) return null;
  return t('jobs.eta', {
    time: seconds < 90 ? t('jobs.etaSeconds', { n: Math.max(1, Math.round(seconds)) }) : t('jobs.etaMinutes', { n: Math.round(seconds / 60) }),
  });
}

export function ProgressStrip({
  label,
  value,
  max,
  title,
  detail,
  etaSeconds,
  cancelLabel,
  cancelling,
  onCancel,
  className,
  testId,
}: {
  /** What the bar measures, for assistive technology. */
  label: string;
  value: number;
  /** 0 when the amount of work is not known yet: the bar moves without measuring. */
  max: number;
  /** How far it is ("Đã xong 3/40 tệp"). */
  title: ReactNode;
  /** What it is doing now ("Đang nhập trang 4.jpg…"). */
  detail?: ReactNode;
  etaSeconds?: number | null;
  cancelLabel?: string;
  cancelling?: boolean;
  onCancel?(): void;
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const eta = cancelling ? null : formatEta(t, etaSeconds);
  const known = max > 0;
  return (
    <div className={`job-progress${className ? ` ${className}` : ''}`} data-testid={testId}>
      <div
        className={`progress${known ? '' : ' indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        {...(known ? { 'aria-valuemax': max, 'aria-valuenow': Math.min(value, max) } : {})}
      >
        {/* A new bar when the amount becomes known, so it does not shrink from the moving one. */}
        <div key={known ? 'measured' : 'moving'} className="progress-bar" style={known ? { width: `${Math.min(100, (100 * value) / max)}%` } : undefined} />
      </div>
      <div className="progress-text">
        <strong>{title}</strong>
        {detail && <span className="progress-current">{detail}</span>}
        {eta && <span className="muted">{eta}</span>}
        <span className="toolbar-spacer" />
        {onCancel && (
          <button type="button" className="small" disabled={cancelling} onClick={onCancel}>
            {cancelling ? t('jobs.stopping') : (cancelLabel ?? t('jobs.stop'))}
          </button>
        )}
      </div>
    </div>
  );
}
