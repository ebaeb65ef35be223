/** Services built in this process, behind the same face as a service process (see serviceConnection.ts). */
import { existsSync } from 'node:fs';
import { createServices, type AppServices, type CreateServicesOptions } from '../services';
import type { FileAnswer } from './protocol';
import { EventHub, type ServiceConnection } from './serviceConnection';

export function inProcessServices(opts: CreateServicesOptions = {}): ServiceConnection & { app: AppServices } {
  const hub = new EventHub();
  const app = createServices({
    ...opts,
    onEvent: (e) => {
      hub.emit(e);
      opts.onEvent?.(e);
    },
  });
  return {
    app,
    dispatch: app.dispatch,
    /**
     * Where the window reads a page, a thumbnail or an export; null (the viewer's "không hiển thị
     * được", a 404 in browser mode) for anything that cannot be shown: no such page, a row the
     * project layout refuses (a hash that is a path, a link leading out of the project), a file
     * that is not there.
     */
    async file(kind, key) {
      try {
        let answer: FileAnswer;
        if (kind === 'export') answer = await app.files.exportFile(key);
        else {
          const pageId = Number(key);
          if (!Number.isInteger(pageId) || pageId <= 0) return null;
          answer = kind === 'thumb' ? { path: await app.files.thumbnailPath(pageId), mime: 'image/jpeg' } : await app.files.pageImageOf(pageId);
        }
        return existsSync(answer.path) ? answer : null;
      } catch {
        return null;
      }
    },
    subscribe: (l) => hub.subscribe(l),
    dispose: () => app.dispose(),
  };
}
