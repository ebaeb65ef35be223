/**
 * What the archive remembers per project in this browser: grid or catalogue, the sort, whether
 * the location tree is open, and the catalogue's columns (which are shown, in which order, how
 * wide). Kept in localStorage under the project's folder, so two projects keep their own.
 */
import { useCallback, useEffect, useState } from 'react';
import { CATALOGUE_COLUMNS, SORT_KEYS, type CatalogueColumn, type CatalogueSort } from '../../shared/api/catalogue';
import { api } from '../platform/platform';

export type ArchiveViewMode = 'grid' | 'catalogue';

export interface ArchivePrefs {
  view: ArchiveViewMode;
  sort: CatalogueSort;
  tree: boolean;
  /** The document panel beside the catalogue. */
  panel: boolean;
  /** Columns shown, in order. */
  columns: CatalogueColumn[];
  widths: Partial<Record<CatalogueColumn, number>>;
}

export const DEFAULT_SORT: CatalogueSort = { key: 'imported', descending: true };
/**
 * The order columns take on screen (and in an export of the catalogue view): the way a mục lục
 * văn bản reads — số ký hiệu, ngày tháng, tác giả, trích yếu — then where it is kept and the rest.
 */
export const COLUMN_ORDER: CatalogueColumn[] = ['code', 'date', 'docType', 'issuer', 'abstract', 'title', 'repository', 'fond', 'inventory', 'box', 'file', 'folio', 'secrecy', 'tags', 'pages', 'textState', 'id'];
export const DEFAULT_COLUMNS: CatalogueColumn[] = ['code', 'date', 'docType', 'issuer', 'abstract', 'fond', 'inventory', 'box', 'file', 'folio', 'secrecy', 'tags', 'pages', 'textState'];
export const DEFAULT_WIDTHS: Record<CatalogueColumn, number> = {
  code: 108,
  docType: 96,
  issuer: 156,
  date: 180,
  abstract: 300,
  title: 240,
  repository: 170,
  fond: 120,
  inventory: 82,
  box: 68,
  file: 76,
  folio: 64,
  secrecy: 86,
  tags: 150,
  pages: 64,
  textState: 118,
  id: 64,
};
export const MIN_WIDTH = 44;

const DEFAULTS: ArchivePrefs = { view: 'grid', sort: DEFAULT_SORT, tree: true, panel: true, columns: DEFAULT_COLUMNS, widths: {} };

/** Reads stored prefs leniently: anything unknown falls back to the default. */
export function readPrefs(json: string | null): ArchivePrefs {
  let raw: Partial<Record<keyof ArchivePrefs, unknown>> = {};
  try {
    raw = (json ? JSON.parse(json) : {}) as typeof raw;
  } catch {
    raw = {};
  }
  const sort = raw.sort as Partial<CatalogueSort> | undefined;
  const columns = Array.isArray(raw.columns) ? raw.columns.filter((c): c is CatalogueColumn => (CATALOGUE_COLUMNS as readonly unknown[]).includes(c)) : [];
  const widths: ArchivePrefs['widths'] = {};
  if (raw.widths && typeof raw.widths === 'object') {
    for (const [k, v] of Object.entries(raw.widths)) if ((CATALOGUE_COLUMNS as readonly string[]).includes(k) && typeof v === 'number' && v >= MIN_WIDTH && v < 2000) widths[k as CatalogueColumn] = Math.round(v);
  }
  return {
    view: raw.view === 'catalogue' ? 'catalogue' : 'grid',
    sort: sort && (SORT_KEYS as readonly unknown[]).includes(sort.key) && sort.key !== 'relevance' ? { key: sort.key!, descending: sort.descending === true } : DEFAULT_SORT,
    tree: raw.tree !== false,
    panel: raw.panel !== false,
    columns: columns.length > 0 ? COLUMN_ORDER.filter((c) => columns.includes(c)) : DEFAULT_COLUMNS,
    widths,
  };
}

/** The open project's folder, the key the prefs are kept under (null until known). */
function useProjectPath(): string | null {
  const [path, setPath] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.project.current({}).then(
      (p) => live && setPath(p?.path ?? ''),
      () => live && setPath(''),
    );
    return () => {
      live = false;
    };
  }, []);
  return path;
}

/** The archive's prefs for the open project, and a setter that stores them. */
export function useArchivePrefs(): [ArchivePrefs, (change: Partial<ArchivePrefs>) => void, boolean] {
  const path = useProjectPath();
  const storageKey = path === null ? null : `suquan.archive.view:${path}`;
  const [prefs, setPrefs] = useState<ArchivePrefs>(DEFAULTS);
  useEffect(() => {
    if (storageKey) setPrefs(readPrefs(localStorage.getItem(storageKey)));
  }, [storageKey]);
  const update = useCallback(
    (change: Partial<ArchivePrefs>) =>
      setPrefs((p) => {
        const next = { ...p, ...change };
        if (storageKey) localStorage.setItem(storageKey, JSON.stringify(next));
        return next;
      }),
    [storageKey],
  );
  return [prefs, update, storageKey !== null];
}
