/**
 * Searching the archive. A query (shared/archive/searchQuery.ts) is compiled to SQLite FTS5 over
 * the index of migration 0016: the folded columns (title, meta, body: no case, no diacritics,
 * đ = d) find every spelling, the `exact` column (diacritics kept) the spelling typed. Every token
 * is a whole syllable; a prefix only when asked for (`nghi*`).
 *
 * Ranking (rankDocuments): the spelling typed first ("Đảng bộ" before "đang bỏ"; with `exact`,
 * only it), then matches in the title or description, then in the text; bm25 within a tier when
 * few pages match. At most RANK_CAP pages per tier are read, and the total then says it is a
 * lower bound.
 *
 * Pages are grouped by document (its best page first); a snippet is cut from the best page's NFC
 * text with the matched syllables marked — folding keeps offsets, so a match found in the folded
 * text is at the same place in the original.
 */
import type { ArchiveSearchHit, ArchiveSearchResult } from '../../../shared/api/archive';
import { hasDiacritics, markTerms, parseSearchQuery, type ParsedQuery, type QueryTerm } from '../../../shared/archive/searchQuery';
import { foldForSearch } from '../../../shared/text/fold';
import type { Db } from '../store/projectDatabase';

/** Pages read at most per kind of match (newest first); beyond it a search says "more than". */
export const RANK_CAP = 1000;
/** Up to this many matching pages, every one is scored with bm25; beyond it, tiers and recency order them. */
const SCORE_LIMIT = 600;

const phrase = (tokens: string[], prefix: boolean) => `"${tokens.join(' ')}"${prefix ? '*' : ''}`;

/**
 * The FTS5 expression of a parsed query: over the folded columns or the exact one, and with `facets` (searchFacets.ts) the filter's
 * part that the index can answer. '' when nothing is asked.
 */
export function ftsExpression(q: ParsedQuery, mode: 'folded' | 'exact', facets = ''): string {
  if (q.groups.length === 0) return '';
  const one = (t: QueryTerm) => phrase(mode === 'exact' ? t.exact : t.folded, t.prefix);
  const any = (ts: QueryTerm[]) => (ts.length === 1 ? one(ts[0]!) : `(${ts.map(one).join(' OR ')})`);
  const columns = mode === 'exact' ? 'exact' : '{title meta body}';
  let expr = `${columns} : (${q.groups.map(any).join(' AND ')})`;
  if (facets) expr = `(${expr}) AND (${facets})`;
  // An excluded word is left out wherever it is (the title or description included).
  if (q.excluded.length) expr = `(${expr}) NOT (${mode === 'exact' ? 'exact' : '{title meta body}'} : ${any(q.excluded)})`;
  return expr;
}

export interface RankedDocument {
  documentId: number;
  pageId: number;
  pageSeq: number;
  /** Pages of the document among those read. */
  matchingPages: number;
  /** The best page has the words as spelled. */
  exact: boolean;
}

export interface Ranking {
  documents: RankedDocument[];
  /** False when more pages match than were read (RANK_CAP): more documents contain the words. */
  complete: boolean;
  query: ParsedQuery;
}

/** Pages matching, newest first, at most RANK_CAP (the index walks its lists backwards and stops). */
function probe(db: Db, expr: string): number[] {
  return db.prepare(`SELECT rowid FROM search_pages WHERE search_pages MATCH ? ORDER BY rowid DESC LIMIT ${RANK_CAP}`).pluck().all(expr) as number[];
}

/**
 * Documents matching a query, best first. Pages are put in tiers — the words as spelled (when
 * the query has diacritics), then the other spellings — and within a tier by bm25 (title 8,
 * description 4, text 1) when few pages match, else newest first: scoring every page of a word found on
 * most of 300,000 pages would cost more than the whole search may. `facets` narrows inside the
 * index (searchFacets.facetExpression); the catalogue checks the filter exactly afterwards.
 */
