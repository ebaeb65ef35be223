/**
 * Where a search matched a document: the snippet of its best page with the words marked (the
 * archive's search list and the catalogue's rows), and the page it is on — or, when the words are
 * only in the description (title, number, trích yếu…), that, instead of a page count that would
 * mislead on a scan without text.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveSearchHit } from '../../shared/api/archive';
import type { CatalogueRow } from '../../shared/api/catalogue';

/** The snippet's text with its matched words in <mark>. */
export function markSnippet(snippet: ArchiveSearchHit['snippet']): ReactNode[] {
  const parts: ReactNode[] = [];
  let at = 0;
  snippet.marks.forEach(([a, b], i) => {
    if (a < at) return;
    parts.push(snippet.text.slice(at, a), <mark key={i}>{snippet.text.slice(a, b)}</mark>);
    at = b;
  });
  parts.push(snippet.text.slice(at));
  return parts;
}

/** "trang 2 · 3 trang khớp", or "khớp phần mô tả" when no page's text holds the words. */
export function HitPlace({ hit }: { hit: NonNullable<CatalogueRow['hit']> }) {
  const { t } = useTranslation();
  if (hit.metadataOnly || hit.matchingPages === 0) return <span className="muted hit-page">{t('catalogue.hitDescription')}</span>;
  return (
    <span className="muted hit-page">
      {t('archive.hitPage', { n: hit.pageSeq })}
      {hit.matchingPages > 1 ? ` · ${t('archive.hitPages', { count: hit.matchingPages })}` : ''}
    </span>
  );
}
