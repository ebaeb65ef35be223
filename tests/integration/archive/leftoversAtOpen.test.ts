/**
 * What a crashed process left in a project (an original it stored but never recorded, the
 * `.NAME.PID.RANDOM.part` of a write it never finished) is collected when the project is opened
 * after the crash (its lock was stale); an ordinary open leaves it for `suquan check --repair`,
 * and a temporary file whose process still runs is never touched.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../../electron/core/project/projectLock';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';
import { connect, tempDir } from '../foundation/helpers';

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
}

describe('leftovers when a project is opened', () => {
  it('are collected after a crash, and only then; a live process keeps its temporary file', async () => {
    const { app, api } = connect();
    const dir = path.join(tempDir(), 'Dự án.suquan');
    await api.project.create({ path: dir, title: 'Dự án' });
    await api.project.close({});
    const layout = new ProjectLayout(dir);
    const dead = deadPid();
    const leftover = 'cd'.repeat(32);
    const plant = () => {
      mkdirSync(path.dirname(layout.original(leftover)), { recursive: true });
      writeFileSync(layout.original(leftover), 'bytes of a scan');
      mkdirSync(path.join(layout.cacheDir, 'previews'), { recursive: true });
      writeFileSync(path.join(layout.cacheDir, 'previews', `.x.pdf.${dead}.a1b2.part`), 'half a preview');
      writeFileSync(path.join(layout.root, `.project.sqlite.${dead}.c3d4.part-wal`), 'half a copy');
      writeFileSync(path.join(layout.cacheDir, `.y.png.${process.pid}.e5f6.part`), 'being written');
    };
    const present = () => [layout.original(leftover), path.join(layout.cacheDir, 'previews', `.x.pdf.${dead}.a1b2.part`), path.join(layout.root, `.project.sqlite.${dead}.c3d4.part-wal`)].map(existsSync);
    const live = path.join(layout.cacheDir, `.y.png.${process.pid}.e5f6.part`);
    plant();

    // An ordinary open (the last holder closed the project): nothing is removed, check reports it.
    await api.project.open({ path: dir });
    expect(present()).toEqual([true, true, true]);
    const report = await api.archive.check({});
    expect(report).toMatchObject({ ok: true, leftovers: [leftover], leftoversRemoved: 0, tempFiles: [`.project.sqlite.${dead}.c3d4.part-wal`, path.join('cache', 'previews', `.x.pdf.${dead}.a1b2.part`)], tempFilesRemoved: 0 });
    await api.project.close({});

    // Opened after the holder crashed: its lock is stale, what it left goes.
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ user: 'ai đó', host: os.hostname(), pid: dead, since: new Date().toISOString(), app: 'suquan import', token: 'cũ' }));
    await api.project.open({ path: dir });
    expect(present()).toEqual([false, false, false]);
    expect(existsSync(live)).toBe(true);
    await app.dispose();
  }, 60_000);
});
