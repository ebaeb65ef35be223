/**
 * Reading the catalogue (migration 0016's `catalogue` table, one row per document): the filter
 * becomes SQL over indexed columns, the order one of the sort keys (Vietnamese dictionary order,
 * numbers by value, empty values last), and a window of rows is read with the documents' own
 * title, metadata, version and cover page. Words go through the search ranking
 * (archiveSearch.rankDocuments) first; the documents it found are then filtered and ordered here.
 */
import { UNPLACED, type CatalogueFilter, type CataloguePage, type CatalogueRow, type CatalogueSort, type CatalogueTreeLevel, type FacetValue, type TextState } from '../../../shared/api/catalogue';
import { parseStoredMetadata } from '../../../shared/archive/metadata';
import { compareVietnamese, vietnameseSortKey } from '../../../shared/text/collate';
import { foldKey } from '../../../shared/text/fold';
import { hitOf, rankDocuments, type Ranking } from '../search/archiveSearch';
import { codeFold, dateBound, EMPTY_KEY } from '../store/catalogueRow';
import { facetExpression } from '../store/searchFacets';
import { writeStamp, type Db } from '../store/projectDatabase';

const SORT_COLUMN: Record<Exclude<CatalogueSort['key'], 'relevance'>, string> = {
  code: 'c.code_key',
  docType: 'c.type_key',
  issuer: 'c.issuer_key',
  date: 'c.date_key',
  abstract: 'c.abstract_key',
  title: 'c.title_key',
  location: 'c.location_key',
  secrecy: 'c.secrecy',
  pages: 'c.pages',
  textState: 'c.text_state',
  id: 'c.id',
  imported: 'c.id',
};
/** What an empty value of a sort column holds (sort keys of empty text are EMPTY_KEY, which sorts last). */
const EMPTY_VALUE: Partial<Record<CatalogueSort['key'], string>> = {
  code: EMPTY_KEY,
  docType: EMPTY_KEY,
  issuer: EMPTY_KEY,
  date: EMPTY_KEY,
  abstract: EMPTY_KEY,
  title: EMPTY_KEY,
  location: EMPTY_KEY,
  secrecy: '',
};
const TEXT_STATE_VALUE: Record<TextState, number> = { none: 0, ocr: 1, typed: 2 };
const TEXT_STATE_NAME: TextState[] = ['none', 'ocr', 'typed'];

interface Where {
  sql: string;
  params: unknown[];
}

/** An ISO day moved back by a number of days. */
function daysBefore(iso: string, days: number): string {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - Math.ceil(days) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The filter's conditions other than words, as SQL over `catalogue c`. `longestSpan` (days) is the
 * longest date span in the archive: a document meeting the range must start no earlier than that
 * before it, which lets the date index narrow the rows (an overlap of two ranges has no index).
 */
export function filterSql(filter: CatalogueFilter, longestSpan = Infinity): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.from) {
    const from = dateBound(filter.from, 'start')!;
    parts.push('c.date_end >= ?');
    params.push(from);
    if (Number.isFinite(longestSpan)) {
      parts.push('c.date_key >= ?');
      params.push(daysBefore(from, longestSpan));
    }
  }
  if (filter.to) {
    const to = dateBound(filter.to, 'end')!;
    parts.push('c.date_start <= ?', 'c.date_key < ?');
    // date_key is "start end": every key of a document starting on or before `to` is below "to~".
    params.push(to, `${to}~`);
  }
  const either = (codeCol: string, foldCol: string, values: string[], prefix: boolean) => {
    const codes = values.map(codeFold);
    const folds = values.map(foldKey).filter(Boolean);
    const byName = prefix ? folds.map(() => `(${foldCol} >= ? AND ${foldCol} < ?)`) : folds.length ? [`${foldCol} IN (${folds.map(() => '?').join(', ')})`] : [];
    parts.push(`(${codeCol} IN (${codes.map(() => '?').join(', ')})${byName.length ? ` OR ${byName.join(' OR ')}` : ''})`);
    params.push(...codes);
    if (prefix) for (const f of folds) params.push(f, `${f}\uffff`);
    else params.push(...folds);
  };
  // A type is named exactly or by its abbreviation; an issuer also by the start of its name
  // ("Huyện ủy" keeps every district committee).
  if (filter.docTypes?.length) either('c.type_code', 'c.type_fold', filter.docTypes, false);
  if (filter.issuers?.length) either('c.issuer_code', 'c.issuer_fold', filter.issuers, true);
  for (const [field, col] of [
    ['repository', 'c.repository'],
    ['fond', 'c.fond'],
    ['inventory', 'c.inventory'],
    ['box', 'c.box'],
    ['file', 'c.file'],
  ] as const) {
    const v = filter[field];
    if (v === undefined) continue;
    parts.push(`${col} = ?`);
    // The tree's "(chưa xếp)" node is the empty value.
    params.push(v === UNPLACED ? '' : v);
  }
  if (filter.secrecy?.length) {
    parts.push(`c.secrecy IN (${filter.secrecy.map(() => '?').join(', ')})`);
    params.push(...filter.secrecy.map((s) => (s === 'none' ? '' : s)));
  }
  for (const tag of filter.tags ?? []) {
    parts.push('c.id IN (SELECT document_id FROM document_tags WHERE tag = ?)');
    params.push(tag);
  }
  if (filter.textStates?.length) {
    parts.push(`c.text_state IN (${filter.textStates.map((s) => TEXT_STATE_VALUE[s]).join(', ')})`);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}


