/**
 * The name picker for mentions: search the project's registry of people, places and
 * organisations (without diacritics), or add the name typed as a new one of a chosen kind.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameKinds, type IndexName, type NameKind } from '../../shared/api/manuscript';
import { foldForSearch } from '../../shared/text/fold';
import { api } from '../platform/platform';
import type { MentionAttrs } from './editor/mention';
import { Dialog } from '../shell/Dialog';
import { pickListKeys } from '../shell/pickListKeys';

export function MentionPicker({ initial, onPick, onClose }: { initial: string; onPick(attrs: MentionAttrs): void; onClose(): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(initial);
  const [results, setResults] = useState<IndexName[]>([]);
  const [active, setActive] = useState(0);
  const [editing, setEditing] = useState<{ id: number; name: string } | null>(null);
  const [error, setError] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    const my = ++seq.current;
    const timer = setTimeout(() => {
      void api.manuscript.listNames({ query, limit: 30 }).then((r) => {
        if (my === seq.current) {
          setResults(r);
          setActive(0);
        }
      });
    }, 100);
    return () => clearTimeout(timer);
  }, [query]);

  const saveEdit = async () => {
    if (!editing) return;
    try {
      const updated = await api.manuscript.updateName({ id: editing.id, name: editing.name.normalize('NFC') });
      setResults((rs) => rs.map((r) => (r.id === updated.id ? updated : r)));
      setEditing(null);
      setError('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const pick = (n: IndexName) => onPick({ nameId: n.id, kind: n.kind, term: n.name });
  const create = async (kind: NameKind) => pick(await api.manuscript.createName({ kind, name: query.normalize('NFC').trim(), sortKey: '' }));
  const typed = query.trim();
  // No offer to add a name already listed, typed with or without its diacritics.
  const exact = results.some((r) => foldForSearch(r.name) === foldForSearch(typed));

  return (
    <Dialog title={t('mentions.pick')} className="mention-picker" testId="mention-picker" onClose={onClose}>
      <input
        className="search-input"
        autoFocus
        value={query}
        name="mentionQuery"
        aria-label={t('mentions.search')}
        placeholder={t('mentions.search')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => pickListKeys(e, results, active, setActive, pick, onClose)}
      />
      <ul className="pick-list" role="listbox" aria-label={t('mentions.search')}>
        {results.map((n, i) => (
          <li key={n.id} role="option" aria-selected={i === active} className="mention-row">
            {editing?.id === n.id ? (
              <input
                className="mention-edit"
                autoFocus
                name="mentionEdit"
                aria-label={t('mentions.edit')}
                value={editing.name}
                onChange={(e) => setEditing({ id: n.id, name: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void saveEdit();
                  else if (e.key === 'Escape') setEditing(null);
                  else return;
                  e.preventDefault();
                  e.stopPropagation();
                }}
                onBlur={() => setEditing(null)}
              />
            ) : (
              <button type="button" className={`pick-item${i === active ? ' active' : ''}`} onClick={() => pick(n)} onMouseEnter={() => setActive(i)} data-testid="mention-result">
                <span className={`pick-code mention-kind mention-${n.kind}`}>{t(`mentions.kind.${n.kind}`)}</span>
                <span className="pick-title">{n.name}</span>
              </button>
            )}
            <button type="button" className="mention-edit-button" title={t('mentions.edit')} aria-label={t('mentions.edit')} onMouseDown={(e) => e.preventDefault()} onClick={() => (editing?.id === n.id ? void saveEdit() : setEditing({ id: n.id, name: n.name }))}>
              ✎
            </button>
          </li>
        ))}
        {results.length === 0 && <li className="muted pick-empty">{t('mentions.none')}</li>}
      </ul>
      {error && (
        <div className="alert small" role="alert">
          {error}
        </div>
      )}
      {typed && !exact && (
        <div className="mention-create">
          <span>{t('mentions.create', { name: typed })}</span>
          {nameKinds.map((k) => (
            <button key={k} type="button" onClick={() => void create(k)} data-testid={`mention-create-${k}`}>
              {t(`mentions.kind.${k}`)}
            </button>
          ))}
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('books.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
