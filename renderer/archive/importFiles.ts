/**
 * Importing what the user chose or dropped, with progress and cancel: ONE job on the host in
 * both modes (`archive.startImport` with disk paths; the host walks folders), followed by its
 * progress events and stopped with `jobs.cancel`; its outcomes are read once it has ended.
 *
 * - Electron: the platform knows every file's path; nothing is sent.
 * - Browser mode: the renderer walks dropped folders itself (the entry API, or the
 *   `webkitRelativePath` of a folder chosen in the file dialog) and first streams the files to the
 *   host under one fresh folder that keeps their relative paths (`platform.uploadFiles`), then
 *   imports the host paths of the top-level entries. Stopping during the upload sends nothing
 *   more and imports nothing: every input is listed as not imported.
 */
import type { ImportOutcome } from '../../shared/api/archive';
import type { ImportGrouping } from '../../shared/archive/pageSets';
import { api, platform, type UploadResult } from '../platform/platform';
import { errorInfo, type ErrorInfo } from '../shell/ErrorDetails';
import { listenToJobs } from '../shell/jobEvents';

/** A file to import and where it sits in what was dropped ("Hồ sơ 12/trang 2.jpg"). */
export interface ImportItem {
  file: File;
  relPath: string;
}

/** What to import: files in the browser, or disk paths (files and folders) in Electron. */
export type ImportSource = { kind: 'items'; items: ImportItem[] } | { kind: 'paths'; paths: string[] };

export interface ImportProgress {
  /** Sending the files to the host (browser mode), or importing them. */
  phase: 'upload' | 'import';
  /** Bytes sent of `total` while uploading; files finished of `total` while importing. */
  done: number;
  /** 0 while not known yet. */
  total: number;
  /** The file being sent or imported now. */
  current: string | null;
  etaSeconds: number | null;
  cancelling: boolean;
}

export interface ImportResult {
  outcomes: ImportOutcome[];
  /** Inputs left out because the import was stopped. */
  notImported: string[];
  /** Why the import as a whole failed (not a bad file: those are outcomes). */
  error?: ErrorInfo;
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
/** Natural name order: "trang 2" before "trang 10". */
export const compareNatural = (a: string, b: string) => collator.compare(a.normalize('NFC'), b.normalize('NFC')) || (a < b ? -1 : a > b ? 1 : 0);

const SKIPPED = /^(\.|~\$|Thumbs\.db$|desktop\.ini$|__MACOSX$)/i;
const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;
const dirName = (p: string) => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};

// ---- What was dropped or chosen --------------------------------------------------------------

interface FsEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
interface FsFileEntry extends FsEntry {
  file(ok: (f: File) => void, fail: (e: unknown) => void): void;
}
interface FsDirEntry extends FsEntry {
  createReader(): { readEntries(ok: (entries: FsEntry[]) => void, fail: (e: unknown) => void): void };
}

async function readDirectory(dir: FsDirEntry): Promise<FsEntry[]> {
  const reader = dir.createReader();
  const all: FsEntry[] = [];
  // readEntries returns entries in batches (100 in Chromium) until an empty batch.
  for (;;) {
    const batch = await new Promise<FsEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    all.push(...batch);
  }
  return all;
}

async function walkEntry(entry: FsEntry, prefix: string, out: ImportItem[]): Promise<void> {
  if (SKIPPED.test(entry.name)) return;
  const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((ok, fail) => (entry as FsFileEntry).file(ok, fail));
    out.push({ file, relPath: rel });
  } else if (entry.isDirectory) {
    const children = await readDirectory(entry as FsDirEntry);
    children.sort((a, b) => compareNatural(a.name, b.name));
    for (const c of children) await walkEntry(c, rel, out);
  }
}

/**
 * Reads a drop. Must be called inside the drop handler: the entries are taken synchronously
 * (the DataTransfer is emptied once the handler returns), then walked.
 */
export function readDrop(dt: DataTransfer): Promise<ImportSource> {
  const files = [...dt.files];
  // Electron: every dropped thing (folders too) has a path; the host walks folders.
  const paths = files.map((f) => platform.pathForFile(f));
  if (files.length > 0 && paths.every((p): p is string => !!p)) return Promise.resolve({ kind: 'paths', paths });

  const entries: FsEntry[] = [];
  for (const item of [...dt.items]) {
    if (item.kind !== 'file') continue;
    const entry = (item as DataTransferItem & { webkitGetAsEntry?: () => FsEntry | null }).webkitGetAsEntry?.();
    if (entry) entries.push(entry);
  }
  if (entries.length === 0) return Promise.resolve(sourceFromFiles(files));
  return (async () => {
    const out: ImportItem[] = [];
    entries.sort((a, b) => compareNatural(a.name, b.name));
    for (const e of entries) await walkEntry(e, '', out);
    return { kind: 'items', items: out } as const;
  })();
}

