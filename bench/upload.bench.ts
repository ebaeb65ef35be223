/**
 * Benchmark of a browser-mode upload of a huge scan (issue 9): the real host (`npm run web`) is
 * started, a multi-page uncompressed TIFF of about 2 GB (A4 pages at 600 dpi) is streamed to it
 * as the window does (one PUT), imported by path, and the peak memory (VmHWM) of the HTTP host and
 * of the service process is read from /proc at the end. Target: each under 400 MB.
 * SUQUAN_BENCH_UPLOAD_PAGES=N changes the number of ~104 MB pages (default 20 ≈ 2.1 GB).
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServiceEvent } from '../shared/api/events';
import { A4_600DPI, writeRawTiff } from '../tests/integration/archive/rawTiff';

const PAGES = Number(process.env.SUQUAN_BENCH_UPLOAD_PAGES ?? 20);
const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'suquan-upload-bench-'));
const tiff = path.join(work, 'Hồ sơ 12 - bản quét 600dpi.tif');
writeRawTiff(tiff, Array.from({ length: PAGES }, () => ({ ...A4_600DPI })));
const size = statSync(tiff).size;

const host = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron/host/web/main.ts'), '--no-state', '--projects-dir', work], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const loginUrl = await new Promise<string>((resolve, reject) => {
  let out = '';
  host.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
    if (m) resolve(m[1]!);
  });
  host.on('exit', (code) => reject(new Error(`host exited ${code}`)));
});
const url = new URL(loginUrl);
const token = url.searchParams.get('token')!;
const headers = { 'X-SuQuan-Token': token };

function send(method: string, pathname: string, body?: NodeJS.ReadableStream | string, extra: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: url.port, method, path: pathname, headers: { ...headers, ...extra } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    if (typeof body === 'string') req.end(body);
    else if (body) body.pipe(req);
    else req.end();
  });
}
const call = async (service: string, method: string, args: unknown) => {
  const r = JSON.parse(await send('POST', `/api/${service}/${method}`, JSON.stringify(args), { 'Content-Type': 'application/json' }));
  if (!r.ok) throw new Error(r.error.message);
  return r.result;
};

const events: ServiceEvent[] = [];
http.get({ host: '127.0.0.1', port: url.port, path: '/api/events', headers }, (res) => {
  let buffer = '';
  res.on('data', (c: Buffer) => {
    buffer += c.toString();
    for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
      const line = buffer.slice(0, i).split('\n').find((l) => l.startsWith('data: '));
      buffer = buffer.slice(i + 2);
      if (line) events.push(JSON.parse(line.slice(6)));
    }
  });
});

const peakKb = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const servicePid = () => Number(readFileSync(`/proc/${host.pid}/task/${host.pid}/children`, 'utf8').trim().split(/\s+/)[0]);

await call('project', 'create', { path: path.join(work, 'Dự án'), title: 'Bench' });
const t0 = performance.now();
const batch = crypto.randomUUID();
const { root: uploaded } = JSON.parse(
  await send('PUT', `/api/upload?batch=${batch}&path=${encodeURIComponent(path.basename(tiff))}`, createReadStream(tiff), {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(size),
  }),
);
const uploadSeconds = (performance.now() - t0) / 1000;
const { jobId } = await call('archive', 'startImport', { paths: [uploaded] });
while (!events.some((e) => e.job.jobId === jobId && e.job.state !== 'running')) await new Promise((r) => setTimeout(r, 200));
const importSeconds = (performance.now() - t0) / 1000 - uploadSeconds;
const status = await call('archive', 'importStatus', { jobId });
const hostPeakMb = Math.round(peakKb(host.pid!) / 1024);
const servicePeakMb = Math.round(peakKb(servicePid()) / 1024);
host.kill('SIGTERM');
await new Promise((r) => host.once('exit', r));
rmSync(work, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      what: 'browser-mode upload of one huge TIFF, streamed, then imported by path',
      fileMB: Math.round(size / 2 ** 20),
      pages: PAGES,
      outcome: status.outcomes[0],
      uploadSeconds: Math.round(uploadSeconds * 10) / 10,
      importSeconds: Math.round(importSeconds * 10) / 10,
      peakMemoryMB: { httpHost: hostPeakMb, serviceProcess: servicePeakMb },
      target: { peakMemoryMB: 400 },
      met: hostPeakMb < 400 && servicePeakMb < 400 && status.outcomes[0]?.status === 'imported',
    },
    null,
    2,
  ),
);
