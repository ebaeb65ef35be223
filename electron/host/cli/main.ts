/**
 * `suquan`: the command-line face of the same services. Every command takes --json; exit code 0
 * on success, 1 on a user error (printed as one sentence), 2 when the command ran but found a
 * problem (a rejected file, a failed check), 70 on an internal error (one sentence; the stack is
 * in the log and on stderr). This module and the command table load nothing heavy: the chosen
 * command's module is imported only once the command line has been read.
 *
 * Everything printed passes through one place here (printableLines, jsonText): file names and titles come
 * from outside, and an ANSI sequence or a bidi override in one must not recolour, move or hide
 * what the terminal shows.
 */
import { isUserFacingError } from '../../../shared/errors';
import { printableLines } from '../../../shared/text/controlChars';
import { translateSystemError } from '../../core/systemErrors';
import type { CliContext } from './command';
import { commands } from './commands/index';
import { exitOnCrash } from './exitOnCrash';
import { describeInternalError, INTERNAL_ERROR_EXIT } from './internalError';

/** Flags that never take a value, so the word after them stays a positional argument. */
const booleanFlags = new Set(['json', 'help', 'split', 'folder-as-document', 'check', 'ocr', 'redo', 'exact', 'desc', 'repair']);

export function parseCommandLine(argv: string[]): { name: string | undefined; args: string[]; flags: Record<string, string | boolean> } {
  const [name, ...rest] = argv;
  const args: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') {
      args.push(...rest.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else {
        const key = a.slice(2);
        const next = rest[i + 1];
        const isBoolean = booleanFlags.has(key) || next === undefined || next.startsWith('--');
        if (isBoolean) flags[key] = true;
        else {
          flags[key] = next;
          i++;
        }
      }
    } else args.push(a);
  }
  return { name, args, flags };
}

/**
 * JSON for the terminal: JSON.stringify escapes C0 controls and lone surrogates but writes DEL,
 * the C1 controls (U+009B is CSI to many terminals) and bidi overrides as they are; escaped here,
 * the JSON reads back to the same strings.
 */
function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function help(): string {
  const listed = commands.filter((c) => !c.hidden);
  return ['Sử Quán — dòng lệnh', '', ...listed.map((c) => `  ${c.usage}\n      ${c.summary}`)].join('\n');
}

export interface CliOptions {
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
  /**
   * Treat the process's uncaught exceptions and unhandled rejections as internal errors of the
   * running command (exit 70). Only the process entry (bin.ts) asks: it owns the process.
   */
  trapCrashes?: boolean;
}

export async function runCli(argv: string[], opts: CliOptions = {}): Promise<number> {
  const { out = process.stdout, err = process.stderr } = opts;
  const { name, args, flags } = parseCommandLine(argv);
  const json = flags.json === true;
  if (!name || name === '--help' || name === 'help' || flags.help) {
    out.write(help() + '\n');
    return name ? 0 : 1;
  }
  const entry = commands.find((c) => c.name === name);
  const fail = (code: string, message: string, exit: number): number => {
    if (json) out.write(jsonText({ ok: false, error: { code, message } }) + '\n');
    else err.write(printableLines(message) + '\n');
    return exit;
  };
  if (!entry) return fail('cli.unknown-command', `Không có lệnh "${name}". Gõ "suquan --help" để xem các lệnh.`, 1);
  const internal = async (e: unknown, where: string): Promise<number> => fail('internal', await describeInternalError(e, where, name), INTERNAL_ERROR_EXIT);
  if (opts.trapCrashes) exitOnCrash(async (e, how) => void (await internal(e, `cli.${name}, ${how}`)));
  const ctx: CliContext = { args, flags, json, info: (line) => (json ? err : out).write(printableLines(line) + '\n') };
  try {
    const command = await entry.load();
    const result = await command.run(ctx);
    const exit = result.exitCode ?? 0;
    if (json) out.write(jsonText({ ok: exit === 0, result: result.json }) + '\n');
    else out.write(printableLines(result.human) + '\n');
    return exit;
  } catch (e) {
    if (isUserFacingError(e) && e.code !== 'internal') return fail(e.code, e.message, 1);
    // A full disk, a read-only folder, a failing drive met outside the services (backup, restore).
    const known = translateSystemError(e);
    if (known) return fail(known.code, known.message, 1);
    return internal(e, `cli.${name}`);
  }
}
