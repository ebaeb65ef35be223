/** The project's registry of names for the book's index (table index_names, migration 0011). */
import type { IndexName, NameKind } from '../../../shared/api/manuscript';
import { UserFacingError } from '../../../shared/errors';
import { foldForSearch } from '../../../shared/text/fold';
import { compareVietnamese } from '../../../shared/text/collate';
import type { Db } from '../store/projectDatabase';
import { toNFC } from '../text';

interface NameRow {
  id: number;
  kind: NameKind;
  name: string;
  sort_key: string;
}

const toName = (r: NameRow): IndexName => ({ id: r.id, kind: r.kind, name: r.name, sortKey: r.sort_key });

interface Mark {
  type?: string;
  attrs?: Record<string, unknown>;
}
interface Node {
  marks?: Mark[];
  content?: Node[];
}

/** Calls `visit` with every mention mark of a chapter document (a mark on text: `{ nameId, kind, term }`). */
function eachMention(nodes: Node[] | undefined, visit: (attrs: Record<string, unknown>) => void): void {
  for (const n of nodes ?? []) {
    for (const m of n.marks ?? []) if (m.type === 'mention' && m.attrs) visit(m.attrs);
    eachMention(n.content, visit);
  }
}
const clean = (s: string) => toNFC(s).replace(/\s+/g, ' ').trim();

export class NameRegistry {
  constructor(private readonly db: () => Db) {}

  get(id: number): IndexName | null {
    const r = this.db().prepare('SELECT id, kind, name, sort_key FROM index_names WHERE id = ?').get(id) as NameRow | undefined;
    return r ? toName(r) : null;
  }

  /**
   * Every word of the query found (without diacritics) in the name; names starting with it
   * first, each group in Vietnamese order (shared/text/collate.ts), which SQLite cannot sort in.
   */
  search(query: string, kind: NameKind | undefined, limit: number): IndexName[] {
    const words = foldForSearch(query).split(/\s+/).filter(Boolean);
    const where = ['1 = 1'];
    const args: unknown[] = [];
    if (kind) {
      where.push('kind = ?');
      args.push(kind);
    }
    for (const w of words) {
      where.push("instr(fold, ?) > 0");
      args.push(w);
    }
    const rows = this.db()
      .prepare(`SELECT id, kind, name, sort_key, (fold LIKE ? || '%') AS prefix FROM index_names WHERE ${where.join(' AND ')}`)
      .all(foldForSearch(query.trim()), ...args) as (NameRow & { prefix: number })[];
    rows.sort((a, b) => b.prefix - a.prefix || compareVietnamese(a.name, b.name) || a.id - b.id);
    return rows.slice(0, Math.max(0, limit)).map(toName);
  }

  create(kind: NameKind, name: string, sortKey: string): IndexName {
    const n = clean(name);
    if (!n) throw new UserFacingError('manuscript.name-required', 'Cần tên.');
    const existing = this.db().prepare('SELECT id, kind, name, sort_key FROM index_names WHERE kind = ? AND name = ?').get(kind, n) as NameRow | undefined;
    if (existing) return toName(existing);
    const r = this.db()
      .prepare('INSERT INTO index_names(kind, name, sort_key, fold, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(kind, n, clean(sortKey), foldForSearch(n), new Date().toISOString());
    return this.get(Number(r.lastInsertRowid))!;
  }

  update(id: number, change: { name?: string | undefined; sortKey?: string | undefined }): IndexName {
    const cur = this.get(id);
    if (!cur) throw new UserFacingError('manuscript.name-not-found', `Không có tên số ${id}.`);
    const name = change.name !== undefined ? clean(change.name) : cur.name;
    const sortKey = change.sortKey !== undefined ? clean(change.sortKey) : cur.sortKey;
    const clash = this.db().prepare('SELECT id FROM index_names WHERE kind = ? AND name = ? AND id <> ?').get(cur.kind, name, id);
    if (clash) throw new UserFacingError('manuscript.name-exists', `Danh mục đã có tên “${name}”.`);
    this.db().prepare('UPDATE index_names SET name = ?, sort_key = ?, fold = ? WHERE id = ?').run(name, sortKey, foldForSearch(name), id);
    return this.get(id)!;
  }

  /** How many times the chapters (not deleted) mention each name now. */
  usage(): Map<number, number> {
    const counts = new Map<number, number>();
    const rows = this.db().prepare(`SELECT content FROM book_nodes WHERE deleted_at IS NULL AND content LIKE '%"mention"%'`).all() as { content: string }[];
    for (const r of rows)
      eachMention((JSON.parse(r.content) as Node).content, (a) => {
        const id = Number(a.nameId);
        if (Number.isInteger(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
      });
    return counts;
  }

  /**
   * Merges a name into another of the same kind (the same person written two ways): every
   * mention of it, in chapters and in their revisions, points at the other from now on, and the
   * name leaves the registry. Returns how many mentions moved.
   */
  merge(fromId: number, intoId: number): number {
    const from = this.get(fromId);
    const into = this.get(intoId);
    if (!from || !into) throw new UserFacingError('manuscript.name-not-found', `Không có tên số ${from ? intoId : fromId}.`);
    if (fromId === intoId) throw new UserFacingError('manuscript.merge-self', 'Không thể gộp một tên vào chính nó.');
    if (from.kind !== into.kind) throw new UserFacingError('manuscript.merge-kind', `Chỉ gộp được hai tên cùng loại: “${from.name}” và “${into.name}” khác loại.`);
    const db = this.db();
    const needle = `%"nameId":${fromId}%`;
    /** The content with the name's mentions pointing at the other, and how many there were. */
    const rewrite = (content: string): { next: string; count: number } => {
      const doc = JSON.parse(content) as Node;
      let count = 0;
      eachMention(doc.content, (a) => {
        if (Number(a.nameId) !== fromId) return;
        Object.assign(a, { nameId: intoId, kind: into.kind, term: into.name });
        count++;
      });
      return { next: JSON.stringify(doc), count };
    };
    let moved = 0;
    db.transaction(() => {
      const now = new Date().toISOString();
      for (const r of db.prepare('SELECT id, content FROM book_nodes WHERE content LIKE ?').all(needle) as { id: number; content: string }[]) {
        const { next, count } = rewrite(r.content);
        if (count) db.prepare('UPDATE book_nodes SET content = ?, updated_at = ? WHERE id = ?').run(next, now, r.id);
        moved += count;
      }
      // Revisions are history: rewritten so a restore brings no stray mention back, not counted.
      for (const r of db.prepare('SELECT id, content FROM chapter_revisions WHERE content LIKE ?').all(needle) as { id: number; content: string }[]) {
        const { next, count } = rewrite(r.content);
        if (count) db.prepare('UPDATE chapter_revisions SET content = ? WHERE id = ?').run(next, r.id);
      }
      db.prepare('DELETE FROM index_names WHERE id = ?').run(fromId);
    })();
    return moved;
  }

  /** Removes a name no chapter mentions any more. */
  remove(id: number): void {
    const name = this.get(id);
    if (!name) throw new UserFacingError('manuscript.name-not-found', `Không có tên số ${id}.`);
    const uses = this.usage().get(id) ?? 0;
    if (uses > 0) throw new UserFacingError('manuscript.name-in-use', `“${name.name}” còn được nhắc ${uses} lần trong bản thảo: hãy gộp vào tên khác thay vì xóa.`);
    this.db().prepare('DELETE FROM index_names WHERE id = ?').run(id);
  }
}
