import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobProgress } from '../../shared/api/events';
import type { PreflightFinding } from '../../shared/api/publish';
import { bookKinds, type BookDetail, type BookKind, type BookNodeInfo, type BookSummary, type ChapterContent, type NodeRole } from '../../shared/api/manuscript';
import { crossRefTargets } from '../../shared/manuscript/crossRef';
import { backRoles, frontRoles, structureLabels } from '../../shared/manuscript/structure';
import { api, platform } from '../platform/platform';
import { ErrorAlert, errorInfo, type ErrorInfo } from '../shell/ErrorDetails';
import { Icon } from '../shell/Icon';
import { EmptyState } from '../shell/EmptyState';
import { SamplePreparing } from '../shell/SamplePreparing';
import { cancelJob, isCancelled, listenToJobs } from '../shell/jobEvents';
import { ProgressStrip } from '../shell/ProgressStrip';
import { PromptDialog } from '../shell/PromptDialog';
import { useStatus } from '../shell/status';
import { BookDetailsDialog } from './BookDetailsDialog';
import { ChapterEditor, type ChapterEditorHandle } from './ChapterEditor';
import { ImportDraftDialog } from './ImportDraftDialog';
import { PreviewDialog, type ExportRequest } from './PreviewDialog';
import { PreflightPanel } from './PreflightPanel';
import type { RevealTarget } from './editor/reveal';
import { StructureTree } from './StructureTree';
import './books.css';

type AddChoice = 'part' | `front:${NodeRole}` | `back:${NodeRole}`;

/** What the progress strip says an export is doing. */
const exportLabel = { pdf: 'books.exportingPdf', word: 'books.exportingWord', cover: 'books.exportingCover' } as const;

/** A file name the save dialog can propose before the host has named the file (as the host names it). */
function suggestedFileName(title: string, ext: 'pdf' | 'docx'): string {
  const safe = title.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return `${safe || 'sach'}.${ext}`;
}

/**
 * `open` asks the view to open a chapter of a book (quick open); `seq` tells one request from the next.
 * `onOpenSample` leaves this project for the sample project (offered while there is no book).
 */
