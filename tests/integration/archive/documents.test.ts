/** Metadata, suggestions, transcriptions and page operations through the real contract. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeScan, openNewProject, tempDir } from './fixtures';

type Project = Awaited<ReturnType<typeof openNewProject>>;
let p: Project;

beforeAll(async () => {
  p = await openNewProject();
});
afterAll(() => p.close());

/** Imports a folder of `n` page images as one document. */
async function docWithPages(n: number, seed: number): Promise<number> {
  const dir = path.join(tempDir(), `tài liệu ${seed}`);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir);
  for (let i = 1; i <= n; i++) writeFileSync(path.join(dir, `trang ${i}.jpg`), await makeScan('jpeg', 100 + i, 140, seed * 100 + i));
  const r = await p.api.archive.importPaths({ paths: [dir], folderAsDocument: true });
  const o = r.outcomes[0]!;
  if (o.status !== 'imported') throw new Error(JSON.stringify(o));
  return o.documentId;
}

const widths = async (id: number) => (await p.api.archive.getDocument({ id })).pages.map((pg) => pg.width);

describe('archival metadata', () => {
  it('stores, patches and clears fields; reads the number-and-symbol', async () => {
    const id = await docWithPages(1, 1);
    let doc = await p.api.archive.updateMetadata({ baseVersion: (await p.api.archive.getDocument({ id: id })).version, id,
      patch: {
        code: '16-NQ/TW',
        date: { text: 'Tháng 3-1950', start: '1950-03', end: '1950-03' },
        abstract: 'Về công tác xây dựng Đảng'.normalize('NFD'),
        location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', fond: '1', inventory: '2', box: '3', file: '45', folio: '3-7' },
        secrecy: 'Mật',
        urgency: 'Khẩn',
        authenticity: 'Bản sao',
        languages: ['vi'],
        condition: 'ố vàng',
        annotations: 'Bút phê của Bí thư Tỉnh ủy',
        tags: ['kháng chiến'],
        people: ['Nguyễn Văn A'],
        places: ['Lai Châu'],
        organisations: ['Tỉnh ủy Lai Châu'],
        notes: 'Bản rônêô',
      },
    });
    expect(doc.metadata.abstract).toBe('Về công tác xây dựng Đảng'.normalize('NFC'));
    expect(doc.metadata.location?.folio).toBe('3-7');
    expect(doc.codeInfo).toMatchObject({ number: '16', typeName: 'Nghị quyết', issuerCode: 'TW' });
    doc = await p.api.archive.updateMetadata({ baseVersion: (await p.api.archive.getDocument({ id: id })).version, id, patch: { notes: null, tags: [] } });
    expect(doc.metadata.notes).toBeUndefined();
    expect(doc.metadata.tags).toBeUndefined();
    expect(doc.metadata.secrecy).toBe('Mật');
  });

  it('rejects invalid values at the seam', async () => {
    const id = await docWithPages(1, 2);
    await expect(p.api.archive.updateMetadata({ baseVersion: (await p.api.archive.getDocument({ id: id })).version, id, patch: { secrecy: 'Bí mật' as never } })).rejects.toThrow();
    await expect(p.api.archive.updateMetadata({ baseVersion: (await p.api.archive.getDocument({ id: id })).version, id, patch: { date: { text: 'x', start: '1950-13' } } })).rejects.toThrow(/YYYY/);
  });

  it('project abbreviations extend the code tables', async () => {
    expect((await p.api.archive.parseCode({ code: '07-NQ/ĐUQS' }))?.issuerName).toBeUndefined();
    await p.api.archive.setCodeAbbreviation({ table: 'partyIssuers', code: 'ĐUQS', name: 'Đảng ủy Quân sự tỉnh' });
    expect(await p.api.archive.parseCode({ code: '07-NQ/ĐUQS' })).toMatchObject({ typeName: 'Nghị quyết', issuerName: 'Đảng ủy Quân sự tỉnh' });
    expect(await p.api.archive.codeAbbreviations({})).toEqual([{ table: 'partyIssuers', code: 'ĐUQS', name: 'Đảng ủy Quân sự tỉnh' }]);
  });

  it('suggests metadata from an imported header, and the user accepts or dismisses', async () => {
    const file = path.join(tempDir(), 'nghị quyết.txt');
    writeFileSync(
      file,
      [
        'ĐẢNG BỘ TỈNH LAI CHÂU',
        'TỈNH ỦY',
        'Số 05-NQ/TU',
        'ĐẢNG CỘNG SẢN VIỆT NAM',
        'Lai Châu, ngày 3 tháng 2 năm 1961',
        'NGHỊ QUYẾT',
        'về nhiệm vụ phát triển kinh tế năm 1961',
        'Hội nghị Tỉnh ủy lần thứ hai đã thảo luận …',
      ].join('\n'),
    );
    const r = await p.api.archive.importPaths({ paths: [file] });
    const id = (r.outcomes[0] as { documentId: number }).documentId;
    let doc = await p.api.archive.getDocument({ id });
    expect(doc.metadata).toEqual({});
    expect(doc.suggestions).toEqual({
      code: '05-NQ/TU',
      docType: 'Nghị quyết',
      issuer: 'TỈNH ỦY',
      place: 'Lai Châu',
      date: { text: 'ngày 3 tháng 2 năm 1961', start: '1961-02-03', end: '1961-02-03' },
      abstract: 'Về nhiệm vụ phát triển kinh tế năm 1961',
    });
    doc = await p.api.archive.acceptSuggestions({ baseVersion: (await p.api.archive.getDocument({ id: id })).version, id, fields: ['code', 'date'] });
    expect(doc.metadata).toEqual({ code: '05-NQ/TU', date: { text: 'ngày 3 tháng 2 năm 1961', start: '1961-02-03', end: '1961-02-03' } });
    expect(Object.keys(doc.suggestions).sort()).toEqual(['abstract', 'docType', 'issuer', 'place']);
    doc = await p.api.archive.dismissSuggestions({ baseVersion: (await p.api.archive.getDocument({ id: id })).version, id, fields: ['issuer'] });
    doc = await p.api.archive.acceptSuggestions({ baseVersion: (await p.api.archive.getDocument({ id: id })).version, id });
    expect(doc.suggestions).toEqual({});
    expect(doc.metadata.issuer).toBeUndefined();
    expect(doc.metadata.docType).toBe('Nghị quyết');
  });
});