/**
 * Files from a file dialog (or a drop without the entry API): a folder chosen with
 * `webkitdirectory` gives each file its `webkitRelativePath`.
 */
export function sourceFromFiles(files: File[]): ImportSource {
  const paths = files.map((f) => platform.pathForFile(f));
  if (files.length > 0 && paths.every((p): p is string => !!p)) {
    // A folder chosen in Electron: import the folder itself, so the host groups it when asked.
    const folders = new Set<string>();
    const loose: string[] = [];
    files.forEach((f, i) => {
      const rel = f.webkitRelativePath;
      const p = paths[i]!;
      if (rel && rel.includes('/')) folders.add(p.slice(0, p.length - rel.length) + rel.split('/')[0]);
      else loose.push(p);
    });
    return { kind: 'paths', paths: [...folders, ...loose] };
  }
  const items = files
    .map((file) => ({ file, relPath: file.webkitRelativePath || file.name }))
    .filter((it) => !it.relPath.split('/').some((part) => SKIPPED.test(part)));
  items.sort((a, b) => {
    const da = dirName(a.relPath);
    const db = dirName(b.relPath);
    return da === db ? compareNatural(baseName(a.relPath), baseName(b.relPath)) : compareNatural(da, db);
  });
  return { kind: 'items', items };
}

export function sourceSize(s: ImportSource): number {
  return s.kind === 'items' ? s.items.length : s.paths.length;
}

// ---- Running an import -----------------------------------------------------------------------

export interface ImportRun {
  result: Promise<ImportResult>;
  cancel(): void;
}

/** Thrown from the upload's progress callback to stop sending the rest. */
class UploadStopped extends Error {}

/** If no event has come for this long, the job's status is read once (an event stream that dropped). */
const SILENCE_MS = 5_000;
/** Asks for no outcomes: only the job's state (outcomes are read once, at the end). */
const NO_OUTCOMES = 1_000_000_000;

/** Documents to make, as the review before an import left them: files by their paths (relative paths in browser mode). */
export interface ImportGroupChoice {
  title: string | null;
  paths: string[];
}

/** How the files become documents: by a grouping the host applies, or by the groups the review made. */
export interface ImportPlanChoice {
  grouping?: ImportGrouping;
  groups?: ImportGroupChoice[];
}

/**
 * The units an import makes of these files, named as the report names them (a file by its
 * path, a folder imported as one document by its folder): what is "not imported" when the
 * import stops before the host has them.
 */
function unitNames(items: ImportItem[], folderAsDocument: boolean, groups?: ImportGroupChoice[]): string[] {
  if (groups) return groups.map((g) => (g.paths.length > 1 && g.title ? g.title : g.paths[0]!));
  const names: string[] = [];
  const folders = new Set<string>();
  for (const it of items) {
    const dir = dirName(it.relPath);
    if (!folderAsDocument || !dir) names.push(it.relPath);
    else if (!folders.has(dir)) {
      folders.add(dir);
      names.push(dir);
    }
  }
  return names;
}

/**
 * The host path of each uploaded file: the upload keeps relative paths under one batch folder,
 * whose path is the folder of any top-level entry's host path.
 */
function uploadedPaths(uploaded: UploadResult): (relPath: string) => string {
  const root = uploaded.paths[0] ?? '';
  const sep = root.includes('\\') && !root.includes('/') ? '\\' : '/';
  const batch = root.slice(0, root.lastIndexOf(sep));
  return (relPath) => [batch, ...relPath.normalize('NFC').split('/')].join(sep);
}

