/**
 * Page sets and documents: page images grouped into documents at import (by folder, by a trailing
 * page number in their names, or as the review before an import put them), a folder imported
 * again recognised as already in the archive, and a document emptied by a move removed — and
 * brought back by undo with its number, title, description and pages.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageNameOf, proposeGroups, titleForFiles } from '../../../shared/archive/pageSets';
import { makeScan, makeTiff, openNewProject, tempDir } from './fixtures';

type Project = Awaited<ReturnType<typeof openNewProject>>;

/** Writes scans of distinct widths (so their order can be read back) into `dir`. */
async function scans(dir: string, files: [string, number][]): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  return Promise.all(
    files.map(async ([name, width]) => {
      const p = path.join(dir, name);
      writeFileSync(p, name.endsWith('.tif') ? await makeTiff(1, { width, height: 300 }) : await makeScan(name.endsWith('.png') ? 'png' : 'jpeg', width, 300, width));
      return p;
    }),
  );
}

const widths = async (p: Project, id: number) => (await p.api.archive.getDocument({ id })).pages.map((pg) => pg.width);
const titles = async (p: Project) => (await p.api.archive.listDocuments({})).items.map((d) => d.title).sort();

describe('names that differ only by a trailing page number', () => {
  it('read the page number and leave camera counters alone', () => {
    expect(pageNameOf('NQ05_p1.jpg')).toMatchObject({ number: 1, stem: 'NQ05' });
    expect(pageNameOf('NQ05_p10.jpg')!.key).toBe(pageNameOf('nq05_P2.JPG')!.key);
    expect(pageNameOf('trang1.jpg')).toMatchObject({ number: 1, stem: '' });
    expect(pageNameOf('BC12-01.tif')).toMatchObject({ number: 1, stem: 'BC12' });
    expect(pageNameOf('Nghị quyết 5 - tờ 2.png')).toMatchObject({ number: 2, stem: 'Nghị quyết 5' });
    // "hop1": the p belongs to the word.
    expect(pageNameOf('hop1.jpg')).toMatchObject({ stem: 'hop' });
    expect(pageNameOf('hồ sơ 12_0003.tif')).toMatchObject({ number: 3, stem: 'hồ sơ 12' });
    // Camera counters, years, documents that are not page images, names without a number.
    for (const n of ['IMG_0001.jpg', 'DSC01234.JPG', 'PXL_20231005_123456789.jpg', 'Báo cáo năm 1975.jpg', 'Nghị quyết 2.pdf', 'trang1.docx', 'Scan 3.png', 'bản sao.png', 'trang1']) {
      expect(pageNameOf(n), n).toBeNull();
    }
  });

  it('propose one document per set, in page order, and leave the rest alone', () => {
    const f = (p: string, inFolder = true) => ({ path: p, inFolder });
    const groups = proposeGroups(
      [f('Hồ sơ/NQ05_p10.jpg'), f('Hồ sơ/NQ05_p2.jpg'), f('Hồ sơ/ghi chú.png'), f('Hồ sơ/NQ05_p1.jpg'), f('Hồ sơ/IMG_0001.jpg'), f('Hồ sơ/IMG_0002.jpg'), f('trang1.jpg', false), f('trang2.jpg', false)],
      'name',
    );
    expect(groups).toEqual([
      { title: 'NQ05', paths: ['Hồ sơ/NQ05_p1.jpg', 'Hồ sơ/NQ05_p2.jpg', 'Hồ sơ/NQ05_p10.jpg'], kind: 'name' },
      { title: null, paths: ['Hồ sơ/ghi chú.png'], kind: 'file' },
      { title: null, paths: ['Hồ sơ/IMG_0001.jpg'], kind: 'file' },
      { title: null, paths: ['Hồ sơ/IMG_0002.jpg'], kind: 'file' },
      { title: 'trang 1–2', paths: ['trang1.jpg', 'trang2.jpg'], kind: 'name' },
    ]);
    // The same files in two folders are two sets; a set inside a folder is named after it.
    expect(proposeGroups([f('A/trang1.jpg'), f('B/trang1.jpg'), f('A/trang2.jpg'), f('B/trang2.jpg')], 'name').map((g) => [g.title, g.paths.length])).toEqual([
      ['A', 2],
      ['B', 2],
    ]);
    expect(proposeGroups([f('A/x.jpg'), f('A/y.jpg'), f('z.jpg', false)], 'folder').map((g) => g.title)).toEqual(['A', null]);
    // Numbers that do not start at page 1 are documents of their own (two resolutions, not pages 5 and 21).
    expect(proposeGroups([f('Nghị quyết 05.jpg'), f('Nghị quyết 21.jpg')], 'name').map((g) => g.paths.length)).toEqual([1, 1]);
    expect(proposeGroups([f('NQ05_p01.jpg'), f('NQ05_p02.jpg')], 'name').map((g) => g.paths.length)).toEqual([2]);
    expect(titleForFiles([f('A/x.jpg'), f('A/y.jpg')])).toBe('A');
    expect(titleForFiles([f('a.jpg', false), f('b.jpg', false)])).toBe('a');
  });
});

