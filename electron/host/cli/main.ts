/**
 * `suquan`: the command-line face of the same services. Every command takes --json; exit code 0
 * on success, 1 on a user error (printed as one sentence), 2 when the command ran but found a
 * problem (a rejected file, a failed check), 70 on an internal error.
 */
import { isUserFacingError } from '../../../shared/errors';
import type { CliContext } from './command';
import { commands } from './commands/index';

/** Flags that never take a value, so the word after them stays a positional argument. */
const booleanFlags = new Set(['json', 'help', 'split', 'folder-as-document', 'check']);

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

function help(): string {
  return ['Sử Quán — dòng lệnh', '', ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`)].join('\n');
}

export async function runCli(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const { name, args, flags } = parseCommandLine(argv);
  const json = flags.json === true;
  if (!name || name === '--help' || name === 'help' || flags.help) {
    out.write(help() + '\n');
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  const fail = (code: string, message: string, exit: number): number => {
    if (json) out.write(JSON.stringify({ ok: false, error: { code, message } }, null, 2) + '\n');
    else err.write(message + '\n');
    return exit;
  };
  if (!command) return fail('cli.unknown-command', `Không có lệnh "${name}". Gõ "suquan --help" để xem các lệnh.`, 1);
  const ctx: CliContext = { args, flags, json, info: (line) => (json ? err : out).write(line + '\n') };
  try {
    const result = await command.run(ctx);
    const exit = result.exitCode ?? 0;
    if (json) out.write(JSON.stringify({ ok: exit === 0, result: result.json }, null, 2) + '\n');
    else out.write(result.human + '\n');
    return exit;
  } catch (e) {
    if (isUserFacingError(e)) return fail(e.code, e.message, 1);
    const message = `Lỗi nội bộ: ${e instanceof Error ? e.message : String(e)}`;
    if (process.env.SUQUAN_DEBUG) err.write(String(e instanceof Error ? e.stack : e) + '\n');
    return fail('internal', message, 70);
  }
}
