/**
 * Benchmark of the reference index (links between sources and the list of documents to collect)
 * at the scale of a provincial archive: DOCS documents (default 100,000) with 3 pages each on
 * average, ~1,200 characters of text a page, a third of the pages citing 1–3 documents by
 * number-and-symbol (Central Committee, provincial and State codes, some archived, some not, some
 * with a date written beside them). Rows are inserted as the importers insert them, so the
 * schema's triggers build every index.
 *
 * Prints one JSON object: build time; what reading references costs per page (suquan_refs) beside
 * what the search index's folding costs (suquan_fold, the baseline in the same run); a full rebuild
 * of the index (what the migration does on an existing project); the "to collect" list; a
 * document's links (median and worst of 20 documents, and of the most cited one).
 *
 *   SUQUAN_BENCH_DOCS=20000 npm run bench -- references
 */
import { mkdtempSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { ProjectSession } from '../electron/core/project/projectSession';
import { documentLinks } from '../electron/core/search/documentLinks';
import { toCollect } from '../electron/core/search/toCollect';
import { ABBREVIATIONS_SQL, REF_COLUMNS, refValues } from '../electron/core/store/referenceFunctions';
import { defaultTables } from '../shared/text/documentCodeTables';
import { rng, sentence } from '../tests/unit/publish/fixtures';

const DOCS = Number(process.env.SUQUAN_BENCH_DOCS ?? 100_000);
const session = new ProjectSession();
session.create(path.join(mkdtempSync(path.join(tmpdir(), 'suquan-refs-bench-')), 'Dự án.suquan'), 'Bench');
const { db } = session.require();
const r = rng(11);
const now = new Date().toISOString();
const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
const ISSUERS = ['TW', 'TW', 'TU', 'TU', 'TU', 'HU', 'ĐU'];
const TYPES = ['NQ', 'CT', 'KL', 'BC', 'TB', 'QĐ', 'KH'];
const codeOf = (n: number, type: string, issuer: string) => `${n}-${type}/${issuer}`;
const yearOf = () => 1945 + Math.floor(r() * 78);

const t0 = performance.now();
let pages = 0;
const BATCH = 2000;
db.prepare("INSERT INTO files(sha256, size, mime, original_name, imported_at) VALUES (?, 1, 'text/plain', 'x.txt', ?)").run('b'.repeat(64), now);
const doc = db.prepare('INSERT INTO documents(title, metadata, created_at, updated_at) VALUES (?, ?, ?, ?)');
const page = db.prepare("INSERT INTO pages(document_id, seq, file_sha256, width, height, text, text_source) VALUES (?, ?, ?, 100, 140, ?, 'ocr')");
for (let start = 0; start < DOCS; start += BATCH) {
  db.transaction(() => {
    for (let d = start; d < Math.min(DOCS, start + BATCH); d++) {
      const year = yearOf();
      const issuer = pick(ISSUERS);
      const type = pick(TYPES);
      const code = codeOf(1 + Math.floor(r() * 60), type, issuer);
      const meta = { code, docType: type, date: { text: `năm ${year}`, start: String(year), end: String(year) }, abstract: sentence(r, 10) };
      const id = Number(doc.run(`${type} số ${code}`, JSON.stringify(meta), now, now).lastInsertRowid);
      const count = 1 + Math.floor(r() * 5);
      for (let p = 1; p <= count; p++) {
        let text = Array.from({ length: 20 }, () => sentence(r, 10)).join(' ');
        if (r() < 0.33) {
          const refs = 1 + Math.floor(r() * 3);
          for (let k = 0; k < refs; k++) {
            const n = 1 + Math.floor(r() * 80);
            const written = r() < 0.2 ? ` ngày ${1 + Math.floor(r() * 28)}-${1 + Math.floor(r() * 12)}-${year - Math.floor(r() * 10)}` : '';
            const ref = r() < 0.1 ? `Quyết định số ${n}/QĐ-UBND` : `Nghị quyết số ${codeOf(n, pick(TYPES), pick(ISSUERS))}${written}`;
            const at = Math.floor(r() * text.length);
            const cut = text.indexOf(' ', at);
            text = cut < 0 ? `${text} ${ref}.` : `${text.slice(0, cut)} thực hiện ${ref},${text.slice(cut)}`;
          }
        }
        page.run(id, p, 'b'.repeat(64), text);
        pages++;
      }
    }
  })();
  if ((start / BATCH) % 10 === 9) process.stderr.write(`  ${start + BATCH} documents, ${pages} pages, ${Math.round((performance.now() - t0) / 1000)} s\n`);
}
const buildMs = performance.now() - t0;
const textMB = (db.prepare('SELECT sum(length(text)) AS n FROM pages').get() as { n: number }).n / 1e6;
const references = (db.prepare('SELECT count(*) AS n FROM document_refs').get() as { n: number }).n;

const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};
// The reader's cost per page beside the search index's folding of the same text.
const [, refsMs] = timed(() => db.prepare(`SELECT sum(length(suquan_refs(text, ${ABBREVIATIONS_SQL}))) FROM pages`).get());
const [, foldMs] = timed(() => db.prepare('SELECT sum(length(suquan_fold(text))) FROM pages').get());
// What migration 0017 does on an existing project: read every page again.
const [, rebuildMs] = timed(() =>
  db.transaction(() => {
    db.exec('DELETE FROM document_refs');
    db.exec(`INSERT INTO document_refs(${REF_COLUMNS}) SELECT ${refValues('p.id', 'p.document_id', 'p.seq')} FROM pages p, json_each(suquan_refs(p.text, ${ABBREVIATIONS_SQL})) r`);
  })(),
);

