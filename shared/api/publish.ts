/** Contract of the `publish` service: books to a print-ready PDF, and to Word for reviewers. */
import { z } from 'zod';
import { method } from './contract';
import { clientJobId } from './jobs';

/**
 * A file the host wrote. Its bytes never cross the seam: the preview reads it by URL
 * (`files/export/<exportId>` in browser mode, `suquan-file://export/<exportId>` in Electron), and
 * `saveExport` copies it to where the user wants it.
 */
export interface ExportedFile {
  /** Handle of the written file (kept until the project is closed). */
  exportId: string;
  /** Suggested file name: "Lịch sử Đảng bộ huyện.pdf". */
  fileName: string;
  /** Size in bytes. */
  size: number;
  /** Pages of the PDF; 0 for a Word file (Word lays out its own pages). */
  pages: number;
  /** Where the file was also written, when the call named a path. */
  path: string | null;
}

/** An absolute path on the host's disk where the user chose to save a file. */
const savePath = z.string().trim().min(1).max(4096);

/**
 * The whole book, or with `nodeId` a proof of one part or chapter; with `doc` too, a proof of
 * that passage (the editor's selection) printed as the chapter's text.
 */
const exportInput = z.object({
  bookId: z.number().int().positive(),
  nodeId: z.number().int().positive().optional(),
  doc: z.looseObject({ type: z.literal('doc'), content: z.array(z.unknown()).optional() }).optional(),
  /** Also write the file there (atomically: the old file stays whole until the new one is). */
  path: savePath.optional(),
  /** Lets the caller follow the job's progress events and cancel it (`jobs.cancel`) while it runs. */
  jobId: clientJobId.optional(),
});

/** What the check before printing (kiểm tra trước khi in) can find in a book. */
export const preflightKinds = [
  /** A chronicle entry whose date lead cannot be read or is impossible ("Ngày 30-2-1950"). */
  'unreadable-date',
  /** A chronicle entry with no footnote, no citation and no "Nguồn:" after it. */
  'entry-without-source',
  /** A citation, figure or reproduced document whose archived document (or page) is gone. */
  'missing-document',
  /** A cited document lacking what its citation prints: issuing body, number or title, date. */
  'incomplete-citation',
  /** A document marked Mật / Tối mật / Tuyệt mật that is cited, shown or reproduced. */
  'secret-document',
  /** A reproduced document (văn kiện) with no text. */
  'empty-reproduction',
  /** A cross-reference to a chapter or heading that is no longer in the book. */
  'unresolved-crossref',
  /** A chapter (or front/back matter) with no text at all. */
  'empty-chapter',
] as const;
export type PreflightKind = (typeof preflightKinds)[number];

/** One problem found before printing, with what the UI needs to go there. */
export interface PreflightFinding {
  kind: PreflightKind;
  /** The book node (chapter, front or back matter) it is in. */
  nodeId: number;
  /** "Chương II", "Phần thứ nhất", "Phụ lục 1"; '' for unnumbered divisions. */
  chapterLabel: string;
  chapterTitle: string;
  /**
   * A few words of the chapter's text at the problem, exactly as in the top-level block
   * `blockIndex` (its text runs joined, footnotes and other atoms left out): what to show and
   * what to look for in the editor. '' when the block has no words of its own (or for a chapter).
   */
  passage: string;
  /** What is wrong and what it does to the print, one Vietnamese sentence. */
  message: string;
  /** Index of the top-level block of the chapter's content; absent for the chapter as a whole. */
  blockIndex?: number;
  /** The archived document concerned, when there is one. */
  documentId?: number;
}

/** The book, or with `nodeId` one part or chapter (a proof); the check reads what is saved. */
const preflightInput = z.object({
  bookId: z.number().int().positive(),
  nodeId: z.number().int().positive().optional(),
});

export const publishContract = {
  /** Kiểm tra trước khi in: what is wrong in the book (or the proof's part of it), in book order. */
  preflight: method<{ findings: PreflightFinding[] }>()(preflightInput),
  exportPdf: method<ExportedFile>()(exportInput),
  /** The same text as a Word file (.docx) with real footnotes, for reviewers to comment on. */
  exportWord: method<ExportedFile>()(exportInput),
  /**
   * The cover (bìa) as its own PDF: back, spine and front on one sheet at the trim size plus
   * bleed, the spine as wide as the typeset book's pages on the book's paper make it.
   */
  exportCover: method<ExportedFile>()(
    z.object({ bookId: z.number().int().positive(), path: savePath.optional(), jobId: clientJobId.optional() }),
  ),
  /**
   * An archived document as a searchable PDF: its scans, each on a page, with the recognised or
   * typed text as an invisible layer a reader can search and copy (for sharing a source).
   */
  exportDocument: method<ExportedFile>()(
    z.object({ documentId: z.number().int().positive(), path: savePath.optional(), jobId: clientJobId.optional() }),
  ),
  /** Copies a file exported earlier (the preview's) to the path the user chose. */
  saveExport: method<{ path: string }>()(z.object({ exportId: z.string().uuid(), path: savePath })),
};
