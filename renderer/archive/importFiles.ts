/**
 * Importing what the user chose or dropped, with progress and cancel.
 *
 * - Electron (the platform knows disk paths): one background job on the host (`startImport`),
 *   polled with `importStatus`, stopped with `cancelImport`; folders are walked by the host.
 * - Browser mode (no paths): the renderer walks dropped folders itself (the entry API, or the
 *   `webkitRelativePath` of a folder chosen in the file dialog) and sends the bytes one file at a
 *   time (`importBytes`), or one folder at a time as one document (`importBytesAsDocument`).
 *   Cancelling stops between files; what was sent is whole, the rest is listed as not imported.
 */
import type { ImportOutcome } from '../../shared/api/archive';
import { api, platform } from '../platform/platform';

/** A file to import and where it sits in what was dropped ("Hồ sơ 12/trang 2.jpg"). */
export interface ImportItem {
  file: File;
  relPath: string;
}

/** What to import: files in the browser, or disk paths (files and folders) in Electron. */
export type ImportSource = { kind: 'items'; items: ImportItem[] } | { kind: 'paths'; paths: string[] };

export interface ImportProgress {
  done: number;
  total: number;
  current: string | null;
  etaSeconds: number | null;
  cancelling: boolean;
}

export interface ImportResult {
  outcomes: ImportOutcome[];
  notImported: string[];
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startImport(source: ImportSource, opts: { folderAsDocument: boolean }, onProgress: (p: ImportProgress) => void): ImportRun {
  return source.kind === 'paths' ? runJob(source.paths, opts.folderAsDocument, onProgress) : runBytes(source.items, opts.folderAsDocument, onProgress);
}

/** Electron: a background job on the host, polled. */
function runJob(paths: string[], folderAsDocument: boolean, onProgress: (p: ImportProgress) => void): ImportRun {
  let cancelRequested = false;
  let jobId: string | null = null;
  const result = (async (): Promise<ImportResult> => {
    onProgress({ done: 0, total: paths.length, current: null, etaSeconds: null, cancelling: false });
    const started = await api.archive.startImport({ paths, folderAsDocument });
    jobId = started.jobId;
    if (cancelRequested) void api.archive.cancelImport({ jobId });
    const outcomes: ImportOutcome[] = [];
    for (;;) {
      const s = await api.archive.importStatus({ jobId, outcomesFrom: outcomes.length });
      outcomes.push(...s.outcomes);
      onProgress({ done: s.done, total: s.total, current: s.current, etaSeconds: s.etaSeconds, cancelling: cancelRequested });
      if (s.state !== 'running') {
        if (s.state === 'failed') outcomes.push({ input: '', status: 'rejected', reason: s.error ?? '' });
        return { outcomes, notImported: s.notImported };
      }
      await sleep(250);
    }
  })();
  return {
    result,
    cancel() {
      cancelRequested = true;
      if (jobId) void api.archive.cancelImport({ jobId });
    },
  };
}

type Unit = { kind: 'file'; item: ImportItem } | { kind: 'folder'; name: string; items: ImportItem[] };

function unitsOf(items: ImportItem[], folderAsDocument: boolean): Unit[] {
  if (!folderAsDocument) return items.map((item) => ({ kind: 'file', item }));
  const units: Unit[] = [];
  const folders = new Map<string, Unit & { kind: 'folder' }>();
  for (const item of items) {
    const dir = dirName(item.relPath);
    if (!dir) {
      units.push({ kind: 'file', item });
      continue;
    }
    let u = folders.get(dir);
    if (!u) {
      u = { kind: 'folder', name: baseName(dir), items: [] };
      folders.set(dir, u);
      units.push(u);
    }
    u.items.push(item);
  }
  return units;
}

const bytesOf = async (f: File) => new Uint8Array(await f.arrayBuffer());

/** Browser mode: bytes sent file by file (or folder by folder), cancel between them. */
function runBytes(items: ImportItem[], folderAsDocument: boolean, onProgress: (p: ImportProgress) => void): ImportRun {
  let cancelled = false;
  const result = (async (): Promise<ImportResult> => {
    const units = unitsOf(items, folderAsDocument);
    const total = items.length;
    const outcomes: ImportOutcome[] = [];
    const notImported: string[] = [];
    const t0 = performance.now();
    let done = 0;
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      if (cancelled) {
        for (const rest of units.slice(i)) notImported.push(rest.kind === 'file' ? rest.item.relPath : rest.name);
        break;
      }
      const elapsed = (performance.now() - t0) / 1000;
      const eta = done > 0 ? Math.round((elapsed / done) * (total - done)) : null;
      onProgress({ done, total, current: u.kind === 'file' ? u.item.file.name : u.name, etaSeconds: eta, cancelling: false });
      try {
        const report =
          u.kind === 'file'
            ? await api.archive.importBytes({ name: u.item.file.name, bytes: await bytesOf(u.item.file) })
            : await api.archive.importBytesAsDocument({
                name: u.name,
                files: await Promise.all(u.items.map(async (it) => ({ name: it.file.name, bytes: await bytesOf(it.file) }))),
              });
        outcomes.push(...report.outcomes);
      } catch (e) {
        const name = u.kind === 'file' ? u.item.file.name : u.name;
        outcomes.push({ input: name, status: 'rejected', reason: `${name}: ${(e as Error).message}` });
      }
      done += u.kind === 'file' ? 1 : u.items.length;
    }
    onProgress({ done, total, current: null, etaSeconds: 0, cancelling: false });
    return { outcomes, notImported };
  })();
  return {
    result,
    cancel() {
      cancelled = true;
    },
  };
}
