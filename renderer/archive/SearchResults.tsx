/**
 * Archive search results: documents whose title, archival metadata or page text hold every word
 * of the query (folded: no diacritics, đ = d), best first, each with the page that matched and a
 * snippet with the words marked. A click selects the document; a double click (or Enter) opens it
 * at that page.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveSearchHit, ArchiveSearchResult } from '../../shared/api/archive';
import { api } from '../platform/platform';

function Snippet({ snippet }: { snippet: ArchiveSearchHit['snippet'] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  snippet.marks.forEach(([a, b], i) => {
    if (a < at) return;
    parts.push(snippet.text.slice(at, a), <mark key={i}>{snippet.text.slice(a, b)}</mark>);
    at = b;
  });
  parts.push(snippet.text.slice(at));
  return <p className="hit-snippet">{parts}</p>;
}

export function SearchResults({ query, version, selectedId, onSelect, onOpen }: { query: string; version: number; selectedId: number | null; onSelect(id: number): void; onOpen(id: number, pageId: number): void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<ArchiveSearchResult | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.archive.search({ query, limit: 200 }).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setError('');
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, version]);

  return (
    <div className="search-results" data-testid="search-results">
      <div className="muted search-summary" aria-live="polite" data-testid="search-summary">
        {error || (result ? t('archive.searchFound', { count: result.total }) : t('archive.searching'))}
        {result && result.total > result.hits.length ? ` · ${t('archive.searchShown', { count: result.hits.length })}` : ''}
      </div>
      <ol className="hits">
        {result?.hits.map((h) => (
          <li key={h.documentId}>
            <button
              type="button"
              className={`hit${selectedId === h.documentId ? ' selected' : ''}`}
              onClick={() => onSelect(h.documentId)}
              onDoubleClick={() => onOpen(h.documentId, h.pageId)}
              onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), onOpen(h.documentId, h.pageId))}
              data-testid="search-hit"
            >
              <span className="hit-head">
                {h.code && <span className="hit-code">{h.code}</span>}
                <span className="hit-title">{h.title}</span>
                <span className="muted hit-page">
                  {t('archive.hitPage', { n: h.pageSeq })}
                  {h.matchingPages > 1 ? ` · ${t('archive.hitPages', { count: h.matchingPages })}` : ''}
                </span>
              </span>
              <Snippet snippet={h.snippet} />
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
