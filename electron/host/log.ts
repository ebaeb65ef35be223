/**
 * The one logger (electron-log's Node build): a rotating file in the user-data folder
 * (suquan.log, rolled over to suquan.old.log at 5 MB) and, for the CLI and browser mode, stderr.
 * Internal errors are written with their stack; what the user sees is one sentence, with these
 * details one click away ("Sao chép chi tiết").
 */
import log from 'electron-log/node';
import path from 'node:path';
import { sourceMappedStack } from './sourceMappedStack';

export interface Logger {
  /** Logs an internal error with its stack and returns the details to show behind "copy details". */
  error(error: unknown, where: string): string;
  info(message: string): void;
  /** The log file, or null when logging to stderr only. */
  readonly file: string | null;
}

export interface LoggerOptions {
  /** Folder of the log file (created on first write); none: no file. */
  dir?: string | null;
  /** Also write to stderr. */
  stderr?: boolean;
  /** Which process writes ("main", "services", "web", "cli"), as every line says. */
  processName: string;
}

const MAX_LOG_BYTES = 5 * 1024 * 1024;

/** What "copy details" gives: enough for a developer, nothing the user typed beyond the error. */
export function errorDetails(error: unknown, where: string, processName: string, at = new Date()): string {
  // Frames of the bundles (out/host) point back at the TypeScript sources.
  const stack = error instanceof Error ? (error.stack ? sourceMappedStack(error.stack) : `${error.name}: ${error.message}`) : String(error);
  return `Sử Quán · ${processName} · ${where} · ${at.toISOString()}\n${stack}`;
}

export function createLogger(opts: LoggerOptions): Logger {
  const logger = log.create({ logId: `suquan-${opts.processName}` });
  const file = opts.dir ? path.join(opts.dir, 'suquan.log') : null;
  logger.transports.file.setAppName('suquan');
  if (file) {
    logger.transports.file.resolvePathFn = () => file;
    logger.transports.file.maxSize = MAX_LOG_BYTES;
    logger.transports.file.format = `[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [${opts.processName}] [{level}] {text}`;
  } else logger.transports.file.level = false;
  logger.transports.console.level = opts.stderr ? 'info' : false;
  // electron-log's console transport writes errors to stderr and the rest to stdout; the CLI's
  // stdout is its result (JSON with --json), so everything goes to stderr.
  logger.transports.console.writeFn = ({ message }) => {
    process.stderr.write(`${message.data.map((d) => (d instanceof Error ? (d.stack ?? d.message) : String(d))).join(' ')}\n`);
  };
  return {
    file,
    error(error, where) {
      const details = errorDetails(error, where, opts.processName);
      logger.error(details);
      return details;
    },
    info(message) {
      logger.info(message);
    },
  };
}
