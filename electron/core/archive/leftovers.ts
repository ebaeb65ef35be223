/**
 * What an interrupted import or write leaves behind: staged copies in cache/tmp, originals stored
 * in files/ whose database row was never committed (the process was killed between the two), and
 * the `.NAME.PID.RANDOM.part` temporary file of a write that never reached its rename
 * (atomicFile.ts). Nothing refers to them, so they are not damage. They are removed when the
 * project is opened after a crash (its lock was stale) and by `suquan check --repair`; a plain
 * check only reports them. Only a process that holds the project's lock removes anything; an
 * original goes only when, asked under the database's write lock, no row refers to it, and a
 * temporary file only when the process its name records is gone.
 */
import { existsSync, lstatSync, readdirSync, rmSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { OpenProject } from '../project/projectSession';
import { BlobStore } from './blobStore';
import { tempWriter } from '../atomicFile';
import { processIsAlive } from '../processAlive';
import { isSha256 } from '../store/projectLayout';

/** Whether files/<prefix>/<name> is named as an original is (its hash, under its first two digits). */
export function isLeftoverName(prefix: string, name: string): boolean {
  return isSha256(name) && name.startsWith(prefix);
}

/** Originals in files/ named by their hash whose hash the database does not know. */
export function findLeftovers({ db, layout }: Pick<OpenProject, 'db' | 'layout'>): string[] {
  if (!existsSync(layout.filesDir)) return [];
  const known = db.prepare('SELECT 1 FROM files WHERE sha256 = ?').pluck();
  const out: string[] = [];
  for (const prefix of readdirSync(layout.filesDir)) {
    const dir = path.join(layout.filesDir, prefix);
    if (!lstatSync(dir).isDirectory()) continue; // a link is not followed: it may lead out of the project
    for (const name of readdirSync(dir)) if (isLeftoverName(prefix, name) && known.get(name) === undefined) out.push(name);
  }
  return out;
}

/**
 * Removes the given leftovers, checked again under the database's write lock: one an import in
 * another process is committing meanwhile (a lock taken over, a shared folder) stays. Returns how many went.
 */
export function removeLeftovers({ db, layout }: Pick<OpenProject, 'db' | 'layout'>, shas: readonly string[]): number {
  return new BlobStore(layout).removeUnreferenced(db, shas);
}

/**
 * Removes staged copies an import left in cache/tmp (only this project's own staging folder), of
 * processes that are gone: one whose process still runs may be copying into it right now.
 */
export function removeStagedCopies({ layout }: Pick<OpenProject, 'layout'>): number {
  if (!existsSync(layout.tmpDir)) return 0;
  let removed = 0;
  for (const name of readdirSync(layout.tmpDir)) {
    const pid = STAGED_COPY.test(name) ? tempFileWriter(name, true) : null;
    if (pid === null || pid === process.pid || processIsAlive(pid)) continue;
    rmSync(path.join(layout.tmpDir, name), { force: true });
    removed++;
  }
  return removed;
}

/** A staged import copy in cache/tmp: `import-PID-UUID.part` (blobStore.ts). */
const STAGED_COPY = /^import-(\d+)-.+\.part$/;

/**
 * The process id a temporary file's name records, or null when the name is not one of ours: an
 * atomic write's temporary (atomicFile.ts) anywhere, a staged import copy in cache/tmp.
 */
export function tempFileWriter(name: string, inTmpDir: boolean): number | null {
  const written = tempWriter(name);
  if (written !== null || !inTmpDir) return written;
  const pid = Number(STAGED_COPY.exec(name)?.[1] ?? NaN);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Temporary files of processes that are gone, anywhere in the project folder, relative to it.
 * Only real directories are walked (a symbolic link in a crafted project leads nowhere outside).
 */
export function findTempFiles({ layout }: Pick<OpenProject, 'layout'>): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        const pid = tempFileWriter(e.name, dir === layout.tmpDir);
        if (pid !== null && pid !== process.pid && !processIsAlive(pid)) out.push(path.relative(layout.root, full));
      }
    }
  };
  walk(layout.root);
  return out.sort();
}

/** Removes the given temporary files (relative to the project folder, checked again). Returns how many went. */
export function removeTempFiles({ layout }: Pick<OpenProject, 'layout'>, files: readonly string[]): number {
  let removed = 0;
  for (const rel of files) {
    const full = path.resolve(layout.root, rel);
    const inside = path.relative(layout.root, full);
    if (inside.startsWith('..') || path.isAbsolute(inside)) continue;
    const pid = tempFileWriter(path.basename(full), path.dirname(full) === layout.tmpDir);
    if (pid === null || pid === process.pid || processIsAlive(pid)) continue;
    rmSync(full, { force: true });
    removed++;
  }
  return removed;
}
