/**
 * Browser mode: the same API as the Electron shell, over HTTP on 127.0.0.1.
 *
 * Security: the server binds to loopback only; every request needs the per-run token (a cookie
 * set when the printed URL is opened, or the X-SuQuan-Token header); the Host header must name
 * this server (defeats DNS rebinding); cross-origin requests are refused and no CORS headers are
 * ever sent; responses carry the same Content-Security-Policy as the Electron window.
 *
 * Robustness: no request takes the host down or leaves something behind. A malformed address is
 * a 400, a body over the limit a 413 sent before the body is read (or as soon as the limit is
 * passed, for a body of unknown length) and the connection closed, a file that cannot be read a
 * status with a sentence (../servedFiles.ts), and every file stream ends with its response.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import type { FileKind } from '../../core/remote/protocol';
import type { ServiceConnection } from '../../core/remote/serviceConnection';
import { contentSecurityPolicy } from '../../../shared/security';
import { decodePath, rendererFile, rendererMimeType } from '../rendererFiles';
import { byteRange, openForServing } from '../servedFiles';
import { receiveUpload, UploadError } from './uploads';

export interface WebServerOptions {
  services: ServiceConnection;
  /** The built renderer (renderer/dist). */
  rendererDir: string;
  /** Where uploads are streamed to (one folder per batch); none: uploads are refused. */
  uploadsDir?: string;
  port?: number;
  token?: string;
  /** Largest API request body accepted, in bytes (calls carry no file bytes: uploads are streamed apart). */
  maxBodyBytes?: number;
  /** Largest single uploaded file, in bytes. */
  maxUploadBytes?: number;
  /** Logs what went wrong inside the host itself. */
  onError?: (e: unknown, where: string) => void;
}

export interface WebServer {
  url: string;
  /** URL with the access token, to print or open. */
  loginUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'suquan_token';

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: http.IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // A declared length over the limit is refused before one byte is read.
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(new Error('too-large'));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        // Stop reading; the 413 goes out and the connection is closed after it.
        req.removeAllListeners('data');
        req.pause();
        reject(new Error('too-large'));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // A client that goes away mid-body: the call is dropped (there is no one to answer).
    req.on('close', () => {
      if (!req.complete) reject(new Error('aborted'));
    });
  });
}

/**
 * Streams a file, honouring one `Range: bytes=a-b` (pdf.js reads a long export in ranges). A file
 * that cannot be read (gone, a directory, no permission, an I/O error) is a 404 or 500 with a
 * sentence, or a cut-off response if it fails mid-way; never a crash of the host. The file is
 * closed when the response ends, however it ends.
 */
