/**
 * Importing, as a background job: inputs are expanded (folders recursively, natural order), each
 * file is read, checked and turned into pages by its importer (several at once), and the results
 * are committed one by one, in input order, each document in one transaction.
 *
 * What can never happen: a half-imported document, or one file stored as two documents.
 * Everything a file needs is prepared before its transaction (derived images go to cache/, which
 * may hold leftovers). The commit is one IMMEDIATE transaction — it holds the database's write
 * lock from its first statement — that checks whether a document already has the file's SHA-256,
 * stores the original under its hash and inserts the rows: two imports of the same file, in two
 * processes at once, are serialised there, and the second reports a duplicate. An original stored
 * by a transaction that fails is removed before the lock is let go; when the COMMIT itself fails
 * (the lock is gone), it is removed only if, asked under the lock again, no row refers to it — an
 * original is never removed while a committed row, or an import about to commit, relies on it
 * (blobStore.ts removeUnreferenced). Cancelling stops before the next commit.
 *
 * Memory stays flat whatever the size of a file: it is checked from its first bytes, copied into
 * the staging area while it is hashed (a small buffer at a time), and decoded from that copy —
 * raster images by path, page by page; only the formats that must be parsed whole (PDF, DOCX,
 * HTML, text) are read into memory, and those are refused above 1 GiB. The staged copy is what
 * is renamed into files/ at commit, so the stored original is exactly the bytes that were hashed
 * and decoded.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { ImportJobStatus, ImportOutcome } from '../../../shared/api/archive';
import { isUserFacingError, UserFacingError } from '../../../shared/errors';
import type { JobProgress } from '../../../shared/api/events';
import type { RunningJob } from '../jobs/jobRegistry';
import type { OpenProject } from '../project/projectSession';
import { toNFC } from '../text';
import { BlobStore } from './blobStore';
import { examineSource, MAX_RASTER_FILE_BYTES, readSource, type ImportedPage, type ImportedSource } from './importers/index';
import { DocumentStore } from './documents';
import { derivativePath } from './cachePaths';
import { suggestMetadata } from './prefill';
import { writeFileAtomic } from '../atomicFile';
import { expandGroups, expandInputs, isSkipped, type ImportUnit } from './walk';
import type { ImportGrouping } from '../../../shared/archive/pageSets';
import { systemErrorForFile, systemErrorKind, translateSystemError } from '../systemErrors';

export { MAX_RASTER_FILE_BYTES, MAX_WHOLE_FILE_BYTES } from './importers/index';

/** No file larger than this is imported (4 GiB: raster images; PDF, DOCX, HTML and text stop at 1 GiB). */
export const MAX_FILE_BYTES = MAX_RASTER_FILE_BYTES;

/** How many files are read and decoded at once (the commits stay in input order). */
export const DEFAULT_CONCURRENCY = 3;

class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** A title from a file name: "bao-cao_1950.jpg" → "bao-cao 1950". */
export function titleFromFileName(name: string): string {
  const base = path.basename(name).replace(/\.[^.]+$/, '');
  return toNFC(base.replace(/[_]+/g, ' ').trim()) || toNFC(path.basename(name));
}

/**
 * One file ready to commit: its copy in the staging area, the copy's hash and size, and its
 * pages (thumbnails and derivatives already in cache/).
 */
interface PreparedFile {
  input: string;
  name: string;
  staged: string;
  size: number;
  sha256: string;
  source: ImportedSource;
}

/** A file of a set that is in the archive already: the document holding it. */
interface AlreadyStored {
  input: string;
  documentId: number;
}

type Prepared =
  | { kind: 'file'; input: string; file: PreparedFile; title?: string }
  | { kind: 'folder'; input: string; files: PreparedFile[]; rejected: ImportOutcome[]; stored: AlreadyStored[]; order: string[]; title?: string }
  | { kind: 'done'; outcomes: ImportOutcome[] };

/** Documents an import makes of given groups of files (the review before an import), each group one document. */
export interface ImportGroupInput {
  paths: string[];
  title?: string | undefined;
}

export interface ImportJobOptions {
  /** How the files of the paths given become documents (default 'file'; `folderAsDocument` is 'folder'). */
  grouping?: ImportGrouping;
  folderAsDocument?: boolean;
  concurrency?: number;
  onError?: (e: unknown, where: string) => void;
}

