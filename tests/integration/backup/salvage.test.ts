/**
 * `suquan salvage` on a deliberately damaged project: a leaf page of the pages table and one of
 * the revisions table overwritten in project.sqlite, and one original changed on disk. The new
 * project passes `suquan check`, keeps every row on the undamaged pages, and the report names
 * what was lost by document and page.
 */
import { chmodSync, closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeProject, suquan, tempDir } from './project';

interface Leaf {
  pageno: number;
  ncell: number;
}

/** Leaf pages of a table's b-tree (SQLite's dbstat), with how many rows each holds. */
function leavesOf(db: Database.Database, table: string): Leaf[] {
  return db.prepare("SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").all(table) as Leaf[];
}

describe('suquan salvage', () => {
  it('saves every readable row and every intact original of a damaged project into one that passes check', async () => {
    const project = await makeProject({ documents: 12, pagesPerDocument: 25 });
    const file = path.join(project.dir, 'project.sqlite');
    const db = new Database(file);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pageLeaves = leavesOf(db, 'pages');
    const revisionLeaves = leavesOf(db, 'chapter_revisions');
    expect(pageLeaves.length).toBeGreaterThan(4);
    const hit = pageLeaves[Math.floor(pageLeaves.length / 2)]!;
    // Every page (document, number) before the damage.
    const doomed = db.prepare('SELECT id, document_id AS documentId, seq FROM pages ORDER BY id').all() as { id: number; documentId: number; seq: number }[];
    expect(doomed).toHaveLength(300);
    // A changed original (its bytes no longer match its name) on a page that survives.
    const changed = db.prepare('SELECT file_sha256 AS sha, document_id AS documentId, seq FROM pages WHERE id = 1').get() as { sha: string; documentId: number; seq: number };
    const totals = {
      documents: (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n,
      revisions: (db.prepare('SELECT count(*) AS n FROM chapter_revisions').get() as { n: number }).n,
      books: (db.prepare('SELECT count(*) AS n FROM books').get() as { n: number }).n,
    };
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    const fd = openSync(file, 'r+');
    const garbage = Buffer.alloc(pageSize, 0xa5);
    garbage[0] = 0x00; // not a b-tree page type: SQLite reports the page as malformed
    writeSync(fd, garbage, 0, pageSize, (hit.pageno - 1) * pageSize);
    if (revisionLeaves.length > 1) writeSync(fd, garbage, 0, pageSize, (revisionLeaves.at(-1)!.pageno - 1) * pageSize);
    closeSync(fd);
    const original = path.join(project.dir, 'files', changed.sha.slice(0, 2), changed.sha);
    chmodSync(original, 0o644);
    const bytes = readFileSync(original);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(original, bytes);

    // The damaged project itself no longer passes check.
    expect(suquan('check', project.dir).code).not.toBe(0);

    const to = path.join(tempDir(), 'Dự án cứu được');
    const r = suquan('salvage', project.dir, '--to', to, '--json');
    expect(r.code, r.stderr + r.stdout).toBe(2); // ran, and something was lost
    const report = JSON.parse(r.stdout).result;
    const table = (name: string) => report.tables.find((t: { table: string }) => t.table === name);

    // Pages: all but the damaged leaf's rows and the page whose original changed.
    const pages = table('pages');
    expect(pages.expected).toBe(300);
    expect(pages.unreadable.length).toBeGreaterThan(0);
    expect(pages.saved).toBe(300 - hit.ncell - 1);
    const lostIds = new Set<number>();
    for (const [from, until] of pages.unreadable as [number, number][]) for (const p of doomed) if (p.id >= from && p.id <= until) lostIds.add(p.id);
    expect(lostIds.size).toBe(hit.ncell);
    // The lost pages are named by document and page number (read from the pages' own index).
    const named = (report.lostPages as { documentId: number; pages: number[] }[]).flatMap((d) => d.pages.map((seq) => `${d.documentId}:${seq}`));
    expect(new Set(named)).toEqual(new Set(doomed.filter((p) => lostIds.has(p.id)).map((p) => `${p.documentId}:${p.seq}`)));
    expect(table('documents')).toMatchObject({ saved: totals.documents, expected: totals.documents });
    expect(table('books')).toMatchObject({ saved: totals.books });
    if (revisionLeaves.length > 1) expect(table('chapter_revisions').saved).toBe(totals.revisions - revisionLeaves.at(-1)!.ncell);

    // The changed original is lost, named with its document and page.
    expect(report.originals.lost).toEqual([{ sha256: changed.sha, reason: 'changed', documents: [{ documentId: changed.documentId, title: expect.any(String), pages: [changed.seq] }] }]);
    expect(report.originals.saved).toBe(300 - 1);
    expect(report.check.ok).toBe(true);

    // The new project passes check, and its rows are the readable ones, unchanged.
    const check = suquan('check', to);
    expect(check.code, check.stdout).toBe(0);
    const saved = new Database(path.join(to, 'project.sqlite'), { readonly: true });
    const savedIds = (saved.prepare('SELECT id FROM pages ORDER BY id').all() as { id: number }[]).map((p) => p.id);
    expect(savedIds).toEqual(doomed.map((p) => p.id).filter((id) => !lostIds.has(id) && id !== 1));
    // The search index was rebuilt for the saved pages.
    expect((saved.prepare("SELECT count(*) AS n FROM search_pages WHERE search_pages MATCH 'dang'").get() as { n: number }).n).toBe(savedIds.length);
    // So was the catalogue: one row per saved document, counting its saved pages (derived, never copied).
    expect(saved.prepare('SELECT count(*) FROM catalogue').pluck().get()).toBe(totals.documents);
    expect(saved.prepare('SELECT sum(pages) FROM catalogue').pluck().get()).toBe(savedIds.length);
    expect(report.tables.some((t: { table: string }) => t.table === 'catalogue')).toBe(false);
    saved.close();

    // The human summary says what was saved and lost.
    const human = suquan('salvage', project.dir, '--to', path.join(tempDir(), 'lần hai'));
    expect(human.stdout).toContain(`trang: giữ ${300 - hit.ncell - 1}/300 dòng, mất ${hit.ncell + 1}`);
    expect(human.stdout).toContain('(mã băm không khớp)');
    expect(human.stdout).toContain('Trang bị mất vì cơ sở dữ liệu hỏng:');
  });
});
