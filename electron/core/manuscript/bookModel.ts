/**
 * A project book as the neutral book model (shared/book/model.ts) for the typesetter: front
 * matter, parts and chapters in their order, back matter, credits and colophon from the book's
 * details, and every citation replaced by its text generated from the cited document's current
 * metadata. Deleted nodes are left out.
 */
import type { BookDetails, BookKind, BookNodeKind, NodeRole } from '../../../shared/api/manuscript';
import { blocksOf, type RichNode } from '../../../shared/book/fromRichDoc';
import type { Book, BodyDivision, Chapter } from '../../../shared/book/model';
import { citationSourceFromMetadata, citationSpans, type CitationSpan } from '../../../shared/manuscript/citation';
import { withCitationsAsText, type CitationRef } from '../../../shared/manuscript/richDoc';
import { orderTree, structureLabels } from '../../../shared/manuscript/structure';
import { UserFacingError } from '../../../shared/errors';
import type { Db } from '../store/projectDatabase';

interface Row {
  id: number;
  parentId: number | null;
  kind: BookNodeKind;
  role: NodeRole;
  position: number;
  title: string;
  content: string;
}

export function loadManuscriptBook(db: Db, bookId: number): Book {
  const book = db.prepare('SELECT id, kind, title, subtitle, details FROM books WHERE id = ?').get(bookId) as
    | { id: number; kind: BookKind; title: string; subtitle: string; details: string }
    | undefined;
  if (!book) throw new UserFacingError('manuscript.book-not-found', `Không có sách số ${bookId}.`);
  const details = JSON.parse(book.details) as BookDetails;
  const rows = db
    .prepare('SELECT id, parent_id AS parentId, kind, role, position, title, content FROM book_nodes WHERE book_id = ? AND deleted_at IS NULL')
    .all(bookId) as Row[];

  const docStmt = db.prepare('SELECT title, metadata FROM documents WHERE id = ?');
  const cache = new Map<number, ReturnType<typeof citationSourceFromMetadata> | null>();
  const spansFor = (ref: CitationRef): CitationSpan[] | null => {
    if (!cache.has(ref.documentId)) {
      const d = docStmt.get(ref.documentId) as { title: string; metadata: string } | undefined;
      let meta: Record<string, unknown> = {};
      try {
        meta = d ? (JSON.parse(d.metadata) as Record<string, unknown>) : {};
      } catch {
        meta = {};
      }
      cache.set(ref.documentId, d ? citationSourceFromMetadata(d.title, meta) : null);
    }
    const src = cache.get(ref.documentId);
    return src ? citationSpans(src, { ...(ref.folio ? { folio: ref.folio } : {}), ...(ref.pageSeq ? { page: ref.pageSeq } : {}) }) : null;
  };

  const labels = structureLabels(rows);
  const chapterOf = (r: Row, numbered: boolean): Chapter => {
    const doc = withCitationsAsText(JSON.parse(r.content) as { content?: unknown[] }, spansFor);
    const label = labels.get(r.id) ?? '';
    return {
      kind: 'chapter',
      id: `node-${r.id}`,
      title: r.kind === 'back' && label ? `${label}. ${r.title}` : r.title,
      numbered,
      blocks: blocksOf(doc.content as RichNode[]),
    };
  };

  const { roots, children } = orderTree(rows);
  const front: Chapter[] = [];
  const body: BodyDivision[] = [];
  const back: Chapter[] = [];
  for (const r of roots) {
    if (r.kind === 'front') front.push(chapterOf(r, false));
    else if (r.kind === 'back') back.push(chapterOf(r, false));
    else if (r.kind === 'chapter') body.push(chapterOf(r, true));
    else body.push({ kind: 'part', id: `node-${r.id}`, title: r.title, numbered: true, chapters: (children.get(r.id) ?? []).map((c) => chapterOf(c, true)) });
  }

  const credits = details.credits ?? {};
  const colophon = details.colophon ?? {};
  return {
    layout: book.kind,
    title: book.title,
    ...(book.subtitle ? { subtitle: book.subtitle } : {}),
    ...(details.compilingBody ? { author: details.compilingBody } : {}),
    ...(details.placeYear ? { placeYear: details.placeYear } : {}),
    ...(Object.keys(credits).length ? { credits } : {}),
    ...(Object.keys(colophon).length ? { colophon } : {}),
    ...(details.tocPosition ? { setup: { tocPosition: details.tocPosition } } : {}),
    front,
    body,
    back,
    language: 'vi',
  };
}
