/**
 * Page sets (bộ ảnh trang): how the files of one import become documents. Pure, so the host
 * (folders walked on disk, `archive.planImport`, the CLI) and the window (files dropped in browser
 * mode, named by their relative paths) propose the same groups.
 *
 * - `file`: every file is a document of its own.
 * - `folder`: the files of each folder given (and of each of its sub-folders) are one document;
 *   files given one by one stay documents of their own.
 * - `name`: files of one folder whose names differ only by a trailing page number — `NQ05_p1.jpg,
 *   NQ05_p2.jpg`, `trang1.jpg, trang2.jpg`, `BC12-01.tif, BC12-02.tif` — are one document, in page
 *   order. Only page images are grouped so (a PDF, a Word file, a text is a document by itself);
 *   names a camera or scanner gives on its own (`IMG_0001`, `DSC01234`, `Scan 3`) and numbers
 *   that count shots or are years (`… 1975.jpg`, `…_20231005.jpg`) are not taken for page numbers:
 *   a page number has at most three digits, or four with a leading zero (`0012`).
 */

export type ImportGrouping = 'file' | 'folder' | 'name';
export const IMPORT_GROUPINGS: readonly ImportGrouping[] = ['file', 'folder', 'name'];

/** A file to import: its path (absolute, or relative as dropped: "Hồ sơ 12/trang 2.jpg"). */
export interface ImportFile {
  path: string;
  /** Found inside a folder that was given (dropped or chosen), not given by itself. */
  inFolder: boolean;
}

/** One document to be made: a title (null: a single file keeps the title the importer finds) and its files in page order. */
export interface ProposedGroup {
  title: string | null;
  paths: string[];
  /** Why these files are together. */
  kind: 'file' | 'folder' | 'name';
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Natural name order: "trang 2" before "trang 10"; NFC and NFD names alike. */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a.normalize('NFC'), b.normalize('NFC')) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The folder part and the name of a path written with / or \ ("" when there is no folder). */
export function splitPath(p: string): { dir: string; base: string } {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i < 0 ? { dir: '', base: p } : { dir: p.slice(0, i), base: p.slice(i + 1) };
}

/** A title from a file or folder name: "bao-cao_1950.jpg" → "bao-cao 1950" (NFC). */
export function titleFromName(name: string): string {
  const base = splitPath(name).base;
  const t = base.replace(/\.[^.]+$/, '').replace(/_+/g, ' ').replace(/\s+/g, ' ').trim().normalize('NFC');
  return t || base.normalize('NFC');
}

/** The page images an import reads (see electron/core/archive/sniff.ts). */
const IMAGE_EXT = /^\.(jpe?g|png|tiff?|gif|webp|bmp)$/;
/** Names cameras, phones and scanners give by themselves: their numbers count shots, not pages. */
const DEVICE_NAME = /^(img|image|dsc[fn]?|dcim|pxl|mvimg|vid|photo|picture|screenshot|scan|scanned|scanner|ảnh|hình|hình ảnh|ảnh chụp màn hình)[\s._-]*$/iu;
/** A word for "page" just before the number ("_p1", "trang 2", "tờ 3"), left out of the title. */
const PAGE_WORD = /(?:^|(?<=[\s._\-\d]))(?:p|pg|page|tr|trang|tờ|to)[\s._-]*$/iu;
const SEPARATORS = /[\s._-]+$/u;

export interface PageName {
  /** Files with the same key (and folder) are pages of one set. */
  key: string;
  /** The page number the name ends with. */
  number: number;
  /** The name before the page number, separators and a page word removed ("NQ05", "" for "trang1"). */
  stem: string;
  /** The name before the page number, separators removed ("trang"). */
  prefix: string;
}

/** "NQ05_p1.jpg" → page 1 of "nq05_p|.jpg"; null when the name is not a page image's ending with a page number. */
export function pageNameOf(fileName: string): PageName | null {
  const base = splitPath(fileName).base.normalize('NFC');
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot).toLowerCase() : '';
  if (!IMAGE_EXT.test(ext)) return null;
  const stem = base.slice(0, dot);
  const m = /^(.*?)(\d+)$/u.exec(stem);
  if (!m) return null;
  const [, before = '', digits = ''] = m;
  if (digits.length > 4 || (digits.length === 4 && !digits.startsWith('0')) || DEVICE_NAME.test(before)) return null;
  return {
    key: `${before.toLocaleLowerCase('vi')}|${ext}`,
    number: Number(digits),
    stem: before.replace(PAGE_WORD, '').replace(SEPARATORS, '').replace(/_+/g, ' ').replace(/\s+/g, ' ').trim(),
    prefix: before.replace(SEPARATORS, '').trim(),
  };
}

