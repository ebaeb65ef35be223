/**
 * The bar above the archive's documents: grid or catalogue ("Lưới | Mục lục"), the location tree
 * on or off, the order (for both views; the catalogue's headers set it too), the catalogue's
 * columns, and the export of the view as it stands (filtered, sorted) to XLSX, CSV or PDF.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueColumn, CatalogueFilter, CatalogueSort, CatalogueSortKey } from '../../shared/api/catalogue';
import { api, platform } from '../platform/platform';
import { Icon } from '../shell/Icon';
import { useStatus } from '../shell/status';
import type { ArchiveViewMode } from './cataloguePrefs';
import { ColumnMenu } from './CatalogueTable';
import { MenuButton } from './MenuButton';

/** Orders offered in the menu (location covers phông, mục lục, hộp, hồ sơ, tờ). */
const MENU_KEYS: CatalogueSortKey[] = ['relevance', 'imported', 'date', 'code', 'docType', 'issuer', 'abstract', 'title', 'location', 'secrecy', 'pages', 'textState', 'id'];

export function ArchiveViewBar({
  view,
  onView,
  tree,
  onTree,
  sort,
  onSort,
  withWords,
  filter,
  exportTitle,
  columns,
  onColumns,
  panel,
  onPanel,
}: {
  view: ArchiveViewMode;
  onView(view: ArchiveViewMode): void;
  tree: boolean;
  onTree(open: boolean): void;
  sort: CatalogueSort;
  onSort(sort: CatalogueSort): void;
  withWords: boolean;
  filter: CatalogueFilter;
  exportTitle: string;
  columns: CatalogueColumn[];
  onColumns(columns: CatalogueColumn[]): void;
  /** The document panel beside the catalogue. */
  panel: boolean;
  onPanel(shown: boolean): void;
}) {
  const { t } = useTranslation();
  const { setNotice } = useStatus();
  const [exporting, setExporting] = useState<string | null>(null);

  const exportAs = async (format: 'xlsx' | 'csv' | 'pdf') => {
    setExporting(format);
    try {
      const file = await api.catalogue.export({ filter, sort, format, ...(view === 'catalogue' ? { columns } : {}), ...(exportTitle ? { title: exportTitle } : {}) });
      const where = file.path ?? (await platform.saveExport(file));
      if (where) setNotice(t('catalogue.exported', { where }));
    } catch (e) {
      setNotice((e as Error).message, 'error');
    } finally {
      setExporting(null);
    }
  };

  const keys = MENU_KEYS.filter((k) => k !== 'relevance' || withWords);
  return (
    <div className="archive-viewbar" data-testid="archive-viewbar">
      <div className="segmented" role="group" aria-label={t('catalogue.viewLabel')}>
        <button type="button" className={view === 'grid' ? 'active' : ''} aria-pressed={view === 'grid'} onClick={() => onView('grid')} data-testid="view-grid">
          {t('catalogue.viewGrid')}
        </button>
        <button type="button" className={view === 'catalogue' ? 'active' : ''} aria-pressed={view === 'catalogue'} onClick={() => onView('catalogue')} data-testid="view-catalogue">
          {t('catalogue.viewCatalogue')}
        </button>
      </div>
      <button type="button" className={`small${tree ? ' on' : ''}`} aria-pressed={tree} onClick={() => onTree(!tree)} title={t('catalogue.treeHint')} data-testid="tree-toggle">
        <Icon name="folder" size={14} /> {t('catalogue.tree')}
      </button>
      <span className="toolbar-spacer" />
      <span className="sort-pick">
        {/* The label names the list, not its options: a label around the select would read "Xếp theo … Tiêu đề …". */}
        <label htmlFor="archive-sort-key">{t('catalogue.sortLabel')}</label>
        <select
          id="archive-sort-key"
          value={sort.key}
          onChange={(e) => {
            const key = e.target.value as CatalogueSortKey;
            // Newest first for the import order; otherwise from the start.
            onSort({ key, descending: key === 'imported' });
          }}
          data-testid="sort-key"
        >
          {keys.map((k) => (
            <option key={k} value={k}>
              {t(`catalogue.sort.${k}`)}
            </option>
          ))}
        </select>
      </span>
      {sort.key !== 'relevance' && (
        <button
          type="button"
          className="small sort-dir"
          onClick={() => onSort({ ...sort, descending: !sort.descending })}
          title={sort.descending ? t('catalogue.descendingHint') : t('catalogue.ascendingHint')}
          data-testid="sort-direction"
        >
          {sort.descending ? `↓ ${t('catalogue.descending')}` : `↑ ${t('catalogue.ascending')}`}
        </button>
      )}
      {view === 'catalogue' && <ColumnMenu columns={columns} onColumns={onColumns} />}
      {view === 'catalogue' && (
        <button type="button" className={`small icon-only${panel ? ' on' : ''}`} aria-pressed={panel} aria-label={t('catalogue.panel')} onClick={() => onPanel(!panel)} title={t('catalogue.panelHint')} data-testid="panel-toggle">
          <Icon name="open" size={15} />
        </button>
      )}
      <MenuButton label={<>{exporting ? t('catalogue.exporting') : t('catalogue.export')} ▾</>} className="small" testId="export-menu" align="right" disabled={exporting !== null}>
        {(close) => (
          <div className="menu-items">
            {(['xlsx', 'csv', 'pdf'] as const).map((f) => (
              <button
                key={f}
                type="button"
                className="menu-item"
                onClick={() => {
                  close();
                  void exportAs(f);
                }}
                data-testid={`export-${f}`}
              >
                <strong>{t(`catalogue.exportFormat.${f}`)}</strong>
                <small className="muted">{t(`catalogue.exportHint.${f}`)}</small>
              </button>
            ))}
          </div>
        )}
      </MenuButton>
    </div>
  );
}
