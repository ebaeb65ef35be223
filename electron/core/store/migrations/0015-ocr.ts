/**
 * Optical character recognition: what the engine read on a page (its words with boxes on the page
 * image and confidence, the text as recognised, how the image was prepared), and earlier texts of
 * a page that a new recognition replaced, so re-running OCR never loses a reading. A page's text
 * itself stays in pages.text (text_source 'ocr'), where search, suggestions and references read it.
 */
export default /* sql */ `
CREATE TABLE page_ocr (
  page_id     INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
  -- Size of the page image the boxes refer to (pixels).
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  -- [[text, x0, y0, x1, y1, confidence, line], ...] in reading order.
  words       TEXT NOT NULL CHECK (json_valid(words)),
  confidence  REAL NOT NULL,
  text        TEXT NOT NULL,
  engine      TEXT NOT NULL,
  -- { orientation, skew, borders }: how the image was turned, straightened and cropped.
  preparation TEXT NOT NULL CHECK (json_valid(preparation)),
  created_at  TEXT NOT NULL,
  duration_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE page_text_revisions (
  id         INTEGER PRIMARY KEY,
  page_id    INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  -- Where the replaced text had come from.
  source     TEXT NOT NULL CHECK (source IN ('none', 'extracted', 'typed', 'ocr')),
  -- Why it was replaced: 'ocr' = a new recognition of the page.
  reason     TEXT NOT NULL CHECK (reason IN ('ocr')),
  text       TEXT NOT NULL
) STRICT;
CREATE INDEX page_text_revisions_page ON page_text_revisions(page_id, created_at);
`;
