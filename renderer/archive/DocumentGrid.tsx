/**
 * The archive's thumbnail grid, virtualised: cells have a fixed size, only the rows in view (and
 * a few around them) are in the DOM, and documents are fetched in blocks as the user scrolls, so
 * 100,000 documents scroll as smoothly as 10.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../shared/api/archive';
import { api } from '../platform/platform';
import { Icon } from '../shell/Icon';
import { PageThumb } from './PageThumb';

export const CELL_W = 168;
export const CELL_H = 280;
const PAD = 16;
const OVERSCAN_ROWS = 3;
const BLOCK = 120;

export interface GridSelection {
  /** Selected document ids, in the order they were picked (merge order). */
  ids: number[];
  /** The document the keyboard is on. */
  active: { id: number; index: number } | null;
}

interface Props {
  /** Changes whenever documents were added, changed or removed: the grid refetches. */
  version: number;
  selection: GridSelection;
  onSelect(sel: GridSelection): void;
  onOpen(id: number): void;
  onTotal(total: number): void;
}

export function DocumentGrid({ version, selection, onSelect, onOpen, onTotal }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 600 });
  const [scrollTop, setScrollTop] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const blocks = useRef(new Map<number, DocumentSummary[]>());
  const loading = useRef(new Set<number>());
  const [, setTick] = useState(0);
  const generation = useRef(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    setSize({ width: el.clientWidth, height: el.clientHeight });
    return () => ro.disconnect();
  }, []);

  const loadBlock = useCallback(
    async (b: number) => {
      if (loading.current.has(b)) return;
      loading.current.add(b);
      const gen = generation.current;
      try {
        const page = await api.archive.listDocuments({ offset: b * BLOCK, limit: BLOCK });
        if (gen !== generation.current) return;
        blocks.current.set(b, page.items);
        setTotal(page.total);
        onTotal(page.total);
        setTick((n) => n + 1);
      } finally {
        loading.current.delete(b);
      }
    },
    [onTotal],
  );

  // Refetch from scratch when the archive changed; keep the old cells until the new ones arrive.
  useEffect(() => {
    generation.current++;
    const old = blocks.current;
    blocks.current = new Map(old);
    loading.current = new Set();
    const keep = blocks.current;
    const gen = generation.current;
    const needed = [...old.keys()];
    if (needed.length === 0) needed.push(0);
    void Promise.all(
      needed.map(async (b) => {
        const page = await api.archive.listDocuments({ offset: b * BLOCK, limit: BLOCK });
        if (gen !== generation.current) return;
        keep.set(b, page.items);
        setTotal(page.total);
        onTotal(page.total);
      }),
    ).then(() => {
      if (gen !== generation.current) return;
      for (const b of [...keep.keys()]) if (!needed.includes(b)) keep.delete(b);
      setTick((n) => n + 1);
    });
  }, [version, onTotal]);

  const cols = Math.max(1, Math.floor((size.width - 2 * PAD) / CELL_W));
  const count = total ?? 0;
  const rows = Math.ceil(count / cols);
  const firstRow = Math.max(0, Math.floor((scrollTop - PAD) / CELL_H) - OVERSCAN_ROWS);
  const lastRow = Math.min(rows - 1, Math.ceil((scrollTop + size.height) / CELL_H) + OVERSCAN_ROWS);
  const firstIndex = firstRow * cols;
  const lastIndex = Math.min(count - 1, (lastRow + 1) * cols - 1);
  const left = PAD + Math.max(0, Math.floor((size.width - 2 * PAD - cols * CELL_W) / 2));

  useEffect(() => {
    if (count === 0) return;
    for (let b = Math.floor(firstIndex / BLOCK); b <= Math.floor(lastIndex / BLOCK); b++) {
      if (!blocks.current.has(b)) void loadBlock(b);
    }
  });

  const docAt = (i: number): DocumentSummary | undefined => blocks.current.get(Math.floor(i / BLOCK))?.[i % BLOCK];

  const scrollToIndex = (i: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = PAD + Math.floor(i / cols) * CELL_H;
    if (top < el.scrollTop) el.scrollTop = top - PAD;
    else if (top + CELL_H > el.scrollTop + el.clientHeight) el.scrollTop = top + CELL_H - el.clientHeight + PAD;
  };

  const click = (e: MouseEvent, d: DocumentSummary, index: number) => {
    if (e.ctrlKey || e.metaKey) {
      const ids = selection.ids.includes(d.id) ? selection.ids.filter((x) => x !== d.id) : [...selection.ids, d.id];
      onSelect({ ids, active: { id: d.id, index } });
    } else onSelect({ ids: [d.id], active: { id: d.id, index } });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (count === 0) return;
    const at = selection.active?.index ?? -1;
    let next = at;
    if (e.key === 'ArrowRight') next = at + 1;
    else if (e.key === 'ArrowLeft') next = at - 1;
    else if (e.key === 'ArrowDown') next = at < 0 ? 0 : at + cols;
    else if (e.key === 'ArrowUp') next = at - cols;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = count - 1;
    else if (e.key === 'PageDown') next = at + cols * Math.max(1, Math.floor(size.height / CELL_H));
    else if (e.key === 'PageUp') next = at - cols * Math.max(1, Math.floor(size.height / CELL_H));
    else if (e.key === 'Enter' && selection.active) {
      e.preventDefault();
      onOpen(selection.active.id);
      return;
    } else return;
    e.preventDefault();
    next = Math.max(0, Math.min(count - 1, next));
    scrollToIndex(next);
    const d = docAt(next);
    if (d) onSelect({ ids: [d.id], active: { id: d.id, index: next } });
  };

  const cells = [];
  for (let i = firstIndex; i <= lastIndex; i++) {
    const d = docAt(i);
    const x = left + (i % cols) * CELL_W;
    const y = PAD + Math.floor(i / cols) * CELL_H;
    const style = { transform: `translate(${x}px, ${y}px)`, width: CELL_W, height: CELL_H };
    if (!d) {
      cells.push(<li key={`p${i}`} className="cell" style={style} aria-hidden="true"><div className="doc-card placeholder"><div className="thumb" /></div></li>);
      continue;
    }
    const selected = selection.ids.includes(d.id);
    cells.push(
      <li key={d.id} className="cell" style={style}>
        <button
          type="button"
          className={`doc-card${selected ? ' selected' : ''}${selection.active?.id === d.id ? ' active' : ''}`}
          onClick={(e) => click(e, d, i)}
          onDoubleClick={() => onOpen(d.id)}
          data-testid="doc-card"
          data-doc-id={d.id}
          aria-pressed={selected}
          tabIndex={-1}
        >
          <div className={`thumb${d.pageCount > 1 ? ' stack' : ''}`}>
            {d.coverPageId ? <PageThumb pageId={d.coverPageId} rotation={d.coverRotation} /> : <Icon name="file" size={36} />}
            {d.pageCount > 1 && (
              <span className="page-badge" data-testid="page-count">
                {t('archive.pages', { count: d.pageCount })}
              </span>
            )}
          </div>
          <div className="doc-title" title={d.title}>
            {d.title}
          </div>
          <div className="doc-meta">
            <span className="doc-no">#{d.id}</span>
            {d.pageCount <= 1 && <span>{t('archive.pages', { count: d.pageCount })}</span>}
          </div>
        </button>
      </li>,
    );
  }

  return (
    <div
      className="grid-scroller"
      ref={scroller}
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      aria-label={t('archive.title')}
      data-testid="doc-grid"
    >
      <ul className="vgrid" style={{ height: rows * CELL_H + 2 * PAD }}>
        {cells}
      </ul>
    </div>
  );
}
