/**
 * The citation picker: fuzzy search over archived documents (numbers, titles, dates, issuers),
 * then the page and folio, with the generated citation previewed before it is inserted.
 * In figure mode the same search picks a scan page to show as a figure, with its caption; in
 * document mode it picks a whole document to reproduce (văn kiện), its source note previewed.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageInfo } from '../../shared/api/archive';
import type { CitableDocument, ResolvedCitation } from '../../shared/api/manuscript';
import { api, platform } from '../platform/platform';
import type { CitationAttrs } from './editor/citation';
import type { FigureAttrs } from './editor/figure';
import { transcriptionParagraphs } from '../../shared/book/transcriptionParagraphs';
import { Dialog } from '../shell/Dialog';
import { pickListKeys } from '../shell/pickListKeys';

export function CitationPicker({
  onPick,
  onPickFigure,
  onPickDocument,
  onClose,
  mode = 'citation',
}: {
  onPick?(attrs: CitationAttrs): void;
  onPickFigure?(attrs: FigureAttrs & { caption: string }): void;
  /** A document to reproduce, with its text as paragraphs (never empty: a document without text is refused). */
  onPickDocument?(doc: { documentId: number; label: string; paragraphs: string[] }): void;
  onClose(): void;
  mode?: 'citation' | 'figure' | 'document';
}) {
  const { t } = useTranslation();
  const figure = mode === 'figure';
  const whole = mode === 'document';
  const [caption, setCaption] = useState('');
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CitableDocument[]>([]);
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<CitableDocument | null>(null);
  const [pages, setPages] = useState<PageInfo[]>([]);
  /** The document whose pages `pages` holds (they load after a document is chosen). */
  const [pagesOf, setPagesOf] = useState<number | null>(null);
  const [pageSeq, setPageSeq] = useState<number | null>(null);
  const [folio, setFolio] = useState('');
  const [resolved, setResolved] = useState<ResolvedCitation | null>(null);
  const preview = resolved?.text ?? '';
  const seq = useRef(0);

  useEffect(() => {
    const my = ++seq.current;
    const timer = setTimeout(() => {
      void api.manuscript.searchCitable({ query, limit: 30 }).then((r) => {
        if (my === seq.current) {
          setResults(r);
          setActive(0);
        }
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    if (!chosen) return;
    void api.archive.getDocument({ id: chosen.id }).then((d) => {
      setPages(d.pages);
      setPagesOf(chosen.id);
      setPageSeq(whole ? null : (d.pages[0]?.seq ?? null));
    });
  }, [chosen, whole]);

  useEffect(() => {
    if (!chosen) return;
    void api.manuscript.resolveCitations({ refs: [{ documentId: chosen.id, pageSeq, folio }] }).then(([r]) => setResolved(r ?? null));
  }, [chosen, pageSeq, folio]);

  useEffect(() => {
    if (chosen && figure) setCaption(chosen.title);
  }, [chosen, figure]);

  const page = pages.find((p) => p.seq === pageSeq) ?? null;
  // The text a reproduced document brings: its page texts (typed transcription or text from the file); null while loading.
  const paragraphs = whole && chosen && pagesOf === chosen.id ? transcriptionParagraphs(pages) : null;
  const insert = () => {
    if (!chosen) return;
    if (whole) {
      // A document without text has nothing to reproduce: refused (the dialog says why).
      if (paragraphs?.length) onPickDocument?.({ documentId: chosen.id, label: [chosen.number, chosen.title].filter(Boolean).join(' · '), paragraphs });
      return;
    }
    if (figure) {
      if (page) onPickFigure?.({ documentId: chosen.id, pageId: page.id, pageSeq: page.seq, ...(page.rotation ? { rotation: page.rotation } : {}), caption: caption.trim() });
      return;
    }
    onPick?.({ documentId: chosen.id, pageId: page?.id ?? null, pageSeq, folio: folio.trim(), text: preview });
  };

  return (
    <Dialog title={t(figure ? 'figures.pick' : whole ? 'archivalDocs.pick' : 'citations.pick')} className="citation-picker" testId={figure ? 'figure-picker' : whole ? 'document-picker' : 'citation-picker'} onClose={onClose}>
      {!chosen ? (
        <>
          <input
            className="search-input"
            autoFocus
            value={query}
            name="citationQuery"
            placeholder={t('citations.searchPlaceholder')}
            aria-label={t('citations.search')}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => pickListKeys(e, results, active, setActive, setChosen, onClose)}
          />
          <ul className="pick-list" role="listbox" aria-label={t('citations.results')}>
            {results.map((d, i) => (
              <li key={d.id} role="option" aria-selected={i === active}>
                <button type="button" className={`pick-item${i === active ? ' active' : ''}`} onClick={() => setChosen(d)} onMouseEnter={() => setActive(i)} data-testid="citation-result">
                  <span className="pick-code">{d.number || t('citations.noNumber')}</span>
                  <span className="pick-title">{d.title}</span>
                  <span className="pick-meta">
                    {[d.issuer, d.date].filter(Boolean).join(' · ')}
                    {d.pageCount ? ` · ${t('archive.pages', { count: d.pageCount })}` : ''}
                  </span>
                </button>
              </li>
            ))}
            {results.length === 0 && <li className="muted pick-empty">{t('citations.none')}</li>}
          </ul>
        </>
      ) : (
        <div className="pick-detail">
          <div className="pick-chosen">
            {page && figure && page.rotation ? (
              <div className="pick-thumb pick-figure pick-turn">
                <img src={platform.fileUrl({ kind: 'page', pageId: page.id })} alt="" style={{ transform: `translate(-50%, -50%) rotate(${page.rotation}deg)` }} />
              </div>
            ) : (
              page && <img src={platform.fileUrl({ kind: figure ? 'page' : 'thumb', pageId: page.id })} alt="" className={figure ? 'pick-thumb pick-figure' : 'pick-thumb'} />
            )}
            <div>
              <div className="pick-code">{chosen.number || t('citations.noNumber')}</div>
              <div className="pick-title">{chosen.title}</div>
              {whole ? (
                paragraphs === null ? null : paragraphs.length ? (
                  <p className="muted small">{t('archivalDocs.hint', { count: pages.length })}</p>
                ) : (
                  <p className="alert small" role="alert" data-testid="document-no-text">
                    {t('archivalDocs.noText')}
                  </p>
                )
              ) : (
              <div className="form-row">
                <label className="field">
                  <span>{t('citations.page')}</span>
                  <select value={pageSeq ?? ''} onChange={(e) => setPageSeq(e.target.value ? Number(e.target.value) : null)} name="citationPage">
                    {!figure && <option value="">{t('citations.wholeDocument')}</option>}
                    {pages.map((p) => (
                      <option key={p.id} value={p.seq}>
                        {t('citations.pageN', { n: p.seq })}
                      </option>
                    ))}
                  </select>
                </label>
                {!figure && (
                  <label className="field">
                    <span>{t('citations.folio')}</span>
                    <input value={folio} onChange={(e) => setFolio(e.target.value)} name="citationFolio" placeholder="3" />
                  </label>
                )}
              </div>
              )}
              {figure && (
                <label className="field">
                  <span>{t('figures.caption')}</span>
                  <input value={caption} onChange={(e) => setCaption(e.target.value)} name="figureCaption" />
                </label>
              )}
            </div>
          </div>
          <div className="citation-preview" aria-live="polite">
            <div className="subhead">{figure ? t('figures.source') : whole ? t('archivalDocs.source') : t('citations.preview')}</div>
            <p>{resolved?.spans.map((s, i) => (s.italic ? <em key={i}>{s.text}</em> : <span key={i}>{s.text}</span>))}</p>
          </div>
        </div>
      )}
      <div className="actions">
        {chosen && (
          <button type="button" onClick={() => setChosen(null)}>
            {t('citations.back')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('books.cancel')}
        </button>
        <button type="button" className="primary" disabled={!chosen || (figure ? !page : whole ? !paragraphs?.length : !preview)} onClick={insert}>
          {figure ? t('figures.insert') : whole ? t('archivalDocs.insert') : t('citations.insert')}
        </button>
      </div>
    </Dialog>
  );
}
