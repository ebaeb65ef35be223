/**
 * The citation picker's search over archived documents: narrow first (every query word must occur
 * in a folded key of the document: number-symbol, title, date, issuer), then rank at most a few
 * thousand candidates with Fuse. fuse.js alone over 100k records is far too slow for type-ahead.
 */
import Fuse from 'fuse.js';
import type { CitableDocument } from '../../../shared/api/manuscript';
import { citationSourceFromMetadata, formatCitation, formatCitationDate, type CitationSource } from '../../../shared/manuscript/citation';
import { foldForSearch, foldKey } from '../../../shared/text/fold';
import type { Db } from '../store/projectDatabase';

interface Entry {
  doc: CitableDocument;
  source: CitationSource;
  /** Folded title + issuer + type + abstract + date. */
  folded: string;
  /** Number-symbol with punctuation removed: "05nqtu". */
  codeKey: string;
}

const MAX_CANDIDATES = 3000;

export class CitationIndex {
  private entries: Entry[] = [];
  private stamp = '';

  constructor(private readonly db: () => Db) {}

  /** Rebuilds when documents changed (count or last update). */
  private refresh(): void {
    const s = this.db().prepare('SELECT count(*) AS n, max(updated_at) AS u, max(id) AS m FROM documents').get() as { n: number; u: string | null; m: number | null };
    const stamp = `${s.n}|${s.u}|${s.m}`;
    if (stamp === this.stamp) return;
    const rows = this.db()
      .prepare('SELECT d.id, d.title, d.metadata, (SELECT count(*) FROM pages p WHERE p.document_id = d.id) AS pages FROM documents d ORDER BY d.updated_at DESC, d.id DESC')
      .all() as { id: number; title: string; metadata: string; pages: number }[];
    this.entries = rows.map((r) => {
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
      };
    });
    this.stamp = stamp;
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
    const matchesAll = (e: Entry) => words.every((w) => e.folded.includes(w) || (w.length > 1 && e.codeKey.includes(foldKey(w))));
    let candidates = this.entries.filter(matchesAll);
    if (candidates.length === 0) {
      // A typo or a half-remembered title: any word, then let Fuse rank.
      candidates = this.entries.filter((e) => words.some((w) => w.length > 1 && (e.folded.includes(w) || e.codeKey.includes(foldKey(w)))));
    }
    if (candidates.length === 0) candidates = this.entries;
    candidates = candidates.slice(0, MAX_CANDIDATES);
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
    const out = /\d/.test(qKey) ? candidates.filter((e) => e.codeKey && e.codeKey.startsWith(qKey)).map((e) => e.doc).slice(0, limit) : [];
    for (const r of fuse.search(q, { limit })) if (out.length < limit && !out.includes(r.item.doc)) out.push(r.item.doc);
    if (out.length < limit) {
      // Substring matches that Fuse scored out (long titles) still belong in the list.
      for (const e of candidates) {
        if (out.length >= limit) break;
        if (!out.includes(e.doc) && matchesAll(e)) out.push(e.doc);
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
