import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../i18n/index';
import { api } from '../platform/platform';
import { ProgressStrip } from '../shell/ProgressStrip';
import { useStatus } from '../shell/status';
import './archive.css';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { DocumentGrid, type GridSelection } from './DocumentGrid';
import { DocumentPanel } from './DocumentPanel';
import { Icon } from '../shell/Icon';
import { EmptyState } from '../shell/EmptyState';
import { NoMatches } from './NoMatches';
import { readDrop, sourceFromFiles, sourceSize, startImport, type ImportProgress, type ImportResult, type ImportRun, type ImportSource } from './importFiles';
import { ImportReport } from './ImportReport';
import { ReviewOption, useImportReview } from './ImportReview';
import { UndoToast, useRestored } from './undoRemoval';
import { PageViewer } from './PageViewer';
import { SearchResults } from './SearchResults';
import { ArchiveViewBar } from './ArchiveViewBar';
import { BatchEditDialog } from './BatchEditDialog';
import { CatalogueFilterPanel, CatalogueSearchBox } from './CatalogueFilters';
import { CatalogueTable } from './CatalogueTable';
import { LocationTree } from './LocationTree';
import { useCatalogueView } from './useCatalogueView';
import { useOcrJob } from '../shell/ocrJobs';
import type { OcrCoverage } from '../../shared/api/ocr';

