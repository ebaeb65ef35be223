/**
 * ProjectLayout, the seam where values read from a project's database become paths: only a
 * SHA-256 (64 lowercase hex digits) names a file, anything else is refused before a path exists;
 * a path that a link leads out of the project is not inside it.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';

const sha = 'a'.repeat(64);

describe('ProjectLayout', () => {
  it('names files by a SHA-256 only; refuses anything else with a typed error', () => {
    const layout = new ProjectLayout('/du-an');
    expect(layout.original(sha)).toBe(path.join('/du-an', 'files', 'aa', sha));
    expect(layout.thumbnail(sha, 2)).toBe(path.join('/du-an', 'cache', 'thumbs', 'aa', `${sha}-2.jpg`));
    const bad = ['../../x', '/etc/passwd', `${'../'.repeat(18)}etc/passwd`, 'A'.repeat(64), `${'a'.repeat(63)}\n`, '', 'a'.repeat(65)];
    for (const value of bad) {
      expect(() => layout.original(value), value).toThrow(expect.objectContaining({ code: 'project.invalid-row', message: expect.stringContaining('suquan check') }));
      expect(() => layout.thumbnail(value, 0), value).toThrow(expect.objectContaining({ code: 'project.invalid-row' }));
      expect(() => layout.derived('pages', value, 0, 'png'), value).toThrow(expect.objectContaining({ code: 'project.invalid-row' }));
    }
    expect(() => layout.thumbnail(sha, -1)).toThrow(expect.objectContaining({ code: 'project.invalid-row' }));
    expect(() => layout.thumbnail(sha, 1.5)).toThrow(expect.objectContaining({ code: 'project.invalid-row' }));
  });

  it('tells a path inside the project from one a link leads out of', () => {
    const outer = mkdtempSync(path.join(os.tmpdir(), 'suquan-layout-'));
    const layout = new ProjectLayout(path.join(outer, 'du-an'));
    mkdirSync(path.join(layout.filesDir, 'aa'), { recursive: true });
    writeFileSync(path.join(outer, 'secret'), 'x');
    symlinkSync(path.join(outer, 'secret'), layout.original(sha));
    symlinkSync(outer, path.join(layout.filesDir, 'bb'));
    symlinkSync(path.join(outer, 'nowhere'), path.join(layout.filesDir, 'cc'));
    expect(layout.contains(path.join(layout.filesDir, 'aa'))).toBe(true);
    expect(layout.contains(path.join(layout.cacheDir, 'thumbs', 'aa', 'not-yet.jpg'))).toBe(true);
    expect(layout.contains(layout.original(sha))).toBe(false);
    expect(layout.contains(path.join(layout.filesDir, 'bb', 'b'.repeat(64)))).toBe(false);
    expect(layout.contains(path.join(layout.filesDir, 'cc', 'file'))).toBe(false);
    expect(layout.contains(path.join(layout.root, '..', 'secret'))).toBe(false);
    expect(() => layout.inside(layout.original(sha))).toThrow(expect.objectContaining({ code: 'project.outside' }));
  });
});
