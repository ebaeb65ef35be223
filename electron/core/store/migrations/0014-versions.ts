/**
 * Versions for optimistic concurrency: every row a user edits (a chapter, a book's details and
 * structure, a document's metadata, a page's text) counts its saves, and a save names the version
 * it was based on, so a stale save from another window or process is refused instead of silently
 * replacing newer work. A refused chapter save is kept as a revision of reason 'conflict', which
 * the revisions table now allows (SQLite cannot alter a CHECK, so the table is rebuilt).
 */
export default /* sql */ `
ALTER TABLE book_nodes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE books ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE pages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE chapter_revisions_new (
  id         INTEGER PRIMARY KEY,
  node_id    INTEGER NOT NULL REFERENCES book_nodes(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  reason     TEXT NOT NULL CHECK (reason IN ('autosave', 'manual', 'before-restore', 'import', 'restore', 'conflict')),
  note       TEXT NOT NULL DEFAULT '',
  title      TEXT NOT NULL,
  content    TEXT NOT NULL CHECK (json_valid(content)),
  words      INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO chapter_revisions_new SELECT id, node_id, created_at, reason, note, title, content, words FROM chapter_revisions;
DROP TABLE chapter_revisions;
ALTER TABLE chapter_revisions_new RENAME TO chapter_revisions;
CREATE INDEX chapter_revisions_node ON chapter_revisions(node_id, created_at);
`;
