/** Background import: progress, cancellation that never leaves half a document, the CLI report. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportJobStatus } from '../../../shared/api/archive';
import { makeScan, makeScannedPdf, openNewProject, tempDir } from './fixtures';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('import jobs', () => {
  it('reports progress and finishes with every outcome', async () => {
    const p = await openNewProject();
    try {
      const dir = tempDir();
      for (let i = 1; i <= 6; i++) writeFileSync(path.join(dir, `trang ${i}.jpg`), await makeScan('jpeg', 300, 400, i));
      const { jobId, total } = await p.api.archive.startImport({ paths: [dir] });
      expect(total).toBe(6);
      let s: ImportJobStatus;
      const seen: number[] = [];
      do {
        s = await p.api.archive.importStatus({ jobId });
        seen.push(s.done);
        await sleep(5);
      } while (s.state === 'running');
      expect(s).toMatchObject({ state: 'done', done: 6, total: 6, current: null, etaSeconds: 0, notImported: [] });
      expect(s.outcomes.map((o) => o.status)).toEqual(Array(6).fill('imported'));
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      // Only the outcomes not read yet.
      const tail = await p.api.archive.importStatus({ jobId, outcomesFrom: 4 });
      expect(tail.outcomes).toHaveLength(2);
      expect(tail.outcomes[0]!.input).toBe(path.join(dir, 'trang 5.jpg'));
    } finally {
      p.close();
    }
  });

  it('cancelling stops between documents: committed ones are whole, the rest are listed as not imported', async () => {
    const p = await openNewProject();
    try {
      const dir = tempDir();
      const first = path.join(dir, '1 đầu.jpg');
      const big = path.join(dir, '2 dày.pdf');
      const last = path.join(dir, '3 cuối.jpg');
      writeFileSync(first, await makeScan('jpeg', 300, 400, 1));
      const jpegs = await Promise.all(Array.from({ length: 150 }, (_, i) => makeScan('jpeg', 200, 283, 10 + i)));
      writeFileSync(big, (await makeScannedPdf(150, { jpegs })).pdf);
      writeFileSync(last, await makeScan('jpeg', 300, 400, 2));

      const { jobId } = await p.api.archive.startImport({ paths: [first, big, last] });
      let s = await p.api.archive.importStatus({ jobId });
      while (s.outcomes.length < 1 && s.state === 'running') {
        await sleep(5);
        s = await p.api.archive.importStatus({ jobId });
      }
      expect(s.state).toBe('running');
      const end = await p.api.archive.cancelImport({ jobId });
      expect(end.state).toBe('cancelled');
      expect(end.outcomes).toEqual([{ input: first, status: 'imported', documentId: expect.any(Number), pages: 1 }]);
      expect(end.notImported).toEqual([big, last]);

      const list = await p.api.archive.listDocuments({});
      expect(list.items.map((d) => d.pageCount)).toEqual([1]);
      const check = await p.api.archive.check({});
      expect(check).toMatchObject({ ok: true, problems: [], unreferenced: [] });

      // Importing again later finishes the job: the cancelled files were never half-stored.
      const again = await p.api.archive.importPaths({ paths: [first, big, last] });
      expect(again.outcomes.map((o) => o.status)).toEqual(['duplicate', 'imported', 'imported']);
      expect(again.outcomes[1]).toMatchObject({ pages: 150 });
    } finally {
      p.close();
    }
  });

  it('`suquan import --json` lists every input with its outcome (folders expanded)', async () => {
    const p = await openNewProject();
    p.close();
    const dir = path.join(tempDir(), 'nguồn có dấu cách');
    mkdirSync(path.join(dir, 'con'), { recursive: true });
    writeFileSync(path.join(dir, 'a.jpg'), await makeScan('jpeg', 200, 280, 1));
    writeFileSync(path.join(dir, 'con', 'b.png'), await makeScan('png', 200, 280, 2));
    writeFileSync(path.join(dir, 'hỏng.pdf'), '%PDF-1.4 rác');
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'suquan.js'), 'import', p.dir, dir, path.join(dir, 'a.jpg'), '--json'], {
      encoding: 'utf8',
      cwd: root,
      timeout: 120_000,
    });
    expect(r.status).toBe(2);
    const outcomes = JSON.parse(r.stdout).result.outcomes;
    expect(outcomes).toEqual([
      { input: path.join(dir, 'a.jpg'), status: 'imported', documentId: 1, pages: 1 },
      { input: path.join(dir, 'con', 'b.png'), status: 'imported', documentId: 2, pages: 1 },
      { input: path.join(dir, 'hỏng.pdf'), status: 'rejected', reason: expect.stringContaining('hỏng.pdf: tệp PDF không trọn vẹn') },
      { input: path.join(dir, 'a.jpg'), status: 'duplicate', documentId: 1 },
    ]);
  });
});
