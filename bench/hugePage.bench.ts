/**
 * Benchmark of search on a project holding one huge page of text (issue 14: one imported text file
 * of 200 MB made every search that found it take 26 s and 2 GB). The page is indexed in chunks
 * (store/pageChunks.ts, migration 0018); this measures, each step in a process of its own so that
 * its peak memory is its own:
 *
 *   index      inserting the page (as the text importer does: the triggers index it) beside 20 short documents
 *   search     searches hitting the page near its start, near its end, everywhere ("dang bo"), and missing it
 *   catalogue  the catalogue with words (its snippets)
 *   migrate    migration 0018 on a project of schema 17 holding a page of OLD_MB among PAGES ordinary pages
 *              (the ordinary pages' own index rows are not built: the migration reads only their length).
 *              Schema 17 indexes a page as one row: at 200 MB its triggers fail (V8's array size limit
 *              in the folding), which is why the old page is smaller.
 *
 * Prints one JSON object: time (ms) and peak resident memory (MB) of each step, the snippet length.
 *
 *   SUQUAN_BENCH_HUGE_MB=200 SUQUAN_BENCH_OLD_MB=20 SUQUAN_BENCH_PAGES=300000 npm run bench -- hugePage
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ProjectSession } from '../electron/core/project/projectSession';
import { queryCatalogue } from '../electron/core/catalogue/catalogueQuery';
import { searchArchive } from '../electron/core/search/archiveSearch';
import { migrate } from '../electron/core/store/projectDatabase';
import { rng, sentence } from '../tests/unit/publish/fixtures';

const MB = Number(process.env.SUQUAN_BENCH_HUGE_MB ?? 200);
const PAGES = Number(process.env.SUQUAN_BENCH_PAGES ?? 300_000);
const OLD_MB = Number(process.env.SUQUAN_BENCH_OLD_MB ?? Math.min(MB, 20));
const peakMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** About `mb` MB of Vietnamese text, a word only near its start ("đầutrang") and one only near its end ("cuốitrang"). */
function hugeText(mb: number): string {
  const r = rng(3);
  const parts = ['Mở đầu: chữ đầutrang chỉ có ở đầu trang. '];
  for (let n = 0; n < mb * 1e6; ) {
    const s = sentence(r, 60) + (parts.length % 20 === 0 ? '\n' : ' ');
    parts.push(s);
    n += Buffer.byteLength(s);
  }
  parts.push('Cuối cùng: chữ cuốitrang chỉ có ở cuối trang.');
  return parts.join('');
}

function insertPages(db: Database.Database, huge: string) {
  const now = new Date().toISOString();
  db.prepare("INSERT OR IGNORE INTO files(sha256, size, mime, original_name, imported_at) VALUES (?, 1, 'text/plain', 'x.txt', ?)").run('b'.repeat(64), now);
  const doc = db.prepare('INSERT INTO documents(title, metadata, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const page = db.prepare("INSERT INTO pages(document_id, seq, file_sha256, width, height, text, text_source) VALUES (?, 1, ?, 0, 0, ?, 'extracted')");
  page.run(Number(doc.run('Tài liệu rất lớn', '{}', now, now).lastInsertRowid), 'b'.repeat(64), huge);
}

const step = process.argv[2];
const dir = process.argv[3] ?? '';
const project = path.join(dir, 'Dự án.suquan');
const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, Math.round(performance.now() - t)];
};

