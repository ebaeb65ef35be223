/**
 * Every file the app writes for the user is written whole or not at all (issue 14): made under a
 * temporary name beside the target, flushed, renamed over it (electron/core/atomicFile.ts). A
 * full disk or a kill -9 while writing leaves the file that was there before, byte for byte, and
 * no temporary file beside it; the user reads one sentence naming the file.
 *
 * Real CLI processes (the bundled host), a real full disk (a small tmpfs; where `mount` is not
 * permitted, the I/O-fault campaign's preload answers ENOSPC for writes under the folder), a real
 * kill -9 in the middle of a backup written slowly (`--max-rate`).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeScan,
  mountReadOnlyBind,
  mountTmpfs,
  partFilesBeside,
  pdfText,
  runCli,
  snapshotHostBundle,
  startKillable,
  tempDir,
  unmount,
  waitFor,
  type CliRun,
  type HostBundle,
} from '../campaigns/campaignKit';

const preload = path.join(import.meta.dirname, '..', 'campaigns', 'ioFaultsEnospc.mjs');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const message = (r: CliRun) => r.json?.error?.message ?? r.stderr;

let host: HostBundle;
let work: string;
let project: string;
let documentId: number;
const mounted: string[] = [];
let canMount = false;

beforeAll(async () => {
  host = await snapshotHostBundle();
  work = tempDir('suquan-atomic-');
  project = path.join(work, 'Kho.suquan');
  expect(runCli(host, ['init', project]).code).toBe(0);
  const scan = path.join(work, 'biên bản 1946.jpg');
  writeFileSync(scan, await makeScan('jpeg', 3, 800, 1100));
  const imported = runCli(host, ['import', project, scan, '--json']);
  expect(imported.code, imported.stderr).toBe(0);
  documentId = (imported.json!.result as { outcomes: { documentId: number }[] }).outcomes[0]!.documentId;
  const probe = path.join(work, 'probe');
  canMount = !process.env.SUQUAN_CAMPAIGN_NO_MOUNT && mountTmpfs(probe, '1m') === null;
  if (canMount) unmount(probe);
}, 180_000);

afterAll(() => {
  for (const m of mounted.reverse()) unmount(m);
  host?.dispose();
});

/**
 * A folder where a write of more than `leaveBytes` fails with ENOSPC, holding `earlier` as
 * `name`; with it, how to run the CLI against it.
 */
function fullDiskWith(label: string, earlier: string, name: string, leaveBytes: number) {
  const dir = path.join(work, label);
  let opts: Parameters<typeof runCli>[2] = {};
  if (canMount) {
    const err = mountTmpfs(dir, `${Math.ceil((statSync(earlier).size * 2) / 1024) + 256}k`);
    if (err) throw new Error(err);
    mounted.push(dir);
  } else {
    mkdirSync(dir, { recursive: true });
    opts = { nodeArgs: ['--import', preload], env: { SUQUAN_FAULT_DIR: dir, SUQUAN_FAULT_BYTES: String(leaveBytes) } };
  }
  const target = path.join(dir, name);
  copyFileSync(earlier, target);
  if (canMount) {
    const { bavail, bsize } = statfsSync(dir);
    writeFileSync(path.join(dir, 'đầy đĩa.bin'), Buffer.alloc(Math.max(0, bavail * bsize - leaveBytes), 1));
  }
  return { target, opts };
}

function expectEarlierKept(r: CliRun, target: string, before: string) {
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(message(r)).toContain(target);
  expect(message(r)).toMatch(/đầy/);
  expect(sha(target), 'the earlier file, byte for byte').toBe(before);
  expect(partFilesBeside(target), 'no temporary file left beside it').toEqual([]);
}

