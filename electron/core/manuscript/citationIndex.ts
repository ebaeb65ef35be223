/**
 * The citation picker's search over archived documents: narrow first (every query word must occur
 * in a folded key of the document: number-symbol, title, date, issuer), then rank at most a few
 * thousand candidates with Fuse. fuse.js alone over 100k records is far too slow for type-ahead.
 */
import Fuse from 'fuse.js';
import type { CitableDocument } from '../../../shared/api/manuscript';
import { citationSourceFromMetadata, formatCitation, formatCitationDate, type CitationSource } from '../../../shared/manuscript/citation';
import { foldForSearch, foldKey } from '../../../shared/text/fold';
import { writeStamp, type Db } from '../store/projectDatabase';

interface Entry {
  doc: CitableDocument;
  source: CitationSource;
  /** Folded title + issuer + type + abstract + date. */
  folded: string;
  /** Number-symbol with punctuation removed: "05nqtu". */
  codeKey: string;
}

/** Fuse ranks at most this many candidates (it costs tens of microseconds each). */
const MAX_FUZZY = 60;
/** Documents (the newest) a search with no exact match looks through for near ones. */
const FUZZY_SCOPE = 20_000;
/** Substring matches scored by the cheap ranking at most (the newest first). */
const MAX_MATCHES = 5000;

interface Row {
  id: number;
  title: string;
  metadata: string;
  pages: number;
  updated: string;
}

export class CitationIndex {
  /** Newest change first (the order the picker lists without a query). */
  private entries: Entry[] = [];
  private byId = new Map<number, Entry & { updated: string }>();
  private stamp = '';
  private lastUpdate = '';
  private lastId = 0;
  private forDb: Db | null = null;
  private written = '';

  constructor(private readonly db: () => Db) {}

  private entryOf(r: Row): Entry & { updated: string } {
    const source = citationSourceFromMetadata(r.title, safeJson(r.metadata));
    const doc: CitableDocument = {
      id: r.id,
      title: r.title,
      number: source.number ?? '',
      date: source.date ? formatCitationDate(source.date).replace(/^ngày /, '') : '',
      issuer: source.issuer ?? '',
      pageCount: r.pages,
      citation: formatCitation(source),
    };
    return {
      doc,
      source,
      folded: foldForSearch([r.title, source.number, source.docType, source.issuer, source.abstract, source.date].filter(Boolean).join(' ')),
      codeKey: foldKey(source.number ?? ''),
      updated: r.updated,
    };
  }

