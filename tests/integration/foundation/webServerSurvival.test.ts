/**
 * Browser mode's HTTP host never dies on a request, and answers each bad one with a status and a
 * sentence (issue 14): a stored scan that is a folder, a pipe, unreadable or gone; malformed `%`
 * escapes; garbage Range headers; a huge header; a body far over the limit; a window that goes
 * away mid-download; uploads with names that cannot be stored; services that cannot say where a
 * file is. The host runs in this process over the real services and a real project, so a crash
 * of the host is a crash of this test; after every probe the host must still serve the next
 * request.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWire } from '../../../shared/api/wire';
import { inProcessServices } from '../../../electron/core/remote/inProcessServices';
import { superviseServices } from '../../../electron/core/remote/supervisor';
import { startWebServer, type WebServer } from '../../../electron/host/web/webServer';
import { hostRequest, makeImage, tempDir, type HostAnswer } from './helpers';

const TOKEN = 'survival-token';
let server: WebServer;
let services: ReturnType<typeof inProcessServices>;
const logged: string[] = [];
const rendererDir = tempDir('suquan-ui-');
const uploadsDir = tempDir('suquan-uploads-');
const projectDir = path.join(tempDir(), 'Dự án');
/** Pages of the project, each with the stored file the host serves for it. */
const pages: { id: number; blob: string }[] = [];
const BIG = 8 * 1024 * 1024;

beforeAll(async () => {
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sử Quán</title>');
  writeFileSync(path.join(rendererDir, 'empty.js'), '');
  writeFileSync(path.join(rendererDir, 'big.js'), Buffer.alloc(BIG, 97));
  services = inProcessServices({ defaultParent: tempDir() });
  expect(await services.dispatch('project', 'create', { path: projectDir, title: 'Thử sức chịu' })).toMatchObject({ ok: true });
  const scans: string[] = [];
  for (let i = 0; i < 6; i++) {
    scans.push(path.join(tempDir(), `trang ${i}.png`));
    writeFileSync(scans[i]!, await makeImage('png', 400, 560, i * 9));
  }
  const imported = (await services.dispatch('archive', 'importPaths', { paths: scans })) as { ok: true; result: { outcomes: { documentId: number }[] } };
  for (const o of imported.result.outcomes) {
    const doc = (await services.dispatch('archive', 'getDocument', { id: o.documentId })) as { ok: true; result: { pages: { id: number }[] } };
    const id = doc.result.pages[0]!.id;
    const blob = (await services.file('page', String(id)))!.path;
    expect(blob.startsWith(path.join(projectDir, 'files'))).toBe(true);
    pages.push({ id, blob });
  }
  server = await startWebServer({ services, rendererDir, uploadsDir, token: TOKEN, maxBodyBytes: 1024 * 1024, onError: (e, where) => logged.push(`${where}: ${String(e)}`) });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await services?.dispose();
});

const request = (opts: Parameters<typeof hostRequest>[1]) => hostRequest(server.port, { token: TOKEN, ...opts });


/** The host still answers: a page of the project that nothing was done to. */
async function stillServing(): Promise<void> {
  const r = await request({ path: `/files/page/${pages[0]!.id}` });
  expect(r.status).toBe(200);
  expect(r.body.subarray(1, 4).toString()).toBe('PNG');
}

describe('a stored scan that cannot be read', () => {
  it('a folder in place of the file: 404 with a sentence', async () => {
    const { id, blob } = pages[1]!;
    rmSync(blob);
    mkdirSync(blob);
    const r = await request({ path: `/files/page/${id}` });
    expect([r.status, r.text]).toEqual([404, 'Không tìm thấy tệp.']);
    await stillServing();
  });

  it('a file gone: 404 with a sentence', async () => {
    const { id, blob } = pages[2]!;
    rmSync(blob);
    const r = await request({ path: `/files/page/${id}` });
    expect([r.status, r.text]).toEqual([404, 'Không tìm thấy tệp.']);
    await stillServing();
  });

  it.skipIf(process.platform === 'win32')('a named pipe in place of the file: 404 at once, without tying up the file threads', async () => {
    const { id, blob } = pages[3]!;
    rmSync(blob);
    execFileSync('mkfifo', [blob]);
    // More requests than libuv has threads (4): an open() that waited for a writer would block them all.
    const answers = await Promise.all(Array.from({ length: 6 }, () => request({ path: `/files/page/${id}` })));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404]);
    await stillServing();
  });

  // As root (CI containers) chmod does not deny reading; this one case needs an ordinary user.
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('a file that may not be read: 500 with a sentence naming the cause', async () => {
    const { id, blob } = pages[4]!;
    chmodSync(blob, 0);
    const r = await request({ path: `/files/page/${id}` });
    expect(r.status).toBe(500);
    expect(r.text).toMatch(/không có quyền đọc tệp/);
    await stillServing();
  });

  it('services that cannot say where the file is (their process does not start): 500 with a sentence', async () => {
    const broken = superviseServices(
      () => Promise.reject(new Error('the service process could not start')),
      () => undefined,
    );
    broken.ready.catch(() => undefined);
    const other = await startWebServer({ services: broken, rendererDir, token: TOKEN, onError: (e, where) => logged.push(`${where}: ${String(e)}`) });
    try {
      const r = await hostRequest(other.port, { path: '/files/page/1', token: TOKEN });
      expect(r.status).toBe(500);
      expect(r.text).toMatch(/^Sử Quán chưa lấy được tệp này từ dự án/);
      expect(logged.some((l) => l.includes('could not start'))).toBe(true);
    } finally {
      await other.close();
    }
    await stillServing();
  });
});

