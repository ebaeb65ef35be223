/**
 * Browser mode as the window uses it: the HTTP host in front of the real service process,
 * uploads streamed to disk and imported by path, progress as Server-Sent Events, exports read by
 * URL in ranges, and a project closed in the middle of an import.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireResponse } from '../../../shared/api/contract';
import type { JobProgress, ServiceEvent } from '../../../shared/api/events';
import { spawnServiceProcess, type SpawnedServices } from '../../../electron/host/service/spawn';
import { startWebServer, type WebServer } from '../../../electron/host/web/webServer';
import { hostRequest, makeImage, tempDir } from './helpers';

let server: WebServer;
let services: SpawnedServices;
const uploadsDir = tempDir('suquan-uploads-');
const events: ServiceEvent[] = [];
let eventStream: http.ClientRequest;

const request = (opts: Omit<Parameters<typeof hostRequest>[1], 'token'> & { token?: boolean }) =>
  hostRequest(server.port, { ...opts, token: opts.token === false ? undefined : server.token });

async function call<T>(service: string, method: string, args: unknown): Promise<T> {
  const r = await request({ method: 'POST', path: `/api/${service}/${method}`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  const response = JSON.parse(r.body.toString()) as WireResponse;
  if (!response.ok) throw new Error(response.error.message);
  return response.result as T;
}

const upload = (batch: string, rel: string, body: Buffer) =>
  request({ method: 'PUT', path: `/api/upload?batch=${batch}&path=${encodeURIComponent(rel)}`, headers: { 'Content-Type': 'application/octet-stream' }, body });

async function jobEnd(jobId: string, timeoutMs = 60_000): Promise<JobProgress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = events.filter((e) => e.job.jobId === jobId).at(-1)?.job;
    if (last && last.state !== 'running') return last;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not end; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sử Quán</title>');
  services = await spawnServiceProcess({ defaultParent: tempDir(), uploadsDir });
  server = await startWebServer({ services, rendererDir, uploadsDir, token: 'secret-token' });
  await new Promise<void>((resolve) => {
    eventStream = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { Host: `127.0.0.1:${server.port}`, 'X-SuQuan-Token': server.token } }, (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      let buffer = '';
      res.on('data', (c: Buffer) => {
        buffer += c.toString();
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as ServiceEvent);
        }
      });
      resolve();
    });
  });
  await call('project', 'create', { path: path.join(tempDir(), 'Dự án'), title: 'Thử' });
});

afterAll(async () => {
  eventStream.destroy();
  await server.close();
  await services.dispose();
});

describe('browser mode', () => {
  it('streams uploads to disk keeping their folders, imports them by path, and reports progress as events', async () => {
    const batch = crypto.randomUUID();
    const loose = await upload(batch, 'Công văn 12.png', await makeImage('png', 600, 800, 1));
    expect(loose.status).toBe(200);
    const roots = [JSON.parse(loose.body.toString()).root as string];
    for (const [i, name] of ['trang 2.jpg', 'trang 10.jpg', 'trang 1.jpg'].entries()) {
      const r = await upload(batch, `Hồ sơ 7/${name}`, await makeImage('jpeg', 600, 800, 10 + i));
      expect(r.status).toBe(200);
      const root = JSON.parse(r.body.toString()).root as string;
      if (!roots.includes(root)) roots.push(root);
    }
    expect(roots.map((r) => path.relative(path.join(uploadsDir, batch), r))).toEqual(['Công văn 12.png', 'Hồ sơ 7']);

    const { jobId, total } = await call<{ jobId: string; total: number }>('archive', 'startImport', { paths: roots, folderAsDocument: true });
    expect(total).toBe(4);
    expect(await jobEnd(jobId)).toMatchObject({ kind: 'import', state: 'done', done: 4, total: 4 });
    const status = await call<{ outcomes: { input: string; status: string; pages?: number }[] }>('archive', 'importStatus', { jobId });
    // Named as the user dropped them, not by the host's temporary folder.
    expect(status.outcomes.map((o) => [o.input, o.status, o.pages])).toEqual([
      ['Công văn 12.png', 'imported', 1],
      ['Hồ sơ 7', 'imported', 3],
    ]);
    // The uploaded copies were the host's temporary files: gone once imported.
    expect(readdirSync(path.join(uploadsDir, batch))).toEqual([]);
  });

  it('refuses uploads that would leave their folder, or come without the token', async () => {
    const batch = crypto.randomUUID();
    for (const rel of ['../ra ngoài.jpg', 'a/../../b.jpg', '/etc/passwd', '', 'a\\b.jpg']) {
      const r = await upload(batch, rel, Buffer.from('x'));
      expect(r.status, rel).toBe(400);
      expect(JSON.parse(r.body.toString()).error.code).toBe('upload.bad-path');
    }
    expect((await upload('not-a-batch', 'a.jpg', Buffer.from('x'))).status).toBe(400);
    const noToken = await request({ method: 'PUT', path: `/api/upload?batch=${batch}&path=a.jpg`, body: 'x', token: false });
    expect(noToken.status).toBe(401);
    expect(existsSync(path.join(uploadsDir, '..', 'ra ngoài.jpg'))).toBe(false);
  });

  it('serves an export by URL, in ranges, and as a download with its Vietnamese name', async () => {
    const book = await call<{ id: number }>('manuscript', 'createBook', { kind: 'history', title: 'Lịch sử Đảng bộ xã Bình Lư' });
    const chapter = await call<{ id: number; version: number }>('manuscript', 'addChapter', { bookId: book.id, title: 'Vùng đất' });
    await call('manuscript', 'saveChapter', { id: chapter.id, baseVersion: chapter.version, doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ngày 19-8-1945, nhân dân nổi dậy.' }] }] } });
    const jobId = crypto.randomUUID();
    const file = await call<{ exportId: string; size: number; pages: number }>('publish', 'exportPdf', { bookId: book.id, jobId });
    expect(await jobEnd(jobId)).toMatchObject({ kind: 'export', state: 'done' });
    const whole = await request({ path: `/files/export/${file.exportId}` });
    expect(whole.status).toBe(200);
    expect(whole.body.length).toBe(file.size);
    expect(whole.body.subarray(0, 5).toString()).toBe('%PDF-');
    const part = await request({ path: `/files/export/${file.exportId}`, headers: { Range: 'bytes=1-3' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1-3/${file.size}`);
    expect(part.body.toString()).toBe('PDF');
    const download = await request({ path: `/files/export/${file.exportId}?download=1` });
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Lich su Dang bo xa Binh Lu.pdf"; filename*=UTF-8''${encodeURIComponent('Lịch sử Đảng bộ xã Bình Lư.pdf')}`);
    expect((await request({ path: `/files/export/${crypto.randomUUID()}` })).status).toBe(404);
    expect((await request({ path: '/files/export/..%2F..%2Fproject.sqlite' })).status).toBe(404);
  });

  it('answers a malformed address with 400, not a crash', async () => {
    expect((await request({ path: '/%E0%A4%A' })).status).toBe(400);
    expect((await request({ path: '/files/page/%' })).status).toBeLessThan(500);
  });

  it('cancels a running export on request and leaves no file', async () => {
    const books = await call<{ id: number }[]>('manuscript', 'listBooks', {});
    const jobId = crypto.randomUUID();
    const exporting = call('publish', 'exportPdf', { bookId: books[0]!.id, jobId }).then(
      () => 'finished',
      (e: Error) => e.message,
    );
    await call('jobs', 'cancel', { jobId });
    expect(await exporting).toBe('Đã dừng theo yêu cầu.');
    expect((await jobEnd(jobId)).state).toBe('cancelled');
  });

  it('keeps a stop that reaches the host before its export (two requests can pass each other)', async () => {
    const books = await call<{ id: number }[]>('manuscript', 'listBooks', {});
    const jobId = crypto.randomUUID();
    expect(await call('jobs', 'cancel', { jobId })).toBeNull();
    await expect(call('publish', 'exportPdf', { bookId: books[0]!.id, jobId })).rejects.toThrow('Đã dừng theo yêu cầu.');
    expect((await jobEnd(jobId)).state).toBe('cancelled');
  });

  it('reports the typesetter’s stages and stops it in the middle when asked', async () => {
    const book = await call<{ id: number }>('manuscript', 'createBook', { kind: 'history', title: 'Sách dài' });
    const words = 'Đảng bộ huyện lãnh đạo nhân dân xây dựng hợp tác xã nông nghiệp và phát triển sản xuất'.split(' ');
    const paragraph = (i: number) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: Array.from({ length: 120 }, (_, k) => words[(i * 7 + k) % words.length]).join(' ') + '.' }],
    });
    for (let c = 0; c < 4; c++) {
      const chapter = await call<{ id: number; version: number }>('manuscript', 'addChapter', { bookId: book.id, title: `Chương thử ${c + 1}` });
      await call('manuscript', 'saveChapter', { id: chapter.id, baseVersion: chapter.version, doc: { type: 'doc', content: Array.from({ length: 150 }, (_, i) => paragraph(i)) } });
    }
    const stages = ['Đang đo chữ', 'Đang ngắt dòng'];
    const jobId = crypto.randomUUID();
    const exporting = call('publish', 'exportPdf', { bookId: book.id, jobId }).then(
      () => 'finished',
      (e: Error) => e.message,
    );
    const seen = () => events.filter((e) => e.job.jobId === jobId).map((e) => e.job.current);
    while (!seen().some((c) => stages.includes(c ?? ''))) await new Promise((r) => setTimeout(r, 5));
    await call('jobs', 'cancel', { jobId });
    expect(await exporting).toBe('Đã dừng theo yêu cầu.');
    expect((await jobEnd(jobId)).state).toBe('cancelled');
    // Each phase was announced as it began, in order.
    expect([...new Set(seen())].slice(0, 3)).toEqual([null, 'Đang đọc bản thảo', 'Đang đo chữ']);
  });

  it('closing the project in the middle of an import stops it cleanly: whole documents, the rest listed', async () => {
    const dir = tempDir();
    const paths: string[] = [];
    for (let i = 0; i < 40; i++) {
      const p = path.join(dir, `trang ${i + 1}.jpg`);
      writeFileSync(p, await makeImage('jpeg', 1600, 2200, i));
      paths.push(p);
    }
    const { jobId } = await call<{ jobId: string }>('archive', 'startImport', { paths });
    while (!events.some((e) => e.job.jobId === jobId && e.job.done >= 2)) await new Promise((r) => setTimeout(r, 10));
    await call('project', 'close', {});
    const end = await jobEnd(jobId);
    expect(end.state).toBe('cancelled');
    expect(end.done).toBeLessThan(40);
    // No "database connection is not open": the job was stopped before the database closed.
    expect(JSON.stringify(events.filter((e) => e.job.jobId === jobId))).not.toContain('failed');
  });
});
