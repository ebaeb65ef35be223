/**
 * The export preview: the book typeset exactly as exported, its pages drawn by pdf.js (its worker
 * bundled by Vite) in a scrollable dialog, with a button to save the PDF.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../shared/api/contract';
import type { ExportedFile, PreflightFinding, publishContract } from '../../shared/api/publish';
import { api, platform } from '../platform/platform';
import { Dialog } from '../shell/Dialog';

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

/** What to export: the publish contract's input (a book, or a proof of a chapter or passage). */
export type ExportRequest = InputOf<typeof publishContract.exportPdf>;

export function PreviewDialog({ request, onClose, onFindings }: { request: ExportRequest; onClose(): void; /** Shows the check's findings (the preview closes). */ onFindings?(findings: PreflightFinding[]): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<ExportedFile | null>(null);
  const [error, setError] = useState('');
  const [drawn, setDrawn] = useState(0);
  const [findings, setFindings] = useState<PreflightFinding[]>([]);
  const pagesRef = useRef<HTMLDivElement>(null);

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
    let destroy: (() => void) | null = null;
    void (async () => {
      try {
        const exported = await api.publish.exportPdf(request);
        if (!live) return;
        setFile(exported);
        const pdfjs = await loadPdfJs();
        // pdf.js takes ownership of the buffer it is given: hand it a copy.
        const doc = await pdfjs.getDocument({ data: exported.bytes.slice(), isEvalSupported: false }).promise;
        destroy = () => void doc.destroy();
        if (!live) return destroy();
        const ratio = window.devicePixelRatio || 1;
        for (let n = 1; n <= doc.numPages && live; n++) {
          const page = await doc.getPage(n);
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: (PAGE_WIDTH / base.width) * ratio });
          const canvas = document.createElement('canvas');
          canvas.width = Math.ceil(viewport.width);
          canvas.height = Math.ceil(viewport.height);
          canvas.style.width = `${PAGE_WIDTH}px`;
          canvas.style.height = `${Math.round(viewport.height / ratio)}px`;
          canvas.className = 'preview-page';
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('preview.page', { n }));
          canvas.dataset.testid = 'preview-page';
          await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
          if (!live) break;
          const frame = document.createElement('figure');
          frame.className = 'preview-frame';
          const label = document.createElement('figcaption');
          label.textContent = String(n);
          frame.append(canvas, label);
          pagesRef.current?.append(frame);
          setDrawn(n);
        }
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
      destroy?.();
    };
  }, [request, t]);

  return (
    <Dialog label={t('preview.title')} className="preview-dialog" testId="preview-dialog" onClose={onClose}>
      <div className="preview-head">
        <h2>{t('preview.title')}</h2>
        <span className="muted" aria-live="polite" data-testid="preview-status">
          {error ? '' : !file ? t('preview.loading') : t('preview.pages', { count: file.pages })}
          {file && drawn < file.pages && !error ? ` · ${drawn}/${file.pages}` : ''}
        </span>
        <span className="toolbar-spacer" />
        {findings.length > 0 && onFindings && (
          <button type="button" className="preview-findings" onClick={() => onFindings(findings)} data-testid="preview-findings">
            ⚠ {t('preflight.title')}: {t('preflight.summary', { count: findings.length })}
          </button>
        )}
        <button type="button" disabled={!file} onClick={() => file && void platform.saveFile(file.fileName, file.bytes, 'application/pdf')}>
          {t('preview.save')}
        </button>
        <button type="button" className="primary" onClick={onClose}>
          {t('preview.close')}
        </button>
      </div>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <div className="preview-pages" ref={pagesRef} />
    </Dialog>
  );
}
