/**
 * SQL functions the schema itself uses (the search index's triggers call them), registered on
 * every connection before migrations run: a project's database is only ever written through
 * openProjectDatabase.
 *
 *   suquan_fold(text)       the text folded for search (shared/text/fold.ts): no case, no
 *                           diacritics, đ → d; same length as the NFC text, so offsets carry over
 *   suquan_meta_text(json)  the searchable values of a document's archival metadata, folded
 *   suquan_exact_text(title, json, text)
 *                           title, metadata values and text lower-cased with their diacritics
 *                           (foldExact), for matching as spelled
 *   suquan_facets(json)     the description as search tokens (searchFacets.ts)
 *   suquan_catalogue_row(title, json)
 *                           a document's catalogue values and sort keys, as JSON (catalogueRow.ts)
 *   suquan_chunks(text)     table: a page's text in chunks (n, chunk) as the index holds it (pageChunks.ts)
 */
import { foldExact, foldForSearch } from '../../../shared/text/fold';
import { catalogueRowValues } from './catalogueRow';
import { pageChunks } from './pageChunks';
import { facetTokens } from './searchFacets';
import type { Db } from './projectDatabase';
import { registerReferenceFunctions } from './referenceFunctions';

/** Metadata fields a search looks in (not secrecy, languages and other codes). */
const FIELDS = ['code', 'docType', 'issuer', 'place', 'abstract', 'form', 'condition', 'annotations', 'notes'] as const;
const LISTS = ['tags', 'people', 'places', 'organisations'] as const;

export function metadataSearchText(json: string): string {
  return foldForSearch(metadataValues(json));
}

/** The searchable values of metadata JSON as written, one per line ('' for JSON that is not an object). */
function metadataValues(json: string): string {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return '';
  }
  if (!m || typeof m !== 'object') return '';
  const parts: string[] = [];
  for (const f of FIELDS) if (typeof m[f] === 'string') parts.push(m[f]);
  for (const f of LISTS) if (Array.isArray(m[f])) for (const v of m[f] as unknown[]) if (typeof v === 'string') parts.push(v);
  const date = m.date as { text?: unknown } | undefined;
  if (typeof date?.text === 'string') parts.push(date.text);
  const loc = m.location;
  if (loc && typeof loc === 'object') for (const v of Object.values(loc)) if (typeof v === 'string') parts.push(v);
  return parts.join(' \n ');
}

/**
 * The last value computed from a document's metadata: the triggers call these functions once per
 * page with the same metadata (an import adds a document's pages one after another), so the last
 * answer is kept.
 */
function lastOf<T>(f: (json: string) => T): (json: string) => T {
  let key: string | null = null;
  let value: T;
  return (json) => {
    if (json !== key) {
      value = f(json);
      key = json;
    }
    return value;
  };
}

export function registerSqlFunctions(db: Db): void {
  const metaValues = lastOf(metadataValues);
  const facets = lastOf(facetTokens);
  const metaFolded = lastOf(metadataSearchText);
  // suquan_refs, suquan_doc_code: the reference index (referenceFunctions.ts).
  registerReferenceFunctions(db);
  db.function('suquan_fold', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? foldForSearch(s) : ''));
  db.function('suquan_meta_text', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? metaFolded(s) : ''));
  db.function('suquan_exact_text', { deterministic: true }, (title: unknown, meta: unknown, text: unknown) =>
    foldExact([title, typeof meta === 'string' ? metaValues(meta) : '', text].filter((v): v is string => typeof v === 'string').join(' \n ')),
  );
  db.function('suquan_facets', { deterministic: true }, (meta: unknown) => (typeof meta === 'string' ? facets(meta) : ''));
  db.table('suquan_chunks', {
    columns: ['n', 'chunk'],
    parameters: ['text'],
    *rows(text: unknown) {
      for (const c of pageChunks(typeof text === 'string' ? text : '')) yield { n: c.n, chunk: c.text };
    },
  });
  db.function('suquan_catalogue_row', { deterministic: true }, (title: unknown, meta: unknown) =>
    JSON.stringify(catalogueRowValues(typeof title === 'string' ? title : '', typeof meta === 'string' ? meta : '{}')),
  );
}
