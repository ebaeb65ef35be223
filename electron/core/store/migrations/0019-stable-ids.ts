/**
 * Ids that are never given twice. A chapter cites an archived document by its id, a figure shows
 * a page by its id, a mention names an entry of the name register by its id. SQLite gives a new
 * row one more than the largest id in the table, so deleting the newest document and importing
 * another gave the new one the deleted one's id: a citation of the deleted document then printed
 * the new document as its source, silently. With AUTOINCREMENT SQLite remembers the largest id
 * ever given (sqlite_sequence) and never gives it again; undoing a removal may still put a
 * document back under its own id, which nothing else can have taken.
 *
 * The tables are rebuilt (rebuildTable.ts); the remembered largest id starts at the largest id a
 * chapter still refers to, so a citation of a document deleted before this migration stays a
 * citation of a missing document rather than of the next import.
 */
import type { Db } from '../projectDatabase';
import { rebuildTable, withAutoincrement } from '../rebuildTable';

/** The tables whose ids a chapter refers to, and the attribute the chapter's JSON names them by. */
const REFERENCED: { table: string; attribute: string }[] = [
  { table: 'documents', attribute: 'documentId' },
  { table: 'pages', attribute: 'pageId' },
  { table: 'index_names', attribute: 'nameId' },
];

export default function stableIds(db: Db): void {
  for (const { table, attribute } of REFERENCED) {
    rebuildTable(db, table, withAutoincrement);
    const referenced = db
      .prepare(
        `SELECT max(CAST(t.value AS INTEGER)) FROM book_nodes n, json_tree(n.content) t
         WHERE t.key = ? AND t.type IN ('integer', 'real', 'text') AND CAST(t.value AS INTEGER) > 0`,
      )
      .pluck()
      .get(attribute) as number | null;
    const largest = Math.max(referenced ?? 0, (db.prepare(`SELECT max(id) FROM "${table}"`).pluck().get() as number | null) ?? 0);
    if (largest > 0) {
      db.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(table);
      db.prepare('INSERT INTO sqlite_sequence(name, seq) VALUES (?, ?)').run(table, largest);
    }
  }
}
