/**
 * The viewer's list of other documents to drag pages onto: it opens by itself when a page of the
 * strip is dragged (or from the toolbar, to find a document first), shows the latest documents
 * with their first page, or those a search finds (number, title, number-and-symbol), and each is a
 * drop target: the page moves to the end of that document.
 */
import { useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../platform/platform';
import { Icon } from '../shell/Icon';
import { canDropOn, currentDrag, endDrag, moveInto, type MoveDone } from './pageDrag';
import { PageThumb } from './PageThumb';
import './pageSets.css';

export interface Item {
  id: number;
  title: string;
  pages: number;
  coverPageId: number | null;
  coverRotation: number;
  code: string;
}

const LIMIT = 40;

export async function findDocuments(query: string): Promise<Item[]> {
  const q = query.trim();
  if (!q) {
    const { items } = await api.archive.listDocuments({ offset: 0, limit: LIMIT });
    return items.map((d) => ({ id: d.id, title: d.title, pages: d.pageCount, coverPageId: d.coverPageId, coverRotation: d.coverRotation, code: '' }));
  }
  const found: Item[] = [];
  // "12" or "#12": that document first.
  const no = /^#?(\d{1,9})$/.exec(q);
  if (no) {
    const d = await api.archive.getDocument({ id: Number(no[1]) }).catch(() => null);
    if (d) found.push({ id: d.id, title: d.title, pages: d.pageCount, coverPageId: d.coverPageId, coverRotation: d.coverRotation, code: d.metadata.code ?? '' });
  }
  for (const c of await api.manuscript.searchCitable({ query: q, limit: LIMIT })) {
    if (!found.some((f) => f.id === c.id)) found.push({ id: c.id, title: c.title, pages: c.pageCount, coverPageId: null, coverRotation: 0, code: c.number });
  }
  return found;
}

export function DocumentDropTray({ currentId, onClose, onMoved, onError }: { currentId: number; onClose(): void; onMoved(targetId: number, done: MoveDone): void; onError(message: string): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<Item[] | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => void findDocuments(query).then((r) => live && setItems(r), () => live && setItems([])), query ? 120 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  /** A page over a document it can go to: accepted (enter and over alike), and the document lit. */
  const accept = (e: DragEvent, id: number) => {
    if (!canDropOn(id)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (over !== id) setOver(id);
  };

  const drop = (e: DragEvent, id: number) => {
    const what = currentDrag();
    if (!what || !canDropOn(id)) return;
    e.preventDefault();
    e.stopPropagation();
    endDrag();
    setOver(null);
    setBusy(id);
    void moveInto(id, what, t)
      .then((done) => onMoved(id, done), (err: Error) => onError(err.message))
      .finally(() => setBusy(null));
  };

  const others = (items ?? []).filter((d) => d.id !== currentId);
  return (
    <aside className="drop-tray" aria-label={t('pageSets.dropTrayTitle')} data-testid="drop-tray">
      <div className="drop-tray-head">
        <strong>{t('pageSets.dropTrayTitle')}</strong>
        <button type="button" className="tool-button" onClick={onClose} title={t('archive.close')} aria-label={t('archive.close')}>
          <Icon name="close" size={14} />
        </button>
      </div>
      <p className="muted small drop-tray-hint">{t('pageSets.dropTrayHint')}</p>
      <input
        type="search"
        className="drop-tray-search"
        value={query}
        placeholder={t('pageSets.dropTraySearch')}
        aria-label={t('pageSets.dropTraySearch')}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="drop-tray-search"
      />
      <ul className="drop-tray-list">
        {others.map((d) => (
          <li
            key={d.id}
            className={`drop-doc${over === d.id ? ' drop-target' : ''}${busy === d.id ? ' busy' : ''}`}
            data-testid="drop-doc"
            data-doc-id={d.id}
            onDragEnter={(e) => accept(e, d.id)}
            onDragOver={(e) => accept(e, d.id)}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === d.id ? null : o));
            }}
            onDrop={(e) => drop(e, d.id)}
            title={t('pageSets.dropOnCard', { id: d.id })}
          >
            <span className="drop-doc-thumb">{d.coverPageId ? <PageThumb pageId={d.coverPageId} rotation={d.coverRotation} /> : <Icon name="file" size={22} />}</span>
            <span className="drop-doc-text">
              <span className="drop-doc-no">
                {t('pageSets.documentNo', { id: d.id })}
                {d.code && ` · ${d.code}`}
              </span>
              <span className="drop-doc-title">{d.title}</span>
              <span className="muted small">{t('archive.pages', { count: d.pages })}</span>
            </span>
          </li>
        ))}
        {items !== null && others.length === 0 && <li className="muted small">{t('pageSets.dropTrayEmpty')}</li>}
      </ul>
    </aside>
  );
}
