#!/usr/bin/env node
// `npm start`: the Electron app when its runtime is available; otherwise one line saying so and
// the same UI in browser mode on 127.0.0.1. `npm run web` (--web) goes straight to browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHostBundle } from './host-bundle.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const webOnly = argv.includes('--web');
const passThrough = argv.filter((a) => a !== '--web');

function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    // electron ≥ 45 downloads its binary lazily; try once, quietly, with a time limit.
    if (!existsSync(path.join(dir, 'install.js'))) return null;
    const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
    if (r.status !== 0 || !existsSync(pathFile)) return null;
  }
  const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureRendererBuilt() {
  const index = path.join(root, 'renderer', 'dist', 'index.html');
  const stale = !existsSync(index) || statSync(index).mtimeMs < Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'shared')));
  if (!stale) return;
  console.log('Đang dựng giao diện (vite build)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const electron = webOnly ? null : electronBinary();
if (electron) {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  run(electron, [root, ...passThrough]);
} else {
  if (!webOnly) console.log('Không có Electron runtime trên máy này; Sử Quán chạy ở chế độ trình duyệt.');
  ensureRendererBuilt();
  // The HTTP host and the service process it starts, as bundled JavaScript (bin/host-bundle.js).
  run(process.execPath, [await ensureHostBundle('web'), ...passThrough]);
}
