/** Revision history of a chapter: keep a named version, compare any two, restore an older one. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevisionComparison, RevisionInfo } from '../../shared/api/manuscript';
import { formatDate, formatTime } from '../i18n';
import { api } from '../platform/platform';

/** Footnotes travel in the compared text as "[^…]": show them as bracketed notes. */
const notes = (text: string) => text.replaceAll('[^', '〔').replaceAll(']', '〕');

export function RevisionsPanel({ nodeId, beforeAction, onRestored, refreshKey }: { nodeId: number; beforeAction(): Promise<void>; onRestored(): void; refreshKey: number }) {
  const { t } = useTranslation();
  const [revisions, setRevisions] = useState<RevisionInfo[]>([]);
  const [picked, setPicked] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [comparison, setComparison] = useState<RevisionComparison | null>(null);
  const [error, setError] = useState<string | null>(null);

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

  const restore = (r: RevisionInfo) =>
    guard(async () => {
      if (!window.confirm(t('revisions.confirmRestore', { when: `${formatTime(r.createdAt)} ${formatDate(r.createdAt)}` }))) return;
      await beforeAction();
      await api.manuscript.restoreRevision({ id: r.id });
      setComparison(null);
      setPicked([]);
      await load();
      onRestored();
    });

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
            <button type="button" className="link-button" onClick={() => restore(r)}>
              {t('revisions.restore')}
            </button>
          </li>
        ))}
        {revisions.length === 0 && <li className="muted small">{t('revisions.empty')}</li>}
      </ol>
      <button type="button" className="wide" disabled={picked.length === 0} onClick={compare}>
        {picked.length === 2 ? t('revisions.compareTwo') : t('revisions.compareCurrent')}
      </button>
      {comparison && (
        <div className="dialog-backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && setComparison(null)}>
          <div className="dialog diff-dialog" role="dialog" aria-modal="true" aria-label={t('revisions.comparison')} data-testid="revision-diff">
            <h2>{t('revisions.comparison')}</h2>
            <p className="muted small">
              {when(comparison.from.createdAt)} → {comparison.to.revisionId == null ? t('revisions.current') : when(comparison.to.createdAt)} ·{' '}
              {t('revisions.summary', { ...comparison.summary })}
            </p>
            <div className="diff">
              {comparison.paragraphs.map((p, i) =>
                p.kind === 'same' ? (
                  <p key={i} className="diff-same">
                    {notes(p.text)}
                  </p>
                ) : p.kind === 'added' ? (
                  <p key={i} className="diff-added">
                    <ins>{notes(p.text)}</ins>
                  </p>
                ) : p.kind === 'removed' ? (
                  <p key={i} className="diff-removed">
                    <del>{notes(p.text)}</del>
                  </p>
                ) : (
                  <p key={i} className="diff-changed">
                    {p.words.map((w, j) => (w.op === 'same' ? <span key={j}>{notes(w.text)}</span> : w.op === 'add' ? <ins key={j}>{notes(w.text)}</ins> : <del key={j}>{notes(w.text)}</del>))}
                  </p>
                ),
              )}
            </div>
            <div className="actions">
              <button type="button" className="primary" onClick={() => setComparison(null)}>
                {t('archive.close')}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
