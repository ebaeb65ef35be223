/**
 * `suquan-file://thumb/<pageId>`, `suquan-file://page/<pageId>` and
 * `suquan-file://export/<exportId>`: scans and exports of the open project, and nothing else. The
 * key is looked up by the service process; no path from the URL ever reaches the file system.
 */
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import type { FileKind } from '../core/remote/protocol';
import type { ServiceConnection } from '../core/remote/serviceConnection';

export const FILE_SCHEME = 'suquan-file';

const KEY: Record<FileKind, RegExp> = { thumb: /^\d{1,15}$/, page: /^\d{1,15}$/, export: /^[0-9a-f-]{36}$/ };

/** Must run before the app is ready. */
export function registerFileScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: FILE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function handleFileProtocol(services: ServiceConnection): void {
  protocol.handle(FILE_SCHEME, async (request) => {
    const url = new URL(request.url);
    const kind = url.hostname as FileKind;
    const key = url.pathname.replace(/^\//, '');
    if (!Object.hasOwn(KEY, kind) || !KEY[kind].test(key)) return new Response('Không tìm thấy.', { status: 404 });
    const file = await services.file(kind, key);
    if (!file) return new Response('Không tìm thấy.', { status: 404 });
    // net.fetch of a file: URL streams it and honours Range (pdf.js reads long exports in ranges).
    return net.fetch(pathToFileURL(file.path).toString(), { headers: request.headers });
  });
}
