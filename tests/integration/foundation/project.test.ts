import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, latestSchemaVersion, migrate } from '../../../electron/core/store/projectDatabase';
import { migrations } from '../../../electron/core/store/migrations';
import { connect, tempDir } from './helpers';

const open: { app: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.app.dispose()));
function client() {
  const c = connect();
  open.push(c);
  return c;
}

describe('a project on disk', () => {
  it('is a folder with project.sqlite, files/ and cache/, marked, migrated, in WAL mode', async () => {
    const { api } = client();
    const dir = path.join(tempDir(), 'Lịch sử Đảng bộ.suquan');
    const info = await api.project.create({ path: dir, title: 'Lịch sử Đảng bộ xã Bình Lư' });
    expect(info).toMatchObject({ path: dir, title: 'Lịch sử Đảng bộ xã Bình Lư', schemaVersion: latestSchemaVersion(), documentCount: 0, bookCount: 0 });
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['cache', 'files', 'project.sqlite']));
    await api.project.close({});
    const db = new Database(path.join(dir, 'project.sqlite'), { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('reopens with its title and counts, and turns foreign keys on', async () => {
    const { api, app } = client();
    const dir = path.join(tempDir(), 'p');
    await api.project.create({ path: dir, title: 'Biên niên sự kiện' });
    await api.manuscript.createBook({ kind: 'chronicle', title: 'Biên niên 1930–1975' });
    await api.project.close({});
    expect(await api.project.current({})).toBeNull();
    const info = await api.project.open({ path: dir });
    expect(info).toMatchObject({ title: 'Biên niên sự kiện', bookCount: 1 });
    expect(app.session.require().db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      app.session.require().db.prepare("INSERT INTO book_nodes(book_id, kind, position, title, created_at, updated_at) VALUES (999, 'chapter', 1, 'x', '', '')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('refuses a folder that holds no project, a non-empty folder, and a SQLite file of another program', async () => {
    const { api } = client();
    const empty = tempDir();
    await expect(api.project.open({ path: empty })).rejects.toThrow(`Không có dự án Sử Quán nào ở ${empty}.`);
    writeFileSync(path.join(empty, 'notes.txt'), 'x');
    await expect(api.project.create({ path: empty, title: 'x' })).rejects.toThrow(/đã có nội dung/);
    const foreign = tempDir();
    new Database(path.join(foreign, 'project.sqlite')).exec('CREATE TABLE t(x)');
    await expect(api.project.open({ path: foreign })).rejects.toThrow('Cơ sở dữ liệu này không phải của một dự án Sử Quán.');
    const garbage = tempDir();
    writeFileSync(path.join(garbage, 'project.sqlite'), 'this is not a database at all, just text'.repeat(50));
    await expect(api.project.open({ path: garbage })).rejects.toThrow(/không phải là cơ sở dữ liệu SQLite hợp lệ|không mở được/i);
  });

  it('refuses a project made by a newer version instead of damaging it', async () => {
    const { api } = client();
    const dir = path.join(tempDir(), 'p');
    await api.project.create({ path: dir, title: 'x' });
    await api.project.close({});
    const db = new Database(path.join(dir, 'project.sqlite'));
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    db.close();
    await expect(api.project.open({ path: dir })).rejects.toThrow(/phiên bản Sử Quán mới hơn/);
  });

  it('applies migrations in order, each recorded, from any earlier version', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    const dir = tempDir();
    const db = new Database(path.join(dir, 'x.sqlite'));
    migrate(db, versions[0]);
    expect(db.pragma('user_version', { simple: true })).toBe(versions[0]);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(existsSync(path.join(dir, 'x.sqlite'))).toBe(true);
  });
});
