/**
 * The archive grows up: how each page's image is obtained (original, TIFF page, image extracted
 * from a PDF, rendered PDF page, text only), where a page's text came from, suggested metadata
 * awaiting the user's confirmation, and the project's own document-code abbreviations.
 * Archival metadata itself stays in documents.metadata (JSON, validated by
 * shared/archive/metadata.ts); the fields people sort and look up by get expression indexes.
 */
export default /* sql */ `
ALTER TABLE pages ADD COLUMN image_kind TEXT NOT NULL DEFAULT 'original'
  CHECK (image_kind IN ('original', 'raster', 'pdf-image', 'pdf-render', 'text'));
-- MIME type of the page image kept in cache/pages when it is not the original file.
ALTER TABLE pages ADD COLUMN image_mime TEXT;
ALTER TABLE pages ADD COLUMN text_source TEXT NOT NULL DEFAULT 'none'
  CHECK (text_source IN ('none', 'extracted', 'typed', 'ocr'));
ALTER TABLE pages ADD COLUMN text_updated_at TEXT;

ALTER TABLE files ADD COLUMN format TEXT;

-- Metadata found in the imported text (header, number, date, type) that the user has not yet
-- confirmed: { field: value }.
ALTER TABLE documents ADD COLUMN suggestions TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(suggestions));
CREATE INDEX documents_code ON documents(json_extract(metadata, '$.code'));
CREATE INDEX documents_date ON documents(json_extract(metadata, '$.date.start'));

-- Abbreviations a project adds to the built-in document-code tables (shared/text).
CREATE TABLE code_abbreviations (
  table_name TEXT NOT NULL CHECK (table_name IN ('partyTypes', 'partyIssuers', 'stateTypes', 'stateIssuers', 'aliases')),
  code       TEXT NOT NULL,
  name       TEXT NOT NULL,
  PRIMARY KEY (table_name, code)
) STRICT;
`;
