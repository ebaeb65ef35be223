/**
 * Manuscript structure and history: the role of front/back matter nodes (lời giới thiệu, kết luận,
 * phụ lục…), soft deletion (delete with undo), chapter status for appraisal rounds, the headings
 * outline of each chapter, and chapter revisions.
 */
export default /* sql */ `
ALTER TABLE book_nodes ADD COLUMN role TEXT NOT NULL DEFAULT '';
ALTER TABLE book_nodes ADD COLUMN status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'approved'));
ALTER TABLE book_nodes ADD COLUMN outline TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(outline));
ALTER TABLE book_nodes ADD COLUMN deleted_at TEXT;

CREATE TABLE chapter_revisions (
  id         INTEGER PRIMARY KEY,
  node_id    INTEGER NOT NULL REFERENCES book_nodes(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  reason     TEXT NOT NULL CHECK (reason IN ('autosave', 'manual', 'before-restore', 'import', 'restore')),
  note       TEXT NOT NULL DEFAULT '',
  title      TEXT NOT NULL,
  content    TEXT NOT NULL CHECK (json_valid(content)),
  words      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX chapter_revisions_node ON chapter_revisions(node_id, created_at);
`;
