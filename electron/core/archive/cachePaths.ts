/**
 * Where derived page images live in cache/. A module of its own, free of image libraries, so the
 * code that only names these files (the import job's commit, the book loader's figures) does not
 * load sharp or pdf.js. The paths themselves are built, and their hashes checked, by ProjectLayout.
 */
import type { ProjectLayout } from '../store/projectLayout';

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif' };

/** The image taken out of (or rendered from) a PDF page, kept as `mime`. */
export function derivativePath(layout: ProjectLayout, sha256: string, filePage: number, mime: string): string {
  return layout.derived('pages', sha256, filePage, EXT[mime] ?? 'bin');
}

/** The PNG a browser is shown for a page it cannot show as stored (a TIFF page, a PDF page's CCITT scan). */
export function previewPath(layout: ProjectLayout, sha256: string, filePage: number): string {
  return layout.derived('previews', sha256, filePage, 'png');
}
