/**
 * What a window's host holds: the services, wherever they run. `connectServices` speaks to a
 * service process over a port; `inProcessServices` (inProcessServices.ts) wraps services built in
 * this process (the service process itself, tests). The HTTP host and the Electron shell take
 * either. This file must stay light: the Electron main process loads it, and nothing of the
 * services themselves.
 */
import type { Dispatch } from '../../../shared/api/dispatch';
import type { EventSink, ServiceEvent } from '../../../shared/api/events';
import type { FileAnswer, FileKind, Message, Port, Request } from './protocol';

export interface ServiceConnection {
  /** Validating entry point for every transport. */
  dispatch: Dispatch;
  /** A scan, thumbnail or export of the open project, or null. */
  file(kind: FileKind, key: string): Promise<FileAnswer | null>;
  /** Subscribes to the services' events; returns the unsubscribe function. */
  subscribe(listener: EventSink): () => void;
  /** Stops every job (waiting for them), closes the project and ends the service process. */
  dispose(): Promise<void>;
}

/** Fans events out to subscribers. */
export class EventHub {
  private readonly listeners = new Set<EventSink>();
  readonly emit = (event: ServiceEvent): void => {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        /* one broken subscriber must not stop the others */
      }
    }
  };
  subscribe(listener: EventSink): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface RemoteOptions {
  /** Called when the service process is gone unexpectedly (its calls in flight fail with a sentence). */
  onLost?: (why: string) => void;
}

/** The host's side of a service process reached through `port`; `lost()` is called by the spawner when the process ends. */
export function connectServices(port: Port<Message, Request>, opts: RemoteOptions = {}): ServiceConnection & { ready: Promise<void>; lost(why: string): void } {
  const hub = new EventHub();
  let next = 1;
  let gone: string | null = null;
  /** Calls waiting for their answer; null when the process is gone. */
  const pending = new Map<number, (m: Message | null) => void>();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));

  port.onMessage((m) => {
    if (m.t === 'ready') return markReady();
    if (m.t === 'event') return hub.emit(m.event);
    const answer = pending.get(m.id);
    if (answer) {
      pending.delete(m.id);
      answer(m);
    }
  });

  const request = (build: (id: number) => Request): Promise<Message | null> => {
    if (gone) return Promise.resolve(null);
    const id = next++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      port.post(build(id));
    });
  };

  const lostResponse = (service: string, method: string) => ({
    ok: false as const,
    error: {
      code: 'internal',
      message: `Tiến trình dịch vụ của Sử Quán đã dừng bất ngờ khi thực hiện ${service}.${method} (${gone ?? 'không rõ lý do'}). Hãy mở lại dự án; chi tiết đã được ghi vào nhật ký.`,
    },
  });

  return {
    ready,
    dispatch: async (service, method, args) => {
      const m = await request((id) => ({ t: 'call', id, service, method, args }));
      return m && m.t === 'reply' ? m.response : lostResponse(service, method);
    },
    async file(kind, key) {
      const m = await request((id) => ({ t: 'file', id, kind, key }));
      return m && m.t === 'file' ? m.file : null;
    },
    subscribe: (l) => hub.subscribe(l),
    async dispose() {
      await request((id) => ({ t: 'dispose', id }));
      gone ??= 'đã đóng';
    },
    lost(why) {
      if (gone) return;
      gone = why;
      for (const answer of pending.values()) answer(null);
      pending.clear();
      opts.onLost?.(why);
    },
  };
}
