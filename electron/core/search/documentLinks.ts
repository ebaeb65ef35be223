/**
 * Cross-references between sources: which archived documents a document's text refers to by
 * number-and-symbol ("thực hiện Nghị quyết số 16-NQ/TW…"), and which documents refer to it.
 *
 * Codes are compared by their canonical spelling folded to letters and digits (16-NQ/TW = 16-NQ/TƯ =
 * 16 nq tw). A Party number restarts every term, so a code may match more than one document: all
 * are returned. Documents that refer to this one are found through the full-text index (the code
 * as a phrase in page text) and then confirmed by the reference reader, so "16 NQ TW" in a table
 * of figures does not count.
 */
import type { DocumentLinks } from '../../../shared/api/archive';
import { foldForSearch, foldKey } from '../../../shared/text/fold';
import { findDocumentReferences, parseDocumentCode } from '../../../shared/text/documentCode';
import type { DocumentCodeTables } from '../../../shared/text/documentCodeTables';
import type { Db } from '../store/projectDatabase';

const keyOf = (code: string, tables: DocumentCodeTables) => foldKey(parseDocumentCode(code, tables)?.normalized ?? code);

export function documentLinks(db: Db, id: number, tables: DocumentCodeTables): DocumentLinks {
  const self = db.prepare("SELECT json_extract(metadata, '$.code') AS code, json_extract(suggestions, '$.code') AS suggested FROM documents WHERE id = ?").get(id) as
    | { code: string | null; suggested: unknown }
    | undefined;
  const selfKey = self?.code ? keyOf(self.code, tables) : '';
  // The number its own header bears (suggested, not yet confirmed) is not a reference to another document.
  const suggestedKey = typeof self?.suggested === 'string' && self.suggested ? keyOf(self.suggested, tables) : '';

  // What this document refers to, in reading order, each code once.
  const found: { key: string; code: string; pageSeq: number }[] = [];
  const pages = db.prepare('SELECT seq, text FROM pages WHERE document_id = ? ORDER BY seq').all(id) as { seq: number; text: string }[];
  for (const p of pages)
    for (const ref of findDocumentReferences(p.text, tables)) {
      const key = foldKey(ref.parsed.normalized);
      if (key !== selfKey && key !== suggestedKey && !found.some((f) => f.key === key)) found.push({ key, code: ref.parsed.normalized, pageSeq: p.seq });
    }
  // The archive's documents by code, read only when the text refers to any.
  const byKey = new Map<string, { id: number; title: string }[]>();
  if (found.length) {
    const coded = db.prepare("SELECT id, title, json_extract(metadata, '$.code') AS code FROM documents WHERE json_extract(metadata, '$.code') IS NOT NULL AND id <> ?").all(id) as {
      id: number;
      title: string;
      code: unknown;
    }[];
    for (const d of coded) {
      if (typeof d.code !== 'string' || !d.code.trim()) continue;
      const k = keyOf(d.code, tables);
      byKey.set(k, [...(byKey.get(k) ?? []), { id: d.id, title: d.title }]);
    }
  }
  const refersTo: DocumentLinks['refersTo'] = found.map((f) => ({ code: f.code, pageSeq: f.pageSeq, documents: byKey.get(f.key) ?? [] }));

  // Who refers to this document: its code as a phrase in page text, confirmed by the reader.
  const referredBy: DocumentLinks['referredBy'] = [];
  if (self?.code && selfKey) {
    const tokens = foldForSearch(parseDocumentCode(self.code, tables)?.normalized ?? self.code)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    if (tokens.length) {
      const rows = db
        .prepare(
          `SELECT p.document_id AS documentId, p.seq, p.text, d.title FROM search_pages s JOIN pages p ON p.id = s.rowid JOIN documents d ON d.id = p.document_id
           WHERE search_pages MATCH ? AND p.document_id <> ? ORDER BY p.document_id, p.seq LIMIT 2000`,
        )
        .all(`body : "${tokens.join(' ')}"`, id) as { documentId: number; seq: number; text: string; title: string }[];
      const done = new Set<number>();
      for (const r of rows) {
        if (done.has(r.documentId)) continue;
        if (findDocumentReferences(r.text, tables).some((ref) => foldKey(ref.parsed.normalized) === selfKey)) {
          done.add(r.documentId);
          referredBy.push({ documentId: r.documentId, title: r.title, pageSeq: r.seq });
        }
      }
    }
  }
  return { refersTo, referredBy };
}
