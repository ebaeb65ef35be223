/**
 * What the CLI does with an internal error (a bug, not the user's doing): the stack goes to the
 * log, `stateDir()/logs/suquan.log`, and to stderr; the user reads one sentence naming the log;
 * the exit code is 70 (EX_SOFTWARE). The logger (electron-log) is loaded on the first error only:
 * it costs tens of milliseconds that `suquan --help` and every successful command should not pay.
 */
import path from 'node:path';
import { isUserFacingError } from '../../../shared/errors';
import type { Logger } from '../log';
import { stateDir } from '../paths';

/** sysexits.h EX_SOFTWARE: "an internal software error has been detected". */
export const INTERNAL_ERROR_EXIT = 70;

let logger: Promise<Logger> | undefined;
const pending = new Set<Promise<unknown>>();
/** The last error logged, with where: what a service's internal error was before the API seam. */
let lastLogged: { error: unknown; where: string } | null = null;

/** The folder of the CLI's log; read each time, so a test can point XDG_CONFIG_HOME elsewhere. */
export function cliLogDir(): string {
  return path.join(stateDir(), 'logs');
}

function cliLogger(): Promise<Logger> {
  logger ??= import('../log').then(({ createLogger }) => createLogger({ dir: cliLogDir(), stderr: true, processName: 'cli' }));
  return logger;
}

/** The log file, once the logger is loaded (null when it cannot be). */
async function cliLogFile(): Promise<string | null> {
  return cliLogger().then(
    (l) => l.file,
    () => null,
  );
}

/**
 * Logs an internal error with its stack (file and stderr). Synchronous callers (the services'
 * error sink) need not wait: `flushLog` waits for every write started so far.
 */
export function logInternalError(error: unknown, where: string): Promise<string | null> {
  lastLogged = { error, where };
  const done = cliLogger().then(
    (l) => {
      l.error(error, where);
      return l.file;
    },
    // Without a logger the stack still reaches stderr.
    (e: unknown) => {
      process.stderr.write(`${where}: ${error instanceof Error ? error.stack : String(error)}\n(không ghi được nhật ký: ${String(e)})\n`);
      return null;
    },
  );
  pending.add(done);
  void done.finally(() => pending.delete(done));
  return done;
}

/** Waits until every error logged so far is written. */
export async function flushLog(): Promise<void> {
  await Promise.all([...pending]);
}

/** The one sentence the user reads: what failed, and where the details are. */
export function internalErrorSentence(message: string, logFile: string | null): string {
  const text = message.trim().replace(/[.。]+$/, '');
  return logFile ? `${text} (chi tiết trong nhật ký ${logFile}).` : `${text}.`;
}

/** The first line of an error's message: the sentence stays one line. */
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

/**
 * Logs an internal error of `command` (unless it was logged already) and returns the sentence to
 * print. A UserFacingError reaching here carries code "internal": a service failed behind the API
 * seam; the services' error sink has logged it with its real stack, and the sentence is made from
 * that original error rather than from the wire's message.
 */
export async function describeInternalError(error: unknown, where: string, command: string): Promise<string> {
  if (isUserFacingError(error)) {
    await flushLog();
    const origin = lastLogged;
    const text = origin ? `Lỗi nội bộ khi chạy lệnh “${command}” (${origin.where}): ${messageOf(origin.error)}` : error.message;
    return internalErrorSentence(text, await cliLogFile());
  }
  const file = await logInternalError(error, where);
  return internalErrorSentence(`Lỗi nội bộ khi chạy lệnh “${command}”: ${messageOf(error)}`, file);
}
