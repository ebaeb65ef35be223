import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { ErrorAlert, errorInfo, type ErrorInfo } from './ErrorDetails';

/** A modal question with a clear consequence; the action runs only after "confirm". */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
}: {
  title: string;
  message: string;
  confirmLabel?: string;
  danger?: boolean;
  onConfirm(): Promise<void> | void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  return (
    <Dialog title={title} className="confirm" alert onClose={onCancel}>
      <p>{message}</p>
      <ErrorAlert error={error} />
      <div className="actions">
        <button type="button" onClick={onCancel} autoFocus>
          {t('archive.cancelButton')}
        </button>
        <button
          type="button"
          className={danger ? 'primary danger-fill' : 'primary'}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } catch (e) {
              setError(errorInfo(e));
              setBusy(false);
            }
          }}
        >
          {confirmLabel ?? t('archive.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
