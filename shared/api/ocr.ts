/** Contract of the `ocr` service: recognising the text of scanned pages, and what it read. */
import { z } from 'zod';
import type { PageOcr } from '../archive/ocr';
import { method } from './contract';
import { clientJobId } from './jobs';

export type { OcrWord, PageOcr, WordBox, OcrPreparation } from '../archive/ocr';

/** What happened to one page. */
export type OcrPageOutcome =
  | { pageId: number; documentId: number; seq: number; status: 'recognised'; confidence: number; words: number }
  /** Read, but its text was typed by a person or came with the file: only the word boxes were kept. */
  | { pageId: number; documentId: number; seq: number; status: 'kept'; confidence: number; words: number }
  | { pageId: number; documentId: number; seq: number; status: 'failed'; reason: string };

export interface OcrJobStatus {
  jobId: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  /** Pages finished, out of `total`. */
  done: number;
  total: number;
  /** "Nghị quyết 05 — trang 2" */
  current: string | null;
  etaSeconds: number | null;
  outcomes: OcrPageOutcome[];
  /** Pages left out before starting: typed or with the file's own text (never re-read), or text-only pages. */
  skipped: number;
  /** Documents whose header gave new metadata suggestions. */
  suggested: number[];
  error?: string;
}

export interface PageTextRevision {
  id: number;
  pageId: number;
  createdAt: string;
  source: 'none' | 'extracted' | 'typed' | 'ocr';
  /** Why the text was replaced: 'ocr' = a new recognition. */
  reason: 'ocr';
  text: string;
}

/** How much of the archive has text, for "recognise everything not yet recognised". */
export interface OcrCoverage {
  /** Pages with an image. */
  imagePages: number;
  /** Image pages with no text yet: what "recognise everything" would read. */
  unrecognised: number;
  ocr: number;
  typed: number;
  extracted: number;
}

const id = z.number().int().positive();
/**
 * Which pages: those of the documents named, the pages named, or every page not yet recognised
 * (`all`). Pages typed by a person or carrying the file's own text are never read again; pages
 * already recognised are read again only with `redo` (the earlier text is kept as a revision).
 */
export const ocrScope = z
  .object({
    documentIds: z.array(id).max(100_000).optional(),
    pageIds: z.array(id).max(1_000_000).optional(),
    all: z.boolean().optional(),
    redo: z.boolean().default(false),
  })
  .refine((s) => s.all || (s.documentIds?.length ?? 0) > 0 || (s.pageIds?.length ?? 0) > 0, 'Hãy chọn tài liệu hoặc trang cần nhận dạng.');

export type OcrScope = z.infer<typeof ocrScope>;

export const ocrContract = {
  /** Recognises the pages and waits for the end (CLI); every page gets an outcome. */
  recognize: method<OcrJobStatus>()(ocrScope),
  /** Starts recognising in the background (progress as job events of kind 'ocr'); stop with jobs.cancel. */
  start: method<{ jobId: string; total: number; skipped: number }>()(
    z.object({ scope: ocrScope, jobId: clientJobId.optional() }),
  ),
  status: method<OcrJobStatus>()(z.object({ jobId: z.string().min(1).max(100) })),
  /** The words, boxes and confidence read on a page (null: never recognised). */
  page: method<PageOcr | null>()(z.object({ pageId: id })),
  /** Earlier texts of a page that a new recognition replaced, newest first. */
  revisions: method<PageTextRevision[]>()(z.object({ pageId: id })),
  coverage: method<OcrCoverage>()(z.object({})),
};
