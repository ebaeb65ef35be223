/**
 * `npm run web`: serves the built UI and the API on 127.0.0.1 and prints the URL.
 * Options: --port N, --projects-dir DIR (default parent of new projects), --open DIR (open a project).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createServices } from '../../core/services';
import { appRoot, stateDir } from '../paths';
import { startWebServer } from './webServer';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'projects-dir': { type: 'string' },
    open: { type: 'string' },
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

const app = createServices({
  ...(values['projects-dir'] ? { defaultParent: path.resolve(values['projects-dir']) } : {}),
  ...(values['no-state'] ? {} : { stateDir: stateDir() }),
  onError: (e, where) => console.error(`[${where}]`, e),
});
if (values.open) await app.services.project.open({ path: path.resolve(values.open) });

const server = await startWebServer({
  app,
  rendererDir,
  ...(values.port ? { port: Number(values.port) } : {}),
  ...(values.token ? { token: values.token } : {}),
});
console.log(`Sử Quán (chế độ trình duyệt): ${server.loginUrl}`);

const stop = async (): Promise<void> => {
  await server.close();
  app.dispose();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
