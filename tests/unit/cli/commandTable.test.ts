import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../../electron/host/cli/commands/index';
import { runCli } from '../../../electron/host/cli/main';

/** A stream that keeps what is written to it. */
function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(w, { text: () => chunks.join('') });
}

describe('the command table', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers --help, a bare call and a mistyped name without loading any command', async () => {
    const loads = commands.map((c) => vi.spyOn(c, 'load'));
    const out = sink();
    expect(await runCli(['--help'], { out })).toBe(0);
    expect(await runCli([], { out: sink() })).toBe(1);
    expect(await runCli(['frobnicate'], { out: sink(), err: sink() })).toBe(1);
    for (const load of loads) expect(load).not.toHaveBeenCalled();
    for (const c of commands.filter((c) => !c.hidden)) expect(out.text()).toContain(`  ${c.usage}\n      ${c.summary}`);
    expect(out.text()).not.toContain('debug-crash');
  });

  it('loads only the command that is run', async () => {
    const loads = new Map(commands.map((c) => [c.name, vi.spyOn(c, 'load')]));
    const err = sink();
    // `search` with no words stops at its own check: a user error, exit 1, no project opened.
    expect(await runCli(['search', '/nowhere'], { out: sink(), err })).toBe(1);
    expect(err.text()).toBe('Cần từ khóa hoặc bộ lọc để tìm: suquan search DIR từ khóa… [--type NQ] [--from 1945] [--to 1975]\n');
    for (const [name, load] of loads) expect(load, name).toHaveBeenCalledTimes(name === 'search' ? 1 : 0);
  });

  it('has one module with a run function behind every entry, and names each once', async () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const c of commands) expect(typeof (await c.load()).run, c.name).toBe('function');
  });
});
