/**
 * The project's registry of names for the book's index (bảng tra cứu): people, places and
 * organisations that the manuscript mentions. A mention in a chapter holds the name's id, so a
 * name corrected here is corrected in every index. `fold` is the name folded for search
 * (no diacritics, lower case).
 */
export default /* sql */ `
CREATE TABLE index_names (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('person', 'place', 'organisation')),
  name       TEXT NOT NULL CHECK (length(name) > 0),
  sort_key   TEXT NOT NULL DEFAULT '',
  fold       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (kind, name)
) STRICT;
CREATE INDEX index_names_fold ON index_names(fold);
`;
