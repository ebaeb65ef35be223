/**
 * Searching the archive: the query folded like the index (migration 0013), every word a prefix
 * ("nghi quyet" finds "Nghị quyết", "nghị quyết số"), a phrase in quotes kept together; pages
 * ranked by bm25 (title before metadata before text), grouped by document; and for each document
 * a snippet of its best page, cut from the original NFC text with the matched words marked —
 * folding keeps offsets, so a match found in the folded text is at the same place in the original.
 */
import type { ArchiveSearchHit, ArchiveSearchResult } from '../../../shared/api/archive';
import { foldForSearch } from '../../../shared/text/fold';
import type { Db } from '../store/projectDatabase';

/** Words and quoted phrases of a query, folded. */
export function queryTerms(query: string): { words: string[]; match: string } {
  const folded = foldForSearch(query);
  const parts: string[] = [];
  const words: string[] = [];
  const re = /"([^"]*)"|(\S+)/gu;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const tokens = (m[1] ?? m[2] ?? '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (tokens.length === 0) continue;
    words.push(...tokens);
    // A quoted phrase stays a phrase; a bare word with punctuation ("16-NQ/TW") is a phrase of its parts.
    parts.push(tokens.length > 1 ? `"${tokens.join(' ')}"` : `"${tokens[0]}"*`);
  }
  return { words, match: parts.join(' ') };
}

/** A window of the text around the first match, with every match in it marked. */
export function snippet(text: string, words: string[], radius = 90): ArchiveSearchHit['snippet'] {
  const nfc = text.normalize('NFC');
  const folded = foldForSearch(nfc);
  if (folded.length !== nfc.length || words.length === 0) return { text: nfc.slice(0, radius * 2), marks: [] };
  // Word starts only: "an" marks "an toàn", not the "an" inside "ban".
  const starts = (w: string) => new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\p{L}\\p{N}]*`, 'gu');
  const found: [number, number][] = [];
  for (const w of new Set(words)) for (const m of folded.matchAll(starts(w))) found.push([m.index!, m.index! + m[0].length]);
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

export function searchArchive(db: Db, query: string, limit: number): ArchiveSearchResult {
  const { words, match } = queryTerms(query);
  if (!match) return { total: 0, hits: [] };
  // Pages ranked by bm25 (weights: title 8, metadata 4, text 1); at most 2,000 ranked pages,
  // grouped into documents in rank order.
  const rows = db
    .prepare(
      `SELECT s.rowid AS pageId, p.document_id AS documentId, p.seq AS pageSeq, bm25(search_pages, 8.0, 4.0, 1.0) AS rank
       FROM search_pages s JOIN pages p ON p.id = s.rowid WHERE search_pages MATCH ? ORDER BY rank LIMIT 2000`,
    )
    .all(match) as { pageId: number; documentId: number; pageSeq: number; rank: number }[];
  const byDoc = new Map<number, { best: (typeof rows)[number]; pages: number }>();
  for (const r of rows) {
    const d = byDoc.get(r.documentId);
    if (d) d.pages++;
    else byDoc.set(r.documentId, { best: r, pages: 1 });
  }
  const docStmt = db.prepare('SELECT title, metadata FROM documents WHERE id = ?');
  const pageStmt = db.prepare('SELECT text FROM pages WHERE id = ?');
  const hits: ArchiveSearchHit[] = [];
  for (const [documentId, { best, pages }] of byDoc) {
    if (hits.length >= limit) break;
    const doc = docStmt.get(documentId) as { title: string; metadata: string };
    let meta: { code?: unknown; abstract?: unknown } = {};
    try {
      meta = JSON.parse(doc.metadata) as typeof meta;
    } catch {
      meta = {};
    }
    const text = (pageStmt.get(best.pageId) as { text: string }).text;
    // The page's own text when the words are in it, else the abstract (a match on the metadata).
    const foldedText = foldForSearch(text);
    const inText = words.some((w) => foldedText.includes(w));
    const source = inText || typeof meta.abstract !== 'string' ? text : meta.abstract;
    hits.push({
      documentId,
      title: doc.title,
      code: typeof meta.code === 'string' ? meta.code : '',
      pageId: best.pageId,
      pageSeq: best.pageSeq,
      matchingPages: pages,
      snippet: snippet(source, words),
    });
  }
  // Ranking stops at 2,000 pages; the count of documents does not.
  const total = rows.length < 2000 ? byDoc.size : (db.prepare('SELECT count(DISTINCT p.document_id) AS n FROM search_pages s JOIN pages p ON p.id = s.rowid WHERE search_pages MATCH ?').get(match) as { n: number }).n;
  return { total, hits };
}
