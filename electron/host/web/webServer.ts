/**
 * Browser mode: the same API as the Electron shell, over HTTP on 127.0.0.1.
 *
 * Security: the server binds to loopback only; every request needs the per-run token (a cookie
 * set when the printed URL is opened, or the X-SuQuan-Token header); the Host header must name
 * this server (defeats DNS rebinding); cross-origin requests are refused and no CORS headers are
 * ever sent; responses carry the same Content-Security-Policy as the Electron window.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import type { AppServices } from '../../core/services';
import { contentSecurityPolicy } from '../../../shared/security';

export interface WebServerOptions {
  app: AppServices;
  /** The built renderer (renderer/dist). */
  rendererDir: string;
  port?: number;
  token?: string;
  /** Largest API request body accepted, in bytes. */
  maxBodyBytes?: number;
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

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

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
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('too-large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serveFile(res: http.ServerResponse, file: string, type: string, cache: string): void {
  const st = statSync(file);
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': st.size, 'Cache-Control': cache });
  createReadStream(file).pipe(res);
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 768 * 1024 * 1024;
  const rendererDir = path.resolve(opts.rendererDir);
  let port = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      console.error('[web] request failed', e);
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
    const url = new URL(req.url ?? '/', `http://${host}`);

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
        const tooLarge = e instanceof Error && e.message === 'too-large';
        return send(
          res,
          tooLarge ? 413 : 400,
          encodeWire({ ok: false, error: { code: tooLarge ? 'api.too-large' : 'api.bad-json', message: tooLarge ? 'Dữ liệu gửi lên quá lớn.' : 'Dữ liệu gửi lên không phải JSON hợp lệ.' } }),
          'application/json; charset=utf-8',
        );
      }
      const response = await opts.app.dispatch(service, method, args);
      return send(res, 200, encodeWire(response), 'application/json; charset=utf-8');
    }

    if (url.pathname.startsWith('/files/')) {
      if (!authorised) return send(res, 401, 'Thiếu mã truy cập.');
      const m = /^\/files\/(thumb|page)\/(\d+)$/.exec(url.pathname);
      if (!m) return send(res, 404, 'Không tìm thấy.');
      try {
        const pageId = Number(m[2]);
        if (m[1] === 'thumb') return serveFile(res, await opts.app.files.thumbnailPath(pageId), 'image/jpeg', 'private, max-age=3600');
        const image = await opts.app.files.pageImageOf(pageId);
        return serveFile(res, image.path, image.mime, 'private, max-age=3600');
      } catch {
        return send(res, 404, 'Không tìm thấy tệp.');
      }
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Phương thức không được hỗ trợ.');
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(rendererDir, rel);
    if (!file.startsWith(rendererDir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      return send(res, 404, 'Không tìm thấy.');
    }
    if (rel === 'index.html' && !authorised) {
      return send(res, 401, 'Hãy mở đường dẫn có mã truy cập được in ra khi khởi động Sử Quán (npm start).');
    }
    const type = mimeTypes[path.extname(file)] ?? 'application/octet-stream';
    serveFile(res, file, type, rel === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable');
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
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
