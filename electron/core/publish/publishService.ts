/** Implements the `publish` contract: a project book → neutral book model → typesetter → PDF. */
import type { InputOf, ServiceImpl } from '../../../shared/api/contract';
import type { ExportedFile, publishContract } from '../../../shared/api/publish';
import type { Book } from '../../../shared/book/model';
import { UserFacingError } from '../../../shared/errors';
import { chapterName, partLabel } from '../../../shared/numbering';
import { randomUUID } from 'node:crypto';
import { JobRegistry } from '../jobs/jobRegistry';
import { PhasedTask } from '../jobs/task';
import { loadManuscriptBookForExport } from '../manuscript/bookModel';
import type { ProjectSession } from '../project/projectSession';
import { ExportFiles, type ExportExt } from './exportFiles';
import type { TypesetStage } from './index';
import { preflightBook } from './preflight';

/** A file name from a title: keeps Vietnamese letters, drops what file systems refuse. */
export function exportFileName(title: string, ext: ExportExt): string {
  const safe = title.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return `${safe || 'sach'}.${ext}`;
}

function hasText(doc: { content?: unknown[] }): boolean {
  const walk = (nodes: unknown[] | undefined): boolean =>
    (nodes ?? []).some((n) => {
      const node = n as { text?: unknown; type?: string; content?: unknown[] };
      return (typeof node.text === 'string' && node.text.trim() !== '') || node.type === 'figure' || walk(node.content);
    });
  return walk(doc.content);
}

function proofName(book: Book): string {
  const div = book.front[0] ?? book.back[0] ?? book.body[0];
  if (!div) return '';
  if (div.kind === 'part') return div.number ? `${partLabel(div.number)} ${div.title}` : div.title;
  return div.numbered && div.number ? `${chapterName(div.number, book.setup?.chapterLabel)} ${div.title}` : div.title;
}

/** What an export job says it is doing (shown beside its progress bar). */
const READING = 'Đang đọc bản thảo';
const PDF_STAGES: Record<TypesetStage, string> = {
  measure: 'Đang đo chữ',
  break: 'Đang ngắt dòng',
  paginate: 'Đang dàn trang',
  draw: 'Đang vẽ trang',
};
const BUILDING_WORD = 'Đang dựng tệp Word';
const COUNTING = 'Đang dàn trang để tính gáy sách';
const BUILDING_COVER = 'Đang vẽ bìa';
const WRITING = 'Đang ghi tệp';

export type PublishService = ServiceImpl<typeof publishContract> & {
  /** A file an export wrote, for the file protocol / HTTP host (the preview reads it). */
  exportFile(exportId: string): { path: string; mime: string; fileName: string };
  /** Forgets the exports of the project being closed and removes their files. */
  clearExports(): void;
  /** Keeps a file another service made (a catalogue) as an export of its own: previewed, saved and cleared like the rest. */
  addExport(bytes: Uint8Array, ext: ExportExt, fileName: string, pages: number, target?: string): ExportedFile;
};

/**
 * Exports run as jobs: the caller may name one (`jobId`) to follow its phases and cancel it.
 * Cancelling stops at the next phase boundary and leaves no file behind.
 */
