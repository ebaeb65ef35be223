/**
 * `suquan-file://thumb/<pageId>` and `suquan-file://page/<pageId>`: scans of the open project,
 * and nothing else. The pageId is looked up in the database; no path from the URL ever reaches
 * the file system.
 */
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import type { AppServices } from '../core/services';

export const FILE_SCHEME = 'suquan-file';

/** Must run before the app is ready. */
export function registerFileScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: FILE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function handleFileProtocol(app: AppServices): void {
  protocol.handle(FILE_SCHEME, async (request) => {
    const url = new URL(request.url);
    const pageId = Number(url.pathname.replace(/^\//, ''));
    if (!Number.isInteger(pageId) || pageId <= 0) return new Response('Không tìm thấy.', { status: 404 });
    try {
      if (url.hostname === 'thumb') return net.fetch(pathToFileURL(await app.files.thumbnailPath(pageId)).toString());
      if (url.hostname === 'page') return net.fetch(pathToFileURL((await app.files.pageImageOf(pageId)).path).toString());
    } catch {
      return new Response('Không tìm thấy.', { status: 404 });
    }
    return new Response('Không tìm thấy.', { status: 404 });
  });
}
