/**
 * Reading and changing documents and pages in the project database: summaries, details,
 * archival metadata and suggestions, transcriptions, and page operations (reorder, rotate, move,
 * split, merge). Every change runs in one transaction.
 */
import type {
  RemovedDocument,
  ArchiveDocument,
  DocumentCodeInfo,
  DocumentSummary,
  MetadataSuggestions,
  PageImageKind,
  PageInfo,
  TextSource,
} from '../../../shared/api/archive';
import {
  applyMetadataPatch,
  parseStoredMetadata,
  type ArchivalField,
  type ArchivalMetadata,
  type ArchivalMetadataPatch,
} from '../../../shared/archive/metadata';
import { withSortableDate } from '../../../shared/archive/dates';
import { UserFacingError } from '../../../shared/errors';
import { defaultTables, mergeTables, parseDocumentCode, type DocumentCodeTableAdditions, type DocumentCodeTables } from '../../../shared/text/index';
import type { Db } from '../store/projectDatabase';
import { deepNFC, toNFC } from '../text';

export interface DocumentRow {
  id: number;
  title: string;
  created_at: string;
  updated_at: string;
  page_count: number;
  cover_page_id: number | null;
  cover_rotation: number | null;
  version: number;
  metadata?: string;
  suggestions?: string;
}

export interface PageRow {
  id: number;
  document_id: number;
  seq: number;
  width: number;
  height: number;
  rotation: number;
  file_sha256: string;
  file_page: number;
  mime: string;
  text: string;
  image_kind: PageImageKind;
  image_mime: string | null;
  text_source: TextSource;
  version: number;
}

const documentSelect = `
  SELECT d.id, d.title, d.created_at, d.updated_at, d.version, d.metadata, d.suggestions,
         (SELECT count(*) FROM pages p WHERE p.document_id = d.id) AS page_count,
         (SELECT p.id FROM pages p WHERE p.document_id = d.id ORDER BY p.seq LIMIT 1) AS cover_page_id,
         (SELECT p.rotation FROM pages p WHERE p.document_id = d.id ORDER BY p.seq LIMIT 1) AS cover_rotation
  FROM documents d`;

const pageSelect = `SELECT p.*, f.mime FROM pages p JOIN files f ON f.sha256 = p.file_sha256`;

