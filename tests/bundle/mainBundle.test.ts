/**
 * The built Electron main process (out/main/index.cjs) loaded under plain Node with a recording
 * stand-in for 'electron' (the Electron binary cannot be downloaded on these machines). Its
 * utility process is started as a real Node child from out/main/service.cjs, so every call here
 * crosses into another process exactly as in the desktop app.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireResponse } from '../../shared/api/contract';
import { contracts } from '../../shared/api/index';
import { contentSecurityPolicy } from '../../shared/security';
import { createElectronStandIn, FakeBrowserWindow } from './electronStandIn';
import { makeScan } from '../fixtures/scans';

const root = path.resolve(import.meta.dirname, '..', '..');
const mainBundle = path.join(root, 'out', 'main', 'index.cjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'suquan-main-'));
const standIn = createElectronStandIn({ userData: path.join(tmp, 'user'), logs: path.join(tmp, 'logs'), documents: path.join(tmp, 'docs') });
let exported: { trusted: unknown; windowOptions: { webPreferences: Record<string, unknown> } & Record<string, unknown> };
let win: FakeBrowserWindow;

type Handler = (event: unknown, ...args: unknown[]) => Promise<WireResponse> | WireResponse;
const invoke = (event: unknown, service: string, method: string, args: unknown) =>
  Promise.resolve((standIn.rec.ipcHandlers.get('suquan:invoke') as Handler)(event, service, method, args));
const fromWindow = () => ({ sender: win.webContents, senderFrame: win.webContents.mainFrame });

beforeAll(async () => {
  const load = (Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: unknown })._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? standIn.electron : load.call(this, request, ...rest);
  };
  try {
    exported = createRequire(import.meta.url)(mainBundle);
  } finally {
    (Module as unknown as { _load: unknown })._load = load;
  }
  standIn.ready();
  await new Promise((r) => setTimeout(r, 50));
  win = FakeBrowserWindow.all[0]!;
});

afterAll(() => {
  for (const c of standIn.rec.children) c.kill();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the built Electron main process', () => {
  it('opens one window set up after Electron’s security checklist', () => {
    expect(FakeBrowserWindow.all).toHaveLength(1);
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
    expect(prefs.preload).toBe(path.join(root, 'out', 'preload', 'index.cjs'));
    expect(exported.windowOptions.webPreferences).toEqual(prefs);
    // The page comes from the app's own privileged scheme, not file://.
    expect(win.loadedUrl).toBe('suquan-app://app/index.html');
    // The built page carries the CSP as a meta tag too, and every response gets it as a header.
    expect(readFileSync(path.join(root, 'out', 'renderer', 'index.html'), 'utf8')).toContain('Content-Security-Policy');
    let headers: Record<string, string[]> = {};
    standIn.rec.headersHook!({ responseHeaders: { 'X-A': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    // No permission (camera, notifications…) is ever granted.
    let granted: boolean | null = null;
    standIn.rec.permissionHandler!(win.webContents, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
  });

  it('blocks navigation and new windows', () => {
    let prevented = false;
    win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true), url: 'https://example.org/' });
    expect(prevented).toBe(true);
    expect(win.webContents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(standIn.rec.schemes).toEqual([
      { scheme: 'suquan-app', privileges: expect.objectContaining({ standard: true, secure: true }) },
      { scheme: 'suquan-file', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    // Frames may not navigate away from the app's page.
    let framePrevented = false;
    win.webContents.emit('will-frame-navigate', { preventDefault: () => (framePrevented = true), url: 'file:///etc/passwd' });
    expect(framePrevented).toBe(true);
    framePrevented = false;
    win.webContents.emit('will-frame-navigate', { preventDefault: () => (framePrevented = true), url: 'suquan-app://app/index.html#/kho' });
    expect(framePrevented).toBe(false);
  });

  it('opens a link outside only on the allow-list, and only after the user, shown the full address, agrees', async () => {
    const settle = () => new Promise((r) => setTimeout(r, 20));
    for (const url of ['https://example.org/', 'http://suquan.example.org/', 'https://suquan.example.org@evil.example/', 'smb://server/share', 'file:///etc/passwd']) {
      expect(win.webContents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    await settle();
    expect(standIn.rec.messageBoxes).toEqual([]);
    expect(standIn.rec.openedExternally).toEqual([]);
    // package.json's homepage is https://suquan.example.org: asked, refused by the user, not opened…
    standIn.rec.messageBoxAnswer = 1;
    expect(win.webContents.windowOpenHandler!({ url: 'https://suquan.example.org/huong-dan?muc=1' })).toEqual({ action: 'deny' });
    await settle();
    expect(standIn.rec.messageBoxes).toHaveLength(1);
    expect(standIn.rec.messageBoxes[0]).toMatchObject({ detail: 'https://suquan.example.org/huong-dan?muc=1', buttons: ['Mở trong trình duyệt', 'Không mở'], cancelId: 1 });
    expect(standIn.rec.openedExternally).toEqual([]);
    // …then agreed to: opened in the user's browser.
    standIn.rec.messageBoxAnswer = 0;
    win.webContents.windowOpenHandler!({ url: 'https://suquan.example.org/huong-dan?muc=1' });
    await settle();
    expect(standIn.rec.openedExternally).toEqual(['https://suquan.example.org/huong-dan?muc=1']);
  });

  it('serves the app page from suquan-app:// with its type and CSP, and nothing outside the built renderer', async () => {
    const handler = standIn.rec.protocolHandlers.get('suquan-app')!;
    const page = await handler(new Request('suquan-app://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe(readFileSync(path.join(root, 'out', 'renderer', 'index.html'), 'utf8'));
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(readFileSync(path.join(root, 'out', 'renderer', 'index.html'), 'utf8'))![1]!;
    const js = await handler(new Request(`suquan-app://app/${script}`));
    expect([js.status, js.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    await js.body?.cancel();
    for (const url of ['suquan-app://app/..%2F..%2Fpackage.json', 'suquan-app://app/%2e%2e/main/index.cjs', 'suquan-app://app/assets', 'suquan-app://other/index.html'])
      expect((await handler(new Request(url))).status, url).toBe(404);
    const malformed = await handler(new Request('suquan-app://app/%E0%A4%A'));
    expect([malformed.status, await malformed.text()]).toEqual([400, 'Địa chỉ không hợp lệ.']);
  });

  it('reaches every method of the contract over IPC, in the service process', async () => {
    for (const [service, contract] of Object.entries(contracts)) {
      for (const method of Object.keys(contract)) {
        // Methods that would do a long job with no arguments (make the sample project, typeset the
        // guide) are reached with an argument their contract refuses: the answer still comes from
        // the service process's dispatcher.
        const slow = (service === 'project' && method === 'openSample') || (service === 'help' && method === 'printGuide');
        const r = await invoke(fromWindow(), service, method, slow ? { path: 42 } : {});
        if (slow) expect(r, `${service}.${method}`).toMatchObject({ ok: false, error: { code: 'api.invalid-input' } });
        expect(typeof r.ok, `${service}.${method}`).toBe('boolean');
        if (!r.ok) expect(r.error.code, `${service}.${method}: ${r.error.message}`).not.toMatch(/^api\.(unknown-method|untrusted-sender)$/);
      }
    }
    expect(await invoke(fromWindow(), 'archive', 'deleteEverything', {})).toMatchObject({ ok: false, error: { code: 'api.unknown-method' } });
    expect(await invoke(fromWindow(), 'window', 'chooseSavePath', { suggestedName: 'Sách.pdf' })).toEqual({ ok: true, result: '/tmp/chosen.pdf' });
    // The services really run in another process.
    expect(standIn.rec.children).toHaveLength(1);
    expect(standIn.rec.children[0]!.pid).not.toBe(process.pid);
  });

  it('refuses IPC from a subframe or from any other page', async () => {
    const subframe = { sender: win.webContents, senderFrame: { url: win.webContents.mainFrame.url } };
    expect(await invoke(subframe, 'project', 'current', {})).toMatchObject({ ok: false, error: { code: 'api.untrusted-sender' } });
    const elsewhere = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const saved = win.webContents.mainFrame.url;
    win.webContents.mainFrame.url = 'https://example.org/';
    try {
      expect(await invoke(elsewhere, 'project', 'current', {})).toMatchObject({ ok: false, error: { code: 'api.untrusted-sender' } });
    } finally {
      win.webContents.mainFrame.url = saved;
    }
  });

  it('imports in the service process, sends progress events to the window and serves the scans', async () => {
    const project = path.join(tmp, 'Dự án');
    expect(await invoke(fromWindow(), 'project', 'create', { path: project, title: 'Thử' })).toMatchObject({ ok: true });
    const scan = path.join(tmp, 'trang 1.png');
    await sharp({ create: { width: 400, height: 560, channels: 3, background: '#f4ecd8' } }).png().toFile(scan);
    const started = (await invoke(fromWindow(), 'archive', 'startImport', { paths: [scan] })) as WireResponse & { ok: true; result: { jobId: string } };
    expect(started.ok).toBe(true);
    const deadline = Date.now() + 30_000;
    const finished = () =>
      win.webContents.sent.some((s) => s.channel === 'suquan:event' && (s.args[0] as { job: { jobId: string; state: string } }).job.jobId === started.result.jobId && (s.args[0] as { job: { state: string } }).job.state === 'done');
    while (!finished() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(finished()).toBe(true);
    const status = (await invoke(fromWindow(), 'archive', 'importStatus', { jobId: started.result.jobId })) as { ok: true; result: { outcomes: { documentId: number }[] } };
    const doc = (await invoke(fromWindow(), 'archive', 'getDocument', { id: status.result.outcomes[0]!.documentId })) as { ok: true; result: { pages: { id: number }[] } };
    const handler = standIn.rec.protocolHandlers.get('suquan-file')!;
    const thumb = await handler(new Request(`suquan-file://thumb/${doc.result.pages[0]!.id}`));
    expect(thumb.status).toBe(200);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).format).toBe('jpeg');
    expect((await handler(new Request('suquan-file://thumb/999999'))).status).toBe(404);
    // An export is written by the service process and read by the window through the protocol.
    const book = (await invoke(fromWindow(), 'manuscript', 'createBook', { kind: 'history', title: 'Sách' })) as { ok: true; result: { id: number } };
    const chapter = (await invoke(fromWindow(), 'manuscript', 'addChapter', { bookId: book.result.id, title: 'Chương' })) as { ok: true; result: { id: number; version: number } };
    const text = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ngày 19-8-1945, nhân dân nổi dậy.' }] }] };
    await invoke(fromWindow(), 'manuscript', 'saveChapter', { id: chapter.result.id, baseVersion: chapter.result.version, doc: text });
    const exported = (await invoke(fromWindow(), 'publish', 'exportPdf', { bookId: book.result.id })) as { ok: true; result: { exportId: string; size: number } };
    expect(exported.ok).toBe(true);
    const pdf = await handler(new Request(`suquan-file://export/${exported.result.exportId}`));
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.length).toBe(exported.result.size);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await handler(new Request('suquan-file://thumb/..%2F..%2Fetc%2Fpasswd'))).status).toBe(404);
    // pdf.js reads in ranges; HEAD has no body.
    const head = await handler(new Request(`suquan-file://export/${exported.result.exportId}`, { headers: { Range: 'bytes=0-4' } }));
    expect([head.status, head.headers.get('content-range'), Buffer.from(await head.arrayBuffer()).toString()]).toEqual([206, `bytes 0-4/${exported.result.size}`, '%PDF-']);
    // The page (suquan-app://app) is another origin: pdf.js's fetch may read the file and its range headers, and no other origin may.
    expect(head.headers.get('access-control-allow-origin')).toBe('suquan-app://app');
    expect(head.headers.get('access-control-expose-headers')).toContain('Content-Range');
    const headOnly = await handler(new Request(`suquan-file://export/${exported.result.exportId}`, { method: 'HEAD' }));
    expect([headOnly.status, headOnly.headers.get('content-length')]).toEqual([200, String(exported.result.size)]);
    // A stored scan that is not a file any more (a folder in its place): a 404 with a sentence, and the main process goes on.
    const pageId = doc.result.pages[0]!.id;
    const filesDir = path.join(project, 'files');
    const [blob] = readdirSync(filesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
    const bytes0 = readFileSync(blob!);
    rmSync(blob!);
    mkdirSync(blob!);
    try {
      const gone = await handler(new Request(`suquan-file://page/${pageId}`));
      expect([gone.status, await gone.text()]).toEqual([404, 'Không tìm thấy tệp.']);
    } finally {
      rmSync(blob!, { recursive: true });
      writeFileSync(blob!, bytes0);
    }
    expect((await handler(new Request(`suquan-file://page/${pageId}`))).status).toBe(200);
  });

  it('recognises a scan in the service process: tesseract.js, its model and the preparation thread found from the bundle', async () => {
    const scan = path.join(tmp, 'nghị quyết quét.png');
    writeFileSync(scan, await makeScan('NGHỊ QUYẾT\nHội nghị họp tại huyện Phong Thổ bàn việc khai hoang.', { dpi: 150, seed: 31, rotate: 1 }));
    const imported = (await invoke(fromWindow(), 'archive', 'importPaths', { paths: [scan] })) as { ok: true; result: { outcomes: { documentId: number }[] } };
    const id = imported.result.outcomes[0]!.documentId;
    const read = (await invoke(fromWindow(), 'ocr', 'recognize', { documentIds: [id] })) as { ok: true; result: { state: string; outcomes: { status: string }[] } };
    expect(read).toMatchObject({ ok: true, result: { state: 'done', outcomes: [{ status: 'recognised' }] } });
    const found = (await invoke(fromWindow(), 'archive', 'search', { query: 'Phong Thổ' })) as { ok: true; result: { hits: { documentId: number }[] } };
    expect(found.result.hits.map((h) => h.documentId)).toEqual([id]);
  });

  it('starts a fresh service process after a crash, and its events still reach the window', async () => {
    standIn.rec.children[0]!.kill('SIGKILL');
    await new Promise((r) => standIn.rec.children[0]!.once('exit', r));
    const project = path.join(tmp, 'Dự án');
    expect(await invoke(fromWindow(), 'project', 'open', { path: project })).toMatchObject({ ok: true });
    expect(standIn.rec.children).toHaveLength(2);
    const scan = path.join(tmp, 'trang 2.png');
    await sharp({ create: { width: 420, height: 560, channels: 3, background: '#efe4cc' } }).png().toFile(scan);
    const started = (await invoke(fromWindow(), 'archive', 'startImport', { paths: [scan] })) as { ok: true; result: { jobId: string } };
    const ended = () => win.webContents.sent.some((s) => (s.args[0] as { job: { jobId: string; state: string } }).job.jobId === started.result.jobId && (s.args[0] as { job: { state: string } }).job.state === 'done');
    const deadline = Date.now() + 30_000;
    while (!ended() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(ended()).toBe(true);
  });

  it('waits for the service process to close the project before quitting', async () => {
    let prevented = false;
    const child = standIn.rec.children.at(-1)!;
    const exited = new Promise((r) => child.once('exit', r));
    standIn.emitApp('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await exited;
    await new Promise((r) => setTimeout(r, 20));
    expect(standIn.rec.quitCalls).toBeGreaterThan(0);
  });
});
