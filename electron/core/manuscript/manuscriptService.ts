/** Implements the `manuscript` contract: books, their structure tree, chapter content and history. */
import type { ServiceImpl } from '../../../shared/api/contract';
import type {
  BookDetail,
  BookDetails,
  BookKind,
  BookNodeInfo,
  BookNodeKind,
  BookSummary,
  ChapterComment,
  ChapterContent,
  ChapterSaveResult,
  ChapterStatus,
  CitationPlace,
  NodeRole,
  ResolvedCitation,
  RevisionInfo,
  RevisionReason,
  RichDoc,
  manuscriptContract,
} from '../../../shared/api/manuscript';
import { citationSpans } from '../../../shared/manuscript/citation';
import { diffParagraphs, summarize } from '../../../shared/manuscript/diff';
import { citationKey, citationsOf, footnoteCount, outlineOf, paragraphTexts, wordCount, type CitationRef } from '../../../shared/manuscript/richDoc';
import { readRichDoc, readStoredRichDoc, validateRichDoc } from '../../../shared/manuscript/schema';
import { applyMove, checkMove, kindOfRole, roleTitles, type OutlineHeading } from '../../../shared/manuscript/structure';
import { UserFacingError } from '../../../shared/errors';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ProjectSession } from '../project/projectSession';
import type { Db } from '../store/projectDatabase';
import { deepNFC, toNFC } from '../text';
import { CitationIndex } from './citationIndex';
import { figurePageIds, warmFigureImages } from './figureImages';
import { NameRegistry } from './names';