if (step === 'index') {
  const session = new ProjectSession();
  session.create(project, 'Bench');
  const { db } = session.require();
  const huge = hugeText(MB);
  const before = peakMB();
  const [, ms] = timed(() =>
    db.transaction(() => {
      insertPages(db, huge);
      const r = rng(5);
      const now = new Date().toISOString();
      for (let d = 1; d <= 20; d++) {
        const id = Number(db.prepare("INSERT INTO documents(title, metadata, created_at, updated_at) VALUES (?, '{}', ?, ?)").run(`Nghị quyết số ${d}`, now, now).lastInsertRowid);
        db.prepare("INSERT INTO pages(document_id, seq, file_sha256, width, height, text) VALUES (?, 1, ?, 0, 0, ?)").run(id, 'b'.repeat(64), `Đảng bộ tỉnh ${sentence(r, 200)}`);
      }
    })(),
  );
  session.close();
  console.log(JSON.stringify({ ms, peakMB: peakMB(), peakBeforeMB: before, chars: huge.length }));
} else if (step === 'search' || step === 'catalogue') {
  const session = new ProjectSession();
  session.open(project);
  const { db } = session.require();
  const out: Record<string, unknown> = {};
  for (const q of ['cuoitrang', 'đầutrang', 'dang bo', 'khongcotu']) {
    const [r, ms] = timed(() =>
      step === 'search'
        ? searchArchive(db, q, 50).hits.map((h) => h.snippet.text.length)
        : queryCatalogue(db, { words: q }, { key: 'relevance' } as never, 0, 50).rows.map((row) => row.hit?.snippet.text.length ?? 0),
    );
    const [, again] = timed(() => (step === 'search' ? searchArchive(db, q, 50) : queryCatalogue(db, { words: q }, { key: 'relevance' } as never, 0, 50)));
    out[q] = { ms, againMs: again, hits: r.length, longestSnippet: Math.max(0, ...r) };
  }
  session.close();
  console.log(JSON.stringify({ ...out, peakMB: peakMB() }));
} else if (step === 'migrate') {
  const db = new Database(path.join(dir, 'old.sqlite'));
  migrate(db, 17);
  // Ordinary pages without their index rows (the migration reads only their length): fast to make.
  const triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'pages'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare("INSERT INTO files(sha256, size, mime, original_name, imported_at) VALUES (?, 1, 'text/plain', 'x.txt', ?)").run('b'.repeat(64), now);
    const doc = db.prepare("INSERT INTO documents(title, metadata, created_at, updated_at) VALUES ('Báo cáo', '{}', ?, ?)");
    const page = db.prepare('INSERT INTO pages(document_id, seq, file_sha256, width, height, text) VALUES (?, ?, ?, 0, 0, ?)');
    const r = rng(9);
    const texts = Array.from({ length: 50 }, () => Array.from({ length: 20 }, () => sentence(r, 10)).join(' '));
    let id = 0;
    for (let i = 0; i < PAGES; i++) {
      if (i % 3 === 0) id = Number(doc.run(now, now).lastInsertRowid);
      page.run(id, (i % 3) + 1, 'b'.repeat(64), texts[i % texts.length]);
    }
  })();
  for (const t of triggers) db.exec(t.sql);
  db.transaction(() => insertPages(db, hugeText(OLD_MB)))();
  const before = peakMB();
  const [, ms] = timed(() => migrate(db, 18));
  migrate(db);
  const [hits, searchMs] = timed(() => searchArchive(db, 'cuoitrang', 10).hits.map((h) => h.snippet.text.length));
  db.close();
  console.log(JSON.stringify({ pages: PAGES + 1, hugeMB: OLD_MB, ms, peakMB: peakMB(), peakBeforeMB: before, search: { ms: searchMs, longestSnippet: Math.max(0, ...hits) } }));
} else {
  const self = fileURLToPath(import.meta.url);
  const work = mkdtempSync(path.join(tmpdir(), 'suquan-huge-bench-'));
  const run = (s: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, s, work], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    if (r.status !== 0) return { error: `exit ${r.status ?? r.signal}` };
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as unknown;
  };
  const result = { bench: 'hugePage', mb: MB, index: run('index'), search: run('search'), catalogue: run('catalogue'), migrate: run('migrate') };
  // Both projects together take 1.4 GB at 200 MB (the page's text is kept twice: the page and its chunks).
  rmSync(work, { recursive: true, force: true });
  console.log(JSON.stringify(result, null, 2));
}