describe('page sets at import', () => {
  it('groups by name: NQ05_p1…p10, BC12-01/02, trang1–3 become three documents in page order', async () => {
    const p = await openNewProject();
    try {
      const root = path.join(tempDir(), 'Lô quét');
      await scans(root, [
        ['NQ05_p10.jpg', 230],
        ['NQ05_p2.jpg', 220],
        ['NQ05_p1.jpg', 210],
        ['BC12-02.tif', 320],
        ['BC12-01.tif', 310],
        ['ghi chú.png', 400],
        ['IMG_0001.jpg', 500],
        ['IMG_0002.jpg', 510],
      ]);
      await scans(path.join(root, 'Hồ sơ 7'), [
        ['trang2.jpg', 120],
        ['trang1.jpg', 110],
        ['trang3.jpg', 130],
      ]);
      const r = await p.api.archive.importPaths({ paths: [root], grouping: 'name' });
      const byTitle = new Map(r.outcomes.flatMap((o) => (o.status === 'imported' ? [[o.title ?? path.basename(o.input), o] as const] : [])));
      expect(r.outcomes.every((o) => o.status === 'imported')).toBe(true);
      expect([...byTitle.keys()].sort()).toEqual(['BC12', 'Hồ sơ 7', 'IMG_0001.jpg', 'IMG_0002.jpg', 'NQ05', 'ghi chú.png'].sort());
      expect(await widths(p, byTitle.get('NQ05')!.documentId)).toEqual([210, 220, 230]);
      expect(await widths(p, byTitle.get('BC12')!.documentId)).toEqual([310, 320]);
      expect(await widths(p, byTitle.get('Hồ sơ 7')!.documentId)).toEqual([110, 120, 130]);
      expect(byTitle.get('NQ05')).toMatchObject({ pages: 3, title: 'NQ05' });
      expect(await titles(p)).toEqual(['BC12', 'ghi chú', 'Hồ sơ 7', 'IMG 0001', 'IMG 0002', 'NQ05'].sort());
      // Planned the same way before importing (the review step), from the same files.
      const plan = await p.api.archive.planImport({ paths: [root], grouping: 'name' });
      expect(plan.groups.map((g) => [g.title, g.paths.map((x) => path.basename(x))])).toEqual([
        ['BC12', ['BC12-01.tif', 'BC12-02.tif']],
        [null, ['ghi chú.png']],
        ['Hồ sơ 7', ['trang1.jpg', 'trang2.jpg', 'trang3.jpg']],
        [null, ['IMG_0001.jpg']],
        [null, ['IMG_0002.jpg']],
        ['NQ05', ['NQ05_p1.jpg', 'NQ05_p2.jpg', 'NQ05_p10.jpg']],
      ]);
    } finally {
      await p.close();
    }
  });

  it('imports the groups the review made: merged, split, named by hand, in the order given', async () => {
    const p = await openNewProject();
    try {
      const dir = path.join(tempDir(), 'thả');
      const [a1, a2, a3, b1, lone] = await scans(dir, [
        ['trang1.jpg', 101],
        ['trang2.jpg', 102],
        ['trang3.jpg', 103],
        ['phụ lục 1.png', 201],
        ['ảnh bìa.jpg', 301],
      ]);
      const plan = await p.api.archive.planImport({ paths: [dir], grouping: 'name' });
      expect(plan.groups.map((g) => g.paths.length)).toEqual([1, 1, 3]);
      // The user keeps trang1–2 together, puts trang3 with the appendix page, and names both.
      const started = await p.api.archive.startImport({
        groups: [
          { paths: [lone!, a1!, a2!], title: 'Nghị quyết 05-NQ/TU' },
          { paths: [a3!, b1!], title: '  Phụ lục  ' },
        ],
      });
      expect(started.total).toBe(5);
      let s = await p.api.archive.importStatus({ jobId: started.jobId });
      while (s.state === 'running') {
        await new Promise((r) => setTimeout(r, 50));
        s = await p.api.archive.importStatus({ jobId: started.jobId });
      }
      expect(s.outcomes).toEqual([
        { input: lone, status: 'imported', documentId: 1, pages: 3, title: 'Nghị quyết 05-NQ/TU' },
        { input: a3, status: 'imported', documentId: 2, pages: 2, title: 'Phụ lục' },
      ]);
      expect(await widths(p, 1)).toEqual([301, 101, 102]);
      expect(await widths(p, 2)).toEqual([103, 201]);
      expect((await p.api.archive.getDocument({ id: 1 })).title).toBe('Nghị quyết 05-NQ/TU');
      // A group with nothing in it is refused by the contract; so is an import of nothing.
      await expect(p.api.archive.startImport({ groups: [{ paths: [] }] })).rejects.toThrow();
      await expect(p.api.archive.startImport({})).rejects.toThrow(/Chưa có tệp nào/);
    } finally {
      await p.close();
    }
  });
});

