/**
 * The service process's side: answers calls, file look-ups and the final dispose from its host
 * over a port, and forwards the services' events. Everything heavy (SQLite, imports, the
 * typesetter, pdf.js) runs in this process, so the process that draws the window never waits.
 */
import type { Message, Port, Request } from './protocol';
import type { ServiceConnection } from './serviceConnection';

export function serveServices(local: ServiceConnection, port: Port<Request, Message>, onDisposed: () => void = () => {}): void {
  local.subscribe((event) => port.post({ t: 'event', event }));
  port.onMessage((m) => {
    switch (m.t) {
      case 'call':
        void local.dispatch(m.service, m.method, m.args).then((response) => port.post({ t: 'reply', id: m.id, response }));
        return;
      case 'file':
        void local.file(m.kind, m.key).then((file) => port.post({ t: 'file', id: m.id, file }));
        return;
      case 'dispose':
        void local
          .dispose()
          .catch(() => undefined)
          .then(() => {
            port.post({ t: 'disposed', id: m.id });
            onDisposed();
          });
        return;
    }
  });
  port.post({ t: 'ready' });
}
