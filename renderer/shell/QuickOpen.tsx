/**
 * Quick open (Ctrl+K / Ctrl+P, as in VS Code): type a few letters of a document's number or title
 * or of a chapter's title, without diacritics if you like, and go there. Documents come from the
 * archive's fuzzy index (numbers, titles, dates, issuers); chapters from every book's structure;
 * then documents whose text holds the words (typed, extracted or recognised from a scan).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveSearchHit } from '../../shared/api/archive';
import type { CitableDocument } from '../../shared/api/manuscript';
import { readingOrder, structureLabels } from '../../shared/manuscript/structure';
import { foldForSearch } from '../../shared/text/fold';
import { api } from '../platform/platform';
import { Dialog } from './Dialog';
import { pickListKeys } from './pickListKeys';

interface ChapterEntry {
  bookId: number;
  bookTitle: string;
  nodeId: number;
  label: string;
  title: string;
}

type Item = { kind: 'document'; doc: CitableDocument } | { kind: 'chapter'; chapter: ChapterEntry } | { kind: 'text'; hit: ArchiveSearchHit };

export function QuickOpen({ onDocument, onChapter, onClose }: { onDocument(id: number): void; onChapter(bookId: number, nodeId: number): void; onClose(): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [documents, setDocuments] = useState<CitableDocument[]>([]);
  const [texts, setTexts] = useState<ArchiveSearchHit[]>([]);
  const [chapters, setChapters] = useState<ChapterEntry[]>([]);
  const [active, setActive] = useState(0);
  const seq = useRef(0);

  // Every book's chapters, once.
  useEffect(() => {
    void (async () => {
      const out: ChapterEntry[] = [];
      for (const b of await api.manuscript.listBooks({})) {
        const book = await api.manuscript.getBook({ id: b.id });
        const labels = structureLabels(book.nodes);
        for (const n of readingOrder(book.nodes)) if (n.kind !== 'part') out.push({ bookId: b.id, bookTitle: book.title, nodeId: n.id, label: labels.get(n.id) ?? '', title: n.title });
      }
      setChapters(out);
    })();
  }, []);

  useEffect(() => {
    const my = ++seq.current;
    const timer = setTimeout(() => {
      if (!query.trim()) return (setDocuments([]), setTexts([]));
      void api.manuscript.searchCitable({ query, limit: 8 }).then((r) => my === seq.current && setDocuments(r));
      void api.archive.search({ query, limit: 5 }).then(
        (r) => my === seq.current && setTexts(r.hits),
        () => my === seq.current && setTexts([]),
      );
    }, 80);
    return () => clearTimeout(timer);
  }, [query]);

  const items = useMemo<Item[]>(() => {
    const words = foldForSearch(query).split(/\s+/).filter(Boolean);
    const found = words.length ? chapters.filter((c) => words.every((w) => foldForSearch(`${c.label} ${c.title} ${c.bookTitle}`).includes(w))).slice(0, 8) : [];
    const listed = new Set(documents.map((d) => d.id));
    return [
      ...documents.map((doc): Item => ({ kind: 'document', doc })),
      ...found.map((chapter): Item => ({ kind: 'chapter', chapter })),
      ...texts.filter((h) => !listed.has(h.documentId)).map((hit): Item => ({ kind: 'text', hit })),
    ];
  }, [documents, chapters, texts, query]);

  const go = (item: Item) => (item.kind === 'document' ? onDocument(item.doc.id) : item.kind === 'text' ? onDocument(item.hit.documentId) : onChapter(item.chapter.bookId, item.chapter.nodeId));
  const key = (item: Item) => (item.kind === 'document' ? `d${item.doc.id}` : item.kind === 'text' ? `t${item.hit.documentId}` : `c${item.chapter.nodeId}`);

  return (
    <Dialog label={t('quickOpen.title')} className="quick-open" testId="quick-open" onClose={onClose}>
      <input
        className="search-input"
        autoFocus
        name="quickOpen"
        value={query}
        placeholder={t('quickOpen.placeholder')}
        aria-label={t('quickOpen.title')}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => pickListKeys(e, items, active, setActive, go, onClose)}
      />
      <ul className="pick-list" role="listbox" aria-label={t('quickOpen.title')}>
        {items.map((item, i) => (
          <li key={key(item)} role="option" aria-selected={i === active}>
            <button type="button" className={`pick-item${i === active ? ' active' : ''}`} onClick={() => go(item)} onMouseEnter={() => setActive(i)} data-testid="quick-open-item">
              {item.kind === 'text' ? (
                <>
                  <span className="pick-code">{item.hit.code || t('quickOpen.inText')}</span>
                  <span className="pick-title">{item.hit.title}</span>
                  <span className="pick-meta">{`${t('archive.hitPage', { n: item.hit.pageSeq })} · …${item.hit.snippet.text.replace(/\s+/g, ' ').slice(0, 90)}…`}</span>
                </>
              ) : (
                <>
                  <span className="pick-code">{item.kind === 'document' ? item.doc.number || t('quickOpen.document') : item.chapter.label || t('quickOpen.chapter')}</span>
                  <span className="pick-title">{item.kind === 'document' ? item.doc.title : item.chapter.title}</span>
                  <span className="pick-meta">{item.kind === 'document' ? [item.doc.issuer, item.doc.date].filter(Boolean).join(' · ') : item.chapter.bookTitle}</span>
                </>
              )}
            </button>
          </li>
        ))}
        {query.trim() && items.length === 0 && <li className="muted pick-empty">{t('quickOpen.none')}</li>}
      </ul>
      <p className="muted small">{t('quickOpen.hint')}</p>
    </Dialog>
  );
}