describe('a folder imported again', () => {
  it('is a duplicate naming the documents that hold its files, and a partial overlap is reported file by file', async () => {
    const p = await openNewProject();
    try {
      const folder = path.join(tempDir(), 'Hồ sơ 3');
      const files = await scans(folder, [
        ['trang1.jpg', 401],
        ['trang2.jpg', 402],
        ['trang3.jpg', 403],
      ]);
      // Imported first as three files: three documents.
      const first = await p.api.archive.importPaths({ paths: files });
      expect(first.outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported']);

      // The same scans as a folder ("Mỗi thư mục là một tài liệu"): no new document, and it says where they are.
      const again = await p.api.archive.importPaths({ paths: [folder], folderAsDocument: true });
      expect(again.outcomes).toEqual([
        {
          input: folder,
          status: 'duplicate',
          documentId: 1,
          documents: [
            { id: 1, title: 'trang1' },
            { id: 2, title: 'trang2' },
            { id: 3, title: 'trang3' },
          ],
        },
      ]);
      expect((await p.api.archive.listDocuments({})).total).toBe(3);
      // By name, the same.
      const byName = await p.api.archive.importPaths({ paths: [folder], grouping: 'name' });
      expect(byName.outcomes).toEqual([expect.objectContaining({ status: 'duplicate', title: 'Hồ sơ 3', documents: expect.any(Array) })]);

      // One new page beside them: a document of the new page alone, and each file already there named.
      await scans(folder, [['trang4.jpg', 404]]);
      const partial = await p.api.archive.importPaths({ paths: [folder], folderAsDocument: true });
      expect(partial.outcomes).toEqual([
        { input: folder, status: 'imported', documentId: 4, pages: 1 },
        { input: files[0], status: 'duplicate', documentId: 1 },
        { input: files[1], status: 'duplicate', documentId: 2 },
        { input: files[2], status: 'duplicate', documentId: 3 },
      ]);
      expect(await widths(p, 4)).toEqual([404]);
      expect((await p.api.archive.listDocuments({})).total).toBe(4);
    } finally {
      await p.close();
    }
  });
});

describe('a document emptied by a move', () => {
  it('is removed, and restoring it brings back its number, title, description and pages', async () => {
    const p = await openNewProject();
    try {
      const dir = path.join(tempDir(), 'trang');
      const files = await scans(dir, [
        ['a.jpg', 501],
        ['b.jpg', 502],
        ['c.jpg', 503],
        ['d.jpg', 504],
      ]);
      await p.api.archive.importPaths({ paths: files.slice(0, 3) });
      // Document 2 gets document 3's page, so it has two; document 3, empty, is removed.
      const three = await p.api.archive.getDocument({ id: 3 });
      const first = await p.api.archive.movePages({ pageIds: [three.pages[0]!.id], toDocumentId: 2 });
      expect(first.removed.map((r) => [r.id, r.title, r.pageIds])).toEqual([[3, 'c', [three.pages[0]!.id]]]);
      // A new document never takes a removed one's number (AUTOINCREMENT): d is number 4.
      await p.api.archive.importPaths({ paths: [files[3]!] });
      expect((await p.api.archive.getDocument({ id: 4 })).title).toBe('d');
      const doc1 = await p.api.archive.getDocument({ id: 1 });
      await p.api.archive.updateMetadata({ id: 1, baseVersion: doc1.version, patch: { code: '05-NQ/TU', docType: 'Nghị quyết' } });
      await p.api.archive.updateDocument({ id: 1, baseVersion: doc1.version + 1, title: 'Nghị quyết về giao thông' });
      const twoBefore = (await p.api.archive.getDocument({ id: 2 })).pages.map((pg) => pg.id);

      // Document 1's only page into document 2, before its second page: document 1 is gone.
      const moved = await p.api.archive.movePages({ pageIds: [doc1.pages[0]!.id], toDocumentId: 2, beforeSeq: 2 });
      expect(moved.target.pages.map((pg) => pg.id)).toEqual([twoBefore[0], doc1.pages[0]!.id, twoBefore[1]]);
      expect(moved.sources).toEqual([]);
      expect(moved.removed).toEqual([
        {
          id: 1,
          title: 'Nghị quyết về giao thông',
          metadata: { code: '05-NQ/TU', docType: 'Nghị quyết' },
          suggestions: expect.any(Object),
          createdAt: doc1.createdAt,
          pageIds: [doc1.pages[0]!.id],
        },
      ]);
      await expect(p.api.archive.getDocument({ id: 1 })).rejects.toThrow(/Không có tài liệu số 1/);
      expect((await p.api.archive.listDocuments({})).items.map((d) => d.id).sort()).toEqual([2, 4]);

      // Undo: back with its number, title, description and page; document 2 as it was.
      const back = await p.api.archive.restoreDocument({ snapshot: moved.removed[0]! });
      expect(back.removed).toEqual([]);
      expect(back.restored).toMatchObject({ id: 1, title: 'Nghị quyết về giao thông', pageCount: 1, metadata: { code: '05-NQ/TU', docType: 'Nghị quyết' }, createdAt: doc1.createdAt });
      expect(back.restored.codeInfo).toMatchObject({ typeName: 'Nghị quyết' });
      expect(back.restored.pages.map((pg) => [pg.id, pg.seq])).toEqual([[doc1.pages[0]!.id, 1]]);
      expect((await p.api.archive.getDocument({ id: 2 })).pages.map((pg) => [pg.id, pg.seq])).toEqual([
        [twoBefore[0], 1],
        [twoBefore[1], 2],
      ]);
      // Searchable again under its own title.
      expect((await p.api.archive.search({ query: 'giao thông' })).hits.map((h) => h.documentId)).toEqual([1]);

      // Merging by moving every page of a document (a card dropped on a card) and undoing it.
      const last = await p.api.archive.getDocument({ id: 4 });
      const merged = await p.api.archive.movePages({ pageIds: last.pages.map((pg) => pg.id), toDocumentId: 2 });
      expect(merged.target.pageCount).toBe(3);
      expect(merged.removed.map((r) => r.id)).toEqual([4]);
      // An import meanwhile takes a new number, so the undone merge brings it back under its own.
      await p.api.archive.importPaths({ paths: [await scans(path.join(tempDir(), 'mới'), [['e.jpg', 505]]).then((x) => x[0]!)] });
      expect((await p.api.archive.getDocument({ id: 5 })).title).toBe('e');
      const again = await p.api.archive.restoreDocument({ snapshot: merged.removed[0]! });
      expect(again.restored).toMatchObject({ id: 4, title: 'd' });
      expect(again.restored.pages.map((pg) => pg.id)).toEqual([last.pages[0]!.id]);
      expect((await p.api.archive.getDocument({ id: 2 })).pageCount).toBe(2);

      // Pages deleted since cannot be brought back: said in a sentence, nothing made.
      const gone = await p.api.archive.movePages({ pageIds: again.restored.pages.map((pg) => pg.id), toDocumentId: 1 });
      expect(gone.removed.map((r) => r.id)).toEqual([4]);
      await p.api.archive.deleteDocument({ id: 1 });
      await expect(p.api.archive.restoreDocument({ snapshot: gone.removed[0]! })).rejects.toThrow(/các trang của nó đã bị xóa/);
      expect((await p.api.archive.listDocuments({})).items.map((d) => d.id).sort()).toEqual([2, 5]);
    } finally {
      await p.close();
    }
  });
});
