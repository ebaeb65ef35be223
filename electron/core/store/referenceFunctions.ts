/**
 * SQL functions the reference index's triggers call (migration 0017): they read a page's text
 * and a document's description with the same readers the rest of the application uses, so the
 * index holds what the links and the "to collect" list would find by reading everything again.
 *
 *   suquan_refs(text, abbreviations)
 *       the references to documents by number-and-symbol in a page's text, as JSON
 *       [[key, code, offset, dateStart, dateEnd, dateText, term, numbering], …]
 *       (shared/text/referenceDate.ts; numbering: how the code's numbers restart, partyTerms.ts)
 *   suquan_doc_code(metadata, suggestions, abbreviations)
 *       what identifies a document: its number-and-symbol (as described, else as its header
 *       suggests) folded to a key, and its date as first and last day, as JSON
 *
 * `abbreviations` is the project's own additions to the code tables, passed by the trigger as
 * JSON [[table, code, name], …] (code_abbreviations), so a project's own issuers count wherever
 * the write comes from. A function cannot read the database itself.
 */
import { defaultTables, mergeTables, parseDocumentCode, type DocumentCodeTableAdditions, type DocumentCodeTables } from '../../../shared/text/index';
import { numberingOf } from '../../../shared/text/partyTerms';
import { foldKey } from '../../../shared/text/fold';
import { parsePartialDate } from '../../../shared/text/partialDate';
import { readDatedReferences } from '../../../shared/text/referenceDate';
import type { Db } from './projectDatabase';

/** The SQL the triggers pass as `abbreviations`. */
export const ABBREVIATIONS_SQL = `(SELECT json_group_array(json_array(table_name, code, name)) FROM code_abbreviations)`;
/** The document_refs columns, filled from a page and the references suquan_refs read in its text. */
export const REF_COLUMNS = 'page_id, document_id, seq, ord, code_key, code, pos, date_start, date_end, date_text, term, numbering';
/** Values for REF_COLUMNS: the page's id, document and position (SQL expressions) and one reference `r` (a json_each row of suquan_refs). */
export const refValues = (page: string, documentId: string, seq: string) =>
  `${page}, ${documentId}, ${seq}, CAST(r.key AS INTEGER), ${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `json_extract(r.value, '$[${i}]')`).join(', ')}`;

let lastJson = '';
let lastTables: DocumentCodeTables = defaultTables;

/** The code tables with a project's additions, given as the JSON the triggers build. */
export function tablesFromJson(json: unknown): DocumentCodeTables {
  if (typeof json !== 'string' || json === '[]' || json === '') return defaultTables;
  if (json === lastJson) return lastTables;
  let rows: unknown;
  try {
    rows = JSON.parse(json);
  } catch {
    return defaultTables;
  }
  const additions: Record<string, Record<string, string>> = {};
  if (Array.isArray(rows))
    for (const r of rows) if (Array.isArray(r) && r.every((x) => typeof x === 'string')) (additions[r[0] as string] ??= {})[r[1] as string] = r[2] as string;
  lastTables = mergeTables(defaultTables, additions as DocumentCodeTableAdditions);
  lastJson = json;
  return lastTables;
}

/** Quick test before the reader runs: a digit followed by a hyphen or slash. */
const MAY_HAVE_CODE = /\d\s?[-/\u2010-\u2013]/u;

export function pageReferencesJson(text: unknown, abbreviations: unknown): string {
  if (typeof text !== 'string' || !MAY_HAVE_CODE.test(text)) return '[]';
  const refs = readDatedReferences(text.normalize('NFC'), tablesFromJson(abbreviations));
  return JSON.stringify(refs.map((r) => [r.key, r.code, r.start, r.date?.start ?? null, r.date?.end ?? null, r.date?.text ?? null, r.term ?? null, numberingOf(r.reference.parsed)]));
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u;

function firstDay(iso: string): string | null {
  const m = ISO.exec(iso);
  return m ? `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}` : null;
}

function lastDay(iso: string): string | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  if (m[3]) return iso;
  const y = Number(m[1]);
  const month = m[2] ?? '12';
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${m[1]}-${month}-${month === '02' && leap ? 29 : DAYS[Number(month) - 1]}`;
}

/** A stored date ({ text, start, end }) as its first and last day; the text is read when the bounds are missing. */
export function daySpanOf(date: unknown): { start: string; end: string } | null {
  if (!date || typeof date !== 'object') return null;
  const d = date as { text?: unknown; start?: unknown; end?: unknown };
  const start = typeof d.start === 'string' ? firstDay(d.start) : null;
  const end = typeof d.end === 'string' ? lastDay(d.end) : null;
  if (start && end) return { start, end };
  if (start) return { start, end: lastDay(d.start as string)! };
  if (end) return { start: firstDay(d.end as string)!, end };
  if (typeof d.text === 'string' && d.text.trim()) {
    const p = parsePartialDate(d.text);
    if (p) return { start: p.start, end: p.end };
  }
  return null;
}

function object(json: unknown): Record<string, unknown> {
  if (typeof json !== 'string') return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function codeKey(code: unknown, tables: DocumentCodeTables): { key: string; code: string } | null {
  if (typeof code !== 'string' || !code.trim()) return null;
  const parsed = parseDocumentCode(code, tables);
  const canonical = parsed?.normalized ?? code.normalize('NFC').trim();
  const key = foldKey(canonical);
  return key ? { key, code: canonical } : null;
}

export function documentCodeJson(metadata: unknown, suggestions: unknown, abbreviations: unknown): string {
  const tables = tablesFromJson(abbreviations);
  const m = object(metadata);
  const s = object(suggestions);
  const own = codeKey(m.code, tables);
  const suggested = codeKey(s.code, tables);
  const code = own ?? suggested;
  const date = daySpanOf(m.date) ?? daySpanOf(s.date);
  return JSON.stringify({
    key: code?.key ?? null,
    code: code?.code ?? null,
    suggestedKey: suggested && suggested.key !== code?.key ? suggested.key : null,
    start: date?.start ?? null,
    end: date?.end ?? null,
  });
}

export function registerReferenceFunctions(db: Db): void {
  db.function('suquan_refs', { deterministic: true }, pageReferencesJson);
  db.function('suquan_doc_code', { deterministic: true }, documentCodeJson);
}