interface Ordered {
  ids: number[];
  total: number;
  totalIsExact: boolean;
  ranking: Ranking | null;
}

function hasWords(filter: CatalogueFilter): boolean {
  return !!filter.words && filter.words.trim() !== '';
}

/** Every id the filter keeps, in the order asked; with words, among the documents the ranking found. */
function orderAll(db: Db, filter: CatalogueFilter, sort: CatalogueSort, longestSpan: () => number): Ordered {
  const where = filterSql(filter, filter.from !== undefined ? longestSpan() : Infinity);
  if (hasWords(filter)) {
    const ranking = rankDocuments(db, filter.words!, { exact: filter.exact ?? false, facets: facetExpression(filter) });
    if (ranking.documents.length === 0) return { ids: [], total: 0, totalIsExact: ranking.complete, ranking };
    const rankedIds = ranking.documents.map((d) => d.documentId);
    const inRanking = `c.id IN (SELECT value FROM json_each(?))`;
    let ids: number[];
    if (sort.key === 'relevance') {
      const kept = new Set(
        db.prepare(`SELECT c.id FROM catalogue c WHERE ${inRanking} AND ${where.sql}`).pluck().all(JSON.stringify(rankedIds), ...where.params) as number[],
      );
      ids = rankedIds.filter((id) => kept.has(id));
      if (sort.descending) ids.reverse();
    } else {
      const dir = sort.descending ? 'DESC' : 'ASC';
      const empty = EMPTY_VALUE[sort.key];
      // Empty values last either way.
      const emptyLast = empty !== undefined ? `(${SORT_COLUMN[sort.key]} = ?), ` : '';
      ids = db
        .prepare(`SELECT c.id FROM catalogue c WHERE ${inRanking} AND ${where.sql} ORDER BY ${emptyLast}+${SORT_COLUMN[sort.key]} ${dir}, c.id ${dir}`)
        .pluck()
        .all(JSON.stringify(rankedIds), ...where.params, ...(empty !== undefined ? [empty] : [])) as number[];
    }
    return { ids, total: ids.length, totalIsExact: ranking.complete, ranking };
  }
  // Without words, "relevance" has no meaning: newest first, as the grid shows.
  const key = sort.key === 'relevance' ? 'imported' : sort.key;
  const dir = sort.key === 'relevance' ? 'DESC' : sort.descending ? 'DESC' : 'ASC';
  const col = SORT_COLUMN[key];
  // Unfiltered, the sort key's index gives the order; filtered, the filter's index finds the rows
  // and they are sorted after (`+` keeps SQLite from walking the whole sort index to filter it).
  const order = (d: string) => (where.sql === '1' ? `ORDER BY ${col} ${d}, c.id ${d}` : `ORDER BY +${col} ${d}, c.id ${d}`);
  const empty = EMPTY_VALUE[key];
  if (dir === 'DESC' && empty !== undefined) {
    // Empty values stay last whichever way the column is sorted: two reads, each in index order.
    const filled = db.prepare(`SELECT c.id FROM catalogue c WHERE ${where.sql} AND ${col} <> ? ${order('DESC')}`).pluck().all(...where.params, empty) as number[];
    const blank = db.prepare(`SELECT c.id FROM catalogue c WHERE ${where.sql} AND ${col} = ? ORDER BY c.id DESC`).pluck().all(...where.params, empty) as number[];
    const ids = filled.concat(blank);
    return { ids, total: ids.length, totalIsExact: true, ranking: null };
  }
  const ids = db.prepare(`SELECT c.id FROM catalogue c WHERE ${where.sql} ${order(dir)}`).pluck().all(...where.params) as number[];
  return { ids, total: ids.length, totalIsExact: true, ranking: null };
}

