/**
 * The messages between a window's host (Electron's main process, browser mode's HTTP host) and
 * the service process that holds the project. Both sides speak over a `Port`: Electron's
 * utility-process port or a Node child process's IPC channel, structured-cloned either way.
 */
import type { WireResponse } from '../../../shared/api/contract';
import type { ServiceEvent } from '../../../shared/api/events';

export type FileKind = 'thumb' | 'page' | 'export';

export interface FileAnswer {
  path: string;
  mime: string;
  /** For exports: the name to offer when the file is downloaded. */
  fileName?: string;
}

/** Host → service process. */
export type Request =
  | { t: 'call'; id: number; service: string; method: string; args: unknown }
  | { t: 'file'; id: number; kind: FileKind; key: string }
  /** Stop every job, close the project, answer, then exit. */
  | { t: 'dispose'; id: number };

/** Service process → host. */
export type Message =
  | { t: 'ready' }
  | { t: 'reply'; id: number; response: WireResponse }
  | { t: 'file'; id: number; file: FileAnswer | null }
  | { t: 'disposed'; id: number }
  | { t: 'event'; event: ServiceEvent };

/** One end of a message channel. */
export interface Port<In, Out> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
