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
 * The index holds a long page's text in chunks (store/pageChunks.ts, migration 0018): a page is
 * ranked by its best chunk, and counts once however many of its chunks match. The words of one
 * search must meet in one chunk (about 64,000 characters); an excluded word anywhere in the page
 * leaves it out.
 *
 * Pages are grouped by document (its best page first); a snippet is cut from the best page's NFC
 * text with the matched syllables marked — folding keeps offsets, so a match found in the folded
 * text is at the same place in the original. Of a long page only the chunk that matched is read,
 * never the whole text of a page that may hold 200 MB.
 */
import type { ArchiveSearchHit, ArchiveSearchResult } from '../../../shared/api/archive';
import { hasDiacritics, markTerms, parseSearchQuery, type ParsedQuery, type QueryTerm } from '../../../shared/archive/searchQuery';
import { foldForSearch } from '../../../shared/text/fold';
import { CHUNK_CHARS, MAX_WORD, rowidChunk } from '../store/pageChunks';
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
  /** The chunk of the best page whose words were found (0 for every page shorter than a chunk). */
  chunk: number;
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

/**
 * Long pages that have an excluded word in any chunk: the index leaves out a chunk that has it,
 * not the page's other chunks.
 */
function excludedLongPages(db: Db, q: ParsedQuery, mode: 'folded' | 'exact'): Set<number> {
  if (q.excluded.length === 0) return new Set();
  const expr = ftsExpression({ groups: [q.excluded], excluded: [] }, mode);
  return new Set(
    db
      // A look into the index per stored chunk (none at all in most projects).
      .prepare('SELECT DISTINCT k.page_id FROM page_chunks k WHERE EXISTS (SELECT 1 FROM search_pages WHERE search_pages MATCH ? AND rowid = k.id)')
      .pluck()
      .all(expr) as number[],
  );
}

/** Pages matching, in index order, at most RANK_CAP. */
interface Probe {
  pages: number[];
  /** The first chunk of each page that matched. */
  chunkOf: Map<number, number>;
  complete: boolean;
}

/**
 * Pages matching, newest first (the index walks its lists backwards and stops after RANK_CAP
 * pages). A long page's further chunks have negative rowids and come after every first chunk.
 */
