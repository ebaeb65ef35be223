/** Implements the `publish` contract: a project book → neutral book model → typesetter → PDF. */
import { PDFDocument } from 'pdf-lib';
import type { ServiceImpl } from '../../../shared/api/contract';
import type { publishContract } from '../../../shared/api/publish';
import type { Book } from '../../../shared/book/model';
import { UserFacingError } from '../../../shared/errors';
import { loadManuscriptBook } from '../manuscript/bookModel';
import type { ProjectSession } from '../project/projectSession';

/** Loads a project book as the neutral book model (structure, details, citations: see the manuscript's bookModel). */
export function loadBook(session: ProjectSession, bookId: number): Book {
  return loadManuscriptBook(session.require().db, bookId);
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

