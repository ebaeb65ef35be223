/**
 * Which file of the built UI an address names, for both hosts that serve it: the browser-mode
 * HTTP host (web/webServer.ts) and the Electron window's `suquan-app://` protocol
 * (electron/app/appProtocol.ts). One rule for both: the path is decoded strictly (a malformed `%`
 * escape is the caller's 400, never an exception), must stay inside the built folder once
 * resolved (no `..`, no absolute path, no NUL), and must name a regular file; anything else is
 * "not found". Plain Node, so it is tested without Electron.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

/** The types the built UI is made of; anything else is served as bytes the browser will not run. */
export const rendererMimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export function rendererMimeType(file: string): string {
  return rendererMimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** `decodeURIComponent` without the exception: null for a malformed escape. */
export function decodePath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

export type RendererFile = { ok: true; file: string; rel: string } | { ok: false; status: 400 | 404; message: string };

/**
 * The file an URL path (still percent-encoded, as in `URL.pathname`) names under `rendererDir`;
 * `/` is index.html.
 */
export function rendererFile(rendererDir: string, urlPathname: string): RendererFile {
  const decoded = decodePath(urlPathname);
  if (decoded === null || decoded.includes('\0')) return { ok: false, status: 400, message: 'Địa chỉ không hợp lệ.' };
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, rel);
  const inside = path.relative(root, file);
  if (!inside || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return { ok: false, status: 404, message: 'Không tìm thấy.' };
  try {
    if (!statSync(file).isFile()) return { ok: false, status: 404, message: 'Không tìm thấy.' };
  } catch {
    return { ok: false, status: 404, message: 'Không tìm thấy.' };
  }
  return { ok: true, file, rel: inside.split(path.sep).join('/') };
}
