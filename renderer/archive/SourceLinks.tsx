/**
 * Cross-references between sources in the document panel: the documents this one refers to by
 * number-and-symbol (those not in the archive shown as missing), and the documents that refer to
 * it. A click opens the linked document. Shown only when there is something to show.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentLinks } from '../../shared/api/archive';
import { api } from '../platform/platform';

export function SourceLinks({ documentId, version, onOpen }: { documentId: number; version: unknown; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const [links, setLinks] = useState<DocumentLinks | null>(null);

  useEffect(() => {
    let live = true;
    void api.archive.documentLinks({ id: documentId }).then(
      (l) => live && setLinks(l),
      () => live && setLinks(null),
    );
    return () => {
      live = false;
    };
  }, [documentId, version]);

  if (!links || (links.refersTo.length === 0 && links.referredBy.length === 0)) return null;
  return (
    <section className="cited-in source-links" aria-label={t('archive.links')} data-testid="source-links">
      {links.refersTo.length > 0 && (
        <>
          <h3 className="subhead">{t('archive.refersTo')}</h3>
          <ul>
            {links.refersTo.map((r) => (
              <li key={r.code}>
                <span className="link-code">{r.code}</span>{' '}
                {r.documents.length === 0 ? (
                  <span className="muted">{t('archive.notInArchive')}</span>
                ) : (
                  r.documents.map((d) => (
                    <button key={d.id} type="button" className="link-button" onClick={() => onOpen(d.id)} data-testid="refers-to">
                      {d.title}
                    </button>
                  ))
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {links.referredBy.length > 0 && (
        <>
          <h3 className="subhead">{t('archive.referredBy')}</h3>
          <ul>
            {links.referredBy.map((r) => (
              <li key={r.documentId}>
                <button type="button" className="link-button" onClick={() => onOpen(r.documentId)} data-testid="referred-by">
                  {r.title}
                </button>{' '}
                <span className="muted">{t('archive.hitPage', { n: r.pageSeq })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
