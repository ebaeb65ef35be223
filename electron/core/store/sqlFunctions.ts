/**
 * SQL functions the schema itself uses (the search index's triggers call them), registered on
 * every connection before migrations run: a project's database is only ever written through
 * openProjectDatabase.
 *
 *   suquan_fold(text)       the text folded for search (shared/text/fold.ts): no case, no
 *                           diacritics, đ → d; same length as the NFC text, so offsets carry over
 *   suquan_meta_text(json)  the searchable values of a document's archival metadata, folded
 */
import { foldForSearch } from '../../../shared/text/fold';
import type { Db } from './projectDatabase';

/** Metadata fields a search looks in (not secrecy, languages and other codes). */
const FIELDS = ['code', 'docType', 'issuer', 'place', 'abstract', 'form', 'condition', 'annotations', 'notes'] as const;
const LISTS = ['tags', 'people', 'places', 'organisations'] as const;

export function metadataSearchText(json: string): string {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return '';
  }
  const parts: string[] = [];
  for (const f of FIELDS) if (typeof m[f] === 'string') parts.push(m[f]);
  for (const f of LISTS) if (Array.isArray(m[f])) for (const v of m[f] as unknown[]) if (typeof v === 'string') parts.push(v);
  const date = m.date as { text?: unknown } | undefined;
  if (typeof date?.text === 'string') parts.push(date.text);
  const loc = m.location;
  if (loc && typeof loc === 'object') for (const v of Object.values(loc)) if (typeof v === 'string') parts.push(v);
  return foldForSearch(parts.join(' \n '));
}

export function registerSqlFunctions(db: Db): void {
  db.function('suquan_fold', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? foldForSearch(s) : ''));
  db.function('suquan_meta_text', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? metadataSearchText(s) : ''));
}