  /**
   * Follows the documents: only those changed or added since the last look are read again (a
   * provincial archive's 100,000 documents are read once), and removed ones are dropped.
   */
  private refresh(): void {
    const db = this.db();
    if (db !== this.forDb) {
      this.forDb = db;
      this.byId.clear();
      this.stamp = '';
      this.lastUpdate = '';
      this.lastId = 0;
      this.written = '';
    }
    // Nothing written since the last look (by this connection or another): nothing to read.
    const written = writeStamp(db);
    if (written === this.written) return;
    this.written = written;
    const s = db.prepare('SELECT count(*) AS n, max(updated_at) AS u, max(id) AS m FROM documents').get() as { n: number; u: string | null; m: number | null };
    const stamp = `${s.n}|${s.u}|${s.m}`;
    if (stamp === this.stamp) return;
    const rows = db
      .prepare(
        `SELECT d.id, d.title, d.metadata, coalesce((SELECT pages FROM catalogue c WHERE c.id = d.id), 0) AS pages, d.updated_at AS updated
         FROM documents d WHERE d.updated_at >= ? OR d.id > ?`,
      )
      .all(this.lastUpdate, this.lastId) as Row[];
    for (const r of rows) this.byId.set(r.id, this.entryOf(r));
    if (this.byId.size !== s.n) {
      const live = new Set(db.prepare('SELECT id FROM documents').pluck().all() as number[]);
      for (const id of this.byId.keys()) if (!live.has(id)) this.byId.delete(id);
    }
    this.entries = [...this.byId.values()].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : b.doc.id - a.doc.id));
    this.stamp = stamp;
    this.lastUpdate = s.u ?? '';
    this.lastId = s.m ?? 0;
  }

  source(documentId: number): { title: string; source: CitationSource } | null {
    const row = this.db().prepare('SELECT title, metadata FROM documents WHERE id = ?').get(documentId) as { title: string; metadata: string } | undefined;
    if (!row) return null;
    return { title: row.title, source: citationSourceFromMetadata(row.title, safeJson(row.metadata)) };
  }

  search(query: string, limit: number): CitableDocument[] {
    this.refresh();
    const q = foldForSearch(query).trim();
    if (!q) return this.entries.slice(0, limit).map((e) => e.doc);
    const words = q.split(/\s+/u).filter(Boolean);
    const qKey = foldKey(query);
    const wordKeys = words.map((w) => (w.length > 1 ? foldKey(w) : ''));
    const matchesAll = (e: Entry) => words.every((w, i) => e.folded.includes(w) || (wordKeys[i] !== '' && e.codeKey.includes(wordKeys[i]!)));
    const matches: Entry[] = [];
    for (const e of this.entries) {
      if (matchesAll(e)) matches.push(e);
      if (matches.length >= MAX_MATCHES) break;
    }
    if (matches.length >= limit) {
      // Enough documents contain every word: rank them cheaply — the number typed, then the words
      // at the start of syllables in the title, then the newest — without a fuzzy pass.
      const starts = words.map((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u'));
      const score = (e: Entry) =>
        (qKey && e.codeKey.startsWith(qKey) ? 0 : qKey && e.codeKey.includes(qKey) ? 1 : 2) * 10 + starts.filter((re) => !re.test(e.folded)).length;
      return matches
        .map((e, i) => ({ e, s: score(e), i }))
        .sort((a, b) => a.s - b.s || a.i - b.i)
        .slice(0, limit)
        .map((x) => x.e.doc);
    }
    // Few or none: a typo or a half-remembered title. Any word, then let Fuse rank.
    let candidates = matches;
    if (candidates.length === 0) {
      // The documents sharing the most words (the newest first among equals).
      const shared = (e: Entry) => words.reduce((n, w, i) => n + (w.length > 1 && (e.folded.includes(w) || (wordKeys[i] !== '' && e.codeKey.includes(wordKeys[i]!))) ? 1 : 0), 0);
      // Among the newest FUZZY_SCOPE documents: a typo's neighbours, not a scan of a whole provincial archive per keystroke.
      candidates = this.entries
        .slice(0, FUZZY_SCOPE)
        .map((e, i) => ({ e, n: shared(e), i }))
        .filter((x) => x.n > 0)
        .sort((a, b) => b.n - a.n || a.i - b.i)
        .slice(0, MAX_FUZZY)
        .map((x) => x.e);
    }
    if (candidates.length === 0) candidates = this.entries;
    candidates = candidates.slice(0, MAX_FUZZY);
    const fuse = new Fuse(candidates, {
      keys: [
        { name: 'codeKey', weight: 3 },
        { name: 'folded', weight: 1 },
      ],
      ignoreLocation: true,
      ignoreDiacritics: true,
      threshold: 0.45,
      includeScore: true,
    });
    // A document number typed in full ("05-NQ/TU", "5 nq tu") comes first.
    const out = /\d/.test(qKey) ? matches.filter((e) => e.codeKey && e.codeKey.startsWith(qKey)).map((e) => e.doc).slice(0, limit) : [];
    for (const r of fuse.search(q, { limit })) if (out.length < limit && !out.includes(r.item.doc)) out.push(r.item.doc);
    if (out.length < limit) {
      // Substring matches that Fuse scored out (long titles) still belong in the list.
      for (const e of matches) {
        if (out.length >= limit) break;
        if (!out.includes(e.doc)) out.push(e.doc);
      }
    }
    return out;
  }
}

function safeJson(s: string): Record<string, unknown> {
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
