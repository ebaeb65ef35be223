import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../../../shared/errors';

/**
 * The layout of a project folder on disk:
 *   project.sqlite   metadata, manuscript, search index (WAL)
 *   files/ab/abcd…   originals, content-addressed by SHA-256, never modified
 *   cache/           derived files (thumbnails, rendered pages, exports): may be deleted and rebuilt
 *   backups/         rotating copies of project.sqlite, each with a manifest of the originals
 *
 * A project folder may come from anywhere (a colleague's USB stick, a crafted archive), so a hash
 * read from its database is untrusted: every path named by one is built here, and only from 64
 * lowercase hexadecimal digits. Anything else ('../../x', '/etc/passwd', a removed CHECK
 * constraint's leftovers) is refused with a typed error before a path exists, so nothing outside
 * the project is ever read or written because of a value in project.sqlite.
 */
export class ProjectLayout {
  constructor(readonly root: string) {}

  get database(): string {
    return path.join(this.root, 'project.sqlite');
  }
  get filesDir(): string {
    return path.join(this.root, 'files');
  }
  get cacheDir(): string {
    return path.join(this.root, 'cache');
  }
  get backupsDir(): string {
    return path.join(this.root, 'backups');
  }
  get tmpDir(): string {
    return path.join(this.root, 'cache', 'tmp');
  }
  /** Exports kept while the project is open (previewed, saved elsewhere), removed when it closes. */
  get exportsDir(): string {
    return path.join(this.cacheDir, 'exports');
  }
  original(sha256: string): string {
    requireSha256(sha256);
    return path.join(this.filesDir, sha256.slice(0, 2), sha256);
  }
  thumbnail(sha256: string, filePage: number): string {
    return this.derived('thumbs', sha256, filePage, 'jpg');
  }
  /**
   * A file derived from one page of an original, in cache/<kind>/ab/<sha>-<page>.<ext>: thumbnails,
   * page images taken out of a PDF, PNG previews of TIFF pages.
   */
  derived(kind: 'thumbs' | 'pages' | 'previews', sha256: string, filePage: number, ext: string): string {
    requireSha256(sha256);
    if (!Number.isSafeInteger(filePage) || filePage < 0) throw invalidRow(`số trang trong tệp ${String(filePage)}`);
    if (!/^[a-z0-9]{1,5}$/.test(ext)) throw new Error(`not a file extension: ${ext}`);
    return path.join(this.cacheDir, kind, sha256.slice(0, 2), `${sha256}-${filePage}.${ext}`);
  }
  /**
   * Whether `file` (or, while it does not exist yet, the nearest folder above it that does) is
   * really inside the project folder once symbolic links are followed: a crafted folder can hold
   * files/ab/… or cache/thumbs as a link to anywhere, which a path built from a valid hash would
   * still lead through.
   */
  contains(file: string): boolean {
    let root: string;
    try {
      root = realpathSync(this.root);
    } catch {
      return false;
    }
    for (let at = path.resolve(file); ; at = path.dirname(at)) {
      let real: string | null = null;
      try {
        real = realpathSync(at);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(at) === at) return false;
        // Not there (go up a level), unless it is a link to nowhere, which could be made to lead out.
        const entry = lstatSync(at, { throwIfNoEntry: false });
        if (entry?.isSymbolicLink()) return false;
        // Put in place meanwhile by another process (a thumbnail two imports make at once): look again.
        if (entry) real = realpathOrNull(at);
        if (real === null) continue;
      }
      return real === root || real.startsWith(root + path.sep);
    }
  }
  /** `file` itself when it is inside the project folder (see `contains`); a typed error when not. */
  inside(file: string): string {
    if (!this.contains(file)) {
      throw new UserFacingError('project.outside', `Tệp ${path.relative(this.root, file)} của dự án dẫn ra ngoài thư mục dự án (liên kết tượng trưng) nên Sử Quán không đọc hay ghi qua đó; hãy chạy «suquan check».`);
    }
    return file;
  }
}

function realpathOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Whether a value is a SHA-256 as the project stores it: 64 lowercase hexadecimal digits, nothing else. */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256.test(value);
}

/** Refuses a value read from the database that is not a SHA-256 (see the class comment). */
export function requireSha256(value: unknown): asserts value is string {
  if (!isSha256(value)) throw invalidRow(`mã băm tệp «${describeStoredValue(value)}»`);
}

/** A stored value, short and printable, for a sentence that names it. */
export function describeStoredValue(value: unknown): string {
  const s = typeof value === 'string' ? value : Buffer.isBuffer(value) ? `<${value.length} byte>` : String(value);
  const printable = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 77)}…` : printable;
}

function invalidRow(what: string): UserFacingError {
  return new UserFacingError(
    'project.invalid-row',
    `Cơ sở dữ liệu dự án có ${what} không hợp lệ nên tệp của nó không được mở; hãy chạy «suquan check» để xem các dòng hỏng.`,
  );
}
