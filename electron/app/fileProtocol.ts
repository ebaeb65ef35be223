/**
 * `suquan-file://thumb/<pageId>`, `suquan-file://page/<pageId>` and
 * `suquan-file://export/<exportId>`: scans and exports of the open project, and nothing else. The
 * key is looked up by the service process; no path from the URL ever reaches the file system.
 * Whatever happens — the service process cannot answer, the file is gone or is not a file, the
 * disk fails — the window gets a status with one sentence (../host/servedFiles.ts), and the main
 * process goes on.
 *
 * The page (suquan-app://app) is another origin: pdf.js reads exports with fetch and Range, so
 * the scheme is CORS-enabled and answers that one origin, exposing the headers range reading
 * needs. No other origin is ever named.
 */
import { protocol, type CustomScheme } from 'electron';
import type { FileKind } from '../core/remote/protocol';
import type { ServiceConnection } from '../core/remote/serviceConnection';
import { fileResponse } from '../host/servedFiles';

export const FILE_SCHEME = 'suquan-file';

/** Its privileges, registered with the app page's (protocol.registerSchemesAsPrivileged may be called once). */
export const fileScheme: CustomScheme = { scheme: FILE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } };

const KEY: Record<FileKind, RegExp> = { thumb: /^\d{1,15}$/, page: /^\d{1,15}$/, export: /^[0-9a-f-]{36}$/ };

/** `pageOrigin`: the app page's origin, the only one that may read these files with fetch. */
export function handleFileProtocol(services: ServiceConnection, pageOrigin: string, onError: (e: unknown, where: string) => void): void {
  const cors = {
    'Access-Control-Allow-Origin': pageOrigin,
    'Access-Control-Expose-Headers': 'Accept-Ranges, Content-Range, Content-Length',
    Vary: 'Origin',
  };
  const text = (status: number, message: string) => new Response(message, { status, headers: { ...cors, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  protocol.handle(FILE_SCHEME, async (request) => {
    if (request.method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: { ...cors, 'Access-Control-Allow-Methods': 'GET, HEAD', 'Access-Control-Allow-Headers': 'Range', 'Access-Control-Max-Age': '600' } });
    }
    try {
      const url = new URL(request.url);
      const kind = url.hostname as FileKind;
      const key = url.pathname.replace(/^\//, '');
      if (!Object.hasOwn(KEY, kind) || !KEY[kind].test(key)) return text(404, 'Không tìm thấy.');
      let file: Awaited<ReturnType<ServiceConnection['file']>>;
      try {
        file = await services.file(kind, key);
      } catch (e) {
        onError(e, `${FILE_SCHEME} ${kind}/${key}`);
        return text(500, 'Sử Quán chưa lấy được tệp này từ dự án; hãy thử lại, chi tiết đã được ghi vào nhật ký.');
      }
      if (!file) return text(404, 'Không tìm thấy tệp.');
      // Range is honoured: pdf.js reads long exports in ranges.
      const cache = kind === 'export' ? 'no-store' : 'private, max-age=3600';
      return await fileResponse(request, file.path, { 'Content-Type': file.mime, 'Cache-Control': cache }, (e) => onError(e, `${FILE_SCHEME} ${kind}/${key}`), cors);
    } catch (e) {
      onError(e, `${FILE_SCHEME} ${request.url}`);
      return text(500, 'Lỗi nội bộ khi đọc tệp; chi tiết đã được ghi vào nhật ký.');
    }
  });
}
