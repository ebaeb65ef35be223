/**
 * The registry of names (tên riêng) that the book's index is made from: people, places and
 * organisations with how often the manuscript mentions them. Here a team keeps the index clean —
 * corrects a name or its sort key (every mention follows), merges a name written two ways into
 * one, and removes names nobody mentions.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameKinds, type NameKind, type RegisteredName } from '../../shared/api/manuscript';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { EmptyState } from '../shell/EmptyState';
import { api } from '../platform/platform';
import { useStatus } from '../shell/status';
import './names.css';

type Pending = { kind: 'merge'; from: RegisteredName; into: RegisteredName } | { kind: 'delete'; name: RegisteredName };

/** `onOpenBooks` goes to the manuscripts, where names are marked (offered while there is none). */
export function NameRegistryView({ onOpenBooks }: { onOpenBooks?(): void } = {}) {
  const { t } = useTranslation();
  const { setNotice } = useStatus();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<NameKind | ''>('');
  const [names, setNames] = useState<RegisteredName[]>([]);
  /** The list was read once: "no names" is not said while it is being asked for. */
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState('');
  const [merging, setMerging] = useState<number | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  const load = useCallback(async () => {
    setNames(await api.manuscript.nameRegistry({ query, ...(kind ? { kind } : {}), limit: 2000 }));
    setLoaded(true);
  }, [query, kind]);
  useEffect(() => {
    const timer = setTimeout(() => void load(), 120);
    return () => clearTimeout(timer);
  }, [load]);

  const guard = async (f: () => Promise<void>) => {
    try {
      await f();
      setError('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const save = (n: RegisteredName, change: { name?: string; sortKey?: string }) =>
    guard(async () => {
      const updated = await api.manuscript.updateName({ id: n.id, ...change });
      setNames((list) => list.map((x) => (x.id === n.id ? { ...x, ...updated } : x)));
    });

  return (
    <div className="pane names-view">
      <header className="toolbar archive-toolbar">
        <div>
          <h1>{t('names.title')}</h1>
          <div className="muted">{t('names.count', { count: names.length })}</div>
        </div>
        <span className="toolbar-spacer" />
        <input className="search-input names-search" type="search" name="nameQuery" value={query} placeholder={t('names.search')} aria-label={t('names.search')} onChange={(e) => setQuery(e.target.value)} />
        <div className="segmented" role="group" aria-label={t('names.kind')}>
          {(['', ...nameKinds] as const).map((k) => (
            <button key={k || 'all'} type="button" className={kind === k ? 'active' : ''} aria-pressed={kind === k} onClick={() => setKind(k)}>
              {k ? t(`mentions.kind.${k}`) : t('names.all')}
            </button>
          ))}
        </div>
      </header>
      <p className="muted small names-hint">{t('names.hint')}</p>
      {error && (
        <div className="alert names-alert" role="alert">
          {error}
        </div>
      )}
      <div className="names-scroll">
        <table className="names-table" data-testid="names-table">
          <thead>
            <tr>
              <th>{t('names.name')}</th>
              <th>{t('names.kind')}</th>
              <th>{t('names.sortKey')}</th>
              <th className="num">{t('names.mentions')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {names.map((n) => (
              <tr key={n.id} data-testid="name-row">
                <td>
                  <input className="cell-input" name={`name-${n.id}`} defaultValue={n.name} aria-label={t('names.name')} onBlur={(e) => e.target.value.trim() !== n.name && void save(n, { name: e.target.value.normalize('NFC') })} />
                </td>
                <td className="muted">{t(`mentions.kind.${n.kind}`)}</td>
                <td>
                  <input
                    className="cell-input"
                    name={`sort-${n.id}`}
                    defaultValue={n.sortKey}
                    placeholder={n.kind === 'person' ? t('names.byGivenName') : t('names.asWritten')}
                    aria-label={t('names.sortKey')}
                    onBlur={(e) => e.target.value.trim() !== n.sortKey && void save(n, { sortKey: e.target.value.normalize('NFC') })}
                  />
                </td>
                <td className="num">{n.mentions}</td>
                <td className="row-actions">
                  {merging === n.id ? (
                    <select
                      name={`merge-${n.id}`}
                      aria-label={t('names.mergeInto', { name: n.name })}
                      autoFocus
                      defaultValue=""
                      onChange={(e) => {
                        const into = names.find((x) => x.id === Number(e.target.value));
                        setMerging(null);
                        if (into) setPending({ kind: 'merge', from: n, into });
                      }}
                      onBlur={() => setMerging(null)}
                    >
                      <option value="" disabled>
                        {t('names.mergeInto', { name: n.name })}
                      </option>
                      {names
                        .filter((x) => x.kind === n.kind && x.id !== n.id)
                        .map((x) => (
                          <option key={x.id} value={x.id}>
                            {x.name}
                          </option>
                        ))}
                    </select>
                  ) : (
                    <button type="button" onClick={() => setMerging(n.id)} disabled={!names.some((x) => x.kind === n.kind && x.id !== n.id)}>
                      {t('names.merge')}
                    </button>
                  )}
                  <button type="button" onClick={() => setPending({ kind: 'delete', name: n })} disabled={n.mentions > 0} title={n.mentions > 0 ? t('names.inUse') : undefined}>
                    {t('names.delete')}
                  </button>
                </td>
              </tr>
            ))}
            {names.length === 0 && loaded && (
              <tr>
                <td colSpan={5} className="names-empty">
                  {query.trim() ? (
                    <EmptyState
                      variant="inline"
                      line={t('onboarding.namesNoMatch', { query: query.trim() })}
                      testId="names-no-match"
                      actions={
                        <button type="button" onClick={() => setQuery('')} data-testid="names-clear-search">
                          {t('onboarding.clearSearch')}
                        </button>
                      }
                    />
                  ) : kind ? (
                    <EmptyState
                      variant="inline"
                      line={t('onboarding.namesNoKind')}
                      testId="names-no-kind"
                      actions={
                        <button type="button" onClick={() => setKind('')} data-testid="names-all-kinds">
                          {t('names.all')}
                        </button>
                      }
                    />
                  ) : (
                    <EmptyState
                      variant="inline"
                      line={t('onboarding.namesLine')}
                      help="ten-rieng"
                      testId="names-empty"
                      actions={
                        onOpenBooks && (
                          <button type="button" onClick={onOpenBooks} data-testid="names-open-books">
                            {t('onboarding.openBooks')}
                          </button>
                        )
                      }
                    />
                  )}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pending && (
        <ConfirmDialog
          title={pending.kind === 'merge' ? t('names.mergeTitle') : t('names.deleteTitle')}
          message={pending.kind === 'merge' ? t('names.mergeMessage', { from: pending.from.name, into: pending.into.name, count: pending.from.mentions }) : t('names.deleteMessage', { name: pending.name.name })}
          confirmLabel={pending.kind === 'merge' ? t('names.merge') : t('names.delete')}
          danger={pending.kind === 'delete'}
          onCancel={() => setPending(null)}
          onConfirm={async () => {
            if (pending.kind === 'merge') {
              const { moved } = await api.manuscript.mergeNames({ from: pending.from.id, into: pending.into.id });
              setNotice(t('names.merged', { from: pending.from.name, into: pending.into.name, count: moved }));
            } else {
              await api.manuscript.deleteName({ id: pending.name.id });
              setNotice(t('names.deleted', { name: pending.name.name }));
            }
            setPending(null);
            await load();
          }}
        />
      )}
    </div>
  );
}