export function rankDocuments(db: Db, query: string | ParsedQuery, opts: { exact?: boolean; facets?: string } = {}): Ranking {
  const q = typeof query === 'string' ? parseSearchQuery(query) : query;
  if (q.groups.length === 0) return { documents: [], complete: true, query: q };
  const facets = opts.facets ?? '';
  const exactFirst = opts.exact || hasDiacritics(q);
  const tiers: number[][] = [];
  if (exactFirst) tiers.push(probe(db, ftsExpression(q, 'exact', facets)));
  // (A tier of title and description matches was tried: for common words that are rare in titles
  // the index walks every page that has them, 50–100 ms at 300,000 pages. bm25 weighs titles instead.)
  if (!opts.exact) tiers.push(probe(db, ftsExpression(q, 'folded', facets)));
  const all = tiers[tiers.length - 1]!;
  const complete = tiers.every((t) => t.length < RANK_CAP);
  // Few matches: score them all (title 8, description 4, text 1) to order each tier.
  if (complete && all.length <= SCORE_LIMIT) {
    const expr = opts.exact ? ftsExpression(q, 'exact', facets) : ftsExpression(q, 'folded', facets);
    const score = new Map(
      (db.prepare('SELECT rowid AS id, bm25(search_pages, 8.0, 4.0, 1.0, 0.0, 0.0) AS s FROM search_pages WHERE search_pages MATCH ?').all(expr) as { id: number; s: number }[]).map(
        (r) => [r.id, r.s],
      ),
    );
    for (const t of tiers) t.sort((a, b) => (score.get(a) ?? 0) - (score.get(b) ?? 0) || b - a);
  }
  const seen = new Set<number>();
  const order: { pageId: number; exact: boolean }[] = [];
  for (const [i, t] of tiers.entries())
    for (const pageId of t)
      if (!seen.has(pageId)) {
        seen.add(pageId);
        order.push({ pageId, exact: exactFirst && i === 0 });
      }
  const pageRows = db
    .prepare('SELECT id, document_id AS documentId, seq FROM pages WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(order.map((o) => o.pageId))) as { id: number; documentId: number; seq: number }[];
  const pageOf = new Map(pageRows.map((r) => [r.id, r]));
  const byDoc = new Map<number, RankedDocument>();
  for (const o of order) {
    const p = pageOf.get(o.pageId);
    if (!p) continue;
    const d = byDoc.get(p.documentId);
    if (d) d.matchingPages++;
    else byDoc.set(p.documentId, { documentId: p.documentId, pageId: p.id, pageSeq: p.seq, matchingPages: 1, exact: o.exact });
  }
  return { documents: [...byDoc.values()], complete, query: q };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (s: string, i: number) => i >= 0 && i < s.length && WORD_CHAR.test(s[i]!);

/** Where a term's folded tokens occur in folded text, as whole syllables (the last one a prefix when asked). */
function occurrences(folded: string, tokens: string[], prefix: boolean): [number, number][] {
  const out: [number, number][] = [];
  if (tokens.length === 1) {
    // One syllable (most searches): indexOf and a look at the neighbours, no regular expression.
    const w = tokens[0]!;
    for (let i = folded.indexOf(w); i >= 0; i = folded.indexOf(w, i + 1)) {
      if (isWordChar(folded, i - 1)) continue;
      let end = i + w.length;
      if (prefix) while (isWordChar(folded, end)) end++;
      else if (isWordChar(folded, end)) continue;
      out.push([i, end]);
    }
    return out;
  }
  const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const last = prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])';
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${tokens.map(esc).join('[^\\p{L}\\p{N}]+')}${last}`, 'gu');
  for (const m of folded.matchAll(re)) out.push([m.index!, m.index! + m[0].length]);
  return out;
}

/** A window of the text around the first match, with every match in it marked. */
export function snippet(text: string, q: ParsedQuery, radius = 90): ArchiveSearchHit['snippet'] {
  const nfc = text.normalize('NFC');
  const folded = foldForSearch(nfc);
  const terms = markTerms(q);
  if (folded.length !== nfc.length || terms.length === 0) return { text: nfc.slice(0, radius * 2).trim(), marks: [] };
  const found: [number, number][] = [];
  // Whole syllables only ("hoa" marks "hoà", not the start of "hoàn").
  for (const t of terms) found.push(...occurrences(folded, t.tokens, t.prefix));
  found.sort((a, b) => a[0] - b[0]);
  if (found.length === 0) return { text: nfc.slice(0, radius * 2).trim(), marks: [] };
  let from = Math.max(0, found[0]![0] - radius);
  let to = Math.min(nfc.length, found[0]![0] + radius * 1.5);
  // Cut at spaces, not inside a word.
  if (from > 0) from = nfc.indexOf(' ', from) + 1 || from;
  if (to < nfc.length) to = nfc.lastIndexOf(' ', to) > found[0]![1] ? nfc.lastIndexOf(' ', to) : to;
  const lead = from > 0 ? '…' : '';
  const tail = to < nfc.length ? '…' : '';
  const marks = found.filter(([a, b]) => a >= from && b <= to).map(([a, b]): [number, number] => [a - from + lead.length, b - from + lead.length]);
  // White space is left as it is: the UI shows the snippet as flowing text.
  return { text: lead + nfc.slice(from, to) + tail, marks };
}

/** The snippet of a ranked document: its best page's text when the words are in it, else its abstract (a match on the metadata). */
export function hitOf(db: Db, d: RankedDocument, q: ParsedQuery): Pick<ArchiveSearchHit, 'pageId' | 'pageSeq' | 'matchingPages' | 'snippet'> & { metadataOnly: boolean } {
  const row = db.prepare("SELECT p.text, json_extract(d.metadata, '$.abstract') AS abstract FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?").get(d.pageId) as
    | { text: string; abstract: unknown }
    | undefined;
  const text = row?.text ?? '';
  const s = snippet(text, q);
  const inText = s.marks.length > 0;
  const abstract = typeof row?.abstract === 'string' ? row.abstract : '';
  return {
    pageId: d.pageId,
    pageSeq: d.pageSeq,
    matchingPages: d.matchingPages,
    snippet: inText || !abstract ? s : snippet(abstract, q),
    metadataOnly: !inText,
  };
}

export function searchArchive(db: Db, query: string, limit: number, opts: { exact?: boolean } = {}): ArchiveSearchResult {
  const ranking = rankDocuments(db, query, opts);
  const docStmt = db.prepare("SELECT title, json_extract(metadata, '$.code') AS code FROM documents WHERE id = ?");
  const hits: ArchiveSearchHit[] = [];
  for (const d of ranking.documents.slice(0, limit)) {
    const doc = docStmt.get(d.documentId) as { title: string; code: unknown };
    const { metadataOnly, ...hit } = hitOf(db, d, ranking.query);
    hits.push({ documentId: d.documentId, title: doc.title, code: typeof doc.code === 'string' ? doc.code : '', ...hit, ...(metadataOnly ? { metadataOnly } : {}) });
  }
  return { total: ranking.documents.length, totalIsExact: ranking.complete, hits };
}
