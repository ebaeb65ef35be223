/**
 * Expands the paths a user gives (files and folders) into the files to import, folders
 * recursively, in natural name order ("trang 2" before "trang 10"), skipping hidden and system
 * files. File names may be NFC or NFD (macOS): both sort and display the same.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Natural order of names: digits compare as numbers, Vietnamese letters in their order. */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a.normalize('NFC'), b.normalize('NFC')) || (a < b ? -1 : a > b ? 1 : 0);
}

const SKIPPED = /^(\.|~\$|Thumbs\.db$|desktop\.ini$|__MACOSX$)/i;

/** One unit of work: a single file, or (folder-as-document) the files of one folder. */
export type ImportUnit =
  | { kind: 'file'; path: string }
  | { kind: 'folder'; path: string; files: string[] }
  | { kind: 'missing'; path: string; reason: 'not-found' | 'unreadable' };

function realPathOf(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return path.resolve(dir);
  }
}

function listFolder(dir: string, out: string[], seen: Set<string>): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  entries.sort(compareNatural);
  for (const name of entries) {
    if (SKIPPED.test(name)) continue;
    const full = path.join(dir, name);
    let st;
    try {
      st = statSync(full);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      // Folders are known by their real path: a link back to a folder being walked (a loop, or
      // two of them, which multiplied the files until the process ran out of memory) is skipped.
      const real = realPathOf(full);
      if (seen.has(real)) continue;
      seen.add(real);
      listFolder(full, out, seen);
    } else if (st.isFile()) out.push(full);
  }
}

/**
 * Turns the given paths into import units. With `folderAsDocument`, each folder (and each
 * sub-folder that has files of its own) becomes one unit; otherwise every file is a unit.
 */
export function expandInputs(paths: readonly string[], folderAsDocument: boolean): ImportUnit[] {
  const units: ImportUnit[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      units.push({ kind: 'missing', path: p, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not-found' : 'unreadable' });
      continue;
    }
    if (!st.isDirectory()) {
      units.push({ kind: 'file', path: p });
      continue;
    }
    const files: string[] = [];
    listFolder(p, files, new Set([realPathOf(p)]));
    if (!folderAsDocument) {
      for (const f of files) units.push({ kind: 'file', path: f });
      continue;
    }
    // Group by the folder each file sits in, keeping the walk's order.
    const groups = new Map<string, string[]>();
    for (const f of files) {
      const d = path.dirname(f);
      if (!groups.has(d)) groups.set(d, []);
      groups.get(d)!.push(f);
    }
    for (const [dir, list] of groups) units.push({ kind: 'folder', path: dir, files: list });
  }
  return units;
}
