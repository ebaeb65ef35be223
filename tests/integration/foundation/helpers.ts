import { spawnSync } from 'node:child_process';
import http from 'node:http';
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

/** What the browser-mode host answered: status, headers, the body's bytes and the body as text. */
export interface HostAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/**
 * A raw request to the browser-mode host on `port`, so a test can send any Host, Origin or Range
 * header and any body (fetch would not let it). `token` goes in the X-SuQuan-Token header.
 */
export function hostRequest(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; token?: string }): Promise<HostAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: `127.0.0.1:${port}`, ...(opts.token ? { 'X-SuQuan-Token': opts.token } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
