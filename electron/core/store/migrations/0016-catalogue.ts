/**
 * The archive at the scale of a provincial collection.
 *
 * `catalogue`: one row per document with what a catalogue (mục lục hồ sơ) sorts and filters by —
 * number, type, issuing body, date bounds, location — each with a sort key whose bytewise order is
 * Vietnamese dictionary order (suquan_sort_key), and the page count and text state taken over the
 * document's pages. `document_tags`: a document's tags, one row each. Both are derived: triggers
 * keep them in step with every write to documents and pages, whichever code path makes it, and
 * they are rebuilt here for existing projects.
 *
 * `saved_searches`: named searches (filters and order), the user's own data.
 *
 * The search index gains `exact`: the title, metadata and text lower-cased with their diacritics
 * (one tone placement), so "Đảng bộ" can be told from "đang bỏ" while the folded columns still find
 * both. Every token is a whole syllable; a prefix is asked for explicitly (`nghi*`). And `facets`:
 * the document's type, issuer, years, location, độ mật and tags as tokens (searchFacets.ts), so
 * words and filters meet inside the index and a filtered search reads only what it keeps. The
 * index stores no copy of the text (contentless): snippets are cut from pages.text.
 */
const ROW = (title: string, metadata: string) => `(SELECT suquan_catalogue_row(${title}, ${metadata}) AS r)`;
const COLUMNS = [
  'code',
  'code_key',
  'doc_type',
  'type_key',
  'type_code',
  'type_fold',
  'issuer',
  'issuer_key',
  'issuer_code',
  'issuer_fold',
  'date_start',
  'date_end',
  'date_key',
  'date_span',
  'abstract_key',
  'title_key',
  'repository',
  'fond',
  'inventory',
  'box',
  'file',
  'location_key',
  'secrecy',
];
const VALUES = COLUMNS.map((c) => `json_extract(r, '$.${c}')`).join(', ');
const TEXT_STATE = `CASE text_source WHEN 'typed' THEN 2 WHEN 'extracted' THEN 2 WHEN 'ocr' THEN 1 ELSE 0 END`;
const RECOUNT = (doc: string) =>
  `UPDATE catalogue SET pages = (SELECT count(*) FROM pages WHERE document_id = ${doc}),
     text_state = (SELECT coalesce(max(${TEXT_STATE}), 0) FROM pages WHERE document_id = ${doc}) WHERE id = ${doc};`;
const TAGS = (doc: string, metadata: string) =>
  `INSERT OR IGNORE INTO document_tags(tag, document_id) SELECT value, ${doc} FROM json_each(${metadata}, '$.tags') WHERE type = 'text';`;
const EXACT = (title: string, metadata: string, text: string) => `suquan_exact_text(${title}, ${metadata}, ${text}), suquan_facets(${metadata})`;

