/** The project's registry of names for the book's index (table index_names, migration 0011). */
import type { IndexName, NameKind } from '../../../shared/api/manuscript';
import { UserFacingError } from '../../../shared/errors';
import { foldForSearch } from '../../../shared/text/fold';
import type { Db } from '../store/projectDatabase';
import { toNFC } from '../text';

interface NameRow {
  id: number;
  kind: NameKind;
  name: string;
  sort_key: string;
}

const toName = (r: NameRow): IndexName => ({ id: r.id, kind: r.kind, name: r.name, sortKey: r.sort_key });
const clean = (s: string) => toNFC(s).replace(/\s+/g, ' ').trim();

export class NameRegistry {
  constructor(private readonly db: () => Db) {}

  get(id: number): IndexName | null {
    const r = this.db().prepare('SELECT id, kind, name, sort_key FROM index_names WHERE id = ?').get(id) as NameRow | undefined;
    return r ? toName(r) : null;
  }

  /** Every word of the query found (without diacritics) in the name; names starting with it first. */
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
      .prepare(`SELECT id, kind, name, sort_key FROM index_names WHERE ${where.join(' AND ')} ORDER BY (fold LIKE ? || '%') DESC, fold, id LIMIT ?`)
      .all(...args, foldForSearch(query.trim()), limit) as NameRow[];
    return rows.map(toName);
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
}
