/**
 * Archive search results as a list (the grid view with words): the documents of the current view
 * (words and filters, from `catalogue.query`), best first, each with the page that matched and a
 * snippet with the words marked — or, when only the description matched, saying so. A click
 * selects the document; a double click (or Enter) opens it at that page.
 */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueRows } from './catalogueRows';
import { catalogueDateText as showPartialDate } from '../../shared/archive/catalogueColumns';
import { HitPlace, markSnippet } from './Snippet';

/** Shown at most; the catalogue view lists them all. */
const SHOWN = 200;

/** `empty` is shown instead of the list when nothing matched (what to do next). */
export function SearchResults({ rows, selectedId, onSelect, onOpen, empty }: { rows: CatalogueRows; selectedId: number | null; onSelect(id: number, index: number): void; onOpen(id: number, pageId?: number): void; empty?: ReactNode }) {
  const { t } = useTranslation();
  const total = rows.total;
  const shown = Math.min(total ?? 0, SHOWN);
  useEffect(() => {
    if (shown > 0) rows.need(0, shown - 1);
  });
  const items = [];
  for (let i = 0; i < shown; i++) {
    const r = rows.rowAt(i);
    if (!r) break;
    items.push(r);
  }
  const nothing = total === 0 && !rows.error && empty;
  return (
    <div className="search-results" data-testid="search-results">
      {nothing}
      <div className="muted search-summary" aria-live="polite" data-testid="search-summary" hidden={Boolean(nothing)}>
        {rows.error ?? (total === null ? t('archive.searching') : rows.totalIsExact ? t('archive.searchFound', { count: total }) : t('catalogue.foundAtLeast', { count: total }))}
        {total !== null && total > SHOWN ? ` · ${t('archive.searchShown', { count: SHOWN })}` : ''}
      </div>
      <ol className="hits">
        {items.map((r, i) => (
          <li key={r.id}>
            <button
              type="button"
              className={`hit${selectedId === r.id ? ' selected' : ''}`}
              onClick={() => onSelect(r.id, i)}
              onDoubleClick={() => onOpen(r.id, r.hit?.pageId)}
              onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), onOpen(r.id, r.hit?.pageId))}
              data-testid="search-hit"
              data-doc-id={r.id}
            >
              <span className="hit-head">
                {r.code && <span className="hit-code">{r.code}</span>}
                <span className="hit-title">{r.title}</span>
                {r.date && <span className="muted hit-date">{showPartialDate(r.date)}</span>}
                {r.hit && <HitPlace hit={r.hit} />}
              </span>
              {r.hit && <p className="hit-snippet">{markSnippet(r.hit.snippet)}</p>}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