export function toSummary(r: DocumentRow): DocumentSummary {
  return {
    id: r.id,
    title: r.title,
    pageCount: r.page_count,
    coverPageId: r.cover_page_id,
    coverRotation: r.cover_rotation ?? 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export function toPage(r: PageRow): PageInfo {
  return {
    id: r.id,
    documentId: r.document_id,
    seq: r.seq,
    width: r.width,
    height: r.height,
    rotation: r.rotation,
    mime: r.mime,
    fileSha256: r.file_sha256,
    filePage: r.file_page,
    imageKind: r.image_kind,
    text: r.text,
    textSource: r.text_source,
    textVersion: r.version,
  };
}

const now = () => new Date().toISOString();

export class DocumentStore {
  constructor(private readonly db: Db) {}

  // ---- reading -------------------------------------------------------------------------------

  documentRow(id: number): DocumentRow {
    const row = this.db.prepare(`${documentSelect} WHERE d.id = ?`).get(id) as DocumentRow | undefined;
    if (!row) throw new UserFacingError('archive.document-not-found', `Không có tài liệu số ${id}.`);
    return row;
  }

  summary(id: number): DocumentSummary {
    return toSummary(this.documentRow(id));
  }

  list(offset: number, limit: number): { total: number; items: DocumentSummary[] } {
    const total = (this.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    const rows = this.db.prepare(`${documentSelect} ORDER BY d.id DESC LIMIT ? OFFSET ?`).all(limit, offset) as DocumentRow[];
    return { total, items: rows.map(toSummary) };
  }

  pageRow(pageId: number): PageRow {
    const row = this.db.prepare(`${pageSelect} WHERE p.id = ?`).get(pageId) as PageRow | undefined;
    if (!row) throw new UserFacingError('archive.page-not-found', `Không có trang số ${pageId}.`);
    return row;
  }

  pages(documentId: number): PageRow[] {
    return this.db.prepare(`${pageSelect} WHERE p.document_id = ? ORDER BY p.seq`).all(documentId) as PageRow[];
  }

  codeTables(): DocumentCodeTables {
    const rows = this.db.prepare('SELECT table_name, code, name FROM code_abbreviations').all() as { table_name: keyof DocumentCodeTables; code: string; name: string }[];
    if (rows.length === 0) return defaultTables;
    const additions: Record<string, Record<string, string>> = {};
    for (const r of rows) (additions[r.table_name] ??= {})[r.code] = r.name;
    return mergeTables(defaultTables, additions as DocumentCodeTableAdditions);
  }

  parseCode(code: string): DocumentCodeInfo | null {
    const parsed = parseDocumentCode(code, this.codeTables());
    if (!parsed) return null;
    const info: DocumentCodeInfo = { code: parsed.normalized, number: parsed.number, system: parsed.system };
    if (parsed.typeCode) info.typeCode = parsed.typeCode;
    if (parsed.typeName) info.typeName = parsed.typeName;
    if (parsed.issuerCode) info.issuerCode = parsed.issuerCode;
    if (parsed.issuerName) info.issuerName = parsed.issuerName;
    if (parsed.year) info.year = parsed.year;
    return info;
  }

  detail(id: number): ArchiveDocument {
    const row = this.documentRow(id);
    const metadata = parseStoredMetadata(row.metadata ?? '{}');
    const suggestions = parseStoredMetadata(row.suggestions ?? '{}') as MetadataSuggestions;
    return {
      ...toSummary(row),
      pages: this.pages(id).map(toPage),
      metadata,
      suggestions,
      codeInfo: metadata.code ? this.parseCode(metadata.code) : null,
    };
  }

  // ---- documents and metadata ----------------------------------------------------------------

  /**
   * Refuses a change based on an older version of the document (another window or process changed
   * its title or metadata since): nothing is written. Call inside the write transaction.
   */
  private requireVersion(row: DocumentRow, baseVersion: number): void {
    if (row.version !== baseVersion) {
      throw new UserFacingError(
        'archive.document-conflict',
        `Tài liệu «${row.title}» vừa được sửa ở nơi khác (cửa sổ hoặc máy khác) nên thay đổi này chưa được lưu; hãy xem lại tài liệu đã được tải lại rồi sửa lại.`,
      );
    }
  }

  rename(id: number, title: string, baseVersion: number): DocumentSummary {
    this.db.transaction(() => {
      this.requireVersion(this.documentRow(id), baseVersion);
      this.db.prepare('UPDATE documents SET title = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(toNFC(title), now(), id);
    }).immediate();
    return this.summary(id);
  }

  private writeMetadata(id: number, metadata: ArchivalMetadata, suggestions: MetadataSuggestions): void {
    // A date typed without its sortable days gets them from its text; days set by hand are kept.
    const dated = metadata.date ? { ...metadata, date: withSortableDate(metadata.date) } : metadata;
    this.db
      .prepare('UPDATE documents SET metadata = ?, suggestions = ?, updated_at = ?, version = version + 1 WHERE id = ?')
      .run(JSON.stringify(deepNFC(dated)), JSON.stringify(deepNFC(suggestions)), now(), id);
  }

  /** Changes metadata; `baseVersion` null is for the archive's own writes (prefill at import), never for a user's save. */
  updateMetadata(id: number, patch: ArchivalMetadataPatch, baseVersion: number | null): ArchiveDocument {
    this.db.transaction(() => {
      const row = this.documentRow(id);
      if (baseVersion !== null) this.requireVersion(row, baseVersion);
      const current = parseStoredMetadata(row.metadata ?? '{}');
      const suggestions = parseStoredMetadata(row.suggestions ?? '{}') as Record<string, unknown>;
      const next = applyMetadataPatch(current, deepNFC(patch));
      // A field the user has set no longer needs a suggestion.
      for (const k of Object.keys(patch)) delete suggestions[k];
      this.writeMetadata(id, next, suggestions as MetadataSuggestions);
    }).immediate();
    return this.detail(id);
  }

  resolveSuggestions(id: number, fields: ArchivalField[] | undefined, accept: boolean, baseVersion: number): ArchiveDocument {
    this.db.transaction(() => {
      const row = this.documentRow(id);
      this.requireVersion(row, baseVersion);
      const metadata = parseStoredMetadata(row.metadata ?? '{}') as Record<string, unknown>;
      const suggestions = parseStoredMetadata(row.suggestions ?? '{}') as Record<string, unknown>;
      for (const k of fields ?? Object.keys(suggestions)) {
        if (!(k in suggestions)) continue;
        if (accept) metadata[k] = suggestions[k];
        delete suggestions[k];
      }
      this.writeMetadata(id, metadata as ArchivalMetadata, suggestions as MetadataSuggestions);
    }).immediate();
    return this.detail(id);
  }

  delete(id: number): void {
    this.documentRow(id);
    this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
  }

  // ---- transcription ---------------------------------------------------------------------------

  /** Saves a transcription if the page is still at `baseVersion` (null: the archive's own write, e.g. a text layer). */
  setPageText(pageId: number, text: string, source: TextSource, baseVersion: number | null): PageInfo {
    const t = toNFC(text.replace(/\r\n?/g, '\n'));
    this.db.transaction(() => {
      const row = this.pageRow(pageId);
      if (baseVersion !== null && row.version !== baseVersion) {
        throw new UserFacingError(
          'archive.page-conflict',
          `Bản chép lời trang ${row.seq} vừa được lưu ở nơi khác (cửa sổ hoặc máy khác) nên bản này chưa được lưu; hãy sao chép phần vừa gõ, tải lại trang rồi sửa lại.`,
        );
      }
      this.db.prepare('UPDATE pages SET text = ?, text_source = ?, text_updated_at = ?, version = version + 1 WHERE id = ?').run(t, t ? source : 'none', now(), pageId);
      this.touch(row.document_id);
    }).immediate();
    return toPage(this.pageRow(pageId));
  }

  // ---- page operations -------------------------------------------------------------------------

  private touch(documentId: number): void {
    this.db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(now(), documentId);
  }

  /** Writes seq = 1..n for the given page ids of one document (two passes: seq is unique). */
  private renumber(documentId: number, pageIds: readonly number[]): void {
    // seq is unique per document and must stay >= 1: park the pages above every current seq
    // first, then number them. Every page of the document must be in pageIds.
    const max = (this.db.prepare('SELECT coalesce(max(seq), 0) AS m FROM pages WHERE document_id = ?').get(documentId) as { m: number }).m;
    const offset = max + pageIds.length + 1;
    const set = this.db.prepare('UPDATE pages SET seq = ?, document_id = ? WHERE id = ?');
    pageIds.forEach((pid, i) => set.run(offset + i, documentId, pid));
    pageIds.forEach((pid, i) => set.run(i + 1, documentId, pid));
    this.touch(documentId);
  }

  private pageIdsOf(documentId: number): number[] {
    return (this.db.prepare('SELECT id FROM pages WHERE document_id = ? ORDER BY seq').all(documentId) as { id: number }[]).map((r) => r.id);
  }

  reorder(documentId: number, pageIds: number[]): ArchiveDocument {
    this.db.transaction(() => {
      this.documentRow(documentId);
      const current = this.pageIdsOf(documentId);
      const given = new Set(pageIds);
      if (given.size !== pageIds.length || given.size !== current.length || current.some((p) => !given.has(p))) {
        throw new UserFacingError('archive.bad-order', 'Thứ tự trang phải liệt kê mỗi trang của tài liệu đúng một lần.');
      }
      this.renumber(documentId, pageIds);
    })();
    return this.detail(documentId);
  }

  rotate(pageIds: number[], by: number): PageInfo[] {
    this.db.transaction(() => {
      const set = this.db.prepare('UPDATE pages SET rotation = ? WHERE id = ?');
      const docs = new Set<number>();
      for (const pid of pageIds) {
        const row = this.pageRow(pid);
        set.run((((row.rotation + by) % 360) + 360) % 360, pid);
        docs.add(row.document_id);
      }
      for (const d of docs) this.touch(d);
    })();
    return pageIds.map((pid) => toPage(this.pageRow(pid)));
  }

  /**
   * Moves pages into a document before `beforeSeq` (or at its end); a document left without pages
   * is removed, and what bringing it back needs is returned (see restore). Call inside a transaction.
   */
  private movePagesInto(pageIds: readonly number[], toDocumentId: number, beforeSeq: number | undefined): { sources: Set<number>; removed: RemovedDocument[] } {
    const sources = new Set<number>();
    const before = new Map<number, number[]>();
    for (const pid of pageIds) {
      const from = this.pageRow(pid).document_id;
      if (from !== toDocumentId && !before.has(from)) before.set(from, this.pageIdsOf(from));
      sources.add(from);
    }
    const moving = new Set(pageIds);
    const staying = this.pageIdsOf(toDocumentId).filter((p) => !moving.has(p));
    const at = Math.min(Math.max((beforeSeq ?? staying.length + 1) - 1, 0), staying.length);
    this.renumber(toDocumentId, [...staying.slice(0, at), ...pageIds, ...staying.slice(at)]);
    const removed: RemovedDocument[] = [];
    for (const s of sources) {
      if (s === toDocumentId) continue;
      const left = this.pageIdsOf(s);
      if (left.length > 0) {
        this.renumber(s, left);
        continue;
      }
      const row = this.documentRow(s);
      removed.push({
        id: s,
        title: row.title,
        metadata: safeObject(row.metadata),
        suggestions: safeObject(row.suggestions),
        createdAt: row.created_at,
        pageIds: before.get(s) ?? [],
      });
      this.db.prepare('DELETE FROM documents WHERE id = ?').run(s);
    }
    return { sources, removed };
  }

  move(pageIds: number[], toDocumentId: number, beforeSeq?: number): { target: ArchiveDocument; sources: DocumentSummary[]; removed: RemovedDocument[] } {
    const { sources, removed } = this.db.transaction(() => {
      this.documentRow(toDocumentId);
      if (new Set(pageIds).size !== pageIds.length) throw new UserFacingError('archive.bad-pages', 'Danh sách trang có trang lặp lại.');
      return this.movePagesInto(pageIds, toDocumentId, beforeSeq);
    }).immediate();
    sources.delete(toDocumentId);
    for (const r of removed) sources.delete(r.id);
    return { target: this.detail(toDocumentId), sources: [...sources].map((s) => this.summary(s)), removed };
  }

  /**
   * Brings back a document a move removed (undo): its number if no document has taken it since,
   * its title, description and suggestions, and its pages moved back in their order. Pages
   * deleted since are left out; with none left there is nothing to bring back.
   */
  restore(snapshot: RemovedDocument): { restored: ArchiveDocument; removed: RemovedDocument[] } {
    const { id, removed } = this.db.transaction(() => {
      const exists = this.db.prepare('SELECT id FROM pages WHERE id = ?');
      const pageIds = [...new Set(snapshot.pageIds)].filter((p) => exists.get(p) !== undefined);
      if (pageIds.length === 0) {
        throw new UserFacingError('archive.restore-nothing', `Không khôi phục được tài liệu số ${snapshot.id}: các trang của nó đã bị xóa.`);
      }
      const free = this.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(snapshot.id) === undefined;
      const metadata = JSON.stringify(deepNFC(parseStoredMetadata(JSON.stringify(snapshot.metadata))));
      const suggestions = JSON.stringify(deepNFC(parseStoredMetadata(JSON.stringify(snapshot.suggestions))));
      const created = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(snapshot.createdAt) ? snapshot.createdAt : now();
      const values = [toNFC(snapshot.title), metadata, suggestions, created, now()];
      const id = Number(
        (free
          ? this.db.prepare('INSERT INTO documents(id, title, metadata, suggestions, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(snapshot.id, ...values)
          : this.db.prepare('INSERT INTO documents(title, metadata, suggestions, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(...values)
        ).lastInsertRowid,
      );
      return { id, removed: this.movePagesInto(pageIds, id, undefined).removed };
    }).immediate();
    return { restored: this.detail(id), removed };
  }

  split(documentId: number, atPageId: number): { original: ArchiveDocument; created: ArchiveDocument } {
    const createdId = this.db.transaction(() => {
      const row = this.documentRow(documentId);
      const ids = this.pageIdsOf(documentId);
      const at = ids.indexOf(atPageId);
      if (at < 0) throw new UserFacingError('archive.page-not-in-document', `Trang ${atPageId} không thuộc tài liệu số ${documentId}.`);
      if (at === 0) throw new UserFacingError('archive.split-at-first', 'Không thể tách từ trang đầu tiên: tài liệu cũ sẽ không còn trang nào.');
      const t = now();
      const created = Number(
        this.db
          .prepare('INSERT INTO documents(title, metadata, suggestions, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
          .run(toNFC(`${row.title} (phần tách ra)`), row.metadata ?? '{}', '{}', t, t).lastInsertRowid,
      );
      this.renumber(created, ids.slice(at));
      this.renumber(documentId, ids.slice(0, at));
      return created;
    })();
    return { original: this.detail(documentId), created: this.detail(createdId) };
  }

  merge(targetId: number, sourceIds: number[]): ArchiveDocument {
    this.db.transaction(() => {
      const target = this.documentRow(targetId);
      if (sourceIds.includes(targetId) || new Set(sourceIds).size !== sourceIds.length) {
        throw new UserFacingError('archive.bad-merge', 'Danh sách tài liệu cần gộp không hợp lệ (trùng nhau hoặc trùng tài liệu đích).');
      }
      const metadata = parseStoredMetadata(target.metadata ?? '{}') as Record<string, unknown>;
      const order = this.pageIdsOf(targetId);
      for (const s of sourceIds) {
        const src = this.documentRow(s);
        // Keep every field the target lacks, so merging never loses a description.
        for (const [k, v] of Object.entries(parseStoredMetadata(src.metadata ?? '{}'))) if (!(k in metadata)) metadata[k] = v;
        order.push(...this.pageIdsOf(s));
      }
      this.renumber(targetId, order);
      for (const s of sourceIds) this.db.prepare('DELETE FROM documents WHERE id = ?').run(s);
      const suggestions = parseStoredMetadata(target.suggestions ?? '{}') as MetadataSuggestions;
      this.writeMetadata(targetId, metadata as ArchivalMetadata, suggestions);
    })();
    return this.detail(targetId);
  }
}

/** A stored JSON object read leniently (a removed document's description, kept for undo as it was). */
function safeObject(json: string | undefined): Record<string, unknown> {
  try {
    const v = JSON.parse(json ?? '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
