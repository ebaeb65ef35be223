/**
 * An error as the user sees it: one sentence, and for an internal error (a fault of the program,
 * not of the user's file) the details the log holds, one click away behind "Sao chép chi tiết" so
 * they can be sent to whoever maintains the app. The status bar and every dialog that shows an
 * error use these, so the button looks and behaves the same everywhere.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

export interface ErrorInfo {
  message: string;
  /** What the log holds (where, when, the stack); only for internal errors. */
  details?: string;
}

/** The sentence and, when the error crossed the seam as an internal one, its details. */
export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof Error) {
    const details = (e as { details?: unknown }).details;
    return typeof details === 'string' && details ? { message: e.message, details } : { message: e.message };
  }
  return { message: String(e) };
}

/** Copies text to the clipboard; falls back to a hidden text field where the Clipboard API is refused. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** "Sao chép chi tiết": nothing when there are no details. */
export function CopyDetails({ details, className }: { details?: string | null | undefined; className?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  if (!details) return null;
  return (
    <button
      type="button"
      className={`copy-details${className ? ` ${className}` : ''}`}
      title={t('errors.copyDetailsHint')}
      data-testid="copy-details"
      onClick={() => void copyText(details).then((ok) => setState(ok ? 'copied' : 'failed'))}
    >
      {state === 'copied' ? t('errors.copied') : state === 'failed' ? t('errors.copyFailed') : t('errors.copyDetails')}
    </button>
  );
}

/** An error sentence in a dialog or a view, with "Sao chép chi tiết" when there are details. */
export function ErrorAlert({ error, small, icon, className }: { error: ErrorInfo | string | null | undefined; small?: boolean; icon?: boolean; className?: string }) {
  if (!error) return null;
  const info = typeof error === 'string' ? { message: error } : error;
  return (
    <div className={`alert${small ? ' small' : ''}${className ? ` ${className}` : ''}`} role="alert">
      {icon && <Icon name="alert" />}
      <span className="alert-text">{info.message}</span>
      <CopyDetails details={info.details} />
    </div>
  );
}
