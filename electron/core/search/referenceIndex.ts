/**
 * Reading the reference index (migration 0017: document_refs, document_codes) and the
 * manuscript's references, for the links between sources and the list of documents to collect.
 *
 * The archive's references are in the index, kept by triggers. The manuscript's are read from
 * the chapters' text when asked (a book has tens of chapters, an archive hundreds of thousands of
 * pages) and kept until a chapter, or the archive's documents, change. A citation of an archived
 * document names that document itself; only its stored text is read when the document is gone.
 */
import type { DocumentCodeTables } from '../../../shared/text/documentCodeTables';
import { parseDateLead } from '../../../shared/text/partialDate';
import { numberingOf, type CodeNumbering } from '../../../shared/text/partyTerms';
import { readDatedReferences } from '../../../shared/text/referenceDate';
import { paragraphTexts } from '../../../shared/manuscript/richDoc';
import { ABBREVIATIONS_SQL, REF_COLUMNS, refValues } from '../store/referenceFunctions';
import type { Db } from '../store/projectDatabase';
import type { Candidate, DaySpan, ReferenceToResolve } from './referenceResolution';

/** An archived document as a candidate for a reference. */
export interface CandidateDocument extends Candidate {
  title: string;
  code: string;
  /** The date as written ("Tháng 8-2022"), for showing. */
  dateText: string;
}

/** A reference found in the archive or the manuscript, with what resolving it needs. */
export interface FoundReference {
  key: string;
  code: string;
  date: (DaySpan & { text: string }) | null;
  term: string | null;
  /** How the code's numbers restart (read with the project's tables when the text was indexed). */
  numbering: CodeNumbering;
}

export interface PageReference extends FoundReference {
  documentId: number;
  pageSeq: number;
}

const span = (start: unknown, end: unknown): DaySpan | null => (typeof start === 'string' && typeof end === 'string' ? { start, end } : null);

/** What a document is identified by: its code key (and the one its header suggests) and its date. */
export interface DocumentIdentity {
  key: string | null;
  suggestedKey: string | null;
  code: string | null;
  date: DaySpan | null;
}

export function identityOf(db: Db, documentId: number): DocumentIdentity {
  const r = db.prepare('SELECT code_key, suggested_key, code, date_start, date_end FROM document_codes WHERE document_id = ?').get(documentId) as
    | { code_key: string | null; suggested_key: string | null; code: string | null; date_start: string | null; date_end: string | null }
    | undefined;
  return { key: r?.code_key ?? null, suggestedKey: r?.suggested_key ?? null, code: r?.code ?? null, date: span(r?.date_start, r?.date_end) };
}

/** What identifies each of the documents given (the texts that refer): own codes and date. */
export function identitiesOf(db: Db, ids: readonly number[]): Map<number, DocumentIdentity> {
  const out = new Map<number, DocumentIdentity>();
  if (!ids.length) return out;
  const stmt = db.prepare('SELECT document_id AS id, code_key, suggested_key, code, date_start, date_end FROM document_codes WHERE document_id IN (SELECT value FROM json_each(?))');
  for (const r of stmt.all(JSON.stringify(ids)) as { id: number; code_key: string | null; suggested_key: string | null; code: string | null; date_start: string | null; date_end: string | null }[])
    out.set(r.id, { key: r.code_key, suggestedKey: r.suggested_key, code: r.code, date: span(r.date_start, r.date_end) });
  return out;
}

/** The archived documents bearing each code key. */
export function candidatesFor(db: Db, keys: Iterable<string>): Map<string, CandidateDocument[]> {
  const list = [...new Set(keys)];
  const out = new Map<string, CandidateDocument[]>();
  if (!list.length) return out;
  const rows = db
    .prepare(
      `SELECT c.code_key AS key, c.document_id AS id, d.title, c.code, c.date_start, c.date_end,
              coalesce(json_extract(d.metadata, '$.date.text'), json_extract(d.suggestions, '$.date.text'), '') AS date_text
       FROM document_codes c JOIN documents d ON d.id = c.document_id
       WHERE c.code_key IN (SELECT value FROM json_each(?)) ORDER BY c.date_start NULLS LAST, c.document_id`,
    )
    .all(JSON.stringify(list)) as { key: string; id: number; title: string; code: string; date_start: string | null; date_end: string | null; date_text: unknown }[];
  for (const r of rows) {
    const c: CandidateDocument = { id: r.id, title: r.title, code: r.code, date: span(r.date_start, r.date_end), dateText: typeof r.date_text === 'string' ? r.date_text : '' };
    const l = out.get(r.key);
    if (l) l.push(c);
    else out.set(r.key, [c]);
  }
  return out;
}

interface RefRow {
  document_id: number;
  seq: number;
  code_key: string;
  code: string;
  date_start: string | null;
  date_end: string | null;
  date_text: string | null;
  term: string | null;
  numbering: CodeNumbering;
}

function toPageReference(r: RefRow): PageReference {
  const d = span(r.date_start, r.date_end);
  return { documentId: r.document_id, pageSeq: r.seq, key: r.code_key, code: r.code, date: d ? { ...d, text: r.date_text ?? '' } : null, term: r.term, numbering: r.numbering };
}

const READ_COLUMNS = 'r.document_id, r.seq, r.code_key, r.code, r.date_start, r.date_end, r.date_text, r.term, r.numbering';

/** A document's references, in reading order. */
export function referencesIn(db: Db, documentId: number): PageReference[] {
  return (db.prepare(`SELECT ${READ_COLUMNS} FROM document_refs r WHERE r.document_id = ? ORDER BY r.seq, r.ord`).all(documentId) as RefRow[]).map(toPageReference);
}

