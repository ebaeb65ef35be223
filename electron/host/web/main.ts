/**
 * `npm run web`: serves the built UI and the API on 127.0.0.1 and prints the URL. The services
 * run in their own process (electron/host/service), so this one only answers HTTP.
 * Options: --port N, --projects-dir DIR (default parent of new projects), --open DIR (open a project),
 * --sample (open the sample project, made in the projects folder at first use).
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../log';
import { appRoot, stateDir } from '../paths';
import { superviseServices } from '../../core/remote/supervisor';
import { spawnServiceProcess } from '../service/spawn';
import { startWebServer } from './webServer';
import { openAtStart } from '../startProject';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'projects-dir': { type: 'string' },
    open: { type: 'string' },
    sample: { type: 'boolean' },
    token: { type: 'string' },
    'no-state': { type: 'boolean' },
  },
  strict: true,
});

const rendererDir = path.join(appRoot(), 'renderer', 'dist');
if (!existsSync(path.join(rendererDir, 'index.html'))) {
  console.error('Chưa có giao diện đã dựng (renderer/dist); hãy chạy "npm run build" trước.');
  process.exit(1);
}

const state = values['no-state'] ? null : stateDir();
const logDir = state ? path.join(state, 'logs') : null;
const log = createLogger({ dir: logDir, stderr: true, processName: 'web' });
// One folder per run for uploads; what an ended run left behind (a crash) is removed.
const uploadsRoot = path.join(os.tmpdir(), 'suquan-uploads');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};
for (const name of existsSync(uploadsRoot) ? readdirSync(uploadsRoot) : []) {
  if (!/^\d+$/.test(name) || !alive(Number(name))) rmSync(path.join(uploadsRoot, name), { recursive: true, force: true });
}
const uploadsDir = path.join(uploadsRoot, String(process.pid));
mkdirSync(uploadsDir, { recursive: true });

const services = superviseServices(
  (onLost) =>
    spawnServiceProcess(
      {
        ...(values['projects-dir'] ? { defaultParent: path.resolve(values['projects-dir']) } : {}),
        ...(state ? { stateDir: state } : {}),
        ...(logDir ? { logDir } : {}),
        uploadsDir,
        holderName: 'Sử Quán (chế độ trình duyệt)',
      },
      onLost,
    ),
  (why) => log.error(new Error(`service process ended: ${why}`), 'web'),
);
await services.ready;
await openAtStart(
  values.sample ? { kind: 'sample' } : values.open ? { kind: 'open', path: path.resolve(values.open) } : null,
  (service, method, args) => services.dispatch(service, method, args),
  { info: (line) => console.log(line), error: (line) => console.error(line) },
);

const server = await startWebServer({
  services,
  rendererDir,
  uploadsDir,
  onError: (e, where) => log.error(e, where),
  ...(values.port ? { port: Number(values.port) } : {}),
  ...(values.token ? { token: values.token } : {}),
});
console.log(`Sử Quán (chế độ trình duyệt): ${server.loginUrl}`);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await server.close();
  // Jobs are cancelled and waited for, the project closed, before the process ends.
  await services.dispose();
  rmSync(uploadsDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
