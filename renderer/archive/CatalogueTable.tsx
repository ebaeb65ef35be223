/**
 * The catalogue (mục lục hồ sơ) as a table: one row per document of the current view, virtualised
 * (only the rows on screen are in the DOM; rows come in windows from `catalogue.query`), sortable
 * by a click on a header, columns resizable by dragging a header's edge and chosen in a menu.
 *
 * Keys, as in a file manager: ↑ ↓ PageUp PageDown Home End move (and select) the row; with Shift
 * they extend the selection, with Ctrl they move without selecting; Space adds or removes the row;
 * Ctrl+A selects the whole view; Enter opens the document. Ctrl+click adds or removes one row,
 * Shift+click selects a range.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type MutableRefObject, type PointerEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { type CatalogueColumn, type CatalogueRow, type CatalogueSort, type CatalogueSortKey, type TextState } from '../../shared/api/catalogue';
import { Icon, type IconName } from '../shell/Icon';
import type { CatalogueRows } from './catalogueRows';
import { COLUMN_ORDER, DEFAULT_COLUMNS, DEFAULT_WIDTHS, MIN_WIDTH } from './cataloguePrefs';
import type { GridSelection } from './DocumentGrid';
import { MenuButton } from './MenuButton';
import { catalogueDateText as showPartialDate } from '../../shared/archive/catalogueColumns';
import { HitPlace, markSnippet } from './Snippet';

const ROW_H = 32;
const ROW_H_HIT = 62;

/** The sort a column's header asks for (location columns sort by the whole location). */
export const COLUMN_SORT: Record<CatalogueColumn, CatalogueSortKey | null> = {
  code: 'code',
  docType: 'docType',
  issuer: 'issuer',
  date: 'date',
  abstract: 'abstract',
  title: 'title',
  repository: 'location',
  fond: 'location',
  inventory: 'location',
  box: 'location',
  file: 'location',
  folio: 'location',
  secrecy: 'secrecy',
  tags: null,
  pages: 'pages',
  textState: 'textState',
  id: 'id',
};

const NUMERIC: ReadonlySet<CatalogueColumn> = new Set(['inventory', 'box', 'file', 'folio', 'pages', 'id']);

export const TEXT_STATE_ICON: Record<TextState, IconName> = { none: 'file', ocr: 'scan', typed: 'chapter' };

function cellText(row: CatalogueRow, col: CatalogueColumn): string {
  switch (col) {
    case 'date':
      return showPartialDate(row.date);
    case 'abstract':
      return row.abstract || row.title;
    case 'tags':
      return row.tags.join('; ');
    case 'pages':
      return String(row.pages);
    case 'id':
      return String(row.id);
    case 'textState':
      return row.textState;
    default:
      return row[col];
  }
}

/** A cell's content (a plain function, not a component: hundreds are drawn per scroll frame). */
function cell(row: CatalogueRow, col: CatalogueColumn, t: TFunction) {
  if (col === 'textState') {
    return (
      <span className={`cat-text-state ${row.textState}`} title={t(`catalogue.textStateHint.${row.textState}`)}>
        <Icon name={TEXT_STATE_ICON[row.textState]} size={14} />
        {t(`catalogue.textState.${row.textState}`)}
      </span>
    );
  }
  if (col === 'secrecy') return row.secrecy ? <span className="cat-secrecy">{row.secrecy}</span> : null;
  if (col === 'tags') {
    return (
      <span className="cat-tags">
        {row.tags.map((tag) => (
          <span key={tag} className="cat-tag">
            {tag}
          </span>
        ))}
      </span>
    );
  }
  if (col === 'abstract' && !row.abstract) return <span className="cat-title-only">{row.title}</span>;
  return <>{cellText(row, col)}</>;
}

interface RowEvents {
  click(e: MouseEvent, row: CatalogueRow, index: number): void;
  open(id: number, pageId?: number): void;
}

/**
 * One row, drawn again only when it changes: while the table scrolls, the rows already on screen
 * are left alone and only those coming into view are drawn (events go through a ref, so the
 * handlers made on every render of the table do not count as a change).
 */
const Row = memo(function Row({ row, index, start, height, columns, selected, focused, withHits, t, events }: { row: CatalogueRow; index: number; start: number; height: number; columns: CatalogueColumn[]; selected: boolean; focused: boolean; withHits: boolean; t: TFunction; events: MutableRefObject<RowEvents> }) {
  return (
    <div
      className={`cat-row${selected ? ' selected' : ''}${focused ? ' focused' : ''}${index % 2 ? ' odd' : ''}`}
      style={{ transform: `translateY(${start}px)`, height }}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      onMouseDown={(e) => e.shiftKey && e.preventDefault()}
      onClick={(e) => events.current.click(e, row, index)}
      onDoubleClick={() => events.current.open(row.id, row.hit?.pageId)}
      data-testid="catalogue-row"
      data-doc-id={row.id}
    >
      <div className="cat-cells">
        {columns.map((c) => (
          <div key={c} role="gridcell" className={`cat-td${NUMERIC.has(c) ? ' num' : ''}`} data-col={c} title={c === 'textState' ? undefined : cellText(row, c) || undefined}>
            {cell(row, c, t)}
          </div>
        ))}
      </div>
      {withHits && row.hit && (
        <div className="cat-hit" data-testid="catalogue-hit">
          <HitPlace hit={row.hit} />
          <span className="cat-snippet">{markSnippet(row.hit.snippet)}</span>
        </div>
      )}
    </div>
  );
});

