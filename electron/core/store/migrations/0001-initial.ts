/** The first schema: files, documents and pages; books and their nodes. */
export default /* sql */ `
CREATE TABLE project_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Original files, content-addressed: the bytes live at files/<sha[0:2]>/<sha>.
CREATE TABLE files (
  sha256        TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size          INTEGER NOT NULL CHECK (size > 0),
  mime          TEXT NOT NULL,
  original_name TEXT NOT NULL,
  imported_at   TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL,
  metadata   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE pages (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL CHECK (seq >= 1),
  file_sha256 TEXT NOT NULL REFERENCES files(sha256),
  file_page   INTEGER NOT NULL DEFAULT 0,
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  rotation    INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
  text        TEXT NOT NULL DEFAULT '',
  UNIQUE (document_id, seq)
) STRICT;
CREATE INDEX pages_file ON pages(file_sha256);

CREATE TABLE books (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('history', 'chronicle', 'documents')),
  title      TEXT NOT NULL,
  subtitle   TEXT NOT NULL DEFAULT '',
  details    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- The structure tree of a book: parts, chapters, front and back matter.
CREATE TABLE book_nodes (
  id         INTEGER PRIMARY KEY,
  book_id    INTEGER NOT NULL REFERENCES books(id) ON DELETE CASCADE,
  parent_id  INTEGER REFERENCES book_nodes(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('part', 'chapter', 'front', 'back')),
  position   INTEGER NOT NULL,
  title      TEXT NOT NULL,
  content    TEXT NOT NULL DEFAULT '{"type":"doc","content":[]}' CHECK (json_valid(content)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX book_nodes_book ON book_nodes(book_id, parent_id, position);
`;
