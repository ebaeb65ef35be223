/**
 * A folder of page images as one document, imported by path: how browser mode imports a dropped
 * folder once its files are streamed to a temporary folder (the dropped relative paths kept).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';
import { makeScan, openNewProject, tempDir } from './fixtures';

/** Staged copies left in cache/tmp (there must be none once a job has ended). */
function stagedLeftovers(dir: string): string[] {
  const tmp = new ProjectLayout(dir).tmpDir;
  return existsSync(tmp) ? readdirSync(tmp) : [];
}

describe('a folder as one document', () => {
  it('makes one document of the files in natural name order, reports a bad file and keeps the rest', async () => {
    const p = await openNewProject();
    try {
      // The folder's name as macOS gives it (NFD); the document's title is NFC.
      const folder = path.join(tempDir(), 'Hồ sơ 12'.normalize('NFD'));
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'page1.jpg'), await makeScan('jpeg', 210, 300, 1));
      writeFileSync(path.join(folder, 'page2.png'), await makeScan('png', 220, 300, 2));
      writeFileSync(path.join(folder, 'hỏng.jpg'), 'không phải ảnh');
      writeFileSync(path.join(folder, 'page10.jpg'), await makeScan('jpeg', 230, 300, 3));
      const r = await p.api.archive.importPaths({ paths: [folder], folderAsDocument: true });
      expect(r.outcomes).toHaveLength(2);
      const [ok, bad] = r.outcomes;
      expect(ok).toEqual({ input: folder, status: 'imported', documentId: expect.any(Number), pages: 3 });
      expect(bad).toMatchObject({ input: path.join(folder, 'hỏng.jpg'), status: 'rejected', reason: expect.stringContaining('hỏng.jpg') });
      const doc = await p.api.archive.getDocument({ id: (ok as { documentId: number }).documentId });
      expect(doc.title).toBe('Hồ sơ 12');
      // page1, page2, page10: natural order, not the order of the bytes' names ("page10" < "page2").
      expect(doc.pages.map((pg) => pg.width)).toEqual([210, 220, 230]);
      expect(doc.pages.map((pg) => pg.mime)).toEqual(['image/jpeg', 'image/png', 'image/jpeg']);
      expect((await p.api.archive.listDocuments({})).total).toBe(1);
      expect(stagedLeftovers(p.dir)).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('an empty file is refused with its reason and no document is made of nothing', async () => {
    const p = await openNewProject();
    try {
      const folder = path.join(tempDir(), 'rỗng');
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'a.jpg'), '');
      const r = await p.api.archive.importPaths({ paths: [folder], folderAsDocument: true });
      expect(r.outcomes).toEqual([{ input: path.join(folder, 'a.jpg'), status: 'rejected', reason: 'a.jpg: tệp rỗng (0 byte).' }]);
      expect((await p.api.archive.listDocuments({})).total).toBe(0);
      expect(stagedLeftovers(p.dir)).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
