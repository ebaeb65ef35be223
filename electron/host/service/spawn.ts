/**
 * Starts the service process from plain Node (browser mode's host, benchmarks, tests) as a child
 * process with a structured-clone IPC channel, and returns the connection to it. From the
 * bundle (out/host/web.mjs) it starts the bundled sibling; from sources it runs the TypeScript
 * entry through tsx (a development dependency).
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message, Request } from '../../core/remote/protocol';
import { connectServices, type ServiceConnection } from '../../core/remote/serviceConnection';
import type { ServiceProcessOptions } from './main';

function entry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { file: path.join(path.dirname(here), 'main.ts'), execArgv: ['--import', 'tsx'] };
  // Bundled: out/host/<entry>.mjs (or a chunk beside it) and out/host/service.mjs.
  const bundled = path.join(path.dirname(here), 'service.mjs');
  if (!existsSync(bundled)) throw new Error(`Thiếu ${bundled}; hãy chạy "npm run build:host".`);
  return { file: bundled, execArgv: [] };
}

export interface SpawnedServices extends ServiceConnection {
  /** The service process's pid (benchmarks watch it). */
  pid: number;
}

export async function spawnServiceProcess(options: ServiceProcessOptions = {}, onLost?: (why: string) => void): Promise<SpawnedServices> {
  const { file, execArgv } = entry();
  const child = fork(file, [`--options=${JSON.stringify(options)}`], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const connection = connectServices(
    {
      post: (m: Request) => void child.send(m),
      onMessage: (l: (m: Message) => void) => child.on('message', (m) => l(m as Message)),
    },
    onLost ? { onLost } : {},
  );
  let exited = false;
  child.on('exit', (code, signal) => {
    exited = true;
    connection.lost(signal ? `tín hiệu ${signal}` : `mã thoát ${code}`);
  });
  await Promise.race([
    connection.ready,
    new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`Tiến trình dịch vụ không khởi động được (mã thoát ${code}).`)))),
  ]);
  return {
    ...connection,
    pid: child.pid ?? 0,
    async dispose() {
      if (exited) return;
      const ended = new Promise((r) => child.once('exit', r));
      await connection.dispose();
      await Promise.race([ended, new Promise((r) => setTimeout(r, 5000))]);
      if (!exited) child.kill();
    },
  };
}
