import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveDocument } from '../../shared/api/archive';
import { formatDate } from '../i18n/index';
import { api, platform } from '../platform/platform';

/** The side panel: a document's metadata (title for now) and its pages. */
export function DocumentPanel({ documentId, onSaved }: { documentId: number | null; onSaved(): void }) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<ArchiveDocument | null>(null);
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    setMessage(null);
    if (documentId === null) return setDoc(null);
    void api.archive.getDocument({ id: documentId }).then((d) => {
      setDoc(d);
      setTitle(d.title);
    });
  }, [documentId]);

  if (!doc) return <aside className="panel empty-panel">{t('archive.selectHint')}</aside>;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const updated = await api.archive.updateDocument({ id: doc.id, title });
      setDoc({ ...doc, ...updated });
      setMessage(t('archive.saved'));
      onSaved();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };

  const first = doc.pages[0];
  return (
    <aside className="panel" aria-label={t('archive.details')}>
      <h2>{t('archive.details')}</h2>
      {first && (
        <div className="preview">
          <img src={platform.fileUrl({ kind: 'thumb', pageId: first.id })} alt={doc.title} />
        </div>
      )}
      <form onSubmit={save}>
        <label className="field">
          <span>{t('archive.docTitle')}</span>
          <textarea name="docTitle" rows={3} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <div className="actions">
          {message && <span className="muted">{message}</span>}
          <button className="primary" type="submit" disabled={title.trim() === doc.title}>
            {t('archive.save')}
          </button>
        </div>
      </form>
      <dl className="facts">
        <dt>{t('archive.created')}</dt>
        <dd>{formatDate(doc.createdAt)}</dd>
        <dt>{t('archive.size')}</dt>
        <dd>
          {t('archive.pages', { count: doc.pageCount })}
          {first ? ` · ${first.width}×${first.height}` : ''}
        </dd>
      </dl>
      {doc.pages.length > 1 && (
        <ol className="page-strip">
          {doc.pages.map((p) => (
            <li key={p.id}>
              <img src={platform.fileUrl({ kind: 'thumb', pageId: p.id })} alt={`${p.seq}`} loading="lazy" />
              <span>{p.seq}</span>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
