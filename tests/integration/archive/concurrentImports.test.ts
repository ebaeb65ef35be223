/**
 * Two imports of the same folder at once never store one file as two documents (issue 10). The
 * duplicate check and the insert are one IMMEDIATE transaction keyed on the file's SHA-256, so of
 * two processes importing the same file together, one imports it and the other reports it as a
 * duplicate of that document — as a sequential re-import does.
 *
 * Two ways: two processes running the real import job on the same project without the project
 * lock (what happens if the lock is taken over while its holder still runs, or between machines
 * on a shared folder whose clocks disagree), and two real `suquan import` runs started together
 * (the lock lets one in; the other is refused with a sentence naming the holder, or, if it came
 * second, imports and finds every file already there).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';
import { makeScan, makeScannedPdf, makeTiff, openNewProject, tempDir } from './fixtures';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const ROUNDS = 4;
const FILES = 15;
const configHome = tempDir('suquan-concurrent-config-');

interface Outcome {
  input: string;
  status: 'imported' | 'duplicate' | 'rejected';
  documentId?: number;
  reason?: string;
}

function run(args: string[], onLine?: (line: string) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, XDG_CONFIG_HOME: configHome } });
    let stdout = '';
    let stderr = '';
    // Decoded as a stream: a Vietnamese letter split between two chunks stays whole.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      stdout += d;
      if (onLine) for (const l of d.split('\n')) if (l) onLine(l);
    });
    child.stderr.on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A folder of FILES distinct files (scans, a multi-page TIFF, a PDF, text), one copied under a second name. */
async function folder(round: number): Promise<string> {
  const dir = path.join(tempDir(), `Hồ sơ vòng ${round}`);
  mkdirSync(dir);
  const seed = round * 100;
  for (let i = 0; i < 8; i++) writeFileSync(path.join(dir, `trang ${i + 1}.jpg`), await makeScan('jpeg', 300, 420, seed + i));
  for (let i = 0; i < 3; i++) writeFileSync(path.join(dir, `ảnh ${i + 1}.png`), await makeScan('png', 240, 320, seed + 50 + i));
  writeFileSync(path.join(dir, 'nhiều trang.tif'), await makeTiff(2 + round, { width: 200 + round, height: 260 }));
  writeFileSync(path.join(dir, 'bản quét.pdf'), (await makeScannedPdf(1, { jpegs: [await makeScan('jpeg', 300, 420, seed + 90)] })).pdf);
  writeFileSync(path.join(dir, 'ghi chép.txt'), `Vòng ${round}: biên bản họp chi bộ.\n`);
  // The same bytes under another name: one document, whoever imports it.
  writeFileSync(path.join(dir, 'trang 1 (bản sao).jpg'), await makeScan('jpeg', 300, 420, seed));
  return dir;
}

