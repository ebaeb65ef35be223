import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { ErrorAlert, errorInfo, type ErrorInfo } from './ErrorDetails';

/**
 * Asks for one line of text inside the app (Electron has no window.prompt, and the browser's own
 * prompt looks foreign). OK stays disabled while the answer is blank; the answer is trimmed.
 */
export function PromptDialog({
  title,
  label,
  initial = '',
  placeholder,
  confirmLabel,
  testId,
  onSubmit,
  onCancel,
}: {
  title: string;
  /** The field's label; the title when omitted. */
  label?: string;
  initial?: string;
  placeholder?: string;
  confirmLabel?: string;
  testId?: string;
  onSubmit(value: string): Promise<void> | void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const answer = value.trim();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!answer || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(answer);
    } catch (err) {
      setError(errorInfo(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={title} className="confirm prompt-dialog" testId={testId} onClose={onCancel} onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>{label ?? title}</span>
        <input name="promptValue" value={value} onChange={(e) => setValue(e.target.value)} placeholder={placeholder} autoFocus />
      </label>
      <ErrorAlert error={error} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('archive.cancelButton')}
        </button>
        <button type="submit" className="primary" disabled={!answer || busy}>
          {confirmLabel ?? t('archive.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