/** "14:05 6/12/2026": a revision's time as the revisions list shows it (this computer's time zone). */
function revisionTime(iso: string): string {
  const d = new Date(iso);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${hm} ${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`;
}

/** Autosave keeps a revision when the last one is older than this. */
export const REVISION_INTERVAL_MS = 10 * 60 * 1000;

interface BookRow {
  id: number;
  kind: BookKind;
  title: string;
  subtitle: string;
  details: string;
  updated_at: string;
  version: number;
  chapter_count: number;
}

interface NodeRow {
  id: number;
  book_id: number;
  parent_id: number | null;
  kind: BookNodeKind;
  role: NodeRole;
  title: string;
  position: number;
  status: ChapterStatus;
  outline: string;
  deleted_at: string | null;
  updated_at: string;
  version: number;
}

interface RevisionRow {
  id: number;
  node_id: number;
  created_at: string;
  reason: RevisionReason;
  note: string;
  title: string;
  content: string;
  words: number;
}

const bookSelect = `
  SELECT b.id, b.kind, b.title, b.subtitle, b.details, b.updated_at, b.version,
         (SELECT count(*) FROM book_nodes n WHERE n.book_id = b.id AND n.kind = 'chapter' AND n.deleted_at IS NULL) AS chapter_count
  FROM books b`;

const nodeColumns = 'id, book_id, parent_id, kind, role, title, position, status, outline, deleted_at, updated_at, version';

function toSummary(r: BookRow): BookSummary {
  return { id: r.id, kind: r.kind, title: r.title, chapterCount: r.chapter_count, updatedAt: r.updated_at };
}

function toNode(r: NodeRow): BookNodeInfo {
  return {
    id: r.id,
    bookId: r.book_id,
    parentId: r.parent_id,
    kind: r.kind,
    role: r.role,
    title: r.title,
    position: r.position,
    status: r.status,
    outline: JSON.parse(r.outline) as OutlineHeading[],
    updatedAt: r.updated_at,
    version: r.version,
  };
}

interface CommentRow {
  id: number;
  node_id: number;
  author: string;
  text: string;
  quote: string;
  created_at: string;
  resolved_at: string | null;
}

function toComment(r: CommentRow): ChapterComment {
  return { id: r.id, nodeId: r.node_id, author: r.author, text: r.text, quote: r.quote, createdAt: r.created_at, resolvedAt: r.resolved_at };
}

function toRevision(r: RevisionRow): RevisionInfo {
  return { id: r.id, nodeId: r.node_id, createdAt: r.created_at, reason: r.reason, note: r.note, title: r.title, words: r.words };
}

/** Drops empty strings and empty lists so stored details stay small and readable. */
function compactDetails(d: BookDetails): BookDetails {
  const clean = (v: unknown): unknown => {
    if (typeof v === 'string') return v.trim() ? toNFC(v.trim()) : undefined;
    if (Array.isArray(v)) {
      const list = v.map(clean).filter((x) => x !== undefined);
      return list.length ? list : undefined;
    }
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const c = clean(x);
        if (c !== undefined) o[k] = c;
      }
      return Object.keys(o).length ? o : undefined;
    }
    return v;
  };
  return (clean(d) as BookDetails | undefined) ?? {};
}

/** Drafts are small (readDraft refuses more than 50 MB); a bigger file is refused before it is read. */
const MAX_DRAFT_BYTES = 50 * 1024 * 1024;

/** A draft's bytes from disk, with one sentence when the path does not lead to a readable file. */
function readDraftFile(file: string, fileName: string): Uint8Array {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new UserFacingError('import.not-a-file', `${fileName}: không phải một tệp.`);
    if (st.size > MAX_DRAFT_BYTES) throw new UserFacingError('import.too-large', `Tệp ${fileName} quá lớn (tối đa 50 MB).`);
    return readFileSync(file);
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    throw new UserFacingError('import.unreadable', `${fileName}: không tìm thấy hoặc không đọc được tệp.`);
  }
}

export function createManuscriptService(session: ProjectSession): ServiceImpl<typeof manuscriptContract> {
  const db = (): Db => session.require().db;
  const citations = new CitationIndex(db);
  const names = new NameRegistry(db);

  function bookRow(id: number): BookRow {
    const row = db().prepare(`${bookSelect} WHERE b.id = ?`).get(id) as BookRow | undefined;
    if (!row) throw new UserFacingError('manuscript.book-not-found', `Không có sách số ${id}.`);
    return row;
  }

  function nodeRow(id: number, opts: { deleted?: boolean } = {}): NodeRow {
    const row = db().prepare(`SELECT ${nodeColumns} FROM book_nodes WHERE id = ?`).get(id) as NodeRow | undefined;
    if (!row || (row.deleted_at && !opts.deleted)) throw new UserFacingError('manuscript.node-not-found', `Không có chương/mục số ${id}.`);
    return row;
  }

  function liveNodes(bookId: number): NodeRow[] {
    return db().prepare(`SELECT ${nodeColumns} FROM book_nodes WHERE book_id = ? AND deleted_at IS NULL ORDER BY parent_id NULLS FIRST, position, id`).all(bookId) as NodeRow[];
  }

  function detail(id: number): BookDetail {
    const row = bookRow(id);
    return { ...toSummary(row), version: row.version, subtitle: row.subtitle, details: JSON.parse(row.details) as BookDetails, nodes: liveNodes(id).map(toNode) };
  }

  /**
   * Refuses a change of a book's details or structure based on an older version of them (another
   * window or process changed the book since): nothing is written, and the caller reloads.
   */
  function requireBookVersion(row: BookRow, baseVersion: number): void {
    if (row.version !== baseVersion) {
      throw new UserFacingError(
        'manuscript.book-conflict',
        `Sách «${row.title}» vừa được thay đổi ở nơi khác (cửa sổ hoặc máy khác) nên thay đổi này chưa được thực hiện; hãy xem lại sách đã được tải lại rồi làm lại.`,
      );
    }
  }

  const structureOf = (rows: NodeRow[]) => rows.map((n) => ({ id: n.id, parentId: n.parent_id, kind: n.kind, role: n.role, position: n.position }));

  /** Marks the book changed; `structure`: its details or its tree changed, so its version moves on. */
  function touchBook(bookId: number, now: string, structure = false): void {
    db().prepare(`UPDATE books SET updated_at = ?${structure ? ', version = version + 1' : ''} WHERE id = ?`).run(now, bookId);
  }

  /** Writes the order of each changed sibling list as positions 1..n. */
  function writeOrder(order: Map<number | null, number[]>, now: string): void {
    const set = db().prepare('UPDATE book_nodes SET parent_id = ?, position = ?, updated_at = ? WHERE id = ?');
    for (const [parentId, ids] of order) ids.forEach((nid, i) => set.run(parentId, i + 1, now, nid));
  }

  function insertNode(input: { bookId: number; kind: BookNodeKind; role: NodeRole; parentId: number | null; title: string; index?: number | undefined; content?: string }): number {
    const { bookId, kind, parentId } = input;
    bookRow(bookId);
    let role = input.role;
    if (kind === 'part' || kind === 'chapter') role = '';
    else if (!role) role = kind === 'front' ? 'preface' : 'conclusion';
    else if (kindOfRole(role) !== kind) throw new UserFacingError('manuscript.bad-role', 'Loại mục không hợp với vị trí phần đầu/phần cuối sách.');
    const title = toNFC(input.title || (role ? roleTitles[role] : ''));
    if (!title) throw new UserFacingError('manuscript.title-required', kind === 'part' ? 'Cần tên phần.' : 'Cần tên chương.');
    if (parentId != null) {
      const parent = nodeRow(parentId);
      if (parent.book_id !== bookId) throw new UserFacingError('manuscript.bad-parent', 'Mục cha không thuộc cuốn sách này.');
      if (parent.kind !== 'part' || kind !== 'chapter') throw new UserFacingError('manuscript.bad-parent', 'Chỉ có thể đặt chương vào trong một phần.');
    }
    const now = new Date().toISOString();
    return db().transaction(() => {
      const r = db()
        .prepare('INSERT INTO book_nodes(book_id, parent_id, kind, role, position, title, content, created_at, updated_at) VALUES (?, ?, ?, ?, 1000000, ?, ?, ?, ?)')
        .run(bookId, parentId, kind, role, title, input.content ?? '{"type":"doc","content":[]}', now, now);
      const nid = Number(r.lastInsertRowid);
      const rows = liveNodes(bookId);
      const siblings = rows.filter((n) => n.parent_id === parentId && n.id !== nid).length;
      writeOrder(applyMove(structureOf(rows), nid, { parentId, index: input.index ?? siblings }), now);
      touchBook(bookId, now, true);
      return nid;
    })();
  }

  /** Keeps the chapter's stored content — or `content`, a text that could not be stored — as a revision. */
  function snapshot(nodeId: number, reason: RevisionReason, note = '', content?: string): RevisionRow {
    const row = db().prepare('SELECT title, content FROM book_nodes WHERE id = ?').get(nodeId) as { title: string; content: string };
    const kept = content ?? row.content;
    const words = wordCount(JSON.parse(kept) as RichDoc);
    const r = db()
      .prepare('INSERT INTO chapter_revisions(node_id, created_at, reason, note, title, content, words) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(nodeId, new Date().toISOString(), reason, toNFC(note), row.title, kept, words);
    return db().prepare('SELECT * FROM chapter_revisions WHERE id = ?').get(Number(r.lastInsertRowid)) as RevisionRow;
  }

  function revisionRow(id: number): RevisionRow {
    const row = db().prepare('SELECT * FROM chapter_revisions WHERE id = ?').get(id) as RevisionRow | undefined;
    if (!row) throw new UserFacingError('manuscript.revision-not-found', `Không có phiên bản số ${id}.`);
    return row;
  }

  function chapterContent(id: number): ChapterContent {
    const row = db().prepare('SELECT id, book_id, title, kind, role, status, content, updated_at, deleted_at, version FROM book_nodes WHERE id = ?').get(id) as
      | { id: number; book_id: number; title: string; kind: BookNodeKind; role: NodeRole; status: ChapterStatus; content: string; updated_at: string; deleted_at: string | null; version: number }
      | undefined;
    if (!row || row.deleted_at) throw new UserFacingError('manuscript.node-not-found', `Không có chương số ${id}.`);
    return {
      id: row.id,
      bookId: row.book_id,
      title: row.title,
      kind: row.kind,
      role: row.role,
      status: row.status,
      doc: storedDoc(row.content),
      updatedAt: row.updated_at,
      version: row.version,
    };
  }

  /** A stored chapter as the editor can open it (older shapes repaired, every word kept). */
  const storedDoc = (content: string): RichDoc => readStoredRichDoc(content) as RichDoc;

  /** Stores a chapter's content; its version moves on. Returns the new version. */
  function writeContent(id: number, doc: RichDoc, now: string): number {
    const content = JSON.stringify(deepNFC(doc));
    const r = db()
      .prepare('UPDATE book_nodes SET content = ?, outline = ?, updated_at = ?, version = version + 1 WHERE id = ? RETURNING version')
      .get(content, JSON.stringify(outlineOf(doc)), now, id) as { version: number };
    return r.version;
  }

  function resolve(ref: CitationRef): ResolvedCitation {
    const key = citationKey(ref);
    const found = citations.source(ref.documentId);
    if (!found) return { key, found: false, text: '', spans: [], documentTitle: '', pageId: null };
    let pageId = ref.pageId;
    if (ref.pageSeq != null) {
      const p = db().prepare('SELECT id FROM pages WHERE document_id = ? AND seq = ?').get(ref.documentId, ref.pageSeq) as { id: number } | undefined;
      pageId = p?.id ?? pageId;
    }
    const spans = citationSpans(found.source, { ...(ref.folio ? { folio: ref.folio } : {}), ...(ref.pageSeq ? { page: ref.pageSeq } : {}) });
    return { key, found: true, text: spans.map((s) => s.text).join(''), spans, documentTitle: found.title, pageId: pageId ?? null };
  }

  return {
    listBooks() {
      const rows = db().prepare(`${bookSelect} ORDER BY b.id`).all() as BookRow[];
      return rows.map(toSummary);
    },

    createBook({ kind, title, subtitle }) {
      const now = new Date().toISOString();
      const r = db().prepare('INSERT INTO books(kind, title, subtitle, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(kind, toNFC(title), toNFC(subtitle ?? ''), now, now);
      return detail(Number(r.lastInsertRowid));
    },

    getBook({ id }) {
      return detail(id);
    },

    updateBook({ id, baseVersion, title, subtitle, details }) {
      const row = bookRow(id);
      requireBookVersion(row, baseVersion);
      const now = new Date().toISOString();
      db()
        .prepare('UPDATE books SET title = ?, subtitle = ?, details = ?, updated_at = ?, version = version + 1 WHERE id = ?')
        .run(
          title !== undefined ? toNFC(title) : row.title,
          subtitle !== undefined ? toNFC(subtitle) : row.subtitle,
          details !== undefined ? JSON.stringify(compactDetails(details as BookDetails)) : row.details,
          now,
          id,
        );
      return detail(id);
    },

    addChapter({ bookId, title }) {
      return toNode(nodeRow(insertNode({ bookId, kind: 'chapter', role: '', parentId: null, title })));
    },

    addNode({ bookId, kind, role, parentId, title, index }) {
      return toNode(nodeRow(insertNode({ bookId, kind, role, parentId, title, index })));
    },

    renameNode({ id, title, baseVersion }) {
      const node = nodeRow(id);
      requireBookVersion(bookRow(node.book_id), baseVersion);
      const now = new Date().toISOString();
      db().transaction(() => {
        db().prepare('UPDATE book_nodes SET title = ?, updated_at = ? WHERE id = ?').run(toNFC(title), now, id);
        touchBook(node.book_id, now, true);
      })();
      return toNode(nodeRow(id));
    },

    moveNode({ id, parentId, index, baseVersion }) {
      const node = nodeRow(id);
      requireBookVersion(bookRow(node.book_id), baseVersion);
      const rows = liveNodes(node.book_id);
      const structure = structureOf(rows);
      const problem = checkMove(structure, id, { parentId, index });
      if (problem) throw new UserFacingError('manuscript.bad-move', problem);
      const now = new Date().toISOString();
      db().transaction(() => {
        writeOrder(applyMove(structure, id, { parentId, index }), now);
        touchBook(node.book_id, now, true);
      })();
      return detail(node.book_id);
    },

    deleteNode({ id, baseVersion }) {
      const node = nodeRow(id);
      requireBookVersion(bookRow(node.book_id), baseVersion);
      const now = new Date().toISOString();
      db().transaction(() => {
        // The node and everything inside it share one deletion stamp, so restore brings back exactly them.
        db().prepare('UPDATE book_nodes SET deleted_at = ? WHERE (id = ? OR parent_id = ?) AND deleted_at IS NULL').run(now, id, id);
        const rest = liveNodes(node.book_id).filter((n) => n.parent_id === node.parent_id);
        rest.sort((a, b) => a.position - b.position).forEach((n, i) => db().prepare('UPDATE book_nodes SET position = ? WHERE id = ?').run(i + 1, n.id));
        touchBook(node.book_id, now, true);
      })();
      return detail(node.book_id);
    },

    restoreNode({ id, baseVersion }) {
      const node = nodeRow(id, { deleted: true });
      if (!node.deleted_at) return detail(node.book_id);
      requireBookVersion(bookRow(node.book_id), baseVersion);
      if (node.parent_id != null && nodeRow(node.parent_id, { deleted: true }).deleted_at) {
        throw new UserFacingError('manuscript.parent-deleted', 'Phần chứa chương này đã bị xóa; hãy khôi phục phần đó trước.');
      }
      const now = new Date().toISOString();
      db().transaction(() => {
        db().prepare('UPDATE book_nodes SET deleted_at = NULL WHERE (id = ? OR parent_id = ?) AND deleted_at = ?').run(id, id, node.deleted_at);
        // Back to where it was: positions are rewritten in the order they had.
        const rows = liveNodes(node.book_id);
        const siblings = rows.filter((n) => n.parent_id === node.parent_id && n.id !== id);
        const index = siblings.filter((n) => n.position < node.position).length;
        writeOrder(applyMove(structureOf(rows), id, { parentId: node.parent_id, index }), now);
        touchBook(node.book_id, now, true);
      })();
      return detail(node.book_id);
    },

    setChapterStatus({ id, status, baseVersion }) {
      const node = nodeRow(id);
      requireBookVersion(bookRow(node.book_id), baseVersion);
      const now = new Date().toISOString();
      db().transaction(() => {
        db().prepare('UPDATE book_nodes SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id);
        touchBook(node.book_id, now, true);
      })();
      return toNode(nodeRow(id));
    },

    getChapter({ id }) {
      return chapterContent(id);
    },

    saveChapter({ id, doc, baseVersion }): ChapterSaveResult {
      const node = nodeRow(id);
      // Only what the editor can make is stored; anything else is refused before a byte changes.
      const checked = validateRichDoc(doc.content?.length ? doc : { type: 'doc', content: [{ type: 'paragraph' }] });
      if (!checked.ok) throw new UserFacingError('manuscript.invalid-document', `Chương «${node.title}» chưa được lưu: ${checked.reason} Bản đã lưu trước đó vẫn giữ nguyên.`);
      const now = new Date().toISOString();
      const saved = db().transaction((): ChapterSaveResult => {
        // Read inside the write transaction, so no other save can slip in between check and write.
        const current = db().prepare('SELECT version, updated_at, content FROM book_nodes WHERE id = ?').get(id) as { version: number; updated_at: string; content: string };
        // The same text again (an editor that opened the chapter and normalised nothing the user
        // wrote): nothing to store, nothing to refuse, and other windows' versions stay current.
        if (current.content === JSON.stringify(deepNFC(doc))) return { status: 'saved', version: current.version, updatedAt: current.updated_at, revisionId: null };
        if (current.version !== baseVersion) {
          // Based on an older text (another window or process saved since): the stored text stays,
          // and this one is kept as a revision, so neither is lost and the user can compare them.
          const kept = snapshot(id, 'conflict', 'Bản chưa lưu được vì chương đã được sửa ở nơi khác', JSON.stringify(deepNFC(doc)));
          return {
            status: 'conflict',
            version: current.version,
            updatedAt: current.updated_at,
            keptRevisionId: kept.id,
            message: `Chương «${node.title}» vừa được lưu ở nơi khác (cửa sổ hoặc máy khác) nên bản của bạn chưa ghi đè lên đó; bản của bạn được giữ thành một phiên bản để so sánh và hợp nhất.`,
          };
        }
        const version = writeContent(id, doc as RichDoc, now);
        touchBook(node.book_id, now);
        const last = db().prepare("SELECT max(created_at) AS at FROM chapter_revisions WHERE node_id = ? AND reason != 'conflict'").get(id) as { at: string | null };
        const due = !last.at || Date.parse(now) - Date.parse(last.at) >= REVISION_INTERVAL_MS;
        const revision = due ? snapshot(id, 'autosave') : null;
        return { status: 'saved', version, updatedAt: now, revisionId: revision?.id ?? null };
      }).immediate();
      if (saved.status === 'saved') {
        // Figures: have the archive make their page images now (in the background), for the export.
        const figures = figurePageIds([doc as RichDoc]);
        if (figures.length) void warmFigureImages(session, figures).catch(() => undefined);
      }
      return saved;
    },

    saveRevision({ id, note }) {
      nodeRow(id);
      return toRevision(snapshot(id, 'manual', note));
    },

    listRevisions({ nodeId }) {
      nodeRow(nodeId, { deleted: true });
      const rows = db().prepare('SELECT * FROM chapter_revisions WHERE node_id = ? ORDER BY created_at DESC, id DESC').all(nodeId) as RevisionRow[];
      return rows.map(toRevision);
    },

    getRevision({ id }) {
      const row = revisionRow(id);
      return { ...toRevision(row), doc: storedDoc(row.content) };
    },

    compareRevisions({ nodeId, from, to }) {
      const side = (rid: number | null) => {
        if (rid == null) {
          const c = chapterContent(nodeId);
          return { revisionId: null, createdAt: c.updatedAt, doc: c.doc };
        }
        const r = revisionRow(rid);
        if (r.node_id !== nodeId) throw new UserFacingError('manuscript.revision-mismatch', 'Hai phiên bản không thuộc cùng một chương.');
        return { revisionId: r.id, createdAt: r.created_at, doc: JSON.parse(r.content) as RichDoc };
      };
      const a = side(from);
      const b = side(to);
      const cite = (ref: CitationRef, fallback: string) => resolve(ref).text || fallback;
      const textOf = (doc: RichDoc) => paragraphTexts(doc, cite);
      const paragraphs = diffParagraphs(textOf(a.doc), textOf(b.doc));
      return { from: { revisionId: a.revisionId, createdAt: a.createdAt }, to: { revisionId: b.revisionId, createdAt: b.createdAt }, paragraphs, summary: summarize(paragraphs) };
    },

    restoreRevision({ id }) {
      const rev = revisionRow(id);
      const node = nodeRow(rev.node_id);
      const now = new Date().toISOString();
      db().transaction(() => {
        // The note names the revision as the list shows it (by its time), not by an id nobody sees.
        const from = revisionTime(rev.created_at);
        snapshot(node.id, 'before-restore', `Trước khi khôi phục bản lúc ${from}`);
        writeContent(node.id, storedDoc(rev.content), now);
        snapshot(node.id, 'restore', `Khôi phục bản lúc ${from}`);
        touchBook(node.book_id, now);
      })();
      return chapterContent(node.id);
    },

    searchCitable({ query, limit }) {
      return citations.search(query, limit);
    },

    resolveCitations({ refs }) {
      const seen = new Map<string, ResolvedCitation>();
      for (const r of refs) {
        const ref: CitationRef = { documentId: r.documentId, pageId: r.pageId ?? null, pageSeq: r.pageSeq ?? null, folio: r.folio ?? '' };
        const key = citationKey(ref);
        if (!seen.has(key)) seen.set(key, resolve(ref));
      }
      return [...seen.values()];
    },

    listComments({ nodeId }) {
      nodeRow(nodeId, { deleted: true });
      return (db().prepare('SELECT * FROM chapter_comments WHERE node_id = ? ORDER BY created_at, id').all(nodeId) as CommentRow[]).map(toComment);
    },

    addComment({ nodeId, author, text, quote }) {
      nodeRow(nodeId);
      const r = db()
        .prepare('INSERT INTO chapter_comments(node_id, author, text, quote, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(nodeId, toNFC(author), toNFC(text), toNFC(quote), new Date().toISOString());
      return toComment(db().prepare('SELECT * FROM chapter_comments WHERE id = ?').get(Number(r.lastInsertRowid)) as CommentRow);
    },

    resolveComment({ id, resolved }) {
      const r = db().prepare('UPDATE chapter_comments SET resolved_at = ? WHERE id = ?').run(resolved ? new Date().toISOString() : null, id);
      if (r.changes === 0) throw new UserFacingError('manuscript.comment-not-found', `Không có góp ý số ${id}.`);
      return toComment(db().prepare('SELECT * FROM chapter_comments WHERE id = ?').get(id) as CommentRow);
    },

    deleteComment({ id }) {
      const r = db().prepare('DELETE FROM chapter_comments WHERE id = ?').run(id);
      if (r.changes === 0) throw new UserFacingError('manuscript.comment-not-found', `Không có góp ý số ${id}.`);
      return { id };
    },

    listNames({ query, kind, limit }) {
      return names.search(query, kind, limit);
    },

    createName({ kind, name, sortKey }) {
      return names.create(kind, name, sortKey);
    },

    updateName({ id, name, sortKey }) {
      return names.update(id, { name, sortKey });
    },

    nameRegistry({ query, kind, limit }) {
      const usage = names.usage();
      return names.search(query, kind, limit).map((n) => ({ ...n, mentions: usage.get(n.id) ?? 0 }));
    },

    mergeNames({ from, into }) {
      return { moved: names.merge(from, into) };
    },

    deleteName({ id }) {
      names.remove(id);
      return null;
    },

    citedIn({ documentId }) {
      const rows = db()
        .prepare(
          `SELECT n.id, n.title, n.content, b.id AS book_id, b.title AS book_title FROM book_nodes n JOIN books b ON b.id = n.book_id
           WHERE n.deleted_at IS NULL AND n.content LIKE '%"citation"%' ORDER BY b.id, n.id`,
        )
        .all() as { id: number; title: string; content: string; book_id: number; book_title: string }[];
      const out: CitationPlace[] = [];
      for (const r of rows) {
        const count = citationsOf(JSON.parse(r.content) as RichDoc).filter((c) => c.documentId === documentId).length;
        if (count) out.push({ bookId: r.book_id, bookTitle: r.book_title, nodeId: r.id, nodeTitle: r.title, count });
      }
      return out;
    },

    async importDraft({ bookId, path: file, fileName: givenName, split, parentId }) {
      bookRow(bookId);
      const fileName = toNFC(givenName ?? basename(file));
      const bytes = readDraftFile(file, fileName);
      // The Markdown/DOCX readers (markdown-it, mammoth, linkedom) load on first use.
      const { readDraft } = await import('../interchange/readDraft');
      const draft = await readDraft(fileName, bytes, { split });
      const ids: number[] = [];
      db().transaction(() => {
        for (const ch of draft.chapters) {
          // Stored in the editor's schema (strike-through dropped, heading levels brought to the book's three).
          const doc = readRichDoc(ch.doc).doc as RichDoc;
          const nid = insertNode({ bookId, kind: 'chapter', role: '', parentId, title: ch.title, content: JSON.stringify(doc) });
          db().prepare('UPDATE book_nodes SET outline = ? WHERE id = ?').run(JSON.stringify(outlineOf(doc)), nid);
          snapshot(nid, 'import', fileName);
          ids.push(nid);
        }
      })();
      const nodes = ids.map((i) => toNode(nodeRow(i)));
      const footnotes = draft.chapters.reduce((s, c) => s + footnoteCount(c.doc), 0);
      return { nodes, footnotes, warnings: draft.warnings };
    },
  };
}
