/**
 * The list of documents to collect (cần sưu tầm): every document the archive's texts or the
 * manuscript cite by number-and-symbol that is not in the archive, in code order, with its term or
 * year as far as the citing texts tell, how often and where it is cited. A place opens the citing
 * document or chapter; the list exports as CSV or Excel for the people who go to look for them.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ToCollectItem, ToCollectList, ToCollectPlace } from '../../shared/api/archive';
import { foldForSearch } from '../../shared/text/fold';
import { api, platform } from '../platform/platform';
import { Icon } from '../shell/Icon';
import { EmptyState } from '../shell/EmptyState';
import { useStatus } from '../shell/status';
import './references.css';

/** Places shown before "and N more". */
const FEW = 3;

function printedDay(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${Number(d)}-${Number(m)}-${y}`;
}

function Places({ item, onOpenDocument, onOpenChapter }: { item: ToCollectItem; onOpenDocument(id: number): void; onOpenChapter(bookId: number, nodeId: number): void }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all ? item.places : item.places.slice(0, FEW);
  const more = item.placeCount - shown.length;
  const label = (p: ToCollectPlace) => (p.kind === 'document' ? t('toCollect.pageOf', { title: p.title, page: p.pageSeq }) : t('toCollect.chapterOf', { book: p.bookTitle, chapter: p.nodeTitle }));
  return (
    <ul className="tc-places">
      {shown.map((p) => (
        <li key={p.kind === 'document' ? `d${p.documentId}` : `c${p.nodeId}`}>
          <button
            type="button"
            className="link-button"
            data-testid="to-collect-place"
            title={p.kind === 'document' ? t('toCollect.openDocument', { id: p.documentId, page: p.pageSeq }) : t('toCollect.openChapter')}
            onClick={() => (p.kind === 'document' ? onOpenDocument(p.documentId) : onOpenChapter(p.bookId, p.nodeId))}
          >
            {p.kind === 'chapter' && <Icon name="book" size={13} />} {label(p)}
          </button>
          {p.count > 1 && <span className="muted small"> {t('toCollect.times', { count: p.count })}</span>}
        </li>
      ))}
      {more > 0 && (
        <li>
          <button type="button" className="link-button muted small" onClick={() => setAll(true)} disabled={all}>
            {t('toCollect.more', { count: more })}
          </button>
        </li>
      )}
    </ul>
  );
}

export function ToCollectView({ onOpenDocument, onOpenChapter }: { onOpenDocument(id: number): void; onOpenChapter(bookId: number, nodeId: number): void }) {
  const { t } = useTranslation();
  const { setNotice } = useStatus();
  const [list, setList] = useState<ToCollectList | null>(null);
  const [error, setError] = useState('');
  const [filter, setFilter] = useState('');
  const [exporting, setExporting] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void api.archive.toCollect({}).then(
      (l) => live && setList(l),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, []);

  const items = useMemo(() => {
    const all = list?.items ?? [];
    const q = foldForSearch(filter.trim());
    if (!q) return all;
    return all.filter((i) => foldForSearch(`${i.code} ${i.typeName} ${i.issuerName} ${i.period} ${i.written}`).includes(q));
  }, [list, filter]);

  const rows = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => 58, overscan: 12 });

  async function exportAs(format: 'csv' | 'xlsx') {
    setExporting(true);
    try {
      const file = await api.archive.exportToCollect({ format });
      const saved = await platform.saveExport(file);
      if (saved) setNotice(t('toCollect.exported', { name: saved }));
    } catch (e) {
      setNotice((e as Error).message, 'error');
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="pane to-collect" data-testid="to-collect">
      <header className="toolbar archive-toolbar">
        <div>
          <h1>{t('toCollect.title')}</h1>
          <div className="muted" data-testid="to-collect-summary">
            {list ? t('toCollect.summary', { count: list.items.length, references: list.references }) : t('toCollect.loading')}
          </div>
        </div>
        <span className="toolbar-spacer" />
        <input
          type="search"
          className="search-input tc-filter"
          name="toCollectFilter"
          value={filter}
          placeholder={t('toCollect.filter')}
          aria-label={t('toCollect.filter')}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button type="button" onClick={() => void exportAs('csv')} disabled={!list || exporting} data-testid="to-collect-csv">
          <Icon name="upload" size={16} /> {t('toCollect.exportCsv')}
        </button>
        <button type="button" onClick={() => void exportAs('xlsx')} disabled={!list || exporting} data-testid="to-collect-xlsx">
          <Icon name="upload" size={16} /> {t('toCollect.exportXlsx')}
        </button>
      </header>
      <p className="muted small tc-hint">{t('toCollect.subtitle')}</p>
      {error && (
        <div className="alert tc-alert" role="alert">
          {error}
        </div>
      )}
      {list && list.items.length === 0 ? (
        <EmptyState icon="check" line={t('onboarding.toCollectEmpty')} note={t('onboarding.toCollectFills')} help="can-suu-tam" testId="to-collect-empty" />
      ) : list && items.length === 0 ? (
        <EmptyState
          variant="inline"
          line={t('onboarding.toCollectNoMatch', { filter: filter.trim() })}
          testId="to-collect-no-match"
          actions={
            <button type="button" onClick={() => setFilter('')} data-testid="to-collect-clear">
              {t('onboarding.clearFilter')}
            </button>
          }
        />
      ) : (
        <div className="tc-table" role="table" aria-label={t('toCollect.title')}>
          <div className="tc-row tc-head" role="row">
            <span role="columnheader">{t('toCollect.code')}</span>
            <span role="columnheader">{t('toCollect.type')}</span>
            <span role="columnheader">{t('toCollect.issuer')}</span>
            <span role="columnheader">{t('toCollect.period')}</span>
            <span role="columnheader">{t('toCollect.notAfter')}</span>
            <span role="columnheader" className="num">
              {t('toCollect.count')}
            </span>
            <span role="columnheader">{t('toCollect.places')}</span>
          </div>
          <div className="tc-scroll" ref={scroller}>
            <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
              {rows.getVirtualItems().map((v) => {
                const item = items[v.index]!;
                return (
                  <div
                    key={`${item.code}|${item.period}`}
                    ref={rows.measureElement}
                    data-index={v.index}
                    className="tc-row"
                    role="row"
                    data-testid="to-collect-row"
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
                  >
                    <span role="cell">
                      <strong className="link-code">{item.code}</strong>
                      {item.written && <div className="muted small">{t('toCollect.written', { text: item.written })}</div>}
                    </span>
                    <span role="cell">{item.typeName}</span>
                    <span role="cell">{item.issuerName}</span>
                    <span role="cell">{item.period}</span>
                    <span role="cell">{printedDay(item.notAfter)}</span>
                    <span role="cell" className="num" data-testid="to-collect-count">
                      {item.count}
                    </span>
                    <span role="cell">
                      <Places item={item} onOpenDocument={onOpenDocument} onOpenChapter={onOpenChapter} />
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
