/**
 * A document's pages: the page strip (drag to reorder, or onto another document in the list
 * that opens beside it while a page is dragged), the scan (zoom, pan, rotate, fit width /
 * fit page, keyboard) with its recognised words (search hits, doubtful words, the word chosen),
 * and beside it the page's transcription (autosaved, NFC) or the document's metadata.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveDocument, PageInfo } from '../../shared/api/archive';
import type { PageOcr } from '../../shared/archive/ocr';
import { api, platform } from '../platform/platform';
import { useStatus } from '../shell/status';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { Icon, type IconName } from '../shell/Icon';
import { MetadataPanel } from './MetadataPanel';
import { MovePageDialog } from './MovePageDialog';
import { PageThumb } from './PageThumb';
import { Transcription } from './Transcription';
import { ScanWords } from './ScanWords';
import { queryMatches, queryWords } from './ocrWords';
import { useOcrJob } from '../shell/ocrJobs';
import { DocumentDropTray } from './DocumentDropTray';
import { endDrag, startDrag, type MoveDone } from './pageDrag';
import { offerUndo, UndoToast, useRestored } from './undoRemoval';

const DOUBTFUL_PREF = 'suquan.viewer.showDoubtful';

type Zoom = { mode: 'fit-width' } | { mode: 'fit-page' } | { mode: 'scale'; scale: number };
const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
const STAGE_PAD = 24;

interface Props {
  documentId: number;
  /** The page to show first (default: the first page). */
  startPageId?: number;
  onClose(): void;
  onChanged(): void;
  onOpenDocument(id: number, pageId?: number): void;
  /** The search that opened the document: its words are highlighted on the scan. */
  highlight?: string;
}