const displayName = (p: string) => toNFC(path.basename(p));

export class ImportJob implements RunningJob {
  readonly id: string;
  private state: ImportJobStatus['state'] = 'running';
  private units: ImportUnit[] = [];
  private readonly outcomes: ImportOutcome[] = [];
  private notImported: string[] = [];
  private filesDone = 0;
  private filesTotal = 0;
  private current: string | null = null;
  /** The input being waited for (its path), and the page its importer has reached in files read page by page. */
  private currentInput: string | null = null;
  private readonly pageProgress = new Map<string, { page: number; total: number }>();
  private cancelled = false;
  private error: string | undefined;
  private readonly started = Date.now();
  /** Staged copies not yet stored or discarded; whatever is left when the job ends is removed. */
  private readonly staged = new Set<string>();
  private readonly blobs: BlobStore;
  readonly finished: Promise<void>;

  constructor(
    id: string,
    private readonly project: OpenProject,
    inputs: { paths: string[]; groups?: ImportGroupInput[] | undefined },
    private readonly opts: ImportJobOptions = {},
  ) {
    this.id = id;
    this.blobs = new BlobStore(project.layout);
    const grouping = opts.grouping ?? (opts.folderAsDocument ? 'folder' : 'file');
    this.units = [...(inputs.groups?.length ? expandGroups(inputs.groups) : []), ...(inputs.paths.length ? expandInputs(inputs.paths, grouping) : [])];
    this.filesTotal = this.units.reduce((n, u) => n + (u.kind === 'folder' ? u.files.length : 1), 0);
    this.finished = this.run(this.units.map((u) => () => this.prepareUnit(u)), this.units.map((u) => u.path)).finally(() => this.discardLeftovers());
  }

  cancel(): void {
    if (this.state === 'running') this.cancelled = true;
  }

