/**
 * Expands the paths a user gives (files and folders) into the files to import, folders
 * recursively, in natural name order ("trang 2" before "trang 10"), skipping hidden and system
 * files. File names may be NFC or NFD (macOS): both sort and display the same.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { proposeGroups, titleForFiles, type ImportGrouping } from '../../../shared/archive/pageSets';

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Natural order of names: digits compare as numbers, Vietnamese letters in their order. */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a.normalize('NFC'), b.normalize('NFC')) || (a < b ? -1 : a > b ? 1 : 0);
}

const SKIPPED = /^(\.|~\$|Thumbs\.db$|desktop\.ini$|__MACOSX$)/i;

/**
 * One unit of work: a single file, or the files of one document (a folder, a page set found by
 * name, or files put together in the review before an import), in page order. `title` names the
 * document when it is not the folder's name (a folder) or what the importer finds (a file).
 */
export type ImportUnit =
  | { kind: 'file'; path: string; title?: string }
  | { kind: 'folder'; path: string; files: string[]; title?: string }
  | { kind: 'missing'; path: string; reason: 'not-found' | 'unreadable' };

/** A path given, as found: a file (by itself or inside a folder given), or missing. */
export type InputEntry = { kind: 'file'; path: string; inFolder: boolean } | { kind: 'missing'; path: string; reason: 'not-found' | 'unreadable' };

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

/** The files the given paths hold (folders walked recursively, in natural order), and the paths not found. */
export function listInputs(paths: readonly string[]): InputEntry[] {
  const out: InputEntry[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      out.push({ kind: 'missing', path: p, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not-found' : 'unreadable' });
      continue;
    }
    if (!st.isDirectory()) {
      out.push({ kind: 'file', path: p, inFolder: false });
      continue;
    }
    const files: string[] = [];
    listFolder(p, files, new Set([realPathOf(p)]));
    for (const f of files) out.push({ kind: 'file', path: f, inFolder: true });
  }
  return out;
}

/** The documents the files would make, each with its units' place among the missing paths. */
function unitsOf(entries: InputEntry[], grouping: ImportGrouping): ImportUnit[] {
  // Every file alone, in the order given (a file given twice is imported, and reported, twice).
  if (grouping === 'file') return entries.map((e) => (e.kind === 'file' ? { kind: 'file', path: e.path } : e));
  // Grouped: a file given twice (a folder and a file in it) is one page of its set.
  const position = new Map<string, number>();
  entries.forEach((e, i) => e.kind === 'file' && !position.has(e.path) && position.set(e.path, i));
  const files = entries.filter((e, i): e is Extract<InputEntry, { kind: 'file' }> => e.kind === 'file' && position.get(e.path) === i);
  const at = new Map(entries.map((e, i) => [e, i]));
  const units: { at: number; unit: ImportUnit }[] = [];
  for (const e of entries) if (e.kind === 'missing') units.push({ at: at.get(e)!, unit: e });
  for (const g of proposeGroups(files, grouping)) {
    const first = g.paths.reduce((m, p) => Math.min(m, position.get(p) ?? Infinity), Infinity);
    if (g.kind === 'folder') units.push({ at: first, unit: { kind: 'folder', path: path.dirname(g.paths[0]!), files: g.paths } });
    else if (g.paths.length === 1) units.push({ at: first, unit: { kind: 'file', path: g.paths[0]! } });
    else units.push({ at: first, unit: { kind: 'folder', path: g.paths[0]!, files: g.paths, ...(g.title ? { title: g.title } : {}) } });
  }
  return units.sort((a, b) => a.at - b.at).map((u) => u.unit);
}

/**
 * Turns the given paths into import units. `grouping` (or, as before, `folderAsDocument`: true is
 * 'folder'): 'file' makes every file a unit; 'folder' makes each folder given (and each sub-folder
 * that has files of its own) one unit; 'name' makes each page set found by name one unit.
 */
export function expandInputs(paths: readonly string[], grouping: ImportGrouping | boolean): ImportUnit[] {
  const g: ImportGrouping = grouping === true ? 'folder' : grouping === false ? 'file' : grouping;
  return unitsOf(listInputs(paths), g);
}

/**
 * Units for groups the user made (the review before an import): each group one document, its
 * files in the order given (a folder in a group is walked in its place); a group of one file is
 * a file like any other. A path not found is reported on its own.
 */
export function expandGroups(groups: readonly { paths: readonly string[]; title?: string | undefined }[]): ImportUnit[] {
  const units: ImportUnit[] = [];
  for (const g of groups) {
    const entries = listInputs(g.paths);
    for (const e of entries) if (e.kind === 'missing') units.push(e);
    const files = entries.filter((e): e is Extract<InputEntry, { kind: 'file' }> => e.kind === 'file');
    if (files.length === 0) continue;
    const title = g.title?.trim() ? g.title.trim().normalize('NFC') : undefined;
    if (files.length === 1) units.push({ kind: 'file', path: files[0]!.path, ...(title ? { title } : {}) });
    else units.push({ kind: 'folder', path: files[0]!.path, files: files.map((f) => f.path), title: title ?? titleForFiles(files) });
  }
  return units;
}
