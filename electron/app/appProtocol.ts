/**
 * The app's own page, served from `suquan-app://app/…` instead of `file://` (Electron's security
 * checklist, "avoid file://"): a page on file:// may read any file:// URL, and whatever runs in it
 * shares that origin with every local file. Here only the files of the built renderer are served
 * (the same rule as browser mode: ../host/rendererFiles.ts — no `..`, no path outside, regular
 * files only), with their MIME type, the app's Content-Security-Policy and `nosniff`.
 */
import { protocol, type CustomScheme } from 'electron';
import { contentSecurityPolicy } from '../../shared/security';
import { rendererFile, rendererMimeType } from '../host/rendererFiles';
import { fileResponse } from '../host/servedFiles';

export const APP_SCHEME = 'suquan-app';
/** The page's origin; every URL of the app's own page starts with `${APP_ORIGIN}/`. */
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: relative URLs, an origin and same-origin checks as for https; secure: the page is a
 * secure context; supportFetchAPI and corsEnabled: the module scripts Vite emits (`type="module"
 * crossorigin`) and pdf.js's worker load from it. No bypassCSP: the policy applies.
 */
export const appScheme: CustomScheme = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } };

const text = (status: number, message: string) => new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

export function handleAppProtocol(rendererDir: string, onError: (e: unknown, where: string) => void): void {
  protocol.handle(APP_SCHEME, async (request) => {
    try {
      const url = new URL(request.url);
      if (url.host !== 'app') return text(404, 'Không tìm thấy.');
      const found = rendererFile(rendererDir, url.pathname);
      if (!found.ok) return text(found.status, found.message);
      return await fileResponse(
        request,
        found.file,
        { 'Content-Type': rendererMimeType(found.file), 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' },
        (e) => onError(e, `${APP_SCHEME} ${url.pathname}`),
      );
    } catch (e) {
      onError(e, `${APP_SCHEME} ${request.url}`);
      return text(500, 'Lỗi nội bộ khi tải giao diện; chi tiết đã được ghi vào nhật ký.');
    }
  });
}