/** Every reference to a code in the archive, by document and page. */
export function referencesTo(db: Db, key: string): PageReference[] {
  return (db.prepare(`SELECT ${READ_COLUMNS} FROM document_refs r WHERE r.code_key = ? ORDER BY r.document_id, r.seq, r.ord`).all(key) as RefRow[]).map(
    toPageReference,
  );
}

/** What resolving a reference needs, given the date of the text that makes it. */
export function toResolve(ref: FoundReference, referrer: DaySpan | null): ReferenceToResolve {
  return { numbering: ref.numbering, date: ref.date, term: ref.term, referrer };
}

/**
 * Reads the references again on the pages whose text holds `segment` (an abbreviation the
 * project added, changed or removed), and every document's code: what the tables say changed.
 */
export function reindexForAbbreviation(db: Db, segment: string): void {
  const variants = [...new Set([segment, segment.toUpperCase(), segment.toUpperCase().replace(/Đ/gu, 'D')])];
  const where = variants.map(() => 'instr(text, ?) > 0').join(' OR ');
  db.transaction(() => {
    db.prepare(`DELETE FROM document_refs WHERE page_id IN (SELECT id FROM pages WHERE ${where})`).run(...variants);
    db.prepare(`INSERT INTO document_refs(${REF_COLUMNS}) SELECT ${refValues('p.id', 'p.document_id', 'p.seq')} FROM pages p, json_each(suquan_refs(p.text, ${ABBREVIATIONS_SQL})) r WHERE ${where.replaceAll('text', 'p.text')}`).run(
      ...variants,
    );
    db.prepare(
      `INSERT OR REPLACE INTO document_codes(document_id, code_key, code, suggested_key, date_start, date_end)
       SELECT d.id, json_extract(j, '$.key'), json_extract(j, '$.code'), json_extract(j, '$.suggestedKey'), json_extract(j, '$.start'), json_extract(j, '$.end')
       FROM (SELECT id, suquan_doc_code(metadata, suggestions, ${ABBREVIATIONS_SQL}) AS j FROM documents
             WHERE json_extract(metadata, '$.code') IS NOT NULL OR json_extract(suggestions, '$.code') IS NOT NULL) d`,
    ).run();
  })();
}

// ---- the manuscript ------------------------------------------------------------------------------

export interface ChapterReference extends FoundReference {
  bookId: number;
  nodeId: number;
  /** The date of the chronicle entry the reference is in ("Ngày 5-8-1975. …"), if any. */
  entryDate: DaySpan | null;
}

export interface ManuscriptReferences {
  refs: ChapterReference[];
  /** Titles of the books and chapters the references are in. */
  books: Map<number, string>;
  nodes: Map<number, string>;
}

const manuscriptCache = new WeakMap<Db, { stamp: string; value: ManuscriptReferences }>();

/**
 * The references in the text of every chapter (and front and back matter) of every book: plain
 * mentions of a number-and-symbol, and citations whose archived document is gone (their stored
 * text). In a chronicle, an entry's date is the date of the text that refers.
 */
export function manuscriptReferences(db: Db, tables: DocumentCodeTables): ManuscriptReferences {
  const s = db
    .prepare(
      `SELECT (SELECT count(*) || ':' || coalesce(max(updated_at), '') || ':' || total(id) || ':' || total(version) || ':' || count(deleted_at) FROM book_nodes) || '|' ||
              (SELECT count(*) || ':' || coalesce(max(id), 0) FROM documents) || '|' || (SELECT coalesce(group_concat(id || kind || title, ''), '') FROM books) || '|' ||
              (SELECT coalesce(group_concat(table_name || code || name, ''), '') FROM code_abbreviations) AS stamp`,
    )
    .get() as { stamp: string };
  const hit = manuscriptCache.get(db);
  if (hit && hit.stamp === s.stamp) return hit.value;

  const books = new Map<number, string>();
  const kinds = new Map<number, string>();
  for (const b of db.prepare('SELECT id, title, kind FROM books').all() as { id: number; title: string; kind: string }[]) {
    books.set(b.id, b.title);
    kinds.set(b.id, b.kind);
  }
  const existing = new Set((db.prepare('SELECT id FROM documents').pluck().all() as number[]));
  const nodes = new Map<number, string>();
  const refs: ChapterReference[] = [];
  const rows = db
    .prepare(`SELECT id, book_id, title, content FROM book_nodes WHERE deleted_at IS NULL AND content LIKE '%-%' ORDER BY book_id, id`)
    .iterate() as Iterable<{ id: number; book_id: number; title: string; content: string }>;
  for (const n of rows) {
    let doc: { content?: unknown[] };
    try {
      doc = JSON.parse(n.content) as { content?: unknown[] };
    } catch {
      continue;
    }
    const lines = paragraphTexts(doc, (ref, fallback) => (existing.has(ref.documentId) ? '' : fallback));
    const chronicle = kinds.get(n.book_id) === 'chronicle';
    for (const line of lines) {
      const found = readDatedReferences(line.normalize('NFC'), tables);
      if (!found.length) continue;
      const lead = chronicle ? parseDateLead(line) : null;
      nodes.set(n.id, n.title);
      for (const r of found)
        refs.push({
          bookId: n.book_id,
          nodeId: n.id,
          key: r.key,
          code: r.code,
          date: r.date ? { start: r.date.start, end: r.date.end, text: r.date.text } : null,
          term: r.term ?? null,
          numbering: numberingOf(r.reference.parsed),
          entryDate: lead ? { start: lead.date.start, end: lead.date.end } : null,
        });
    }
  }
  const value = { refs, books, nodes };
  manuscriptCache.set(db, { stamp: s.stamp, value });
  return value;
}