export function startImport(
  source: ImportSource,
  opts: { folderAsDocument: boolean; ocr?: boolean } & ImportPlanChoice,
  onProgress: (p: ImportProgress) => void,
): ImportRun {
  // Listening starts before anything does: the job's first events may come before its id.
  const events = listenToJobs('import');
  let cancelRequested = false;
  let jobId: string | null = null;
  let last: ImportProgress = { phase: source.kind === 'items' ? 'upload' : 'import', done: 0, total: 0, current: null, etaSeconds: null, cancelling: false };
  const report = (p: Omit<ImportProgress, 'cancelling'>) => {
    last = { ...p, cancelling: cancelRequested };
    onProgress(last);
  };

  const upload = async (items: ImportItem[]): Promise<UploadResult | null> => {
    const totalBytes = items.reduce((n, it) => n + it.file.size, 0);
    const t0 = performance.now();
    let next = 0;
    report({ phase: 'upload', done: 0, total: totalBytes, current: items[0]?.relPath ?? null, etaSeconds: null });
    try {
      return await platform.uploadFiles(items, (sent, total) => {
        // Called after each file: stopping here sends nothing more.
        if (cancelRequested) throw new UploadStopped();
        next++;
        const elapsed = (performance.now() - t0) / 1000;
        const eta = sent > 0 && elapsed > 1 ? Math.round((elapsed / sent) * (total - sent)) : null;
        report({ phase: 'upload', done: sent, total, current: items[next]?.relPath ?? null, etaSeconds: eta });
      });
    } catch (e) {
      if (e instanceof UploadStopped || cancelRequested) return null;
      throw e;
    }
  };

  /** Resolves once the job is no longer running, from its events (or, if they go silent, its status). */
  const ended = (id: string) =>
    new Promise<void>((resolve, reject) => {
      let lastEventAt = performance.now();
      let settled = false;
      const finish = () => {
        settled = true;
        clearInterval(watchdog);
        resolve();
      };
      const check = () =>
        api.archive.importStatus({ jobId: id, outcomesFrom: NO_OUTCOMES }).then(
          (s) => {
            if (settled) return;
            report({ phase: 'import', done: s.done, total: s.total, current: s.current, etaSeconds: s.etaSeconds });
            if (s.state !== 'running') finish();
          },
          (e: unknown) => {
            if (settled) return;
            settled = true;
            clearInterval(watchdog);
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
      const watchdog = setInterval(() => {
        if (performance.now() - lastEventAt >= SILENCE_MS) {
          lastEventAt = performance.now();
          void check();
        }
      }, SILENCE_MS);
      events.follow(id, (p) => {
        if (settled) return;
        lastEventAt = performance.now();
        report({ phase: 'import', done: p.done, total: p.total, current: p.current, etaSeconds: p.etaSeconds });
        if (p.state !== 'running') finish();
      });
      // A short job may have ended before its events could reach this window.
      void check();
    });

  const result = (async (): Promise<ImportResult> => {
    try {
      let paths: string[];
      let groups = opts.groups;
      // Files the host refused to take (each with its sentence) are reported like rejected files.
      let refused: ImportOutcome[] = [];
      if (source.kind === 'paths') paths = source.paths;
      else {
        const uploaded = await upload(source.items);
        if (!uploaded || cancelRequested) return { outcomes: [], notImported: unitNames(source.items, opts.folderAsDocument, groups) };
        paths = uploaded.paths;
        refused = uploaded.rejected.map((r) => ({ input: r.relPath, status: 'rejected', reason: r.reason }));
        if (groups) {
          // The review's groups name files by their relative paths: now by where the host has them.
          const gone = new Set(uploaded.rejected.map((r) => r.relPath));
          const hostPath = uploadedPaths(uploaded);
          groups = groups.map((g) => ({ title: g.title, paths: g.paths.filter((p) => !gone.has(p)).map(hostPath) })).filter((g) => g.paths.length > 0);
        }
      }
      if (groups ? groups.length === 0 || paths.length === 0 : paths.length === 0) return { outcomes: refused, notImported: [] };
      report({ phase: 'import', done: 0, total: 0, current: null, etaSeconds: null });
      const started = await api.archive.startImport(
        groups
          ? { groups: groups.map((g) => ({ paths: g.paths, ...(g.title ? { title: g.title } : {}) })), ocr: opts.ocr ?? false }
          : { paths, folderAsDocument: opts.folderAsDocument, ...(opts.grouping ? { grouping: opts.grouping } : {}), ocr: opts.ocr ?? false },
      );
      jobId = started.jobId;
      report({ phase: 'import', done: 0, total: started.total, current: null, etaSeconds: null });
      if (cancelRequested) void api.jobs.cancel({ jobId }).catch(() => undefined);
      await ended(jobId);
      const status = await api.archive.importStatus({ jobId });
      return {
        outcomes: [...refused, ...status.outcomes],
        notImported: status.notImported,
        ...(status.state === 'failed' ? { error: { message: status.error ?? '' } } : {}),
      };
    } catch (e) {
      // Nothing imported by this call is lost: what the host finished stays in the archive.
      const names = source.kind === 'items' ? unitNames(source.items, opts.folderAsDocument, opts.groups) : opts.groups ? unitNames([], false, opts.groups) : source.paths;
      return { outcomes: [], notImported: jobId ? [] : names, error: errorInfo(e) };
    } finally {
      events.close();
    }
  })();

  return {
    result,
    cancel() {
      if (cancelRequested) return;
      cancelRequested = true;
      onProgress({ ...last, cancelling: true });
      if (jobId) void api.jobs.cancel({ jobId }).catch(() => undefined);
    },
  };
}
