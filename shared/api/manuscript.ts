/** Contract of the `manuscript` service: books, their structure, and chapter content. */
import { z } from 'zod';
import { method } from './contract';

export type BookKind = 'history' | 'chronicle' | 'documents';
export const bookKinds = ['history', 'chronicle', 'documents'] as const;

export type BookNodeKind = 'part' | 'chapter' | 'front' | 'back';

export interface BookSummary {
  id: number;
  kind: BookKind;
  title: string;
  chapterCount: number;
  updatedAt: string;
}

export interface BookNodeInfo {
  id: number;
  bookId: number;
  parentId: number | null;
  kind: BookNodeKind;
  title: string;
  position: number;
  updatedAt: string;
}

export interface BookDetail extends BookSummary {
  subtitle: string;
  nodes: BookNodeInfo[];
}

/** A tiptap/ProseMirror JSON document. Its text is NFC once stored. */
export interface RichDoc {
  type: 'doc';
  content?: unknown[];
  [key: string]: unknown;
}

export interface ChapterContent {
  id: number;
  bookId: number;
  title: string;
  doc: RichDoc;
  updatedAt: string;
}

const richDoc = z.looseObject({ type: z.literal('doc'), content: z.array(z.unknown()).optional() });
const id = z.number().int().positive();

export const manuscriptContract = {
  listBooks: method<BookSummary[]>()(z.object({})),
  createBook: method<BookDetail>()(
    z.object({
      kind: z.enum(bookKinds),
      title: z.string().trim().min(1, 'Cần tên sách.').max(500),
    }),
  ),
  getBook: method<BookDetail>()(z.object({ id })),
  addChapter: method<BookNodeInfo>()(
    z.object({ bookId: id, title: z.string().trim().min(1, 'Cần tên chương.').max(500) }),
  ),
  renameNode: method<BookNodeInfo>()(
    z.object({ id, title: z.string().trim().min(1, 'Tên không được để trống.').max(500) }),
  ),
  getChapter: method<ChapterContent>()(z.object({ id })),
  /** Saves a chapter's content (autosave). Text is normalised to NFC on the way in. */
  saveChapter: method<{ updatedAt: string }>()(z.object({ id, doc: richDoc })),
};