interface Props {
  rows: CatalogueRows;
  sort: CatalogueSort;
  onSort(sort: CatalogueSort): void;
  /** The view has words: rows show where they matched. */
  withHits: boolean;
  columns: CatalogueColumn[];
  widths: Partial<Record<CatalogueColumn, number>>;
  onWidths(widths: Partial<Record<CatalogueColumn, number>>): void;
  selection: GridSelection;
  onSelect(sel: GridSelection): void;
  onOpen(id: number, pageId?: number): void;
  /** Shown where the rows would be when nothing matched (what to do next). */
  empty?: ReactNode;
}

export function CatalogueTable({ rows, sort, onSort, withHits, columns, widths, onWidths, selection, onSelect, onOpen, empty }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [live, setLive] = useState<{ col: CatalogueColumn; width: number } | null>(null);
  const [viewWidth, setViewWidth] = useState(800);
  const anchor = useRef<number>(selection.active?.index ?? 0);
  const focus = selection.active?.index ?? -1;
  const count = rows.total ?? 0;
  const rowH = withHits ? ROW_H_HIT : ROW_H;
  const selected = useMemo(() => new Set(selection.ids), [selection.ids]);

  const widthOf = (c: CatalogueColumn) => (live?.col === c ? live.width : (widths[c] ?? DEFAULT_WIDTHS[c]));
  // The trích yếu (else the last column) takes what room is left on a wide screen.
  const stretch = columns.includes('abstract') ? 'abstract' : columns[columns.length - 1];
  const template = columns.map((c) => (c === stretch ? `minmax(${widthOf(c)}px, 1fr)` : `${widthOf(c)}px`)).join(' ');
  const totalWidth = columns.reduce((n, c) => n + widthOf(c), 0);

  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => rowH, overscan: 12 });
  useEffect(() => virtualizer.measure(), [rowH, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (count > 0) rows.need(first, Math.max(first, last));
  });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewWidth(el.clientWidth));
    ro.observe(el);
    setViewWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  // Another view (filters, order): from its top.
  const fresh = rows.total === null;
  useEffect(() => {
    if (fresh && scroller.current) scroller.current.scrollTop = 0;
  }, [fresh]);
  // Back from the viewer: the row the user was on is in view again.
  useEffect(() => {
    if (focus >= 0) virtualizer.scrollToIndex(focus, { align: 'center' });
    // Only when the table appears.
  }, []);

  const idAt = async (i: number): Promise<number | undefined> => rows.rowAt(i)?.id ?? (await rows.ids())[i];
  const range = async (a: number, b: number): Promise<number[]> => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const here: number[] = [];
    for (let i = lo; i <= hi; i++) {
      const r = rows.rowAt(i);
      if (!r) return (await rows.ids()).slice(lo, hi + 1);
      here.push(r.id);
    }
    return here;
  };

  const moveTo = async (next: number, how: 'select' | 'extend' | 'focus') => {
    next = Math.max(0, Math.min(count - 1, next));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const id = await idAt(next);
    if (id === undefined) return;
    if (how === 'extend') onSelect({ ids: await range(anchor.current, next), active: { id, index: next } });
    else if (how === 'focus') onSelect({ ids: selection.ids, active: { id, index: next } });
    else {
      anchor.current = next;
      onSelect({ ids: [id], active: { id, index: next } });
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (count === 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / rowH) - 1);
    const mod = e.ctrlKey || e.metaKey;
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let next: number | null = null;
    if (e.key in steps) next = focus < 0 ? 0 : focus + steps[e.key]!;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = count - 1;
    if (next !== null) {
      e.preventDefault();
      void moveTo(next, e.shiftKey ? 'extend' : mod ? 'focus' : 'select');
      return;
    }
    if (mod && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      void rows.ids().then((ids) => onSelect({ ids, active: selection.active }));
      return;
    }
    if (e.key === ' ' && selection.active) {
      e.preventDefault();
      const { id } = selection.active;
      anchor.current = selection.active.index;
      onSelect({ ids: selected.has(id) ? selection.ids.filter((x) => x !== id) : [...selection.ids, id], active: selection.active });
      return;
    }
    if (e.key === 'Enter' && selection.active) {
      e.preventDefault();
      const r = rows.rowAt(selection.active.index);
      onOpen(selection.active.id, r?.hit?.pageId);
    }
  };

  const click = (e: MouseEvent, row: CatalogueRow, index: number) => {
    scroller.current?.focus({ preventScroll: true });
    if (e.shiftKey) {
      void range(anchor.current, index).then((ids) => onSelect({ ids, active: { id: row.id, index } }));
      return;
    }
    anchor.current = index;
    if (e.ctrlKey || e.metaKey) onSelect({ ids: selected.has(row.id) ? selection.ids.filter((x) => x !== row.id) : [...selection.ids, row.id], active: { id: row.id, index } });
    else onSelect({ ids: [row.id], active: { id: row.id, index } });
  };

  const events = useRef<RowEvents>({ click, open: onOpen });
  events.current = { click, open: onOpen };

  const headerClick = (col: CatalogueColumn) => {
    const key = COLUMN_SORT[col];
    if (!key) return;
    onSort(sort.key === key ? { key, descending: !sort.descending } : { key, descending: false });
  };

  const startResize = (e: PointerEvent<HTMLSpanElement>, col: CatalogueColumn) => {
    e.preventDefault();
    e.stopPropagation();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const startW = widthOf(col);
    let width = startW;
    const move = (ev: globalThis.PointerEvent) => {
      width = Math.max(MIN_WIDTH, Math.round(startW + ev.clientX - startX));
      setLive({ col, width });
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      setLive(null);
      if (width !== startW) onWidths({ ...widths, [col]: width });
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };

  const style = { '--cat-cols': template, '--cat-width': `max(${totalWidth}px, 100%)`, '--cat-view': `${viewWidth}px` } as CSSProperties;
  return (
    <div
      className={`cat-scroller${withHits ? ' with-hits' : ''}`}
      ref={scroller}
      tabIndex={0}
      role="grid"
      aria-multiselectable="true"
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      aria-label={t('catalogue.tableLabel')}
      style={style}
      onKeyDown={onKeyDown}
      data-testid="catalogue-table"
    >
      <div className="cat-head" role="row" aria-rowindex={1}>
        {columns.map((c) => {
          const key = COLUMN_SORT[c];
          const on = key !== null && sort.key === key;
          return (
            <div
              key={c}
              role="columnheader"
              className={`cat-th${NUMERIC.has(c) ? ' num' : ''}${on ? ' sorted' : ''}`}
              aria-sort={on ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              data-col={c}
            >
              {key ? (
                <button type="button" className="cat-sort" onClick={() => headerClick(c)} title={t('catalogue.sortBy', { column: t(`catalogue.columns.${c}`) })} tabIndex={-1}>
                  <span className="cat-th-label">{t(`catalogue.columns.${c}`)}</span>
                  {on && <span className="cat-arrow" aria-hidden="true">{sort.descending ? '▼' : '▲'}</span>}
                </button>
              ) : (
                <span className="cat-sort static">
                  <span className="cat-th-label">{t(`catalogue.columns.${c}`)}</span>
                </span>
              )}
              <span
                className="cat-resize"
                role="separator"
                aria-orientation="vertical"
                aria-label={t('catalogue.resize', { column: t(`catalogue.columns.${c}`) })}
                onPointerDown={(e) => startResize(e, c)}
                onDoubleClick={() => {
                  const next = { ...widths };
                  delete next[c];
                  onWidths(next);
                }}
                data-testid={`resize-${c}`}
              />
            </div>
          );
        })}
      </div>
      <div className="cat-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows.rowAt(item.index);
          const pos = { transform: `translateY(${item.start}px)`, height: rowH };
          if (!row) {
            return (
              <div key={`p${item.index}`} className="cat-row placeholder" style={pos} role="row" aria-rowindex={item.index + 2}>
                <span className="cat-loading" />
              </div>
            );
          }
          return <Row key={row.id} row={row} index={item.index} start={item.start} height={rowH} columns={columns} selected={selected.has(row.id)} focused={focus === item.index} withHits={withHits} t={t} events={events} />;
        })}
      </div>
      {count === 0 && rows.total !== null && <div className="cat-empty muted">{rows.error ?? empty ?? t('catalogue.noRows')}</div>}
    </div>
  );
}

