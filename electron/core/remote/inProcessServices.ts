/** Services built in this process, behind the same face as a service process (see serviceConnection.ts). */
import { createServices, type AppServices, type CreateServicesOptions } from '../services';
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
    async file(kind, key) {
      try {
        if (kind === 'export') return await app.files.exportFile(key);
        const pageId = Number(key);
        if (!Number.isInteger(pageId) || pageId <= 0) return null;
        if (kind === 'thumb') return { path: await app.files.thumbnailPath(pageId), mime: 'image/jpeg' };
        return await app.files.pageImageOf(pageId);
      } catch {
        return null;
      }
    },
    subscribe: (l) => hub.subscribe(l),
    dispose: () => app.dispose(),
  };
}