export function BooksView({ onChanged, open, onOpenSample }: { onChanged(): void; open?: { bookId: number; nodeId: number; seq: number } | null; onOpenSample?(): Promise<void> }) {
  const { t } = useTranslation();
  const { setNotice } = useStatus();
  const [books, setBooks] = useState<BookSummary[]>([]);
  const [book, setBook] = useState<BookDetail | null>(null);
  const [chapter, setChapter] = useState<ChapterContent | null>(null);
  const [editorKey, setEditorKey] = useState(0);
  const [creating, setCreating] = useState(false);
  const [editingDetails, setEditingDetails] = useState(false);
  const [newTitle, setNewTitle] = useState('');
  const [newKind, setNewKind] = useState<BookKind>('history');
  const [chapterTitle, setChapterTitle] = useState('');
  const chapterTitleInput = useRef<HTMLInputElement>(null);
  const [preparingSample, setPreparingSample] = useState(false);
  const [exporting, setExporting] = useState(false);
  /** The export running now: its job's progress, and whether it was asked to stop. */
  const [exportJob, setExportJob] = useState<{ jobId: string; format: 'pdf' | 'word' | 'cover'; progress: JobProgress | null; stopping: boolean } | null>(null);
  const [previewing, setPreviewing] = useState<ExportRequest | null>(null);
  /** The check before printing found something: the export waits for "Vẫn xuất" or "Để sửa". */
  const [preflight, setPreflight] = useState<{ format: 'pdf' | 'word'; request: ExportRequest; findings: PreflightFinding[]; active: number | null } | null>(null);
  /** A passage to show in a chapter (a finding opened); a new object each time. */
  const [reveal, setReveal] = useState<{ nodeId: number; target: RevealTarget } | null>(null);
  const [scope, setScope] = useState<'book' | 'chapter' | 'selection'>('book');
  const editorHandle = useRef<ChapterEditorHandle | null>(null);
  const [importing, setImporting] = useState(false);
  const [namingPart, setNamingPart] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [undo, setUndo] = useState<{ node: BookNodeInfo } | null>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadBooks = useCallback(async () => {
    const list = await api.manuscript.listBooks({});
    setBooks(list);
    return list;
  }, []);

  const openBook = useCallback(async (id: number) => {
    setBook(await api.manuscript.getBook({ id }));
    setChapter(null);
  }, []);

  useEffect(() => {
    void loadBooks().then((list) => {
      if (open) return; // the quick-open request below chooses the book
      if (list[0]) void openBook(list[0].id);
      else setCreating(true);
    });
  }, [loadBooks, openBook]);

  const openSeq = open?.seq;
  useEffect(() => {
    if (!open) return;
    void (async () => {
      try {
        setBook(await api.manuscript.getBook({ id: open.bookId }));
        setChapter(await api.manuscript.getChapter({ id: open.nodeId }));
        setEditorKey((k) => k + 1);
      } catch (e) {
        setError(errorInfo(e));
      }
    })();
    // Runs once per request (its seq), not when the request object is recreated.
  }, [openSeq]);

  const guard = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorInfo(e));
      // Another window or process changed the book first: show the book as it now is.
      if ((e as { code?: string }).code === 'manuscript.book-conflict') await refreshBook().catch(() => undefined);
    }
  };

  const createBook = (e: FormEvent) => {
    e.preventDefault();
    void guard(async () => {
      const created = await api.manuscript.createBook({ kind: newKind, title: newTitle });
      setNewTitle('');
      setCreating(false);
      await loadBooks();
      setBook(created);
      setChapter(null);
      onChanged();
    });
  };

  const openNode = (node: BookNodeInfo) =>
    void guard(async () => {
      setReveal(null);
      setChapter(await api.manuscript.getChapter({ id: node.id }));
      setEditorKey((k) => k + 1);
    });

  const refreshBook = async () => {
    if (book) setBook(await api.manuscript.getBook({ id: book.id }));
  };

  const addChapter = (e: FormEvent) => {
    e.preventDefault();
    if (!book) return;
    void guard(async () => {
      const node = await api.manuscript.addChapter({ bookId: book.id, title: chapterTitle });
      setChapterTitle('');
      await refreshBook();
      setChapter(await api.manuscript.getChapter({ id: node.id }));
      setEditorKey((k) => k + 1);
    });
  };

  const addOther = (choice: AddChoice) => {
    if (!book) return;
    void guard(async () => {
      if (choice === 'part') {
        // The title typed in the field below the tree names the part; with none, ask for it.
        const title = chapterTitle.trim();
        if (!title) {
          setNamingPart(true);
          return;
        }
        await api.manuscript.addNode({ bookId: book.id, kind: 'part', title });
        setChapterTitle('');
      } else {
        const [kind, role] = choice.split(':') as ['front' | 'back', NodeRole];
        await api.manuscript.addNode({ bookId: book.id, kind, role });
      }
      await refreshBook();
    });
  };

  const addPart = async (title: string) => {
    if (!book) return;
    await api.manuscript.addNode({ bookId: book.id, kind: 'part', title });
    setNamingPart(false);
    await refreshBook();
  };

  const showUndo = (node: BookNodeInfo) => {
    if (undoTimer.current) clearTimeout(undoTimer.current);
    setUndo({ node });
    undoTimer.current = setTimeout(() => setUndo(null), 12_000);
  };

  const actions = {
    open: openNode,
    rename: (node: BookNodeInfo, title: string) =>
      void guard(async () => {
        await api.manuscript.renameNode({ id: node.id, title, baseVersion: book?.version ?? 0 });
        await refreshBook();
        if (chapter?.id === node.id) setChapter({ ...chapter, title });
      }),
    move: (node: BookNodeInfo, parentId: number | null, index: number) =>
      void guard(async () => {
        setBook(await api.manuscript.moveNode({ id: node.id, parentId, index, baseVersion: book?.version ?? 0 }));
      }),
    remove: (node: BookNodeInfo) =>
      void guard(async () => {
        setBook(await api.manuscript.deleteNode({ id: node.id, baseVersion: book?.version ?? 0 }));
        if (chapter && (chapter.id === node.id || node.kind === 'part')) setChapter(null);
        showUndo(node);
      }),
  };

  const restoreDeleted = () =>
    void guard(async () => {
      if (!undo) return;
      setBook(await api.manuscript.restoreNode({ id: undo.node.id, baseVersion: book?.version ?? 0 }));
      setUndo(null);
    });

  /** The export request for the chosen scope, after saving what is typed; null (with a message) when there is nothing to export. */
  const exportRequest = async (): Promise<ExportRequest | null> => {
    if (!book) return null;
    await editorHandle.current?.flush();
    if (scope === 'book' || !chapter) return { bookId: book.id };
    if (scope === 'chapter') return { bookId: book.id, nodeId: chapter.id };
    const doc = editorHandle.current?.selection();
    if (!doc) {
      setError({ message: t('preview.noSelection') });
      return null;
    }
    return { bookId: book.id, nodeId: chapter.id, doc };
  };

  const preview = () =>
    void guard(async () => {
      const request = await exportRequest();
      if (request) setPreviewing(request);
    });

  /** What the file would be called, for the save dialog asked before exporting (the host names it the same way). */
  const exportTitle = (request: ExportRequest): string => {
    const title = book?.title ?? '';
    if (!request.nodeId) return title;
    const node = book?.nodes.find((n) => n.id === request.nodeId);
    const name = node ? [labels.get(node.id), node.title].filter(Boolean).join(' ') : '';
    return name ? `${title} – ${name} (bản in thử)` : title;
  };

  /**
   * Writes the file: the host exports as a job (progress shown, "Dừng" stops it). In the
   * desktop app the place to save is asked first and the host writes there; in the browser the
   * exported file is then downloaded.
   */
  const writeExport = async (format: 'pdf' | 'word' | 'cover', request: ExportRequest) => {
    let target: string | null = null;
    if (platform.kind === 'electron') {
      target = await platform.chooseSavePath(suggestedFileName(format === 'cover' ? `${exportTitle(request)} – bìa` : exportTitle(request), format === 'word' ? 'docx' : 'pdf'));
      if (!target) return;
    }
    const jobId = crypto.randomUUID();
    const events = listenToJobs('export');
    events.follow(jobId, (progress) => setExportJob((j) => (j?.jobId === jobId ? { ...j, progress } : j)));
    setExporting(true);
    setExportJob({ jobId, format, progress: null, stopping: false });
    try {
      const input = { ...request, jobId, ...(target ? { path: target } : {}) };
      const file =
        format === 'pdf'
          ? await api.publish.exportPdf(input)
          : format === 'word'
            ? await api.publish.exportWord(input)
            : await api.publish.exportCover({ bookId: request.bookId, jobId, ...(target ? { path: target } : {}) });
      const where = file.path ?? (await platform.saveExport(file));
      if (!where) return;
      setNotice(format === 'pdf' ? t('books.exported', { pages: file.pages, name: where }) : format === 'word' ? t('books.exportedWord', { name: where }) : t('details.coverKeys.exported', { name: where }));
    } catch (e) {
      if (isCancelled(e)) {
        setNotice(t('books.exportCancelled'));
        return;
      }
      throw e;
    } finally {
      events.close();
      setExporting(false);
      setExportJob(null);
    }
  };

  const stopExport = () => {
    if (!exportJob) return;
    const { jobId } = exportJob;
    setExportJob({ ...exportJob, stopping: true });
    void cancelJob(jobId);
  };

  /** Exports the chosen scope as a print-ready PDF, or as a Word file for reviewers, after the check before printing. */
  const exportAs = (format: 'pdf' | 'word') => {
    if (!book) return;
    void guard(async () => {
      const request = await exportRequest();
      if (!request) return;
      setExporting(true);
      let findings: PreflightFinding[];
      try {
        setNotice(t('preflight.checking'));
        ({ findings } = await api.publish.preflight({ bookId: request.bookId, ...(request.nodeId ? { nodeId: request.nodeId } : {}) }));
      } finally {
        setExporting(false);
      }
      if (findings.length) {
        setNotice(null);
        setPreflight({ format, request, findings, active: null });
        return;
      }
      setNotice(t('preflight.none'));
      await writeExport(format, request);
    });
  };

  /** "Vẫn xuất": the file is written as the check found it. */
  const exportAnyway = () =>
    void guard(async () => {
      if (!preflight) return;
      await editorHandle.current?.flush();
      await writeExport(preflight.format, preflight.request);
      setPreflight(null);
    });

  /** Opens a finding's chapter and shows its passage. */
  const openFinding = (f: PreflightFinding, index: number) =>
    void guard(async () => {
      setPreflight((p) => (p ? { ...p, active: index } : p));
      if (chapter?.id !== f.nodeId) {
        await editorHandle.current?.flush();
        setChapter(await api.manuscript.getChapter({ id: f.nodeId }));
        setEditorKey((k) => k + 1);
      }
      setReveal({ nodeId: f.nodeId, target: { blockIndex: f.blockIndex ?? 0, text: f.passage } });
    });

  const chapterId = chapter?.id;
  const onOutline = useCallback(
    (outline: BookNodeInfo['outline']) => setBook((b) => (b ? { ...b, nodes: b.nodes.map((n) => (n.id === chapterId ? { ...n, outline } : n)) } : b)),
    [chapterId],
  );

  const labels = useMemo(() => (book ? structureLabels(book.nodes) : new Map<number, string>()), [book]);
  const targets = useMemo(() => (book ? crossRefTargets(book.nodes) : []), [book]);
  const chapterNode = chapter && book ? book.nodes.find((n) => n.id === chapter.id) : undefined;
  const chapterLabel = chapterNode ? (labels.get(chapterNode.id) ?? '').toLocaleUpperCase('vi') : '';

  return (
    <div className="books">
      <aside className="outline">
        <div className="outline-head">
          <select aria-label={t('books.title')} value={book?.id ?? ''} onChange={(e) => void openBook(Number(e.target.value))} disabled={books.length === 0}>
            {books.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
          <button className="icon-button" title={t('books.newBook')} aria-label={t('books.newBook')} onClick={() => setCreating(true)}>
            <Icon name="plus" />
          </button>
        </div>
        {book && (
          <>
            <div className="outline-meta">
              <span className="outline-kind">{t(`books.kinds.${book.kind}`)}</span>
              <button type="button" className="link-button" onClick={() => setEditingDetails(true)}>
                {t('details.open')}
              </button>
            </div>
            {book.subtitle && <div className="outline-subtitle">{book.subtitle}</div>}
            <h3 className="subhead">{t('books.chapters')}</h3>
            {book.nodes.length === 0 ? <p className="muted">{t('books.noChapters')}</p> : <StructureTree book={book} activeId={chapter?.id ?? null} actions={actions} />}
            <p className="tree-hint muted">{t('structure.keyboardHint')}</p>
            <form className="add-chapter" onSubmit={addChapter}>
              <input ref={chapterTitleInput} name="chapterTitle" value={chapterTitle} onChange={(e) => setChapterTitle(e.target.value)} placeholder={t('books.chapterPlaceholder')} aria-label={t('books.chapterTitle')} />
              <div className="add-row">
                <button type="submit" disabled={!chapterTitle.trim()}>
                  {t('books.addChapter')}
                </button>
                <select
                  aria-label={t('structure.addOther')}
                  value=""
                  onChange={(e) => {
                    if (e.target.value) addOther(e.target.value as AddChoice);
                  }}
                >
                  <option value="">{t('structure.addOther')}</option>
                  <option value="part">{t('structure.part')}</option>
                  <optgroup label={t('structure.front')}>
                    {frontRoles.map((r) => (
                      <option key={r} value={`front:${r}`}>
                        {t(`structure.roles.${r}`)}
                      </option>
                    ))}
                  </optgroup>
                  <optgroup label={t('structure.back')}>
                    {backRoles.map((r) => (
                      <option key={r} value={`back:${r}`}>
                        {t(`structure.roles.${r}`)}
                      </option>
                    ))}
                  </optgroup>
                </select>
              </div>
            </form>
            <div className="outline-foot">
              <button type="button" className="wide" onClick={() => setImporting(true)} title={t('draftImport.hint')} data-testid="import-draft">
                {t('draftImport.button')}
              </button>
              <label className="export-scope">
                <span>{t('preview.scope')}</span>
                <select name="exportScope" value={chapter ? scope : 'book'} onChange={(e) => setScope(e.target.value as typeof scope)} data-testid="export-scope">
                  <option value="book">{t('preview.scopeBook')}</option>
                  <option value="chapter" disabled={!chapter}>
                    {t('preview.scopeChapter')}
                  </option>
                  <option value="selection" disabled={!chapter}>
                    {t('preview.scopeSelection')}
                  </option>
                </select>
              </label>
              <div className="add-row">
                <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={preview} disabled={book.chapterCount === 0} data-testid="preview-book">
                  {t('preview.button')}
                </button>
                <button
                  type="button"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => exportAs('word')}
                  disabled={exporting || book.chapterCount === 0}
                  title={t('books.exportWordHint')}
                  data-testid="export-word"
                >
                  {t('books.exportWord')}
                </button>
                <button
                  type="button"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => void guard(() => writeExport('cover', { bookId: book.id }))}
                  disabled={exporting || book.chapterCount === 0}
                  title={t('books.exportCoverHint')}
                  data-testid="export-cover-book"
                >
                  {t('books.exportCover')}
                </button>
                <button className="primary" onMouseDown={(e) => e.preventDefault()} onClick={() => exportAs('pdf')} disabled={exporting || book.chapterCount === 0}>
                  <Icon name="pdf" /> {exporting ? t('books.exporting') : t('books.exportPdf')}
                </button>
              </div>
            </div>
            {namingPart && (
              <PromptDialog
                title={t('structure.newPart')}
                label={t('structure.partTitle')}
                placeholder={t('structure.partPlaceholder')}
                confirmLabel={t('structure.addPart')}
                testId="part-title-dialog"
                onSubmit={addPart}
                onCancel={() => setNamingPart(false)}
              />
            )}
            {previewing && (
              <PreviewDialog
                request={previewing}
                onClose={() => setPreviewing(null)}
                onFindings={(findings) => {
                  setPreflight({ format: 'pdf', request: previewing, findings, active: null });
                  setPreviewing(null);
                }}
              />
            )}
            {importing && (
              <ImportDraftDialog
                bookId={book.id}
                onClose={() => setImporting(false)}
                onDone={(r) => {
                  setImporting(false);
                  setNotice(t('draftImport.done', { count: r.nodes.length, notes: r.footnotes }));
                  void refreshBook();
                }}
              />
            )}
          </>
        )}
      </aside>
      <section className="editor-area">
        {exportJob && (
          <ProgressStrip
            className="export-progress"
            testId="export-progress"
            label={t(exportLabel[exportJob.format])}
            value={exportJob.progress?.done ?? 0}
            max={exportJob.progress?.total ?? 0}
            title={t(exportLabel[exportJob.format])}
            detail={
              exportJob.progress && exportJob.progress.total > 0
                ? `${t('jobs.step', { n: Math.min(exportJob.progress.done + 1, exportJob.progress.total), total: exportJob.progress.total })}${exportJob.progress.current ? ` · ${exportJob.progress.current}` : ''}`
                : (exportJob.progress?.current ?? t('jobs.starting'))
            }
            etaSeconds={exportJob.progress?.etaSeconds ?? null}
            cancelling={exportJob.stopping}
            onCancel={stopExport}
          />
        )}
        <ErrorAlert error={error} icon />
        {preflight && (
          <PreflightPanel
            findings={preflight.findings}
            format={preflight.format}
            busy={exporting}
            activeIndex={preflight.active}
            onOpen={openFinding}
            onExport={exportAnyway}
            onCancel={() => setPreflight(null)}
          />
        )}
        {undo && (
          <div className="undo-bar" role="status">
            <span>{t('structure.deleted', { title: undo.node.title })}</span>
            <button type="button" onClick={restoreDeleted}>
              {t('structure.undoDelete')}
            </button>
          </div>
        )}
        {creating ? (
          <form className="card narrow" onSubmit={createBook}>
            <h2>{books.length === 0 ? t('books.empty') : t('books.newBook')}</h2>
            {books.length === 0 && <p className="muted" data-testid="books-empty-line">{t('onboarding.booksLine')}</p>}
            <label className="field">
              <span>{t('books.bookTitle')}</span>
              <input name="bookTitle" value={newTitle} onChange={(e) => setNewTitle(e.target.value)} placeholder={t('books.bookTitlePlaceholder')} required autoFocus />
            </label>
            <fieldset className="field">
              <legend>{t('books.kind')}</legend>
              {bookKinds.map((k) => (
                <label key={k} className="radio">
                  <input type="radio" name="kind" value={k} checked={newKind === k} onChange={() => setNewKind(k)} /> {t(`books.kinds.${k}`)}
                </label>
              ))}
            </fieldset>
            <div className="actions">
              {books.length > 0 && (
                <button type="button" onClick={() => setCreating(false)}>
                  {t('books.cancel')}
                </button>
              )}
              <button className="primary" type="submit" disabled={!newTitle.trim() || preparingSample}>
                {t('books.create')}
              </button>
            </div>
            {books.length === 0 && onOpenSample && (
              <div className="books-sample">
                <span className="muted">{t('onboarding.booksSample')}</span>
                <button
                  type="button"
                  className="link-button"
                  disabled={preparingSample}
                  data-testid="books-open-sample"
                  onClick={() => {
                    setPreparingSample(true);
                    void guard(onOpenSample).finally(() => setPreparingSample(false));
                  }}
                >
                  {t('onboarding.sample')}
                </button>
                {preparingSample && <SamplePreparing />}
              </div>
            )}
          </form>
        ) : chapter ? (
          <ChapterEditor
            key={`${chapter.id}:${editorKey}`}
            chapter={chapter}
            label={chapterLabel}
            onStatus={(status) =>
              void guard(async () => {
                await api.manuscript.setChapterStatus({ id: chapter.id, status, baseVersion: book?.version ?? 0 });
                setChapter({ ...chapter, status });
                await refreshBook();
              })
            }
            onOutline={onOutline}
            targets={targets}
            handle={editorHandle}
            reveal={reveal?.nodeId === chapter.id ? reveal.target : null}
            onRestored={() =>
              void guard(async () => {
                setChapter(await api.manuscript.getChapter({ id: chapter.id }));
                setEditorKey((k) => k + 1);
                await refreshBook();
              })
            }
          />
        ) : book && book.nodes.length === 0 ? (
          <EmptyState
            icon="chapter"
            line={t('onboarding.noChapters')}
            help="cau-truc-sach"
            testId="book-empty"
            actions={
              <>
                <button type="button" className="primary" onClick={() => chapterTitleInput.current?.focus()} data-testid="empty-first-chapter">
                  {t('onboarding.firstChapter')}
                </button>
                <button type="button" onClick={() => setImporting(true)} data-testid="empty-import-draft">
                  {t('onboarding.importDraft')}
                </button>
              </>
            }
          />
        ) : (
          <div className="empty">
            <Icon name="chapter" size={42} />
            <p>{t('books.selectChapter')}</p>
          </div>
        )}
      </section>
      {editingDetails && book && (
        <BookDetailsDialog
          book={book}
          onClose={() => setEditingDetails(false)}
          onSave={async ({ title, subtitle, details }) => {
            try {
              setBook(await api.manuscript.updateBook({ id: book.id, baseVersion: book.version, title, subtitle, details }));
            } catch (e) {
              // Changed elsewhere first: the dialog keeps what was typed and says so; saving again applies it to the book as it now is.
              if ((e as { code?: string }).code === 'manuscript.book-conflict') await refreshBook();
              throw e;
            }
            await loadBooks();
          }}
        />
      )}
    </div>
  );
}