/** The column chooser: a checkbox per column, in the catalogue's order, and "default columns". */
export function ColumnMenu({ columns, onColumns }: { columns: CatalogueColumn[]; onColumns(columns: CatalogueColumn[]): void }) {
  const { t } = useTranslation();
  const toggle = (c: CatalogueColumn, on: boolean) => {
    if (!on) return onColumns(columns.filter((x) => x !== c));
    // A column comes back at its place.
    onColumns(COLUMN_ORDER.filter((x) => x === c || columns.includes(x)));
  };
  return (
    <MenuButton label={<>{t('catalogue.columnsMenu')} ▾</>} className="small" testId="column-menu" align="right" panelClassName="column-panel">
      {() => (
        <>
          <div className="menu-title">{t('catalogue.columnsTitle')}</div>
          {COLUMN_ORDER.map((c) => (
            <label key={c} className="menu-check">
              <input type="checkbox" checked={columns.includes(c)} disabled={columns.length === 1 && columns.includes(c)} onChange={(e) => toggle(c, e.target.checked)} name={`column-${c}`} />
              {t(`catalogue.columns.${c}`)}
            </label>
          ))}
          <div className="menu-foot">
            <button type="button" className="small" onClick={() => onColumns(DEFAULT_COLUMNS)}>
              {t('catalogue.defaultColumns')}
            </button>
          </div>
        </>
      )}
    </MenuButton>
  );
}
