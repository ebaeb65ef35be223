/**
 * Browser-mode uploads: each file is one PUT whose body is streamed straight to disk (memory
 * stays flat whatever the size), under `<uploadsDir>/<batch>/<its relative path>`, so a dropped
 * folder arrives as a folder and is imported by path like on the desktop. The archive removes a
 * batch's files once their import has ended; what a crash leaves is removed at the next start.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { printable } from '../../../shared/text/controlChars';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const BATCH = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** What a file or folder name may not be or hold on any of the three systems. */
const BAD_SEGMENT = /^(\.{1,2}|)$|[\\/:*?"<>|\u0000-\u001f]/;

/** The relative path, checked segment by segment; null when it would leave the batch folder. */
export function safeRelativePath(rel: string): string[] | null {
  const parts = rel.normalize('NFC').split('/');
  if (parts.length > 64 || parts.some((p) => BAD_SEGMENT.test(p) || p.length > 255)) return null;
  return parts;
}

/** Streams the request body to its place; returns the host path of the upload's top-level entry. */
export async function receiveUpload(req: http.IncomingMessage, uploadsDir: string, batch: string, rel: string, maxBytes: number): Promise<string> {
  if (!BATCH.test(batch)) throw new UploadError(400, 'upload.bad-batch', 'Mã lượt tải lên không hợp lệ.');
  const parts = safeRelativePath(rel);
  if (!parts) {
    throw new UploadError(
      400,
      'upload.bad-path',
      `Tên tệp không hợp lệ: «${printable(rel)}» có ký tự không dùng được trong tên tệp (\\ : * ? " < > |), hoặc có phần đường dẫn rỗng, «.» hay «..»; hãy đổi tên rồi nhập lại.`,
    );
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw new UploadError(413, 'upload.too-large', `${printable(parts.at(-1)!)}: tệp quá lớn để tải lên (hơn ${Math.round(maxBytes / 2 ** 30)} GB).`);
  }
  const batchDir = path.join(uploadsDir, batch);
  const target = path.join(batchDir, ...parts);
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      if (received > maxBytes) done(new UploadError(413, 'upload.too-large', `${printable(parts.at(-1)!)}: tệp quá lớn để tải lên.`));
      else done(null, chunk);
    },
  });
  // The file is created before the body is read: a name already taken is answered as such (and the
  // file that holds it kept), without reading the body or resetting the connection.
  let file: FileHandle;
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    file = await open(target, 'wx');
  } catch (e) {
    throw placeError(e, rel, parts.at(-1)!);
  }
  try {
    await pipeline(req, limit, file.createWriteStream());
  } catch (e) {
    await file.close().catch(() => undefined);
    rmSync(target, { force: true });
    if (e instanceof UploadError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOSPC') throw placeError(e, rel, parts.at(-1)!);
    throw new UploadError(400, 'upload.interrupted', `${printable(parts.at(-1)!)}: việc tải lên bị ngắt giữa chừng.`);
  }
  return path.join(batchDir, parts[0]!);
}

/** Why an upload's file could not be made where its path says. */
function placeError(e: unknown, rel: string, name: string): UploadError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new UploadError(507, 'upload.disk-full', `${printable(name)}: ổ đĩa của máy đã đầy, không nhận thêm được.`);
  // EEXIST: the name is taken (by a file or a folder); ENOTDIR: a folder of the path is a file.
  if (code === 'EEXIST' || code === 'EISDIR' || code === 'ENOTDIR')
    return new UploadError(409, 'upload.exists', `${printable(rel)}: trùng tên với một tệp hoặc thư mục đã tải lên trong lượt này.`);
  if (code === 'ENAMETOOLONG') return new UploadError(400, 'upload.bad-path', `${printable(rel)}: đường dẫn quá dài để lưu trên máy này; hãy đặt tên ngắn hơn rồi tải lên lại.`);
  return new UploadError(500, 'upload.cannot-write', `${printable(name)}: máy chủ không ghi được tệp vào thư mục tạm; hãy thử lại.`);
}
