/**
 * What the user reads when the project is busy or an import stops half-way (issue 14): a save
 * that meets another process's write lock is tried again, so a short lock costs a moment and no
 * error; a lock held past the retries is one Vietnamese sentence ("Dự án đang bận…"), not
 * "Lỗi nội bộ: database is locked". An import job that fails part-way keeps its report: the files
 * imported before stay listed as imported, the failure is one line, the rest are "not imported".
 *
 * The lock is held by a real second process (BEGIN IMMEDIATE on the project's database). SQLite's
 * busy timeout of the service's connection is shortened for the test (5 s in the app), so the
 * retries are seen in a second or two instead of fifteen.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';
import { openNewProject, tempDir } from './fixtures';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const BUSY_TIMEOUT_MS = 300;

/** Another process holding the project's write lock for `ms`; settles `locked` once it has it. */
function holdWriteLock(database: string, ms: number) {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, database, String(ms)], { cwd: root });
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`locker exited ${code}`)));
  });
  const ended = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { locked, ended };
}

const closers: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

async function projectWithPage() {
  const p = await openNewProject('Dự án bận');
  closers.push(() => p.close());
  const file = path.join(tempDir(), 'biên bản.txt');
  writeFileSync(file, 'Biên bản họp chi bộ năm 1946.\n');
  const r = await p.api.archive.importPaths({ paths: [file] });
  const o = r.outcomes[0]!;
  if (o.status !== 'imported') throw new Error(JSON.stringify(o));
  const doc = await p.api.archive.getDocument({ id: o.documentId });
  p.app.session.require().db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return { p, page: doc.pages[0]!, database: new ProjectLayout(p.dir).database };
}

describe('a project busy in another process', () => {
  it('a save during a short lock (longer than the busy timeout) succeeds: it is tried again', async () => {
    const { p, page, database } = await projectWithPage();
    const locker = holdWriteLock(database, BUSY_TIMEOUT_MS * 3);
    await locker.locked;
    const started = Date.now();
    const saved = await p.api.archive.setPageText({ pageId: page.id, text: 'Đã chép lại trong lúc bận.', baseVersion: page.textVersion });
    expect(Date.now() - started).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS);
    expect(saved.text).toBe('Đã chép lại trong lúc bận.');
    await locker.ended;
  }, 30_000);

  it('a save while the lock is held past the retries: one sentence saying the project is busy, nothing changed', async () => {
    const { p, page, database } = await projectWithPage();
    const locker = holdWriteLock(database, 4000);
    await locker.locked;
    const err = await p.api.archive.setPageText({ pageId: page.id, text: 'Không lưu được.', baseVersion: page.textVersion }).then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    expect(err?.code).toBe('system.busy');
    expect(err?.message).toMatch(/^Dự án đang bận: .*hãy thử lại/);
    expect(err?.message).not.toMatch(/Lỗi nội bộ|database is locked|SQLITE/);
    await locker.ended;
    const doc = await p.api.archive.getDocument({ id: (await p.api.archive.listDocuments({})).items[0]!.id });
    expect(doc.pages[0]!.text).toBe('Biên bản họp chi bộ năm 1946.');
  }, 30_000);
});

describe('an import job that fails part-way', () => {
  it('keeps the files it imported in its report; the rest are listed as not imported; the failure is one line', async () => {
    const p = await openNewProject('Nhập dở');
    closers.push(() => p.close());
    const dir = tempDir();
    const names = ['01 thư.txt', '02 báo cáo.txt', '03 nghị quyết.txt', '04 công văn.txt'];
    for (const [i, n] of names.entries()) writeFileSync(path.join(dir, n), `Văn bản số ${i + 1}.\n`);
    // A real failure of the database at the third document (a trigger of this connection only).
    p.app.session.require().db.exec("CREATE TEMP TRIGGER stop_third BEFORE INSERT ON main.documents WHEN (SELECT count(*) FROM main.documents) >= 2 BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    const started = await p.api.archive.startImport({ paths: [dir] });
    let status = await p.api.archive.importStatus({ jobId: started.jobId });
    while (status.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      status = await p.api.archive.importStatus({ jobId: started.jobId });
    }
    expect(status.state).toBe('failed');
    expect(status.outcomes.map((o) => [path.basename(o.input), o.status])).toEqual([
      ['01 thư.txt', 'imported'],
      ['02 báo cáo.txt', 'imported'],
    ]);
    expect(status.notImported.map((n) => path.basename(n))).toEqual(['03 nghị quyết.txt', '04 công văn.txt']);
    expect(status.error).toBeTruthy();
    expect(status.error!.split('\n')).toHaveLength(1);
    // The same through the call that waits for the end (the CLI's): every input reported.
    const again = tempDir();
    for (const n of ['05 tờ trình.txt', '06 quyết định.txt']) writeFileSync(path.join(again, n), `${n}\n`);
    const report = await p.api.archive.importPaths({ paths: [again] });
    expect(report.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(report.outcomes[0]).toMatchObject({ reason: expect.stringContaining('05 tờ trình.txt: chưa được nhập vì') });
    expect((await p.api.archive.listDocuments({})).total).toBe(2);
  }, 30_000);
});
