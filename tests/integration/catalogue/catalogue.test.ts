/**
 * The catalogue through the real contract: documents imported for real (text files), described,
 * then listed in Vietnamese order by each column, filtered by date range (partial dates included),
 * type and issuer by name or abbreviation, location, độ mật, tags and text state, combined with
 * words; browsed as a phông → mục lục → hộp → hồ sơ tree; edited in batch; saved as named
 * searches; and searched from the command line with the same filters.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueFilter, CatalogueSort } from '../../../shared/api/catalogue';
import type { ArchivalMetadataPatch } from '../../../shared/api/archive';
import { openNewProject, tempDir } from '../archive/fixtures';
import { suquanCli } from '../foundation/helpers';

type Project = Awaited<ReturnType<typeof openNewProject>>;
let p: Project;
const id = { nq16: 0, nq5: 0, bc: 0, ct: 0, undated: 0 };

async function importText(name: string, text: string, patch: ArchivalMetadataPatch): Promise<number> {
  const file = path.join(tempDir(), `${name}.txt`);
  writeFileSync(file, text);
  const o = (await p.api.archive.importPaths({ paths: [file] })).outcomes[0]!;
  if (o.status !== 'imported') throw new Error(JSON.stringify(o));
  const doc = await p.api.archive.getDocument({ id: o.documentId });
  await p.api.archive.updateMetadata({ id: o.documentId, patch, baseVersion: doc.version });
  return o.documentId;
}

const codes = async (filter: CatalogueFilter, sort: CatalogueSort = { key: 'code', descending: false }) =>
  (await p.api.catalogue.query({ filter, sort, offset: 0, limit: 100 })).rows.map((r) => r.code);

beforeAll(async () => {
  p = await openNewProject('Kho Tỉnh ủy');
  id.nq16 = await importText('nq16', 'Nghị quyết về công tác xây dựng Đảng bộ tỉnh.', {
    code: '16-NQ/TU',
    issuer: 'Tỉnh ủy Lai Châu',
    date: { text: '19-8-1955', start: '1955-08-19' },
    location: { fond: 'Phông Tỉnh ủy', inventory: 'Mục lục số 1', box: 'Hộp 2', file: 'Hồ sơ 10' },
    tags: ['xây dựng Đảng'],
  });
  id.nq5 = await importText('nq5', 'Nghị quyết về phát triển kinh tế nương rẫy.', {
    code: '5-NQ/TU',
    date: { text: 'Tháng 3-1946' },
    location: { fond: 'Phông Tỉnh ủy', inventory: 'Mục lục số 1', box: 'Hộp 10', file: 'Hồ sơ 120' },
    secrecy: 'Mật',
  });
  id.bc = await importText('bc', 'Báo cáo tình hình thôn bản đang bỏ hoang ruộng.', {
    code: '12-BC/HU',
    issuer: 'Huyện ủy Phong Thổ',
    date: { text: 'Cuối năm 1975', start: '1975-09', end: '1975-12' },
    location: { fond: 'Phông Huyện ủy Phong Thổ', inventory: 'Mục lục số 2', box: 'Hộp 1', file: 'Hồ sơ 3' },
  });
  id.ct = await importText('ct', 'Chỉ thị về củng cố chi bộ nông thôn.', {
    code: '3-CT/ĐU',
    issuer: 'Đảng ủy xã Mường So',
    date: { text: '2-9-1980', start: '1980-09-02' },
  });
  id.undated = await importText('thu', 'Thư gửi đồng bào các dân tộc.', { docType: 'Thư' });
});
afterAll(() => p.close());

describe('the catalogue', () => {
  it('sorts by each column in Vietnamese order, numbers by value, empty values last', async () => {
    expect(await codes({})).toEqual(['3-CT/ĐU', '5-NQ/TU', '12-BC/HU', '16-NQ/TU', '']);
    expect(await codes({}, { key: 'date', descending: false })).toEqual(['5-NQ/TU', '16-NQ/TU', '12-BC/HU', '3-CT/ĐU', '']);
    // Newest first: the undated document still comes last, with or without a filter or words.
    expect(await codes({}, { key: 'date', descending: true })).toEqual(['3-CT/ĐU', '12-BC/HU', '16-NQ/TU', '5-NQ/TU', '']);
    expect(await codes({ textStates: ['typed'] }, { key: 'code', descending: true })).toEqual(['16-NQ/TU', '12-BC/HU', '5-NQ/TU', '3-CT/ĐU', '']);
    expect(await codes({ words: 'về OR thư' }, { key: 'date', descending: true })).toEqual(['3-CT/ĐU', '16-NQ/TU', '5-NQ/TU', '']);
    const types = (await p.api.catalogue.query({ filter: {}, sort: { key: 'docType', descending: false }, offset: 0, limit: 10 })).rows.map((r) => r.docType);
    // Type read from the number when not described: BC → Báo cáo, CT → Chỉ thị, NQ → Nghị quyết.
    expect(types).toEqual(['Báo cáo', 'Chỉ thị', 'Nghị quyết', 'Nghị quyết', 'Thư']);
    // Location: Hộp 1 (Huyện ủy) … Hộp 2 before Hộp 10 within Phông Tỉnh ủy; unplaced last.
    expect(await codes({}, { key: 'location', descending: false })).toEqual(['12-BC/HU', '16-NQ/TU', '5-NQ/TU', '3-CT/ĐU', '']);
    const page = await p.api.catalogue.query({ filter: {}, sort: { key: 'code', descending: false }, offset: 1, limit: 2 });
    expect(page).toMatchObject({ total: 5, totalIsExact: true, offset: 1 });
    expect(page.rows.map((r) => r.code)).toEqual(['5-NQ/TU', '12-BC/HU']);
    expect(page.rows[0]).toMatchObject({ pages: 1, textState: 'typed', secrecy: 'Mật', date: { text: 'Tháng 3-1946' } });
  });

  it('filters by date range on the parsed dates, partial dates included, and leaves undated documents out', async () => {
    // "Tháng 3-1946" has no start typed: it is read from the text.
    expect(await codes({ from: '1946-03', to: '1946-03' })).toEqual(['5-NQ/TU']);
    expect(await codes({ from: '1945', to: '1975-10' })).toEqual(['5-NQ/TU', '12-BC/HU', '16-NQ/TU']);
    expect(await codes({ from: '1976' })).toEqual(['3-CT/ĐU']);
    expect(await codes({ to: '1975-08' })).toEqual(['5-NQ/TU', '16-NQ/TU']);
  });

  it('filters by type and issuer by name or abbreviation, location, secrecy, tags and text state', async () => {
    expect(await codes({ docTypes: ['NQ'] })).toEqual(['5-NQ/TU', '16-NQ/TU']);
    expect(await codes({ docTypes: ['nghi quyet', 'CT'] })).toEqual(['3-CT/ĐU', '5-NQ/TU', '16-NQ/TU']);
    expect(await codes({ issuers: ['HU'] })).toEqual(['12-BC/HU']);
    expect(await codes({ issuers: ['Huyện ủy'] })).toEqual(['12-BC/HU']);
    expect(await codes({ issuers: ['DU'] })).toEqual(['3-CT/ĐU']);
    expect(await codes({ fond: 'Phông Tỉnh ủy', box: 'Hộp 10' })).toEqual(['5-NQ/TU']);
    expect(await codes({ secrecy: ['Mật'] })).toEqual(['5-NQ/TU']);
    expect(await codes({ secrecy: ['none'], docTypes: ['NQ'] })).toEqual(['16-NQ/TU']);
    expect(await codes({ tags: ['xây dựng Đảng'] })).toEqual(['16-NQ/TU']);
    expect(await codes({ textStates: ['none'] })).toEqual([]);
    expect((await codes({ textStates: ['typed'] })).length).toBe(5);
  });

  it('combines words with filters, ranks by relevance and gives each row its snippet', async () => {
    const page = await p.api.catalogue.query({ filter: { words: 'Đảng bộ' }, sort: { key: 'relevance', descending: false }, offset: 0, limit: 10 });
    // Both words, anywhere: "Đảng bộ" (and "Đảng ủy … chi bộ") as spelled before "đang bỏ" (same letters, other diacritics).
    expect(page.rows.map((r) => r.code).sort()).toEqual(['12-BC/HU', '16-NQ/TU', '3-CT/ĐU']);
    expect(page.rows.at(-1)!.code).toBe('12-BC/HU');
    expect(await codes({ words: '"Đảng bộ"' }, { key: 'relevance', descending: false })).toEqual(['16-NQ/TU', '12-BC/HU']);
    expect(page.rows[0]!.hit!.snippet.marks.length).toBeGreaterThan(0);
    expect(await codes({ words: 'Đảng bộ', exact: true })).toEqual(['3-CT/ĐU', '16-NQ/TU']);
    expect(await codes({ words: 'nghi quyet', from: '1950' })).toEqual(['16-NQ/TU']);
    expect(await codes({ words: 'nghi quyet -nuong' })).toEqual(['16-NQ/TU']);
    const ids = await p.api.catalogue.ids({ filter: { docTypes: ['NQ'] }, sort: { key: 'date', descending: true } });
    expect(ids.ids).toEqual([id.nq16, id.nq5]);
  });

  it('shows the location tree with counts, numbers by value and unplaced documents', async () => {
    const fonds = await p.api.catalogue.tree({ path: [] });
    expect(fonds).toEqual({
      level: 'fond',
      children: [
        { value: 'Phông Huyện ủy Phong Thổ', documents: 1 },
        { value: 'Phông Tỉnh ủy', documents: 2 },
      ],
      unplaced: 2,
    });
    const boxes = await p.api.catalogue.tree({ path: ['Phông Tỉnh ủy', 'Mục lục số 1'] });
    expect(boxes.children.map((c) => c.value)).toEqual(['Hộp 2', 'Hộp 10']);
    expect((await p.api.catalogue.facets({ field: 'docType', limit: 10 }))[0]).toEqual({ value: 'Nghị quyết', documents: 2 });
  });

  it('edits shared fields of many documents at once, merging location parts and tags', async () => {
    const before = await p.api.archive.getDocument({ id: id.nq5 });
    const r = await p.api.catalogue.batchUpdate({ ids: [id.nq5, id.nq16], patch: { location: { box: 'Hộp 7' }, addTags: ['nghị quyết'], secrecy: null } });
    expect(r.changed).toBe(2);
    const after = await p.api.archive.getDocument({ id: id.nq5 });
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.metadata.location).toEqual({ fond: 'Phông Tỉnh ủy', inventory: 'Mục lục số 1', box: 'Hộp 7', file: 'Hồ sơ 120' });
    expect(after.metadata.tags).toEqual(['nghị quyết']);
    expect(after.metadata.secrecy).toBeUndefined();
    expect(await codes({ box: 'Hộp 7' })).toEqual(['5-NQ/TU', '16-NQ/TU']);
    expect(await codes({ tags: ['nghị quyết', 'xây dựng Đảng'] })).toEqual(['16-NQ/TU']);
    // Nothing to change: no version bump.
    expect((await p.api.catalogue.batchUpdate({ ids: [id.nq5], patch: { location: { box: 'Hộp 7' } } })).changed).toBe(0);
  });

  it('keeps named searches, replacing one saved under the same name', async () => {
    const a = await p.api.catalogue.saveSearch({ name: 'Nghị quyết thời kháng chiến', filter: { docTypes: ['NQ'], to: '1954' }, sort: { key: 'date', descending: false } });
    await p.api.catalogue.saveSearch({ name: 'Nghị quyết thời kháng chiến', filter: { docTypes: ['NQ'], to: '1975' }, sort: { key: 'date', descending: false } });
    const saved = await p.api.catalogue.savedSearches({});
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ id: a.id, filter: { docTypes: ['NQ'], to: '1975' } });
    await p.api.catalogue.deleteSearch({ id: a.id });
    expect(await p.api.catalogue.savedSearches({})).toEqual([]);
    await expect(p.api.catalogue.deleteSearch({ id: a.id })).rejects.toThrow('Không còn tìm kiếm đã lưu này.');
  });
});

describe('suquan search with filters', () => {
  const suquan = suquanCli({ timeoutMs: 60_000 });

  it('filters by type, issuer and dates, typed as an archivist types them', async () => {
    const dir = path.join(tempDir(), 'Kho.suquan');
    expect(suquan('init', dir, '--title', 'Kho').code).toBe(0);
    const files = [
      ['nq.txt', 'TỈNH ỦY LAI CHÂU\nSố 16-NQ/TU\nNGHỊ QUYẾT\nvề công tác xây dựng Đảng bộ\nLai Châu, ngày 19 tháng 8 năm 1955'],
      ['bc.txt', 'HUYỆN ỦY PHONG THỔ\nSố 12-BC/HU\nBÁO CÁO\ntình hình thôn bản đang bỏ hoang\nPhong Thổ, ngày 5 tháng 10 năm 1975'],
    ].map(([name, text]) => {
      const f = path.join(tempDir(), name!);
      writeFileSync(f, text!);
      return f;
    });
    expect(suquan('import', dir, ...files).code).toBe(0);
    // The imported header gives suggestions; accept them so the catalogue has number and date.
    const { api, close } = await (async () => {
      const { createServices } = await import('../../../electron/core/services');
      const { createClient } = await import('../../../shared/api/client');
      const app = createServices({ defaultParent: tempDir() } as Parameters<typeof createServices>[0]);
      const api = createClient((s, m, a) => app.dispatch(s, m, a));
      await api.project.open({ path: dir });
      return { api, close: () => app.dispose() };
    })();
    for (const docId of [1, 2]) {
      const d = await api.archive.getDocument({ id: docId });
      await api.archive.acceptSuggestions({ id: docId, baseVersion: d.version });
    }
    await close();

    const nq = suquan('search', dir, '--type', 'NQ', '--json');
    expect(nq.code, nq.stderr + nq.stdout).toBe(0);
    expect(JSON.parse(nq.stdout).result.rows.map((r: { code: string }) => r.code)).toEqual(['16-NQ/TU']);
    const range = suquan('search', dir, 'dang', '--from', '1970', '--to', '12-1975', '--json');
    expect(range.code, range.stderr + range.stdout).toBe(0);
    expect(JSON.parse(range.stdout).result.rows.map((r: { code: string }) => r.code)).toEqual(['12-BC/HU']);
    const human = suquan('search', dir, 'Đảng bộ', '--issuer', 'TU');
    expect(human.stdout).toContain('Tìm thấy 1 tài liệu.');
    expect(human.stdout).toContain('16-NQ/TU');
    const bad = suquan('search', dir, 'dang', '--from', 'năm ngoái');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Không đọc được ngày “năm ngoái” của --from');
  });
});
