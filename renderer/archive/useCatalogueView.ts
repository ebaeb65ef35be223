/**
 * The archive's current view, one for the grid and the catalogue alike: the filter as typed (the
 * search box's words among it), the filter as queried (words settled for a moment, empty fields
 * dropped), the order (relevance while there are words, unless the user picks another), the
 * place chosen in the location tree, the prefs remembered per project, and the rows.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueFilter, CatalogueSort, SavedSearch } from '../../shared/api/catalogue';
import { useCatalogueRows, type CatalogueRows } from './catalogueRows';
import { filterKey } from './rowWindows';
import { useArchivePrefs, type ArchivePrefs } from './cataloguePrefs';
import { UNPLACED, type LocationPath } from './LocationTree';

const RELEVANCE: CatalogueSort = { key: 'relevance', descending: false };
const LOCATION = ['fond', 'inventory', 'box', 'file'] as const;
/** Typing pauses this long before the words are searched. */
const SETTLE_MS = 200;

/** The filter without empty fields, words trimmed. */
export function cleanFilter(filter: CatalogueFilter): CatalogueFilter {
  const out: CatalogueFilter = {};
  for (const [k, v] of Object.entries(filter) as [keyof CatalogueFilter, unknown][]) {
    if (v === undefined || v === null || v === false || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (k === 'words') {
      const w = (v as string).trim();
      if (w) out.words = w;
      continue;
    }
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

export interface CatalogueView {
  /** As typed (the search box shows its words). */
  filter: CatalogueFilter;
  setFilter(filter: CatalogueFilter): void;
  /** As queried. */
  query: CatalogueFilter;
  sort: CatalogueSort;
  setSort(sort: CatalogueSort): void;
  prefs: ArchivePrefs;
  setPrefs(change: Partial<ArchivePrefs>): void;
  location: LocationPath;
  setLocation(path: LocationPath): void;
  applySaved(search: SavedSearch): void;
  filtersOpen: boolean;
  setFiltersOpen(open: boolean): void;
  /** The printed catalogue's heading for this view. */
  exportTitle: string;
  rows: CatalogueRows;
}

/** `onViewChanged` is told when the rows' order changes (the keyboard's place no longer holds). */
export function useCatalogueView(version: number, onViewChanged: () => void): CatalogueView {
  const { t } = useTranslation();
  const [prefs, setPrefs] = useArchivePrefs();
  const [filter, setFilter] = useState<CatalogueFilter>({});
  const [query, setQuery] = useState<CatalogueFilter>({});
  const [wordsSort, setWordsSort] = useState<CatalogueSort | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);

  // Words settle before they are searched; every other change applies at once.
  useEffect(() => {
    const next = cleanFilter(filter);
    const sameButWords = filterKey({ ...next, words: undefined }) === filterKey({ ...query, words: undefined });
    if (filterKey(next) === filterKey(query)) return;
    if (!sameButWords) return setQuery(next);
    const timer = setTimeout(() => setQuery(next), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [filter]);

  const words = Boolean(query.words);
  useEffect(() => {
    if (!words) setWordsSort(null);
  }, [words]);
  const sort = words ? (wordsSort ?? RELEVANCE) : prefs.sort;
  const setSort = useCallback(
    (s: CatalogueSort) => {
      if (words) setWordsSort(s);
      else if (s.key !== 'relevance') setPrefs({ sort: s });
    },
    [words, setPrefs],
  );

  const viewKey = `${filterKey(query)}|${sort.key}|${sort.descending}`;
  const firstKey = useRef(viewKey);
  useEffect(() => {
    if (firstKey.current !== viewKey) onViewChanged();
    firstKey.current = viewKey;
  }, [viewKey]);

  const rows = useCatalogueRows(query, sort, version);

  const location: LocationPath = [];
  for (const k of LOCATION) {
    if (!filter[k]) break;
    location.push(filter[k]!);
  }
  const setLocation = (path: LocationPath) => {
    const next: CatalogueFilter = { ...filter };
    LOCATION.forEach((k, i) => {
      if (path[i]) next[k] = path[i];
      else delete next[k];
    });
    setFilter(next);
  };

  const applySaved = (s: SavedSearch) => {
    setFilter(s.filter);
    if (s.filter.words) setWordsSort(s.sort);
    else if (s.sort.key !== 'relevance') setPrefs({ sort: s.sort });
  };

  // "Phông Tỉnh ủy, Mục lục 1": the place chosen in the tree (nothing for the unplaced).
  const named = (k: (typeof LOCATION)[number]) => (query[k] && query[k] !== UNPLACED ? query[k] : undefined);
  const place = [named('fond') && `${t('catalogue.columns.fond')} ${named('fond')}`, named('inventory') && t('catalogue.treeLevel.inventory', { value: named('inventory') }), named('box') && t('catalogue.treeLevel.box', { value: named('box') }), named('file') && t('catalogue.treeLevel.file', { value: named('file') })]
    .filter(Boolean)
    .join(', ');
  const exportTitle = place ? t('catalogue.exportTitle', { place }) : '';

  return { filter, setFilter, query, sort, setSort, prefs, setPrefs, location, setLocation, applySaved, filtersOpen, setFiltersOpen, exportTitle, rows };
}
