/** Implements the `catalogue` contract: the archive as a catalogue (mục lục hồ sơ), its tree, batch edits, saved searches and exports. */
import type { CatalogueFilter, catalogueContract, CatalogueSort, SavedSearch } from '../../../shared/api/catalogue';
import { CATALOGUE_COLUMNS } from '../../../shared/api/catalogue';
import type { ServiceImpl } from '../../../shared/api/contract';
import { UserFacingError } from '../../../shared/errors';
import { compareVietnamese } from '../../../shared/text/collate';
import type { ProjectSession } from '../project/projectSession';
import { toNFC } from '../text';
import type { PublishService } from '../publish/publishService';
import { exportFileName } from '../publish/publishService';
import { batchUpdate } from './batchEdit';
import { exportCatalogue } from './catalogueExport';
import { catalogueFacets, catalogueIds, catalogueTree, queryCatalogue, rowsByIds } from './catalogueQuery';
import { describeFilter } from './describeFilter';

export type CatalogueService = ServiceImpl<typeof catalogueContract>;

interface SavedRow {
  id: number;
  name: string;
  filter: string;
  sort: string;
  created_at: string;
}

function savedSearch(r: SavedRow): SavedSearch {
  const parse = <T>(json: string, fallback: T): T => {
    try {
      return JSON.parse(json) as T;
    } catch {
      return fallback;
    }
  };
  return { id: r.id, name: r.name, filter: parse<CatalogueFilter>(r.filter, {}), sort: parse<CatalogueSort>(r.sort, { key: 'imported', descending: true }), createdAt: r.created_at };
}

/** Rows are read for an export this many at a time (a catalogue of 100,000 documents stays within memory). */
const EXPORT_LIMIT = 200_000;

export function createCatalogueService(session: ProjectSession, publish: Pick<PublishService, 'addExport'>): CatalogueService {
  const db = () => session.require().db;
  return {
    query({ filter, sort, offset, limit }) {
      return queryCatalogue(db(), filter, sort, offset, limit);
    },
    ids({ filter, sort }) {
      return { ids: catalogueIds(db(), filter, sort) };
    },
    tree({ path }) {
      return catalogueTree(db(), path);
    },
    facets({ field, limit }) {
      return catalogueFacets(db(), field, limit);
    },
    batchUpdate({ ids, patch }) {
      session.requireWritable();
      return { changed: batchUpdate(db(), ids, patch) };
    },
    savedSearches() {
      return (db().prepare('SELECT id, name, filter, sort, created_at FROM saved_searches ORDER BY name').all() as SavedRow[])
        .map(savedSearch)
        .sort((a, b) => compareVietnamese(a.name, b.name));
    },
    saveSearch({ name, filter, sort }) {
      session.requireWritable();
      const d = db();
      d.prepare(
        'INSERT INTO saved_searches(name, filter, sort, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET filter = excluded.filter, sort = excluded.sort',
      ).run(toNFC(name), JSON.stringify(filter), JSON.stringify(sort), new Date().toISOString());
      return savedSearch(d.prepare('SELECT id, name, filter, sort, created_at FROM saved_searches WHERE name = ?').get(toNFC(name)) as SavedRow);
    },
    deleteSearch({ id }) {
      session.requireWritable();
      const r = db().prepare('DELETE FROM saved_searches WHERE id = ?').run(id);
      if (r.changes === 0) throw new UserFacingError('catalogue.no-such-search', 'Không còn tìm kiếm đã lưu này.');
      return null;
    },
    async export({ filter, sort, format, columns, title, path }) {
      const ids = catalogueIds(db(), filter, sort);
      if (ids.length === 0) throw new UserFacingError('catalogue.empty-export', 'Không có tài liệu nào trong danh sách đang xem để xuất.');
      if (ids.length > EXPORT_LIMIT) throw new UserFacingError('catalogue.too-large', `Danh sách có ${ids.length} tài liệu, quá ${EXPORT_LIMIT} tài liệu một lần xuất; hãy lọc bớt.`);
      const rows = rowsByIds(db(), ids);
      const name = title?.trim() || `Mục lục hồ sơ – ${session.title()}`;
      const out = await exportCatalogue(rows, { format, columns: columns ?? [...CATALOGUE_COLUMNS], title: name, filterLine: describeFilter(filter), groupByLocation: sort.key === 'location' });
      return publish.addExport(out.bytes, out.ext, exportFileName(name, out.ext), out.pages, path);
    },
  };
}
