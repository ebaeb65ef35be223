/**
 * The image of a figure taken from an archived scan page, as the typesetter wants it: JPEG or PNG
 * bytes and their pixel size.
 *
 * `pageImagePaths` asks the archive (pageImageOf: original JPEG/PNG, or the derived image of a PDF
 * or TIFF page, rebuilt when the cache was cleared) — use it before export. `figureImageSync`
 * reads what is already on disk without the archive's heavy modules, for the synchronous
 * book loader: the original when it is a JPEG/PNG, else the derived image the editor's display
 * of the figure has already made (same places as electron/core/archive/pageImages.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Figure } from '../../../shared/book/model';
import type { ProjectSession } from '../project/projectSession';
import type { Db } from '../store/projectDatabase';
import { isSha256, ProjectLayout } from '../store/projectLayout';
import { derivativePath, previewPath } from '../archive/cachePaths';

export type FigureImage = Figure['image'];

interface PageFileRow {
  id: number;
  file_sha256: string;
  file_page: number;
  image_kind: string;
  image_mime: string | null;
  mime: string;
}

/** Pixel size and format from a JPEG or PNG header; null for anything else. */
export function imageInfo(data: Uint8Array): { format: 'jpeg' | 'png'; width: number; height: number } | null {
  if (data.length > 24 && data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) {
    const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
    return { format: 'png', width: v.getUint32(16), height: v.getUint32(20) };
  }
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = data[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      const len = (data[i + 2]! << 8) | data[i + 3]!;
      // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) hold the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = (data[i + 5]! << 8) | data[i + 6]!;
        const width = (data[i + 7]! << 8) | data[i + 8]!;
        return width && height ? { format: 'jpeg', width, height } : null;
      }
      i += 2 + len;
    }
  }
  return null;
}

function readImage(file: string): FigureImage | null {
  if (!existsSync(file)) return null;
  const data = new Uint8Array(readFileSync(file));
  const info = imageInfo(data);
  return info ? { data, ...info } : null;
}

function pageFile(db: Db, pageId: number): PageFileRow | undefined {
  return db
    .prepare('SELECT p.id, p.file_sha256, p.file_page, p.image_kind, p.image_mime, f.mime FROM pages p JOIN files f ON f.sha256 = p.file_sha256 WHERE p.id = ?')
    .get(pageId) as PageFileRow | undefined;
}

/** The figure image of a page from what is on disk now; null when it has not been made yet. */
export function figureImageSync(db: Db, pageId: number): FigureImage | null {
  const row = pageFile(db, pageId);
  if (!row || row.image_kind === 'text' || !db.name || db.memory) return null;
  // The paths are built by ProjectLayout, which refuses a hash or page that is not one (a crafted
  // database): the figure then prints its caption alone.
  if (!isSha256(row.file_sha256) || !Number.isSafeInteger(row.file_page) || row.file_page < 0) return null;
  const layout = new ProjectLayout(path.dirname(db.name));
  const candidates: string[] = [];
  if ((row.image_kind === 'original' || row.image_kind === 'raster') && row.file_page === 0) candidates.push(layout.original(row.file_sha256));
  if ((row.image_kind === 'pdf-image' || row.image_kind === 'pdf-render') && (row.image_mime === 'image/jpeg' || row.image_mime === 'image/png')) {
    candidates.push(derivativePath(layout, row.file_sha256, row.file_page, row.image_mime));
  }
  candidates.push(previewPath(layout, row.file_sha256, row.file_page));
  for (const c of candidates) {
    if (!layout.contains(c)) continue; // a link leading out of the project is not followed
    const img = readImage(c);
    if (img) return img;
  }
  return null;
}

/** The page ids of every figure in the given chapter documents. */
export function figurePageIds(docs: { content?: unknown[] }[]): number[] {
  const ids = new Set<number>();
  const walk = (nodes: unknown[] | undefined): void => {
    for (const n of (nodes ?? []) as { type?: string; attrs?: Record<string, unknown>; content?: unknown[] }[]) {
      if (n.type === 'figure' && Number.isInteger(Number(n.attrs?.pageId)) && Number(n.attrs?.pageId) > 0) ids.add(Number(n.attrs!.pageId));
      walk(n.content);
    }
  };
  for (const d of docs) walk(d.content);
  return [...ids];
}

/** Asks the archive for each page's viewable image (making derived images as needed) and reads it. */
export async function loadFigureImages(session: ProjectSession, pageIds: number[]): Promise<Map<number, FigureImage>> {
  const out = new Map<number, FigureImage>();
  if (pageIds.length === 0) return out;
  const { createArchiveService } = await import('../archive/archiveService');
  const archive = createArchiveService(session);
  for (const id of pageIds) {
    try {
      const { path: file } = await archive.pageImageOf(id);
      const img = readImage(file);
      if (img) out.set(id, img);
    } catch {
      // A page without an image (text only) or gone: the figure prints its caption alone.
    }
  }
  return out;
}

/**
 * Makes sure the archive has made the viewable image of each page (derived images of PDF and TIFF
 * pages live in cache/), so that the synchronous book loader finds them at export. Errors are
 * left for the export to report as a missing image.
 */
export async function warmFigureImages(session: ProjectSession, pageIds: number[]): Promise<void> {
  if (pageIds.length === 0) return;
  const { createArchiveService } = await import('../archive/archiveService');
  const archive = createArchiveService(session);
  for (const id of pageIds) {
    try {
      await archive.pageImageOf(id);
    } catch {
      // no image for this page (text only, or gone)
    }
  }
}
