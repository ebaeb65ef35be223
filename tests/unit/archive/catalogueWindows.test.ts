import { describe, expect, it } from 'vitest';
import type { CataloguePage, CatalogueRow } from '../../../shared/api/catalogue';
import { formatIsoDay as showFilterDate } from '../../../shared/archive/dates';
import { filterDate } from '../../../shared/archive/filterDate';
import { filterKey, RowWindows } from '../../../renderer/archive/rowWindows';

describe('a date typed into the catalogue filter', () => {
  it('reads years, months and days written the ISO way or the Vietnamese way', () => {
    expect(filterDate('1945', 'from')).toBe('1945');
    expect(filterDate('1975-04', 'to')).toBe('1975-04');
    expect(filterDate('3-1946', 'from')).toBe('1946-03');
    expect(filterDate('3/1946', 'to')).toBe('1946-03');
    expect(filterDate('tháng 3-1946', 'from')).toBe('1946-03');
    expect(filterDate('19-8-1945', 'from')).toBe('1945-08-19');
    expect(filterDate('ngày 19 tháng 8 năm 1945', 'to')).toBe('1945-08-19');
  });

  it('gives a fuzzy date its first day as a start and its last day as an end', () => {
    expect(filterDate('Cuối năm 1930', 'from')).toBe('1930-09-01');
    expect(filterDate('Cuối năm 1930', 'to')).toBe('1930-12-31');
  });

  it('says an empty field is empty and a wrong date is not a date', () => {
    expect(filterDate('  ', 'from')).toBe('');
    expect(filterDate('13-1946', 'from')).toBeNull();
    expect(filterDate('30-2-1950', 'to')).toBeNull();
    expect(filterDate('năm ngoái', 'to')).toBeNull();
  });

  it('is shown back the Vietnamese way', () => {
    expect(showFilterDate('1946-03')).toBe('3-1946');
    expect(showFilterDate('1945-08-19')).toBe('19-8-1945');
    expect(showFilterDate('1945')).toBe('1945');
  });
});

const row = (id: number): CatalogueRow => ({
  id,
  title: `Tài liệu ${id}`,
  code: '',
  docType: '',
  issuer: '',
  date: null,
  abstract: '',
  repository: '',
  fond: '',
  inventory: '',
  box: '',
  file: '',
  folio: '',
  secrecy: '',
  tags: [],
  pages: 1,
  textState: 'none',
  coverPageId: null,
  coverRotation: 0,
  version: 1,
});

/** A catalogue of `total` documents whose answers wait until released. */
function fakeCatalogue(total: number) {
  const asked: number[] = [];
  const pending: (() => void)[] = [];
  let ids = (i: number) => i + 1;
  const fetch = (offset: number, limit: number) =>
    new Promise<CataloguePage>((resolve) => {
      asked.push(offset);
      const at = ids;
      pending.push(() => resolve({ total, totalIsExact: true, offset, tookMs: 1, rows: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => row(at(offset + k))) }));
    });
  const flush = async () => {
    while (pending.length) pending.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { fetch, asked, flush, renumber: (f: (i: number) => number) => (ids = f) };
}

describe('windows of catalogue rows', () => {
  it('fetches the windows around what is on screen, once each', async () => {
    const c = fakeCatalogue(100_000);
    const w = new RowWindows(c.fetch, () => undefined, 100, 12);
    w.reset(false);
    await c.flush();
    expect(w.total).toBe(100_000);
    w.need(5_000, 5_040);
    w.need(5_000, 5_040);
    expect(c.asked.slice(1).sort((a, b) => a - b)).toEqual([4_900, 5_000, 5_100]);
    await c.flush();
    expect(w.rowAt(5_020)?.id).toBe(5_021);
    expect(w.has(5_000, 5_099)).toBe(true);
    expect(w.rowAt(20_000)).toBeUndefined();
  });

  it('keeps only the windows nearest the screen when the user scrolls far', async () => {
    const c = fakeCatalogue(100_000);
    const w = new RowWindows(c.fetch, () => undefined, 100, 12);
    w.reset(false);
    for (let at = 0; at < 100_000; at += 2_000) {
      w.need(at, at + 40);
      await c.flush();
      expect(w.cachedWindows).toBeLessThanOrEqual(12);
    }
    w.need(99_950, 99_990);
    await c.flush();
    expect(w.rowAt(99_960)?.id).toBe(99_961);
    expect(w.rowAt(0)).toBeUndefined();
  });

  it('ignores answers for a view that was left, and keeps rows on screen while the same view refreshes', async () => {
    const c = fakeCatalogue(1_000);
    const w = new RowWindows(c.fetch, () => undefined, 100, 12);
    w.reset(false);
    await c.flush();
    w.need(0, 50);
    await c.flush();
    expect(w.rowAt(10)?.id).toBe(11);

    // The same view, documents changed: the old rows stay until the new ones come.
    c.renumber((i) => i + 1_001);
    w.reset(true);
    expect(w.rowAt(10)?.id).toBe(11);
    w.need(0, 50);
    await c.flush();
    expect(w.rowAt(10)?.id).toBe(1_011);

    // Another view: nothing of the old one is shown, and a late answer for it is dropped.
    w.need(300, 350);
    c.renumber((i) => i + 5_001);
    w.reset(false);
    expect(w.rowAt(10)).toBeUndefined();
    expect(w.total).toBeNull();
    await c.flush();
    expect(w.rowAt(310)).toBeUndefined();
    expect(w.rowAt(10)?.id).toBe(5_011);
  });
});

describe('a filter as a key', () => {
  it('is the same whatever the order of its fields, and leaves out empty ones', () => {
    expect(filterKey({ words: 'đảng bộ', docTypes: ['NQ'] })).toBe(filterKey({ docTypes: ['NQ'], words: 'đảng bộ', tags: [] }));
    expect(filterKey({ from: '1945' })).not.toBe(filterKey({ to: '1945' }));
  });
});

describe('windows asked for while scrolling fast', () => {
  it('fetch only the range still wanted when the scroll settles', async () => {
    const c = fakeCatalogue(100_000);
    const w = new RowWindows(c.fetch, () => undefined, 100, 12, 20);
    w.reset(false);
    await c.flush();
    for (let at = 1_000; at < 50_000; at += 1_000) w.need(at, at + 40);
    await new Promise((r) => setTimeout(r, 40));
    expect(c.asked.slice(1).sort((a, b) => a - b)).toEqual([48_900, 49_000, 49_100]);
  });
});
