/** Contract of the `publish` service: books to print-ready PDF. */
import { z } from 'zod';
import { method } from './contract';

export interface ExportedFile {
  fileName: string;
  bytes: Uint8Array;
  pages: number;
}

export const publishContract = {
  exportPdf: method<ExportedFile>()(z.object({ bookId: z.number().int().positive() })),
};
