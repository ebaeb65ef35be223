/** Implements the `manuscript` contract: books, their structure tree and chapter content. */
import type { ServiceImpl } from '../../../shared/api/contract';
import type { BookDetail, BookKind, BookNodeInfo, BookNodeKind, BookSummary, ChapterContent, RichDoc, manuscriptContract } from '../../../shared/api/manuscript';
import { UserFacingError } from '../../../shared/errors';
import type { ProjectSession } from '../project/projectSession';
import { deepNFC, toNFC } from '../text';

interface BookRow {
  id: number;
  kind: BookKind;
  title: string;
  subtitle: string;
  updated_at: string;
  chapter_count: number;
}

interface NodeRow {
  id: number;
  book_id: number;
  parent_id: number | null;
  kind: BookNodeKind;
  title: string;
  position: number;
  updated_at: string;
}

const bookSelect = `
  SELECT b.id, b.kind, b.title, b.subtitle, b.updated_at,
         (SELECT count(*) FROM book_nodes n WHERE n.book_id = b.id AND n.kind = 'chapter') AS chapter_count
  FROM books b`;

function toSummary(r: BookRow): BookSummary {
  return { id: r.id, kind: r.kind, title: r.title, chapterCount: r.chapter_count, updatedAt: r.updated_at };
}

function toNode(r: NodeRow): BookNodeInfo {
  return { id: r.id, bookId: r.book_id, parentId: r.parent_id, kind: r.kind, title: r.title, position: r.position, updatedAt: r.updated_at };
}

export function createManuscriptService(session: ProjectSession): ServiceImpl<typeof manuscriptContract> {
  function bookRow(id: number): BookRow {
    const row = session.require().db.prepare(`${bookSelect} WHERE b.id = ?`).get(id) as BookRow | undefined;
    if (!row) throw new UserFacingError('manuscript.book-not-found', `Không có sách số ${id}.`);
    return row;
  }

  function nodeRow(id: number): NodeRow {
    const row = session.require().db.prepare('SELECT * FROM book_nodes WHERE id = ?').get(id) as NodeRow | undefined;
    if (!row) throw new UserFacingError('manuscript.node-not-found', `Không có chương/mục số ${id}.`);
    return row;
  }

  function detail(id: number): BookDetail {
    const row = bookRow(id);
    const nodes = session
      .require()
      .db.prepare('SELECT * FROM book_nodes WHERE book_id = ? ORDER BY parent_id NULLS FIRST, position, id')
      .all(id) as NodeRow[];
    return { ...toSummary(row), subtitle: row.subtitle, nodes: nodes.map(toNode) };
  }

  return {
    listBooks() {
      const rows = session.require().db.prepare(`${bookSelect} ORDER BY b.id`).all() as BookRow[];
      return rows.map(toSummary);
    },

    createBook({ kind, title }) {
      const { db } = session.require();
      const now = new Date().toISOString();
      const r = db.prepare('INSERT INTO books(kind, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(kind, toNFC(title), now, now);
      return detail(Number(r.lastInsertRowid));
    },

    getBook({ id }) {
      return detail(id);
    },

    addChapter({ bookId, title }) {
      const { db } = session.require();
      bookRow(bookId);
      const now = new Date().toISOString();
      const id = db.transaction(() => {
        const next = (db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM book_nodes WHERE book_id = ? AND parent_id IS NULL').get(bookId) as { p: number }).p;
        const r = db
          .prepare("INSERT INTO book_nodes(book_id, parent_id, kind, position, title, created_at, updated_at) VALUES (?, NULL, 'chapter', ?, ?, ?, ?)")
          .run(bookId, next, toNFC(title), now, now);
        db.prepare('UPDATE books SET updated_at = ? WHERE id = ?').run(now, bookId);
        return Number(r.lastInsertRowid);
      })();
      return toNode(nodeRow(id));
    },

    renameNode({ id, title }) {
      const { db } = session.require();
      nodeRow(id);
      db.prepare('UPDATE book_nodes SET title = ?, updated_at = ? WHERE id = ?').run(toNFC(title), new Date().toISOString(), id);
      return toNode(nodeRow(id));
    },

    getChapter({ id }): ChapterContent {
      const { db } = session.require();
      const row = db.prepare('SELECT id, book_id, title, content, updated_at FROM book_nodes WHERE id = ?').get(id) as
        | { id: number; book_id: number; title: string; content: string; updated_at: string }
        | undefined;
      if (!row) throw new UserFacingError('manuscript.node-not-found', `Không có chương số ${id}.`);
      return { id: row.id, bookId: row.book_id, title: row.title, doc: JSON.parse(row.content) as RichDoc, updatedAt: row.updated_at };
    },

    saveChapter({ id, doc }) {
      const { db } = session.require();
      const node = nodeRow(id);
      const now = new Date().toISOString();
      const content = JSON.stringify(deepNFC(doc));
      db.transaction(() => {
        db.prepare('UPDATE book_nodes SET content = ?, updated_at = ? WHERE id = ?').run(content, now, id);
        db.prepare('UPDATE books SET updated_at = ? WHERE id = ?').run(now, node.book_id);
      })();
      return { updatedAt: now };
    },
  };
}
