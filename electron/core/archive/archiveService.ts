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
import { listInputs } from './walk';
import { proposeGroups, type ImportGrouping } from '../../../shared/archive/pageSets';
import { searchArchive } from '../search/archiveSearch';
import { documentLinks } from '../search/documentLinks';
import { reindexForAbbreviation } from '../search/referenceIndex';
import { toCollect } from '../search/toCollect';
import type { ExportedFile } from '../../../shared/api/publish';

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
  /** Keeps a file the archive made (the "to collect" list) as an export the window can download or save (publish.addExport). */
  addExport?: (bytes: Uint8Array, ext: 'csv' | 'xlsx', fileName: string, pages: number, target?: string) => ExportedFile;
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

  function jobOptions(grouping: ImportGrouping): ImportJobOptions {
    return {
      grouping,
      ...(opts.importConcurrency ? { concurrency: opts.importConcurrency } : {}),
      ...(opts.onError ? { onError: opts.onError } : {}),
    };
  }

  /** The grouping asked for; `folderAsDocument` is what older callers ask for folders. */
  const groupingOf = (o: { grouping?: ImportGrouping | undefined; folderAsDocument: boolean }): ImportGrouping => o.grouping ?? (o.folderAsDocument ? 'folder' : 'file');

  function startJob(inputs: ConstructorParameters<typeof ImportJob>[2], grouping: ImportGrouping, ocr = false): ImportJob {
    const job = new ImportJob(randomUUID(), session.require(), inputs, jobOptions(grouping));
    jobs.add(job);
    void job.finished.then(() => {
      removeUploads(inputs);
      if (ocr) opts.afterImport?.(job.allOutcomes().flatMap((o) => (o.status === 'imported' ? [o.documentId] : [])));
    });
    return job;
  }

  /** Where browser-mode uploads land, with a trailing separator; null when there are none. */
  const uploads = opts.uploadsDir ? path.resolve(opts.uploadsDir) + path.sep : null;

  /**
   * The uploaded copies an import has read are the host's temporary files, not the user's: removed
   * (each top-level entry of an upload batch that an input lies in).
   */
  function removeUploads(inputs: ConstructorParameters<typeof ImportJob>[2]): void {
    if (!uploads) return;
    const entries = new Set<string>();
    for (const p of [...inputs.paths, ...(inputs.groups ?? []).flatMap((g) => g.paths)]) {
      const abs = path.resolve(p);
      if (!abs.startsWith(uploads)) continue;
      const [batch, top] = abs.slice(uploads.length).split(path.sep);
      if (batch && top) entries.add(path.join(uploads, batch, top));
    }
    for (const e of entries) rmSync(e, { recursive: true, force: true });
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
    async importPaths({ paths, folderAsDocument, grouping, ocr }) {
      session.requireWritable();
      return runToEnd(startJob({ paths }, groupingOf({ folderAsDocument, grouping }), ocr));
    },

    startImport({ paths, groups, folderAsDocument, grouping, ocr }) {
      session.requireWritable();
      const job = startJob({ paths, groups }, groupingOf({ folderAsDocument, grouping }), ocr);
      return { jobId: job.id, total: job.status().total };
    },

    planImport({ paths, grouping }) {
      // A path not found stays a file of its own: the import reports it.
      const files = listInputs(paths).map((e) => ({ path: e.path, inFolder: e.kind === 'file' && e.inFolder }));
      return { files, groups: proposeGroups(files, grouping) };
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

    search({ query, limit, exact }) {
      return searchArchive(session.require().db, query, limit, { exact });
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
      // What the tables recognise changed: the references on pages that write this code are read again.
      reindexForAbbreviation(db, toNFC(code));
      return null;
    },

    toCollect() {
      return toCollect(session.require().db, store().codeTables());
    },

    async exportToCollect({ format, path: target }) {
      if (!opts.addExport) throw new UserFacingError('archive.export-unavailable', 'Không xuất được danh sách ở đây.');
      const list = toCollect(session.require().db, store().codeTables());
      const { toCollectCsv, toCollectXlsx } = await import('../search/toCollectExport');
      const bytes = format === 'csv' ? toCollectCsv(list) : await toCollectXlsx(list);
      return opts.addExport(bytes, format, `Tài liệu cần sưu tầm.${format}`, 0, target);
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

    restoreDocument({ snapshot }) {
      return store().restore(snapshot);
    },

    splitDocument({ documentId, atPageId }) {
      return store().split(documentId, atPageId);
    },

    mergeDocuments({ targetId, sourceIds }) {
      return store().merge(targetId, sourceIds);
    },

    async check({ repair }) {
      // Repairing removes files, which only the holder of the project's lock may do.
      return checkProject(repair ? session.requireWritable() : session.require(), { repair: repair === true });
    },

    async thumbnailPath(pageId) {
      const { layout } = session.require();
      return (await import('./pageImages')).ensurePageThumbnail(layout, store().pageRow(pageId));
    },

    originalOf(pageId) {
      const { layout } = session.require();
      const row = store().pageRow(pageId);
      return { path: layout.inside(layout.original(row.file_sha256)), mime: row.mime };
    },

    async pageImageOf(pageId) {
      const { layout } = session.require();
      return (await import('./pageImages')).viewablePageImage(layout, store().pageRow(pageId));
    },
  };
}
