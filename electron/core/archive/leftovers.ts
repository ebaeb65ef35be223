/**
 * What an interrupted import leaves behind: staged copies in cache/tmp, and originals stored in
 * files/ whose database row was never committed (the process was killed between the two). Nothing
 * refers to them, so they are not damage; they are removed when the project is opened after a
 * crash (its lock was stale) and by `suquan check`. Only a process that holds the project's lock
 * removes anything, so no other process's import can be in the middle of committing one.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { OpenProject } from '../project/projectSession';

const SHA = /^[0-9a-f]{64}$/;

/** Whether files/<prefix>/<name> is named as an original is (its hash, under its first two digits). */
export function isLeftoverName(prefix: string, name: string): boolean {
  return SHA.test(name) && name.startsWith(prefix);
}

/** Originals in files/ named by their hash whose hash the database does not know. */
export function findLeftovers({ db, layout }: Pick<OpenProject, 'db' | 'layout'>): string[] {
  if (!existsSync(layout.filesDir)) return [];
  const known = db.prepare('SELECT 1 FROM files WHERE sha256 = ?').pluck();
  const out: string[] = [];
  for (const prefix of readdirSync(layout.filesDir)) {
    const dir = path.join(layout.filesDir, prefix);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) if (isLeftoverName(prefix, name) && known.get(name) === undefined) out.push(name);
  }
  return out;
}

/** Removes the given leftovers (checked again: one recorded meanwhile stays). Returns how many went. */
export function removeLeftovers({ db, layout }: Pick<OpenProject, 'db' | 'layout'>, shas: readonly string[]): number {
  const known = db.prepare('SELECT 1 FROM files WHERE sha256 = ?').pluck();
  let removed = 0;
  for (const sha of shas) {
    if (known.get(sha) !== undefined) continue;
    rmSync(layout.original(sha), { force: true });
    removed++;
  }
  return removed;
}

/** Removes staged copies an import left in cache/tmp (only this project's own staging folder). */
export function removeStagedCopies({ layout }: Pick<OpenProject, 'layout'>): number {
  if (!existsSync(layout.tmpDir)) return 0;
  let removed = 0;
  for (const name of readdirSync(layout.tmpDir)) {
    if (!name.startsWith('import-') || !name.endsWith('.part')) continue;
    rmSync(path.join(layout.tmpDir, name), { force: true });
    removed++;
  }
  return removed;
}
