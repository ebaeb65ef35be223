import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveDocument } from '../../shared/api/archive';
import { api } from '../platform/platform';
import { CitedIn } from './CitedIn';
import { SourceLinks } from './SourceLinks';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { Icon } from '../shell/Icon';
import { MetadataPanel } from './MetadataPanel';
import { PageThumb } from './PageThumb';

/** The archive's side panel: the selected document at a glance, its description, delete. */
export function DocumentPanel({ documentId, onSaved, onOpen, onDeleted }: { documentId: number | null; onSaved(): void; onOpen(id: number): void; onDeleted(id: number): void }) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<ArchiveDocument | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    if (documentId === null) return setDoc(null);
    let live = true;
    void api.archive.getDocument({ id: documentId }).then(
      (d) => live && setDoc(d),
      (e: Error) => live && (setDoc(null), setError(e.message)),
    );
    return () => {
      live = false;
    };
  }, [documentId]);

  if (!doc || doc.id !== documentId) {
    return (
      <aside className="panel empty-panel" aria-label={t('archive.details')}>
        <div>
          <Icon name="file" size={30} />
          <p>{error ?? (documentId === null ? t('archive.selectHint') : t('archive.loading'))}</p>
        </div>
      </aside>
    );
  }

  const first = doc.pages[0];
  return (
    <aside className="panel doc-panel" aria-label={t('archive.details')}>
      <header className="doc-panel-head">
        <button type="button" className="mini-thumb" onClick={() => onOpen(doc.id)} title={t('archive.open')}>
          {first ? <PageThumb pageId={first.id} rotation={first.rotation} lazy={false} /> : <Icon name="file" />}
        </button>
        <div className="doc-panel-id">
          <div className="eyebrow">{t('archive.documentNo', { id: doc.id })}</div>
          <div className="muted">{t('archive.pages', { count: doc.pageCount })}</div>
          <button type="button" className="open-button" onClick={() => onOpen(doc.id)}>
            <Icon name="open" size={16} /> {t('archive.open')}
          </button>
        </div>
      </header>
      <CitedIn documentId={doc.id} />
      <SourceLinks documentId={doc.id} version={doc.version} onOpen={onOpen} />
      <MetadataPanel
        doc={doc}
        onChange={setDoc}
        onSaved={onSaved}
        actions={
          <div className="danger-zone">
            <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
              <Icon name="trash" size={16} /> {t('archive.delete')}
            </button>
          </div>
        }
      />
      {confirmDelete && (
        <ConfirmDialog
          title={t('archive.delete')}
          message={t('archive.deleteConfirm', { id: doc.id, title: doc.title, pages: doc.pageCount })}
          confirmLabel={t('archive.delete')}
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={async () => {
            await api.archive.deleteDocument({ id: doc.id });
            setConfirmDelete(false);
            onDeleted(doc.id);
          }}
        />
      )}
    </aside>
  );
}
