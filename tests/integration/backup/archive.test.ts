/**
 * `suquan backup` and `suquan restore` on a project of 1,000 pages and three books: a round trip
 * that `suquan check` passes with identical content, an archive interrupted by kill -9 and
 * finished by the next run, and a damaged archive refused with one sentence and nothing left
 * behind.
 */
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, ftruncateSync, openSync, readdirSync, readSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanMembers } from '../../../electron/core/backup/tarBlocks';
import { connect } from '../foundation/helpers';
import { contentOf, makeProject, suquan, suquanCommand, tempDir, type MadeProject } from './project';

let project: MadeProject;
let archive: string;

beforeAll(async () => {
  project = await makeProject({ documents: 40, pagesPerDocument: 25 });
  archive = path.join(tempDir(), 'sao lưu.tar');
}, 120_000);

describe('suquan backup / restore', () => {
  it('round-trips a project of 1,000 pages and 3 books; the restored project passes check and is identical', async () => {
    // The project stays open in "the app" (this process holds it) while the CLI backs it up.
    const app = connect();
    await app.api.project.open({ path: project.dir });
    const b = suquan('backup', project.dir, '--out', archive, '--json');
    await app.app.dispose();
    expect(b.code, b.stderr + b.stdout).toBe(0);
    const written = JSON.parse(b.stdout).result;
    expect(written).toMatchObject({ path: archive, originals: 1000, resumedFromBytes: 0 });
    expect(statSync(archive).size).toBe(written.size);
    expect(existsSync(`${archive}.partial`)).toBe(false);
    expect(b.stderr).toContain('Đang sao lưu');

    const to = path.join(tempDir(), 'Khôi phục');
    const r = suquan('restore', archive, '--to', to, '--json');
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(JSON.parse(r.stdout).result).toMatchObject({ path: to, originals: 1000, check: { ok: true, filesChecked: 1000 } });

    const check = suquan('check', to);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain('Kết quả: dự án toàn vẹn.');

    // Nothing but the project itself in the restored folder.
    expect(readdirSync(to).sort()).toEqual(['cache', 'files', 'project.sqlite']);
    const before = contentOf(project.dir);
    const after = contentOf(to);
    expect(before.pages).toHaveLength(1000);
    expect(before.books).toHaveLength(3);
    expect(before.book_nodes).toHaveLength(9);
    expect(before.chapter_revisions!.length).toBeGreaterThanOrEqual(18);
    expect(after).toEqual(before);
  });

  it('continues an archive interrupted by kill -9, and the result restores', async () => {
    const out = path.join(tempDir(), 'ngắt giữa chừng.tar');
    const partial = `${out}.partial`;
    const dbSize = statSync(path.join(project.dir, 'project.sqlite')).size;
    const { command, args, env } = suquanCommand();
    // Slowed to 2 MB/s so that it is surely still writing originals when it is killed.
    const child = spawn(command, [...args, 'backup', project.dir, '--out', out, '--max-rate', String(2 * 1024 * 1024)], { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!(existsSync(partial) && statSync(partial).size > dbSize + 512 * 1024)) {
      if (Date.now() > deadline) throw new Error('the backup never got under way');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await exited;
    const cut = statSync(partial).size;
    expect(existsSync(out)).toBe(false);

    const again = suquan('backup', project.dir, '--out', out, '--json');
    expect(again.code, again.stderr + again.stdout).toBe(0);
    const result = JSON.parse(again.stdout).result;
    expect(result.resumedFromBytes).toBeGreaterThan(dbSize);
    expect(result.resumedFromBytes).toBeLessThanOrEqual(cut);
    expect(again.stderr).toContain('Tiếp tục bản sao lưu dở dang');
    expect(existsSync(partial)).toBe(false);

    const to = path.join(tempDir(), 'sau khi ngắt');
    const r = suquan('restore', out, '--to', to, '--json');
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(contentOf(to)).toEqual(contentOf(project.dir));
  });

  it('refuses a damaged archive with one sentence naming the damaged member, and leaves nothing at the target', () => {
    expect(existsSync(archive)).toBe(true);
    const damaged = path.join(tempDir(), 'hỏng.tar');
    copyFileSync(archive, damaged);
    const member = scanMembers(damaged).members.find((m) => m.name.startsWith('data/files/'))!;
    const fd = openSync(damaged, 'r+');
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, member.dataOffset + 100);
    byte[0] = byte[0]! ^ 0xff;
    writeSync(fd, byte, 0, 1, member.dataOffset + 100);
    closeSync(fd);

    const parent = tempDir();
    const to = path.join(parent, 'dự án');
    const r = suquan('restore', damaged, '--to', to);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(
      `Bản sao lưu ${damaged} bị hỏng: tệp gốc ${member.name} không khớp mã SHA-256 trong bản kê; không có gì được khôi phục, hãy dùng một bản sao lưu khác.`,
    );
    expect(existsSync(to)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);

    // A cut-off archive, and a target that is not empty, are refused just as clearly.
    const cutOff = path.join(tempDir(), 'cụt.tar');
    copyFileSync(archive, cutOff);
    const fd2 = openSync(cutOff, 'r+');
    ftruncateSync(fd2, member.dataOffset + 10);
    closeSync(fd2);
    const cut = suquan('restore', cutOff, '--to', to, '--json');
    expect(JSON.parse(cut.stdout)).toMatchObject({ ok: false, error: { code: 'backup.damaged', message: expect.stringContaining('bị cắt cụt') } });
    const full = suquan('restore', archive, '--to', project.dir, '--json');
    expect(JSON.parse(full.stdout)).toMatchObject({ ok: false, error: { code: 'backup.target-not-empty' } });
  });
});