const ACCEPT = 'image/jpeg,image/png,image/tiff,.jpg,.jpeg,.png,.tif,.tiff,.pdf,.docx,.doc,.odt,.rtf,.html,.htm,.txt';
const FOLDER_PREF = 'suquan.archive.folderAsDocument';
const OCR_PREF = 'suquan.archive.ocrAtImport';

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** `open` asks the view to open a document in the viewer (quick open); `seq` tells one request from the next. */
export function ArchiveView({ onChanged, open }: { onChanged(): void; open?: { id: number; seq: number } | null }) {
  const { t } = useTranslation();
  const { setNotice } = useStatus();
  const [version, setVersion] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [selection, setSelection] = useState<GridSelection>({ ids: [], active: null });
  const [viewing, setViewingState] = useState<{ id: number; pageId?: number; highlight?: string } | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);
  const setViewing = useCallback(
    (id: number | null, pageId?: number, highlight?: string) => setViewingState(id === null ? null : { id, ...(pageId ? { pageId } : {}), ...(highlight ? { highlight } : {}) }),
    [],
  );
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ImportResult | null>(null);
  const [dragging, setDragging] = useState(false);
  const [folderAsDocument, setFolderAsDocument] = useState(() => localStorage.getItem(FOLDER_PREF) === '1');
  const [confirmMerge, setConfirmMerge] = useState(false);
  const [ocrAtImport, setOcrAtImport] = useState(() => localStorage.getItem(OCR_PREF) === '1');
  const [coverage, setCoverage] = useState<OcrCoverage | null>(null);
  const run = useRef<ImportRun | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const openSeq = open?.seq;
  useEffect(() => {
    if (open) setViewing(open.id);
    // Runs once per request (its seq), not when the request object is recreated.
  }, [openSeq]);
  // Ctrl+F (⌘F) finds in the archive, as in a document.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f' && searchInput.current) {
        e.preventDefault();
        searchInput.current.focus();
        searchInput.current.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const refresh = useCallback(() => {
    setVersion((v) => v + 1);
    onChanged();
  }, [onChanged]);
  // Page sets: the review before an import; documents brought back by "Hoàn tác".
  const review = useImportReview();
  useRestored(refresh);
  // The view (filters, words, order, tree) the grid and the catalogue both show.
  const view = useCatalogueView(version, () => setSelection((s) => ({ ids: s.ids, active: null })));
  const words = view.query.words ?? '';
  // The whole archive's count (the view's may be narrower).
  useEffect(() => {
    let live = true;
    void api.archive.listDocuments({ offset: 0, limit: 1 }).then((r) => live && setTotal(r.total), () => undefined);
    return () => {
      live = false;
    };
  }, [version]);
  // A recognition that ended changed pages' text: search results and counts again.
  const ocrJob = useOcrJob((p) => p.state !== 'running' && refresh());
  useEffect(() => {
    let live = true;
    void api.ocr.coverage({}).then((c) => live && setCoverage(c), () => undefined);
    return () => {
      live = false;
    };
  }, [version]);

  /** The documents selected, or else every page not yet recognised. */
  async function recognize() {
    try {
      const ids = selection.ids;
      const r = await api.ocr.start({ scope: ids.length ? { documentIds: ids, redo: false } : { all: true, redo: false } });
      setNotice(r.total ? t('ocr.started', { count: r.total }) : t('ocr.nothing', { count: r.skipped }));
    } catch (e) {
      setNotice((e as Error).message, 'error');
    }
  }

  async function runImport(source: ImportSource) {
    if (sourceSize(source) === 0 || run.current) return;
    const plan = await review.ask(source, { folderAsDocument });
    if (!plan || run.current) return;
    setProgress({ phase: source.kind === 'items' ? 'upload' : 'import', done: 0, total: 0, current: null, etaSeconds: null, cancelling: false });
    // Show documents as they arrive during a long import (at most every 2 s).
    let shownDone = 0;
    let shownAt = performance.now();
    const r = startImport(source, { folderAsDocument, ocr: ocrAtImport, ...plan }, (p) => {
      setProgress(p);
      if (p.phase === 'import' && p.done > shownDone && performance.now() - shownAt > 2000) {
        shownDone = p.done;
        shownAt = performance.now();
        setVersion((v) => v + 1);
      }
    });
    run.current = r;
    try {
      const result = await r.result;
      setReport(result);
      const first = result.outcomes.find((o) => o.status === 'imported');
      if (first && first.status === 'imported') setSelection({ ids: [first.documentId], active: null });
    } finally {
      run.current = null;
      setProgress(null);
      refresh();
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (run.current) return;
    void readDrop(e.dataTransfer).then(runImport);
  };

  const selectedId = selection.ids.length > 0 ? selection.ids[selection.ids.length - 1]! : null;

  if (viewing !== null) {
    return (
      <PageViewer
        key={viewing.id}
        documentId={viewing.id}
        {...(viewing.pageId ? { startPageId: viewing.pageId } : {})}
        {...(viewing.highlight ? { highlight: viewing.highlight } : {})}
        onClose={() => {
          setSelection({ ids: [viewing.id], active: null });
          setViewing(null);
        }}
        onChanged={refresh}
        onOpenDocument={setViewing}
      />
    );
  }

  const empty = total === 0;
  // The view found nothing in an archive that has documents: say so, and offer to take back the words or filters.
  const noMatches = <NoMatches filter={view.filter} onChange={view.setFilter} />;
  // The catalogue may take the side panel's room too.
  const panelShown = view.prefs.view !== 'catalogue' || view.prefs.panel;
  return (
    <div
      className={`archive${dragging ? ' dragging' : ''}${panelShown ? '' : ' no-panel'}`}
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="pane">
        <header className="toolbar archive-toolbar">
          <div>
            <h1>{t('archive.title')}</h1>
            <div className="muted" data-testid="doc-total">
              {view.rows.total !== null && total !== null && view.rows.total !== total ? t('catalogue.shownOfTotal', { shown: view.rows.total, count: total }) : t('archive.documents', { count: total ?? 0 })}
              {selection.ids.length > 1 && ` · ${t('archive.selected', { count: selection.ids.length })}`}
            </div>
          </div>
          <span className="toolbar-spacer" />
          {selection.ids.length > 1 && (
            <button type="button" onClick={() => setBatchOpen(true)} title={t('catalogue.batchEditHint')} data-testid="batch-edit">
              <Icon name="names" size={16} /> {t('catalogue.batchEdit')}
            </button>
          )}
          {selection.ids.length > 1 && (
            <button type="button" onClick={() => setConfirmMerge(true)} data-testid="merge">
              <Icon name="merge" size={16} /> {t('archive.merge')}
            </button>
          )}
          {!empty && (
            <button
              type="button"
              onClick={() => void recognize()}
              disabled={ocrJob !== null || (selection.ids.length === 0 && (coverage?.unrecognised ?? 0) === 0)}
              title={selection.ids.length ? t('ocr.recognizeSelectedHint') : t('ocr.recognizeAllHint', { count: coverage?.unrecognised ?? 0 })}
              data-testid="recognize"
            >
              <Icon name="scan" size={16} />{' '}
              {selection.ids.length ? t('ocr.recognizeSelected', { count: selection.ids.length }) : t('ocr.recognizeAll', { count: coverage?.unrecognised ?? 0 })}
            </button>
          )}
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            accept={ACCEPT}
            data-testid="import-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void runImport(sourceFromFiles(files));
            }}
          />
          <input
            ref={folderInput}
            type="file"
            multiple
            hidden
            data-testid="import-folder-input"
            {...{ webkitdirectory: '' }}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void runImport(sourceFromFiles(files));
            }}
          />
          <button type="button" onClick={() => folderInput.current?.click()} disabled={progress !== null}>
            <Icon name="folder" size={16} /> {t('archive.importFolder')}
          </button>
          <button type="button" className="primary" onClick={() => fileInput.current?.click()} disabled={progress !== null}>
            <Icon name="upload" size={16} /> {t('archive.import')}
          </button>
        </header>
        <div className="archive-searchbar">
          {!empty && (
            <CatalogueSearchBox
              ref={searchInput}
              filter={view.filter}
              sort={view.sort}
              onChange={view.setFilter}
              filtersOpen={view.filtersOpen}
              onFiltersOpen={view.setFiltersOpen}
              onApply={view.applySaved}
            />
          )}
          <span className="toolbar-spacer" />
          <div className="import-options" role="group" aria-label={t('archive.importOptions')}>
            <span className="muted">{t('archive.importOptions')}</span>
            <label className="check" title={t('ocr.atImportHint')}>
              <input
                type="checkbox"
                checked={ocrAtImport}
                onChange={(e) => {
                  setOcrAtImport(e.target.checked);
                  localStorage.setItem(OCR_PREF, e.target.checked ? '1' : '0');
                }}
                data-testid="ocr-at-import"
              />
              {t('ocr.atImport')}
            </label>
            <label className="check" title={t('archive.folderAsDocumentHint')}>
              <input
                type="checkbox"
                checked={folderAsDocument}
                onChange={(e) => {
                  setFolderAsDocument(e.target.checked);
                  localStorage.setItem(FOLDER_PREF, e.target.checked ? '1' : '0');
                }}
                data-testid="folder-as-document"
              />
              {t('archive.folderAsDocument')}
            </label>
            <ReviewOption />
          </div>
        </div>
        {progress && (
          <ProgressStrip
            className="import-progress"
            testId="import-progress"
            label={t('archive.import')}
            value={progress.done}
            max={progress.total}
            title={
              progress.phase === 'upload'
                ? t('archive.uploading', { done: formatBytes(progress.done), total: formatBytes(progress.total) })
                : progress.total > 0
                  ? t('archive.progress', { done: progress.done, total: progress.total })
                  : t('archive.preparing')
            }
            detail={
              progress.cancelling
                ? progress.phase === 'upload'
                  ? t('archive.cancellingUpload')
                  : t('archive.cancelling')
                : progress.current
                  ? t(progress.phase === 'upload' ? 'archive.uploadingFile' : 'archive.importing', { name: baseName(progress.current) })
                  : null
            }
            etaSeconds={progress.etaSeconds}
            cancelLabel={t('archive.cancel')}
            cancelling={progress.cancelling}
            onCancel={() => run.current?.cancel()}
          />
        )}
        {empty ? (
          <EmptyState
            icon="archive"
            title={t('archive.empty')}
            line={t('onboarding.archiveLine')}
            note={t('archive.formatsHint')}
            help="nhap-tu-lieu"
            testId="archive-empty"
            actions={
              <>
                <button type="button" className="primary" onClick={() => fileInput.current?.click()} disabled={progress !== null} data-testid="empty-import-files">
                  <Icon name="upload" size={16} /> {t('onboarding.importFiles')}
                </button>
                <button type="button" onClick={() => folderInput.current?.click()} disabled={progress !== null} data-testid="empty-import-folder">
                  <Icon name="folder" size={16} /> {t('onboarding.importFolder')}
                </button>
              </>
            }
          />
        ) : null}
        {!empty && <CatalogueFilterPanel filter={view.filter} onChange={view.setFilter} open={view.filtersOpen} version={version} />}
        {!empty && (
          <ArchiveViewBar
            view={view.prefs.view}
            onView={(v) => view.setPrefs({ view: v })}
            tree={view.prefs.tree}
            onTree={(tree) => view.setPrefs({ tree })}
            sort={view.sort}
            onSort={view.setSort}
            withWords={words !== ''}
            filter={view.query}
            exportTitle={view.exportTitle}
            columns={view.prefs.columns}
            onColumns={(columns) => view.setPrefs({ columns })}
            panel={view.prefs.panel}
            onPanel={(panel) => view.setPrefs({ panel })}
          />
        )}
        {!empty && (
          <div className={`archive-body${view.prefs.tree ? ' with-tree' : ''}`}>
            {view.prefs.tree && <LocationTree version={version} selected={view.location} onSelect={view.setLocation} />}
            {view.prefs.view === 'catalogue' ? (
              <CatalogueTable
                rows={view.rows}
                sort={view.sort}
                onSort={view.setSort}
                withHits={words !== ''}
                columns={view.prefs.columns}
                widths={view.prefs.widths}
                onWidths={(widths) => view.setPrefs({ widths })}
                selection={selection}
                onSelect={setSelection}
                onOpen={(id, pageId) => setViewing(id, pageId, words || undefined)}
                empty={noMatches}
              />
            ) : words ? (
              <SearchResults rows={view.rows} selectedId={selectedId} onSelect={(id, index) => setSelection({ ids: [id], active: { id, index } })} onOpen={(id, pageId) => setViewing(id, pageId, words)} empty={noMatches} />
            ) : (
              <div className="grid-wrap">
                <DocumentGrid
                  rows={view.rows}
                  selection={selection}
                  onSelect={setSelection}
                  onOpen={setViewing}
                  onPagesMoved={(id) => {
                    setSelection({ ids: [id], active: null });
                    refresh();
                  }}
                  empty={noMatches}
                />
              </div>
            )}
          </div>
        )}
      </div>
      {panelShown && (
        <DocumentPanel
          documentId={selectedId}
          onSaved={refresh}
          onOpen={setViewing}
          onDeleted={(id) => {
            setNotice(t('archive.deleted', { id }));
            setSelection({ ids: [], active: null });
            refresh();
          }}
        />
      )}
      {report && (
        <ImportReport
          outcomes={report.outcomes}
          notImported={report.notImported}
          error={report.error ?? null}
          onClose={() => setReport(null)}
          onOpen={(id) => {
            setReport(null);
            setSelection({ ids: [id], active: null });
          }}
        />
      )}
      {batchOpen && selection.ids.length > 1 && (
        <BatchEditDialog
          ids={selection.ids}
          onClose={() => setBatchOpen(false)}
          onDone={(changed, fields) => {
            setBatchOpen(false);
            setNotice(t('catalogue.batchDone', { count: changed, fields: fields.join(', ') }));
            refresh();
          }}
        />
      )}
      {confirmMerge && selection.ids.length > 1 && (
        <ConfirmDialog
          title={t('archive.merge')}
          message={t('archive.mergeConfirm', { count: selection.ids.length, id: selection.ids[0] })}
          onCancel={() => setConfirmMerge(false)}
          onConfirm={async () => {
            const [targetId, ...sourceIds] = selection.ids;
            const merged = await api.archive.mergeDocuments({ targetId: targetId!, sourceIds });
            setConfirmMerge(false);
            setSelection({ ids: [merged.id], active: null });
            setNotice(t('archive.merged', { id: merged.id }));
            refresh();
          }}
        />
      )}
      {dragging && <div className="drop-overlay">{t('archive.dropHint')}</div>}
      {review.dialog}
      <UndoToast />
    </div>
  );
}
