/**
 * Browser mode's hold on its service process: if the process ever ends unexpectedly (a crash in
 * a native library, the system killing it), the calls in flight fail with one sentence, the
 * reason is logged, and the next call starts a fresh process — the window never has to be
 * reloaded by hand. (Electron's main process does the same in app/main.ts.)
 */
import type { EventSink } from '../../../shared/api/events';
import type { ServiceConnection } from '../../core/remote/serviceConnection';
import type { ServiceProcessOptions } from './main';
import { spawnServiceProcess, type SpawnedServices } from './spawn';

export interface SupervisedServices extends ServiceConnection {
  /** Settles once the first process answers. */
  ready: Promise<void>;
  /** The pid of the process serving now (0 when none is running). */
  pid(): Promise<number>;
}

export function superviseServiceProcess(options: ServiceProcessOptions, onLost: (why: string) => void): SupervisedServices {
  const listeners = new Set<EventSink>();
  let current: Promise<SpawnedServices> | null = null;
  let disposed = false;

  const start = (): Promise<SpawnedServices> => {
    const started = spawnServiceProcess(options, (why) => {
      if (current === started) current = null;
      onLost(why);
    });
    // Events of every process reach the subscribers of this connection.
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
  const services = (): Promise<SpawnedServices> => current ?? start();
  const ready = services().then(() => undefined);

  return {
    ready,
    async dispatch(service, method, args) {
      if (disposed) return { ok: false, error: { code: 'internal', message: 'Sử Quán đang đóng.' } };
      return (await services()).dispatch(service, method, args);
    },
    async file(kind, key) {
      return disposed ? null : (await services()).file(kind, key);
    },
    async pid() {
      return current ? (await current).pid : 0;
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
