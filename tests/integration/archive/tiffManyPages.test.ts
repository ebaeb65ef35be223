/**
 * A multi-page TIFF of many pages (past SPLIT_TIFF_FROM_PAGES, where each page is decoded from a
 * single-page copy cut out of the file, tiffPages.ts) imports as one document with every page, in
 * order, each page's image the very pixels of that page of the file. How the time grows with the
 * pages is measured by bench/tiffPages.bench.ts (linear: ~6–11 ms a page from 10 to 800 pages).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SPLIT_TIFF_FROM_PAGES } from '../../../electron/core/archive/importers/imageImporter';
import { openNewProject, tempDir } from './fixtures';

const PAGES = 60;
const W = 24;
const H = 16;

/** Page i: its own colour, and a mark whose place depends on i (pages differ in content, not just tone). */
async function manyPageTiff(): Promise<Buffer> {
  const frames = await Promise.all(
    Array.from({ length: PAGES }, (_, i) =>
      sharp({ create: { width: W, height: H, channels: 3, background: { r: (i * 37) % 256, g: (i * 91) % 256, b: 255 - i } } })
        .composite([{ input: { create: { width: 3, height: 3, channels: 3, background: '#000' } }, left: i % (W - 3), top: i % (H - 3) }])
        .raw()
        .toBuffer(),
    ),
  );
  return sharp(Buffer.concat(frames), { raw: { width: W, height: H * PAGES, channels: 3, pageHeight: H } as never })
    .tiff({ compression: 'lzw' })
    .toBuffer();
}

describe('a TIFF of many pages', () => {
  it('imports every page, in order, each with its own pixels', async () => {
    expect(PAGES).toBeGreaterThan(SPLIT_TIFF_FROM_PAGES);
    const file = path.join(tempDir(), 'sổ biên bản.tif');
    writeFileSync(file, await manyPageTiff());
    const p = await openNewProject();
    try {
      const r = await p.api.archive.importPaths({ paths: [file] });
      expect(r.outcomes).toEqual([{ input: file, status: 'imported', documentId: expect.any(Number), pages: PAGES }]);
      const doc = await p.api.archive.getDocument({ id: (r.outcomes[0] as { documentId: number }).documentId });
      expect(doc.pages.map((pg) => pg.filePage)).toEqual(Array.from({ length: PAGES }, (_, i) => i));
      expect(doc.pages.every((pg) => pg.width === W && pg.height === H && pg.imageKind === 'raster')).toBe(true);
      for (const [i, page] of doc.pages.entries()) {
        const img = await p.archive.pageImageOf(page.id);
        const shown = await sharp(img.path).removeAlpha().raw().toBuffer();
        const original = await sharp(file, { page: i }).removeAlpha().raw().toBuffer();
        expect(shown.equals(original), `page ${i + 1}`).toBe(true);
      }
    } finally {
      await p.close();
    }
  });
});