  status(outcomesFrom = 0): ImportJobStatus {
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = this.state === 'running' && this.filesDone > 0 ? Math.round((elapsed / this.filesDone) * (this.filesTotal - this.filesDone)) : null;
    return {
      jobId: this.id,
      state: this.state,
      done: this.filesDone,
      total: this.filesTotal,
      current: this.currentLabel(),
      etaSeconds: this.state === 'running' ? eta : 0,
      outcomes: this.outcomes.slice(outcomesFrom),
      outcomesFrom,
      notImported: this.notImported,
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** "Hồ sơ 12.tif (trang 120 trong số 3000)" while a many-page file is read; the file's name otherwise. */
  private currentLabel(): string | null {
    const at = this.currentInput ? this.pageProgress.get(this.currentInput) : undefined;
    return this.current && at ? `${this.current} (trang ${at.page} trong số ${at.total})` : this.current;
  }

  allOutcomes(): ImportOutcome[] {
    return this.outcomes;
  }

  /** Where the job stands, as its progress events say it (the outcomes are read once at the end). */
  progress(): JobProgress {
    const { jobId, state, done, total, current, etaSeconds } = this.status(this.outcomes.length);
    return { jobId, kind: 'import', state, done, total, current, etaSeconds };
  }

  private checkCancelled(): void {
    if (this.cancelled) throw new Cancelled();
  }

  private async run(tasks: (() => Promise<Prepared>)[], names: string[]): Promise<void> {
    const concurrency = Math.max(1, this.opts.concurrency ?? DEFAULT_CONCURRENCY);
    const inflight = new Map<number, Promise<Prepared>>();
    let started = 0;
    let i = 0;
    try {
      for (; i < tasks.length; i++) {
        while (started < tasks.length && started < i + concurrency && !this.cancelled) {
          const task = tasks[started]!;
          // Swallow rejections here; they are re-raised when awaited in order.
          const p = task();
          p.catch(() => {});
          inflight.set(started, p);
          started++;
        }
        if (this.cancelled) {
          this.notImported = names.slice(i);
          break;
        }
        this.current = displayName(names[i]!);
        this.currentInput = names[i]!;
        let prepared: Prepared;
        try {
          prepared = await inflight.get(i)!;
        } catch (e) {
          if (e instanceof Cancelled) {
            this.notImported = names.slice(i);
            break;
          }
          throw e;
        } finally {
          inflight.delete(i);
        }
        if (this.cancelled) {
          this.notImported = names.slice(i);
          break;
        }
        await this.commitWhenFree(prepared);
      }
      this.state = this.cancelled ? 'cancelled' : 'done';
    } catch (e) {
      this.state = 'failed';
      // What was imported before stays in the report; the input it stopped at and those after it
      // are listed as not imported, and why it stopped is one sentence.
      this.notImported = names.slice(i);
      const system = isUserFacingError(e) ? null : translateSystemError(e);
      this.error = isUserFacingError(e) ? e.message : (system?.message ?? `Lỗi nội bộ khi nhập: ${e instanceof Error ? e.message : String(e)}`);
      if (!isUserFacingError(e) && !system) this.opts.onError?.(e, 'archive.import');
    } finally {
      // Let prepares still running finish before the job reports its end (they only touch cache/).
      await Promise.allSettled(inflight.values());
      this.current = null;
      this.currentInput = null;
    }
  }

  // ---- prepare: check, stage, hash, decode, thumbnails; nothing in the database or files/ --------

  /**
   * Prepares one file: checked from its first bytes (format, size), copied into the staging area
   * while hashed, then decoded from the copy. With `skipDuplicate`, a file already in the archive
   * stops there (a folder-as-document keeps its pages whatever else holds them).
   */
  private async prepareFile(input: string, name: string, skipDuplicate: boolean): Promise<PreparedFile | ImportOutcome> {
    examineSource(input, name);
    this.checkCancelled();
    // Each chunk copied is a point where the job can stop (and where byte progress of a large file could be reported).
    const copy = await this.blobs.stage(input, () => this.checkCancelled());
    this.staged.add(copy.path);
    /** Derived files written for this file: removed again if it is refused after some of its pages. */
    const written: string[] = [];
    try {
      const { sha256 } = copy;
      if (skipDuplicate) {
        const existing = this.existingDocument(sha256);
        if (existing !== null) {
          this.discard(copy.path);
          return { input, status: 'duplicate', documentId: existing };
        }
      }
      this.checkCancelled();
      const { layout } = this.project;
      // Each page's images go to cache/ as soon as it is made, then are let go: a PDF or TIFF of
      // thousands of pages never holds them all at once.
      const toDisk = (page: ImportedPage) => {
        if (page.thumbnail.length === 0) return; // written already
        const thumbnail = layout.thumbnail(sha256, page.filePage);
        writeFileAtomic(layout.inside(thumbnail), page.thumbnail);
        written.push(thumbnail);
        if (page.derivative) {
          const derivative = derivativePath(layout, sha256, page.filePage, page.derivative.mime);
          writeFileAtomic(layout.inside(derivative), page.derivative.bytes);
          written.push(derivative);
        }
        page.thumbnail = new Uint8Array(0);
        if (page.derivative) page.derivative = { mime: page.derivative.mime, bytes: new Uint8Array(0) };
      };
      // Each page is a point where the job can stop, and the progress says which page a long file is at.
      const source = await readSource(copy.path, name, {
        beforePage: (page, total) => {
          this.checkCancelled();
          if (total > 1) this.pageProgress.set(input, { page: page + 1, total });
        },
        onPage: toDisk,
      }).finally(() => this.pageProgress.delete(input));
      this.checkCancelled();
      for (const page of source.pages) toDisk(page);
      return { input, name, staged: copy.path, size: copy.size, sha256, source };
    } catch (e) {
      this.discard(copy.path);
      // (Were the same bytes stored already, what goes is rebuilt from the original on demand.)
      for (const f of written) rmSync(f, { force: true });
      throw e;
    }
  }

  private discard(staged: string): void {
    this.staged.delete(staged);
    this.blobs.discardStaged(staged);
  }

  /** Removes the staged copies a job leaves behind (cancelled, failed, or prepared and never committed). */
  private discardLeftovers(): void {
    for (const f of [...this.staged]) {
      try {
        this.discard(f);
      } catch (e) {
        this.opts.onError?.(e, `archive.import cleanup ${f}`);
      }
    }
  }

  /** Runs one file's preparation; a user-caused problem becomes a rejected outcome. */
  private async guard(input: string, work: () => Promise<PreparedFile | ImportOutcome>): Promise<PreparedFile | ImportOutcome> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      if (isUserFacingError(e)) return { input, status: 'rejected', reason: e.message };
      const system = systemErrorForFile(e, displayName(input));
      if (system) return { input, status: 'rejected', reason: system };
      this.opts.onError?.(e, `archive.import ${input}`);
      return { input, status: 'rejected', reason: `${displayName(input)}: lỗi không mong đợi khi đọc tệp (${e instanceof Error ? e.message : String(e)}).` };
    } finally {
      this.filesDone++;
    }
  }

