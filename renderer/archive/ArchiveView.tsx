import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, ImportOutcome } from '../../shared/api/archive';
import { api, platform } from '../platform/platform';
import { Icon } from '../shell/Icon';
import { DocumentPanel } from './DocumentPanel';
import { importFiles } from './importFiles';
import { ImportReport } from './ImportReport';

export function ArchiveView({ onChanged }: { onChanged(): void }) {
  const { t } = useTranslation();
  const [docs, setDocs] = useState<DocumentSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; current: string } | null>(null);
  const [report, setReport] = useState<ImportOutcome[] | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const page = await api.archive.listDocuments({ offset: 0, limit: 1000 });
    setDocs(page.items);
    setTotal(page.total);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function runImport(files: File[]) {
    if (files.length === 0) return;
    const outcomes = await importFiles(files, (done, all, current) => setProgress({ done, total: all, current }));
    setProgress(null);
    setReport(outcomes);
    await load();
    onChanged();
    const first = outcomes.find((o) => o.status === 'imported');
    if (first && first.status === 'imported') setSelected(first.documentId);
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void runImport([...e.dataTransfer.files]);
  };

  return (
    <div
      className={`archive${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="pane">
        <header className="toolbar">
          <div>
            <h1>{t('archive.title')}</h1>
            <div className="muted">{t('archive.documents', { count: total })}</div>
          </div>
          <span className="toolbar-spacer" />
          <input
            ref={input}
            type="file"
            multiple
            hidden
            accept="image/jpeg,image/png,.jpg,.jpeg,.png,.tif,.tiff,.pdf,.docx,.html,.htm,.txt"
            data-testid="import-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void runImport(files);
            }}
          />
          <button className="primary" onClick={() => input.current?.click()} disabled={progress !== null}>
            <Icon name="upload" /> {t('archive.import')}
          </button>
        </header>
        {progress && (
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done}>
            <div className="progress-bar" style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }} />
            <span>
              {progress.done}/{progress.total} · {t('archive.importing', { name: progress.current })}
            </span>
          </div>
        )}
        {docs.length === 0 ? (
          <div className="empty">
            <Icon name="archive" size={42} />
            <h2>{t('archive.empty')}</h2>
            <p>{t('archive.emptyHint')}</p>
            <p className="muted">{t('archive.dropHint')}</p>
          </div>
        ) : (
          <ul className="grid" aria-label={t('archive.title')}>
            {docs.map((d) => (
              <li key={d.id}>
                <button className={`doc-card${selected === d.id ? ' selected' : ''}`} onClick={() => setSelected(d.id)} data-testid="doc-card">
                  <div className="thumb">
                    {d.coverPageId ? <img src={platform.fileUrl({ kind: 'thumb', pageId: d.coverPageId })} alt="" loading="lazy" /> : <Icon name="file" size={36} />}
                  </div>
                  <div className="doc-title" title={d.title}>
                    {d.title}
                  </div>
                  <div className="doc-meta">
                    #{d.id} · {t('archive.pages', { count: d.pageCount })}
                  </div>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <DocumentPanel
        documentId={selected}
        onSaved={() => {
          void load();
        }}
      />
      {report && <ImportReport outcomes={report} onClose={() => setReport(null)} />}
      {dragging && <div className="drop-overlay">{t('archive.dropHint')}</div>}
    </div>
  );
}
