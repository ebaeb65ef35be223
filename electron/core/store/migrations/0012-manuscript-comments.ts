/**
 * Comments anchored to passages of a chapter, for the appraisal rounds (thẩm định): who wrote
 * what and when, the passage as it read then, and whether it has been dealt with. The anchor
 * itself is a `comment` mark in the chapter's text holding the comment's id.
 */
export default /* sql */ `
CREATE TABLE chapter_comments (
  id          INTEGER PRIMARY KEY,
  node_id     INTEGER NOT NULL REFERENCES book_nodes(id) ON DELETE CASCADE,
  author      TEXT NOT NULL DEFAULT '',
  text        TEXT NOT NULL CHECK (length(text) > 0),
  quote       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  resolved_at TEXT
) STRICT;
CREATE INDEX chapter_comments_node ON chapter_comments(node_id, created_at);
`;
