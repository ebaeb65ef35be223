/** Implements the `publish` contract: a project book → neutral book model → typesetter → PDF. */
import type { ServiceImpl } from '../../../shared/api/contract';
import type { publishContract } from '../../../shared/api/publish';
import { UserFacingError } from '../../../shared/errors';
import { loadManuscriptBookForExport } from '../manuscript/bookModel';
import type { ProjectSession } from '../project/projectSession';

/** A file name from a title: keeps Vietnamese letters, drops what file systems refuse. */
export function pdfFileName(title: string): string {
  const safe = title.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return `${safe || 'sach'}.pdf`;
}

export function createPublishService(session: ProjectSession): ServiceImpl<typeof publishContract> {
  return {
    async exportPdf({ bookId }) {
      // The book as the neutral model: structure, details, current citation text, figure images
      // read through the archive (rebuilt if cache/ was cleared).
      const book = await loadManuscriptBookForExport(session, bookId);
      if (book.body.length === 0) throw new UserFacingError('publish.empty-book', 'Sách chưa có chương nào để xuất.');
      // Loaded on first export: the typesetter and its fonts cost nothing at start-up.
      const { typesetWithReport } = await import('./index');
      const { pdf, pageCount } = await typesetWithReport(book);
      return { fileName: pdfFileName(book.title), bytes: pdf, pages: pageCount };
    },
  };
}

