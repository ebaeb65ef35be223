import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeInternalError, flushLog } from '../../../electron/host/cli/internalError';
import { connect } from '../../../electron/host/cli/projectClient';
import { sourceMappedStack } from '../../../electron/host/sourceMappedStack';
import { isUserFacingError } from '../../../shared/errors';

const home = mkdtempSync(path.join(tmpdir(), 'suquan-cli-log-'));
const saved = process.env.XDG_CONFIG_HOME;
beforeAll(() => void (process.env.XDG_CONFIG_HOME = home));
afterAll(() => void (saved === undefined ? delete process.env.XDG_CONFIG_HOME : (process.env.XDG_CONFIG_HOME = saved)));
const logFile = () => path.join(home, 'suquan', 'logs', 'suquan.log');

describe('an internal error in the CLI', () => {
  it('from a service: the error sink logs its stack, and the sentence names the method and the log', async () => {
    const p = connect();
    try {
      // A programmer's error inside a service, as a bug would throw it.
      p.app.services.project.current = () => {
        throw new TypeError('Cannot read properties of undefined (reading "title")');
      };
      const e = await p.api.project.current({}).catch((err: unknown) => err);
      expect(isUserFacingError(e) && e.code).toBe('internal');
      const sentence = await describeInternalError(e, 'cli.list', 'list');
      expect(sentence).toBe(`Lỗi nội bộ khi chạy lệnh “list” (project.current): Cannot read properties of undefined (reading "title") (chi tiết trong nhật ký ${logFile()}).`);
      await flushLog();
      const log = readFileSync(logFile(), 'utf8');
      expect(log).toContain('[cli] [error] Sử Quán · cli · project.current ·');
      expect(log).toMatch(/TypeError: Cannot read properties of undefined \(reading "title"\)\n\s+at /);
    } finally {
      p.close();
    }
  });

  it('thrown by a command: logged with its stack, one sentence of one line', async () => {
    const sentence = await describeInternalError(new Error('hỏng\ndòng thứ hai'), 'cli.typeset', 'typeset');
    expect(sentence).toBe(`Lỗi nội bộ khi chạy lệnh “typeset”: hỏng (chi tiết trong nhật ký ${logFile()}).`);
    expect(readFileSync(logFile(), 'utf8')).toMatch(/cli\.typeset ·.*\nError: hỏng\ndòng thứ hai\n\s+at /);
  });
});

describe('stacks of the bundle', () => {
  it('point at the TypeScript source through the map beside the bundled file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'suquan-map-'));
    const source = path.join(dir, 'boom.ts');
    writeFileSync(source, 'type Page = { n: number };\n\nexport function boom(p: Page): never {\n  throw new Error(`trang ${p.n}`);\n}\n');
    const out = path.join(dir, 'out', 'boom.mjs');
    await build({ entryPoints: [source], outfile: out, bundle: true, format: 'esm', platform: 'node', sourcemap: 'linked', logLevel: 'silent' });
    // Thrown in a plain Node process (the test runner's own maps would already rewrite the stack).
    const script = `import { boom } from ${JSON.stringify(pathToFileURL(out).href)}; try { boom({ n: 3 }); } catch (e) { process.stdout.write(e.stack); }`;
    const stack = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(stack).toContain(`${pathToFileURL(out).href}:`);
    const mapped = sourceMappedStack(stack);
    expect(mapped).toContain(`at boom (${source}:4:9)`);
    // Frames that are not the bundle's stay as they were.
    expect(mapped.split('\n').slice(2).join('\n')).toBe(stack.split('\n').slice(2).join('\n'));
  });
});
