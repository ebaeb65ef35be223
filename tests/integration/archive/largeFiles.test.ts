/**
 * Large files by path with flat memory (issue 9): a multi-page uncompressed TIFF much larger than
 * the memory it may use is imported through the real services in a process of its own, whose
 * peak resident memory is then read; the stored original is the file, byte for byte. Absurd
 * pages and files too large for their format are refused with a sentence, before anything is
 * copied.
 *
 * The TIFF is about 300 MB by default; SUQUAN_BIG_FILE_MB=2100 runs the 2 GB case.
 */
import { execFile } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../../shared/api/archive';
import { sha256OfFile } from '../../../electron/core/archive/blobStore';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';
import { openNewProject, tempDir } from './fixtures';
import { A4_600DPI, writeRawTiff } from './rawTiff';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const BIG_FILE_MB = Number(process.env.SUQUAN_BIG_FILE_MB ?? 300);
/** The whole import process (Node, the services, sharp) must stay under this. */
const PEAK_RSS_LIMIT_MB = 400;

interface ChildResult {
  dir: string;
  outcome: ImportOutcome;
  pages: { filePage: number; width: number; height: number; fileSha256: string; mime: string }[];
  importMs: number;
  peakRssMB: number;
}

/** Imports a file by path in a fresh process (largeFiles.child.ts) and returns what it printed. */
function importInChild(file: string, workdir: string): Promise<ChildResult> {
  const child = path.join(import.meta.dirname, 'largeFiles.child.ts');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', child, file, workdir], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${err.message}\n${stderr}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult);
      } catch (e) {
        reject(new Error(`${String(e)}\nstdout: ${stdout}\nstderr: ${stderr}`));
      }
    });
  });
}

/** Staged copies left in cache/tmp (there must be none once a job has ended). */
function stagedLeftovers(dir: string): string[] {
  const tmp = new ProjectLayout(dir).tmpDir;
  return existsSync(tmp) ? readdirSync(tmp) : [];
}

/** A file of `size` bytes that begins with `head` and is a hole after it (no disk space used). */
function sparseFile(file: string, head: Buffer, size: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, head);
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
}

const work: string[] = [];
afterAll(() => {
  for (const d of work) rmSync(d, { recursive: true, force: true });
});

describe('large files by path', () => {
  const pageBytes = A4_600DPI.width * A4_600DPI.height * 3;
  const pageCount = Math.max(2, Math.round((BIG_FILE_MB * 1024 * 1024) / pageBytes));

  it(
    `a ${BIG_FILE_MB} MB multi-page uncompressed TIFF (${pageCount} pages of A4 at 600 dpi) imports with peak memory under ${PEAK_RSS_LIMIT_MB} MB`,
    async () => {
      const dir = tempDir('suquan-large-');
      work.push(dir);
      const file = path.join(dir, 'Hồ sơ quét 600 dpi.tif');
      const pages = Array.from({ length: pageCount }, () => ({ ...A4_600DPI }));
      const size = writeRawTiff(file, pages);
      expect(statSync(file).size).toBe(size);
      const sha256 = await sha256OfFile(file);

      const r = await importInChild(file, dir);

      expect(r.outcome).toEqual({ input: file, status: 'imported', documentId: expect.any(Number), pages: pageCount });
      expect(r.pages.map((p) => [p.filePage, p.width, p.height])).toEqual(pages.map((p, i) => [i, p.width, p.height]));
      expect(new Set(r.pages.map((p) => p.fileSha256))).toEqual(new Set([sha256]));
      expect(r.pages[0]!.mime).toBe('image/tiff');
      // The stored original is the file, byte for byte, under its hash; every page was decoded.
      const layout = new ProjectLayout(r.dir);
      const stored = layout.original(sha256);
      expect(statSync(stored).size).toBe(size);
      expect(await sha256OfFile(stored)).toBe(sha256);
      for (let i = 0; i < pageCount; i++) expect(existsSync(layout.thumbnail(sha256, i)), `thumbnail of page ${i + 1}`).toBe(true);
      expect(stagedLeftovers(r.dir)).toEqual([]);

      console.log(
        JSON.stringify({ largeTiff: { bytes: size, pages: pageCount, importSeconds: r.importMs / 1000, peakRssMB: r.peakRssMB } }),
      );
      expect(r.peakRssMB).toBeLessThan(PEAK_RSS_LIMIT_MB);
    },
    Math.max(180_000, BIG_FILE_MB * 400),
  );

  it('refuses an absurd page of a TIFF with a sentence, and stores nothing', async () => {
    const p = await openNewProject();
    try {
      const dir = tempDir();
      work.push(dir);
      const several = path.join(dir, 'bom nhiều trang.tif');
      writeRawTiff(several, [{ width: 200, height: 300 }, { width: 200, height: 300, declared: { width: 100_000, height: 100_000 } }]);
      const single = path.join(dir, 'bom.tif');
      writeRawTiff(single, [{ width: 200, height: 300, declared: { width: 60_000, height: 50_000 } }]);
      const r = await p.api.archive.importPaths({ paths: [several, single] });
      expect(r.outcomes).toEqual([
        {
          input: several,
          status: 'rejected',
          reason: 'bom nhiều trang.tif: trang 2/2 quá lớn (100000×100000 điểm ảnh, tối đa 200 triệu điểm ảnh), có thể là tệp độc hại hoặc bị hỏng.',
        },
        {
          input: single,
          status: 'rejected',
          reason: 'bom.tif: ảnh quá lớn (60000×50000 điểm ảnh, tối đa 200 triệu điểm ảnh), có thể là tệp độc hại hoặc bị hỏng.',
        },
      ]);
      expect((await p.api.archive.listDocuments({})).total).toBe(0);
      expect(existsSync(new ProjectLayout(p.dir).filesDir) ? readdirSync(new ProjectLayout(p.dir).filesDir) : []).toEqual([]);
      expect(stagedLeftovers(p.dir)).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('refuses a file too large for its format before copying anything: 1 GB for what is read whole, 4 GB for images', async () => {
    const p = await openNewProject();
    try {
      const dir = tempDir();
      work.push(dir);
      const GiB = 1024 * 1024 * 1024;
      const pdf = path.join(dir, 'quá lớn.pdf');
      sparseFile(pdf, Buffer.from('%PDF-1.7\n'), GiB + 1);
      const text = path.join(dir, 'quá lớn.txt');
      sparseFile(text, Buffer.from('Báo cáo tình hình. '.repeat(1000)), GiB + 1); // text as far as sniffing looks
      const tiff = path.join(dir, 'quá lớn.tif');
      sparseFile(tiff, Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), 4 * GiB + 1);
      const r = await p.api.archive.importPaths({ paths: [pdf, text, tiff] });
      expect(r.outcomes).toEqual([
        { input: pdf, status: 'rejected', reason: 'quá lớn.pdf: tệp quá lớn (hơn 1 GB).' },
        { input: text, status: 'rejected', reason: 'quá lớn.txt: tệp quá lớn (hơn 1 GB).' },
        { input: tiff, status: 'rejected', reason: 'quá lớn.tif: tệp quá lớn (hơn 4 GB).' },
      ]);
      expect(stagedLeftovers(p.dir)).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