describe('malformed requests', () => {
  it('a malformed % escape is a 400 with a sentence, in /files/, /api/ and the UI alike', async () => {
    for (const [method, p] of [
      ['GET', '/files/page/%zz'],
      ['GET', '/files/thumb/1%E0%A4%A'],
      ['POST', '/api/project/%E0'],
      ['POST', '/api/%zz/current'],
      ['GET', '/%E0%A4%A'],
      ['GET', '/assets/%'],
    ] as const) {
      const r = await request({ method, path: p, headers: { 'Content-Type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect([r.status, r.text], p).toEqual([400, 'Địa chỉ không hợp lệ: có mã «%» sai.']);
    }
    await stillServing();
  });

  it('Range headers: one byte range honoured, garbage ignored, an impossible one a 416', async () => {
    const whole = await request({ path: `/files/page/${pages[0]!.id}` });
    const size = whole.body.length;
    const cases: [string, number, string | undefined, number][] = [
      ['bytes=0-9', 206, `bytes 0-9/${size}`, 10],
      ['bytes=-5', 206, `bytes ${size - 5}-${size - 1}/${size}`, 5],
      ['bytes=-99999999999', 206, `bytes 0-${size - 1}/${size}`, size],
      ['bytes=10-', 206, `bytes 10-${size - 1}/${size}`, size - 10],
      ['bytes=abc', 200, undefined, size],
      ['bytes=0-1,4-5', 200, undefined, size],
      ['lines=1-2', 200, undefined, size],
      ['bytes=-', 200, undefined, size],
      ['bytes=9-2', 416, `bytes */${size}`, 0],
      ['bytes=-0', 416, `bytes */${size}`, 0],
      [`bytes=${size}-`, 416, `bytes */${size}`, 0],
      ['bytes=99999999999999999999999-', 416, `bytes */${size}`, 0],
    ];
    for (const [range, status, contentRange, length] of cases) {
      const r = await request({ path: `/files/page/${pages[0]!.id}`, headers: { Range: range } });
      expect([r.status, r.headers['content-range'], r.body.length], range).toEqual([status, contentRange, length]);
    }
    await stillServing();
  });

  it('HEAD has the headers without the body; an empty file is an empty 200', async () => {
    const head = await request({ method: 'HEAD', path: `/files/page/${pages[0]!.id}` });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.body.length).toBe(0);
    const empty = await request({ path: '/empty.js' });
    expect([empty.status, empty.headers['content-length'], empty.body.length]).toEqual([200, '0', 0]);
    await stillServing();
  });

  it('a huge header is refused by Node (431) and the host goes on', async () => {
    const r = await request({ path: '/', headers: { 'X-Huge': 'a'.repeat(64 * 1024) } }).catch((e: NodeJS.ErrnoException) => ({ status: e.code }));
    expect([431, 'ECONNRESET']).toContain(r.status);
    await stillServing();
  });
});

/** Sends a body far over the limit through a raw socket until the host closes the connection: what came back, and how much was sent. */
function oversized(headers: string, total: number, chunked: boolean): Promise<{ statusLine: string; sentBytes: number }> {
  return new Promise((resolve) => {
    const sock = net.connect(server.port, '127.0.0.1', () => {
      sock.write(`POST /api/project/current HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-SuQuan-Token: ${TOKEN}\r\nContent-Type: application/json\r\n${headers}\r\n`);
      const chunk = Buffer.alloc(256 * 1024, 32);
      const framed = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
      let sent = 0;
      const pump = () => {
        while (sent < total && !sock.destroyed) {
          sent += chunk.length;
          if (!sock.write(framed)) return void sock.once('drain', pump);
        }
      };
      pump();
      let got = '';
      sock.on('data', (d: Buffer) => (got += d.toString('latin1')));
      sock.on('error', () => undefined);
      sock.on('close', () => resolve({ statusLine: got.split('\r\n')[0]!, sentBytes: sent }));
    });
  });
}

describe('bodies far over the limit (1 MiB here)', () => {
  // The client would send 64 GiB: only the host closing the connection ends these two tests.
  const total = 64 * 1024 ** 3;

  it('a declared length over the limit: 413 before the body is read, then the connection is closed', async () => {
    const r = await oversized(`Content-Length: ${total}\r\n`, total, false);
    expect(r.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(r.sentBytes).toBeLessThan(total);
    await stillServing();
  });

  it('a body of unknown length (chunked): 413 once the limit is passed, then the connection is closed', async () => {
    const r = await oversized('Transfer-Encoding: chunked\r\n', total, true);
    expect(r.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(r.sentBytes).toBeLessThan(total);
    await stillServing();
  });

  it('a client that goes away in the middle of its body leaves the host serving', async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) => {
        const sock = net.connect(server.port, '127.0.0.1', () => {
          sock.write(`POST /api/project/current HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-SuQuan-Token: ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":`);
          setTimeout(() => {
            sock.destroy();
            resolve();
          }, 20);
        });
      });
    }
    await stillServing();
  });

  it('the answer is one sentence the window can show', async () => {
    const r = await request({ method: 'POST', path: '/api/project/current', headers: { 'Content-Type': 'application/json' }, body: Buffer.alloc(2 * 1024 * 1024, 32) });
    expect(r.status).toBe(413);
    expect(decodeWire(r.text)).toEqual({ ok: false, error: { code: 'api.too-large', message: 'Dữ liệu gửi lên quá lớn.' } });
  });
});

