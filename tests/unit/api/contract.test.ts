import { describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/api/client';
import { createDispatcher, type Services } from '../../../shared/api/dispatch';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import { UserFacingError } from '../../../shared/errors';

/** Services that record what reached them, so the tests see exactly what the binding passes on. */
function recordingServices(calls: unknown[]): Services {
  const handler = (name: string) => (input: unknown) => {
    calls.push([name, input]);
    if (name === 'project.open') throw new UserFacingError('project.not-found', 'Không có dự án Sử Quán nào ở /x.');
    if (name === 'project.close') throw new Error('boom');
    return { echoed: input };
  };
  const make = (service: string, methods: string[]) => Object.fromEntries(methods.map((m) => [m, handler(`${service}.${m}`)]));
  return {
    project: make('project', ['create', 'open', 'close', 'current', 'locations']),
    archive: make('archive', ['importPaths', 'listDocuments', 'getDocument', 'updateDocument']),
    manuscript: make('manuscript', ['listBooks', 'createBook', 'getBook', 'addChapter', 'renameNode', 'getChapter', 'saveChapter']),
    publish: make('publish', ['exportPdf']),
  } as unknown as Services;
}

describe('the API binding', () => {
  it('validates input before a service sees it, naming the bad field', async () => {
    const calls: unknown[] = [];
    const dispatch = createDispatcher(recordingServices(calls));
    const r = await dispatch('archive', 'getDocument', { id: -3 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('api.invalid-input');
      // Named as the user knows it; the path travels apart, for a form to mark the field.
      expect(r.error.message).toMatch(/^Số tài liệu: /);
      expect(r.error.message).not.toContain('(id)');
      expect(r.error.field).toBe('id');
    }
    expect(calls).toEqual([]);
  });

  it('applies schema defaults and trimming on the way in', async () => {
    const calls: unknown[] = [];
    const dispatch = createDispatcher(recordingServices(calls));
    await dispatch('archive', 'listDocuments', {});
    await dispatch('project', 'create', { path: '  /tmp/p ', title: ' Dự án ' });
    expect(calls).toEqual([
      ['archive.listDocuments', { offset: 0, limit: 200 }],
      ['project.create', { path: '/tmp/p', title: 'Dự án' }],
    ]);
  });

  it('refuses names that are not in the contract', async () => {
    const dispatch = createDispatcher(recordingServices([]));
    expect(await dispatch('archive', 'deleteEverything', {})).toMatchObject({ ok: false, error: { code: 'api.unknown-method' } });
    expect(await dispatch('constructor', 'call', {})).toMatchObject({ ok: false, error: { code: 'api.unknown-method' } });
    expect(await dispatch('project', 'toString', {})).toMatchObject({ ok: false, error: { code: 'api.unknown-method' } });
  });

  it('passes user-facing errors through as one sentence and reports programmer errors', async () => {
    const seen: string[] = [];
    const api = createClient(createDispatcher(recordingServices([]), (_e, where) => void seen.push(where)));
    await expect(api.project.open({ path: '/x' })).rejects.toThrow('Không có dự án Sử Quán nào ở /x.');
    await expect(api.project.close({})).rejects.toMatchObject({ code: 'internal' });
    expect(seen).toEqual(['project.close']);
  });

  it('carries no file bytes: the contract moves files as paths and handles', async () => {
    const calls: unknown[] = [];
    const dispatch = createDispatcher(recordingServices(calls));
    const viaWire = createClient(async (s, m, a) => decodeWire(encodeWire(await dispatch(s, m, decodeWire(encodeWire(a))))) as never);
    await viaWire.archive.importPaths({ paths: ['/tmp/scan.jpg'] });
    expect(calls).toEqual([['archive.importPaths', { paths: ['/tmp/scan.jpg'], folderAsDocument: false, ocr: false }]]);
    // A Uint8Array in a call is refused by the schema, never base64-encoded.
    const r = await dispatch('archive', 'importPaths', { paths: [new Uint8Array(3)] });
    expect(r).toMatchObject({ ok: false, error: { code: 'api.invalid-input' } });
  });

  it('gives internal errors the details the host logged, for "copy details"', async () => {
    const api = createClient(createDispatcher(recordingServices([]), (e, where) => `${where}: ${(e as Error).message}`));
    await expect(api.project.close({})).rejects.toMatchObject({ code: 'internal', details: 'project.close: boom' });
  });
});
