import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitationPlace } from '../../shared/api/manuscript';
import { api } from '../platform/platform';

/** "Cited in": the chapters of the manuscript whose footnotes cite this document. */
export function CitedIn({ documentId }: { documentId: number }) {
  const { t } = useTranslation();
  const [places, setPlaces] = useState<CitationPlace[] | null>(null);

  useEffect(() => {
    let live = true;
    setPlaces(null);
    void api.manuscript.citedIn({ documentId }).then(
      (p) => live && setPlaces(p),
      () => live && setPlaces([]),
    );
    return () => {
      live = false;
    };
  }, [documentId]);

  if (!places) return null;
  return (
    <section className="cited-in" aria-label={t('archive.citedIn')} data-testid="cited-in">
      <h3 className="subhead">{t('archive.citedIn')}</h3>
      {places.length === 0 ? (
        <p className="muted small">{t('archive.citedInNone')}</p>
      ) : (
        <ul>
          {places.map((p) => (
            <li key={p.nodeId}>{t('archive.citedInPlace', { book: p.bookTitle, chapter: p.nodeTitle, count: p.count })}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
