/**
 * The archive's thumbnail grid, virtualised: cells have a fixed size, only the rows in view (and
 * a few around them) are in the DOM, and documents come from the current catalogue view (filters
 * and sort, `catalogueRows.ts`) in windows as the user scrolls, so 100,000 documents scroll as
 * smoothly as 10.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueRow } from '../../shared/api/catalogue';
import { Icon } from '../shell/Icon';
import type { CatalogueRows } from './catalogueRows';
import { catalogueDateText as showPartialDate } from '../../shared/archive/catalogueColumns';
import { PageThumb } from './PageThumb';
import { useCardDrop } from './pageDrag';

export const CELL_W = 168;
export const CELL_H = 288;
const PAD = 16;
const OVERSCAN_ROWS = 3;

export interface GridSelection {
  /** Selected document ids, in the order they were picked (merge order). */
  ids: number[];
  /** The document the keyboard is on. */
  active: { id: number; index: number } | null;
}

interface Props {
  /** The documents of the current view (refetched when documents change). */
  rows: CatalogueRows;
  selection: GridSelection;
  onSelect(sel: GridSelection): void;
  onOpen(id: number): void;
  /** Pages were dragged onto a card (a card onto a card moves all its pages: pageDrag.ts). */
  onPagesMoved?(targetId: number): void;
  /** Shown where the cards would be when the view has none (what to do next). */
  empty?: ReactNode;
}

export function DocumentGrid({ rows: source, selection, onSelect, onOpen, onPagesMoved, empty }: Props) {
  const { t } = useTranslation();
  const drop = useCardDrop(selection.ids, (id) => onPagesMoved?.(id));
  const scroller = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 600 });
  /** The row of cards at the top of the view: the grid is drawn again only when it changes, not on every scrolled pixel. */
  const [topRow, setTopRow] = useState(0);
  const total = source.total;
  const selected = useMemo(() => new Set(selection.ids), [selection.ids]);
  // Another view (filters, order): from its top.
  const fresh = total === null;
  useEffect(() => {
    if (fresh && scroller.current) scroller.current.scrollTop = 0;
  }, [fresh]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    setSize({ width: el.clientWidth, height: el.clientHeight });
    return () => ro.disconnect();
  }, []);

  const cols = Math.max(1, Math.floor((size.width - 2 * PAD) / CELL_W));
  const count = total ?? 0;
  const rows = Math.ceil(count / cols);
  const firstRow = Math.max(0, topRow - OVERSCAN_ROWS);
  const lastRow = Math.min(rows - 1, topRow + Math.ceil((size.height + PAD) / CELL_H) + 1 + OVERSCAN_ROWS);
  const firstIndex = firstRow * cols;
  const lastIndex = Math.min(count - 1, (lastRow + 1) * cols - 1);
  const left = PAD + Math.max(0, Math.floor((size.width - 2 * PAD - cols * CELL_W) / 2));

  useEffect(() => {
    if (count > 0) source.need(firstIndex, Math.max(firstIndex, lastIndex));
  });

  const docAt = (i: number): CatalogueRow | undefined => source.rowAt(i);

  const scrollToIndex = (i: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = PAD + Math.floor(i / cols) * CELL_H;
    if (top < el.scrollTop) el.scrollTop = top - PAD;
    else if (top + CELL_H > el.scrollTop + el.clientHeight) el.scrollTop = top + CELL_H - el.clientHeight + PAD;
  };

  const click = (e: MouseEvent, d: CatalogueRow, index: number) => {
    if (e.ctrlKey || e.metaKey) {
      const ids = selected.has(d.id) ? selection.ids.filter((x) => x !== d.id) : [...selection.ids, d.id];
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
    const target = next;
    // A place far away (End on 100,000 documents) may not be fetched yet: its id from the view's ids.
    const id = docAt(target)?.id;
    if (id !== undefined) onSelect({ ids: [id], active: { id, index: target } });
    else void source.ids().then((ids) => ids[target] !== undefined && onSelect({ ids: [ids[target]!], active: { id: ids[target]!, index: target } }));
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
    const isSelected = selected.has(d.id);
    const date = showPartialDate(d.date);
    cells.push(
      <li key={d.id} className="cell" style={style}>
        <button
          type="button"
          className={`doc-card${isSelected ? ' selected' : ''}${selection.active?.id === d.id ? ' active' : ''}`}
          onClick={(e) => click(e, d, i)}
          onDoubleClick={() => onOpen(d.id)}
          data-testid="doc-card"
          data-doc-id={d.id}
          {...drop.props(d.id)}
          aria-pressed={isSelected}
          tabIndex={-1}
        >
          <div className={`thumb${d.pages > 1 ? ' stack' : ''}`}>
            {d.coverPageId ? <PageThumb pageId={d.coverPageId} rotation={d.coverRotation} /> : <Icon name="file" size={36} />}
            {d.pages > 1 && (
              <span className="page-badge" data-testid="page-count">
                {t('archive.pages', { count: d.pages })}
              </span>
            )}
          </div>
          <div className="doc-title" title={d.title}>
            {d.title}
          </div>
          {(d.code || date) && (
            <div className="doc-ident" data-testid="doc-ident">
              {d.code && <span className="doc-code">{d.code}</span>}
              {date && <span className="doc-date">{date}</span>}
            </div>
          )}
          <div className="doc-meta">
            <span className="doc-no">#{d.id}</span>
            <span>{t('archive.pages', { count: d.pages })}</span>
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
      onScroll={(e) => setTopRow(Math.max(0, Math.floor((e.currentTarget.scrollTop - PAD) / CELL_H)))}
      onKeyDown={onKeyDown}
      aria-label={t('archive.title')}
      data-testid="doc-grid"
    >
      {total === 0 && empty && !source.error && <div className="grid-empty">{empty}</div>}
      <ul className="vgrid" style={{ height: rows * CELL_H + 2 * PAD }}>
        {cells}
      </ul>
    </div>
  );
}
