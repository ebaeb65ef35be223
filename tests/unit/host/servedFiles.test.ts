/**
 * What both hosts answer for a file (electron/host/servedFiles.ts, rendererFiles.ts): the Electron
 * window's `suquan-file:` and `suquan-app:` protocols answer with exactly these Responses (no
 * Electron here; the HTTP host is covered end to end by
 * tests/integration/foundation/webServerSurvival.test.ts). Real files in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererFile, rendererMimeType } from '../../../electron/host/rendererFiles';
import { byteRange, fileResponse, unreadableFile } from '../../../electron/host/servedFiles';

const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-served-'));
const file = path.join(dir, 'bản in.pdf');
const bytes = Buffer.from('%PDF-1.7 nội dung thử');
writeFileSync(file, bytes);
const get = (headers: Record<string, string> = {}, method = 'GET') => new Request('suquan-file://export/x', { method, headers });

describe('fileResponse', () => {
  it('serves the file, a range of it, and HEAD without a body', async () => {
    const whole = await fileResponse(get(), file, { 'Content-Type': 'application/pdf' });
    expect([whole.status, whole.headers.get('content-type'), whole.headers.get('content-length')]).toEqual([200, 'application/pdf', String(bytes.length)]);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await fileResponse(get({ Range: 'bytes=0-4' }), file, {});
    expect([part.status, part.headers.get('content-range'), await part.text()]).toEqual([206, `bytes 0-4/${bytes.length}`, '%PDF-']);
    const head = await fileResponse(get({}, 'HEAD'), file, {});
    expect([head.status, head.headers.get('content-length'), head.body]).toEqual([200, String(bytes.length), null]);
    const impossible = await fileResponse(get({ Range: 'bytes=999-' }), file, {});
    expect([impossible.status, impossible.headers.get('content-range')]).toEqual([416, `bytes */${bytes.length}`]);
  });

  it('answers a file that is not there, or not a file, with a status and a sentence', async () => {
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    const folder = path.join(dir, 'thư mục');
    mkdirSync(folder);
    const dangling = path.join(dir, 'liên kết hỏng');
    symlinkSync(path.join(dir, 'không có'), dangling);
    for (const p of [path.join(dir, 'không có.pdf'), folder, dangling, path.join(file, 'bên trong')]) {
      const r = await fileResponse(get(), p, {}, onError);
      expect([r.status, await r.text()], p).toEqual([404, 'Không tìm thấy tệp.']);
    }
    if (process.platform !== 'win32') {
      const fifo = path.join(dir, 'ống');
      execFileSync('mkfifo', [fifo]);
      const r = await fileResponse(get(), fifo, {}, onError);
      expect(r.status).toBe(404);
    }
    expect(errors).toEqual([]);
    expect((await fileResponse(get({}, 'POST'), file, {})).status).toBe(405);
    const empty = path.join(dir, 'rỗng.txt');
    writeFileSync(empty, '');
    const r = await fileResponse(get(), empty, {});
    expect([r.status, r.headers.get('content-length'), await r.text()]).toEqual([200, '0', '']);
  });

  it.skipIf(process.platform !== 'linux')('closes the file when the window stops reading', async () => {
    const big = path.join(dir, 'lớn.bin');
    writeFileSync(big, Buffer.alloc(4 * 1024 * 1024));
    const openOnBig = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === big;
      } catch {
        return false;
      }
    }).length;
    for (let i = 0; i < 5; i++) {
      const r = await fileResponse(get(), big, {});
      const reader = r.body!.getReader();
      await reader.read();
      await reader.cancel();
    }
    const deadline = Date.now() + 2000;
    while (openOnBig() > 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    expect(openOnBig()).toBe(0);
  });
});

describe('unreadableFile', () => {
  // (EACCES cannot be produced as root, where these tests often run; EIO not at all on demand.)
  it('says why a file could not be read, by its error code', () => {
    const as = (code: string) => unreadableFile(Object.assign(new Error(code), { code }));
    expect(as('ENOENT')).toEqual({ status: 404, message: 'Không tìm thấy tệp.' });
    expect(as('EACCES')).toEqual({ status: 500, message: expect.stringMatching(/^Sử Quán không có quyền đọc tệp này/) });
    expect(as('EPERM').status).toBe(500);
    expect(as('EIO')).toEqual({ status: 500, message: expect.stringMatching(/^Không đọc được tệp từ ổ đĩa/) });
    expect(as('EMFILE')).toEqual({ status: 503, message: expect.stringMatching(/quá nhiều tệp/) });
  });
});

describe('byteRange', () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 9, partial: true }],
    ['bytes=90-200', 100, { start: 90, end: 99, partial: true }],
    ['bytes=-10', 100, { start: 90, end: 99, partial: true }],
    ['bytes=abc', 100, { start: 0, end: 99, partial: false }],
    ['bytes=0-1,5-6', 100, { start: 0, end: 99, partial: false }],
    [undefined, 0, { start: 0, end: -1, partial: false }],
    ['bytes=-0', 100, 'unsatisfiable'],
    ['bytes=5-1', 100, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
    ['bytes=99999999999999999999-', 100, 'unsatisfiable'],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(byteRange(header, size)).toEqual(expected);
  });
});

describe('rendererFile', () => {
  const ui = mkdtempSync(path.join(os.tmpdir(), 'suquan-ui-'));
  writeFileSync(path.join(ui, 'index.html'), '<!doctype html>');
  mkdirSync(path.join(ui, 'assets'));
  writeFileSync(path.join(ui, 'assets', 'chính.js'), '');
  writeFileSync(path.join(path.dirname(ui), 'bí mật.txt'), 'x');

  it('finds the built files, "/" being index.html, with their types', () => {
    expect(rendererFile(ui, '/')).toEqual({ ok: true, file: path.join(ui, 'index.html'), rel: 'index.html' });
    expect(rendererFile(ui, `/assets/${encodeURIComponent('chính.js')}`)).toMatchObject({ ok: true, rel: 'assets/chính.js' });
    expect(rendererMimeType('a/index.html')).toBe('text/html; charset=utf-8');
    expect(rendererMimeType('a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(rendererMimeType('a/x.exe')).toBe('application/octet-stream');
  });

  it('refuses every way out of the folder, folders, and malformed escapes', () => {
    for (const p of ['/..%2fbí mật.txt', `/..%2F${encodeURIComponent('bí mật.txt')}`, '/assets/..%2f..%2fx', '/%2e%2e/x', '/assets', '/không có.js', `/${encodeURIComponent(path.join(path.dirname(ui), 'bí mật.txt'))}`, '/..\\x'])
      expect(rendererFile(ui, p), p).toEqual({ ok: false, status: 404, message: 'Không tìm thấy.' });
    for (const p of ['/%E0%A4%A', '/%', '/a%00b']) expect(rendererFile(ui, p), p).toEqual({ ok: false, status: 400, message: 'Địa chỉ không hợp lệ.' });
  });
});
