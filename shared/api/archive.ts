/** Contract of the `archive` service: source documents, their pages and scans. */
import { z } from 'zod';
import { method } from './contract';

export interface DocumentSummary {
  id: number;
  title: string;
  pageCount: number;
  /** The page whose thumbnail represents the document. */
  coverPageId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface PageInfo {
  id: number;
  documentId: number;
  /** 1-based position in the document. */
  seq: number;
  width: number;
  height: number;
  rotation: number;
  mime: string;
  fileSha256: string;
  text: string;
}

export interface ArchiveDocument extends DocumentSummary {
  pages: PageInfo[];
}

export type ImportOutcome =
  | { input: string; status: 'imported'; documentId: number; pages: number }
  | { input: string; status: 'duplicate'; documentId: number }
  | { input: string; status: 'rejected'; reason: string };

export interface ImportReport {
  outcomes: ImportOutcome[];
}

/** A file reference the renderer turns into a URL through its platform (protocol or HTTP). */
export type FileRef = { kind: 'thumb'; pageId: number } | { kind: 'page'; pageId: number };

export const archiveContract = {
  /** Imports files from disk (CLI, Electron). Every input gets an outcome; one bad file never stops the rest. */
  importPaths: method<ImportReport>()(z.object({ paths: z.array(z.string().min(1)).min(1).max(100_000) })),
  /** Imports one file's bytes (browser mode, drag-and-drop). */
  importBytes: method<ImportReport>()(
    z.object({ name: z.string().min(1).max(1000), bytes: z.instanceof(Uint8Array) }),
  ),
  listDocuments: method<{ total: number; items: DocumentSummary[] }>()(
    z.object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
  ),
  getDocument: method<ArchiveDocument>()(z.object({ id: z.number().int().positive() })),
  updateDocument: method<DocumentSummary>()(
    z.object({
      id: z.number().int().positive(),
      title: z.string().trim().min(1, 'Tiêu đề không được để trống.').max(2000),
    }),
  ),
};
