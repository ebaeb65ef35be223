/**
 * Brings a Markdown or DOCX draft into the book: one chapter, or one per top-level heading. The
 * host reads the draft from its disk: the desktop app names the file's path, browser mode first
 * sends the file to the host (a streamed upload) and names where it was put.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportedDraft } from '../../shared/api/manuscript';
import { api, platform } from '../platform/platform';
import { Dialog } from '../shell/Dialog';
import { ErrorAlert, errorInfo, type ErrorInfo } from '../shell/ErrorDetails';

export function ImportDraftDialog({ bookId, onDone, onClose }: { bookId: number; onDone(result: ImportedDraft): void; onClose(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [split, setSplit] = useState(true);
  const [busy, setBusy] = useState<'uploading' | 'importing' | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const run = async () => {
    if (!file || busy) return;
    setError(null);
    try {
      const fileName = file.name.normalize('NFC');
      let path = platform.pathForFile(file);
      if (!path) {
        setBusy('uploading');
        const { paths: [uploaded], rejected } = await platform.uploadFiles([{ file, relPath: fileName }]);
        if (rejected[0]) throw new Error(rejected[0].reason);
        if (!uploaded) throw new Error(t('draftImport.noFile'));
        path = uploaded;
      }
      setBusy('importing');
      onDone(await api.manuscript.importDraft({ bookId, path, fileName, split, parentId: null }));
    } catch (e) {
      setError(errorInfo(e));
    } finally {
      setBusy(null);
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
      <div className="draft-file">
        <input
          ref={input}
          type="file"
          name="draftFile"
          hidden
          accept=".md,.markdown,.txt,.docx,.doc,.odt,.rtf"
          data-testid="draft-input"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
          }}
        />
        <button type="button" onClick={() => input.current?.click()} disabled={busy !== null} autoFocus>
          {t('draftImport.choose')}
        </button>
        <span className={file ? 'draft-file-name' : 'muted'} data-testid="draft-file-name">
          {file ? file.name : t('draftImport.noFile')}
        </span>
      </div>
      <label className="comment-toggle">
        <input type="checkbox" name="draftSplit" checked={split} onChange={(e) => setSplit(e.target.checked)} /> {t('draftImport.split')}
      </label>
      <ErrorAlert error={error} small />
      <div className="actions">
        {busy && (
          <span className="muted small actions-note" aria-live="polite">
            {t(busy === 'uploading' ? 'draftImport.uploading' : 'draftImport.importing')}
          </span>
        )}
        <button type="button" onClick={onClose}>
          {t('books.cancel')}
        </button>
        <button type="submit" className="primary" disabled={!file || busy !== null}>
          {t('draftImport.button')}
        </button>
      </div>
    </Dialog>
  );
}
