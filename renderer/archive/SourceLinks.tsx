/**
 * Cross-references between sources in the document panel, read within terms: the documents this
 * one refers to by number-and-symbol — the one each reference resolves to (and why), the several
 * it may mean when the text gives no date to choose (ambiguous), or none in the archive — and the
 * documents that refer to it (surely, or possibly when another document bears the same number).
 * A click opens the linked document. Shown only when there is something to show.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentLinks, LinkedDocument } from '../../shared/api/archive';
import { api } from '../platform/platform';
import './references.css';

/** A document's links, loaded again when the document or its version changes (CitedIn reads them too). */
export function useDocumentLinks(documentId: number, version: unknown): DocumentLinks | null {
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
  return links;
}

function DocButton({ doc, onOpen, testId }: { doc: LinkedDocument; onOpen(id: number): void; testId: string }) {
  return (
    <>
      <button type="button" className="link-button" onClick={() => onOpen(doc.id)} data-testid={testId}>
        {doc.title}
      </button>
      {doc.date && <span className="muted link-date"> · {doc.date}</span>}
    </>
  );
}

export function SourceLinks({ documentId, version, onOpen }: { documentId: number; version: unknown; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const links = useDocumentLinks(documentId, version);

  if (!links || (links.refersTo.length === 0 && links.referredBy.length === 0 && links.possiblyReferredBy.length === 0)) return null;
  return (
    <section className="cited-in source-links" aria-label={t('archive.links')} data-testid="source-links">
      {links.refersTo.length > 0 && (
        <>
          <h3 className="subhead">{t('archive.refersTo')}</h3>
          <ul>
            {links.refersTo.map((r) => (
              <li key={`${r.code}|${r.written ?? ''}`} className={`ref-${r.status}`} data-testid="reference" data-status={r.status}>
                <span className="link-code">{r.code}</span>
                {r.written && <span className="muted small"> ({t('references.written', { text: r.written })})</span>}{' '}
                {r.status === 'resolved' &&
                  r.documents.map((d) => <DocButton key={d.id} doc={d} onOpen={onOpen} testId="refers-to" />)}
                {r.status === 'resolved' && t(`references.basis.${r.basis}`) && <span className="ref-basis muted small"> — {t(`references.basis.${r.basis}`)}</span>}
                {r.status === 'missing' && <span className="ref-missing muted">({t('references.missing')})</span>}
                {r.status === 'ambiguous' && (
                  <div className="ref-ambiguous" title={t('references.ambiguousHint')}>
                    <span className="ref-flag">⚠ {t('references.ambiguous')}:</span>
                    <ul>
                      {r.candidates.map((d) => (
                        <li key={d.id}>
                          <DocButton doc={d} onOpen={onOpen} testId="candidate" />
                        </li>
                      ))}
                    </ul>
                  </div>
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
      {links.possiblyReferredBy.length > 0 && (
        <>
          <h3 className="subhead" title={t('references.possiblyHint')}>
            {t('references.possiblyReferredBy')}
          </h3>
          <ul>
            {links.possiblyReferredBy.map((r) => (
              <li key={r.documentId} className="ref-ambiguous">
                <button type="button" className="link-button" onClick={() => onOpen(r.documentId)} data-testid="possibly-referred-by">
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
