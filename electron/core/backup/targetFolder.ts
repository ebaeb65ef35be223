/**
 * A new project folder made whole or not at all: it is built in a hidden folder beside the
 * target and renamed into place at the end, so a failure leaves no half project behind.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../../../shared/errors';
import { fsyncDirectory } from '../atomicFile';

/** Refuses a target that exists and is not an empty folder. */
export function requireEmptyTarget(dest: string): void {
  if (!existsSync(dest)) return;
  if (!statSync(dest).isDirectory() || readdirSync(dest).length > 0) {
    throw new UserFacingError('backup.target-not-empty', `${dest} đã có nội dung; hãy chọn một thư mục trống hoặc chưa tồn tại.`);
  }
}

/** A hidden working folder name beside `dest`, on the same disk (so the final rename is atomic). */
export function workFolderBeside(dest: string, what: string): string {
  return path.join(path.dirname(dest), `.${path.basename(dest)}.${what}-${process.pid}-${randomUUID().slice(0, 8)}`);
}

/** Moves the finished work folder to `dest` (an empty folder there is replaced). */
export function moveIntoPlace(work: string, dest: string): void {
  requireEmptyTarget(dest);
  if (existsSync(dest)) rmdirSync(dest);
  renameSync(work, dest);
  fsyncDirectory(path.dirname(dest));
}
