/**
 * `npm start -- --sample`: the start arguments are read the same way by both shells, and browser
 * mode started with --sample serves a window whose project is the sample, made in the projects
 * folder at first use and opened as it is on the next start.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startProjectOf } from '../../../electron/host/startProject';
import { sampleFolderName } from '../../../electron/core/sample/sampleFolder';
import { apiCall, snapshotHostBundle, startKillable, tempDir, waitFor } from '../campaigns/campaignKit';

describe('the start arguments', () => {
  it('reads --sample and --open DIR, in either spelling, and ignores the rest', () => {
    expect(startProjectOf(['/usr/bin/electron', '.', '--sample'])).toEqual({ kind: 'sample' });
    expect(startProjectOf(['x', '--open', 'du-an'])).toEqual({ kind: 'open', path: path.resolve('du-an') });
    expect(startProjectOf(['x', '--open=/tmp/Dự án'])).toEqual({ kind: 'open', path: '/tmp/Dự án' });
    expect(startProjectOf(['x', '--open'])).toBeNull();
    expect(startProjectOf(['x', '--inspect'])).toBeNull();
  });
});

describe('browser mode with --sample', () => {
  it('opens the sample project, made once in the projects folder', async () => {
    const host = await snapshotHostBundle();
    const projects = tempDir('suquan-start-sample-');
    try {
      for (const round of ['made', 'reopened']) {
        const k = startKillable(process.execPath, [host.web, '--sample', '--projects-dir', projects, '--token', 't', '--no-state'], { XDG_CONFIG_HOME: host.configHome });
        let out = '';
        k.child.stdout!.on('data', (c: string) => (out += c));
        try {
          expect(await waitFor(() => /http:\/\/127\.0\.0\.1:\d+\//.test(out) || k.child.exitCode !== null, 180_000), round).toBe(true);
          expect(out, round).toMatch(/Đã mở dự án mẫu/);
          const port = Number(/127\.0\.0\.1:(\d+)\//.exec(out)![1]);
          const current = await apiCall(port, 't', 'project', 'current', {});
          expect(current, round).toMatchObject({ ok: true, result: { path: path.join(projects, sampleFolderName()), documentCount: 12, bookCount: 3 } });
        } finally {
          k.kill();
          await k.ended;
        }
        expect(existsSync(path.join(projects, sampleFolderName(), 'project.sqlite'))).toBe(true);
      }
    } finally {
      host.dispose();
    }
  }, 300_000);
});
