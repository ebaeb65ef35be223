/** Brings a Markdown or DOCX draft into the book: one chapter, or one per top-level heading. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportedDraft } from '../../shared/api/manuscript';
import { api } from '../platform/platform';
import { Dialog } from '../shell/Dialog';

export function ImportDraftDialog({ bookId, onDone, onClose }: { bookId: number; onDone(result: ImportedDraft): void; onClose(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [split, setSplit] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError('');
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      onDone(await api.manuscript.importDraft({ bookId, fileName: file.name.normalize('NFC'), bytes, split, parentId: null }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('draftImport.button')}
      className="import-draft"
      testId="import-draft-dialog"
      onClose={onClose}
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <p className="muted small">{t('draftImport.hint')}</p>
      <input type="file" name="draftFile" accept=".md,.markdown,.txt,.docx" data-testid="draft-input" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <label className="comment-toggle">
        <input type="checkbox" name="draftSplit" checked={split} onChange={(e) => setSplit(e.target.checked)} /> {t('draftImport.split')}
      </label>
      {error && (
        <div className="alert small" role="alert">
          {error}
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('books.cancel')}
        </button>
        <button type="submit" className="primary" disabled={!file || busy}>
          {t('draftImport.button')}
        </button>
      </div>
    </Dialog>
  );
}
