/**
 * The shape of one CLI command. Each command lives in its own file under commands/ and is listed,
 * with its usage and summary, in commands/index.ts; its module is loaded only when it is the
 * command being run, so `suquan --help` and a mistyped command never load the services or the
 * typesetter. A command returns a result object: the CLI prints it as JSON with --json, or prints
 * the command's human-readable summary otherwise.
 */
export interface CliContext {
  /** Positional arguments after the command name. */
  args: string[];
  /** Flags: `--out x` → { out: 'x' }, `--json` → { json: true }. Repeated flags keep the last value. */
  flags: Record<string, string | boolean>;
  json: boolean;
  /** Progress or information lines for humans (stderr in --json mode, so stdout stays JSON). */
  info(line: string): void;
}

export interface CliResult {
  /** What a human sees (one or more lines). */
  human: string;
  /** What --json prints. */
  json: unknown;
  /** Non-zero when the command ran but found a problem (e.g. `check` found a changed file). */
  exitCode?: number;
}

/** What a command module exports: the command itself. */
export interface CliCommand {
  run(ctx: CliContext): Promise<CliResult>;
}

/** What `suquan --help` and the parser know of a command without loading its module. */
export interface CliCommandEntry {
  name: string;
  /** e.g. "suquan import DIR FILE... [--json]" */
  usage: string;
  /** One line, Vietnamese. */
  summary: string;
  /** Loads the command's module (and with it what the command needs) when it is the one run. */
  load(): Promise<CliCommand>;
  /** Left out of --help: aids for testing the CLI itself. */
  hidden?: boolean;
}

export { UserFacingError } from '../../../shared/errors';
import { UserFacingError } from '../../../shared/errors';

export function requireFlag(ctx: CliContext, name: string): string {
  const v = ctx.flags[name];
  if (typeof v !== 'string' || v === '') throw new UserFacingError('cli.missing-flag', `Thiếu tham số --${name}.`);
  return v;
}
