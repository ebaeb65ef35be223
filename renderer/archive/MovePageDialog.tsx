import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../shell/Dialog';
import { findDocuments, type Item } from './DocumentDropTray';
import './pageSets.css';

/**
 * Asks where to move a page: the target document — its number, or found by title or
 * number-and-symbol in the list below the field — and, optionally, before which page.
 */
export function MovePageDialog({
  pageNo,
  currentId,
  onMove,
  onCancel,
}: {
  pageNo: number;
  /** The document the page is in (left out of the list). */
  currentId?: number;
  onMove(to: number, beforeSeq: number | undefined): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [picked, setPicked] = useState<Item | null>(null);
  const [found, setFound] = useState<Item[]>([]);
  const [before, setBefore] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const words = to.trim() && !/^#?\d+$/.test(to.trim()) ? to.trim() : '';
  useEffect(() => {
    let live = true;
    if (!words) return setFound([]);
    const timer = setTimeout(() => void findDocuments(words).then((r) => live && setFound(r.filter((d) => d.id !== currentId).slice(0, 8)), () => live && setFound([])), 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [words, currentId]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const target = picked?.id ?? (words ? found[0]?.id : Number(to.trim().replace(/^#/, '')));
    const at = before.trim() ? Number(before) : undefined;
    if (target === undefined || !Number.isInteger(target) || target <= 0 || (at !== undefined && (!Number.isInteger(at) || at <= 0))) {
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
    <Dialog title={t('viewer.moveTitle', { n: pageNo })} className="confirm move-dialog" onClose={onCancel} onSubmit={submit}>
      <div className="mgrid">
        <label className="mfield">
          <span>{t('pageSets.pickTo')}</span>
          <input
            value={picked ? `${picked.id} · ${picked.title}` : to}
            onChange={(e) => {
              setPicked(null);
              setTo(e.target.value);
            }}
            autoFocus
          />
        </label>
        <label className="mfield">
          <span>{t('viewer.moveBefore')}</span>
          <input inputMode="numeric" value={before} onChange={(e) => setBefore(e.target.value)} placeholder={t('viewer.moveAtEnd')} />
        </label>
      </div>
      {!picked && found.length > 0 && (
        <ul className="move-picks" role="listbox" aria-label={t('pageSets.pickTo')}>
          {found.map((d) => (
            <li key={d.id} role="option" aria-selected={false}>
              <button type="button" className="move-pick" onClick={() => setPicked(d)} data-testid="move-pick">
                <span className="drop-doc-no">{t('pageSets.documentNo', { id: d.id })}</span>
                <span className="move-pick-title">{d.title}</span>
                {d.code && <span className="muted small">{d.code}</span>}
                <span className="muted small">{t('archive.pages', { count: d.pages })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
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
