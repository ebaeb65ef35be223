/**
 * OCR results in the project database (migration 0015): writing a page's recognition without ever
 * replacing what a person typed, keeping a replaced OCR text as a revision, reading the words and
 * boxes back for the viewer and the searchable PDF, and metadata suggestions from the newly read
 * header of a document.
 */
import type { MetadataSuggestions } from '../../../shared/api/archive';
import type { OcrPreparation, OcrWord, PageOcr } from '../../../shared/archive/ocr';
import { parseStoredMetadata } from '../../../shared/archive/metadata';
import type { PageTextRevision } from '../../../shared/api/ocr';
import { DocumentStore } from '../archive/documents';
import { suggestMetadata } from '../archive/prefill';
import type { Db } from '../store/projectDatabase';
import { deepNFC, toNFC } from '../text';

/** A word as stored: [text, x0, y0, x1, y1, confidence, line]. */
type StoredWord = [string, number, number, number, number, number, number];

/** A page's recognition as the job hands it over; the time it is stored is added here. */
export type RecognitionToSave = Omit<PageOcr, 'createdAt'>;

/**
 * What saving did to the page's text: replaced it (`written`), left a person's or a file's own
 * text as it was and kept only the boxes (`kept`), or found the page deleted meanwhile (`gone`).
 */
export type SaveOutcome = 'written' | 'kept' | 'gone';

const now = () => new Date().toISOString();

export function saveRecognition(db: Db, r: RecognitionToSave): SaveOutcome {
  const text = toNFC(r.text);
  const words: StoredWord[] = r.words.map((w) => [toNFC(w.text), ...w.box.map(Math.round), w.confidence, w.line] as StoredWord);
  return db.transaction((): SaveOutcome => {
    // Read inside the write transaction: a transcription saved while the page was being read wins.
    const page = db.prepare('SELECT text, text_source, document_id FROM pages WHERE id = ?').get(r.pageId) as
      | { text: string; text_source: string; document_id: number }
      | undefined;
    if (!page) return 'gone';
    const at = now();
    db.prepare(
      `INSERT INTO page_ocr(page_id, width, height, words, confidence, text, engine, preparation, created_at, duration_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(page_id) DO UPDATE SET width = excluded.width, height = excluded.height, words = excluded.words,
         confidence = excluded.confidence, text = excluded.text, engine = excluded.engine, preparation = excluded.preparation,
         created_at = excluded.created_at, duration_ms = excluded.duration_ms`,
    ).run(r.pageId, r.width, r.height, JSON.stringify(words), r.confidence, text, r.engine, JSON.stringify(r.preparation), at, Math.round(r.durationMs));
    // Typed by a person, or the file's own text layer: never replaced by a machine's reading.
    if (page.text_source === 'typed' || page.text_source === 'extracted') return 'kept';
    if (page.text_source === 'ocr' && page.text && page.text !== text) {
      db.prepare("INSERT INTO page_text_revisions(page_id, created_at, source, reason, text) VALUES (?, ?, 'ocr', 'ocr', ?)").run(r.pageId, at, page.text);
    }
    if (page.text !== text || page.text_source !== (text ? 'ocr' : 'none')) {
      db.prepare('UPDATE pages SET text = ?, text_source = ?, text_updated_at = ?, version = version + 1 WHERE id = ?').run(text, text ? 'ocr' : 'none', at, r.pageId);
      db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(at, page.document_id);
    }
    return 'written';
  }).immediate();
}

export function readRecognition(db: Db, pageId: number): PageOcr | null {
  const row = db.prepare('SELECT * FROM page_ocr WHERE page_id = ?').get(pageId) as
    | { page_id: number; width: number; height: number; words: string; confidence: number; text: string; engine: string; preparation: string; created_at: string; duration_ms: number }
    | undefined;
  if (!row) return null;
  const words = (JSON.parse(row.words) as StoredWord[]).map(
    ([text, x0, y0, x1, y1, confidence, line]): OcrWord => ({ text, box: [x0, y0, x1, y1], confidence, line }),
  );
  return {
    pageId: row.page_id,
    width: row.width,
    height: row.height,
    words,
    confidence: row.confidence,
    text: row.text,
    engine: row.engine,
    preparation: JSON.parse(row.preparation) as OcrPreparation,
    createdAt: row.created_at,
    durationMs: row.duration_ms,
  };
}

export function textRevisions(db: Db, pageId: number): PageTextRevision[] {
  const rows = db.prepare('SELECT id, created_at, source, reason, text FROM page_text_revisions WHERE page_id = ? ORDER BY created_at DESC, id DESC').all(pageId) as {
    id: number;
    created_at: string;
    source: PageTextRevision['source'];
    reason: PageTextRevision['reason'];
    text: string;
  }[];
  return rows.map((r) => ({ id: r.id, pageId, createdAt: r.created_at, source: r.source, reason: r.reason, text: r.text }));
}

/** How far into a document its header is looked for: the text of its first pages. */
const HEADER_PAGES = 2;

/**
 * Suggests metadata from the document's text as it now reads (after OCR): the fields the document
 * has no value for yet, awaiting the user's confirmation; true when a suggestion is new. The document's version is not changed:
 * suggestions are not the user's metadata, and a form open meanwhile must still save.
 */
export function refreshSuggestions(db: Db, documentId: number): boolean {
  return db.transaction((): boolean => {
    const doc = db.prepare('SELECT metadata, suggestions FROM documents WHERE id = ?').get(documentId) as { metadata: string; suggestions: string } | undefined;
    if (!doc) return false;
    const texts = db.prepare('SELECT text FROM pages WHERE document_id = ? ORDER BY seq LIMIT ?').all(documentId, HEADER_PAGES) as { text: string }[];
    const found = suggestMetadata(texts.map((t) => t.text).join('\n'), new DocumentStore(db).codeTables());
    const metadata = parseStoredMetadata(doc.metadata) as Record<string, unknown>;
    const suggestions = parseStoredMetadata(doc.suggestions) as Record<string, unknown>;
    let changed = false;
    for (const [k, v] of Object.entries(found)) {
      if (metadata[k] !== undefined && metadata[k] !== null && metadata[k] !== '') continue;
      if (JSON.stringify(suggestions[k]) === JSON.stringify(v)) continue;
      suggestions[k] = v;
      changed = true;
    }
    if (changed) db.prepare('UPDATE documents SET suggestions = ? WHERE id = ?').run(JSON.stringify(deepNFC(suggestions as MetadataSuggestions)), documentId);
    return changed;
  }).immediate();
}
