/** Revision history of a chapter: keep a named version, compare any two, restore an older one. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevisionComparison, RevisionInfo } from '../../shared/api/manuscript';
import { NOTE_END, NOTE_START } from '../../shared/manuscript/richDoc';
import { formatDate, formatTime } from '../i18n';
import { api } from '../platform/platform';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { Dialog } from '../shell/Dialog';

/**
 * A compared paragraph's pieces with its footnotes shown apart: a footnote's text travels between
 * NOTE_START and NOTE_END and may span several pieces, so the pieces are read in order.
 */
function withNotes(pieces: { text: string; className?: 'ins' | 'del' }[]): ReactNode[] {
  let inNote = false;
  const out: ReactNode[] = [];
  pieces.forEach((piece, i) => {
    const parts: ReactNode[] = [];
    piece.text.split(/([\uE000\uE001])/u).forEach((part, j) => {
      if (part === NOTE_START) {
        inNote = true;
        parts.push(<span key={j} className="diff-note-mark">[</span>);
      } else if (part === NOTE_END) {
        inNote = false;
        parts.push(<span key={j} className="diff-note-mark">]</span>);
      } else if (part) parts.push(inNote ? <span key={j} className="diff-note">{part}</span> : part);
    });
    out.push(piece.className === 'ins' ? <ins key={i}>{parts}</ins> : piece.className === 'del' ? <del key={i}>{parts}</del> : <span key={i}>{parts}</span>);
  });
  return out;
}

export function RevisionsPanel({ nodeId, beforeAction, onRestored, refreshKey }: { nodeId: number; beforeAction(): Promise<void>; onRestored(): void; refreshKey: number }) {
  const { t } = useTranslation();
  const [revisions, setRevisions] = useState<RevisionInfo[]>([]);
  const [picked, setPicked] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [comparison, setComparison] = useState<RevisionComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<RevisionInfo | null>(null);

  const load = useCallback(async () => setRevisions(await api.manuscript.listRevisions({ nodeId })), [nodeId]);
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const guard = (work: () => Promise<void>) => {
    setError(null);
    work().catch((e: unknown) => setError((e as Error).message));
  };

  const keep = () =>
    guard(async () => {
      await beforeAction();
      await api.manuscript.saveRevision({ id: nodeId, note });
      setNote('');
      await load();
    });

  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));

  const compare = () =>
    guard(async () => {
      await beforeAction();
      const [a, b] = picked.length === 2 ? [...picked].sort((x, y) => x - y) : [picked[0]!, null];
      setComparison(await api.manuscript.compareRevisions({ nodeId, from: a!, to: b ?? null }));
    });

  /** Restores the revision the user confirmed in the dialog; the dialog shows a failure itself. */
  const restore = async (r: RevisionInfo) => {
    await beforeAction();
    await api.manuscript.restoreRevision({ id: r.id });
    setRestoring(null);
    setComparison(null);
    setPicked([]);
    await load();
    onRestored();
  };

  const when = (iso: string) => `${formatTime(iso)} · ${formatDate(iso)}`;
  return (
    <div className="side-section">
      <h3 className="subhead">{t('revisions.title')}</h3>
      {error && <div className="alert small" role="alert">{error}</div>}
      <div className="rev-keep">
        <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('revisions.notePlaceholder')} aria-label={t('revisions.note')} name="revisionNote" />
        <button type="button" onClick={keep}>
          {t('revisions.keep')}
        </button>
      </div>
      <ol className="rev-list">
        {revisions.map((r) => (
          <li key={r.id} className={`rev-item${picked.includes(r.id) ? ' picked' : ''}`} data-testid="revision-item">
            <label className="rev-pick">
              <input type="checkbox" checked={picked.includes(r.id)} onChange={() => toggle(r.id)} aria-label={t('revisions.pick')} />
              <span>
                <span className="rev-when">{when(r.createdAt)}</span>
                <span className="rev-what">
                  {t(`revisions.reasons.${r.reason}`)}
                  {r.note ? ` — ${r.note}` : ''} · {t('revisions.words', { count: r.words })}
                </span>
              </span>
            </label>
            <button type="button" className="link-button" onClick={() => setRestoring(r)}>
              {t('revisions.restore')}
            </button>
          </li>
        ))}
        {revisions.length === 0 && <li className="muted small">{t('revisions.empty')}</li>}
      </ol>
      <button type="button" className="wide" disabled={picked.length === 0} onClick={compare}>
        {picked.length === 2 ? t('revisions.compareTwo') : t('revisions.compareCurrent')}
      </button>
      {restoring && (
        <ConfirmDialog
          title={t('revisions.restoreTitle')}
          message={t('revisions.confirmRestore', { when: `${formatTime(restoring.createdAt)} ${formatDate(restoring.createdAt)}` })}
          confirmLabel={t('revisions.restore')}
          onConfirm={() => restore(restoring)}
          onCancel={() => setRestoring(null)}
        />
      )}
      {comparison && <ComparisonDialog comparison={comparison} onClose={() => setComparison(null)} />}
    </div>
  );
}

/** Two versions of a chapter side by side: paragraphs added, removed and changed word by word. */
export function ComparisonDialog({ comparison, onClose, intro, actions }: { comparison: RevisionComparison; onClose(): void; intro?: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation();
  const when = (iso: string) => `${formatTime(iso)} · ${formatDate(iso)}`;
  return (
    <Dialog title={t('revisions.comparison')} className="diff-dialog" testId="revision-diff" onClose={onClose}>
      {intro}
      <p className="muted small">
        {when(comparison.from.createdAt)} → {comparison.to.revisionId == null ? t('revisions.current') : when(comparison.to.createdAt)} ·{' '}
        {t('revisions.summary', { ...comparison.summary })}
      </p>
      <div className="diff">
        {comparison.paragraphs.map((p, i) =>
          p.kind === 'same' ? (
            <p key={i} className="diff-same">
              {withNotes([{ text: p.text }])}
            </p>
          ) : p.kind === 'added' ? (
            <p key={i} className="diff-added">
              {withNotes([{ text: p.text, className: 'ins' }])}
            </p>
          ) : p.kind === 'removed' ? (
            <p key={i} className="diff-removed">
              {withNotes([{ text: p.text, className: 'del' }])}
            </p>
          ) : (
            <p key={i} className="diff-changed">
              {withNotes(p.words.map((w) => ({ text: w.text, ...(w.op === 'add' ? { className: 'ins' as const } : w.op === 'del' ? { className: 'del' as const } : {}) })))}
            </p>
          ),
        )}
      </div>
      <div className="actions">
        {actions}
        <button type="button" className={actions ? '' : 'primary'} onClick={onClose}>
          {t('archive.close')}
        </button>
      </div>
    </Dialog>
  );
}
