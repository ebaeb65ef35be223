/** Implements the `archive` contract: importing sources and reading and editing documents and pages. */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { archiveContract, ImportJobStatus, ImportOutcome } from '../../../shared/api/archive';
import type { ServiceImpl } from '../../../shared/api/contract';
import type { ErrorSink } from '../../../shared/api/dispatch';
import { UserFacingError } from '../../../shared/errors';
import { JobRegistry } from '../jobs/jobRegistry';
import type { ProjectSession } from '../project/projectSession';
import { toNFC } from '../text';
import { DocumentStore } from './documents';
import { checkProject } from './fixity';
import { ImportJob, type ImportJobOptions } from './importJob';
import { searchArchive } from '../search/archiveSearch';
import { documentLinks } from '../search/documentLinks';

export { MAX_FILE_BYTES, titleFromFileName } from './importJob';

export interface ArchiveServiceOptions {
  onError?: ErrorSink;
  /** The process's long jobs: imports are listed there, send progress events and are stopped when the project closes. */
  jobs?: JobRegistry;
  /** Where browser-mode uploads land: inputs under it are temporary and removed once their import has ended. */
  uploadsDir?: string;
  /** Files read and decoded at once while importing. */
  importConcurrency?: number;
  /** Called with the documents an import asked to recognise (import with OCR) once it has ended. */
  afterImport?: (documentIds: number[]) => void;
}

export type ArchiveService = ServiceImpl<typeof archiveContract> & {
  /** Absolute path of a page's thumbnail (made on demand), for the file protocol / HTTP host. */
  thumbnailPath(pageId: number): Promise<string>;
  /** Absolute path of a page's original file and its MIME type. */
  originalOf(pageId: number): { path: string; mime: string };
  /** A JPEG or PNG a browser can show for the page (original, extracted scan, rendering or preview). */
  pageImageOf(pageId: number): Promise<{ path: string; mime: string }>;
};

