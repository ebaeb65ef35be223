/**
 * I/O-fault campaign: what the user reads, and what is left of the project, when the disk is full
 * or the project folder cannot be written. Real processes, real files, real SQLite:
 *   (a) a small tmpfs as the project folder fills up during an import (large scans overflow the
 *       staging area; small ones leave the database no room to grow);
 *   (b) the disk is full during an export (--out on a full tmpfs; the project's own disk full);
 *   (c) the disk is full during a backup (when `suquan backup` exists);
 *   (d) a read-only project folder (a read-only bind mount: root ignores chmod). A folder that
 *       turns read-only under an open project cannot be made so: Linux refuses to remount a
 *       mount read-only (EBUSY) while SQLite holds the database open for writing.
 * Every message must be one sentence that says what happened in the user's words ("đầy" for a
 * full disk, "chỉ đọc"/"không ghi được" for a read-only folder), never "Lỗi nội bộ" or a raw
 * error code; the project must be as it was for what did not fit, open, and pass `suquan check`.
 *
 * The mounts need root; without `mount` the tmpfs cases run against an injected ENOSPC
 * (ioFaultsEnospc.mjs preloaded into the CLI) and the read-only cases are skipped, each with a
 * message. SUQUAN_CAMPAIGN_NO_MOUNT=1 forces that path.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chapterDoc,
  inspectProject,
  mount,
  mountReadOnlyBind,
  mountTmpfs,
  partFilesBeside,
  pdfText,
  prng,
  runCli,
  saveChapterNow,
  services,
  snapshotHostBundle,
  startWebHost,
  suquanCheck,
  tempDir,
  unmount,
  writeScanBatch,
  type CliRun,
  type HostBundle,
} from './campaignKit';

let host: HostBundle;
let canMount = false;
let hasBackup = false;
const work = tempDir('suquan-iofaults-');
const mounted: string[] = [];
const preload = path.join(import.meta.dirname, 'ioFaultsEnospc.mjs');

/** What a raw error looks like: an errno or SQLite code, or the libraries' English. */
const RAW = /\b(E[A-Z]{3,}|SQLITE_[A-Z_]+)\b|disk is full|no space left|read-only file system|readonly database|unable to open database|disk I\/O error|not a valid SQLite|không phải là cơ sở dữ liệu SQLite/i;
const DISK_FULL = /đầy/i;
const READ_ONLY = /chỉ đọc|không ghi được/i;

/** A message the user reads: one line, says `want`, no internal error, no raw code. */
function expectSentence(where: string, text: string | undefined, want: RegExp): void {
  const t = (text ?? '').trim();
  expect.soft(t, `${where}: a message`).not.toBe('');
  expect.soft(t, `${where}: says ${want}`).toMatch(want);
  expect.soft(t, `${where}: not an internal error`).not.toMatch(/Lỗi nội bộ/);
  expect.soft(t, `${where}: no raw error code`).not.toMatch(RAW);
  expect.soft(t.split('\n').length, `${where}: one line («${t}»)`).toBe(1);
}

/** The one message a failed CLI run gave (JSON error, or its stderr). */
const cliMessage = (r: CliRun) => (r.json?.error?.message ?? r.stderr).trim();

function tmpfs(dir: string, size: string): void {
  const why = mountTmpfs(dir, size);
  if (why) throw new Error(`mount tmpfs at ${dir}: ${why}`);
  mounted.push(dir);
}