describe('a full disk never costs the file that was there', () => {
  it('`suquan typeset --out` over an earlier PDF (a longer book: the old in-place write truncated it)', () => {
    const small = path.join(work, 'ngắn.md');
    const long = path.join(work, 'dài.md');
    writeFileSync(small, '# Một chương\n\nĐoạn ngắn.\n');
    writeFileSync(long, `# Lịch sử Đảng bộ\n\n${Array.from({ length: 120 }, (_, i) => `## Mục ${i + 1}\n\n${'Phong trào cách mạng ở địa phương trong những năm kháng chiến. '.repeat(6)}\n`).join('\n')}`);
    const earlier = path.join(work, 'sách trước.pdf');
    expect(runCli(host, ['typeset', small, '--out', earlier]).code).toBe(0);
    const { target, opts } = fullDiskWith('đĩa typeset', earlier, 'Sách.pdf', 16 * 1024);
    const before = sha(target);
    const r = runCli(host, ['typeset', long, '--out', target, '--json'], opts);
    expectEarlierKept(r, target, before);
    expect(pdfText(target).ok).toBe(true);
  }, 120_000);

  it('`suquan catalogue --out` (CSV, PDF) and `suquan export-document --out` over earlier files', () => {
    for (const [label, args, name] of [
      ['đĩa csv', ['catalogue', project], 'Mục lục.csv'],
      ['đĩa mục lục pdf', ['catalogue', project], 'Mục lục.pdf'],
      ['đĩa tài liệu', ['export-document', project, '--document', String(documentId)], 'Tài liệu.pdf'],
    ] as const) {
      const earlier = path.join(work, `trước ${name}`);
      const first = runCli(host, [...args, '--out', earlier]);
      expect(first.code, first.stdout + first.stderr).toBe(0);
      // The earlier file's size is what a new one needs too: a third of it fits.
      const { target, opts } = fullDiskWith(label, earlier, name, Math.floor(statSync(earlier).size / 3));
      const before = sha(target);
      const r = runCli(host, [...args, '--out', target, '--json'], opts);
      expectEarlierKept(r, target, before);
    }
  }, 180_000);
});

describe('a kill -9 while writing never costs the file that was there', () => {
  it('`suquan backup --out` killed in the middle of writing over an earlier backup: the earlier one whole', async () => {
    const more = path.join(work, 'thêm');
    mkdirSync(more);
    for (let i = 0; i < 3; i++) writeFileSync(path.join(more, `trang ${i}.png`), await makeScan('png', 40 + i, 1000, 1400));
    expect(runCli(host, ['import', project, more]).code).toBe(0);
    const target = path.join(work, 'bản sao lưu');
    expect(runCli(host, ['backup', project, '--out', target]).code).toBe(0);
    const before = sha(target);
    const size = statSync(target).size;
    // Written at about a tenth of its size a second: killed when a third of it is written.
    const k = startKillable(process.execPath, [host.cli, 'backup', project, '--out', target, '--max-rate', String(Math.ceil(size / 10))], { XDG_CONFIG_HOME: host.configHome });
    const partial = `${target}.partial`;
    const midway = await waitFor(() => existsSync(partial) && statSync(partial).size > size / 3, 30_000);
    k.kill();
    const r = await k.ended;
    expect(midway, 'the backup was writing when killed').toBe(true);
    expect(r.signal).toBe('SIGKILL');
    expect(sha(target), 'the earlier backup, byte for byte').toBe(before);
    // What the killed run wrote is its own FILE.partial (the next run continues it), never the earlier file.
    expect(readdirSync(work).filter((f) => f.startsWith(`${path.basename(target)}.`) && !f.startsWith(`${path.basename(target)}.partial`))).toEqual([]);
    const again = runCli(host, ['backup', project, '--out', target, '--json']);
    expect(again.code, message(again)).toBe(0);
  }, 180_000);
});

describe('a folder that cannot be written is named', () => {
  it('`suquan backup`, `typeset` and `catalogue` to a read-only folder: one sentence naming the file asked for, nothing left there', (ctx) => {
    if (!canMount) {
      console.log('read-only folder: skipped (needs a read-only bind mount; root ignores chmod)');
      ctx.skip();
      return;
    }
    const source = path.join(work, 'nguồn chỉ đọc');
    mkdirSync(source);
    const ro = path.join(work, 'chỉ đọc');
    const err = mountReadOnlyBind(source, ro);
    if (err) throw new Error(err);
    mounted.push(ro);
    const md = path.join(work, 'ngắn.md');
    for (const [args, name] of [
      [['backup', project], 'sao lưu'],
      [['typeset', md], 'Sách.pdf'],
      [['catalogue', project], 'Mục lục.csv'],
    ] as const) {
      const target = path.join(ro, name);
      const r = runCli(host, [...args, '--out', target, '--json']);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      // Not "Không có quyền ghi vào thư mục dự án", as a backup said: the project is fine.
      expect(message(r)).toContain(target);
      expect(message(r)).not.toMatch(/thư mục dự án|Lỗi nội bộ/);
    }
    expect(readdirSync(source)).toEqual([]);
  }, 60_000);
});