async function serveFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: string,
  type: string,
  cache: string,
  extra: Record<string, string>,
  onError: (e: unknown) => void,
): Promise<void> {
  const opened = await openForServing(file);
  if (!opened.ok) {
    if (opened.status !== 404) onError(opened.cause);
    return send(res, opened.status, opened.message);
  }
  const { handle, size } = opened;
  const range = byteRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    await handle.close().catch(() => undefined);
    res.writeHead(416, { 'Content-Range': `bytes */${size}` });
    res.end();
    return;
  }
  const headers: Record<string, string | number> = {
    'Content-Type': type,
    'Content-Length': range.end - range.start + 1,
    'Cache-Control': cache,
    'Accept-Ranges': 'bytes',
    ...extra,
  };
  if (range.partial) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
  res.writeHead(range.partial ? 206 : 200, headers);
  if (req.method === 'HEAD' || size === 0) {
    await handle.close().catch(() => undefined);
    res.end();
    return;
  }
  // pipeline destroys the file stream (closing the file) when the response closes early.
  pipeline(handle.createReadStream({ start: range.start, end: range.end }), res, (e) => {
    if (!e) return;
    if ((e as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') onError(e);
    res.destroy();
  });
}

/**
 * Answers, then closes the connection instead of reading the rest of a body nobody wants. What
 * still arrives for a moment is read and dropped (memory stays flat): closing on unread bytes
 * resets the connection, and the client could lose the answer before reading it.
 */
function closeAfter(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.once('finish', () => {
    req.removeAllListeners('data');
    req.resume();
    setTimeout(() => req.destroy(), 1000).unref();
  });
}

/**
 * A query parameter decoded strictly: null when its `%` escapes are malformed (URLSearchParams
 * would quietly turn them into U+FFFD and a file name would arrive garbled).
 */
function strictParam(url: URL, name: string): string | null {
  for (const pair of url.search.slice(1).split('&')) {
    const eq = pair.indexOf('=');
    const key = decodePath((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    if (key !== name) continue;
    return decodePath((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
  }
  return '';
}

/** `attachment; filename*=UTF-8''…` keeps a Vietnamese file name intact in every browser. */
function attachment(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function jsonError(res: http.ServerResponse, status: number, code: string, message: string): void {
  send(res, status, encodeWire({ ok: false, error: { code, message } }), 'application/json; charset=utf-8');
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  const maxUpload = opts.maxUploadBytes ?? 8 * 1024 * 1024 * 1024;
  const streams = new Set<http.ServerResponse>();
  const rendererDir = opts.rendererDir;
  let port = 0;
  const logError = (e: unknown, where: string) => opts.onError?.(e, where);

  const server = http.createServer((req, res) => {
    // A write to a window already gone must not become an uncaught 'error': there is no one to tell.
    res.on('error', () => undefined);
    void handle(req, res).catch((e: unknown) => {
      opts.onError?.(e, `web ${req.method} ${req.url}`);
      if (!res.headersSent) send(res, 500, 'Lỗi máy chủ nội bộ.');
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    securityHeaders(res);
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      send(res, 421, 'Tên máy không hợp lệ.');
      return;
    }
    const origin = req.headers.origin;
    if (origin && origin !== `http://${host}`) {
      send(res, 403, 'Không cho phép yêu cầu từ trang khác.');
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      return send(res, 400, 'Địa chỉ không hợp lệ.');
    }
    // URL keeps a malformed `%` escape as it is; it is refused here, whatever the path.
    if (decodePath(url.pathname) === null) return send(res, 400, 'Địa chỉ không hợp lệ: có mã «%» sai.');

    // Opening the printed URL: trade the token in the query for a cookie, then drop it from the address bar.
    if (req.method === 'GET' && url.searchParams.has('token')) {
      if (!sameToken(url.searchParams.get('token') ?? undefined, token)) {
        send(res, 401, 'Mã truy cập không đúng. Hãy mở đường dẫn được in ra khi khởi động Sử Quán.');
        return;
      }
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.writeHead(303, { Location: url.pathname });
      res.end();
      return;
    }

    const authorised = sameToken(cookieToken(req), token) || sameToken(req.headers['x-suquan-token'] as string | undefined, token);

    if (url.pathname === '/api/events') {
      if (!authorised) return send(res, 401, 'Thiếu mã truy cập.');
      return streamEvents(res);
    }

    if (url.pathname === '/api/upload') {
      if (!authorised) return send(res, 401, 'Thiếu mã truy cập.');
      if (req.method !== 'PUT') return send(res, 405, 'Chỉ nhận PUT.');
      if (!opts.uploadsDir) return jsonError(res, 403, 'upload.disabled', 'Máy chủ này không nhận tệp tải lên.');
      const rel = strictParam(url, 'path');
      if (rel === null) {
        req.resume();
        return jsonError(res, 400, 'upload.bad-path', 'Tên tệp tải lên bị mã hoá sai (mã «%» không hợp lệ); hãy đổi tên tệp rồi tải lên lại.');
      }
      try {
        const root = await receiveUpload(req, opts.uploadsDir, url.searchParams.get('batch') ?? '', rel, maxUpload);
        return send(res, 200, encodeWire({ root }), 'application/json; charset=utf-8');
      } catch (e) {
        if (!(e instanceof UploadError)) throw e;
        // A body too large is not read to its end: the answer goes out and the connection is closed.
        if (e.status === 413) closeAfter(req, res);
        return jsonError(res, e.status, e.code, e.message);
      }
    }

    if (url.pathname.startsWith('/api/')) {
      if (!authorised) return send(res, 401, 'Thiếu mã truy cập.');
      if (req.method !== 'POST') return send(res, 405, 'Chỉ nhận POST.');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Cần application/json.');
      const [, , service = '', method = ''] = url.pathname.split('/');
      let args: unknown;
      try {
        const body = await readBody(req, maxBody);
        args = body ? decodeWire(body) : {};
      } catch (e) {
        if (e instanceof Error && e.message === 'aborted') return void res.destroy();
        const tooLarge = e instanceof Error && e.message === 'too-large';
        if (tooLarge) closeAfter(req, res);
        return send(
          res,
          tooLarge ? 413 : 400,
          encodeWire({ ok: false, error: { code: tooLarge ? 'api.too-large' : 'api.bad-json', message: tooLarge ? 'Dữ liệu gửi lên quá lớn.' : 'Dữ liệu gửi lên không phải JSON hợp lệ.' } }),
          'application/json; charset=utf-8',
        );
      }
      const response = await opts.services.dispatch(service, method, args);
      return send(res, 200, encodeWire(response), 'application/json; charset=utf-8');
    }

    if (url.pathname.startsWith('/files/')) {
      if (!authorised) return send(res, 401, 'Thiếu mã truy cập.');
      const m = /^\/files\/(?:(thumb|page)\/(\d{1,15})|(export)\/([0-9a-f-]{36}))$/.exec(url.pathname);
      if (!m) return send(res, 404, 'Không tìm thấy.');
      const kind = (m[1] ?? m[3]) as FileKind;
      let file: Awaited<ReturnType<ServiceConnection['file']>>;
      try {
        file = await opts.services.file(kind, m[2] ?? m[4]!);
      } catch (e) {
        // The services could not say where the file is (their process failed to start, a stored
        // name the project layout refuses): the window is told, the host goes on.
        logError(e, `web ${req.method} ${url.pathname}`);
        return send(res, 500, 'Sử Quán chưa lấy được tệp này từ dự án; hãy thử lại, chi tiết đã được ghi vào nhật ký.');
      }
      if (!file) return send(res, 404, 'Không tìm thấy tệp.');
      const failed = (e: unknown) => logError(e, `web ${req.method} ${url.pathname}`);
      if (kind === 'export') {
        const download: Record<string, string> = url.searchParams.has('download') && file.fileName ? { 'Content-Disposition': attachment(file.fileName) } : {};
        return serveFile(req, res, file.path, file.mime, 'no-store', download, failed);
      }
      return serveFile(req, res, file.path, file.mime, 'private, max-age=3600', {}, failed);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Phương thức không được hỗ trợ.');
    const found = rendererFile(rendererDir, url.pathname);
    if (!found.ok) return send(res, found.status, found.message);
    if (found.rel === 'index.html' && !authorised) {
      return send(res, 401, 'Hãy mở đường dẫn có mã truy cập được in ra khi khởi động Sử Quán (npm start).');
    }
    const cache = found.rel === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable';
    return serveFile(req, res, found.file, rendererMimeType(found.file), cache, {}, (e) => logError(e, `web ${req.method} ${url.pathname}`));
  }

  /** One Server-Sent Events stream per window: the services' events, as they happen. */
  function streamEvents(res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': Sử Quán\n\n');
    streams.add(res);
    // A window gone between its socket closing and 'close' firing: the write is dropped, not thrown.
    const write = (chunk: string) => {
      if (!res.destroyed && !res.writableEnded) res.write(chunk);
    };
    res.on('error', () => undefined);
    const unsubscribe = opts.services.subscribe((event) => write(`data: ${JSON.stringify(event)}\n\n`));
    // A comment now and then keeps proxies and idle timers from closing the stream.
    const beat = setInterval(() => write(': .\n\n'), 15_000);
    beat.unref();
    res.on('close', () => {
      clearInterval(beat);
      unsubscribe();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    loginUrl: `${url}?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of streams) r.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
