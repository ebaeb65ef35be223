/**
 * A page of text far longer than a chunk of the search index (store/pageChunks.ts): a text file of
 * more than a megabyte imported for real, with one phrase only near its start and another only near its
 * end. Search and the catalogue find both, with a short snippet that marks the right words, as the
 * page is salvaged, edited, its document renamed and deleted; a project whose index was written before
 * chunks (schema 17) is indexed again in chunks when it opens. What this costs at 200 MB is
 * measured by bench/hugePage.bench.ts, not here.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveSearchHit } from '../../../shared/api/archive';
import { salvageProject } from '../../../electron/core/backup/salvage';
import { migrate, openProjectDatabase } from '../../../electron/core/store/projectDatabase';
import { searchArchive } from '../../../electron/core/search/archiveSearch';
import { CHUNK_CHARS } from '../../../electron/core/store/pageChunks';
import { openNewProject, tempDir } from './fixtures';

const FILLER = 'Nhân dân các xã trong huyện tích cực tăng gia sản xuất, xây dựng hợp tác xã, góp phần vào sự nghiệp chung. ';
const START = 'Phong trào Xô Viết Nghệ Tĩnh bùng nổ. ';
const END = 'Chiến thắng Điện Biên Phủ lừng lẫy năm châu. ';
/** About 1.3 MB: twenty chunks (indexing costs about a second a megabyte: the size is kept small). */
const REPEAT = 12_000;

function longText(): string {
  return FILLER.repeat(20) + START + FILLER.repeat(REPEAT) + END + FILLER.repeat(20);
}

/** The words a snippet marks. */
const marked = (h: ArchiveSearchHit) => h.snippet.marks.map(([a, b]) => h.snippet.text.slice(a, b));

type Project = Awaited<ReturnType<typeof openNewProject>>;
let p: Project;
let docId = 0;
let shortId = 0;

async function importText(name: string, text: string): Promise<number> {
  const file = path.join(tempDir(), `${name}.txt`);
  writeFileSync(file, text);
  const o = (await p.api.archive.importPaths({ paths: [file] })).outcomes[0]!;
  if (o.status !== 'imported') throw new Error(JSON.stringify(o));
  return o.documentId;
}

beforeAll(async () => {
  p = await openNewProject();
  expect(longText().length).toBeGreaterThan(15 * CHUNK_CHARS);
  docId = await importText('bao-cao-dai', longText());
  shortId = await importText('thu-ngan', 'Thư gửi đồng bào: chiến thắng Điện Biên Phủ là của toàn dân.');
}, 60_000);
afterAll(() => p.close());

const search = (query: string) => p.api.archive.search({ query });

