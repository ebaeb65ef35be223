/**
 * The files exports write: each export goes to `cache/exports/<exportId>.<ext>` of the open
 * project (derived, like everything in cache/), where the window reads it by URL (the preview)
 * and from where it is copied to the place the user chose. A copy to the user's place is atomic:
 * written beside the target, flushed to disk, then renamed over it, so a crash or a full disk
 * never leaves a truncated file where a good one was.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { ExportedFile } from '../../../shared/api/publish';
import { UserFacingError } from '../../../shared/errors';
import type { ProjectLayout } from '../store/projectLayout';

const MIME: Record<'pdf' | 'docx', string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export interface ExportRecord {
  path: string;
  mime: string;
  fileName: string;
}

export function exportsDir(layout: ProjectLayout): string {
  return path.join(layout.cacheDir, 'exports');
}

/** Writes `bytes` to `target` atomically and durably (temp file beside it, fsync, rename). */
export function writeDurably(target: string, write: (fd: number) => void): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomUUID().slice(0, 8)}.part`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'w');
    write(fd);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
}

/** One sentence for a write the disk refused. */
function writeError(target: string, e: unknown): UserFacingError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC'
      ? 'ổ đĩa đã đầy'
      : code === 'EACCES' || code === 'EPERM'
        ? 'không có quyền ghi vào đó'
        : code === 'ENOENT'
          ? 'thư mục không tồn tại'
          : code === 'EISDIR'
            ? 'đó là một thư mục'
            : code === 'EROFS'
              ? 'ổ đĩa chỉ đọc'
              : (e as Error).message;
  return new UserFacingError('publish.cannot-write', `Không ghi được tệp ${target}: ${why}. Tệp cũ ở đó (nếu có) vẫn nguyên vẹn.`);
}

export class ExportFiles {
  private readonly records = new Map<string, ExportRecord>();

  constructor(private readonly dir: () => string) {}

  /** Keeps a new export; with `target`, also writes it there. */
  add(bytes: Uint8Array, ext: 'pdf' | 'docx', fileName: string, pages: number, target?: string): ExportedFile {
    const exportId = randomUUID();
    const dir = this.dir();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${exportId}.${ext}`);
    try {
      writeDurably(file, (fd) => writeAll(fd, bytes));
    } catch (e) {
      throw writeError(file, e);
    }
    this.records.set(exportId, { path: file, mime: MIME[ext], fileName });
    const written = target ? this.copyTo(exportId, target) : null;
    return { exportId, fileName, size: bytes.length, pages, path: written };
  }

  get(exportId: string): ExportRecord {
    const r = this.records.get(exportId);
    if (!r || !existsSync(r.path)) throw new UserFacingError('publish.export-gone', 'Tệp đã xuất không còn (dự án đã đóng hoặc thư mục cache đã bị xoá); hãy xuất lại.');
    return r;
  }

  /** Copies an export to the user's path, atomically. */
  copyTo(exportId: string, target: string): string {
    const r = this.get(exportId);
    const abs = path.resolve(target);
    if (existsSync(abs) && statSync(abs).isDirectory()) throw writeError(abs, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
    const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${randomUUID().slice(0, 8)}.part`);
    try {
      copyFileSync(r.path, tmp);
      const fd = openSync(tmp, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, abs);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw writeError(abs, e);
    }
    return abs;
  }

  /** Forgets every export and removes their files (a project closes or opens). */
  clear(): void {
    for (const r of this.records.values()) rmSync(r.path, { force: true });
    this.records.clear();
  }
}