export default /* sql */ `
CREATE TABLE catalogue (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL,
  code_key     TEXT NOT NULL,
  doc_type     TEXT NOT NULL,
  type_key     TEXT NOT NULL,
  type_code    TEXT NOT NULL,
  type_fold    TEXT NOT NULL,
  issuer       TEXT NOT NULL,
  issuer_key   TEXT NOT NULL,
  issuer_code  TEXT NOT NULL,
  issuer_fold  TEXT NOT NULL,
  date_start   TEXT,
  date_end     TEXT,
  date_key     TEXT NOT NULL,
  -- Days between the first and last day the date can mean: the longest span bounds a date-range search.
  date_span    INTEGER,
  abstract_key TEXT NOT NULL,
  title_key    TEXT NOT NULL,
  repository   TEXT NOT NULL,
  fond         TEXT NOT NULL,
  inventory    TEXT NOT NULL,
  box          TEXT NOT NULL,
  file         TEXT NOT NULL,
  location_key TEXT NOT NULL,
  secrecy      TEXT NOT NULL,
  pages        INTEGER NOT NULL DEFAULT 0,
  text_state   INTEGER NOT NULL DEFAULT 0
) STRICT;
-- Import order: the rows themselves are wide, a narrow index reads 100,000 ids in a fraction of the time.
CREATE INDEX catalogue_imported ON catalogue(id);
CREATE INDEX catalogue_code ON catalogue(code_key, id);
CREATE INDEX catalogue_type ON catalogue(type_key, doc_type);
CREATE INDEX catalogue_type_code ON catalogue(type_code);
CREATE INDEX catalogue_type_fold ON catalogue(type_fold);
CREATE INDEX catalogue_issuer ON catalogue(issuer_key, issuer);
CREATE INDEX catalogue_issuer_code ON catalogue(issuer_code);
CREATE INDEX catalogue_issuer_fold ON catalogue(issuer_fold);
CREATE INDEX catalogue_date ON catalogue(date_key, id);
CREATE INDEX catalogue_date_end ON catalogue(date_end);
CREATE INDEX catalogue_date_span ON catalogue(date_span);
CREATE INDEX catalogue_abstract ON catalogue(abstract_key, id);
CREATE INDEX catalogue_title ON catalogue(title_key, id);
CREATE INDEX catalogue_location ON catalogue(location_key, id);
CREATE INDEX catalogue_fond ON catalogue(fond, inventory, box, file);
CREATE INDEX catalogue_repository ON catalogue(repository);
CREATE INDEX catalogue_secrecy ON catalogue(secrecy, id);
CREATE INDEX catalogue_pages ON catalogue(pages, id);
CREATE INDEX catalogue_text_state ON catalogue(text_state, id);

-- What the citation picker's index checks before every search: did any document change?
CREATE INDEX documents_updated ON documents(updated_at);

CREATE TABLE document_tags (
  tag         TEXT NOT NULL,
  document_id INTEGER NOT NULL,
  PRIMARY KEY (tag, document_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_tags_document ON document_tags(document_id);

CREATE TABLE saved_searches (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  filter     TEXT NOT NULL CHECK (json_valid(filter)),
  sort       TEXT NOT NULL CHECK (json_valid(sort)),
  created_at TEXT NOT NULL
) STRICT;

INSERT INTO catalogue(id, ${COLUMNS.join(', ')}) SELECT id, ${VALUES} FROM (SELECT id, suquan_catalogue_row(title, metadata) AS r FROM documents);
UPDATE catalogue SET pages = (SELECT count(*) FROM pages p WHERE p.document_id = catalogue.id),
  text_state = (SELECT coalesce(max(${TEXT_STATE}), 0) FROM pages p WHERE p.document_id = catalogue.id);
INSERT OR IGNORE INTO document_tags(tag, document_id) SELECT j.value, d.id FROM documents d, json_each(d.metadata, '$.tags') j WHERE j.type = 'text';

CREATE TRIGGER catalogue_document_added AFTER INSERT ON documents BEGIN
  INSERT INTO catalogue(id, ${COLUMNS.join(', ')}) SELECT new.id, ${VALUES} FROM ${ROW('new.title', 'new.metadata')};
  ${TAGS('new.id', 'new.metadata')}
END;
CREATE TRIGGER catalogue_document_changed AFTER UPDATE OF title, metadata ON documents BEGIN
  UPDATE catalogue SET (${COLUMNS.join(', ')}) = (SELECT ${VALUES} FROM ${ROW('new.title', 'new.metadata')}) WHERE id = new.id;
  DELETE FROM document_tags WHERE document_id = new.id;
  ${TAGS('new.id', 'new.metadata')}
END;
CREATE TRIGGER catalogue_document_removed AFTER DELETE ON documents BEGIN
  DELETE FROM catalogue WHERE id = old.id;
  DELETE FROM document_tags WHERE document_id = old.id;
END;
CREATE TRIGGER catalogue_page_added AFTER INSERT ON pages BEGIN
  UPDATE catalogue SET pages = pages + 1, text_state = max(text_state, CASE new.text_source WHEN 'typed' THEN 2 WHEN 'extracted' THEN 2 WHEN 'ocr' THEN 1 ELSE 0 END)
    WHERE id = new.document_id;
END;
CREATE TRIGGER catalogue_page_removed AFTER DELETE ON pages BEGIN
  ${RECOUNT('old.document_id')}
END;
CREATE TRIGGER catalogue_page_changed AFTER UPDATE OF document_id, text_source ON pages BEGIN
  ${RECOUNT('old.document_id')}
  ${RECOUNT('new.document_id')}
END;

DROP TRIGGER search_page_added;
DROP TRIGGER search_page_changed;
DROP TRIGGER search_page_removed;
DROP TRIGGER search_document_changed;
DROP TABLE search_pages;
CREATE VIRTUAL TABLE search_pages USING fts5(title, meta, body, exact, facets, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1);

INSERT INTO search_pages(rowid, title, meta, body, exact, facets)
  SELECT p.id, suquan_fold(d.title), suquan_meta_text(d.metadata), suquan_fold(p.text), ${EXACT('d.title', 'd.metadata', 'p.text')}
  FROM pages p JOIN documents d ON d.id = p.document_id;

CREATE TRIGGER search_page_added AFTER INSERT ON pages BEGIN
  INSERT INTO search_pages(rowid, title, meta, body, exact, facets)
    SELECT new.id, suquan_fold(d.title), suquan_meta_text(d.metadata), suquan_fold(new.text), ${EXACT('d.title', 'd.metadata', 'new.text')}
    FROM documents d WHERE d.id = new.document_id;
END;
CREATE TRIGGER search_page_changed AFTER UPDATE OF text, document_id ON pages BEGIN
  DELETE FROM search_pages WHERE rowid = old.id;
  INSERT INTO search_pages(rowid, title, meta, body, exact, facets)
    SELECT new.id, suquan_fold(d.title), suquan_meta_text(d.metadata), suquan_fold(new.text), ${EXACT('d.title', 'd.metadata', 'new.text')}
    FROM documents d WHERE d.id = new.document_id;
END;
CREATE TRIGGER search_page_removed AFTER DELETE ON pages BEGIN
  DELETE FROM search_pages WHERE rowid = old.id;
END;
CREATE TRIGGER search_document_changed AFTER UPDATE OF title, metadata ON documents BEGIN
  DELETE FROM search_pages WHERE rowid IN (SELECT id FROM pages WHERE document_id = new.id);
  INSERT INTO search_pages(rowid, title, meta, body, exact, facets)
    SELECT p.id, suquan_fold(new.title), suquan_meta_text(new.metadata), suquan_fold(p.text), ${EXACT('new.title', 'new.metadata', 'p.text')}
    FROM pages p WHERE p.document_id = new.id;
END;
`;