  private async prepareUnit(unit: ImportUnit): Promise<Prepared> {
    if (unit.kind === 'missing') {
      this.filesDone++;
      // The sentence is the walker's (walk.ts): not found, unreadable, a broken link, a loop.
      return { kind: 'done', outcomes: [{ input: unit.path, status: isSkipped(unit) ? 'skipped' : 'rejected', reason: unit.message }] };
    }
    if (unit.kind === 'file') {
      const r = await this.guard(unit.path, async () => this.prepareFile(unit.path, displayName(unit.path), true));
      return 'status' in r ? { kind: 'done', outcomes: [r] } : { kind: 'file', input: unit.path, file: r, ...(unit.title ? { title: unit.title } : {}) };
    }
    return this.prepareFolder(unit.path, unit.files, unit.title);
  }

  /**
   * A set of files as one document (a folder, a page set): good files become its pages, bad ones
   * are reported, and files the archive holds already are left out and named with their document.
   */
  private async prepareFolder(input: string, entries: string[], title: string | undefined): Promise<Prepared> {
    const files: PreparedFile[] = [];
    const rejected: ImportOutcome[] = [];
    const stored: AlreadyStored[] = [];
    for (const f of entries) {
      this.checkCancelled();
      const r = await this.guard(f, async () => this.prepareFile(f, displayName(f), true));
      if (!('status' in r)) files.push(r);
      else if (r.status === 'duplicate') stored.push({ input: f, documentId: r.documentId });
      else rejected.push(r);
    }
    return { kind: 'folder', input, files, rejected, stored, order: entries, ...(title ? { title } : {}) };
  }

  // ---- commit: originals to files/, rows to the database, one transaction per document ---------

  private existingDocument(sha256: string): number | null {
    const row = this.project.db
      .prepare('SELECT document_id FROM pages WHERE file_sha256 = ? ORDER BY document_id LIMIT 1')
      .get(sha256) as { document_id: number } | undefined;
    return row ? row.document_id : null;
  }

