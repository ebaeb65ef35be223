/**
 * One writer per project: the lock another process sees, the sentence a second opener gets, the
 * read-only open, a stale lock taken over, a damaged database opened read-only with its reason.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, closeSync, writeSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../../electron/core/project/projectLock';
import { connect, suquanCli, tempDir } from './helpers';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const configHome = tempDir('suquan-lock-config-');
const suquan = suquanCli({ configHome, timeoutMs: 60_000 });

const clients: { app: { dispose(): Promise<void> } }[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.app.dispose();
});
function client() {
  const c = connect();
  clients.push(c);
  return c;
}

async function newProject() {
  const first = client();
  const dir = path.join(tempDir(), 'Đảng bộ xã.suquan');
  await first.api.project.create({ path: dir, title: 'Lịch sử Đảng bộ xã' });
  return { dir, first };
}

/** A pid that certainly ended: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

function writeLock(dir: string, holder: Record<string, unknown>, mtime?: Date) {
  const file = path.join(dir, LOCK_FILE);
  writeFileSync(file, JSON.stringify(holder));
  if (mtime) utimesSync(file, mtime, mtime);
  return file;
}

describe('one writer per project', () => {
  it('a second opener is told who holds the project, in one sentence, and may read it', async () => {
    const { dir, first } = await newProject();
    const lock = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'));
    expect(lock).toMatchObject({ host: os.hostname(), pid: process.pid, user: os.userInfo().username });

    const second = client();
    const refused = await second.api.project.open({ path: dir }).catch((e: Error & { code: string }) => e);
    expect(refused).toMatchObject({ code: 'project.locked' });
    expect((refused as Error).message).toMatch(new RegExp(`^Dự án Đảng bộ xã\\.suquan đang được mở bởi ${os.userInfo().username} trên máy ${os.hostname()} \\(Sử Quán, tiến trình ${process.pid}\\), từ \\d\\d:\\d\\d ngày \\d\\d/\\d\\d/\\d{4}; hãy mở chỉ để đọc, hoặc đợi nơi đó đóng dự án\\.$`));

    const book = await first.api.manuscript.createBook({ kind: 'history', title: 'Sách' });
    const info = await second.api.project.open({ path: dir, mode: 'read' });
    expect(info.readOnly).toMatchObject({ reason: 'requested' });
    expect((await second.api.manuscript.getBook({ id: book.id })).title).toBe('Sách');
    // Every write is refused with a sentence, and the holder's project is unchanged.
    await expect(second.api.manuscript.createBook({ kind: 'history', title: 'Sách lạ' })).rejects.toMatchObject({ code: 'system.read-only', message: expect.stringMatching(/chỉ để đọc/) });
    await expect(second.api.archive.startImport({ paths: [dir] })).rejects.toMatchObject({ code: 'project.read-only' });
    expect((await first.api.manuscript.listBooks({})).map((b) => b.title)).toEqual(['Sách']);
    // The reader leaving does not take the holder's lock with it.
    await second.api.project.close({});
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).token).toBe(lock.token);
    await first.api.project.close({});
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    expect((await second.api.project.open({ path: dir })).readOnly).toBeNull();
  });

  it('the CLI refuses to write into a held project and reads it', async () => {
    const { dir } = await newProject();
    const imported = suquan('import', dir, path.join(root, 'README.md'));
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/đang được mở bởi .* \(Sử Quán, tiến trình \d+\)/);
    const listed = suquan('list', dir, '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).result.documents).toEqual([]);
    expect(suquan('check', dir).code).toBe(0);
  });

  it('takes over a lock whose process is gone, or whose machine stopped its heartbeat', async () => {
    const { dir, first } = await newProject();
    await first.api.project.close({});
    writeLock(dir, { user: 'ai đó', host: os.hostname(), pid: deadPid(), since: new Date().toISOString(), app: 'suquan import', token: 'cũ' });
    const c = client();
    expect((await c.api.project.open({ path: dir })).readOnly).toBeNull();
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await c.api.project.close({});

    // Another machine on a shared folder: held while its heartbeat is fresh…
    writeLock(dir, { user: 'Nguyễn Văn A', host: 'MAY-KHAC', pid: 4242, since: new Date().toISOString(), app: 'Sử Quán', token: 'khác' });
    await expect(c.api.project.open({ path: dir })).rejects.toMatchObject({ code: 'project.locked', message: expect.stringContaining('Nguyễn Văn A trên máy MAY-KHAC') });
    // …abandoned once it has not beaten for longer than the stale limit.
    writeLock(dir, { user: 'Nguyễn Văn A', host: 'MAY-KHAC', pid: 4242, since: new Date().toISOString(), app: 'Sử Quán', token: 'khác' }, new Date(Date.now() - 10 * 60_000));
    expect((await c.api.project.open({ path: dir })).readOnly).toBeNull();

    // A lock left half-written by a crash (not JSON) is stale too.
    await c.api.project.close({});
    writeFileSync(path.join(dir, LOCK_FILE), '{"pid": 12');
    expect((await c.api.project.open({ path: dir })).readOnly).toBeNull();
  });

  it('a damaged database opens read-only with the reason, and says what to do', async () => {
    const { dir, first } = await newProject();
    for (let i = 0; i < 30; i++) await first.api.manuscript.createBook({ kind: 'history', title: `Sách số ${i} `.repeat(40) });
    await first.api.project.close({});
    // Checkpoint the WAL into the main file, then damage a page of the books table's b-tree.
    const raw = new Database(path.join(dir, 'project.sqlite'));
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const rootPage = (raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'books'").get() as { rootpage: number }).rootpage;
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const fd = openSync(path.join(dir, 'project.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (rootPage - 1) * pageSize + 8);
    closeSync(fd);
    expect(statSync(path.join(dir, 'project.sqlite')).size).toBeGreaterThan(0);

    const c = client();
    const info = await c.api.project.open({ path: dir });
    expect(info.readOnly).toMatchObject({ reason: 'damaged', message: expect.stringMatching(/bị hỏng .*chỉ để đọc; hãy khôi phục từ bản sao lưu mới nhất hoặc cứu dữ liệu/) });
    await expect(c.api.manuscript.createBook({ kind: 'history', title: 'x' })).rejects.toMatchObject({ code: 'system.read-only' });
  });
});
