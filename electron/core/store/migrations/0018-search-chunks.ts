/**
 * The search index holds a long page's text in chunks (store/pageChunks.ts): a page of 200 MB —
 * one imported text file, or a crafted project — was folded and indexed as one row and, on every
 * search that found it, read whole to cut a snippet (26 s and 2 GB per search). Now each chunk of
 * about 64,000 characters is a row of the index, and `page_chunks` keeps the chunks' text, so a
 * snippet reads the chunk that matched, never the page (SQLite reads a value whole, substr() included).
 *
 * Only pages longer than a chunk in bytes (octet_length, read without the text) have chunks
 * stored; every other page stays one row with rowid = page id, as before, so existing projects
 * index again only their long pages here. `page_chunks.id` is the chunk's rowid in the index.
 * Each chunk row of the index repeats the title, description and facets, so a search's words and
 * filters meet in one row as before. The table is derived: the triggers keep it, a salvage remakes it.
 *
 * Within a trigger the condition on the page's length is a constant, evaluated once: an ordinary
 * page costs one look at an empty index more.
 */
import { CHUNK_CHARS, CHUNK_ROWS } from '../pageChunks';

const LONG = (text: string) => `octet_length(${text}) > ${CHUNK_CHARS}`;
const COLUMNS = (title: string, metadata: string, text: string) =>
  `suquan_fold(${title}), suquan_meta_text(${metadata}), suquan_fold(${text}), suquan_exact_text(${title}, ${metadata}, ${text}), suquan_facets(${metadata})`;
const INSERT = 'INSERT INTO search_pages(rowid, title, meta, body, exact, facets)';

/** Index rows for the page `page` (alias p, or new): its text when short, else its stored chunks. */
const INDEX_PAGE = (page: string, title: string, metadata: string, from: string) => /* sql */ `
  ${INSERT} SELECT ${page}.id, ${COLUMNS(title, metadata, `${page}.text`)} ${from} AND NOT ${LONG(`${page}.text`)};
  ${INSERT} SELECT k.id, ${COLUMNS(title, metadata, 'k.text')} ${from.replace('WHERE', `JOIN page_chunks k ON k.page_id = ${page}.id WHERE`)};`;

/** Chunks of a long page: chunk 0 has rowid = page id, the next ones −(page id × CHUNK_ROWS + n). */
const CHUNK = (page: string) => /* sql */ `
  DELETE FROM page_chunks WHERE page_id = ${page}.id;
  INSERT INTO page_chunks(id, page_id, n, text)
    SELECT CASE WHEN c.n = 0 THEN ${page}.id ELSE -(${page}.id * ${CHUNK_ROWS} + c.n) END, ${page}.id, c.n, c.chunk
    FROM suquan_chunks(${page}.text) c WHERE ${LONG(`${page}.text`)};`;

/** The index rows and the chunks of page `id` (its first row has rowid = id). */
const FORGET = (id: string) => /* sql */ `
  DELETE FROM search_pages WHERE rowid = ${id};
  DELETE FROM search_pages WHERE rowid IN (SELECT id FROM page_chunks WHERE page_id = ${id} AND n > 0);
  DELETE FROM page_chunks WHERE page_id = ${id};`;

export default /* sql */ `
CREATE TABLE page_chunks (
  -- The chunk's rowid in search_pages.
  id      INTEGER PRIMARY KEY,
  page_id INTEGER NOT NULL,
  n       INTEGER NOT NULL,
  text    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX page_chunks_page ON page_chunks(page_id, n);

DROP TRIGGER search_page_added;
DROP TRIGGER search_page_changed;
DROP TRIGGER search_page_removed;
DROP TRIGGER search_document_changed;

-- Long pages, indexed again in chunks.
DELETE FROM search_pages WHERE rowid IN (SELECT id FROM pages WHERE ${LONG('text')});
INSERT INTO page_chunks(id, page_id, n, text)
  SELECT CASE WHEN c.n = 0 THEN p.id ELSE -(p.id * ${CHUNK_ROWS} + c.n) END, p.id, c.n, c.chunk
  FROM pages p, suquan_chunks(p.text) c WHERE ${LONG('p.text')};
${INSERT} SELECT k.id, ${COLUMNS('d.title', 'd.metadata', 'k.text')}
  FROM page_chunks k JOIN pages p ON p.id = k.page_id JOIN documents d ON d.id = p.document_id;

CREATE TRIGGER search_page_added AFTER INSERT ON pages BEGIN
  ${CHUNK('new')}
  ${INDEX_PAGE('new', 'd.title', 'd.metadata', 'FROM documents d WHERE d.id = new.document_id')}
END;
CREATE TRIGGER search_page_changed AFTER UPDATE OF text, document_id ON pages BEGIN
  ${FORGET('old.id')}
  ${CHUNK('new')}
  ${INDEX_PAGE('new', 'd.title', 'd.metadata', 'FROM documents d WHERE d.id = new.document_id')}
END;
CREATE TRIGGER search_page_removed AFTER DELETE ON pages BEGIN
  ${FORGET('old.id')}
END;
CREATE TRIGGER search_document_changed AFTER UPDATE OF title, metadata ON documents BEGIN
  DELETE FROM search_pages WHERE rowid IN (SELECT id FROM pages WHERE document_id = new.id);
  DELETE FROM search_pages WHERE rowid IN (SELECT k.id FROM pages p JOIN page_chunks k ON k.page_id = p.id WHERE p.document_id = new.id AND k.n > 0);
  ${INDEX_PAGE('p', 'new.title', 'new.metadata', 'FROM pages p WHERE p.document_id = new.id')}
END;
`;