/** Files held by more than one document, and the number of documents. */
function storeState(projectDir: string) {
  const db = new Database(new ProjectLayout(projectDir).database, { readonly: true });
  try {
    const shared = db
      .prepare('SELECT file_sha256 AS sha, count(DISTINCT document_id) AS docs FROM pages GROUP BY file_sha256 HAVING docs > 1')
      .all() as { sha: string; docs: number }[];
    const documents = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    const files = (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    return { shared, documents, files };
  } finally {
    db.close();
  }
}

/** Every input has exactly one 'imported' across the two runs or none; the duplicates point at that document. */
function checkPair(a: Outcome[], b: Outcome[], inputs: string[]): string[] {
  const problems: string[] = [];
  const byInput = (list: Outcome[]) => new Map(list.map((o) => [o.input, o]));
  const [ma, mb] = [byInput(a), byInput(b)];
  for (const input of inputs) {
    const pair = [ma.get(input), mb.get(input)];
    if (pair.some((o) => !o || o.status === 'rejected')) problems.push(`${input}: ${JSON.stringify(pair)}`);
    const ids = new Set(pair.map((o) => o?.documentId));
    if (ids.size !== 1) problems.push(`${input}: two documents ${[...ids].join(', ')}`);
  }
  return problems;
}

const closers: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

describe('two imports of the same folder at once', () => {
  it(`two processes importing together, ${ROUNDS} rounds of ${FILES} files: each file one document, the other process told it is a duplicate`, async () => {
    const p = await openNewProject('Nhập đồng thời');
    const projectDir = p.dir;
    // The project stays open in this process (holding its lock); the two importers bypass the lock on purpose.
    closers.push(() => p.close());
    const child = path.join(import.meta.dirname, 'concurrentImports.child.ts');
    let expectedDocs = 0;
    const tally = { imported: 0, duplicate: 0 };
    for (let round = 1; round <= ROUNDS; round++) {
      const dir = await folder(round);
      const go = path.join(tempDir(), 'go');
      let ready = 0;
      const both = [0, 1].map(() =>
        run(['--import', 'tsx', child, projectDir, dir, go], (line) => {
          if (line === 'ready' && ++ready === 2) writeFileSync(go, '');
        }),
      );
      const results = await Promise.all(both);
      const reports = results.map((r) => {
        expect(r.code, r.stderr).toBe(0);
        return JSON.parse(r.stdout.trim().split('\n').pop()!) as { state: string; error?: string; outcomes: Outcome[] };
      });
      for (const r of reports) expect(r.state, r.error).toBe('done');
      const inputs = reports[0]!.outcomes.map((o) => o.input);
      expect(inputs).toHaveLength(FILES);
      expect(checkPair(reports[0]!.outcomes, reports[1]!.outcomes, inputs)).toEqual([]);
      for (const r of reports) for (const o of r.outcomes) tally[o.status as 'imported' | 'duplicate']++;
      expectedDocs += FILES - 1; // the copy under a second name is a duplicate
      const state = storeState(projectDir);
      expect(state.shared).toEqual([]);
      expect(state.documents).toBe(expectedDocs);
      expect(state.files).toBe(expectedDocs);
    }
    console.log(JSON.stringify({ concurrentJobs: { rounds: ROUNDS, filesPerRound: FILES, ...tally } }));
    // Each file imported exactly once over both processes; every other outcome a duplicate.
    expect(tally.imported).toBe(ROUNDS * (FILES - 1));
    expect(tally.duplicate).toBe(ROUNDS * (FILES + 1));
    const check = await p.api.archive.check({});
    expect(check).toMatchObject({ ok: true, problems: [] });
  }, 300_000);

  it('two `suquan import` runs started together: never two documents for one file', async () => {
    const work = tempDir();
    const projectDir = path.join(work, 'Dự án CLI.suquan');
    const bin = path.join(root, 'bin', 'suquan.js');
    expect((await run([bin, 'init', projectDir, '--json'])).code).toBe(0);
    let expectedDocs = 0;
    const seen = { bothRan: 0, oneRefused: 0 };
    for (let round = 1; round <= 3; round++) {
      const dir = await folder(10 + round);
      const results = await Promise.all([0, 1].map(() => run([bin, 'import', projectDir, dir, '--json'])));
      const ran = results.filter((r) => r.code === 0);
      const refused = results.filter((r) => r.code !== 0);
      // A run that did not import was refused because the other held the project, in a sentence.
      for (const r of refused) {
        expect(r.code, r.stdout + r.stderr).toBe(1);
        expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'project.locked', message: expect.stringContaining('đang được mở bởi') } });
      }
      expect(ran.length).toBeGreaterThanOrEqual(1);
      const reports = ran.map((r) => (JSON.parse(r.stdout) as { result: { outcomes: Outcome[] } }).result.outcomes);
      const inputs = reports[0]!.map((o) => o.input);
      if (reports.length === 2) {
        seen.bothRan++;
        expect(checkPair(reports[0]!, reports[1]!, inputs)).toEqual([]);
      } else seen.oneRefused++;
      expectedDocs += FILES - 1;
      const state = storeState(projectDir);
      expect(state.shared).toEqual([]);
      expect(state.documents).toBe(expectedDocs);
    }
    console.log(JSON.stringify({ concurrentCli: seen }));
  }, 300_000);
});
