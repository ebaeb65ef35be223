/**
 * Full-text search over the archive (DESIGN.md: FTS5 with Vietnamese folding). One row per page,
 * rowid = page id: the document's title, its archival metadata and the page's text, each folded
 * (suquan_fold: no case, no diacritics, đ → d), so "dang" finds "Đảng" and "hoa" finds both "hoà"
 * and "hòa". unicode61 splits "16-NQ/TW" into 16, nq, tw. Triggers keep the index in step with
 * every write to pages and documents, whichever code path makes it.
 */
export default /* sql */ `
CREATE VIRTUAL TABLE search_pages USING fts5(title, meta, body, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO search_pages(rowid, title, meta, body)
  SELECT p.id, suquan_fold(d.title), suquan_meta_text(d.metadata), suquan_fold(p.text) FROM pages p JOIN documents d ON d.id = p.document_id;

CREATE TRIGGER search_page_added AFTER INSERT ON pages BEGIN
  INSERT INTO search_pages(rowid, title, meta, body)
    SELECT new.id, suquan_fold(d.title), suquan_meta_text(d.metadata), suquan_fold(new.text) FROM documents d WHERE d.id = new.document_id;
END;

CREATE TRIGGER search_page_changed AFTER UPDATE OF text, document_id ON pages BEGIN
  DELETE FROM search_pages WHERE rowid = old.id;
  INSERT INTO search_pages(rowid, title, meta, body)
    SELECT new.id, suquan_fold(d.title), suquan_meta_text(d.metadata), suquan_fold(new.text) FROM documents d WHERE d.id = new.document_id;
END;

CREATE TRIGGER search_page_removed AFTER DELETE ON pages BEGIN
  DELETE FROM search_pages WHERE rowid = old.id;
END;

CREATE TRIGGER search_document_changed AFTER UPDATE OF title, metadata ON documents BEGIN
  DELETE FROM search_pages WHERE rowid IN (SELECT id FROM pages WHERE document_id = new.id);
  INSERT INTO search_pages(rowid, title, meta, body)
    SELECT p.id, suquan_fold(new.title), suquan_meta_text(new.metadata), suquan_fold(p.text) FROM pages p WHERE p.document_id = new.id;
END;
`;
