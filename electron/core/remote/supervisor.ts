/**
 * A host's hold on its service process: if the process ever ends unexpectedly (a crash in a
 * native library, the system killing it), the calls in flight fail with one sentence, the host
 * logs why, and the next call starts a fresh process — the window never has to be reloaded.
 * Subscribers keep receiving events across restarts. Electron's main process starts processes
 * with `utilityProcess`, browser mode with `child_process`; both hand their starter to this.
 */
import type { EventSink } from '../../../shared/api/events';
import type { ServiceConnection } from './serviceConnection';

/** Starts one service process; `onLost` is called if it ends without being disposed. */
export type StartServices<S extends ServiceConnection> = (onLost: (why: string) => void) => Promise<S>;

export interface SupervisedServices<S extends ServiceConnection> extends ServiceConnection {
  /** Settles once the first process answers. */
  ready: Promise<void>;
  /** The process serving now, started if there is none. */
  current(): Promise<S>;
}

export function superviseServices<S extends ServiceConnection>(start: StartServices<S>, onLost: (why: string) => void): SupervisedServices<S> {
  const listeners = new Set<EventSink>();
  let current: Promise<S> | null = null;
  let disposed = false;

  const startOne = (): Promise<S> => {
    const started = start((why) => {
      if (current === started) current = null;
      onLost(why);
    });
    void started.then(
      (s) => s.subscribe((e) => listeners.forEach((l) => l(e))),
      () => {
        // It could not start: the next call tries again.
        if (current === started) current = null;
      },
    );
    current = started;
    return started;
  };
  const services = (): Promise<S> => current ?? startOne();
  const ready = services().then(() => undefined);

  return {
    ready,
    current: services,
    async dispatch(service, method, args) {
      if (disposed) return { ok: false, error: { code: 'internal', message: 'Sử Quán đang đóng.' } };
      return (await services()).dispatch(service, method, args);
    },
    async file(kind, key) {
      return disposed ? null : (await services()).file(kind, key);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      disposed = true;
      if (current) await (await current).dispose();
    },
  };
}
