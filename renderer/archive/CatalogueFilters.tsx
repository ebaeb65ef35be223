/**
 * What narrows the archive's view: the words (the one search box of the archive, with "Đúng dấu"
 * to match diacritics as typed), the date range (typed the Vietnamese way: "1945", "3-1946",
 * "tháng 8-1945", "cuối năm 1930"), tên loại, cơ quan ban hành, kho, độ mật, từ khóa and where the
 * text comes from — pickers fed by the values in use (`catalogue.facets`). The place in the
 * phông → hồ sơ tree comes from the tree. A view can be saved under a name and applied again.
 */
import { forwardRef, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_STATES, type CatalogueFilter, type CatalogueSort, type FacetValue, type SavedSearch } from '../../shared/api/catalogue';
import { SECRECY_LEVELS } from '../../shared/archive/metadata';
import { foldForSearch } from '../../shared/text/fold';
import { api } from '../platform/platform';
import { Icon } from '../shell/Icon';
import { PromptDialog } from '../shell/PromptDialog';
import { useStatus } from '../shell/status';
import { formatIsoDay as showFilterDate } from '../../shared/archive/dates';
import { filterDate } from '../../shared/archive/filterDate';
import { formatCount, nodeLabel } from './LocationTree';
import { MenuButton } from './MenuButton';

type ListField = 'docTypes' | 'issuers' | 'tags' | 'secrecy' | 'textStates';
const LOCATION = ['fond', 'inventory', 'box', 'file'] as const;

/** How many of the filters (words aside) narrow the view. */
export function activeFilters(filter: CatalogueFilter): number {
  let n = 0;
  if (filter.from || filter.to) n++;
  for (const k of ['docTypes', 'issuers', 'tags', 'secrecy', 'textStates'] as const) if (filter[k]?.length) n++;
  if (filter.repository) n++;
  if (filter.fond) n++;
  return n;
}

// ---- The words -----------------------------------------------------------------------------

/** The archive's search box: the view's words, "Đúng dấu", the filter panel's switch, saved searches. */
export const CatalogueSearchBox = forwardRef<
  HTMLInputElement,
  {
    filter: CatalogueFilter;
    sort: CatalogueSort;
    onChange(filter: CatalogueFilter): void;
    filtersOpen: boolean;
    onFiltersOpen(open: boolean): void;
    onApply(search: SavedSearch): void;
  }
>(function CatalogueSearchBox({ filter, sort, onChange, filtersOpen, onFiltersOpen, onApply }, ref) {
  const { t } = useTranslation();
  const count = activeFilters(filter);
  return (
    <div className="cat-search">
      <input
        ref={ref}
        type="search"
        className="archive-search"
        name="archiveQuery"
        value={filter.words ?? ''}
        placeholder={t('archive.searchPlaceholder')}
        aria-label={t('archive.search')}
        title={t('catalogue.wordsHint')}
        onChange={(e) => onChange({ ...filter, words: e.target.value })}
        onKeyDown={(e) => e.key === 'Escape' && onChange({ ...filter, words: '' })}
        data-testid="archive-search"
      />
      <label className="check exact" title={t('catalogue.exactHint')}>
        <input type="checkbox" checked={filter.exact === true} onChange={(e) => onChange({ ...filter, exact: e.target.checked || undefined })} data-testid="search-exact" />
        {t('catalogue.exact')}
      </label>
      <button type="button" className={`small filter-toggle${filtersOpen ? ' on' : ''}`} aria-expanded={filtersOpen} onClick={() => onFiltersOpen(!filtersOpen)} data-testid="filters-toggle">
        {t('catalogue.filters')}
        {count > 0 && <span className="filter-count">{count}</span>}
      </button>
      <SavedSearches filter={filter} sort={sort} onApply={onApply} />
    </div>
  );
});

// ---- Saved searches ------------------------------------------------------------------------

