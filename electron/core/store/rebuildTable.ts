/**
 * Rebuilding a table whose definition SQLite cannot alter in place (here: adding AUTOINCREMENT to
 * its INTEGER PRIMARY KEY), by SQLite's own recipe (https://www.sqlite.org/lang_altertable.html,
 * "Making Other Kinds Of Table Schema Changes"): with foreign keys off, a copy of the table is
 * made under the new definition, the old one is dropped, the copy takes its name, and its indexes
 * and triggers are made again from their stored SQL.
 *
 * The caller runs it inside a transaction it opened with foreign keys OFF (PRAGMA foreign_keys
 * cannot change inside a transaction): dropping the old table with them on would delete, by
 * cascade, every row that refers to it. The caller then runs foreign_key_check once, before the
 * commit, to prove that no row of another table lost what it referred to (migrate() does, for a
 * migration marked foreignKeysOff; a check per table cost 0.8 s each on a 30,000-document archive).
 */
import type { Db } from './projectDatabase';

interface SchemaRow {
  type: string;
  name: string;
  sql: string | null;
}

/**
 * Re-creates `table` with `transform` applied to its CREATE TABLE statement, keeping its rows,
 * its rowids, its indexes and its triggers.
 */
export function rebuildTable(db: Db, table: string, transform: (createSql: string) => string): void {
  if ((db.pragma('foreign_keys', { simple: true }) as number) !== 0) throw new Error(`rebuildTable(${table}): foreign keys must be off`);
  const def = db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) as SchemaRow | undefined;
  if (!def?.sql) throw new Error(`rebuildTable: no table ${table}`);
  // Indexes SQLite makes for UNIQUE and PRIMARY KEY constraints have no SQL: the new table makes its own.
  const dependents = db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL").all(table) as SchemaRow[];
  const temporary = `${table}__rebuild`;
  const createSql = transform(def.sql);
  const renamed = createSql.replace(new RegExp(`^CREATE TABLE\\s+("?)${table}\\1(?=\\s*\\()`, 'i'), `CREATE TABLE "${temporary}"`);
  if (renamed === createSql) throw new Error(`rebuildTable: cannot rename the definition of ${table}`);
  db.exec(renamed);
  const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map((c) => `"${c}"`).join(', ');
  db.exec(`INSERT INTO "${temporary}" (${columns}) SELECT ${columns} FROM "${table}"`);
  db.exec(`DROP TABLE "${table}"`);
  // Legacy renaming leaves the other tables' REFERENCES "table" clauses as they are: they name the
  // table again once the copy has its name.
  const legacy = db.pragma('legacy_alter_table', { simple: true }) as number;
  db.pragma('legacy_alter_table = ON');
  try {
    db.exec(`ALTER TABLE "${temporary}" RENAME TO "${table}"`);
  } finally {
    db.pragma(`legacy_alter_table = ${legacy ? 'ON' : 'OFF'}`);
  }
  for (const d of dependents) db.exec(d.sql!);
}

/** `id INTEGER PRIMARY KEY` → `id INTEGER PRIMARY KEY AUTOINCREMENT`: SQLite then never gives a deleted row's id to a new row. */
export function withAutoincrement(createSql: string): string {
  if (/\bAUTOINCREMENT\b/i.test(createSql)) return createSql;
  const out = createSql.replace(/(\bid\s+INTEGER\s+PRIMARY\s+KEY)\b/i, '$1 AUTOINCREMENT');
  if (out === createSql) throw new Error('withAutoincrement: no "id INTEGER PRIMARY KEY" column');
  return out;
}
