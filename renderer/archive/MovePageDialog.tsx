import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../shell/Dialog';

/** Asks where to move a page: the target document's number and, optionally, before which page. */
export function MovePageDialog({ pageNo, onMove, onCancel }: { pageNo: number; onMove(to: number, beforeSeq: number | undefined): Promise<void>; onCancel(): void }) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [before, setBefore] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const target = Number(to);
    const at = before.trim() ? Number(before) : undefined;
    if (!Number.isInteger(target) || target <= 0 || (at !== undefined && (!Number.isInteger(at) || at <= 0))) {
      setError(t('viewer.moveInvalid'));
      return;
    }
    setBusy(true);
    try {
      await onMove(target, at);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('viewer.moveTitle', { n: pageNo })} className="confirm" onClose={onCancel} onSubmit={submit}>
      <div className="mgrid">
        <label className="mfield">
          <span>{t('viewer.moveTo')}</span>
          <input inputMode="numeric" value={to} onChange={(e) => setTo(e.target.value)} autoFocus />
        </label>
        <label className="mfield">
          <span>{t('viewer.moveBefore')}</span>
          <input inputMode="numeric" value={before} onChange={(e) => setBefore(e.target.value)} placeholder={t('viewer.moveAtEnd')} />
        </label>
      </div>
      {error && <div className="alert move-error">{error}</div>}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('archive.cancelButton')}
        </button>
        <button type="submit" className="primary" disabled={busy || !to.trim()}>
          {t('viewer.move')}
        </button>
      </div>
    </Dialog>
  );
}