function SavedSearches({ filter, sort, onApply }: { filter: CatalogueFilter; sort: CatalogueSort; onApply(search: SavedSearch): void }) {
  const { t } = useTranslation();
  const { setNotice } = useStatus();
  const [list, setList] = useState<SavedSearch[]>([]);
  const [naming, setNaming] = useState(false);
  const reload = () =>
    api.catalogue.savedSearches({}).then(
      (l) => setList(l),
      () => undefined,
    );
  useEffect(() => {
    void reload();
  }, []);
  const empty = !filter.words?.trim() && activeFilters(filter) === 0;
  return (
    <>
      <MenuButton label={<>{t('catalogue.saved', { count: list.length })} ▾</>} className="small" testId="saved-searches" panelClassName="saved-panel">
        {(close) => (
          <>
            {list.length === 0 ? (
              <p className="muted menu-note">{t('catalogue.savedNone')}</p>
            ) : (
              <ul className="saved-list">
                {list.map((s) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      className="saved-apply"
                      onClick={() => {
                        onApply(s);
                        close();
                        setNotice(t('catalogue.savedApplied', { name: s.name }));
                      }}
                      data-testid="saved-search"
                    >
                      {s.name}
                    </button>
                    <button
                      type="button"
                      className="icon-button saved-delete"
                      title={t('catalogue.savedDelete', { name: s.name })}
                      aria-label={t('catalogue.savedDelete', { name: s.name })}
                      onClick={async () => {
                        try {
                          await api.catalogue.deleteSearch({ id: s.id });
                          setNotice(t('catalogue.savedDeleted', { name: s.name }));
                        } catch (e) {
                          setNotice((e as Error).message, 'error');
                        }
                        void reload();
                      }}
                      data-testid="saved-search-delete"
                    >
                      <Icon name="close" size={14} />
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="menu-foot">
              <button
                type="button"
                className="small"
                disabled={empty}
                title={empty ? t('catalogue.saveEmpty') : undefined}
                onClick={() => {
                  close();
                  setNaming(true);
                }}
                data-testid="save-search"
              >
                {t('catalogue.save')}
              </button>
            </div>
          </>
        )}
      </MenuButton>
      {naming && (
        <PromptDialog
          title={t('catalogue.saveTitle')}
          label={t('catalogue.saveName')}
          placeholder={t('catalogue.saveNamePlaceholder')}
          confirmLabel={t('catalogue.saveConfirm')}
          testId="save-search-dialog"
          onCancel={() => setNaming(false)}
          onSubmit={async (name) => {
            const cleaned = { ...filter, ...(filter.words?.trim() ? { words: filter.words.trim() } : { words: undefined }) };
            await api.catalogue.saveSearch({ name, filter: cleaned, sort });
            setNaming(false);
            setNotice(t('catalogue.savedDone', { name }));
            void reload();
          }}
        />
      )}
    </>
  );
}

// ---- Pickers -------------------------------------------------------------------------------

interface Option {
  value: string;
  label: string;
  documents?: number;
}

/** A button naming what is chosen ("Tên loại: Nghị quyết +1"), opening a checklist of values with their counts. */
function Picker({ label, options, chosen, onChange, testId }: { label: string; options: Option[]; chosen: string[]; onChange(values: string[]): void; testId: string }) {
  const { t, i18n } = useTranslation();
  const [find, setFind] = useState('');
  const shown = useMemo(() => {
    const all = [...options];
    for (const c of chosen) if (!all.some((o) => o.value === c)) all.unshift({ value: c, label: c });
    const f = foldForSearch(find.trim());
    return f ? all.filter((o) => foldForSearch(o.label).includes(f)) : all;
  }, [options, chosen, find]);
  const labelOf = (v: string) => options.find((o) => o.value === v)?.label ?? v;
  const summary = chosen.length === 0 ? t('catalogue.any') : chosen.length === 1 ? labelOf(chosen[0]!) : `${labelOf(chosen[0]!)} +${chosen.length - 1}`;
  return (
    <MenuButton
      label={
        <>
          <span className="picker-label">{label}:</span> <span className={`picker-value${chosen.length ? ' on' : ''}`}>{summary}</span> ▾
        </>
      }
      className={`small picker${chosen.length ? ' chosen' : ''}`}
      testId={testId}
      panelClassName="picker-panel"
    >
      {() => (
        <>
          {options.length > 8 && <input className="picker-find" type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder={t('catalogue.pickerFind')} aria-label={t('catalogue.pickerFind')} autoFocus />}
          <div className="picker-list" role="group" aria-label={label}>
            {shown.length === 0 && <p className="muted menu-note">{t('catalogue.pickerNone')}</p>}
            {shown.map((o) => (
              <label key={o.value} className="menu-check">
                <input type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))} />
                <span className="picker-option">{o.label}</span>
                {o.documents !== undefined && <span className="picker-n">{formatCount(o.documents, i18n.language)}</span>}
              </label>
            ))}
          </div>
          {chosen.length > 0 && (
            <div className="menu-foot">
              <button type="button" className="small" onClick={() => onChange([])}>
                {t('catalogue.pickerClear')}
              </button>
            </div>
          )}
        </>
      )}
    </MenuButton>
  );
}

/** A date bound typed freely; what it was read as is shown beside it when that differs. */
function DateBound({ bound, value, onChange }: { bound: 'from' | 'to'; value: string | undefined; onChange(value: string | undefined): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ? showFilterDate(value) : '');
  // A value set elsewhere (a saved search, "clear") replaces what was typed.
  useEffect(() => {
    if ((filterDate(text, bound) || undefined) !== value) setText(value ? showFilterDate(value) : '');
  }, [value]);
  const read = filterDate(text, bound);
  const invalid = read === null;
  return (
    <label className={`date-bound${invalid ? ' invalid' : ''}`}>
      <span>{t(bound === 'from' ? 'catalogue.from' : 'catalogue.to')}</span>
      <input
        value={text}
        name={`filter-${bound}`}
        placeholder={bound === 'from' ? '1945' : '4-1975'}
        aria-invalid={invalid}
        title={invalid ? t('catalogue.dateInvalid') : t('catalogue.dateHint')}
        onChange={(e) => {
          setText(e.target.value);
          const r = filterDate(e.target.value, bound);
          if (r !== null) onChange(r || undefined);
        }}
        data-testid={`filter-${bound}`}
      />
      {invalid ? (
        <small className="date-read error">{t('catalogue.dateInvalidShort')}</small>
      ) : read && showFilterDate(read) !== text.trim() ? (
        <small className="date-read" data-testid={`filter-${bound}-read`}>
          = {showFilterDate(read)}
        </small>
      ) : null}
    </label>
  );
}

// ---- The panel -----------------------------------------------------------------------------

/**
 * The filters below the search box: open, every picker; closed, a line of what is chosen, each
 * with × to drop it. `version` refreshes the pickers' values after documents changed.
 */
export function CatalogueFilterPanel({ filter, onChange, open, version }: { filter: CatalogueFilter; onChange(filter: CatalogueFilter): void; open: boolean; version: number }) {
  const { t, i18n } = useTranslation();
  const [facets, setFacets] = useState<Partial<Record<'docType' | 'issuer' | 'repository' | 'tags' | 'secrecy', FacetValue[]>>>({});
  useEffect(() => {
    if (!open) return;
    let live = true;
    for (const field of ['docType', 'issuer', 'repository', 'tags', 'secrecy'] as const) {
      void api.catalogue.facets({ field, limit: 500 }).then(
        (values) => live && setFacets((f) => ({ ...f, [field]: values })),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [open, version]);

  const set = (patch: Partial<CatalogueFilter>) => {
    const next: CatalogueFilter = { ...filter, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined || (Array.isArray(v) && v.length === 0)) delete next[k as keyof CatalogueFilter];
    onChange(next);
  };
  const list = (field: ListField) => (filter[field] ?? []) as string[];
  const opts = (values: FacetValue[] | undefined): Option[] => (values ?? []).map((v) => ({ value: v.value, label: v.value, documents: v.documents }));
  const secrecyCount = new Map((facets.secrecy ?? []).map((f) => [f.value, f.documents]));
  const secrecyOptions: Option[] = [...SECRECY_LEVELS, 'none'].map((v) => ({ value: v, label: v === 'none' ? t('catalogue.secrecyNone') : v, ...(secrecyCount.has(v) ? { documents: secrecyCount.get(v)! } : {}) }));
  const textOptions: Option[] = TEXT_STATES.map((v) => ({ value: v, label: t(`catalogue.textState.${v}`) }));
  const location = LOCATION.filter((k) => filter[k]).map((k) => nodeLabel(LOCATION.indexOf(k), filter[k]!, t));

  if (!open) {
    // Closed: the filters in force, each removable.
    const chips: { key: string; label: string; clear: Partial<CatalogueFilter> }[] = [];
    if (filter.from || filter.to) {
      const label = filter.from && filter.to ? `${showFilterDate(filter.from)} – ${showFilterDate(filter.to)}` : filter.from ? t('catalogue.since', { date: showFilterDate(filter.from) }) : t('catalogue.until', { date: showFilterDate(filter.to!) });
      chips.push({ key: 'date', label, clear: { from: undefined, to: undefined } });
    }
    const named: [ListField, string, (v: string) => string][] = [
      ['docTypes', t('catalogue.columns.docType'), (v) => v],
      ['issuers', t('catalogue.columns.issuer'), (v) => v],
      ['secrecy', t('catalogue.columns.secrecy'), (v) => (v === 'none' ? t('catalogue.secrecyNone') : v)],
      ['tags', t('catalogue.columns.tags'), (v) => v],
      ['textStates', t('catalogue.columns.textState'), (v) => t(`catalogue.textState.${v}`)],
    ];
    for (const [field, name, show] of named) if (list(field).length) chips.push({ key: field, label: `${name}: ${list(field).map(show).join(', ')}`, clear: { [field]: undefined } });
    if (filter.repository) chips.push({ key: 'repository', label: `${t('catalogue.columns.repository')}: ${filter.repository}`, clear: { repository: undefined } });
    if (location.length) chips.push({ key: 'location', label: location.join(' › '), clear: { fond: undefined, inventory: undefined, box: undefined, file: undefined } });
    if (chips.length === 0) return null;
    return (
      <div className="filter-chips" data-testid="filter-chips">
        {chips.map((c) => (
          <span key={c.key} className="filter-chip">
            {c.label}
            <button type="button" className="chip-x" onClick={() => set(c.clear)} aria-label={t('catalogue.removeFilter', { filter: c.label })}>
              <Icon name="close" size={12} />
            </button>
          </span>
        ))}
        <button type="button" className="link-button small" onClick={() => onChange(filter.words ? { words: filter.words, ...(filter.exact ? { exact: true } : {}) } : {})}>
          {t('catalogue.clearFilters')}
        </button>
      </div>
    );
  }

  return (
    <div className="filter-panel" data-testid="filter-panel">
      <div className="filter-dates" role="group" aria-label={t('catalogue.dateRange')}>
        <span className="filter-group-label">{t('catalogue.dateRange')}</span>
        <DateBound bound="from" value={filter.from} onChange={(from) => set({ from })} />
        <DateBound bound="to" value={filter.to} onChange={(to) => set({ to })} />
      </div>
      <Picker label={t('catalogue.columns.docType')} options={opts(facets.docType)} chosen={list('docTypes')} onChange={(docTypes) => set({ docTypes })} testId="filter-docType" />
      <Picker label={t('catalogue.columns.issuer')} options={opts(facets.issuer)} chosen={list('issuers')} onChange={(issuers) => set({ issuers })} testId="filter-issuer" />
      <Picker label={t('catalogue.columns.secrecy')} options={secrecyOptions} chosen={list('secrecy')} onChange={(secrecy) => set({ secrecy: secrecy as CatalogueFilter['secrecy'] })} testId="filter-secrecy" />
      <Picker label={t('catalogue.columns.tags')} options={opts(facets.tags)} chosen={list('tags')} onChange={(tags) => set({ tags })} testId="filter-tags" />
      <Picker label={t('catalogue.columns.textState')} options={textOptions} chosen={list('textStates')} onChange={(textStates) => set({ textStates: textStates as CatalogueFilter['textStates'] })} testId="filter-textState" />
      {(facets.repository?.length ?? 0) > 0 || filter.repository ? (
        <label className="filter-repository">
          <span>{t('catalogue.columns.repository')}:</span>
          <select value={filter.repository ?? ''} onChange={(e) => set({ repository: e.target.value || undefined })} data-testid="filter-repository">
            <option value="">{t('catalogue.any')}</option>
            {filter.repository && !facets.repository?.some((f) => f.value === filter.repository) && <option value={filter.repository}>{filter.repository}</option>}
            {facets.repository?.map((f) => (
              <option key={f.value} value={f.value}>
                {f.value} ({formatCount(f.documents, i18n.language)})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {location.length > 0 && (
        <span className="filter-chip">
          {location.join(' › ')}
          <button type="button" className="chip-x" onClick={() => set({ fond: undefined, inventory: undefined, box: undefined, file: undefined })} aria-label={t('catalogue.removeFilter', { filter: location.join(' › ') })}>
            <Icon name="close" size={12} />
          </button>
        </span>
      )}
      {activeFilters(filter) > 0 && (
        <button type="button" className="link-button small" onClick={() => onChange(filter.words ? { words: filter.words, ...(filter.exact ? { exact: true } : {}) } : {})} data-testid="clear-filters">
          {t('catalogue.clearFilters')}
        </button>
      )}
    </div>
  );
}
