/**
 * The rows of the current catalogue view (filter + sort) for the grid and the table alike, from
 * `catalogue.query` in windows (rowWindows.ts); `version` going up refetches them in place.
 */
import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { CatalogueFilter, CatalogueRow, CatalogueSort } from '../../shared/api/catalogue';
import { api } from '../platform/platform';
import { filterKey, KEEP_WINDOWS, RowWindows, WINDOW } from './rowWindows';

export interface CatalogueRows {
  total: number | null;
  totalIsExact: boolean;
  tookMs: number | null;
  error: string | null;
  rowAt(i: number): CatalogueRow | undefined;
  need(first: number, last: number): void;
  /** Every id of the view in order (cached for this view and version): ranges, Ctrl+A. */
  ids(): Promise<number[]>;
  /** Changes with every arrival, so components reading rows re-render. */
  tick: number;
}

/** The rows of a view; `version` going up refetches them in place (documents changed). */
export function useCatalogueRows(filter: CatalogueFilter, sort: CatalogueSort, version: number): CatalogueRows {
  const [tick, bump] = useReducer((n: number) => n + 1, 0);
  const query = useRef({ filter, sort });
  query.current = { filter, sort };
  // Ranges asked for while scrolling settle for a moment before they are fetched.
  const windows = useMemo(() => new RowWindows((offset, limit) => api.catalogue.query({ ...query.current, offset, limit }), bump, WINDOW, KEEP_WINDOWS, 40), []);
  const idsCache = useRef<{ key: string; ids: Promise<number[]> } | null>(null);
  const key = `${filterKey(filter)}|${sort.key}|${sort.descending}`;
  const seen = useRef<{ key: string; version: number } | null>(null);
  useEffect(() => {
    const before = seen.current;
    seen.current = { key, version };
    windows.reset(before !== null && before.key === key);
    idsCache.current = null;
  }, [key, version, windows]);
  return {
    total: windows.total,
    totalIsExact: windows.totalIsExact,
    tookMs: windows.tookMs,
    error: windows.error,
    rowAt: (i) => windows.rowAt(i),
    need: (a, b) => windows.need(a, b),
    ids() {
      const k = `${key}#${version}`;
      if (idsCache.current?.key !== k) {
        const ids = api.catalogue.ids(query.current).then((r) => r.ids);
        ids.catch(() => (idsCache.current = null));
        idsCache.current = { key: k, ids };
      }
      return idsCache.current.ids;
    },
    tick,
  };
}