export function PageViewer({ documentId, startPageId, onClose, onChanged, onOpenDocument, highlight }: Props) {
  const { t } = useTranslation();
  const { setNotice } = useStatus();
  const [doc, setDoc] = useState<ArchiveDocument | null>(null);
  const [index, setIndex] = useState(0);
  const [zoom, setZoom] = useState<Zoom>({ mode: 'fit-width' });
  const [tab, setTab] = useState<'text' | 'info'>('text');
  const [stage, setStage] = useState({ width: 800, height: 600 });
  const [natural, setNatural] = useState<Record<number, { w: number; h: number }>>({});
  const [confirmSplit, setConfirmSplit] = useState(false);
  const [moving, setMoving] = useState(false);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  /** The list of other documents to drag pages onto, opened from the toolbar (it also opens while a page is dragged). */
  const [trayOpen, setTrayOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const pan = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  const [ocr, setOcr] = useState<PageOcr | null>(null);
  const [active, setActive] = useState(-1);
  const [pickSeq, setPickSeq] = useState(0);
  const [showDoubtful, setShowDoubtful] = useState(() => localStorage.getItem(DOUBTFUL_PREF) !== '0');
  /** Bumped when a recognition ended: the page's text and words are read again. */
  const [reread, setReread] = useState(0);
  const ocrJob = useOcrJob((p) => {
    if (p.state !== 'running') setReread((n) => n + 1);
  });

  useEffect(() => {
    let live = true;
    setDoc(null);
    setIndex(0);
    void api.archive.getDocument({ id: documentId }).then(
      (d) => {
        if (!live) return;
        setDoc(d);
        setIndex(Math.max(0, d.pages.findIndex((p) => p.id === startPageId)));
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [documentId, startPageId]);

  useLayoutEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setStage({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    setStage({ width: el.clientWidth, height: el.clientHeight });
    return () => ro.disconnect();
  }, [doc !== null]);

  // After a recognition, the document again (its pages' text sources) — keeping the page shown.
  useEffect(() => {
    if (reread === 0) return;
    let live = true;
    void api.archive.getDocument({ id: documentId }).then((d) => live && setDoc(d), () => undefined);
    return () => {
      live = false;
    };
  }, [reread, documentId]);

  const pages = doc?.pages ?? [];
  const page: PageInfo | undefined = pages[Math.min(index, pages.length - 1)];
  const pageId = page?.id;
  useEffect(() => {
    setActive(-1);
    if (!pageId) return setOcr(null);
    let live = true;
    void api.ocr.page({ pageId }).then((o) => live && setOcr(o), () => live && setOcr(null));
    return () => {
      live = false;
    };
  }, [pageId, reread]);
  const terms = useMemo(() => queryWords(highlight), [highlight]);
  const hits = useMemo(() => (ocr && ocr.pageId === pageId ? queryMatches(ocr.words, terms) : new Set<number>()), [ocr, terms, pageId]);
  const recognised = pages.some((p) => p.textSource === 'ocr');
  const [exporting, setExporting] = useState(false);
  /** The document as a searchable PDF (scans with their text), saved where the user chooses. */
  const exportPdf = async () => {
    if (!doc || exporting) return;
    setExporting(true);
    try {
      const file = await api.publish.exportDocument({ documentId: doc.id });
      const where = await platform.saveExport(file);
      if (where) setNotice(t('ocr.exported', { where }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setExporting(false);
    }
  };
  const recognizeDocument = async () => {
    if (!doc) return;
    try {
      const r = await api.ocr.start({ scope: { documentIds: [doc.id], redo: recognised } });
      setNotice(r.total ? t('ocr.started', { count: r.total }) : t('ocr.nothing', { count: r.skipped }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const nat = page ? (natural[page.id] ?? { w: page.width || 1240, h: page.height || 1754 }) : { w: 1, h: 1 };
  const rotation = page ? ((page.rotation % 360) + 360) % 360 : 0;
  const turned = rotation % 180 !== 0;
  const boxW = turned ? nat.h : nat.w;
  const boxH = turned ? nat.w : nat.h;
  const fitW = Math.max(MIN_SCALE, (stage.width - 2 * STAGE_PAD) / boxW);
  const fitP = Math.max(MIN_SCALE, Math.min(fitW, (stage.height - 2 * STAGE_PAD) / boxH));
  const scale = zoom.mode === 'fit-width' ? fitW : zoom.mode === 'fit-page' ? fitP : zoom.scale;

  const go = useCallback((i: number) => setIndex(Math.max(0, Math.min(pages.length - 1, i))), [pages.length]);
  const zoomBy = useCallback((f: number) => setZoom({ mode: 'scale', scale: Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale * f)) }), [scale]);

  const rotate = useCallback(
    async (by: 90 | -90) => {
      if (!page || !doc) return;
      try {
        const [updated] = await api.archive.rotatePages({ pageIds: [page.id], by });
        if (updated) setDoc({ ...doc, pages: doc.pages.map((p) => (p.id === updated.id ? { ...p, rotation: updated.rotation } : p)) });
        onChanged();
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [page, doc, onChanged],
  );

  // Keyboard: pages, zoom, fit, close. Not while typing in the transcription or a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.closest('input, textarea, select, [contenteditable=true]') || el.closest('[role=dialog], [role=alertdialog]'))) return;
      if (confirmSplit || moving) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      switch (e.key) {
        case 'ArrowRight':
        case 'PageDown':
          go(index + 1);
          break;
        case 'ArrowLeft':
        case 'PageUp':
          go(index - 1);
          break;
        case 'Home':
          go(0);
          break;
        case 'End':
          go(pages.length - 1);
          break;
        case '+':
        case '=':
          zoomBy(1.25);
          break;
        case '-':
        case '_':
          zoomBy(0.8);
          break;
        case '0':
          setZoom({ mode: 'fit-page' });
          break;
        case 'w':
          setZoom({ mode: 'fit-width' });
          break;
        case 'r':
          void rotate(90);
          break;
        case 'Escape':
          onClose();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, index, pages.length, zoomBy, rotate, onClose, confirmSplit, moving]);

  // A new page starts at the top-left.
  useEffect(() => {
    stageRef.current?.scrollTo(0, 0);
  }, [page?.id]);

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    const el = stageRef.current;
    if (!el || e.button !== 0 || page?.imageKind === 'text') return;
    // A click on a recognised word picks it; it does not start panning.
    if ((e.target as HTMLElement).closest('[data-word]')) return;
    pan.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop };
    el.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const el = stageRef.current;
    if (!el || !pan.current) return;
    el.scrollLeft = pan.current.left - (e.clientX - pan.current.x);
    el.scrollTop = pan.current.top - (e.clientY - pan.current.y);
  };
  const endPan = () => (pan.current = null);

  const reorder = async (from: number, to: number) => {
    if (!doc || from === to || from + 1 === to) return;
    const ids = doc.pages.map((p) => p.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to > from ? to - 1 : to, 0, moved!);
    const currentId = page?.id;
    try {
      const next = await api.archive.reorderPages({ documentId: doc.id, pageIds: ids });
      setDoc(next);
      const at = next.pages.findIndex((p) => p.id === currentId);
      if (at >= 0) setIndex(at);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  /** The document again after its pages changed elsewhere (a move, an undo), keeping the page shown where it can. */
  const reload = useCallback(async () => {
    try {
      const d = await api.archive.getDocument({ id: documentId });
      setDoc(d);
      setIndex((i) => Math.max(0, Math.min(i, d.pages.length - 1)));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [documentId]);
  useRestored(
    useCallback(() => {
      void reload();
      onChanged();
    }, [reload, onChanged]),
  );

  /** A page dropped on another document: this one shows what is left, or, emptied and removed, the page where it went. */
  const afterMove = (targetId: number, done: MoveDone) => {
    onChanged();
    if (done.removed.some((r) => r.id === documentId)) onOpenDocument(targetId, done.pageIds[0]);
    else void reload();
  };

  if (!doc || !page) {
    return (
      <div className="viewer">
        <div className="viewer-bar">
          <button type="button" onClick={onClose}>
            <Icon name="back" size={16} /> {t('viewer.back')}
          </button>
          <span className="muted">{error ?? t('archive.loading')}</span>
        </div>
      </div>
    );
  }

  const textPage = page.imageKind === 'text';
  const tool = (icon: IconName, label: string, action: () => void, opts: { disabled?: boolean; on?: boolean } = {}) => (
    <button type="button" className={`tool-button${opts.on ? ' on' : ''}`} onClick={action} disabled={opts.disabled} title={label} aria-label={label} aria-pressed={opts.on}>
      <Icon name={icon} size={17} />
    </button>
  );

  const imgW = nat.w * scale;
  const imgH = nat.h * scale;
  const boxWpx = boxW * scale;
  const boxHpx = boxH * scale;

  return (
    <div className="viewer" data-testid="viewer">
      <div className="viewer-bar">
        <button type="button" onClick={onClose} title="Esc">
          <Icon name="back" size={16} /> {t('viewer.back')}
        </button>
        <div className="viewer-title">
          <span className="eyebrow">{t('archive.documentNo', { id: doc.id })}</span>
          <strong title={doc.title}>{doc.title}</strong>
        </div>
        <span className="toolbar-spacer" />
        <div className="tool-group">
          {tool('prev', t('viewer.prev'), () => go(index - 1), { disabled: index === 0 })}
          <span className="page-no" data-testid="page-no">
            {t('viewer.page', { n: index + 1, total: pages.length })}
          </span>
          {tool('next', t('viewer.next'), () => go(index + 1), { disabled: index >= pages.length - 1 })}
        </div>
        <div className="tool-group">
          {tool('zoomOut', t('viewer.zoomOut'), () => zoomBy(0.8), { disabled: textPage })}
          <span className="zoom-value" data-testid="zoom">
            {textPage ? '—' : `${Math.round(scale * 100)}%`}
          </span>
          {tool('zoomIn', t('viewer.zoomIn'), () => zoomBy(1.25), { disabled: textPage })}
          {tool('fitWidth', t('viewer.fitWidth'), () => setZoom({ mode: 'fit-width' }), { on: !textPage && zoom.mode === 'fit-width', disabled: textPage })}
          {tool('fitPage', t('viewer.fitPage'), () => setZoom({ mode: 'fit-page' }), { on: !textPage && zoom.mode === 'fit-page', disabled: textPage })}
        </div>
        <div className="tool-group">
          {tool('rotateLeft', t('viewer.rotateLeft'), () => void rotate(-90), { disabled: textPage })}
          {tool('rotateRight', t('viewer.rotateRight'), () => void rotate(90), { disabled: textPage })}
          {tool('split', t('viewer.split'), () => setConfirmSplit(true), { disabled: index === 0 })}
          {tool('move', t('viewer.move'), () => setMoving(true))}
          <button
            type="button"
            className={`tool-button wide${trayOpen ? ' on' : ''}`}
            onClick={() => setTrayOpen((o) => !o)}
            aria-pressed={trayOpen}
            title={t('pageSets.dropTrayOpenHint')}
            data-testid="drop-tray-toggle"
          >
            <Icon name="open" size={16} /> {t('pageSets.dropTrayOpen')}
          </button>
        </div>
        <div className="tool-group">
          <button
            type="button"
            className="tool-button wide"
            onClick={() => void recognizeDocument()}
            disabled={textPage && pages.every((p) => p.imageKind === 'text')}
            title={recognised ? t('ocr.redoDocumentHint') : t('ocr.recognizeDocumentHint')}
            data-testid="recognize-document"
          >
            <Icon name="scan" size={16} /> {ocrJob ? t('ocr.progress', { done: ocrJob.done, total: ocrJob.total }) : recognised ? t('ocr.redoDocument') : t('ocr.recognize')}
          </button>
          {tool('pdf', t('ocr.exportPdf'), () => void exportPdf(), { disabled: exporting || pages.every((p) => p.imageKind === 'text') })}
          {tool('doubtful', t('ocr.showDoubtful'), () => {
            setShowDoubtful((v) => {
              localStorage.setItem(DOUBTFUL_PREF, v ? '0' : '1');
              return !v;
            });
          }, { on: showDoubtful, disabled: !ocr })}
        </div>
      </div>
      {error && (
        <div className="alert viewer-alert" role="alert">
          {error}
          <button type="button" className="link-button" onClick={() => setError(null)}>
            {t('archive.close')}
          </button>
        </div>
      )}
      <div className="viewer-body">
        <nav className="page-rail" aria-label={t('viewer.pages')} title={t('viewer.reorderHint')}>
          <ol>
            {pages.map((p, i) => (
              <li
                key={p.id}
                className={`${i === index ? 'current' : ''}${dropAt === i && dragFrom !== null ? ' drop-before' : ''}${dropAt === pages.length && i === pages.length - 1 && dragFrom !== null ? ' drop-after' : ''}`}
                draggable
                onDragStart={(e) => {
                  setDragFrom(i);
                  startDrag(e, { kind: 'pages', documentId: doc.id, pageIds: [p.id] });
                }}
                onDragOver={(e) => {
                  if (dragFrom === null) return;
                  e.preventDefault();
                  const r = e.currentTarget.getBoundingClientRect();
                  setDropAt(e.clientY > r.top + r.height / 2 ? i + 1 : i);
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  if (dragFrom !== null && dropAt !== null) void reorder(dragFrom, dropAt);
                  setDragFrom(null);
                  setDropAt(null);
                }}
                onDragEnd={() => {
                  endDrag();
                  setDragFrom(null);
                  setDropAt(null);
                }}
                data-testid="page-thumb"
              >
                <button type="button" onClick={() => setIndex(i)} aria-current={i === index ? 'page' : undefined} aria-label={t('viewer.page', { n: i + 1, total: pages.length })}>
                  <span className="rail-thumb">
                    <PageThumb pageId={p.id} rotation={p.rotation} />
                  </span>
                  <span className="rail-no">{i + 1}</span>
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <div
          className="scan-stage"
          ref={stageRef}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endPan}
          onPointerCancel={endPan}
          onWheel={(e) => {
            if (!e.ctrlKey) return;
            e.preventDefault();
            zoomBy(e.deltaY < 0 ? 1.1 : 0.9);
          }}
        >
          {page.imageKind === 'text' ? (
            <div className="text-canvas">
              <div className="text-note">{t('viewer.noImage')}</div>
              <article className="text-sheet" lang="vi" data-testid="text-sheet">
                {page.text}
              </article>
            </div>
          ) : (
          <div className="scan-canvas" style={{ width: Math.max(boxWpx + 2 * STAGE_PAD, stage.width), height: Math.max(boxHpx + 2 * STAGE_PAD, stage.height) }}>
            <div className="scan-sheet" style={{ width: boxWpx, height: boxHpx }}>
              <img
                key={page.id}
                className="scan-image"
                src={platform.fileUrl({ kind: 'page', pageId: page.id })}
                alt={t('viewer.page', { n: index + 1, total: pages.length })}
                draggable={false}
                data-testid="scan"
                data-rotation={rotation}
                style={{ width: imgW, height: imgH, transform: `translate(-50%, -50%) rotate(${rotation}deg)` }}
                onLoad={(e) => {
                  const img = e.currentTarget;
                  if (img.naturalWidth && (natural[page.id]?.w !== img.naturalWidth || natural[page.id]?.h !== img.naturalHeight)) {
                    setNatural((n) => ({ ...n, [page.id]: { w: img.naturalWidth, h: img.naturalHeight } }));
                  }
                }}
              />
              {ocr && ocr.pageId === page.id && (
                <ScanWords
                  ocr={ocr}
                  width={imgW}
                  height={imgH}
                  rotation={rotation}
                  active={active}
                  hits={hits}
                  showDoubtful={showDoubtful}
                  onPick={(i) => {
                    setActive(i);
                    setTab('text');
                    setPickSeq((n) => n + 1);
                  }}
                />
              )}
            </div>
          </div>
          )}
        </div>
        <aside className="viewer-side">
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'text'} className={tab === 'text' ? 'on' : ''} onClick={() => setTab('text')}>
              {t('viewer.transcription')}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'info'} className={tab === 'info' ? 'on' : ''} onClick={() => setTab('info')}>
              {t('viewer.info')}
            </button>
          </div>
          {tab === 'text' ? (
            <Transcription
              key={`${page.id}:${reread}`}
              page={page}
              link={ocr && ocr.pageId === page.id ? { ocr, active, pickSeq, showDoubtful, onActive: setActive } : null}
              onSaved={(p) => setDoc((d) => d && { ...d, pages: d.pages.map((x) => (x.id === p.id ? { ...x, text: p.text, textSource: p.textSource } : x)) })}
            />
          ) : (
            <MetadataPanel doc={doc} onChange={setDoc} onSaved={onChanged} />
          )}
          <div className="viewer-keys muted">{t('viewer.keys')}</div>
        </aside>
        {(trayOpen || dragFrom !== null) && <DocumentDropTray currentId={doc.id} onClose={() => setTrayOpen(false)} onMoved={afterMove} onError={setError} />}
      </div>
      <UndoToast />
      {moving && (
        <MovePageDialog
          pageNo={index + 1}
          currentId={doc.id}
          onCancel={() => setMoving(false)}
          onMove={async (to, beforeSeq) => {
            const r = await api.archive.movePages({ pageIds: [page.id], toDocumentId: to, ...(beforeSeq ? { beforeSeq } : {}) });
            setMoving(false);
            if (r.removed.length) {
              offerUndo(`${t('viewer.moveDone', { id: r.target.id })}. ${t('pageSets.removed', { count: r.removed.length, ids: r.removed.map((d) => d.id).join(', ') })}`, r.removed);
            } else setNotice(t('viewer.moveDone', { id: r.target.id }));
            onChanged();
            if (to === doc.id) {
              setDoc(r.target);
              setIndex(Math.max(0, r.target.pages.findIndex((p) => p.id === page.id)));
              return;
            }
            if (r.removed.some((d) => d.id === doc.id)) onOpenDocument(to, page.id);
            else {
              const rest = await api.archive.getDocument({ id: doc.id });
              setDoc(rest);
              setIndex(Math.min(index, rest.pages.length - 1));
            }
          }}
        />
      )}
      {confirmSplit && (
        <ConfirmDialog
          title={t('viewer.split')}
          message={t('viewer.splitConfirm', { n: index + 1 })}
          onCancel={() => setConfirmSplit(false)}
          onConfirm={async () => {
            const { original, created } = await api.archive.splitDocument({ documentId: doc.id, atPageId: page.id });
            setConfirmSplit(false);
            setDoc(original);
            setIndex(Math.min(index, original.pages.length - 1));
            setNotice(t('viewer.splitDone', { id: created.id }));
            onChanged();
          }}
        />
      )}
    </div>
  );
}
