/** Contract of the `publish` service: books to a print-ready PDF, and to Word for reviewers. */
import { z } from 'zod';
import { method } from './contract';

export interface ExportedFile {
  fileName: string;
  bytes: Uint8Array;
  /** Pages of the PDF; 0 for a Word file (Word lays out its own pages). */
  pages: number;
}

/**
 * The whole book, or with `nodeId` a proof of one part or chapter; with `doc` too, a proof of
 * that passage (the editor's selection) printed as the chapter's text.
 */
const exportInput = z.object({
  bookId: z.number().int().positive(),
  nodeId: z.number().int().positive().optional(),
  doc: z.looseObject({ type: z.literal('doc'), content: z.array(z.unknown()).optional() }).optional(),
});

export const publishContract = {
  exportPdf: method<ExportedFile>()(exportInput),
  /** The same text as a Word file (.docx) with real footnotes, for reviewers to comment on. */
  exportWord: method<ExportedFile>()(exportInput),
};