export function createPublishService(session: ProjectSession, jobs: JobRegistry = new JobRegistry()): PublishService {
  const files = new ExportFiles(() => session.require().layout);

  /** Runs an export as a job of these phases, under the caller's id when it gave a new one. */
  function asJob<T>(jobId: string | undefined, phases: readonly string[], work: (task: PhasedTask) => Promise<T>): Promise<T> {
    const task = new PhasedTask(jobId && !jobs.has(jobId) ? jobId : randomUUID(), 'export', phases);
    const run = task.run(work);
    jobs.add(task);
    return run;
  }
  /** The book (or the part of it asked for) as the neutral model, with a reason when there is nothing to print. */
  async function load({ bookId, nodeId, doc }: InputOf<typeof publishContract.exportPdf>): Promise<{ book: Book; name: string }> {
    if (doc && !nodeId) throw new UserFacingError('publish.passage-without-chapter', 'Đoạn văn cần xuất phải thuộc một chương.');
    // The book as the neutral model: structure, details, current citation text, figure images
    // read through the archive (rebuilt if cache/ was cleared).
    const book = await loadManuscriptBookForExport(session, bookId, nodeId ? { nodeId, ...(doc ? { doc } : {}) } : undefined);
    if (book.body.length + book.front.length + book.back.length === 0 || (!nodeId && book.body.length === 0))
      throw new UserFacingError('publish.empty-book', nodeId ? 'Phần này chưa có chương nào để xuất.' : 'Sách chưa có chương nào để xuất.');
    if (doc && !hasText(doc)) throw new UserFacingError('publish.empty-passage', 'Đoạn đang chọn không có chữ nào để xuất.');
    // A proof is named after what it holds: "Sách – Chương III Tên chương (bản in thử)".
    const part = book.proof ? proofName(book) : '';
    return { book, name: part ? `${book.title} – ${part} (bản in thử)` : book.title };
  }

  return {
    preflight({ bookId, nodeId }) {
      return { findings: preflightBook(session.require().db, bookId, nodeId) };
    },
    exportPdf(input) {
      return asJob(input.jobId, [READING, ...Object.values(PDF_STAGES), WRITING], async (task) => {
        await task.step(READING);
        const { book, name } = await load(input);
        // Loaded on first export: the typesetter and its fonts cost nothing at start-up.
        const { typesetWithReport } = await import('./index');
        // Between its stages the typesetter lets this process read a cancel and send progress.
        const { pdf, pageCount } = await typesetWithReport(book, undefined, { stage: (stage) => task.step(PDF_STAGES[stage]) });
        await task.step(WRITING);
        return files.add(pdf, 'pdf', exportFileName(name, 'pdf'), pageCount, input.path);
      });
    },
    exportWord(input) {
      return asJob(input.jobId, [READING, BUILDING_WORD, WRITING], async (task) => {
        await task.step(READING);
        const { book, name } = await load(input);
        await task.step(BUILDING_WORD);
        const { writeWord } = await import('./word');
        const bytes = await writeWord(book);
        await task.step(WRITING);
        return files.add(bytes, 'docx', exportFileName(name, 'docx'), 0, input.path);
      });
    },
    exportCover({ bookId, path, jobId }) {
      return asJob(jobId, [READING, COUNTING, BUILDING_COVER, WRITING], async (task) => {
        await task.step(READING);
        const { book, name } = await load({ bookId });
        // The spine is as thick as the book: its pages are counted by typesetting it.
        await task.step(COUNTING);
        const { typesetWithReport } = await import('./index');
        const { typesetCover } = await import('./cover');
        // Both load the book's font family (the faces are read once per process).
        const { pageCount } = await typesetWithReport(book, undefined, { stage: () => task.step(COUNTING) });
        await task.step(BUILDING_COVER);
        const { pdf } = await typesetCover(book, pageCount);
        await task.step(WRITING);
        return files.add(pdf, 'pdf', exportFileName(`${name} – bìa`, 'pdf'), 1, path);
      });
    },
    exportDocument({ documentId, path, jobId }) {
      return asJob(jobId, [READING, WRITING], async (task) => {
        await task.step(READING);
        const { searchableDocumentPdf } = await import('../ocr/documentPdf');
        const { bytes, title, pages } = await searchableDocumentPdf(session.require(), documentId);
        await task.step(WRITING);
        return files.add(bytes, 'pdf', exportFileName(title, 'pdf'), pages, path);
      });
    },
    saveExport({ exportId, path }) {
      return { path: files.copyTo(exportId, path) };
    },
    exportFile(exportId) {
      return files.get(exportId);
    },
    clearExports() {
      if (session.isOpen) files.clear();
    },
    addExport(bytes, ext, fileName, pages, target) {
      return files.add(bytes, ext, fileName, pages, target);
    },
  };
}
