/** Side by side: the scan page a citation points at, next to the text, with the citation's text. */
import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResolvedCitation } from '../../shared/api/manuscript';
import { citationKey, type CitationRef } from '../../shared/manuscript/richDoc';
import { api, platform } from '../platform/platform';
import { citationsIn } from './editor/citation';

export function ScanPanel({ citation, editor, onPick }: { citation: CitationRef | null; editor: Editor; onPick(ref: CitationRef): void }) {
  const { t } = useTranslation();
  const [resolved, setResolved] = useState<ResolvedCitation | null>(null);
  const all = citationsIn(editor.state.doc);
  const seen = new Set<string>();
  const distinct = all.filter((c) => {
    const k = citationKey(c.ref);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });

  useEffect(() => {
    setResolved(null);
    if (!citation) return;
    void api.manuscript.resolveCitations({ refs: [citation] }).then(([r]) => setResolved(r ?? null));
  }, [citation]);

  return (
    <div className="side-section scan-panel" data-testid="scan-panel">
      <h3 className="subhead">{t('scan.title')}</h3>
      {!citation ? (
        <p className="muted small">{t('scan.hint')}</p>
      ) : resolved && !resolved.found ? (
        <div className="alert small">{t('scan.missing')}</div>
      ) : resolved ? (
        <>
          <p className="scan-citation">{resolved.spans.map((s, i) => (s.italic ? <em key={i}>{s.text}</em> : <span key={i}>{s.text}</span>))}</p>
          {resolved.pageId ? (
            <a href={platform.fileUrl({ kind: 'page', pageId: resolved.pageId })} target="_blank" rel="noreferrer" className="scan-frame">
              <img src={platform.fileUrl({ kind: 'page', pageId: resolved.pageId })} alt={t('scan.alt', { title: resolved.documentTitle })} />
            </a>
          ) : (
            <p className="muted small">{t('scan.noPage')}</p>
          )}
        </>
      ) : null}
      {distinct.length > 0 && (
        <>
          <h3 className="subhead">{t('scan.inChapter', { count: distinct.length })}</h3>
          <ul className="scan-list">
            {distinct.map((c) => (
              <li key={citationKey(c.ref)}>
                <button type="button" className={`link-button${citation && citationKey(citation) === citationKey(c.ref) ? ' on' : ''}`} onClick={() => onPick(c.ref)}>
                  {String(c.node.attrs.text || `#${c.ref.documentId}`)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