/**
 * The last few orders computed, per database: scrolling a catalogue of 100,000 documents asks for
 * window after window of the same order, which is then a slice. Any write (this connection's
 * total_changes, or another's commit: data_version) makes them stale.
 */
const orders = new WeakMap<Db, { stamp: string; entries: Map<string, Ordered>; longestSpan?: number }>();
const KEPT_ORDERS = 4;

function ordered(db: Db, filter: CatalogueFilter, sort: CatalogueSort): Ordered {
  const stamp = writeStamp(db);
  let cache = orders.get(db);
  if (!cache || cache.stamp !== stamp) {
    cache = { stamp, entries: new Map() };
    orders.set(db, cache);
  }
  const key = JSON.stringify([filter, sort]);
  let o = cache.entries.get(key);
  if (o) cache.entries.delete(key);
  else {
    const c = cache;
    o = orderAll(db, filter, sort, () =>
      (c.longestSpan ??= (db.prepare('SELECT max(date_span) FROM catalogue').pluck().get() as number | null) ?? 0),
    );
  }
  cache.entries.set(key, o);
  while (cache.entries.size > KEPT_ORDERS) cache.entries.delete(cache.entries.keys().next().value!);
  return o;
}

interface JoinedRow {
  id: number;
  title: string;
  metadata: string;
  version: number;
  code: string;
  doc_type: string;
  issuer: string;
  pages: number;
  text_state: number;
  cover: number | null;
  rotation: number | null;
}

/** Rows of the documents named, in the order named (missing ones left out). */
export function rowsByIds(db: Db, ids: readonly number[], ranking?: Ranking | null): CatalogueRow[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT c.id, d.title, d.metadata, d.version, c.code, c.doc_type, c.issuer, c.pages, c.text_state,
         p.id AS cover, p.rotation AS rotation
       FROM catalogue c JOIN documents d ON d.id = c.id LEFT JOIN pages p ON p.document_id = c.id AND p.seq = 1
       WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as JoinedRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ranked = ranking ? new Map(ranking.documents.map((d) => [d.documentId, d])) : null;
  const out: CatalogueRow[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    const m = parseStoredMetadata(r.metadata);
    const loc = m.location ?? {};
    const rankedDoc = ranked?.get(id);
    const row: CatalogueRow = {
      id,
      title: r.title,
      code: r.code,
      docType: r.doc_type,
      issuer: r.issuer,
      date: m.date ?? null,
      abstract: m.abstract ?? '',
      repository: loc.repository ?? '',
      fond: loc.fond ?? '',
      inventory: loc.inventory ?? '',
      box: loc.box ?? '',
      file: loc.file ?? '',
      folio: loc.folio ?? '',
      secrecy: m.secrecy ?? '',
      tags: m.tags ?? [],
      pages: r.pages,
      textState: TEXT_STATE_NAME[r.text_state] ?? 'none',
      coverPageId: r.cover,
      coverRotation: r.rotation ?? 0,
      version: r.version,
    };
    if (rankedDoc && ranking) {
      const { metadataOnly, ...hit } = hitOf(db, rankedDoc, ranking.query);
      row.hit = metadataOnly ? { ...hit, metadataOnly } : hit;
    }
    out.push(row);
  }
  return out;
}

