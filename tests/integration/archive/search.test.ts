/**
 * Full-text search over the archive through the real contract: text files imported for real,
 * Vietnamese folding (dang → Đảng, hoa → hoà and hòa, đ = d), number-and-symbol, metadata,
 * snippets cut from the NFC text with the matched words marked, and an index that follows every
 * change (transcription, metadata, title, page deletion, a project opened again).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNewProject, tempDir } from './fixtures';

type Project = Awaited<ReturnType<typeof openNewProject>>;
let p: Project;
const ids = { nq: 0, hoa: 0, other: 0 };

async function importText(name: string, lines: string[]): Promise<number> {
  const file = path.join(tempDir(), `${name}.txt`);
  writeFileSync(file, lines.join('\n'));
  const r = await p.api.archive.importPaths({ paths: [file] });
  const o = r.outcomes[0]!;
  if (o.status !== 'imported') throw new Error(JSON.stringify(o));
  return o.documentId;
}

const found = async (query: string) => (await p.api.archive.search({ query })).hits.map((h) => h.documentId);

beforeAll(async () => {
  p = await openNewProject();
  ids.nq = await importText('nghi-quyet', ['TỈNH ỦY LAI CHÂU', 'Số 05-NQ/TU', 'NGHỊ QUYẾT về công tác xây dựng Đảng năm 1961', 'Hội nghị Tỉnh ủy đã thảo luận và thống nhất.']);
  // Old and new tone placement, and text imported in decomposed form.
  ids.hoa = await importText('bao-cao', ['Báo cáo tình hình xã Tân Hoà'.normalize('NFD'), 'Phong trào hòa bình lan rộng khắp các bản làng.']);
  ids.other = await importText('thu', ['Thư của đồng chí Bí thư gửi cán bộ, chiến sĩ.']);
});
afterAll(() => p.close());

describe('searching the archive', () => {
  it('finds Vietnamese words typed without diacritics, with đ as d, and tone placement either way', async () => {
    expect(await found('dang')).toEqual([ids.nq]);
    expect(await found('Đảng')).toEqual([ids.nq]);
    expect((await found('hoa')).sort()).toEqual([ids.hoa]);
    expect(await found('tan hoa')).toEqual([ids.hoa]);
    expect(await found('Tân Hòa')).toEqual([ids.hoa]); // new placement finds the old
    expect(await found('thao lua')).toEqual([]); // whole syllables: "lua" is not "luận"
    expect(await found('thao lua*')).toEqual([ids.nq]); // unless a prefix is asked for
    expect(await found('khong co tu nay')).toEqual([]);
  });

  it('ranks the spelling typed first, matches it alone on request, excludes -words and accepts OR', async () => {
    const near = await importText('dang-bo', ['Thôn bản đang bỏ hoang nhiều ruộng nương.']);
    const exact = await importText('dang-bo-2', ['Đảng bộ xã lãnh đạo nhân dân khai hoang.']);
    const hoan = await importText('hoan', ['Công việc đã hoàn thành.']);
    // Both spellings are found; the one typed comes first whatever the insertion order.
    expect(await found('Đảng bộ')).toEqual([exact, near]);
    expect(await found('đang bỏ')).toEqual([near, exact]);
    // Typed without diacritics: both, and no spelling is preferred.
    expect((await found('dang bo')).sort()).toEqual([near, exact].sort());
    // Exact diacritics only.
    expect((await p.api.archive.search({ query: 'Đảng bộ', exact: true })).hits.map((h) => h.documentId)).toEqual([exact]);
    // "hoà" finds hòa/hoà, never "hoàn" (whole syllables).
    expect(await found('hoà')).toEqual([ids.hoa]);
    expect(await found('hoàn')).toEqual([hoan]);
    // Exclusion and OR.
    expect(await found('dang bo -hoang')).toEqual([]);
    expect(await found('hoang -"nuong"')).toEqual([exact]);
    expect((await found('hoàn OR "tân hoà"')).sort()).toEqual([ids.hoa, hoan].sort());
    for (const id of [near, exact, hoan]) await p.api.archive.deleteDocument({ id });
  });

  it('finds a number-and-symbol and a quoted phrase', async () => {
    expect(await found('05-NQ/TU')).toEqual([ids.nq]);
    expect(await found('"xay dung dang"')).toEqual([ids.nq]);
    expect(await found('"dang xay dung"')).toEqual([]);
  });

  it('marks the matched words in a snippet of the original text', async () => {
    const { hits } = await p.api.archive.search({ query: 'hoa binh' });
    expect(hits).toHaveLength(1);
    const { text, marks } = hits[0]!.snippet;
    expect(text).toBe(text.normalize('NFC'));
    expect(marks.map(([a, b]) => text.slice(a, b))).toEqual(['Hoà', 'hòa', 'bình']);
    expect(hits[0]).toMatchObject({ pageSeq: 1, matchingPages: 1 });
  });

  it('follows transcriptions, metadata, titles and deletions, and survives reopening the project', async () => {
    const doc = await p.api.archive.getDocument({ id: ids.other });
    await p.api.archive.setPageText({ baseVersion: (await p.api.archive.getPageText({ pageId: doc.pages[0]!.id })).textVersion, pageId: doc.pages[0]!.id, text: 'Điện mừng chiến thắng Điện Biên Phủ.' });
    expect(await found('dien bien phu')).toEqual([ids.other]);
    expect(await found('chien si')).toEqual([]);
    await p.api.archive.updateMetadata({ baseVersion: (await p.api.archive.getDocument({ id: ids.other })).version, id: ids.other, patch: { people: ['Võ Nguyên Giáp'], code: '12-ĐM/TU' } });
    expect(await found('vo nguyen giap')).toEqual([ids.other]);
    expect(await found('12-DM/TU')).toEqual([ids.other]);
    await p.api.archive.updateDocument({ baseVersion: (await p.api.archive.getDocument({ id: ids.other })).version, id: ids.other, title: 'Điện văn lịch sử' });
    expect(await found('dien van')).toEqual([ids.other]);
    // A match in the metadata only shows the abstract (or the page) as the snippet, still marked.
    await p.api.archive.updateMetadata({ baseVersion: (await p.api.archive.getDocument({ id: ids.other })).version, id: ids.other, patch: { abstract: 'Mừng chiến thắng lịch sử' } });
    expect((await p.api.archive.search({ query: 'lich su' })).hits[0]!.snippet.marks.length).toBeGreaterThan(0);
    await p.api.archive.deleteDocument({ id: ids.other });
    expect(await found('dien bien phu')).toEqual([]);

    // Reopened: the index is in the database, with the project.
    const dir = p.dir;
    await p.api.project.close({});
    await p.api.project.open({ path: dir });
    expect(await found('dang')).toEqual([ids.nq]);
  });

  it('links sources that refer to each other by number-and-symbol, both ways', async () => {
    const nq = await importText('nq16', ['BAN CHẤP HÀNH TRUNG ƯƠNG', 'Số 16-NQ/TW', 'NGHỊ QUYẾT về công tác tư tưởng.']);
    await p.api.archive.updateMetadata({ baseVersion: (await p.api.archive.getDocument({ id: nq })).version, id: nq, patch: { code: '16-NQ/TƯ' } }); // the older spelling: the same code
    const report = await importText('bc12', [
      'Báo cáo kết quả thực hiện Nghị quyết số 16-NQ/TW của Ban Chấp hành Trung ương',
      'và Chỉ thị 17-CT/TW; nhắc lại Nghị quyết số 16-NQ/TW một lần nữa.',
    ]);
    // Numbers in a table are not a reference.
    const table = await importText('bang', ['Bảng số liệu: 16 NQ TW 30 tấn.']);
    const links = await p.api.archive.documentLinks({ id: report });
    expect(links.refersTo).toEqual([
      { code: '16-NQ/TW', pageSeq: 1, status: 'resolved', basis: 'only-one', documents: [{ id: nq, title: 'nq16', date: '' }], candidates: [] },
      { code: '17-CT/TW', pageSeq: 1, status: 'missing', basis: 'none', documents: [], candidates: [] },
    ]);
    expect((await p.api.archive.documentLinks({ id: nq })).referredBy).toEqual([{ documentId: report, title: 'bc12', pageSeq: 1 }]);
    expect(await p.api.archive.documentLinks({ id: table })).toEqual({ refersTo: [], referredBy: [], possiblyReferredBy: [], mentionedIn: [] });
    await expect(p.api.archive.documentLinks({ id: 99999 })).rejects.toThrow('Không có tài liệu số 99999.');
  });

  it('refuses an empty query in one sentence', async () => {
    await expect(p.api.archive.search({ query: '   ' })).rejects.toThrow('Cần từ khóa.');
    expect((await p.api.archive.search({ query: '" ", -/' })).hits).toEqual([]);
  });
});
