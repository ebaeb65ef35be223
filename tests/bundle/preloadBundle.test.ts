/**
 * The built preload (out/preload/index.cjs) in the sandbox Electron gives it: it must load with
 * nothing but 'electron' and expose exactly the bridge the renderer's platform uses, forwarding
 * calls and events through one channel each.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSandboxedPreload } from './sandbox';

const root = path.resolve(import.meta.dirname, '..', '..');
const preload = path.join(root, 'out', 'preload', 'index.cjs');

interface Recorded {
  exposed: Map<string, Record<string, (...a: unknown[]) => unknown>>;
  invoked: unknown[][];
  listeners: Map<string, ((...a: unknown[]) => void)[]>;
}

function recordingElectron(): { electron: unknown; rec: Recorded } {
  const rec: Recorded = { exposed: new Map(), invoked: [], listeners: new Map() };
  const electron = {
    contextBridge: {
      exposeInMainWorld(name: string, api: Record<string, (...a: unknown[]) => unknown>) {
        rec.exposed.set(name, api);
      },
    },
    ipcRenderer: {
      invoke(...args: unknown[]) {
        rec.invoked.push(args);
        return Promise.resolve({ ok: true, result: 'answer' });
      },
      on(channel: string, l: (...a: unknown[]) => void) {
        rec.listeners.set(channel, [...(rec.listeners.get(channel) ?? []), l]);
      },
      removeListener(channel: string, l: (...a: unknown[]) => void) {
        rec.listeners.set(channel, (rec.listeners.get(channel) ?? []).filter((x) => x !== l));
      },
    },
    webUtils: { getPathForFile: (f: { path: string }) => f.path },
  };
  return { electron, rec };
}

describe('the built preload in Electrons sandbox', () => {
  it('has been built', () => {
    expect(existsSync(preload), 'run `npm run build:electron` first').toBe(true);
  });

  it('loads with only electron and exposes invoke, onEvent and pathForFile', async () => {
    const { electron, rec } = recordingElectron();
    loadSandboxedPreload(preload, electron);
    expect([...rec.exposed.keys()]).toEqual(['suquan']);
    const bridge = rec.exposed.get('suquan')!;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent', 'pathForFile']);

    await expect(bridge.invoke!('archive', 'getDocument', { id: 3 })).resolves.toEqual({ ok: true, result: 'answer' });
    expect(rec.invoked).toEqual([['suquan:invoke', 'archive', 'getDocument', { id: 3 }]]);

    const seen: unknown[] = [];
    const unsubscribe = bridge.onEvent!((e: unknown) => seen.push(e)) as () => void;
    for (const l of rec.listeners.get('suquan:event') ?? []) l({ sender: 'ipc' }, { type: 'job', job: { jobId: 'j' } });
    expect(seen).toEqual([{ type: 'job', job: { jobId: 'j' } }]);
    unsubscribe();
    expect(rec.listeners.get('suquan:event')).toEqual([]);

    expect(bridge.pathForFile!({ path: '/tmp/a.jpg' })).toBe('/tmp/a.jpg');
  });

  it('fails, as the window would, when the preload requires anything else', () => {
    // The December defect: the bundle began with require("zod") and window.suquan never existed.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-preload-'));
    const broken = path.join(dir, 'index.cjs');
    writeFileSync(broken, `const z = require("zod");\n${readFileSync(preload, 'utf8')}`);
    const { electron, rec } = recordingElectron();
    expect(() => loadSandboxedPreload(broken, electron)).toThrow(/module not found: zod/);
    expect(rec.exposed.size).toBe(0);
  });
});
