/** Contract of the `publish` service: books to print-ready PDF. */
import { z } from 'zod';
import { method } from './contract';

export interface ExportedFile {
  fileName: string;
  bytes: Uint8Array;
  pages: number;
}

export const publishContract = {
  /**
   * The whole book, or with `nodeId` a proof of one part or chapter; with `doc` too, a proof of
   * that passage (the editor's selection) printed as the chapter's text.
   */
  exportPdf: method<ExportedFile>()(
    z.object({
      bookId: z.number().int().positive(),
      nodeId: z.number().int().positive().optional(),
      doc: z.looseObject({ type: z.literal('doc'), content: z.array(z.unknown()).optional() }).optional(),
    }),
  ),
};
