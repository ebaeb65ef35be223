/**
 * An original a committed row refers to is never deleted by another process's failed import or
 * cleanup (issue 14). An import stores its original and inserts its rows under the database's
 * write lock (one IMMEDIATE transaction); whatever removes an original — the rollback of a failed
 * import, a failed COMMIT's cleanup, `suquan check` and the takeover of a stale lock removing
 * leftovers (`suquan check --repair`) — decides under that lock too, so it never sees an original "unreferenced" while an
 * import that relies on it is between storing it and committing. Deleting a document never
 * removes its originals (their rows stay, listed as unreferenced).
 *
 * The other process is real (blobRace.child.ts, the real import job on the same project file),
 * and so are its failures: SQLite refusing its insert, or refusing its COMMIT.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';
import { sha256Of } from '../../../electron/core/archive/blobStore';
import { makeScan, openNewProject, tempDir } from './fixtures';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const childScript = path.join(import.meta.dirname, 'blobRace.child.ts');

interface Report {
  state: string;
  error?: string;
  outcomes: { input: string; status: string; documentId?: number }[];
}

/** Starts the child; `started` settles once it is ready, `done` with its report. */
function child(projectDir: string, input: string, go: string, mode: 'ok' | 'insert' | 'commit' | 'pause') {
  const p = spawn(process.execPath, ['--import', 'tsx', childScript, projectDir, input, go, mode], { cwd: root });
  let stdout = '';
  let stderr = '';
  p.stdout.setEncoding('utf8');
  p.stderr.setEncoding('utf8');
  let ready: () => void = () => {};
  const started = new Promise<void>((r) => (ready = r));
  p.stdout.on('data', (d: string) => {
    stdout += d;
    if (stdout.includes('ready\n')) ready();
  });
  p.stderr.on('data', (d: string) => (stderr += d));
  const done = new Promise<Report>((resolve, reject) => {
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`child exited ${code}: ${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Report);
    });
  });
  return { started, done };
}

const waitFor = async (cond: () => boolean) => {
  const until = Date.now() + 30_000;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const closers: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

async function project() {
  const p = await openNewProject('Kho chung');
  closers.push(() => p.close());
  return p;
}

async function scanFile(seed: number): Promise<{ file: string; sha: string }> {
  const dir = tempDir();
  const bytes = await makeScan('jpeg', 300, 420, seed);
  const file = path.join(dir, `trang ${seed}.jpg`);
  writeFileSync(file, bytes);
  return { file, sha: sha256Of(bytes) };
}

describe('an original another import relies on is never deleted', () => {
  for (const mode of ['insert', 'commit'] as const) {
    it(`two processes import the same file at once, the second's ${mode === 'insert' ? 'insert' : 'COMMIT'} fails: the first's original stays, check is clean`, async () => {
      const p = await project();
      const layout = new ProjectLayout(p.dir);
      for (let round = 0; round < 2; round++) {
        const { file, sha } = await scanFile(100 + round);
        const go = path.join(tempDir(), 'go');
        const first = child(p.dir, file, go, 'ok');
        const second = child(p.dir, file, go, mode);
        await Promise.all([first.started, second.started]);
        writeFileSync(go, '');
        const [a, b] = await Promise.all([first.done, second.done]);
        // The first imports the file, or finds it imported by the second when the second got the
        // lock first: then the second's commit failed and only its own original went.
        expect(a.state, a.error).toBe('done');
        expect(a.outcomes).toEqual([expect.objectContaining({ input: file, status: 'imported' })]);
        expect(b.outcomes.filter((o) => o.status === 'imported')).toEqual([]);
        expect(existsSync(layout.original(sha)), `round ${round}: the first importer's original`).toBe(true);
      }
      const check = await p.api.archive.check({});
      expect(check).toMatchObject({ ok: true, problems: [], unreferenced: [] });
      const docs = await p.api.archive.listDocuments({});
      expect(docs.total).toBe(2);
    }, 120_000);
  }

  it('`check` removing leftovers while another process is between storing an original and committing its row keeps it', async () => {
    const p = await project();
    const layout = new ProjectLayout(p.dir);
    const { file, sha } = await scanFile(7);
    const go = path.join(tempDir(), 'go');
    const importer = child(p.dir, file, go, 'pause');
    await importer.started;
    writeFileSync(go, '');
    // The importer has moved the original into files/ and inserted its rows, not committed yet:
    // to a reader the original is recorded nowhere, as a leftover is.
    await waitFor(() => existsSync(`${go}.paused`));
    expect(existsSync(layout.original(sha))).toBe(true);
    const during = await p.api.archive.check({ repair: true });
    const report = await importer.done;
    expect(report.outcomes).toEqual([expect.objectContaining({ status: 'imported' })]);
    expect(during.leftoversRemoved).toBe(0);
    expect(existsSync(layout.original(sha)), 'the original the committed row refers to').toBe(true);
    expect(await p.api.archive.check({})).toMatchObject({ ok: true, problems: [] });
  }, 60_000);

  it('a document deleted while another process imports the same bytes: the original stays, whichever goes first', async () => {
    const p = await project();
    const layout = new ProjectLayout(p.dir);
    for (let round = 0; round < 2; round++) {
      const { file, sha } = await scanFile(200 + round);
      const first = await p.api.archive.importPaths({ paths: [file] });
      const made = first.outcomes[0]!;
      if (made.status !== 'imported') throw new Error(JSON.stringify(made));
      const documentId = made.documentId;
      // The second process imports the same bytes (holding the lock a moment after its insert,
      // the original found in files/ and kept) after, or while, this one deletes the document
      // that held them; then a third process's import of them fails after its insert.
      const go = path.join(tempDir(), 'go');
      const importer = child(p.dir, file, go, 'pause');
      await importer.started;
      if (round % 2 === 0) await p.api.archive.deleteDocument({ id: documentId });
      writeFileSync(go, '');
      if (round % 2 === 1) await p.api.archive.deleteDocument({ id: documentId });
      const r = await importer.done;
      expect(r.state, r.error).toBe('done');
      expect(existsSync(layout.original(sha))).toBe(true);
      const go2 = path.join(tempDir(), 'go');
      const failing = child(p.dir, file, go2, 'insert');
      await failing.started;
      writeFileSync(go2, '');
      await failing.done;
      expect(existsSync(layout.original(sha)), `round ${round}: the original after a failed re-import`).toBe(true);
    }
    const check = await p.api.archive.check({});
    expect(check).toMatchObject({ ok: true, problems: [] });
  }, 120_000);

  it('a failed import that brought back a missing original keeps it: a committed row refers to it', async () => {
    const p = await project();
    const layout = new ProjectLayout(p.dir);
    const { file, sha } = await scanFile(300);
    const made = (await p.api.archive.importPaths({ paths: [file] })).outcomes[0]!;
    if (made.status !== 'imported') throw new Error(JSON.stringify(made));
    // The document goes (its file's row stays), then the original is lost from the disk.
    await p.api.archive.deleteDocument({ id: made.documentId });
    rmSync(layout.original(sha), { force: true });
    expect((await p.api.archive.check({})).problems).toEqual([expect.objectContaining({ sha256: sha, problem: 'missing' })]);
    // Another process imports the same bytes and its insert fails: the original it stored stays.
    const go = path.join(tempDir(), 'go');
    const failing = child(p.dir, file, go, 'insert');
    await failing.started;
    writeFileSync(go, '');
    expect((await failing.done).outcomes.filter((o) => o.status === 'imported')).toEqual([]);
    expect(existsSync(layout.original(sha))).toBe(true);
    expect(await p.api.archive.check({})).toMatchObject({ ok: true, problems: [] });
  }, 60_000);
});