// The list is kept until the database changes: a write before each run makes it read again.
const lists: number[] = [];
let items = 0;
for (let i = 0; i < 3; i++) {
  db.prepare('UPDATE documents SET title = title WHERE id = 1').run();
  const [l, ms] = timed(() => toCollect(db, defaultTables));
  items = l.items.length;
  lists.push(ms);
}
lists.sort((a, b) => a - b);
const [, cachedMs] = timed(() => toCollect(db, defaultTables));

const linkTimes: number[] = [];
for (let i = 0; i < 20; i++) linkTimes.push(timed(() => documentLinks(db, 1 + Math.floor(r() * DOCS), defaultTables))[1]);
linkTimes.sort((a, b) => a - b);
// The most cited code's documents: "referred to by" reads every reference to it.
const top = db
  .prepare('SELECT code_key AS k, count(*) AS n FROM document_refs WHERE code_key IN (SELECT code_key FROM document_codes) GROUP BY code_key ORDER BY n DESC LIMIT 1')
  .get() as { k: string; n: number };
const topDoc = db.prepare('SELECT document_id AS id FROM document_codes WHERE code_key = ? LIMIT 1').get(top.k) as { id: number };
const [topLinks, topMs] = timed(() => documentLinks(db, topDoc.id, defaultTables));
session.close();

const round = (x: number) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify(
    {
      bench: 'references',
      documents: DOCS,
      pages,
      textMB: round(textMB),
      references,
      buildMs: Math.round(buildMs),
      loadAverage: os.loadavg().map(round),
      readerPerPageUs: { suquan_refs: round((refsMs * 1000) / pages), suquan_fold_baseline: round((foldMs * 1000) / pages) },
      fullRebuildMs: Math.round(rebuildMs),
      toCollect: { items, medianMs: round(lists[1]!), worstMs: round(lists[2]!), unchangedMs: round(cachedMs) },
      documentLinks: { medianMs: round(linkTimes[10]!), worstMs: round(linkTimes[19]!) },
      mostCited: { references: top.n, referredBy: topLinks.referredBy.length + topLinks.possiblyReferredBy.length, ms: round(topMs) },
    },
    null,
    2,
  ),
);