  /**
   * Commits, waiting while another process holds the database's write lock longer than SQLite's
   * busy timeout (its own import of a large file, say): nothing has been done when BEGIN fails.
   */
  private async commitWhenFree(prepared: Prepared): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.commit(prepared);
        return;
      } catch (e) {
        if (!(e instanceof DatabaseBusy)) throw e;
        if (attempt >= BUSY_RETRIES) {
          throw new UserFacingError('import.busy', 'Dự án đang bận: một tiến trình khác giữ quyền ghi quá lâu; việc nhập đã dừng, hãy nhập lại các tệp còn lại sau.');
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  private commit(prepared: Prepared): void {
    if (prepared.kind === 'done') {
      this.outcomes.push(...prepared.outcomes);
      return;
    }
    // A full disk refuses this file (or folder) with a sentence; the next may still fit.
    const full = (input: string, files: PreparedFile[], e: unknown): ImportOutcome => {
      for (const f of files) this.discard(f.staged);
      return { input, status: 'rejected', reason: systemErrorForFile(e, displayName(input))! };
    };
    if (prepared.kind === 'file') {
      const f = prepared.file;
      const title = prepared.title ?? (f.source.title && f.source.format !== 'pdf' ? f.source.title : titleFromFileName(f.name));
      let r: ReturnType<ImportJob['commitDocument']>;
      try {
        r = this.commitDocument(title, [f], true);
      } catch (e) {
        if (systemErrorKind(e) !== 'full') throw e;
        this.outcomes.push(full(f.input, [f], e));
        return;
      }
      if ('duplicateOf' in r) {
        this.discard(f.staged);
        this.outcomes.push({ input: f.input, status: 'duplicate', documentId: r.duplicateOf });
      } else if ('documentId' in r) {
        const warnings = f.source.warnings ?? [];
        this.outcomes.push({
          input: f.input,
          status: 'imported',
          documentId: r.documentId,
          pages: f.source.pages.length,
          ...(prepared.title ? { title } : {}),
          ...(warnings.length ? { warnings } : {}),
        });
      }
      return;
    }
    // A set of files as one document: its good files in order; files the archive holds already
    // are left out (the same scan is never stored as two pages) and each is named with its
    // document — all of them: the set as a whole is "already there"; its bad files one by one.
    const named = prepared.title ? { title: prepared.title } : {};
    const stored = [...prepared.stored];
    let made: { documentId: number; pages: number } | null = null;
    if (prepared.files.length > 0) {
      try {
        const r = this.commitSet(prepared.title ?? titleFromFileName(prepared.input), prepared.files);
        stored.push(...r.stored);
        if (r.documentId !== null) made = { documentId: r.documentId, pages: r.pages };
      } catch (e) {
        if (systemErrorKind(e) !== 'full') throw e;
        this.outcomes.push(full(prepared.input, prepared.files, e));
      }
    }
    const place = new Map(prepared.order.map((p, i) => [p, i]));
    stored.sort((a, b) => (place.get(a.input) ?? 0) - (place.get(b.input) ?? 0));
    if (made) {
      // What an importer noticed in a file of the set (bad bytes in a text…), named by the file.
      const warnings = prepared.files.flatMap((f) => (f.source.warnings ?? []).map((w) => `${displayName(f.input)}: ${w}`));
      this.outcomes.push({ input: prepared.input, status: 'imported', documentId: made.documentId, pages: made.pages, ...named, ...(warnings.length ? { warnings } : {}) });
      for (const s of stored) this.outcomes.push({ input: s.input, status: 'duplicate', documentId: s.documentId });
    } else if (stored.length > 0) {
      const documents = this.documentTitles([...new Set(stored.map((s) => s.documentId))]);
      this.outcomes.push({ input: prepared.input, status: 'duplicate', documentId: stored[0]!.documentId, documents, ...named });
    }
    this.outcomes.push(...prepared.rejected);
  }

  /** The documents' numbers and titles, in the order given (those deleted meanwhile left out). */
  private documentTitles(ids: number[]): { id: number; title: string }[] {
    const get = this.project.db.prepare('SELECT id, title FROM documents WHERE id = ?');
    return ids.flatMap((id) => {
      const row = get.get(id) as { id: number; title: string } | undefined;
      return row ? [row] : [];
    });
  }

  /**
   * Commits a set of files as one document: files a document already holds (committed since they
   * were prepared, by this job or another process) are left out inside the transaction; no
   * document is made when none is left.
   */
  private commitSet(title: string, files: PreparedFile[]): { documentId: number | null; pages: number; stored: AlreadyStored[] } {
    const r = this.commitDocument(title, files, false, true);
    const stored = r.stored ?? [];
    const out = new Set(stored.map((s) => s.input));
    for (const f of files) if (out.has(f.input)) this.discard(f.staged);
    const left = files.filter((f) => !out.has(f.input));
    return { documentId: 'documentId' in r ? r.documentId : null, pages: left.reduce((n, f) => n + f.source.pages.length, 0), stored };
  }

  /**
   * Stores the originals and inserts one document, in one IMMEDIATE transaction. With
   * `unlessStored`, a document that already holds the (single) file's SHA-256 — committed by this
   * job, another job or another process, even a moment ago — is returned instead. With
   * `leaveOutStored` (a set of files), each file a document holds already is left out and listed
   * in `stored`; when none is left, no document is made.
   */
  private commitDocument(
    title: string,
    files: PreparedFile[],
    unlessStored: boolean,
    leaveOutStored = false,
  ): ({ documentId: number } | { duplicateOf: number } | { none: true }) & { stored?: AlreadyStored[] } {
    const { db } = this.project;
    const blobs = this.blobs;
    const created: string[] = [];
    const suggestions = suggestMetadata(textHead(files), new DocumentStore(db).codeTables());
    let began = false;
    try {
      return db
        .transaction(() => {
          began = true;
          try {
            if (unlessStored) {
              const existing = this.existingDocument(files[0]!.sha256);
              if (existing !== null) return { duplicateOf: existing };
            }
            const stored: AlreadyStored[] = [];
            if (leaveOutStored) {
              for (const f of files) {
                const existing = this.existingDocument(f.sha256);
                if (existing !== null) stored.push({ input: f.input, documentId: existing });
              }
              const out = new Set(stored.map((s) => s.input));
              files = files.filter((f) => !out.has(f.input));
              if (files.length === 0) return { none: true as const, stored };
            }
            const recorded = db.prepare('SELECT 1 FROM files WHERE sha256 = ?').pluck();
            for (const f of files) {
              // The staged copy becomes the original (or goes, when the same bytes are stored
              // already). One a committed row already names (its file had gone missing) stays
              // even if this transaction fails: a rollback removes only what nothing refers to.
              const wasRecorded = recorded.get(f.sha256) !== undefined;
              if (blobs.putStaged(f.staged, f.sha256) && !wasRecorded) created.push(f.sha256);
              this.staged.delete(f.staged);
            }
            return { documentId: this.insertDocument(title, suggestions, files), stored };
          } catch (e) {
            // Still holding the write lock: no other process can have referred to these originals yet.
            for (const sha of created.splice(0)) blobs.removeUncommitted(sha);
            throw e;
          }
        })
        .immediate();
    } catch (e) {
      if (!began && (e as { code?: string })?.code === 'SQLITE_BUSY') throw new DatabaseBusy(e);
      // The COMMIT itself failed and the lock is gone: another process may have found these
      // originals since and be committing rows that refer to them, so what goes is decided
      // under the lock again (what stays is a leftover for `suquan check`).
      try {
        blobs.removeUnreferenced(db, created);
      } catch (cleanup) {
        this.opts.onError?.(cleanup, 'archive.import cleanup');
      }
      throw e;
    }
  }

  /** The rows of one document (inside commitDocument's transaction). */
  private insertDocument(title: string, suggestions: unknown, files: PreparedFile[]): number {
    const { db } = this.project;
    const now = new Date().toISOString();
    const insertFile = db.prepare('INSERT OR IGNORE INTO files(sha256, size, mime, original_name, imported_at, format) VALUES (?, ?, ?, ?, ?, ?)');
    const doc = db
      .prepare('INSERT INTO documents(title, suggestions, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(toNFC(title), JSON.stringify(suggestions), now, now);
    const id = Number(doc.lastInsertRowid);
    const insertPage = db.prepare(
      `INSERT INTO pages(document_id, seq, file_sha256, file_page, width, height, rotation, text, image_kind, image_mime, text_source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let seq = 0;
    for (const f of files) {
      insertFile.run(f.sha256, f.size, f.source.mime, f.name, now, f.source.format);
      for (const p of f.source.pages) {
        const text = toNFC(p.text);
        insertPage.run(id, ++seq, f.sha256, p.filePage, p.width, p.height, p.rotation ?? 0, text, p.imageKind, p.derivative?.mime ?? null, text ? 'extracted' : 'none');
      }
    }
    return id;
  }
}


/** How much of a document's text the metadata suggestions read (prefill.ts looks at its first 40 lines). */
const SUGGESTIONS_READ_CHARS = 16_384;

/**
 * The beginning of the document's text (its pages joined by newlines), without joining a long
 * text whole: an 8 MB text took 200 MB and a second more in prefill when given all of it.
 */
function textHead(files: PreparedFile[]): string {
  let head = '';
  let first = true;
  for (const f of files) {
    for (const p of f.source.pages) {
      head += (first ? '' : '\n') + p.text.slice(0, SUGGESTIONS_READ_CHARS);
      first = false;
      if (head.length >= SUGGESTIONS_READ_CHARS) return head.slice(0, SUGGESTIONS_READ_CHARS);
    }
  }
  return head;
}

/** How many times a commit waits for another process's write lock (SQLite's 5 s busy timeout each time, 0.2–1.8 s between: about a minute). */
const BUSY_RETRIES = 10;

/** BEGIN IMMEDIATE found the write lock held past the busy timeout: nothing was done, the commit may be tried again. */
class DatabaseBusy extends Error {
  constructor(override readonly cause: unknown) {
    super('database busy');
    this.name = 'DatabaseBusy';
  }
}
