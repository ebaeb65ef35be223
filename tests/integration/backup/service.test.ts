/**
 * The `backup` service through the contract client: restoring an older database into the open
 * project keeps the replaced one as a backup, reopens and checks the project; automatic backups
 * start when a project opens; archives as jobs.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/api/client';
import type { BackupService } from '../../../electron/core/backup/backupService';
import { createServices } from '../../../electron/core/services';
import { connect, tempDir } from '../foundation/helpers';
import { scan } from './project';

async function scans(n: number, from = 0): Promise<string[]> {
  const dir = tempDir();
  const out: string[] = [];
  for (let i = from; i < from + n; i++) {
    const file = path.join(dir, `trang ${i}.png`);
    writeFileSync(file, await scan(i + 1000));
    out.push(file);
  }
  return out;
}

describe('the backup service', () => {
  it('restores an older database, keeping the replaced one, and can go back to it', async () => {
    const { app, api } = connect();
    const dir = path.join(tempDir(), 'Dự án.suquan');
    await api.project.create({ path: dir, title: 'Dự án thử' });
    await api.archive.importPaths({ paths: await scans(2) });
    const older = await api.backup.create({});
    expect(older).toMatchObject({ reason: 'manual', size: expect.any(Number) });
    expect((await api.backup.list({})).map((b) => b.name)).toEqual([older.name]);

    // Work after the backup: a book, and one more scan (a new original).
    const book = await api.manuscript.createBook({ kind: 'history', title: 'Lịch sử Đảng bộ' });
    await api.archive.importPaths({ paths: await scans(1, 2) });
    expect((await api.project.current({}))!.documentCount).toBe(3);

    const restored = await api.backup.restore({ name: older.name });
    expect(restored).toMatchObject({ restored: older.name, keptAs: expect.stringMatching(/-before-restore$/), keptOriginals: 1, check: { ok: true, filesChecked: 3 } });
    expect(await api.manuscript.listBooks({})).toEqual([]);
    const current = await api.project.current({});
    expect(current).toMatchObject({ path: dir, documentCount: 2, bookCount: 0 });
    const list = await api.backup.list({});
    expect(list.find((b) => b.name === restored.keptAs)).toMatchObject({ reason: 'before-restore' });

    // And back: the replaced database had the book and the third document.
    const back = await api.backup.restore({ name: restored.keptAs });
    expect(back.check.ok).toBe(true);
    expect((await api.manuscript.listBooks({})).map((b) => b.title)).toEqual([book.title]);
    expect((await api.project.current({}))!.documentCount).toBe(3);

    // Names that are not backups never come near a path.
    await expect(api.backup.restore({ name: '../../project' })).rejects.toMatchObject({ code: 'api.invalid-input' });
    await expect(api.backup.restore({ name: '2020-01-01T00-00-00Z-manual' })).rejects.toMatchObject({ code: 'backup.not-found' });
    // A backup whose copy changed is refused before anything is replaced.
    const { layout } = app.session.require();
    writeFileSync(path.join(layout.backupsDir, `${older.name}.sqlite`), 'không phải cơ sở dữ liệu');
    await expect(api.backup.restore({ name: older.name })).rejects.toMatchObject({ code: 'backup.damaged', message: expect.stringContaining(older.name) });
    expect((await api.project.current({}))!.documentCount).toBe(3);
    await app.dispose();
  });

  it('restores a backup over a database that has been damaged', async () => {
    const { app, api } = connect();
    const dir = path.join(tempDir(), 'Hỏng.suquan');
    await api.project.create({ path: dir, title: 'Sẽ hỏng' });
    await api.archive.importPaths({ paths: await scans(3, 20) });
    const good = await api.backup.create({});
    await api.project.close({});
    // Overwrite the root page of the pages table: the quick check fails, the project opens read-only.
    const file = path.join(dir, 'project.sqlite');
    const db = new Database(file);
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'pages'").get() as { rootpage: number };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);
    const opened = await api.project.open({ path: dir });
    expect(opened.readOnly).toMatchObject({ reason: 'damaged' });

    const r = await api.backup.restore({ name: good.name });
    expect(r.check.ok).toBe(true);
    expect(await api.project.current({})).toMatchObject({ readOnly: null, documentCount: 3 });
    // The damaged database is kept too, as it was.
    const kept = new Database(path.join(dir, 'backups', `${r.keptAs}.sqlite`), { readonly: true });
    expect(() => kept.prepare('SELECT count(*) FROM pages NOT INDEXED').get()).toThrow();
    kept.close();
    await app.dispose();
  });

  it('starts automatic backups when a project opens, and writes and restores archives as jobs', async () => {
    let clock = new Date('2026-12-06T09:00:00Z');
    const events: string[] = [];
    const app = createServices({ defaultParent: tempDir(), autoBackup: { now: () => clock, timer: false }, onEvent: (e) => events.push(`${e.job.kind}:${e.job.state}`) });
    const api = createClient((s, m, a) => app.dispatch(s, m, a));
    const scheduler = (app.services.backup as BackupService).scheduler!;
    const dir = path.join(tempDir(), 'Tự động.suquan');
    await api.project.create({ path: dir, title: 'Tự động' });
    await scheduler.idle();
    await api.archive.importPaths({ paths: await scans(3, 10) });
    await api.project.close({});
    clock = new Date(clock.getTime() + 60 * 60_000);
    await api.project.open({ path: dir });
    await scheduler.idle();
    const list = await api.backup.list({});
    expect(list.map((b) => b.reason)).toEqual(['open', 'open']);
    expect(list[0]!.createdAt).toBe(clock.toISOString());

    const file = path.join(tempDir(), 'dự án.tar');
    const written = await api.backup.exportArchive({ path: file, jobId: 'sao-luu-1' });
    expect(written).toMatchObject({ path: file, originals: 3, resumedFromBytes: 0 });
    const to = path.join(tempDir(), 'Bản khôi phục');
    const restored = await api.backup.importArchive({ file, to });
    expect(restored).toMatchObject({ path: to, originals: 3, check: { ok: true } });
    // Writing the archive, then restoring it: two backup jobs, each to its end.
    expect(events.filter((e) => e === 'backup:done')).toHaveLength(2);
    await app.dispose();
  });
});
