/**
 * Cross-references between sources: which archived documents a document's text refers to by
 * number-and-symbol ("thực hiện Nghị quyết số 16-NQ/TW…"), which documents refer to it, and
 * which chapters of the manuscript name it.
 *
 * Codes are compared by their canonical spelling folded to letters and digits (16-NQ/TW =
 * 16-NQ/TƯ = 16 nq tw). A Party number restarts every term and a State number every year, so a
 * code may be borne by several documents: each reference is resolved by the date or term written
 * with it, else by the referring text's own date (referenceResolution.ts); what still fits
 * several documents is returned as ambiguous. Everything is read from the reference index
 * (migration 0017), so a document's links cost a few index lookups at any archive size.
 */
import type { DocumentLinks, LinkedDocument } from '../../../shared/api/archive';
import type { DocumentCodeTables } from '../../../shared/text/documentCodeTables';
import type { Db } from '../store/projectDatabase';
import { candidatesFor, identitiesOf, identityOf, manuscriptReferences, referencesIn, referencesTo, toResolve, type CandidateDocument, type FoundReference } from './referenceIndex';
import { resolveReference } from './referenceResolution';

const linked = (c: CandidateDocument): LinkedDocument => ({ id: c.id, title: c.title, date: c.dateText });

/** "ngày 5-8-2022", "khóa II": what the text writes with a reference. */
function writtenWith(ref: FoundReference): string | undefined {
  if (ref.date?.text) return /^\d{4}$/u.test(ref.date.text) ? `năm ${ref.date.text}` : ref.date.text;
  return ref.term ? `khóa ${ref.term}` : undefined;
}

export function documentLinks(db: Db, id: number, tables: DocumentCodeTables): DocumentLinks {
  const self = identityOf(db, id);
  // Its own number (as described, or as its header gives it) is not a reference to another document.
  const own = new Set([self.key, self.suggestedKey].filter((k): k is string => !!k));

  // What this document refers to, in reading order: each code with its written date once.
  const seen = new Set<string>();
  const found = referencesIn(db, id).filter((r) => {
    const k = `${r.key}|${r.date?.start ?? ''}|${r.term ?? ''}`;
    if (own.has(r.key) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const candidates = candidatesFor(db, found.map((f) => f.key));
  const refersTo: DocumentLinks['refersTo'] = found.map((f) => {
    const all = (candidates.get(f.key) ?? []).filter((c) => c.id !== id);
    const r = resolveReference(toResolve(f, self.date), all);
    const written = writtenWith(f);
    return {
      code: f.code,
      pageSeq: f.pageSeq,
      status: r.status,
      basis: r.basis,
      ...(written ? { written } : {}),
      documents: r.status === 'resolved' ? r.documents.map(linked) : [],
      candidates: r.status === 'ambiguous' ? r.documents.map(linked) : [],
    };
  });

  // Who refers to this document: references to its code that resolve to it.
  const referredBy: DocumentLinks['referredBy'] = [];
  const possiblyReferredBy: DocumentLinks['possiblyReferredBy'] = [];
  const mentionedIn: DocumentLinks['mentionedIn'] = [];
  if (self.key) {
    const key = self.key;
    const bearers = candidatesFor(db, [key]).get(key) ?? [];
    const found = referencesTo(db, key).filter((r) => r.documentId !== id);
    const referrers = identitiesOf(db, [...new Set(found.map((r) => r.documentId))]);
    // A document bearing the same number (of another term) names itself in its header: not a reference.
    const refs = found.filter((r) => referrers.get(r.documentId)?.key !== key && referrers.get(r.documentId)?.suggestedKey !== key);
    const titles = new Map<number, string>();
    const titleOf = (docId: number) => {
      if (!titles.has(docId)) titles.set(docId, (db.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(docId) as string | undefined) ?? '');
      return titles.get(docId)!;
    };
    const sure = new Set<number>();
    const maybe = new Map<number, number>();
    for (const r of refs) {
      if (sure.has(r.documentId)) continue;
      const res = resolveReference(toResolve(r, referrers.get(r.documentId)?.date ?? null), bearers.filter((c) => c.id !== r.documentId));
      if (!res.documents.some((d) => d.id === id)) continue;
      if (res.status === 'resolved') {
        sure.add(r.documentId);
        maybe.delete(r.documentId);
        referredBy.push({ documentId: r.documentId, title: titleOf(r.documentId), pageSeq: r.pageSeq });
      } else if (!maybe.has(r.documentId)) maybe.set(r.documentId, r.pageSeq);
    }
    for (const [documentId, pageSeq] of maybe) possiblyReferredBy.push({ documentId, title: titleOf(documentId), pageSeq });

    const m = manuscriptReferences(db, tables);
    const byNode = new Map<number, { bookId: number; count: number; ambiguous: boolean }>();
    for (const r of m.refs) {
      if (r.key !== key) continue;
      const res = resolveReference(toResolve(r, r.entryDate), bearers);
      if (!res.documents.some((d) => d.id === id)) continue;
      const e = byNode.get(r.nodeId) ?? { bookId: r.bookId, count: 0, ambiguous: true };
      e.count++;
      if (res.status === 'resolved') e.ambiguous = false;
      byNode.set(r.nodeId, e);
    }
    for (const [nodeId, e] of byNode)
      mentionedIn.push({ bookId: e.bookId, bookTitle: m.books.get(e.bookId) ?? '', nodeId, nodeTitle: m.nodes.get(nodeId) ?? '', count: e.count, ambiguous: e.ambiguous });
  }
  return { refersTo, referredBy, possiblyReferredBy, mentionedIn };
}
