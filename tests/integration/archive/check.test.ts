/** `suquan check`: fixity of stored originals and the database, run as a user runs it. */
import { chmodSync, existsSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';
import { makeScan, makeScannedPdf, openNewProject, tempDir } from './fixtures';
import { suquanCli } from '../foundation/helpers';

const suquan = suquanCli();

async function projectWithFiles() {
  const p = await openNewProject();
  const dir = tempDir();
  const a = path.join(dir, 'a.jpg');
  const b = path.join(dir, 'b.pdf');
  writeFileSync(a, await makeScan('jpeg', 300, 400, 1));
  writeFileSync(b, (await makeScannedPdf(2)).pdf);
  const r = await p.api.archive.importPaths({ paths: [a, b] });
  expect(r.outcomes.map((o) => o.status)).toEqual(['imported', 'imported']);
  const doc = await p.api.archive.getDocument({ id: (r.outcomes[0] as { documentId: number }).documentId });
  await p.close();
  return { dir: p.dir, sha: doc.pages[0]!.fileSha256 };
}

describe('suquan check', () => {
  it('passes on an untouched project', async () => {
    const { dir } = await projectWithFiles();
    const r = suquan('check', dir, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout).result;
    expect(report).toMatchObject({ ok: true, filesChecked: 2, problems: [], database: { ok: true } });
    const human = suquan('check', dir);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('dự án toàn vẹn');
  });

  it('catches one flipped byte in a stored original', async () => {
    const { dir, sha } = await projectWithFiles();
    const file = new ProjectLayout(dir).original(sha);
    chmodSync(file, 0o644); // originals are stored read-only
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(file, bytes);
    const r = suquan('check', dir, '--json');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout).result;
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { sha256: sha, path: file, problem: 'changed', actual: expect.stringMatching(/^[0-9a-f]{64}$/), pages: [{ documentId: expect.any(Number), documentTitle: expect.any(String), seq: 1 }] },
    ]);
    const human = suquan('check', dir);
    expect(human.code).toBe(2);
    // Found by document and page, with what to do.
    expect(human.stdout).toMatch(/✗ tệp gốc đã bị thay đổi \(mã băm không khớp\): tài liệu #\d+ «.+» trang 1 \(/);
    expect(human.stdout).toContain('hãy khôi phục các tệp trên từ bản sao lưu');
  });

  it('reports missing and orphaned files', async () => {
    const { dir, sha } = await projectWithFiles();
    const layout = new ProjectLayout(dir);
    rmSync(layout.original(sha), { force: true });
    mkdirSync(path.join(layout.filesDir, 'zz'), { recursive: true });
    writeFileSync(path.join(layout.filesDir, 'zz', 'lạ.txt'), 'x');
    const r = suquan('check', dir, '--json');
    expect(r.code).toBe(2);
    const problems = JSON.parse(r.stdout).result.problems as { problem: string; path: string }[];
    expect(problems.map((p) => p.problem).sort()).toEqual(['missing', 'orphaned']);
  });

  it('reports what an interrupted import left behind without calling it damage; --repair removes it', async () => {
    const { dir } = await projectWithFiles();
    const layout = new ProjectLayout(dir);
    // An original stored by an import killed before its row was committed, and a staged copy.
    const leftover = 'ab'.repeat(32);
    mkdirSync(path.dirname(layout.original(leftover)), { recursive: true });
    writeFileSync(layout.original(leftover), 'bytes of a scan');
    mkdirSync(layout.tmpDir, { recursive: true });
    writeFileSync(path.join(layout.tmpDir, 'import-4194305-x.part'), 'half a copy');
    const r = suquan('check', dir, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result).toMatchObject({ ok: true, problems: [], leftovers: [leftover], leftoversRemoved: 0 });
    expect(existsSync(layout.original(leftover))).toBe(true);
    const repaired = suquan('check', dir, '--repair', '--json');
    expect(repaired.code).toBe(0);
    expect(JSON.parse(repaired.stdout).result).toMatchObject({ ok: true, problems: [], leftovers: [leftover], leftoversRemoved: 1 });
    expect(existsSync(layout.original(leftover))).toBe(false);
    expect(existsSync(path.join(layout.tmpDir, 'import-4194305-x.part'))).toBe(false);
  });
});