export function queryCatalogue(db: Db, filter: CatalogueFilter, sort: CatalogueSort, offset: number, limit: number): CataloguePage {
  const t0 = performance.now();
  const o = ordered(db, filter, sort);
  const rows = rowsByIds(db, o.ids.slice(offset, offset + limit), o.ranking);
  return { total: o.total, totalIsExact: o.totalIsExact, offset, rows, tookMs: Math.round((performance.now() - t0) * 10) / 10 };
}

export function catalogueIds(db: Db, filter: CatalogueFilter, sort: CatalogueSort): number[] {
  return [...ordered(db, filter, sort).ids];
}

const LEVELS = ['fond', 'inventory', 'box', 'file'] as const;

/** The values under `path` (phông, then mục lục, hộp, hồ sơ), in Vietnamese order with numbers by value. */
export function catalogueTree(db: Db, path: readonly string[]): CatalogueTreeLevel {
  const level = LEVELS[Math.min(path.length, LEVELS.length - 1)]!;
  const conds = path.slice(0, LEVELS.length - 1).map((_, i) => `${LEVELS[i]} = ?`);
  const params = path.slice(0, LEVELS.length - 1).map((v) => (v === UNPLACED ? '' : v));
  const rows = db
    .prepare(`SELECT ${level} AS value, count(*) AS documents FROM catalogue ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} GROUP BY ${level}`)
    .all(...params) as FacetValue[];
  const unplaced = rows.find((r) => r.value === '')?.documents ?? 0;
  const children = rows.filter((r) => r.value !== '').sort((a, b) => compareVietnamese(a.value, b.value));
  return { level, children, unplaced };
}

/** The values used in a field, most used first, values used as often in Vietnamese order. */
export function catalogueFacets(db: Db, field: 'docType' | 'issuer' | 'repository' | 'fond' | 'tags' | 'secrecy', limit: number): FacetValue[] {
  const sql: Record<typeof field, string> = {
    docType: "SELECT min(doc_type) AS value, count(*) AS documents FROM catalogue WHERE doc_type <> '' GROUP BY type_key",
    issuer: "SELECT min(issuer) AS value, count(*) AS documents FROM catalogue WHERE issuer <> '' GROUP BY issuer_key",
    repository: "SELECT repository AS value, count(*) AS documents FROM catalogue WHERE repository <> '' GROUP BY repository",
    fond: "SELECT fond AS value, count(*) AS documents FROM catalogue WHERE fond <> '' GROUP BY fond",
    tags: 'SELECT tag AS value, count(*) AS documents FROM document_tags GROUP BY tag',
    secrecy: "SELECT secrecy AS value, count(*) AS documents FROM catalogue WHERE secrecy <> '' GROUP BY secrecy",
  };
  // Ties in Vietnamese order, which SQLite cannot do: every value is read (a few thousand at
  // most), ordered here, then cut to the limit.
  const rows = db.prepare(sql[field]).all() as FacetValue[];
  const keyed = rows.map((r) => ({ r, k: vietnameseSortKey(r.value) }));
  keyed.sort((a, b) => b.r.documents - a.r.documents || (a.k < b.k ? -1 : a.k > b.k ? 1 : compareVietnamese(a.r.value, b.r.value)));
  return keyed.slice(0, Math.max(0, limit)).map((x) => x.r);
}

/** Forgets the orders kept for a database (the benchmark measures a first query, not a slice). */
export function forgetOrders(db: Db): void {
  orders.delete(db);
}
