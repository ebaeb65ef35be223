/**
 * Starts the real browser-mode host (out/host/web.mjs, bundled from electron/host/web/main.ts by
 * `npm run build:host`; it starts the service process out/host/service.mjs) on a free port with a
 * throw-away projects folder, exactly as `npm run web` does, and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningApp {
  loginUrl: string;
  projectsDir: string;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..', '..');

export async function startApp(): Promise<RunningApp> {
  const projectsDir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'out/host/web.mjs'), '--projects-dir', projectsDir, '--no-state'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const loginUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
  return {
    loginUrl,
    projectsDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(projectsDir, { recursive: true, force: true });
    },
  };
}
