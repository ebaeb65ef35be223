/**
 * The user guide over whatever screen is open (F1, "Hướng dẫn", `openHelp(section)`): a large
 * dialog, so the chapter being written and the screen behind stay as they were. The guide's
 * `#`/`##` headings make the table of contents on the left; the search field keeps the sections
 * holding every word typed (with or without diacritics) and marks the words; "In hướng dẫn (PDF)"
 * has the host typeset the guide and hands over the file. Esc closes.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GUIDE_PDF_NAME } from '../../shared/api/help';
import { api, platform } from '../platform/platform';
import { Dialog } from '../shell/Dialog';
import { ErrorAlert, errorInfo, type ErrorInfo } from '../shell/ErrorDetails';
import { Icon } from '../shell/Icon';
import { parseGuide, type GuideDoc, type GuideSection } from './guideDoc';
import { markWords, queryWords, sectionStates } from './guideSearch';
import { useRestoreFocus } from './restoreFocus';
import './help.css';

/** One section's rendered text, with the searched words marked (set as HTML, then marked in place). */
function SectionBody({ html, words }: { html: string; words: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.innerHTML = html;
    markWords(el, words);
  }, [html, words]);
  return <div ref={ref} className="help-section-body" />;
}

export function HelpView({ section, onClose, onShortcuts }: { section?: { id: string; seq: number }; onClose(): void; onShortcuts(): void }) {
  const { t } = useTranslation();
  useRestoreFocus();
  const [doc, setDoc] = useState<GuideDoc | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<string>('');
  const [printing, setPrinting] = useState(false);
  const [printed, setPrinted] = useState<string | null>(null);
  const [printError, setPrintError] = useState<ErrorInfo | null>(null);
  const article = useRef<HTMLElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const tocList = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let live = true;
    api.help
      .guide({})
      .then(({ markdown }) => live && setDoc(parseGuide(markdown)))
      .catch((e: unknown) => live && setLoadError(errorInfo(e)));
    return () => {
      live = false;
    };
  }, []);

  const words = useMemo(() => queryWords(query), [query]);
  const states = useMemo(() => (doc ? sectionStates(doc.sections, words) : new Map<string, 'match' | 'context' | 'hidden'>()), [doc, words]);
  const shown = doc?.sections.filter((s) => states.get(s.id) !== 'hidden') ?? [];
  const matches = shown.filter((s) => states.get(s.id) === 'match' && s.level > 0).length;

  /** Scrolls the guide to a heading (of any level) by its id; a search hiding it is cleared first. */
  const scrollTo = (id: string) => {
    const find = () => article.current?.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`);
    const go = () => {
      const target = find();
      if (!target || !article.current) return false;
      // Offsets are the article's own (it is the headings' positioned ancestor).
      article.current.scrollTo({ top: target.offsetTop - 8 });
      setActive(id);
      return true;
    };
    if (!go() && query) {
      setQuery('');
      requestAnimationFrame(() => void go());
    }
  };

  // Opened at a section (openHelp('sao-luu')): there once the guide is shown, and again for each new request.
  useEffect(() => {
    if (doc && section?.id) scrollTo(section.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, section?.id, section?.seq]);

  // Which section is being read: the last `#`/`##` heading above the top of the view.
  const onScroll = () => {
    const el = article.current;
    // At the very end the last sections cannot reach the top: the one chosen in the contents stays marked.
    if (!el || el.scrollTop + el.clientHeight >= el.scrollHeight - 2) return;
    let current = '';
    for (const h of el.querySelectorAll<HTMLElement>('.help-section > [data-section]')) {
      if (h.offsetTop <= el.scrollTop + 24) current = h.dataset.section ?? '';
      else break;
    }
    setActive(current);
  };

  // Links inside the guide to `#id` scroll the guide; other links open outside (target=_blank).
  const onArticleClick = (e: MouseEvent) => {
    const a = (e.target as HTMLElement).closest('a');
    const href = a?.getAttribute('href');
    if (!href?.startsWith('#')) return;
    e.preventDefault();
    scrollTo(decodeURIComponent(href.slice(1)));
  };

  const print = async () => {
    setPrinting(true);
    setPrinted(null);
    setPrintError(null);
    try {
      if (platform.kind === 'electron') {
        // The desktop asks where first; the host writes the PDF there itself.
        const target = await platform.chooseSavePath(GUIDE_PDF_NAME);
        if (!target) return;
        const file = await api.help.printGuide({ path: target });
        setPrinted(t('help.printed', { pages: file.pages, where: file.path ?? target }));
      } else {
        const file = await api.help.printGuide({});
        const where = await platform.saveExport(file);
        if (where) setPrinted(t('help.printed', { pages: file.pages, where }));
      }
    } catch (e) {
      setPrintError(errorInfo(e));
    } finally {
      setPrinting(false);
      // The button was disabled while printing, which dropped the focus out of the dialog (and Esc with it).
      requestAnimationFrame(() => {
        if (document.activeElement === document.body) printButton.current?.focus();
      });
    }
  };

  // The contents follow the reading: the entry of the section in view stays visible.
  useEffect(() => {
    if (active) tocList.current?.querySelector(`[data-section="${CSS.escape(active)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const toc = shown.filter((s) => s.level > 0);
  return (
    <Dialog label={doc?.title || t('help.title')} className="help-dialog" testId="help-view" onClose={onClose}>
      <header className="help-head">
        <div className="help-titles">
          <h2 className="help-title">{doc?.title || t('help.title')}</h2>
          {doc?.subtitle && <div className="help-subtitle">{doc.subtitle}</div>}
        </div>
        <div className="help-search">
          <input
            type="search"
            autoFocus
            value={query}
            placeholder={t('help.searchPlaceholder')}
            aria-label={t('help.search')}
            onChange={(e) => {
              setQuery(e.target.value);
              article.current?.scrollTo({ top: 0 });
            }}
            data-testid="help-search"
          />
        </div>
        <div className="help-actions">
          <button ref={printButton} type="button" onClick={() => void print()} disabled={printing || !doc} title={t('help.printHint')} data-testid="help-print">
            <Icon name="pdf" size={16} />
            {printing ? t('help.printing') : t('help.print')}
          </button>
          <button type="button" onClick={onShortcuts} data-testid="help-shortcuts">
            {t('help.shortcuts')}
          </button>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('help.close')} title={`${t('help.close')} (Esc)`} data-testid="help-close">
            <Icon name="close" />
          </button>
        </div>
      </header>
      {printed && (
        <div className="help-notice" role="status" data-testid="help-printed">
          <Icon name="check" size={16} />
          {printed}
        </div>
      )}
      <ErrorAlert error={printError} small className="help-notice-error" />
      <div className="help-body">
        <nav className="help-toc" aria-label={t('help.contents')}>
          <div className="help-toc-title">{t('help.contents')}</div>
          <ul ref={tocList}>
            {toc.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className={`help-toc-item level-${s.level}${active === s.id ? ' active' : ''}${states.get(s.id) === 'context' ? ' context' : ''}`}
                  onClick={() => scrollTo(s.id)}
                  data-testid="help-toc-item"
                  data-section={s.id}
                >
                  {s.title}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <article className="help-article" ref={article} tabIndex={-1} onScroll={onScroll} onClick={onArticleClick} data-testid="help-article">
          <ErrorAlert error={loadError} />
          {!doc && !loadError && <p className="muted">{t('help.loading')}</p>}
          {doc && words.length > 0 && (
            <p className={`help-matches${matches === 0 ? ' none' : ''}`} role="status" data-testid="help-matches">
              {matches === 0 ? t('help.noMatch', { query: query.trim() }) : t('help.matches', { count: matches, query: query.trim() })}
            </p>
          )}
          {shown.map((s) => (
            <Section key={s.id || '_'} section={s} state={states.get(s.id)!} words={words} />
          ))}
        </article>
      </div>
    </Dialog>
  );
}

function Section({ section, state, words }: { section: GuideSection; state: 'match' | 'context' | 'hidden'; words: string[] }) {
  // A chapter shown for the sections under it that match: its heading only.
  if (state === 'context') {
    const Heading = section.level === 1 ? 'h1' : 'h2';
    return (
      <section className="help-section context" data-testid="help-section">
        <Heading id={section.id} data-section={section.id}>
          {section.title}
        </Heading>
      </section>
    );
  }
  return (
    <section className={`help-section level-${section.level}`} data-testid="help-section" data-section-id={section.id}>
      <span data-section={section.id} aria-hidden="true" />
      <SectionBody html={section.html} words={words} />
    </section>
  );
}