function probe(db: Db, q: ParsedQuery, mode: 'folded' | 'exact', facets: string): Probe {
  const chunkOf = new Map<number, number>();
  const excluded = excludedLongPages(db, q, mode);
  const expr = ftsExpression(q, mode, facets);
  const sql = 'SELECT rowid FROM search_pages WHERE search_pages MATCH ? ORDER BY rowid DESC';
  const first = db.prepare(`${sql} LIMIT ${RANK_CAP}`).pluck().all(expr) as number[];
  // Row by row only when chunks of long pages took some of the RANK_CAP rows read at once.
  const byRow = first.length === RANK_CAP && first[RANK_CAP - 1]! < 0;
  const rows = byRow ? (db.prepare(sql).pluck().iterate(expr) as IterableIterator<number>) : first;
  let complete = byRow || first.length < RANK_CAP;
  for (const rowid of rows) {
    const { pageId, chunk } = rowidChunk(rowid);
    if (chunkOf.has(pageId) || excluded.has(pageId)) continue;
    if (chunkOf.size === RANK_CAP) {
      complete = false;
      break;
    }
    chunkOf.set(pageId, chunk);
  }
  return { pages: [...chunkOf.keys()], chunkOf, complete };
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
  const probes: Probe[] = [];
  if (exactFirst) probes.push(probe(db, q, 'exact', facets));
  // (A tier of title and description matches was tried: for common words that are rare in titles
  // the index walks every page that has them, 50–100 ms at 300,000 pages. bm25 weighs titles instead.)
  if (!opts.exact) probes.push(probe(db, q, 'folded', facets));
  const tiers = probes.map((p) => p.pages);
  const all = tiers[tiers.length - 1]!;
  const complete = probes.every((p) => p.complete);
  // A page's chunk for its snippet: the best scored, else the first found (the exact tier's first).
  const chunkOf = new Map<number, number>();
  for (const p of [...probes].reverse()) for (const [page, chunk] of p.chunkOf) chunkOf.set(page, chunk);
  // Few matches: score them all (title 8, description 4, text 1) to order each tier; a page scores as its best chunk.
  if (complete && all.length <= SCORE_LIMIT) {
    const expr = opts.exact ? ftsExpression(q, 'exact', facets) : ftsExpression(q, 'folded', facets);
    const score = new Map<number, number>();
    const rows = db.prepare('SELECT rowid AS id, bm25(search_pages, 8.0, 4.0, 1.0, 0.0, 0.0) AS s FROM search_pages WHERE search_pages MATCH ?').iterate(expr) as IterableIterator<{ id: number; s: number }>;
    for (const r of rows) {
      const { pageId, chunk } = rowidChunk(r.id);
      if (score.has(pageId) && score.get(pageId)! <= r.s) continue;
      score.set(pageId, r.s);
      chunkOf.set(pageId, chunk);
    }
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
    else byDoc.set(p.documentId, { documentId: p.documentId, pageId: p.id, pageSeq: p.seq, chunk: chunkOf.get(p.id) ?? 0, matchingPages: 1, exact: o.exact });
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

/** Characters read either side of a chunk for a snippet: more than a snippet shows. */
const CONTEXT = 200;

/**
 * Where in a window of a page's text a snippet may be centred (`within`: a chunk's bounds), and
 * whether the page goes on before and after the window.
 */
interface SnippetWindow {
  within: [number, number];
  before: boolean;
  after: boolean;
}

/** A window of the text around the first match, with every match in it marked. */
export function snippet(text: string, q: ParsedQuery, radius = 90, win?: SnippetWindow): ArchiveSearchHit['snippet'] {
  const nfc = text.normalize('NFC');
  const folded = foldForSearch(nfc);
  const terms = markTerms(q);
  const [lo, hi] = win && nfc.length === text.length ? win.within : [0, nfc.length];
  const plain = () => ({ text: (win?.before && lo > 0 ? '…' : '') + nfc.slice(lo, lo + radius * 2).trim(), marks: [] });
  if (folded.length !== nfc.length || terms.length === 0) return plain();
  const found: [number, number][] = [];
  // Whole syllables only ("hoa" marks "hoà", not the start of "hoàn").
  for (const t of terms) for (const o of occurrences(folded, t.tokens, t.prefix)) found.push(o);
  found.sort((a, b) => a[0] - b[0]);
  // The first match in the chunk the index found (the window's edges belong to its neighbours).
  const first = found.find(([a]) => a >= lo && a < hi);
  if (!first) return plain();
  let from = Math.max(0, first[0] - radius);
  let to = Math.min(nfc.length, first[0] + radius * 1.5);
  // Cut at spaces, not inside a word.
  if (from > 0) from = nfc.indexOf(' ', from) + 1 || from;
  if (to < nfc.length) to = nfc.lastIndexOf(' ', to) > first[1] ? nfc.lastIndexOf(' ', to) : to;
  const lead = from > 0 || win?.before ? '…' : '';
  const tail = to < nfc.length || win?.after ? '…' : '';
  const marks = found.filter(([a, b]) => a >= from && b <= to).map(([a, b]): [number, number] => [a - from + lead.length, b - from + lead.length]);
  // White space is left as it is: the UI shows the snippet as flowing text.
  return { text: lead + nfc.slice(from, to) + tail, marks };
}

/**
 * The text around chunk `n` of a page: the chunk, with CONTEXT characters of its neighbours, read
 * from page_chunks when the page is long (never the whole text, which SQLite would read whole even
 * for substr), else the page's own short text.
 */
function chunkText(db: Db, pageId: number, n: number): { text: string; within: [number, number]; before: boolean; after: boolean } {
  const rows = db
    .prepare(
      `SELECT n, CASE WHEN n < @n THEN substr(text, -${CONTEXT}) WHEN n > @n THEN substr(text, 1, ${CONTEXT}) ELSE text END AS text, length(text) AS length
       FROM page_chunks WHERE page_id = @page AND n BETWEEN @n - 1 AND @n + 1 ORDER BY n`,
    )
    .all({ page: pageId, n }) as { n: number; text: string; length: number }[];
  const own = rows.find((r) => r.n === n);
  if (!own) {
    // A page shorter than a chunk in bytes (migration 0018 stores no chunks for it): read it, at most a chunk.
    const text = (db.prepare(`SELECT substr(text, 1, ${CHUNK_CHARS + MAX_WORD}) FROM pages WHERE id = ?`).pluck().get(pageId) as string | undefined) ?? '';
    return { text, within: [0, text.length], before: false, after: false };
  }
  const before = rows.find((r) => r.n === n - 1)?.text ?? '';
  const next = rows.find((r) => r.n === n + 1);
  const after = next?.text ?? '';
  // Every chunk but the last is far longer than CONTEXT: the page goes on before the window when n > 0,
  // after it when the next chunk is longer than the part read.
  return { text: before + own.text + after, within: [before.length, before.length + own.text.length], before: n > 0, after: (next?.length ?? 0) > CONTEXT };
}

/** The snippet of a ranked document: its best page's text when the words are in it, else its abstract (a match on the metadata). */
export function hitOf(db: Db, d: RankedDocument, q: ParsedQuery): Pick<ArchiveSearchHit, 'pageId' | 'pageSeq' | 'matchingPages' | 'snippet'> & { metadataOnly: boolean } {
  const w = chunkText(db, d.pageId, d.chunk);
  const s = snippet(w.text, q, undefined, w);
  const abstract = (db.prepare("SELECT json_extract(metadata, '$.abstract') FROM documents WHERE id = ?").pluck().get(d.documentId) as unknown) ?? '';
  const inText = s.marks.length > 0;
  return {
    pageId: d.pageId,
    pageSeq: d.pageSeq,
    matchingPages: d.matchingPages,
    snippet: inText || typeof abstract !== 'string' || !abstract ? s : snippet(abstract, q),
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
