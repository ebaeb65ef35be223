/**
 * Expands the paths a user gives (files and folders) into the files to import, folders
 * recursively, in natural name order ("trang 2" before "trang 10"), skipping hidden and system
 * files. File names may be NFC or NFD (macOS): both sort and display the same.
 *
 * Symbolic links are followed once: every folder and file is known by its real path, so a link
 * back to a folder being walked (a loop) or a second way to a folder or file already listed is
 * not followed, and is reported once with its reason; a link to nothing, or a folder that cannot
 * be read, is reported too. Nothing met in a folder passes without an outcome.
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { proposeGroups, titleForFiles, type ImportGrouping } from '../../../shared/archive/pageSets';
import { toNFC } from '../text';

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Natural order of names: digits compare as numbers, Vietnamese letters in their order. */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a.normalize('NFC'), b.normalize('NFC')) || (a < b ? -1 : a > b ? 1 : 0);
}

const SKIPPED = /^(\.|~\$|Thumbs\.db$|desktop\.ini$|__MACOSX$)/i;

/**
 * Why a path given, or met in a folder, yields no file: not found, unreadable (a file, or a folder
 * whose list cannot be read), a link to nothing ('dangling'), a link back to a folder being
 * walked ('loop', or links that point at each other), or a second way to a folder or file already
 * listed ('repeat': two links to one folder, a link to a file beside it).
 */
export type MissingReason = 'not-found' | 'unreadable' | 'dangling' | 'loop' | 'repeat';

/** A path that yields no file, with the sentence its outcome shows. */
export type MissingEntry = { kind: 'missing'; path: string; reason: MissingReason; message: string };

/** A loop or a second way to a file already listed loses nothing: its outcome is "skipped", not "rejected". */
export const isSkipped = (e: MissingEntry): boolean => e.reason === 'loop' || e.reason === 'repeat';

/**
 * One unit of work: a single file, or the files of one document (a folder, a page set found by
 * name, or files put together in the review before an import), in page order. `title` names the
 * document when it is not the folder's name (a folder) or what the importer finds (a file).
 */
export type ImportUnit = { kind: 'file'; path: string; title?: string } | { kind: 'folder'; path: string; files: string[]; title?: string } | MissingEntry;

/** A path given, as found: a file (by itself or inside a folder given), or missing. */
export type InputEntry = { kind: 'file'; path: string; inFolder: boolean } | MissingEntry;

const displayName = (p: string) => toNFC(path.basename(p));

function realPathOf(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** Why `full` cannot be stat'ed: a link to nothing or to itself is told apart from a path not there. */
function whyNot(full: string, e: unknown): MissingEntry {
  const name = displayName(full);
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return { kind: 'missing', path: full, reason: 'loop', message: `${name}: liên kết vòng (các liên kết trỏ vào nhau, không tới tệp nào); bỏ qua.` };
  let target: string | null = null;
  try {
    if (lstatSync(full).isSymbolicLink()) target = readlinkSync(full);
  } catch {
    // Not there at all.
  }
  if (target !== null) return { kind: 'missing', path: full, reason: 'dangling', message: `${name}: liên kết hỏng, trỏ tới «${toNFC(target)}» không tồn tại.` };
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', path: full, reason: 'not-found', message: `${name}: không tìm thấy tệp hoặc thư mục.` };
  return { kind: 'missing', path: full, reason: 'unreadable', message: `${name}: không đọc được (không có quyền truy cập?).` };
}

/** What one walk has met, by real path: the folders walked and the files listed (the first path to each). */
interface Walk {
  folders: Map<string, string>;
  files: Map<string, string>;
  /** Real paths of the folders being walked now, the given one first: a link to one of them is a loop. */
  chain: string[];
  /** Report loops and repeats (an import does; a plan lists files only). */
  report: boolean;
}

function listFolder(dir: string, out: InputEntry[], walk: Walk): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    out.push({ kind: 'missing', path: dir, reason: 'unreadable', message: `${displayName(dir)}: không đọc được thư mục (không có quyền truy cập?); các tệp trong đó chưa được nhập.` });
    return;
  }
  entries.sort(compareNatural);
  for (const name of entries) {
    if (SKIPPED.test(name)) continue;
    const full = path.join(dir, name);
    let st;
    try {
      st = statSync(full);
    } catch (e) {
      out.push(whyNot(full, e));
      continue;
    }
    if (!st.isDirectory() && !st.isFile()) continue;
    // Folders and files are known by their real path: a link back to a folder being walked (a
    // loop, or two of them, which multiplied the files until the process ran out of memory), or a
    // second way to one already listed, is followed once and reported once.
    const real = realPathOf(full);
    const met = st.isDirectory() ? walk.folders : walk.files;
    const first = met.get(real);
    if (first !== undefined) {
      if (!walk.report) continue;
      if (walk.chain.includes(real)) {
        out.push({ kind: 'missing', path: full, reason: 'loop', message: `${toNFC(name)}: liên kết vòng, trỏ về thư mục «${displayName(first)}» đang đọc; bỏ qua.` });
      } else {
        const what = st.isDirectory() ? 'thư mục' : 'tệp';
        out.push({ kind: 'missing', path: full, reason: 'repeat', message: `${toNFC(name)}: cùng một ${what} với «${path.relative(path.dirname(full), first) || displayName(first)}» đã có trong danh sách; bỏ qua.` });
      }
      continue;
    }
    met.set(real, full);
    if (st.isDirectory()) {
      walk.chain.push(real);
      listFolder(full, out, walk);
      walk.chain.pop();
    } else out.push({ kind: 'file', path: full, inFolder: true });
  }
}

/**
 * The files the given paths hold (folders walked recursively, in natural order), and the paths
 * that yield none, each with its reason. `report`: also the links not followed (loops, second
 * ways to a folder or file): an import reports them; a plan of the files leaves them out.
 */
export function listInputs(paths: readonly string[], report = false): InputEntry[] {
  const out: InputEntry[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      out.push(whyNot(p, e));
      continue;
    }
    if (!st.isDirectory()) {
      out.push({ kind: 'file', path: p, inFolder: false });
      continue;
    }
    const real = realPathOf(p);
    listFolder(p, out, { folders: new Map([[real, p]]), files: new Map(), chain: [real], report });
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
  return unitsOf(listInputs(paths, true), g);
}

/**
 * Units for groups the user made (the review before an import): each group one document, its
 * files in the order given (a folder in a group is walked in its place); a group of one file is
 * a file like any other. A path not found is reported on its own.
 */
export function expandGroups(groups: readonly { paths: readonly string[]; title?: string | undefined }[]): ImportUnit[] {
  const units: ImportUnit[] = [];
  for (const g of groups) {
    const entries = listInputs(g.paths, true);
    for (const e of entries) if (e.kind === 'missing') units.push(e);
    const files = entries.filter((e): e is Extract<InputEntry, { kind: 'file' }> => e.kind === 'file');
    if (files.length === 0) continue;
    const title = g.title?.trim() ? g.title.trim().normalize('NFC') : undefined;
    if (files.length === 1) units.push({ kind: 'file', path: files[0]!.path, ...(title ? { title } : {}) });
    else units.push({ kind: 'folder', path: files[0]!.path, files: files.map((f) => f.path), title: title ?? titleForFiles(files) });
  }
  return units;
}