describe('a window that goes away mid-download', () => {
  it.skipIf(process.platform !== 'linux')('leaves no file open behind it', async () => {
    const openOnBig = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === path.join(rendererDir, 'big.js');
        } catch {
          return false;
        }
      }).length;
    for (let i = 0; i < 10; i++) {
      await new Promise<void>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port: server.port, path: '/big.js', headers: { Host: `127.0.0.1:${server.port}`, 'X-SuQuan-Token': TOKEN } }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', () => resolve());
      });
    }
    const deadline = Date.now() + 5000;
    while (openOnBig() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(openOnBig()).toBe(0);
    const whole = await request({ path: '/big.js' });
    expect(whole.body.length).toBe(BIG);
  });
});

describe('uploads', () => {
  const batch = '0b3f6a52-9d1e-4c7a-8f00-2a4b6c8d0e1f';
  const put = (rawPath: string, body: string | Buffer) => request({ method: 'PUT', path: `/api/upload?batch=${batch}&path=${rawPath}`, headers: { 'Content-Type': 'application/octet-stream' }, body });
  const errorOf = (r: HostAnswer) => (decodeWire(r.text) as { error: { code: string; message: string } }).error;

  it('names that cannot be stored are refused with a sentence', async () => {
    for (const name of ['..', 'a/../../thoát.png', '', 'a//b.png', 'a\u0000b.png', 'x'.repeat(300), 'con:trỏ.png']) {
      const r = await put(encodeURIComponent(name), 'abc');
      expect(r.status, JSON.stringify(name)).toBe(400);
      expect(errorOf(r).code).toBe('upload.bad-path');
    }
    // A name whose escapes are malformed would arrive garbled: refused, not stored as "%zz\uFFFD".
    const garbled = await put('%zz%E0.png', 'abc');
    expect([garbled.status, errorOf(garbled).code]).toEqual([400, 'upload.bad-path']);
    expect(readdirSync(uploadsDir, { recursive: true })).toEqual([]);
    await stillServing();
  });

  it('the same name twice: 409, and the file already uploaded is kept', async () => {
    expect((await put(encodeURIComponent('Hồ sơ/trang 1.png'), 'first')).status).toBe(200);
    const again = await put(encodeURIComponent('Hồ sơ/trang 1.png'), 'second');
    expect(again.status).toBe(409);
    expect(readFileSync(path.join(uploadsDir, batch, 'Hồ sơ', 'trang 1.png'), 'utf8')).toBe('first');
    expect(errorOf(again).message).toMatch(/trùng tên/);
  });

  it('a file where the path needs a folder, or a folder where it needs a file: 409 with a sentence', async () => {
    const under = await put(encodeURIComponent('Hồ sơ/trang 1.png/bên trong.png'), 'x');
    expect([under.status, errorOf(under).code]).toEqual([409, 'upload.exists']);
    const folder = await put(encodeURIComponent('Hồ sơ'), 'x');
    expect([folder.status, errorOf(folder).code]).toEqual([409, 'upload.exists']);
    expect(readFileSync(path.join(uploadsDir, batch, 'Hồ sơ', 'trang 1.png'), 'utf8')).toBe('first');
    await stillServing();
  });

  it('an upload over its size limit is refused before it is read', async () => {
    const small = await startWebServer({ services, rendererDir, uploadsDir, token: TOKEN, maxUploadBytes: 1024 });
    try {
      const r = await hostRequest(small.port, { method: 'PUT', path: `/api/upload?batch=${batch}&path=lon.png`, token: TOKEN, headers: { 'Content-Length': '4096' }, body: Buffer.alloc(4096) });
      expect(r.status).toBe(413);
      expect(errorOf(r).code).toBe('upload.too-large');
    } finally {
      await small.close();
    }
  });

  it('nothing the probes did needed the host to log an error it could not explain', () => {
    // Only the broken-services probe is logged (a 500 with its cause); every other answer was expected.
    expect(logged.filter((l) => !l.includes('could not start'))).toEqual([]);
  });
});
