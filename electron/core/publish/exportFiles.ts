/**
 * The files exports write: each export goes to `cache/exports/<exportId>.<ext>` of the open
 * project (derived, like everything in cache/), where the window reads it by URL (the preview)
 * and from where it is copied to the place the user chose. Both are written whole or not at all,
 * and flushed to disk (atomicFile.ts).
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExportedFile } from '../../../shared/api/publish';
import { UserFacingError } from '../../../shared/errors';
import { replaceFile } from '../atomicFile';
import type { ProjectLayout } from '../store/projectLayout';

export type ExportExt = 'pdf' | 'docx' | 'xlsx' | 'csv';
const MIME: Record<ExportExt, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportRecord {
  path: string;
  mime: string;
  fileName: string;
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

  /** `layout`: the open project's (exports go to its cache/exports). */
  constructor(private readonly layout: () => ProjectLayout) {}

  /** The folder exports are written to, refused when a crafted project makes it (or cache/) a link to elsewhere. */
  private dir(): string {
    const layout = this.layout();
    return layout.inside(layout.exportsDir);
  }

  /** Keeps a new export; with `target`, also writes it there. */
  add(bytes: Uint8Array, ext: ExportExt, fileName: string, pages: number, target?: string): ExportedFile {
    const exportId = randomUUID();
    const file = path.join(this.dir(), `${exportId}.${ext}`);
    try {
      replaceFile(file, (tmp) => writeFileSync(tmp, bytes), { durable: true });
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
    try {
      replaceFile(abs, (tmp) => copyFileSync(r.path, tmp), { durable: true });
    } catch (e) {
      throw writeError(abs, e);
    }
    return abs;
  }

  /** Forgets every export and removes the folder (a project closes), with what a crash left there. */
  clear(): void {
    this.records.clear();
    // Never removes anything through a link out of the project.
    const layout = this.layout();
    if (layout.contains(layout.exportsDir)) rmSync(layout.exportsDir, { recursive: true, force: true });
  }
}
