/**
 * Ids are never given twice: a chapter that cites (or shows a page of) a document deleted since
 * keeps pointing at a missing document, never at the next import, which used to take the deleted
 * document's id and print as the citation's source. Through the real services (import, chapter,
 * delete, import, the check before printing), and the migration of a project made before.
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/store/projectDatabase';
import { makeScan, openNewProject, tempDir } from './fixtures';

type Project = Awaited<ReturnType<typeof openNewProject>>;
let p: Project;
beforeAll(async () => {
  p = await openNewProject();
});
afterAll(() => p.close());

async function importScan(seed: number): Promise<{ documentId: number; pageId: number }> {
  const file = path.join(tempDir(), `bản quét ${seed}.jpg`);
  writeFileSync(file, await makeScan('jpeg', 300, 420, seed));
  const o = (await p.api.archive.importPaths({ paths: [file] })).outcomes[0]!;
  if (o.status !== 'imported') throw new Error(JSON.stringify(o));
  const doc = await p.api.archive.getDocument({ id: o.documentId });
  return { documentId: o.documentId, pageId: doc.pages[0]!.id };
}

describe('a deleted document keeps its id', () => {
  it('the next import takes a new id, and the citation of the deleted one is reported missing, not printed as the new one', async () => {
    await importScan(1);
    const cited = await importScan(2);
    const book = await p.api.manuscript.createBook({ kind: 'history', title: 'Lịch sử Đảng bộ xã' });
    const chapter = await p.api.manuscript.addChapter({ bookId: book.id, title: 'Chương một' });
    const { version } = await p.api.manuscript.getChapter({ id: chapter.id });
    const content = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Chi bộ được thành lập.' },
            { type: 'footnote', content: [{ type: 'citation', attrs: { documentId: cited.documentId, pageId: cited.pageId, pageSeq: 1, folio: '', text: 'Báo cáo.' } }] },
          ],
        },
        { type: 'figure', attrs: { documentId: cited.documentId, pageId: cited.pageId, pageSeq: 1 }, content: [{ type: 'text', text: 'Trang đầu' }] },
      ],
    };
    const saved = await p.api.manuscript.saveChapter({ id: chapter.id, doc: content as never, baseVersion: version });
    expect(saved.status).toBe('saved');

    // The newest document goes; another is imported.
    await p.api.archive.deleteDocument({ id: cited.documentId });
    const next = await importScan(3);
    expect(next.documentId).toBeGreaterThan(cited.documentId);
    expect(next.pageId).toBeGreaterThan(cited.pageId);

    const findings = (await p.api.publish.preflight({ bookId: book.id })).findings.filter((f) => f.kind === 'missing-document');
    expect(findings.length).toBe(2); // the citation and the figure
    expect(findings.every((f) => f.documentId === undefined || f.documentId === cited.documentId)).toBe(true);
  });
});

describe('a project made before ids were kept', () => {
  it('is rebuilt with its rows, indexes and triggers, and never gives an id a chapter still refers to', () => {
    const db = new Database(path.join(tempDir(), 'old.sqlite'));
    migrate(db, 17);
    const now = '2026-01-01T00:00:00Z';
    const sha = 'b'.repeat(64);
    db.prepare("INSERT INTO files(sha256, size, mime, original_name, imported_at) VALUES (?, 1, 'text/plain', 'a.txt', ?)").run(sha, now);
    for (const id of [1, 2, 3]) {
      db.prepare('INSERT INTO documents(id, title, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, `Tài liệu ${id}`, JSON.stringify({ code: `${id}-NQ/TU` }), now, now);
      db.prepare('INSERT INTO pages(document_id, seq, file_sha256, width, height, text) VALUES (?, 1, ?, 1, 1, ?)').run(id, sha, `Hội nghị lần thứ ${id} của Tỉnh ủy`);
    }
    db.prepare("INSERT INTO index_names(kind, name, fold, created_at) VALUES ('person', 'Lò Văn Puộn', 'lo van puon', ?)").run(now);
    // A chapter citing document 7 and page 9 and name 5, all deleted before the migration.
    db.prepare("INSERT INTO books(id, kind, title, created_at, updated_at) VALUES (1, 'history', 'Sách', ?, ?)").run(now, now);
    const chapter = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'footnote', content: [{ type: 'citation', attrs: { documentId: 7, pageId: 9, text: 'x' } }] }, { type: 'mention', attrs: { nameId: 5 } }] },
      ],
    };
    db.prepare("INSERT INTO book_nodes(book_id, kind, position, title, content, created_at, updated_at) VALUES (1, 'chapter', 1, 'Chương', ?, ?, ?)").run(JSON.stringify(chapter), now, now);
    const schemaOf = () => db.prepare("SELECT type, name, tbl_name FROM sqlite_schema WHERE tbl_name IN ('documents', 'pages', 'index_names') AND type IN ('index', 'trigger') ORDER BY name").all();
    const before = schemaOf();
    const rowsOf = () => ({
      documents: db.prepare('SELECT * FROM documents ORDER BY id').all(),
      pages: db.prepare('SELECT * FROM pages ORDER BY id').all(),
      catalogue: db.prepare('SELECT id FROM catalogue ORDER BY id').pluck().all(),
      codes: db.prepare('SELECT document_id, code_key FROM document_codes ORDER BY document_id').all(),
    });
    const rows = rowsOf();
    const foreignKeys = db.pragma('foreign_keys', { simple: true });

    migrate(db);
    expect(schemaOf()).toEqual(before);
    expect(rowsOf()).toEqual(rows);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(foreignKeys); // as it was before the migration
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The triggers still keep the search index and the catalogue.
    expect(db.prepare("SELECT count(*) FROM search_pages WHERE search_pages MATCH 'tinh'").pluck().get()).toBe(3);

    const newDoc = Number(db.prepare("INSERT INTO documents(title, created_at, updated_at) VALUES ('Mới', ?, ?)").run(now, now).lastInsertRowid);
    const newPage = Number(db.prepare('INSERT INTO pages(document_id, seq, file_sha256, width, height) VALUES (?, 1, ?, 1, 1)').run(newDoc, sha).lastInsertRowid);
    const newName = Number(db.prepare("INSERT INTO index_names(kind, name, fold, created_at) VALUES ('place', 'Phong Thổ', 'phong tho', ?)").run(now).lastInsertRowid);
    expect([newDoc, newPage, newName]).toEqual([8, 10, 6]);
    expect(db.prepare('SELECT id FROM catalogue WHERE id = ?').pluck().get(newDoc)).toBe(newDoc);
    // Deleting the newest document does not give its id again.
    db.prepare('DELETE FROM documents WHERE id = ?').run(newDoc);
    expect(Number(db.prepare("INSERT INTO documents(title, created_at, updated_at) VALUES ('Sau', ?, ?)").run(now, now).lastInsertRowid)).toBe(9);
    db.close();
  });
});
