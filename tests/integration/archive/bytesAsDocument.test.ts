/** Browser mode's "folder of page images as one document": several files' bytes, one document. */
import { describe, expect, it } from 'vitest';
import { makeScan, openNewProject } from './fixtures';

describe('importBytesAsDocument', () => {
  it('makes one document of the files in the order given, reports a bad file and keeps the rest', async () => {
    const p = await openNewProject();
    try {
      const files = [
        { name: 'page1.jpg', bytes: new Uint8Array(await makeScan('jpeg', 210, 300, 1)) },
        { name: 'page2.png', bytes: new Uint8Array(await makeScan('png', 220, 300, 2)) },
        { name: 'hỏng.jpg', bytes: new Uint8Array(Buffer.from('không phải ảnh')) },
        { name: 'page10.jpg', bytes: new Uint8Array(await makeScan('jpeg', 230, 300, 3)) },
      ];
      const r = await p.api.archive.importBytesAsDocument({ name: 'Hồ sơ 12'.normalize('NFD'), files });
      expect(r.outcomes).toHaveLength(2);
      const [ok, bad] = r.outcomes;
      expect(ok).toEqual({ input: 'Hồ sơ 12', status: 'imported', documentId: expect.any(Number), pages: 3 });
      expect(bad).toMatchObject({ status: 'rejected', reason: expect.stringContaining('hỏng.jpg') });
      const doc = await p.api.archive.getDocument({ id: (ok as { documentId: number }).documentId });
      expect(doc.title).toBe('Hồ sơ 12');
      expect(doc.pages.map((pg) => pg.width)).toEqual([210, 220, 230]);
      expect((await p.api.archive.listDocuments({})).total).toBe(1);
    } finally {
      p.close();
    }
  });

  it('an empty file is refused with its reason and no document is made of nothing', async () => {
    const p = await openNewProject();
    try {
      const r = await p.api.archive.importBytesAsDocument({ name: 'rỗng', files: [{ name: 'a.jpg', bytes: new Uint8Array(0) }] });
      expect(r.outcomes).toEqual([{ input: 'rỗng/a.jpg', status: 'rejected', reason: 'a.jpg: tệp rỗng (0 byte).' }]);
      expect((await p.api.archive.listDocuments({})).total).toBe(0);
    } finally {
      p.close();
    }
  });
});
