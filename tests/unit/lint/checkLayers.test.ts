/**
 * bin/check-layers.js (the `lint:layers` step) fails on the browser's own dialogs in renderer/:
 * Electron has no window.prompt, so the renderer asks through renderer/shell's dialogs. The
 * checker is run as `npm test` runs it, on a throw-away tree.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const checker = path.resolve(import.meta.dirname, '..', '..', '..', 'bin', 'check-layers.js');
const trees: string[] = [];

/** A temp project holding the given renderer files; returns the checker's exit code and output. */
function check(files: Record<string, string>): { status: number | null; output: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'suquan-lint-'));
  trees.push(root);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, 'renderer', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const r = spawnSync(process.execPath, [checker, root], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

afterEach(() => {
  for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('lint:layers and the browser’s own dialogs', () => {
  it('fails on window.prompt/confirm/alert and bare calls, naming file:line', () => {
    const r = check({
      'books/Parts.tsx': [
        "import { useTranslation } from 'react-i18next';",
        '// Tên phần của sách',
        'export function Parts() {',
        "  const title = window.prompt('Tên phần')?.trim();",
        "  if (!confirm('Xóa?')) return null;",
        '  return <p>{title}</p>;',
        '}',
      ].join('\n'),
      'shell/notify.ts': "export const tell = (m: string) => globalThis.alert(m);\nexport const ask = window['confirm'];\n",
    });
    expect(r.status).toBe(1);
    expect(r.output).toContain('renderer/books/Parts.tsx:4: uses window.prompt');
    expect(r.output).toContain('renderer/books/Parts.tsx:5: uses confirm()');
    expect(r.output).toContain('renderer/shell/notify.ts:1: uses globalThis.alert');
    expect(r.output).toContain('renderer/shell/notify.ts:2: uses window.confirm');
    expect(r.output).toContain('4 use(s) of window.prompt/alert/confirm in renderer/');
  });

  it('passes the app’s own dialogs, comments, UI strings and local functions of the same name', () => {
    const r = check({
      'books/Ok.tsx': [
        "// Electron has no window.prompt; we never call window.confirm('…') here.",
        "const text = { confirm: 'Đồng ý', hint: 'confirm(1) alert(2)' };",
        'export function Ok({ confirm, onConfirm }: { confirm(): void; onConfirm(): void }) {',
        '  const o = { alert() {} };',
        '  o.alert();',
        '  return <button onClick={() => { confirm(); onConfirm(); }}>{text.confirm}</button>;',
        '}',
      ].join('\n'),
    });
    expect(r.output).toContain('layers: ok');
    expect(r.status).toBe(0);
  });
});
