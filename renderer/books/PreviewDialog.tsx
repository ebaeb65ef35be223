/**
 * The export preview: the book typeset exactly as exported. The host typesets (its progress
 * shown, with "Dừng") and writes the PDF; pdf.js (its worker bundled by Vite) reads it by URL in
 * ranges and draws only the pages near the view (see lazyPages.ts), so a long book previews in
 * little memory. "Lưu PDF" puts that same file where the user wants it.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../shared/api/contract';
import type { JobProgress } from '../../shared/api/events';
import type { ExportedFile, PreflightFinding, publishContract } from '../../shared/api/publish';
import { api, platform } from '../platform/platform';
import { Dialog } from '../shell/Dialog';
import { ErrorAlert, errorInfo, type ErrorInfo } from '../shell/ErrorDetails';
import { cancelJob, isCancelled, listenToJobs } from '../shell/jobEvents';
import { ProgressStrip } from '../shell/ProgressStrip';
import { useStatus } from '../shell/status';
import { LazyPages } from './lazyPages';

type PdfJs = typeof import('pdfjs-dist');
let pdfjsLoaded: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  // The worker is bundled by Vite as a script of its own (served as .js like the rest of the app).
  pdfjsLoaded ??= Promise.all([import('pdfjs-dist/build/pdf.mjs'), import('pdfjs-dist/build/pdf.worker.min.mjs?worker')]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerPort = new worker.default();
    return lib;
  });
  return pdfjsLoaded;
}

/** CSS pixels of a page's width in the preview. */
const PAGE_WIDTH = 380;
/** Bytes pdf.js asks the host for at a time (the file is read in ranges, never whole). */
const RANGE_CHUNK = 256 * 1024;

/** What to export: the publish contract's input (a book, or a proof of a chapter or passage). */
export type ExportRequest = InputOf<typeof publishContract.exportPdf>;

type Stage = { kind: 'typesetting'; job: JobProgress | null; stopping: boolean } | { kind: 'opening' } | { kind: 'ready'; pages: number } | { kind: 'stopped' } | { kind: 'failed'; error: ErrorInfo };

export function PreviewDialog({ request, onClose, onFindings }: { request: ExportRequest; onClose(): void; /** Shows the check's findings (the preview closes). */ onFindings?(findings: PreflightFinding[]): void }) {
  const { t } = useTranslation();
  const { setNotice } = useStatus();
  const [file, setFile] = useState<ExportedFile | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'typesetting', job: null, stopping: false });
  const [saveError, setSaveError] = useState<ErrorInfo | null>(null);
  const [findings, setFindings] = useState<PreflightFinding[]>([]);
  const pagesRef = useRef<HTMLDivElement>(null);
  /** The typesetting job of this preview, while the host is at it. */
  const running = useRef<{ jobId: string; pending: boolean } | null>(null);
  const label = useRef(t);
  label.current = t;

  // The check before printing runs beside the typesetting: what it finds is one click away.
  useEffect(() => {
    let live = true;
    void api.publish
      .preflight({ bookId: request.bookId, ...(request.nodeId ? { nodeId: request.nodeId } : {}) })
      .then((r) => live && setFindings(r.findings))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [request]);

  useEffect(() => {
    let live = true;
    let pages: LazyPages | null = null;
    let loading: { destroy(): Promise<void> } | null = null;
    const jobId = crypto.randomUUID();
    const job = { jobId, pending: true };
    running.current = job;
    setStage({ kind: 'typesetting', job: null, stopping: false });
    setFile(null);
    const events = listenToJobs('export');
    events.follow(jobId, (job) => live && setStage((s) => (s.kind === 'typesetting' ? { ...s, job } : s)));
    void (async () => {
      try {
        const exported = await api.publish.exportPdf({ ...request, jobId });
        job.pending = false;
        events.close();
        if (!live) return;
        setFile(exported);
        setStage({ kind: 'opening' });
        const pdfjs = await loadPdfJs();
        if (!live) return;
        const task = pdfjs.getDocument({
          url: new URL(platform.exportUrl(exported.exportId), document.baseURI).href,
          rangeChunkSize: RANGE_CHUNK,
          disableAutoFetch: true,
          disableStream: true,
          isEvalSupported: false,
        });
        loading = task;
        const doc = await task.promise;
        if (!live || !pagesRef.current) return;
        pages = await LazyPages.create({ scroller: pagesRef.current, doc, width: PAGE_WIDTH, label: (n) => label.current('preview.page', { n }) });
        if (!live) return pages.destroy();
        setStage({ kind: 'ready', pages: doc.numPages });
      } catch (e) {
        job.pending = false;
        if (!live) return;
        setStage(isCancelled(e) ? { kind: 'stopped' } : { kind: 'failed', error: errorInfo(e) });
      } finally {
        events.close();
      }
    })();
    return () => {
      live = false;
      events.close();
      // Closed while the host is still typesetting: it stops, and leaves no file.
      if (job.pending) void cancelJob(jobId);
      pages?.destroy();
      void loading?.destroy();
    };
  }, [request]);

  const stop = () => {
    const job = running.current;
    if (!job?.pending) return;
    setStage((s) => (s.kind === 'typesetting' ? { ...s, stopping: true } : s));
    void cancelJob(job.jobId);
  };

  const save = async () => {
    if (!file) return;
    setSaveError(null);
    try {
      const where = await platform.saveExport(file);
      if (where) setNotice(t('preview.saved', { name: where }));
    } catch (e) {
      setSaveError(errorInfo(e));
    }
  };

  const status =
    stage.kind === 'typesetting' || stage.kind === 'opening' ? (stage.kind === 'opening' ? t('preview.opening') : t('preview.loading'))
    : stage.kind === 'ready' ? t('preview.pages', { count: stage.pages })
    : stage.kind === 'stopped' ? t('preview.cancelled')
    : '';

  return (
    <Dialog label={t('preview.title')} className="preview-dialog" testId="preview-dialog" onClose={onClose}>
      <div className="preview-head">
        <h2>{t('preview.title')}</h2>
        <span className="muted" aria-live="polite" data-testid="preview-status">
          {status}
        </span>
        <span className="toolbar-spacer" />
        {findings.length > 0 && onFindings && (
          <button type="button" className="preview-findings" onClick={() => onFindings(findings)} data-testid="preview-findings">
            ⚠ {t('preflight.title')}: {t('preflight.summary', { count: findings.length })}
          </button>
        )}
        <button type="button" disabled={!file} onClick={() => void save()} data-testid="preview-save">
          {t('preview.save')}
        </button>
        <button type="button" className="primary" onClick={onClose}>
          {t('preview.close')}
        </button>
      </div>
      {stage.kind === 'typesetting' && (
        <ProgressStrip
          className="preview-progress"
          testId="preview-progress"
          label={t('preview.typesetting')}
          value={stage.job?.done ?? 0}
          max={stage.job?.total ?? 0}
          title={stage.job && stage.job.total > 0 ? t('jobs.step', { n: Math.min(stage.job.done + 1, stage.job.total), total: stage.job.total }) : t('jobs.starting')}
          detail={stage.job?.current ?? null}
          etaSeconds={stage.job?.etaSeconds ?? null}
          cancelling={stage.stopping}
          onCancel={stop}
        />
      )}
      {stage.kind === 'failed' && <ErrorAlert error={stage.error} />}
      <ErrorAlert error={saveError} />
      <div className="preview-pages" ref={pagesRef} data-testid="preview-pages" />
    </Dialog>
  );
}
