/**
 * The one collation (issue 13, item 4): syllable by syllable, as Vietnamese dictionaries order
 * words, and every sorted list of the app that goes through it — the name register and mention
 * picker, the catalogue's facets (issuers, tags …) and saved searches — read back through the
 * services on a real project.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareVietnamese, compareVietnameseNames, sortVietnamese, vietnameseInitial, vietnameseSortKey } from '../../../shared/text/collate';
import { ProjectSession } from '../../../electron/core/project/projectSession';
import { createManuscriptService } from '../../../electron/core/manuscript/manuscriptService';
import { createCatalogueService } from '../../../electron/core/catalogue/catalogueService';
import { createPublishService } from '../../../electron/core/publish/publishService';
import { catalogueContract } from '../../../shared/api/catalogue';
import { manuscriptContract } from '../../../shared/api/manuscript';

const PLACES = ['Hà Giang', 'Hà Nội', 'Hà Tĩnh', 'Hạ Long', 'Hải Phòng'];
const shuffled = <T>(xs: T[]) => [xs[3]!, xs[0]!, xs[4]!, xs[1]!, xs[2]!, ...xs.slice(5)];

describe('syllable-by-syllable order', () => {
  it('orders the letters of the first syllable, then its tone, then the next syllable', () => {
    // Intl.Collator('vi') gives "Hà Giang, Hạ Long, Hà Nội, Hà Tĩnh, Hải Phòng".
    expect([...shuffled(PLACES)].sort(compareVietnamese)).toEqual(PLACES);
    expect(sortVietnamese(shuffled(PLACES))).toEqual(PLACES);
  });

  it('puts a shorter syllable before a longer one that starts with it', () => {
    expect(['Hàn Quốc', 'Hà Nội', 'Hạ Hòa', 'Hang Cốc'].sort(compareVietnamese)).toEqual(['Hà Nội', 'Hạ Hòa', 'Hàn Quốc', 'Hang Cốc']);
  });

  it('agrees with the key the catalogue stores for SQL', () => {
    const words = ['Đông Anh', 'Dương Minh Châu', 'Hà Tĩnh', 'hà nội', 'Hạ Long', 'Hộp 10', 'Hộp 2', 'Ân Thi', 'An Lão'];
    const byKey = [...words].sort((a, b) => (vietnameseSortKey(a) < vietnameseSortKey(b) ? -1 : 1));
    expect([...words].sort(compareVietnamese)).toEqual(byKey);
  });

  it('orders people by given name syllable by syllable', () => {
    expect(['Lê Văn Hạ', 'Trần Hà', 'Phạm Thị Hải', 'Ngô Văn Hà'].sort(compareVietnameseNames)).toEqual(['Ngô Văn Hà', 'Trần Hà', 'Lê Văn Hạ', 'Phạm Thị Hải']);
  });

  it('files a string under its letter: tone off, ă â ê ô ơ ư đ kept', () => {
    expect(['Ấp Bắc', 'Đồng Tháp', 'Ủy ban', 'ước mơ', 'Ơn', 'anh', '1945', '(Hà Nội)', ''].map(vietnameseInitial)).toEqual(['Â', 'Đ', 'U', 'Ư', 'Ơ', 'A', '#', 'H', '']);
  });
});

describe('sorted lists of the app', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'suquan-collate-'));
  const session = new ProjectSession();
  session.create(path.join(dir, 'Dự án.suquan'), 'Dự án thử');
  afterAll(() => session.close());

  it('lists the name register and the mention picker in Vietnamese order', async () => {
    const m = createManuscriptService(session);
    for (const name of shuffled(PLACES)) await m.createName(manuscriptContract.createName.input.parse({ kind: 'place', name, sortKey: '' }));
    const all = await m.nameRegistry(manuscriptContract.nameRegistry.input.parse({ query: '', kind: 'place' }));
    expect(all.map((n) => n.name)).toEqual(PLACES);
    // Names starting with the query first, each group in order.
    const picked = await m.listNames(manuscriptContract.listNames.input.parse({ query: 'ha', kind: 'place' }));
    expect(picked.map((n) => n.name)).toEqual(PLACES);
  });

  it('orders facet values used as often, and saved searches, in Vietnamese order', async () => {
    const c = createCatalogueService(session, createPublishService(session));
    const db = session.require().db;
    const tag = db.prepare('INSERT INTO document_tags(tag, document_id) VALUES (?, ?)');
    // Code-point order (SQLite's) would put "Bắc Ninh" before "Ấp Bắc" and "Đông Anh" after "Hải Phòng".
    [...shuffled(PLACES), 'Đông Anh', 'Bắc Ninh', 'Ấp Bắc'].forEach((t, i) => tag.run(t, i + 1));
    tag.run('Đảng bộ', 1);
    tag.run('Đảng bộ', 2);
    const facets = await c.facets(catalogueContract.facets.input.parse({ field: 'tags' }));
    expect(facets.map((f) => f.value)).toEqual(['Đảng bộ', 'Ấp Bắc', 'Bắc Ninh', 'Đông Anh', ...PLACES]);
    expect((await c.facets(catalogueContract.facets.input.parse({ field: 'tags', limit: 3 }))).map((f) => f.value)).toEqual(['Đảng bộ', 'Ấp Bắc', 'Bắc Ninh']);
    for (const name of shuffled(PLACES)) await c.saveSearch(catalogueContract.saveSearch.input.parse({ name }));
    const saved = await c.savedSearches({});
    expect(saved.map((s) => s.name)).toEqual(PLACES);
  });
});
