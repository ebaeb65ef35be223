/**
 * Where derived page images live in cache/. A module of its own, free of image libraries, so the
 * code that only names these files (the import job's commit) does not load sharp or pdf.js.
 */
import path from 'node:path';
import type { ProjectLayout } from '../store/projectLayout';

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif' };

export function derivativePath(layout: ProjectLayout, sha256: string, filePage: number, mime: string): string {
  return path.join(layout.cacheDir, 'pages', sha256.slice(0, 2), `${sha256}-${filePage}.${EXT[mime] ?? 'bin'}`);
}