/** Fills the disk of `dir` until `leaveBytes` are free. */
function fillUp(dir: string, leaveBytes: number): void {
  const { bavail, bsize } = statfsSync(dir);
  const free = bavail * bsize;
  if (free > leaveBytes) writeFileSync(path.join(dir, 'đầy đĩa.bin'), Buffer.alloc(free - leaveBytes, 1));
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Noise PNGs that do not compress: ~1 MB each. */
async function writeLargeScans(dir: string, count: number, seed: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const rand = prng(seed);
  const files: string[] = [];
  for (let i = 1; i <= count; i++) {
    const width = 560 + Math.floor(rand() * 80);
    const height = 560;
    const raw = randomBytes(width * height * 3);
    const f = path.join(dir, `Ảnh quét lớn ${i}.png`);
    writeFileSync(f, await sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer());
    files.push(f);
  }
  return files;
}

/** A project with a book of eight chapters (what the export cases print); the first chapter starts with `marker`. */
async function projectWithBook(dir: string, marker = 'Bản in thử'): Promise<{ bookId: number; firstChapter: number }> {
  const rand = prng(42);
  const s = services();
  try {
    await s.api.project.create({ path: dir, title: 'Dự án lỗi đĩa' });
    const book = await s.api.manuscript.createBook({ kind: 'history', title: 'Lịch sử Đảng bộ xã' });
    let firstChapter = 0;
    for (let c = 1; c <= 8; c++) {
      const ch = await s.api.manuscript.addChapter({ bookId: book.id, title: `Chương ${c}` });
      if (c === 1) firstChapter = ch.id;
      await saveChapterNow(s.api, ch.id, chapterDoc(c === 1 ? marker : `Chương ${c} mở đầu`, 40, rand));
    }
    return { bookId: book.id, firstChapter };
  } finally {
    await s.close();
  }
}

interface ImportOutcome {
  input: string;
  status: 'imported' | 'duplicate' | 'rejected';
  documentId?: number;
  pages?: number;
  reason?: string;
}

/**
 * The checks of an import onto a disk that filled up: every input reported, the ones that did not
 * fit with a sentence saying the disk is full, the ones that did fit whole, nothing else in the
 * project, which opens and passes `suquan check`.
 */
async function expectImportOnFullDisk(label: string, dir: string, inputs: { path: string; pages: number }[], r: CliRun): Promise<ImportOutcome[]> {
  expect.soft(r.code, `${label}: suquan import exits 2 when files were refused (${r.code}: ${cliMessage(r)})`).toBe(2);
  const outcomes = ((r.json?.result as { outcomes?: ImportOutcome[] } | undefined)?.outcomes ?? []) as ImportOutcome[];
  if (r.code !== 2 && r.code !== 0) expectSentence(`${label}: the import's message`, cliMessage(r), DISK_FULL);
  expect.soft(
    outcomes.map((o) => o.input).sort(),
    `${label}: every file has an outcome (the import said: ${outcomes.length ? 'outcomes' : cliMessage(r)})`,
  ).toEqual(inputs.map((i) => i.path).sort());
  for (const o of outcomes.filter((x) => x.status === 'rejected')) expectSentence(`${label}: ${path.basename(o.input)}`, o.reason, DISK_FULL);
  const health = await inspectProject(dir);
  expect(health.openError, `${label}: the project opens afterwards`).toBeNull();
  expect(health.integrity, `${label}: integrity_check`).toEqual([]);
  expect(health.half, `${label}: no half document`).toEqual([]);
  expect.soft(health.stagingLeftovers, `${label}: no staged copy left in cache/tmp`).toEqual([]);
  // The documents are exactly the imported files, each whole.
  const imported = new Map(outcomes.filter((o) => o.status === 'imported').map((o) => [path.basename(o.input), o]));
  const pagesOf = new Map(inputs.map((i) => [path.basename(i.path), i.pages]));
  for (const d of health.docs) {
    const name = d.names[0]!;
    expect.soft(imported.has(name), `${label}: document ${d.id} (${name}) was reported imported`).toBe(true);
    expect.soft(d.pages, `${label}: document ${d.id} (${name}) has all its pages`).toBe(pagesOf.get(name));
  }
  if (outcomes.length) expect.soft(health.docs.length, `${label}: one document per imported file`).toBe(imported.size);
  const check = suquanCheck(host, dir);
  expect.soft(check.problems, `${label}: suquan check finds nothing`).toEqual([]);
  expect.soft(check.code, `${label}: suquan check exits 0`).toBe(0);
  return outcomes;
}

beforeAll(async () => {
  host = await snapshotHostBundle();
  hasBackup = /suquan backup /.test(runCli(host, ['--help']).stdout);
  if (process.env.SUQUAN_CAMPAIGN_NO_MOUNT === '1') {
    console.log('I/O-fault campaign: SUQUAN_CAMPAIGN_NO_MOUNT=1: no mounts; tmpfs cases use an injected ENOSPC, read-only cases are skipped');
    return;
  }
  const probe = path.join(work, 'probe');
  const why = mountTmpfs(probe, '1m');
  if (why) console.log(`I/O-fault campaign: mount is not permitted here (${why}); tmpfs cases use an injected ENOSPC, read-only cases are skipped`);
  else {
    unmount(probe);
    canMount = true;
  }
}, 120_000);

afterAll(() => {
  for (const m of mounted.reverse()) unmount(m);
  host?.dispose();
  const stillMounted = mounted.filter((m) => readFileSync('/proc/self/mounts', 'utf8').includes(` ${m} `));
  if (!stillMounted.length) rmSync(work, { recursive: true, force: true });
  else console.log(`I/O-fault campaign: still mounted (left in place): ${stillMounted.join(', ')}`);
});

describe('a disk that fills up', () => {
  it('(a) during an import of large scans: the files that did not fit are reported as a full disk, the ones that fit are whole', async () => {
    const inputs = (await writeLargeScans(path.join(work, 'scans-large'), 10, 1)).map((p) => ({ path: p, pages: 1 }));
    const pdf = (await writeScanBatch(path.join(work, 'scans-pdf'), 5, prng(5), { jpeg: 0, png: 0, pdf: 1 }))[0]!;
    inputs.splice(3, 0, pdf);
    let dir: string;
    let r: CliRun;
    if (canMount) {
      const disk = path.join(work, 'đĩa nhỏ a');
      tmpfs(disk, '6m');
      dir = path.join(disk, 'Dự án.suquan');
      expect(runCli(host, ['init', dir]).code).toBe(0);
      r = runCli(host, ['import', dir, ...inputs.map((i) => i.path), '--json']);
    } else {
      console.log('(a) no tmpfs: the project folder gets an injected ENOSPC after 5 MB written through node:fs');
      dir = path.join(work, 'Dự án a.suquan');
      expect(runCli(host, ['init', dir]).code).toBe(0);
      r = runCli(host, ['import', dir, ...inputs.map((i) => i.path), '--json'], { nodeArgs: ['--import', preload], env: { SUQUAN_FAULT_DIR: dir, SUQUAN_FAULT_BYTES: String(5 * 1024 * 1024) } });
    }
    const outcomes = await expectImportOnFullDisk('(a) large scans', dir, inputs, r);
    // The case is about a disk that filled up: some files fitted and some did not.
    expect(outcomes.filter((o) => o.status === 'imported').length, `(a) some files fitted: ${JSON.stringify(outcomes)}`).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.status === 'rejected').length, '(a) some files did not fit').toBeGreaterThan(0);

    // Space freed: the files that did not fit go in now, and the project is whole.
    const refused = inputs.filter((i) => outcomes.some((o) => o.input === i.path && o.status === 'rejected'));
    if (canMount) expect(mount(['-o', 'remount,size=64m', path.dirname(dir)])).toBeNull();
    const again = runCli(host, ['import', dir, ...refused.map((i) => i.path), '--json']);
    expect(again.code, cliMessage(again)).toBe(0);
    const health = await inspectProject(dir);
    expect(health.half).toEqual([]);
    expect(health.documents).toBe(inputs.length);
    expect(suquanCheck(host, dir).problems).toEqual([]);
  });

  it('(a) when the database has no room to grow: each file is reported as a full disk and nothing is half-imported', async (ctx) => {
    if (!canMount) {
      console.log('(a, database) skipped: needs a tmpfs (SQLite writes natively; an injected ENOSPC cannot reach it)');
      ctx.skip();
      return;
    }
    const disk = path.join(work, 'đĩa nhỏ a2');
    tmpfs(disk, '3m');
    const dir = path.join(disk, 'Dự án.suquan');
    expect(runCli(host, ['init', dir]).code).toBe(0);
    const inputs = await writeScanBatch(path.join(work, 'scans-small'), 9, prng(9), { jpeg: 4, png: 1, pdf: 1 });
    // Room for the staged copies and thumbnails of one file or two, not for the database to grow much.
    fillUp(disk, 400 * 1024);
    const r = runCli(host, ['import', dir, ...inputs.map((i) => i.path), '--json']);
    const outcomes = await expectImportOnFullDisk('(a) database full', dir, inputs, r);
    expect.soft(outcomes.filter((o) => o.status === 'rejected').length, '(a) database full: some files did not fit').toBeGreaterThan(0);
  });

  it('(b) during an export to a full disk: one sentence, an earlier file at --out intact, no truncated file', async () => {
    const dir = path.join(work, 'Sách b.suquan');
    const { bookId } = await projectWithBook(dir);
    const earlierOut = path.join(work, 'bản trước.pdf');
    expect(runCli(host, ['export', dir, '--book', String(bookId), '--out', earlierOut]).code).toBe(0);
    const size = statSync(earlierOut).size;
    let outDir: string;
    let opts: Parameters<typeof runCli>[2] = {};
    if (canMount) {
      outDir = path.join(work, 'đĩa nhỏ b');
      tmpfs(outDir, `${Math.ceil((size * 1.5) / 1024) + 64}k`);
    } else {
      console.log('(b) no tmpfs: the --out folder gets an injected ENOSPC');
      outDir = path.join(work, 'thư mục b');
      mkdirSync(outDir, { recursive: true });
      opts = { nodeArgs: ['--import', preload], env: { SUQUAN_FAULT_DIR: outDir, SUQUAN_FAULT_BYTES: String(Math.floor(size / 3)) } };
    }
    const out = path.join(outDir, 'Lịch sử Đảng bộ.pdf');
    copyFileSync(earlierOut, out);
    const before = sha(out);
    if (canMount) fillUp(outDir, Math.floor(size / 3));

    const r = runCli(host, ['export', dir, '--book', String(bookId), '--out', out, '--json'], opts);
    expect.soft(r.code, `exit code of an export to a full disk (${cliMessage(r)})`).toBe(1);
    expectSentence('(b) export over an earlier file', cliMessage(r), DISK_FULL);
    expect(sha(out), 'the earlier file is intact').toBe(before);
    expect(partFilesBeside(out), 'no partial file left beside it').toEqual([]);

    const fresh = path.join(outDir, 'Bản mới.pdf');
    const r2 = runCli(host, ['export', dir, '--book', String(bookId), '--out', fresh, '--json'], opts);
    expect.soft(r2.code, cliMessage(r2)).toBe(1);
    expectSentence('(b) export to a new name', cliMessage(r2), DISK_FULL);
    expect(existsSync(fresh), 'no truncated file at --out').toBe(false);
    expect(partFilesBeside(fresh)).toEqual([]);
    expect(pdfText(out).ok, 'the earlier file still reads').toBe(true);
  });

  it("(b) during an export when the project's own disk is full: one sentence, nothing written, the project whole", async (ctx) => {
    if (!canMount) {
      console.log("(b, project disk) skipped: needs a tmpfs for the project's folder");
      ctx.skip();
      return;
    }
    const disk = path.join(work, 'đĩa nhỏ b2');
    tmpfs(disk, '4m');
    const dir = path.join(disk, 'Sách.suquan');
    const { bookId } = await projectWithBook(dir);
    fillUp(disk, 8 * 1024);
    const out = path.join(work, 'xuất b2.pdf');
    const r = runCli(host, ['export', dir, '--book', String(bookId), '--out', out, '--json']);
    if (r.code === 0) {
      // Written without touching the full disk: then it must be whole.
      expect(pdfText(out).ok).toBe(true);
    } else {
      expect.soft(r.code, cliMessage(r)).toBe(1);
      expectSentence("(b) export, project's disk full", cliMessage(r), DISK_FULL);
      expect(existsSync(out)).toBe(false);
    }
    rmSync(path.join(disk, 'đầy đĩa.bin'));
    const health = await inspectProject(dir);
    expect(health.openError).toBeNull();
    expect(health.integrity).toEqual([]);
    expect(suquanCheck(host, dir).problems).toEqual([]);
  });

  it('(c) during a backup to a full disk: one sentence, an earlier backup intact, no truncated file', async (ctx) => {
    if (!hasBackup) {
      console.log('(c) skipped: `suquan backup` does not exist yet');
      ctx.skip();
      return;
    }
    const dir = path.join(work, 'Sao lưu c.suquan');
    expect(runCli(host, ['init', dir]).code).toBe(0);
    const inputs = await writeScanBatch(path.join(work, 'scans-c'), 11, prng(11), { jpeg: 4, png: 2, pdf: 1 });
    expect(runCli(host, ['import', dir, ...inputs.map((i) => i.path)]).code).toBe(0);
    const earlier = path.join(work, 'sao lưu trước');
    const first = runCli(host, ['backup', dir, '--out', earlier, '--json']);
    expect(first.code, cliMessage(first)).toBe(0);
    const size = statSync(earlier).isDirectory() ? 0 : statSync(earlier).size;
    let outDir: string;
    let opts: Parameters<typeof runCli>[2] = {};
    if (canMount) {
      outDir = path.join(work, 'đĩa nhỏ c');
      tmpfs(outDir, `${Math.ceil((size * 1.5) / 1024) + 64}k`);
    } else {
      console.log('(c) no tmpfs: the --out folder gets an injected ENOSPC');
      outDir = path.join(work, 'thư mục c');
      mkdirSync(outDir, { recursive: true });
      opts = { nodeArgs: ['--import', preload], env: { SUQUAN_FAULT_DIR: outDir, SUQUAN_FAULT_BYTES: String(Math.floor(size / 3)) } };
    }
    const out = path.join(outDir, path.basename(earlier));
    copyFileSync(earlier, out);
    const before = sha(out);
    if (canMount) fillUp(outDir, Math.floor(size / 3));
    const r = runCli(host, ['backup', dir, '--out', out, '--json'], opts);
    expect.soft(r.code, cliMessage(r)).toBe(1);
    expectSentence('(c) backup over an earlier one', cliMessage(r), DISK_FULL);
    expect(sha(out), 'the earlier backup is intact').toBe(before);
    // FILE.partial is how a backup continues where it stopped (archiveWriter.ts): allowed, and named.
    const beside = readdirSync(outDir).filter((f) => f !== path.basename(out) && f !== 'đầy đĩa.bin');
    if (beside.length) console.log(`(c) left on the full disk beside the backup: ${beside.join(', ')}`);
    const resumable = [`${path.basename(out)}.partial`, `${path.basename(out)}.partial-database`];
    expect(beside.filter((f) => !resumable.includes(f)), 'nothing but the resumable FILE.partial left beside it').toEqual([]);
    const fresh = path.join(outDir, 'bản mới');
    const r2 = runCli(host, ['backup', dir, '--out', fresh, '--json'], opts);
    expect.soft(r2.code, cliMessage(r2)).toBe(1);
    expectSentence('(c) backup to a new name', cliMessage(r2), DISK_FULL);
    expect(existsSync(fresh), 'no truncated backup at --out').toBe(false);
    // Space freed: the backup goes through and restores.
    rmSync(path.join(outDir, 'đầy đĩa.bin'), { force: true });
    for (const f of readdirSync(outDir)) if (f !== path.basename(out)) rmSync(path.join(outDir, f), { force: true });
    if (canMount) expect(mount(['-o', 'remount,size=64m', outDir])).toBeNull();
    const done = runCli(host, ['backup', dir, '--out', fresh, '--json']);
    expect(done.code, cliMessage(done)).toBe(0);
    const restored = path.join(work, 'khôi phục c');
    const restore = runCli(host, ['restore', fresh, '--to', restored, '--json']);
    expect(restore.code, cliMessage(restore)).toBe(0);
  });
});