describe('a page of more than a megabyte', () => {
  it('is found by words near its end and near its start, with a short snippet marking them', async () => {
    const end = await search('"Điện Biên Phủ" lừng lẫy');
    expect(end.hits.map((h) => h.documentId)).toEqual([docId]);
    const hit = end.hits[0]!;
    expect(hit.snippet.text.length).toBeLessThan(400);
    expect(hit.snippet.text.startsWith('…')).toBe(true);
    expect(hit.snippet.text.endsWith('…')).toBe(true);
    expect(marked(hit)).toEqual(['Điện Biên Phủ', 'lừng', 'lẫy']);

    const start = await search('nghe tinh');
    expect(start.hits.map((h) => h.documentId)).toEqual([docId]);
    expect(start.hits[0]!.snippet.text.length).toBeLessThan(400);
    expect(marked(start.hits[0]!)).toEqual(['Nghệ', 'Tĩnh']);

    // Both documents, each once, the short letter's snippet from its own text.
    const both = await search('dien bien phu');
    expect(both.hits.map((h) => h.documentId).sort()).toEqual([docId, shortId].sort());
    for (const h of both.hits) {
      expect(h.snippet.text.length).toBeLessThan(400);
      expect(marked(h)).toEqual(['Điện', 'Biên', 'Phủ']);
    }
  });

  it('is left out when it has an excluded word anywhere, even far from the words searched', async () => {
    expect((await search('Điện Biên -Nghệ')).hits.map((h) => h.documentId)).toEqual([shortId]);
    expect((await search('Nghệ Tĩnh -"lừng lẫy"')).hits).toEqual([]);
    expect((await search('Điện Biên -"Xô Viết"')).hits.map((h) => h.documentId)).toEqual([shortId]);
    expect((await search('Điện Biên -"Hà Nội"')).hits.map((h) => h.documentId).sort()).toEqual([docId, shortId].sort());
  });

  it('counts once in a search for a word on every line of it, with a short snippet', async () => {
    const r = await search('tang gia');
    expect(r.hits.map((h) => h.documentId)).toEqual([docId]);
    expect(r.hits[0]!.matchingPages).toBe(1);
    expect(r.hits[0]!.snippet.text.length).toBeLessThan(400);
    expect(marked(r.hits[0]!).slice(0, 2)).toEqual(['tăng', 'gia']);
  });

  it('takes a page once among a thousand others, however many of its chunks match, and says the total is exact', async () => {
    const db = p.app.session.require().db;
    const sha = db.prepare('SELECT file_sha256 FROM pages LIMIT 1').pluck().get() as string;
    const now = new Date().toISOString();
    const others: number[] = [];
    db.transaction(() => {
      for (let i = 0; i < 990; i++) {
        const id = Number(db.prepare("INSERT INTO documents(title, metadata, created_at, updated_at) VALUES (?, '{}', ?, ?)").run(`Báo cáo ${i}`, now, now).lastInsertRowid);
        db.prepare("INSERT INTO pages(document_id, seq, file_sha256, width, height, text, text_source) VALUES (?, 1, ?, 0, 0, 'Xã viên tăng gia sản xuất.', 'typed')").run(id, sha);
        others.push(id);
      }
    })();
    // 991 pages: more than RANK_CAP rows of the index (the long page's 20 chunks), fewer pages.
    const r = await search('tang gia');
    expect(r.total).toBe(991);
    expect(r.totalIsExact).toBe(true);
    db.prepare('DELETE FROM documents WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(others));
    expect((await search('tang gia')).total).toBe(1);
  });

  it('shows the words in the catalogue with a short snippet, and a filter meets them far into the page', async () => {
    const doc = await p.api.archive.getDocument({ id: docId });
    await p.api.archive.updateMetadata({ id: docId, baseVersion: doc.version, patch: { tags: ['kháng chiến'] } });
    const query = (tags: string[]) => p.api.catalogue.query({ filter: { words: 'Điện Biên Phủ', tags }, sort: { key: 'relevance' }, offset: 0, limit: 10 });
    const page = await query(['kháng chiến']);
    expect(page.rows.map((r) => r.id)).toEqual([docId]);
    expect(page.rows[0]!.hit!.snippet.text.length).toBeLessThan(400);
    expect(marked(page.rows[0]!.hit as ArchiveSearchHit)).toEqual(['Điện', 'Biên', 'Phủ']);
    expect((await query(['hòa bình'])).rows).toEqual([]);
  });

  it('is saved by a salvage, its chunks made again from its text', async () => {
    const to = path.join(tempDir(), 'Dự án cứu được');
    const report = await salvageProject(p.dir, to);
    expect(report.tables.filter((t) => t.rejected > 0)).toEqual([]);
    const { db } = openProjectDatabase(path.join(to, 'project.sqlite'), { create: false });
    try {
      const r = searchArchive(db, '"Điện Biên Phủ" lừng lẫy', 10);
      expect(r.hits.map((h) => h.title)).toEqual(['bao-cao-dai']);
      expect(r.hits[0]!.snippet.text.length).toBeLessThan(400);
      expect(marked(r.hits[0]!)).toEqual(['Điện Biên Phủ', 'lừng', 'lẫy']);
    } finally {
      db.close();
    }
  }, 60_000);

  it('follows a renamed document and an edited text, and forgets a deleted one', async () => {
    const doc = await p.api.archive.getDocument({ id: docId });
    await p.api.archive.updateDocument({ id: docId, baseVersion: doc.version, title: 'Báo cáo tổng kết kháng chiến' });
    // The title is searched with the words of every chunk.
    expect((await search('tong ket "Điện Biên Phủ"')).hits.map((h) => h.documentId)).toEqual([docId]);

    const pageId = (await search('lừng lẫy')).hits[0]!.pageId;
    const db = p.app.session.require().db;
    // An edit of the page's text, as a transcription makes it: the phrase near the end is gone.
    db.prepare('UPDATE pages SET text = ? WHERE id = ?').run(longText().replace(END, 'Hết. '), pageId);
    expect((await search('lừng lẫy')).hits).toEqual([]);
    expect((await search('Nghệ Tĩnh')).hits.map((h) => h.documentId)).toEqual([docId]);

    await p.api.archive.deleteDocument({ id: docId });
    expect((await search('tang gia')).hits).toEqual([]);
    expect((await search('Điện Biên Phủ')).hits.map((h) => h.documentId)).toEqual([shortId]);
    expect(db.prepare('SELECT count(*) FROM page_chunks').pluck().get()).toBe(0);
  });
});

describe('a project indexed before chunks', () => {
  it('is indexed again in chunks when it opens: the words near the end are found with a short snippet', () => {
    const db = new Database(path.join(tempDir(), 'old.sqlite'));
    migrate(db, 17);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO files(sha256, size, mime, original_name, imported_at) VALUES (?, 1, 'text/plain', 'a.txt', ?)").run('a'.repeat(64), now);
    const doc = Number(db.prepare("INSERT INTO documents(title, metadata, created_at, updated_at) VALUES ('Báo cáo', '{}', ?, ?)").run(now, now).lastInsertRowid);
    db.prepare("INSERT INTO pages(document_id, seq, file_sha256, width, height, text, text_source) VALUES (?, 1, ?, 0, 0, ?, 'extracted')").run(doc, 'a'.repeat(64), longText());
    migrate(db);
    const r = searchArchive(db, '"Điện Biên Phủ"', 10);
    expect(r.hits.map((h) => h.documentId)).toEqual([doc]);
    expect(r.hits[0]!.snippet.text.length).toBeLessThan(400);
    expect(marked(r.hits[0]!)).toEqual(['Điện Biên Phủ']);
    expect(searchArchive(db, 'nghe tinh', 10).hits.map((h) => h.documentId)).toEqual([doc]);
    db.exec("INSERT INTO search_pages(search_pages) VALUES ('integrity-check')");
    db.close();
  });
});
