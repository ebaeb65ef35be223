import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createClient } from '../../../shared/api/client';
import { createServices } from '../../../electron/core/services';

export function tempDir(prefix = 'suquan-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/**
 * The real `suquan` bin, run as a user runs it: a function of the command's arguments giving its
 * exit code and output. It keeps its settings and log in a config folder of its own
 * (`configHome`, a new one unless given), never the user's.
 */
export function suquanCli(o: { configHome?: string; timeoutMs?: number } = {}) {
  const configHome = o.configHome ?? tempDir('suquan-cli-config-');
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'suquan.js'), ...args], { encoding: 'utf8', cwd: root, timeout: o.timeoutMs ?? 120_000, env: { ...process.env, XDG_CONFIG_HOME: configHome } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return Object.assign(run, { configHome });
}

/** The real services behind the real contract client, as the CLI uses them. */
export function connect() {
  const app = createServices({ defaultParent: tempDir() });
  const api = createClient((s, m, a) => app.dispatch(s, m, a));
  return { app, api };
}

/** A real scan-like image file. */
export async function makeImage(format: 'jpeg' | 'png', width = 800, height = 1100, seed = 0): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fbf7ee"/><rect x="${80 + seed}" y="120" width="500" height="20" fill="#222"/><rect x="80" y="200" width="${600 - seed}" height="12" fill="#444"/></svg>`;
  const img = sharp(Buffer.from(svg));
  return format === 'jpeg' ? img.jpeg().toBuffer() : img.png().toBuffer();
}