export function createArchiveService(session: ProjectSession, opts: ArchiveServiceOptions = {}): ArchiveService {
  // The process's one list of jobs (a private one when the archive is used on its own).
  const jobs = opts.jobs ?? new JobRegistry();
  const store = () => new DocumentStore(session.require().db);

  function jobOptions(folderAsDocument: boolean): ImportJobOptions {
    return {
      folderAsDocument,
      ...(opts.importConcurrency ? { concurrency: opts.importConcurrency } : {}),
      ...(opts.onError ? { onError: opts.onError } : {}),
    };
  }

  function startJob(inputs: ConstructorParameters<typeof ImportJob>[2], folderAsDocument: boolean, ocr = false): ImportJob {
    const job = new ImportJob(randomUUID(), session.require(), inputs, jobOptions(folderAsDocument));
    jobs.add(job);
    void job.finished.then(() => {
      removeUploads(inputs);
      if (ocr) opts.afterImport?.(job.allOutcomes().flatMap((o) => (o.status === 'imported' ? [o.documentId] : [])));
    });
    return job;
  }

  /** Where browser-mode uploads land, with a trailing separator; null when there are none. */
  const uploads = opts.uploadsDir ? path.resolve(opts.uploadsDir) + path.sep : null;

  /** The uploaded copies an import has read are the host's temporary files, not the user's: removed. */
  function removeUploads(inputs: ConstructorParameters<typeof ImportJob>[2]): void {
    if (!uploads) return;
    for (const p of inputs.paths) {
      const abs = path.resolve(p);
      if (abs.startsWith(uploads)) rmSync(abs, { recursive: true, force: true });
    }
  }

  /** An uploaded input is named as the user dropped it ("Hồ sơ 7/trang 1.jpg"), not by the host's temporary path. */
  function shown(input: string): string {
    if (!uploads || !input.startsWith(uploads)) return input;
    return input.slice(uploads.length).split(path.sep).slice(1).join('/') || input;
  }

  function asUploaded(s: ImportJobStatus): ImportJobStatus {
    if (!uploads) return s;
    return { ...s, outcomes: s.outcomes.map((o) => ({ ...o, input: shown(o.input) })), notImported: s.notImported.map(shown) };
  }

  function jobOf(jobId: string): ImportJob {
    const job = jobs.get(jobId);
    if (!(job instanceof ImportJob)) throw new UserFacingError('archive.job-not-found', 'Không có lượt nhập này (có thể đã kết thúc từ lâu).');
    return job;
  }

  /**
   * Waits for a job and reports every input. A job stopped by a failure (a full disk, a database
   * busy too long) still reports what it did: the files it imported, and each file it did not
   * reach as rejected with the reason it stopped.
   */
  async function runToEnd(job: ImportJob): Promise<{ outcomes: ImportOutcome[] }> {
    await job.finished;
    const s = job.status();
    const outcomes: ImportOutcome[] = job.allOutcomes().map((o) => ({ ...o, input: shown(o.input) }));
    if (s.state === 'failed') {
      const reason = s.error ?? 'Việc nhập bị dừng do lỗi.';
      if (s.notImported.length === 0 && outcomes.length === 0) throw new UserFacingError('import.failed', reason);
      for (const input of s.notImported) outcomes.push({ input: shown(input), status: 'rejected', reason: `${path.basename(input)}: chưa được nhập vì ${reason.charAt(0).toLowerCase()}${reason.slice(1)}` });
    }
    return { outcomes };
  }

  return {
    async importPaths({ paths, folderAsDocument, ocr }) {
      session.requireWritable();
      return runToEnd(startJob({ paths }, folderAsDocument, ocr));
    },

    startImport({ paths, folderAsDocument, ocr }) {
      session.requireWritable();
      const job = startJob({ paths }, folderAsDocument, ocr);
      return { jobId: job.id, total: job.status().total };
    },

    importStatus({ jobId, outcomesFrom }) {
      return asUploaded(jobOf(jobId).status(outcomesFrom));
    },

    async cancelImport({ jobId }) {
      const job = jobOf(jobId);
      await jobs.cancel(jobId);
      return asUploaded(job.status());
    },

    documentLinks({ id }) {
      const docs = store();
      docs.documentRow(id);
      return documentLinks(session.require().db, id, docs.codeTables());
    },

    search({ query, limit }) {
      return searchArchive(session.require().db, query, limit);
    },

    listDocuments({ offset, limit }) {
      return store().list(offset, limit);
    },

    getDocument({ id }) {
      return store().detail(id);
    },

    updateDocument({ id, title, baseVersion }) {
      return store().rename(id, title, baseVersion);
    },

    updateMetadata({ id, patch, baseVersion }) {
      return store().updateMetadata(id, patch, baseVersion);
    },

    acceptSuggestions({ id, fields, baseVersion }) {
      return store().resolveSuggestions(id, fields, true, baseVersion);
    },

    dismissSuggestions({ id, fields, baseVersion }) {
      return store().resolveSuggestions(id, fields, false, baseVersion);
    },

    parseCode({ code }) {
      return store().parseCode(toNFC(code));
    },

    codeAbbreviations() {
      const { db } = session.require();
      const rows = db.prepare('SELECT table_name, code, name FROM code_abbreviations ORDER BY table_name, code').all() as {
        table_name: 'partyTypes' | 'partyIssuers' | 'stateTypes' | 'stateIssuers' | 'aliases';
        code: string;
        name: string;
      }[];
      return rows.map((r) => ({ table: r.table_name, code: r.code, name: r.name }));
    },

    setCodeAbbreviation({ table, code, name }) {
      const { db } = session.require();
      if (name === null) db.prepare('DELETE FROM code_abbreviations WHERE table_name = ? AND code = ?').run(table, toNFC(code));
      else {
        db.prepare('INSERT INTO code_abbreviations(table_name, code, name) VALUES (?, ?, ?) ON CONFLICT(table_name, code) DO UPDATE SET name = excluded.name').run(
          table,
          toNFC(code),
          toNFC(name),
        );
      }
      return null;
    },

    deleteDocument({ id }) {
      store().delete(id);
      return null;
    },

    getPageText({ pageId }) {
      const row = store().pageRow(pageId);
      return { pageId, text: row.text, textSource: row.text_source, textVersion: row.version };
    },

    setPageText({ pageId, text, source, baseVersion }) {
      return store().setPageText(pageId, text, source, baseVersion);
    },

    reorderPages({ documentId, pageIds }) {
      return store().reorder(documentId, pageIds);
    },

    rotatePages({ pageIds, by }) {
      return store().rotate(pageIds, by);
    },

    movePages({ pageIds, toDocumentId, beforeSeq }) {
      return store().move(pageIds, toDocumentId, beforeSeq);
    },

    splitDocument({ documentId, atPageId }) {
      return store().split(documentId, atPageId);
    },

    mergeDocuments({ targetId, sourceIds }) {
      return store().merge(targetId, sourceIds);
    },

    async check() {
      return checkProject(session.require());
    },

    async thumbnailPath(pageId) {
      const { layout } = session.require();
      return (await import('./pageImages')).ensurePageThumbnail(layout, store().pageRow(pageId));
    },

    originalOf(pageId) {
      const { layout } = session.require();
      const row = store().pageRow(pageId);
      return { path: layout.original(row.file_sha256), mime: row.mime };
    },

    async pageImageOf(pageId) {
      const { layout } = session.require();
      return (await import('./pageImages')).viewablePageImage(layout, store().pageRow(pageId));
    },
  };
}
