/**
 * What an importer makes of one file's bytes: the document's pages, each with its size, its text
 * (extracted or empty) and how its page image is obtained. Importers are pure-ish functions
 * bytes → ImportedSource: they never touch the project, so a rejected file leaves nothing behind.
 */

/**
 * How a page's viewable image is obtained (pages.image_kind):
 * - 'original'   the original file is itself the page image (single JPEG or PNG);
 * - 'raster'     page `filePage` of a raster original that browsers cannot show (TIFF), converted
 *                to PNG on demand;
 * - 'pdf-image'  the page's embedded scan, extracted byte-identical (JPEG; CCITT wrapped in TIFF);
 * - 'pdf-render' the PDF page rendered at its native resolution;
 * - 'text'       no image: a text document (DOCX, DOC, ODT, RTF, HTML, plain text).
 */
export type PageImageKind = 'original' | 'raster' | 'pdf-image' | 'pdf-render' | 'text';

/** A derived page image made during import (cache/, rebuildable from the original). */
export interface PageDerivative {
  bytes: Uint8Array;
  mime: 'image/jpeg' | 'image/png' | 'image/tiff';
}

export interface ImportedPage {
  /** Index of this page inside the original file (0-based: TIFF directory, PDF page). */
  filePage: number;
  width: number;
  height: number;
  /** Clockwise rotation to apply when showing the page (PDF /Rotate). */
  rotation?: 0 | 90 | 180 | 270;
  /** Text found in the file (born-digital PDF text, office documents, HTML, plain text), NFC. */
  text: string;
  imageKind: PageImageKind;
  /** A page image made while importing (PDF pages), written to cache/. */
  derivative?: PageDerivative;
  /** JPEG thumbnail (THUMBNAIL_WIDTH wide), made while the page was decoded anyway. */
  thumbnail: Uint8Array;
}

/** The kinds of source the archive accepts, told apart by content. */
export type SourceFormat = 'jpeg' | 'png' | 'tiff' | 'pdf' | 'docx' | 'doc' | 'odt' | 'rtf' | 'html' | 'text';

export interface ImportedSource {
  format: SourceFormat;
  mime: string;
  pages: ImportedPage[];
  /** A title found inside the file (HTML <title>, an office document's heading or properties, PDF Title), if any. */
  title?: string;
  /** What the user should know about a file that imported (bytes replaced while decoding), one Vietnamese sentence each. */
  warnings?: string[];
}

/** What a caller can follow while a file is read page by page (PDF, multi-page TIFF). */
export interface PageReadOptions {
  /** Called before each page; throwing stops the import (cancellation). */
  beforePage?: (index: number, total: number) => void;
  /**
   * Called with each page once made, in any order: the caller may write its thumbnail and
   * derivative to disk and empty them, so that a file of thousands of pages is never held whole.
   */
  onPage?: (page: ImportedPage) => void;
}
