import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWire, decodeWire } from '../../../shared/api/wire';
import { spawnServiceProcess, type SpawnedServices } from '../../../electron/host/service/spawn';
import { startWebServer, type WebServer } from '../../../electron/host/web/webServer';
import { hostRequest, tempDir } from './helpers';

let server: WebServer;
let services: SpawnedServices;

beforeAll(async () => {
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sử Quán</title>');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  // The real service process, as browser mode starts it.
  services = await spawnServiceProcess({ defaultParent: tempDir() });
  server = await startWebServer({ services, rendererDir, token: 'secret-token' });
});
afterAll(async () => {
  await server.close();
  await services.dispose();
});

/** A raw request, so tests can set any Host/Origin header (fetch would not let them). */
const request = (opts: Parameters<typeof hostRequest>[1]) => hostRequest(server.port, opts);

const json = { 'Content-Type': 'application/json' };

describe('browser mode host', () => {
  it('listens on loopback only and prints a URL carrying the token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.loginUrl).toBe(`${server.url}?token=secret-token`);
  });

  it('trades the token for an HttpOnly SameSite cookie, then serves the UI with a strict CSP', async () => {
    const login = await request({ path: '/?token=secret-token' });
    expect(login.status).toBe(303);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const index = await request({ path: '/', headers: { Cookie: 'suquan_token=secret-token' } });
    expect(index.status).toBe(200);
    expect(index.text).toContain('Sử Quán');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a wrong token, a missing token, a foreign Host header and a cross-origin request', async () => {
    expect((await request({ path: '/?token=wrong' })).status).toBe(401);
    expect((await request({ path: '/' })).status).toBe(401);
    expect((await request({ method: 'POST', path: '/api/project/current', headers: json, body: '{}' })).status).toBe(401);
    const rebinding = await request({ path: '/', headers: { Host: 'attacker.example', Cookie: 'suquan_token=secret-token' } });
    expect(rebinding.status).toBe(421);
    const crossOrigin = await request({
      method: 'POST',
      path: '/api/project/current',
      headers: { ...json, 'X-SuQuan-Token': 'secret-token', Origin: 'http://attacker.example' },
      body: '{}',
    });
    expect(crossOrigin.status).toBe(403);
  });

  it('binds the API contract: validated calls in, results and user errors out', async () => {
    const headers = { ...json, 'X-SuQuan-Token': 'secret-token' };
    const created = await request({ method: 'POST', path: '/api/project/create', headers, body: encodeWire({ path: path.join(tempDir(), 'p'), title: 'Dự án HTTP' }) });
    expect(decodeWire(created.text)).toMatchObject({ ok: true, result: { title: 'Dự án HTTP' } });
    const invalid = await request({ method: 'POST', path: '/api/archive/getDocument', headers, body: encodeWire({ id: 'x' }) });
    expect(decodeWire(invalid.text)).toMatchObject({ ok: false, error: { code: 'api.invalid-input' } });
    const missing = await request({ method: 'POST', path: '/api/archive/getDocument', headers, body: encodeWire({ id: 42 }) });
    expect(decodeWire(missing.text)).toEqual({ ok: false, error: { code: 'archive.document-not-found', message: 'Không có tài liệu số 42.' } });
    const badJson = await request({ method: 'POST', path: '/api/project/current', headers, body: '{not json' });
    expect(badJson.status).toBe(400);
  });

  it('never serves files outside the built UI', async () => {
    const r = await request({ path: '/..%2f..%2fetc%2fpasswd', headers: { Cookie: 'suquan_token=secret-token' } });
    expect(r.status).toBe(404);
    expect((await request({ path: '/files/thumb/1', headers: { Cookie: 'suquan_token=secret-token' } })).status).toBe(404);
  });
});
