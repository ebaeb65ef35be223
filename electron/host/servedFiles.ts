/**
 * Serving one file of the open project (a scan, a thumbnail, an export) or of the built UI to a
 * window, for both hosts: the browser-mode HTTP host and the Electron window's `suquan-file:`
 * protocol. Whatever the file turns out to be on disk — gone, a directory or a named pipe in place
 * of a blob, unreadable, failing mid-read — the answer is a status with one sentence or a
 * cut-off response, never an exception that reaches the host.
 *
 * The file is opened first and then examined through its descriptor (fstat), so there is no gap
 * between "it is a file of this size" and reading it; O_NONBLOCK keeps a named pipe from holding
 * a thread of the pool until some writer appears (it does nothing to a regular file). Every
 * stream is tied to its response: a window that goes away mid-download closes the file.
 */
import { constants, type promises as fsp } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';

export type OpenedFile = { ok: true; handle: fsp.FileHandle; size: number } | { ok: false; status: 404 | 500 | 503; message: string; cause: unknown };

const NOT_FOUND = 'Không tìm thấy tệp.';

/** The answer for a file that could not be opened or read, by its error code. */
export function unreadableFile(e: unknown): { status: 404 | 500 | 503; message: string } {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ELOOP' || code === 'ENXIO' || code === 'ENAMETOOLONG') return { status: 404, message: NOT_FOUND };
  if (code === 'EACCES' || code === 'EPERM') return { status: 500, message: 'Sử Quán không có quyền đọc tệp này trên máy; hãy kiểm tra quyền của thư mục dự án.' };
  if (code === 'EMFILE' || code === 'ENFILE') return { status: 503, message: 'Hệ thống đang mở quá nhiều tệp cùng lúc; hãy thử lại sau giây lát.' };
  return { status: 500, message: 'Không đọc được tệp từ ổ đĩa; hãy kiểm tra ổ đĩa (hoặc kết nối tới thư mục dùng chung) rồi thử lại.' };
}

/** Opens a regular file for reading; anything else (a directory, a pipe, a device) is "not found". */
export async function openForServing(file: string): Promise<OpenedFile> {
  let handle: fsp.FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, ...unreadableFile(e), cause: e };
  }
  try {
    const st = await handle.stat();
    if (st.isFile()) return { ok: true, handle, size: st.size };
    await handle.close();
    return { ok: false, status: 404, message: NOT_FOUND, cause: null };
  } catch (e) {
    await handle.close().catch(() => undefined);
    return { ok: false, ...unreadableFile(e), cause: e };
  }
}

export type ByteRange = { start: number; end: number; partial: boolean } | 'unsatisfiable';

/**
 * The bytes one `Range: bytes=a-b` header asks for (pdf.js reads a long export in ranges). A header
 * that is not one simple byte range is ignored and the whole file served, as RFC 9110 allows;
 * `end` is `start - 1` for an empty file.
 */
export function byteRange(header: string | null | undefined, size: number): ByteRange {
  const whole = { start: 0, end: size - 1, partial: false };
  const m = /^bytes=(\d*)-(\d*)$/.exec(String(header ?? '').trim());
  if (!m || (!m[1] && !m[2])) return whole;
  let start: number;
  let end = size - 1;
  if (m[1]) {
    start = Number(m[1]);
    if (m[2]) end = Math.min(Number(m[2]), size - 1);
  } else {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
  }
  if (!Number.isSafeInteger(start) || start > end || start >= size) return 'unsatisfiable';
  return { start, end, partial: true };
}

/**
 * The file as a fetch Response (for Electron's protocol handlers): Range honoured, HEAD answered
 * without a body, every failure a status with a sentence. `headers` are added to a success,
 * `always` to every answer (CORS). `onError` hears about failures that are not simply "not found".
 */
export async function fileResponse(
  request: Request,
  file: string,
  headers: Record<string, string>,
  onError?: (e: unknown) => void,
  always: Record<string, string> = {},
): Promise<Response> {
  const text = (status: number, message: string) => new Response(message, { status, headers: { ...always, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Phương thức không được hỗ trợ.');
  const opened = await openForServing(file);
  if (!opened.ok) {
    if (opened.status !== 404) onError?.(opened.cause);
    return text(opened.status, opened.message);
  }
  const { handle, size } = opened;
  const range = byteRange(request.headers.get('range'), size);
  if (range === 'unsatisfiable') {
    await handle.close().catch(() => undefined);
    return new Response(null, { status: 416, headers: { ...always, 'Content-Range': `bytes */${size}` } });
  }
  const out: Record<string, string> = { ...always, ...headers, 'Accept-Ranges': 'bytes', 'Content-Length': String(range.end - range.start + 1) };
  if (range.partial) out['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
  const status = range.partial ? 206 : 200;
  if (request.method === 'HEAD' || size === 0) {
    await handle.close().catch(() => undefined);
    return new Response(null, { status, headers: out });
  }
  const stream = handle.createReadStream({ start: range.start, end: range.end });
  stream.once('error', (e) => {
    // The window stopped reading (a cancel): nothing went wrong.
    if ((e as NodeJS.ErrnoException).code !== 'ABORT_ERR') onError?.(e);
  });
  // Cancelling the web stream (the window stopped reading) destroys the file stream, which closes the file.
  return new Response(Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>, { status, headers: out });
}