describe('a project folder that cannot be written', () => {
  let source: string;
  let ro: string;
  let bookId = 0;
  let chapterId = 0;

  beforeAll(async () => {
    if (!canMount) return;
    source = path.join(work, 'nguồn d', 'Dự án.suquan');
    mkdirSync(path.dirname(source), { recursive: true });
    ({ bookId, firstChapter: chapterId } = await projectWithBook(source, 'Nội dung trước'));
    const scans = await writeScanBatch(path.join(work, 'scans-d'), 13, prng(13), { jpeg: 1, png: 0, pdf: 0 });
    expect(runCli(host, ['import', source, scans[0]!.path]).code).toBe(0);
    ro = path.join(work, 'chỉ đọc d');
    const why = mountReadOnlyBind(path.dirname(source), ro);
    if (why) throw new Error(`read-only bind mount: ${why}`);
    mounted.push(ro);
  });

  it('(d) opening it gives one sentence, or opens it read-only; a save says so in one sentence', async (ctx) => {
    if (!canMount) {
      console.log('(d) skipped: a read-only folder needs a read-only bind mount (root ignores chmod), and mount is not permitted');
      ctx.skip();
      return;
    }
    const dir = path.join(ro, 'Dự án.suquan');
    const s = services();
    try {
      type Opened = { readOnly?: { message: string } | null };
      let info: Opened | null = null;
      try {
        info = (await s.api.project.open({ path: dir } as never)) as unknown as Opened;
      } catch (e) {
        expectSentence('(d) opening a read-only project', (e as Error).message, READ_ONLY);
      }
      if (info) {
        expect.soft(info.readOnly, '(d) opened: then read-only').toBeTruthy();
        if (info.readOnly) expectSentence('(d) the read-only banner', info.readOnly.message, READ_ONLY);
        const list = await s.api.archive.listDocuments({} as never).catch((e: Error) => e);
        expect.soft(list instanceof Error ? list.message : 'ok', '(d) reading works').toBe('ok');
        let saved: unknown = null;
        try {
          await saveChapterNow(s.api, chapterId, chapterDoc('Không được lưu', 2, prng(1)));
          saved = 'saved';
        } catch (e) {
          expectSentence('(d) a save in a read-only project', (e as Error).message, READ_ONLY);
        }
        expect.soft(saved, '(d) a save in a read-only folder is refused').toBeNull();
      }
    } finally {
      await s.close();
    }
  });

  it('(d) the CLI: an import says in one sentence that the folder cannot be written; reading commands read or say why not', (ctx) => {
    if (!canMount) return ctx.skip();
    const dir = path.join(ro, 'Dự án.suquan');
    const scan = readdirSync(path.join(work, 'scans-d')).map((f) => path.join(work, 'scans-d', f))[0]!;
    const imp = runCli(host, ['import', dir, scan, '--json']);
    expect.soft(imp.code, `(d) suquan import exit code (${cliMessage(imp)})`).toBe(1);
    expectSentence('(d) suquan import into a read-only folder', cliMessage(imp), READ_ONLY);
    const book = runCli(host, ['book', 'create', dir, '--kind', 'history', '--title', 'Sách mới', '--json']);
    expect.soft(book.code, '(d) suquan book create exit code').toBe(1);
    expectSentence('(d) suquan book create in a read-only folder', cliMessage(book), READ_ONLY);
    // Reading commands either read it (the project opens read-only) or say in one sentence why not.
    for (const args of [['list', dir, '--json'], ['check', dir, '--json']]) {
      const r = runCli(host, args);
      if (r.code !== 0) {
        expect.soft(r.code, `(d) suquan ${args[0]} of a read-only folder: exit code (${cliMessage(r)})`).toBe(1);
        expectSentence(`(d) suquan ${args[0]} of a read-only folder`, cliMessage(r), READ_ONLY);
      }
    }
    const out = path.join(work, 'xuất d.pdf');
    const exp = runCli(host, ['export', dir, '--book', String(bookId), '--out', out, '--json']);
    if (exp.code !== 0) {
      expect.soft(exp.code, `(d) suquan export of a read-only folder: exit code (${cliMessage(exp)})`).toBe(1);
      expectSentence('(d) suquan export of a read-only folder', cliMessage(exp), READ_ONLY);
    }
    else expect(pdfText(out).ok).toBe(true);
  });

  it('(d) the browser-mode host on a read-only folder: it keeps running, a save is refused in one sentence', async (ctx) => {
    if (!canMount) return ctx.skip();
    const dir = path.join(ro, 'Dự án.suquan');
    const started = await startWebHost(host, dir);
    if ('error' in started) throw new Error(started.error);
    try {
      const current = await started.call('project', 'current', {});
      expect('ok' in current && current.ok, `(d) the host answers: ${JSON.stringify(current)}`).toBe(true);
      const info = 'ok' in current && current.ok ? (current.result as { readOnly?: { message: string } | null } | null) : null;
      if (!info) {
        // Not opened: the host said why on its console, in one sentence.
        const r = await (async () => {
          started.k.kill();
          return started.k.ended;
        })();
        const lines = r.stderr.trim().split('\n').filter((l) => !/^\s*at |›/.test(l));
        expectSentence('(d) the host opening a read-only project', lines.at(-1), READ_ONLY);
        return;
      }
      const read = await started.call('manuscript', 'getChapter', { id: chapterId });
      expect('ok' in read && read.ok, `(d) the chapter reads: ${JSON.stringify(read).slice(0, 300)}`).toBe(true);
      const version = 'ok' in read && read.ok ? ((read.result as { version?: number }).version ?? 0) : 0;
      const save = await started.call('manuscript', 'saveChapter', { id: chapterId, doc: chapterDoc('Không được lưu', 2, prng(2)), baseVersion: version });
      expect('ok' in save && !save.ok, `(d) a save is refused: ${JSON.stringify(save).slice(0, 300)}`).toBe(true);
      if ('ok' in save && !save.ok) expectSentence('(d) a save through the host', save.error.message, READ_ONLY);
      const after = await started.call('project', 'current', {});
      expect('ok' in after && after.ok, '(d) the host still answers after the refused save').toBe(true);
    } finally {
      started.k.kill();
      await started.k.ended;
    }
  });
});
