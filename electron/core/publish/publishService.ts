/** Implements the `publish` contract: a project book → neutral book model → typesetter → PDF. */
import { PDFDocument } from 'pdf-lib';
import type { ServiceImpl } from '../../../shared/api/contract';
import type { publishContract } from '../../../shared/api/publish';
import type { BookKind } from '../../../shared/api/manuscript';
import { blocksOf, type RichNode } from '../../../shared/book/fromRichDoc';
import type { Book, Chapter } from '../../../shared/book/model';
import { UserFacingError } from '../../../shared/errors';
import type { ProjectSession } from '../project/projectSession';

/** Loads a project book as the neutral book model. */
export function loadBook(session: ProjectSession, bookId: number): Book {
  const { db } = session.require();
  const book = db.prepare('SELECT id, kind, title, subtitle FROM books WHERE id = ?').get(bookId) as
    | { id: number; kind: BookKind; title: string; subtitle: string }
    | undefined;
  if (!book) throw new UserFacingError('manuscript.book-not-found', `Không có sách số ${bookId}.`);
  const nodes = db
    .prepare("SELECT id, kind, title, content FROM book_nodes WHERE book_id = ? AND kind = 'chapter' ORDER BY parent_id NULLS FIRST, position, id")
    .all(bookId) as { id: number; kind: string; title: string; content: string }[];
  const chapters: Chapter[] = nodes.map((n) => ({
    kind: 'chapter',
    id: `node-${n.id}`,
    title: n.title,
    numbered: true,
    blocks: blocksOf((JSON.parse(n.content) as { content?: RichNode[] }).content),
  }));
  return {
    layout: book.kind,
    title: book.title,
    ...(book.subtitle ? { subtitle: book.subtitle } : {}),
    front: [],
    body: chapters,
    back: [],
    language: 'vi',
  };
}

/** A file name from a title: keeps Vietnamese letters, drops what file systems refuse. */
export function pdfFileName(title: string): string {
  const safe = title.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return `${safe || 'sach'}.pdf`;
}

export function createPublishService(session: ProjectSession): ServiceImpl<typeof publishContract> {
  return {
    async exportPdf({ bookId }) {
      const book = loadBook(session, bookId);
      if (book.body.length === 0) throw new UserFacingError('publish.empty-book', 'Sách chưa có chương nào để xuất.');
      // Loaded on first export: the typesetter and its fonts cost nothing at start-up.
      const { typeset } = await import('./index');
      const bytes = await typeset(book);
      const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
      return { fileName: pdfFileName(book.title), bytes, pages };
    },
  };
}

