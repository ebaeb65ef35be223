/**
 * Benchmark of archive search: 20,000 pages of ~2 KB Vietnamese text in 2,000 documents, indexed
 * by the schema's triggers as the importers' inserts would, then queries typed the way a team
 * types them (no diacritics, a code, a quoted phrase, a common and a rare word). Prints one JSON
 * object: indexing time and query times (median and worst of 5 runs each).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProjectSession } from '../electron/core/project/projectSession';
import { searchArchive } from '../electron/core/search/archiveSearch';
import { rng, sentence } from '../tests/unit/publish/fixtures';

const DOCS = 2000;
const PAGES_PER_DOC = 10;
const session = new ProjectSession();
session.create(path.join(mkdtempSync(path.join(tmpdir(), 'suquan-search-bench-')), 'Dự án.suquan'), 'Bench');
const { db } = session.require();
const r = rng(7);
const now = new Date().toISOString();
const t0 = performance.now();
db.transaction(() => {
  db.prepare("INSERT INTO files(sha256, size, mime, original_name, imported_at) VALUES (?, 1, 'text/plain', 'x.txt', ?)").run('b'.repeat(64), now);
  const doc = db.prepare('INSERT INTO documents(title, metadata, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const page = db.prepare('INSERT INTO pages(document_id, seq, file_sha256, width, height, text) VALUES (?, ?, ?, 100, 140, ?)');
  for (let d = 1; d <= DOCS; d++) {
    const meta = { code: `${d}-NQ/TU`, abstract: sentence(r, 12), people: ['Nguyễn Văn An'] };
    const id = Number(doc.run(`Nghị quyết số ${d}`, JSON.stringify(meta), now, now).lastInsertRowid);
    for (let p = 1; p <= PAGES_PER_DOC; p++) {
      const text = Array.from({ length: 9 }, () => sentence(r, 50)).join(' ');
      page.run(id, p, 'b'.repeat(64), d === 1234 && p === 5 ? `${text} Hợp tác xã Điện Biên Phủ thành lập.` : text);
    }
  }
})();
const indexMs = performance.now() - t0;
const textMB = (db.prepare('SELECT sum(length(text)) AS n FROM pages').get() as { n: number }).n / 1e6;

const queries = ['dang bo', 'nghi quyet', '1234-NQ/TU', '"hop tac xa dien bien"', 'dien bien phu', 'khang chien thang loi', 'an'];
const results: Record<string, { documents: number; medianMs: number; worstMs: number }> = {};
for (const q of queries) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    total = searchArchive(db, q, 100).total;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  results[q] = { documents: total, medianMs: Math.round(times[2]! * 10) / 10, worstMs: Math.round(times[4]! * 10) / 10 };
}
session.close();
console.log(JSON.stringify({ bench: 'search', pages: DOCS * PAGES_PER_DOC, textMB: Math.round(textMB * 10) / 10, indexMs: Math.round(indexMs), queries: results }, null, 2));
