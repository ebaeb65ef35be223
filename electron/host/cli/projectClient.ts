/**
 * The CLI reaches the services exactly as the UI does: through the contract's client over an
 * in-process transport into the validating dispatcher. A service's internal error reaches the
 * CLI as a UserFacingError with code "internal" and without its stack; the stack goes to the log
 * through the error sink here, where it still exists.
 */
import path from 'node:path';
import { createClient } from '../../../shared/api/client';
import type { Api } from '../../../shared/api/index';
import { createServices, type AppServices } from '../../core/services';
import { logInternalError } from './internalError';

export interface CliProject {
  api: Api;
  app: AppServices;
  close(): void;
}

export function connect(holderName = 'suquan'): CliProject {
  const app = createServices({ holderName, onError: (error, where) => void logInternalError(error, where) });
  const api = createClient((service, method, args) => app.dispatch(service, method, args));
  return { api, app, close: () => app.dispose() };
}

export interface OpenProjectOptions {
  /** The command, as the project's lock names it to others ("suquan import"). */
  command: string;
  /**
   * `write` (the default) refuses, saying who, when another process holds the project;
   * `read-if-held` reads it then (list, search, check, export change nothing in it).
   */
  mode?: 'write' | 'read-if-held';
}

/** Opens the project at DIR (one clear sentence when there is none, or when it is held elsewhere). */
export async function openProject(dir: string | undefined, opts: OpenProjectOptions): Promise<CliProject> {
  const { UserFacingError } = await import('../../../shared/errors');
  if (!dir) throw new UserFacingError('cli.missing-dir', 'Thiếu đường dẫn thư mục dự án (DIR).');
  const p = connect(`suquan ${opts.command}`);
  try {
    await p.api.project.open({ path: path.resolve(dir), mode: opts.mode ?? 'write' });
  } catch (e) {
    p.close();
    throw e;
  }
  return p;
}
