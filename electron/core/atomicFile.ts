/**
 * Writing a file whole or not at all: it is made under a temporary name beside the target, then
 * renamed over it, so a crash or a full disk never leaves a truncated file where a good one was.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processIsAlive } from './processAlive';

/** Flushes a file's data to the disk. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename or a new file in a directory durable (a no-op where directories cannot be opened, as on Windows). */
export function fsyncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported on this platform: the rename is as durable as the system makes it.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Temporary files beside `target` that a process killed between writing and renaming left behind
 * (".NAME.PID.RANDOM.part", and SQLite's -wal/-shm/-journal of one that was a database copy).
 */
export function removeStaleTemps(target: string): void {
  const prefix = `.${path.basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(path.dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = tempWriter(name);
    if (pid !== null && pid !== process.pid && !processIsAlive(pid)) rmSync(path.join(path.dirname(target), name), { force: true });
  }
}

/** `.NAME.PID.RANDOM.part`, and SQLite's -wal/-shm/-journal beside one that was a database copy. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-z]+\.part(?:-wal|-shm|-journal)?$/;

/** The process that wrote a temporary file named as tempBeside names them, or null for any other name. */
export function tempWriter(name: string): number | null {
  const m = TEMP_NAME.exec(name);
  const pid = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** A temporary name beside `target`, hidden and unique to this process. */
function tempBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2)}.part`);
}

/**
 * Makes `target` from what `fill` writes to a temporary path beside it. With `durable`, the data
 * is flushed to the disk before the rename and the rename itself after it (what the user keeps:
 * exports, backups); derived files in cache/, which can be made again, skip both flushes.
 */
export function replaceFile(target: string, fill: (tmp: string) => void, { durable = false } = {}): void {
  mkdirSync(path.dirname(target), { recursive: true });
  removeStaleTemps(target);
  const tmp = tempBeside(target);
  try {
    fill(tmp);
    if (durable) fsyncFile(tmp);
    renameSync(tmp, target);
    if (durable) fsyncDirectory(path.dirname(target));
  } catch (e) {
    rmSync(tmp, { force: true });
    // A failed write() names no file (Node's errors carry a path only from open, rename…): the
    // sentence the user reads should name the file that could not be written (systemErrors.ts).
    if (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && !(e as NodeJS.ErrnoException).path) Object.assign(e, { path: target });
    throw e;
  }
}

/** Writes a derived file atomically (temporary name, then rename). */
export function writeFileAtomic(target: string, bytes: Uint8Array): void {
  replaceFile(target, (tmp) => writeFileSync(tmp, bytes));
}
