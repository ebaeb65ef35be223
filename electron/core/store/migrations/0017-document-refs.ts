/**
 * The reference index: which documents each page refers to by number-and-symbol, and what
 * identifies each document (its code and its date), so links between sources, "referred to by"
 * and the list of documents to collect (cần sưu tầm) are index lookups instead of reading every
 * page's text again (300,000 pages at a provincial archive).
 *
 * `document_refs`: one row per reference on a page, in reading order, with the date or term the
 * text writes beside it ("Nghị quyết số 16-NQ/TW ngày 5-8-2022", "… năm 1955", "… khóa II").
 * `document_codes`: one row per document: its code folded to a key (as described, else as its
 * header suggests), the suggested key when it differs, and its date as first and last day.
 *
 * Both are derived and kept in step by triggers whichever code path writes (import, typing, OCR,
 * moving pages): they call the readers through suquan_refs and suquan_doc_code
 * (store/referenceFunctions.ts) with the project's own abbreviations. The page trigger first
 * clears the page's rows, so a salvage that copies rows before their pages ends with the rows
 * the reader makes.
 */
import { ABBREVIATIONS_SQL, REF_COLUMNS, refValues } from '../referenceFunctions';

const REFS = /* sql */ `
  INSERT INTO document_refs(${REF_COLUMNS})
    SELECT ${refValues('new.id', 'new.document_id', 'new.seq')} FROM json_each(suquan_refs(new.text, ${ABBREVIATIONS_SQL})) r;`;

const CODES = (doc: string, metadata: string, suggestions: string) => /* sql */ `
  INSERT OR REPLACE INTO document_codes(document_id, code_key, code, suggested_key, date_start, date_end)
    SELECT ${doc}, json_extract(j, '$.key'), json_extract(j, '$.code'), json_extract(j, '$.suggestedKey'), json_extract(j, '$.start'), json_extract(j, '$.end')
    FROM (SELECT suquan_doc_code(${metadata}, ${suggestions}, ${ABBREVIATIONS_SQL}) AS j);`;

export default /* sql */ `
CREATE TABLE document_refs (
  page_id    INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  -- The page's document and position, kept with it (a list over every reference reads no page).
  document_id INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  -- Position among the page's references (0-based, reading order).
  ord        INTEGER NOT NULL,
  -- The code folded to letters and digits ('16nqtw'), as document_codes.code_key.
  code_key   TEXT NOT NULL,
  -- The code in its canonical spelling ('16-NQ/TW').
  code       TEXT NOT NULL,
  -- Offset of the code in the page's text.
  pos        INTEGER NOT NULL,
  -- The date written with the reference, first and last day 'YYYY-MM-DD', and as written.
  date_start TEXT,
  date_end   TEXT,
  date_text  TEXT,
  -- The Central Committee term written with it ('XIII').
  term       TEXT,
  -- How the code's numbers restart: 'central-term', 'local-term', 'year', 'in-code' (partyTerms.ts).
  numbering  TEXT NOT NULL,
  PRIMARY KEY (page_id, ord)
) STRICT;
CREATE INDEX document_refs_code ON document_refs(code_key);
CREATE INDEX document_refs_document ON document_refs(document_id, seq);

CREATE TABLE document_codes (
  document_id   INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  code_key      TEXT,
  code          TEXT,
  suggested_key TEXT,
  date_start    TEXT,
  date_end      TEXT
) STRICT;
-- Covering what resolving a reference reads of the documents bearing a code.
CREATE INDEX document_codes_code ON document_codes(code_key, date_start, date_end) WHERE code_key IS NOT NULL;

INSERT INTO document_codes(document_id, code_key, code, suggested_key, date_start, date_end)
  SELECT d.id, json_extract(j, '$.key'), json_extract(j, '$.code'), json_extract(j, '$.suggestedKey'), json_extract(j, '$.start'), json_extract(j, '$.end')
  FROM (SELECT id, suquan_doc_code(metadata, suggestions, ${ABBREVIATIONS_SQL}) AS j FROM documents) d;

INSERT INTO document_refs(${REF_COLUMNS})
  SELECT ${refValues('p.id', 'p.document_id', 'p.seq')} FROM pages p, json_each(suquan_refs(p.text, ${ABBREVIATIONS_SQL})) r;

CREATE TRIGGER document_refs_page_added AFTER INSERT ON pages BEGIN
  DELETE FROM document_refs WHERE page_id = new.id;
  ${REFS}
END;

CREATE TRIGGER document_refs_page_changed AFTER UPDATE OF text ON pages BEGIN
  DELETE FROM document_refs WHERE page_id = new.id;
  ${REFS}
END;

-- A page moved to another document, or to another place in its own.
CREATE TRIGGER document_refs_page_moved AFTER UPDATE OF document_id, seq ON pages BEGIN
  UPDATE document_refs SET document_id = new.document_id, seq = new.seq WHERE page_id = new.id;
END;

CREATE TRIGGER document_codes_added AFTER INSERT ON documents BEGIN
  ${CODES('new.id', 'new.metadata', 'new.suggestions')}
END;

CREATE TRIGGER document_codes_changed AFTER UPDATE OF metadata, suggestions ON documents BEGIN
  ${CODES('new.id', 'new.metadata', 'new.suggestions')}
END;
`;
