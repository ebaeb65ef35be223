import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitationPlace } from '../../shared/api/manuscript';
import { api } from '../platform/platform';
import { useDocumentLinks } from './SourceLinks';

/**
 * "Cited in": the chapters of the manuscript whose footnotes cite this document, and those whose
 * text names its number-and-symbol (read within terms: a mention that may mean another document
 * with the same number is marked uncertain).
 */
export function CitedIn({ documentId }: { documentId: number }) {
  const { t } = useTranslation();
  const [places, setPlaces] = useState<CitationPlace[] | null>(null);
  const mentions = useDocumentLinks(documentId, null)?.mentionedIn ?? [];

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
      {mentions.length > 0 && (
        <>
          <h3 className="subhead">{t('references.mentionedIn')}</h3>
          <ul data-testid="mentioned-in">
            {mentions.map((m) => (
              <li key={m.nodeId} className={m.ambiguous ? 'ref-ambiguous' : undefined}>
                {t('references.mentionedPlace', { book: m.bookTitle, chapter: m.nodeTitle, count: m.count })}
                {m.ambiguous && <span className="ref-flag"> ⚠ {t('references.mentionedAmbiguous')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