/** The title of a page set found by name: its stem, else its folder, else "trang 1–3". */
function nameSetTitle(files: ImportFile[], names: PageName[]): string {
  const first = names[0]!;
  if (first.stem) return first.stem;
  const { dir } = splitPath(files[0]!.path);
  if (files[0]!.inFolder && dir) return titleFromName(splitPath(dir).base);
  const last = names[names.length - 1]!;
  return `${first.prefix ? `${first.prefix} ` : ''}${first.number}–${last.number}`.trim();
}

/** A title for files put together by hand: what they have in common, else the first file's name. */
export function titleForFiles(files: ImportFile[]): string {
  if (files.length === 0) return '';
  const names = files.map((f) => pageNameOf(f.path));
  const dirs = new Set(files.map((f) => splitPath(f.path).dir));
  if (names.every((n) => n && n.key === names[0]!.key) && dirs.size === 1) {
    const sorted = names as PageName[];
    return nameSetTitle(files, [...sorted].sort((a, b) => a.number - b.number));
  }
  const dir = [...dirs][0]!;
  if (dirs.size === 1 && files.every((f) => f.inFolder) && dir) return titleFromName(splitPath(dir).base);
  return titleFromName(files[0]!.path);
}

/**
 * The documents an import would make of these files (in the order given: folders walked in
 * natural order), each group's files in page order. Groups come in the order of their first file.
 */
export function proposeGroups(files: readonly ImportFile[], grouping: ImportGrouping): ProposedGroup[] {
  const single = (f: ImportFile): ProposedGroup => ({ title: null, paths: [f.path], kind: 'file' });
  if (grouping === 'file') return files.map(single);
  const buckets = new Map<string, { at: number; files: ImportFile[]; names: PageName[] }>();
  const order: ({ kind: 'single'; file: ImportFile } | { kind: 'bucket'; key: string })[] = [];
  files.forEach((f) => {
    let key: string | null = null;
    let name: PageName | null = null;
    const { dir } = splitPath(f.path);
    if (grouping === 'folder') key = f.inFolder ? `d|${dir}` : null;
    else {
      name = pageNameOf(f.path);
      key = name ? `n|${dir}|${name.key}` : null;
    }
    if (key === null) {
      order.push({ kind: 'single', file: f });
      return;
    }
    let b = buckets.get(key);
    if (!b) {
      b = { at: order.length, files: [], names: [] };
      buckets.set(key, b);
      order.push({ kind: 'bucket', key });
    }
    b.files.push(f);
    if (name) b.names.push(name);
  });
  const out: ProposedGroup[] = [];
  for (const o of order) {
    if (o.kind === 'single') {
      out.push(single(o.file));
      continue;
    }
    const b = buckets.get(o.key)!;
    // A folder is a document even with one page (named after the folder); a page set needs two.
    if (grouping === 'folder') {
      out.push({ title: titleFromName(splitPath(splitPath(b.files[0]!.path).dir).base), paths: b.files.map((f) => f.path), kind: 'folder' });
      continue;
    }
    // A page set starts at its first page: "Nghị quyết 05.jpg" and "Nghị quyết 21.jpg" are two
    // resolutions, not pages 5 and 21 of one.
    if (b.files.length === 1 || !b.names.some((n) => n.number <= 1)) {
      for (const f of b.files) out.push(single(f));
      continue;
    }
    const pages = b.files.map((f, i) => ({ f, n: b.names[i]! }));
    pages.sort((x, y) => x.n.number - y.n.number || compareNatural(x.f.path, y.f.path));
    out.push({ title: nameSetTitle(pages.map((p) => p.f), pages.map((p) => p.n)), paths: pages.map((p) => p.f.path), kind: 'name' });
  }
  return out;
}

/** Whether a proposal puts any files together (an import worth reviewing before it is made). */
export function groupsAnything(groups: readonly ProposedGroup[]): boolean {
  return groups.some((g) => g.paths.length > 1);
}