describe('transcription', () => {
  it('stores page text as NFC and records its source', async () => {
    const id = await docWithPages(2, 3);
    const [page] = (await p.api.archive.getDocument({ id })).pages;
    const typed = 'Tỉnh ủy họp ngày 19-8-1945.\r\nDòng hai'.normalize('NFD');
    const info = await p.api.archive.setPageText({ baseVersion: (await p.api.archive.getPageText({ pageId: page!.id })).textVersion, pageId: page!.id, text: typed });
    expect(info.text).toBe('Tỉnh ủy họp ngày 19-8-1945.\nDòng hai'.normalize('NFC'));
    expect(info.textSource).toBe('typed');
    expect(await p.api.archive.getPageText({ pageId: page!.id })).toEqual({ pageId: page!.id, text: info.text, textSource: 'typed', textVersion: info.textVersion });
  });
});

describe('page operations', () => {
  it('reorders pages, and refuses an order that is not a permutation', async () => {
    const id = await docWithPages(3, 4);
    const ids = (await p.api.archive.getDocument({ id })).pages.map((pg) => pg.id);
    const doc = await p.api.archive.reorderPages({ documentId: id, pageIds: [ids[2]!, ids[0]!, ids[1]!] });
    expect(doc.pages.map((pg) => pg.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect(doc.pages.map((pg) => pg.seq)).toEqual([1, 2, 3]);
    await expect(p.api.archive.reorderPages({ documentId: id, pageIds: [ids[0]!, ids[1]!] })).rejects.toThrow(/mỗi trang/);
    expect((await p.api.archive.getDocument({ id })).pages.map((pg) => pg.id)).toEqual([ids[2], ids[0], ids[1]]);
  });

  it('rotates pages clockwise, wrapping at 360', async () => {
    const id = await docWithPages(1, 5);
    const [page] = (await p.api.archive.getDocument({ id })).pages;
    await p.api.archive.rotatePages({ pageIds: [page!.id], by: 270 });
    const [r] = await p.api.archive.rotatePages({ pageIds: [page!.id], by: 180 });
    expect(r!.rotation).toBe(90);
    const [back] = await p.api.archive.rotatePages({ pageIds: [page!.id], by: -90 });
    expect(back!.rotation).toBe(0);
  });

  it('moves pages to another document at a position', async () => {
    const a = await docWithPages(3, 6);
    const b = await docWithPages(2, 7);
    const aPages = (await p.api.archive.getDocument({ id: a })).pages;
    const bPages = (await p.api.archive.getDocument({ id: b })).pages;
    const r = await p.api.archive.movePages({ pageIds: [aPages[1]!.id], toDocumentId: b, beforeSeq: 2 });
    expect(r.target.pages.map((pg) => pg.id)).toEqual([bPages[0]!.id, aPages[1]!.id, bPages[1]!.id]);
    expect(r.sources).toEqual([expect.objectContaining({ id: a, pageCount: 2 })]);
    const left = await p.api.archive.getDocument({ id: a });
    expect(left.pages.map((pg) => [pg.id, pg.seq])).toEqual([
      [aPages[0]!.id, 1],
      [aPages[2]!.id, 2],
    ]);
  });

  it('splits a document and merges it back', async () => {
    const id = await docWithPages(4, 8);
    await p.api.archive.updateMetadata({ baseVersion: (await p.api.archive.getDocument({ id: id })).version, id, patch: { code: '12-BC/TU' } });
    const before = await widths(id);
    const pages = (await p.api.archive.getDocument({ id })).pages;
    const { original, created } = await p.api.archive.splitDocument({ documentId: id, atPageId: pages[2]!.id });
    expect(original.pages.map((pg) => pg.width)).toEqual(before.slice(0, 2));
    expect(created.pages.map((pg) => pg.width)).toEqual(before.slice(2));
    expect(created.metadata.code).toBe('12-BC/TU');
    await expect(p.api.archive.splitDocument({ documentId: id, atPageId: pages[0]!.id })).rejects.toThrow(/trang đầu tiên/);

    const merged = await p.api.archive.mergeDocuments({ targetId: id, sourceIds: [created.id] });
    expect(merged.pages.map((pg) => pg.width)).toEqual(before);
    expect(merged.pages.map((pg) => pg.seq)).toEqual([1, 2, 3, 4]);
    await expect(p.api.archive.getDocument({ id: created.id })).rejects.toThrow(/Không có tài liệu/);
  });

  it('merging keeps metadata fields the target lacks', async () => {
    const a = await docWithPages(1, 9);
    const b = await docWithPages(1, 10);
    await p.api.archive.updateMetadata({ baseVersion: (await p.api.archive.getDocument({ id: a })).version, id: a, patch: { code: '01-KL/TU' } });
    await p.api.archive.updateMetadata({ baseVersion: (await p.api.archive.getDocument({ id: b })).version, id: b, patch: { code: '02-KL/TU', issuer: 'Tỉnh ủy Lai Châu' } });
    const merged = await p.api.archive.mergeDocuments({ targetId: a, sourceIds: [b] });
    expect(merged.metadata).toMatchObject({ code: '01-KL/TU', issuer: 'Tỉnh ủy Lai Châu' });
  });
});
