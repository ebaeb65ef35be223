/** Implements the `ocr` contract: recognition jobs over chosen pages, and what was read. */
import { randomUUID } from 'node:crypto';
import type { ServiceImpl } from '../../../shared/api/contract';
import type { ErrorSink } from '../../../shared/api/dispatch';
import type { ocrContract, OcrCoverage, OcrScope } from '../../../shared/api/ocr';
import { UserFacingError } from '../../../shared/errors';
import type { JobRegistry } from '../jobs/jobRegistry';
import type { ProjectSession } from '../project/projectSession';
import type { Db } from '../store/projectDatabase';
import { OcrEngine, type OcrEngineOptions } from './ocrEngine';
import { OcrJob, type OcrTarget } from './ocrJob';
import { readRecognition, textRevisions } from './ocrStore';

export interface OcrServiceOptions {
  jobs: JobRegistry;
  onError?: ErrorSink;
  engine?: OcrEngineOptions;
}

export type OcrService = ServiceImpl<typeof ocrContract> & {
  /** Starts recognising the documents an import has just stored (import with OCR). */
  startForDocuments(documentIds: number[]): void;
  /** Stops the engine's workers (the process is closing). */
  dispose(): Promise<void>;
};

/** The pages a scope names, in document and page order, and how many of them are left out. */
export function selectPages(db: Db, scope: OcrScope): { targets: OcrTarget[]; skipped: number } {
  const rows = db
    .prepare(
      `SELECT p.id AS pageId, p.document_id AS documentId, p.seq, d.title, p.image_kind AS kind, p.text_source AS source,
              EXISTS (SELECT 1 FROM page_ocr o WHERE o.page_id = p.id) AS recognised
       FROM pages p JOIN documents d ON d.id = p.document_id
       WHERE ? OR p.document_id IN (SELECT value FROM json_each(?)) OR p.id IN (SELECT value FROM json_each(?))
       ORDER BY p.document_id, p.seq`,
    )
    .all(scope.all ? 1 : 0, JSON.stringify(scope.documentIds ?? []), JSON.stringify(scope.pageIds ?? [])) as {
    pageId: number;
    documentId: number;
    seq: number;
    title: string;
    kind: string;
    source: string;
    recognised: number;
  }[];
  const targets: OcrTarget[] = [];
  let skipped = 0;
  for (const r of rows) {
    const eligible =
      r.kind !== 'text' &&
      // A person's transcription and a file's own text are never read over.
      (r.source === 'none' || r.source === 'ocr') &&
      // Already recognised (even if nothing was found): only when asked to read again.
      (scope.redo || (r.source === 'none' && !r.recognised));
    if (eligible) targets.push({ pageId: r.pageId, documentId: r.documentId, seq: r.seq, title: r.title });
    else skipped++;
  }
  return { targets, skipped };
}

export function createOcrService(session: ProjectSession, opts: OcrServiceOptions): OcrService {
  let engine: OcrEngine | null = null;
  const engineNow = () => (engine ??= new OcrEngine(opts.engine));

  function startJob(scope: OcrScope, jobId: string = randomUUID()): OcrJob {
    const project = session.require();
    session.requireWritable();
    const { targets, skipped } = selectPages(project.db, scope);
    const job = new OcrJob(jobId, project, engineNow(), targets, skipped, opts.onError);
    opts.jobs.add(job);
    return job;
  }

  function jobOf(jobId: string): OcrJob {
    const job = opts.jobs.get(jobId);
    if (!(job instanceof OcrJob)) throw new UserFacingError('ocr.job-not-found', 'Không có lượt nhận dạng này (có thể đã kết thúc từ lâu).');
    return job;
  }

  return {
    async recognize(scope) {
      const job = startJob(scope);
      await job.finished;
      return job.status();
    },

    start({ scope, jobId }) {
      const job = startJob(scope, jobId);
      const s = job.status();
      return { jobId: job.id, total: s.total, skipped: s.skipped };
    },

    status({ jobId }) {
      return jobOf(jobId).status();
    },

    page({ pageId }) {
      return readRecognition(session.require().db, pageId);
    },

    revisions({ pageId }) {
      return textRevisions(session.require().db, pageId);
    },

    coverage() {
      const row = session
        .require()
        .db.prepare(
          `SELECT count(*) AS imagePages,
                  coalesce(sum(text_source = 'none' AND NOT EXISTS (SELECT 1 FROM page_ocr o WHERE o.page_id = p.id)), 0) AS unrecognised,
                  coalesce(sum(text_source = 'ocr'), 0) AS ocr, coalesce(sum(text_source = 'typed'), 0) AS typed,
                  coalesce(sum(text_source = 'extracted'), 0) AS extracted
           FROM pages p WHERE image_kind <> 'text'`,
        )
        .get() as OcrCoverage;
      return row;
    },

    startForDocuments(documentIds) {
      if (documentIds.length === 0 || !session.isOpen) return;
      try {
        startJob({ documentIds, redo: false });
      } catch (e) {
        opts.onError?.(e, 'ocr.after-import');
      }
    },

    async dispose() {
      const e = engine;
      engine = null;
      await e?.close();
    },
  };
}
