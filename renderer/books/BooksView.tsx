import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { bookKinds, type BookDetail, type BookKind, type BookSummary, type ChapterContent } from '../../shared/api/manuscript';
import { toRoman } from '../../shared/numbering';
import { api, platform } from '../platform/platform';
import { Icon } from '../shell/Icon';
import { useStatus } from '../shell/status';
import { ChapterEditor } from './ChapterEditor';

export function BooksView({ onChanged }: { onChanged(): void }) {
  const { t } = useTranslation();
  const { setNotice } = useStatus();
  const [books, setBooks] = useState<BookSummary[]>([]);
  const [book, setBook] = useState<BookDetail | null>(null);
  const [chapter, setChapter] = useState<ChapterContent | null>(null);
  const [creating, setCreating] = useState(false);
  const [newTitle, setNewTitle] = useState('');
  const [newKind, setNewKind] = useState<BookKind>('history');
  const [chapterTitle, setChapterTitle] = useState('');
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const loadBooks = useCallback(async () => {
    const list = await api.manuscript.listBooks({});
    setBooks(list);
    return list;
  }, []);

  const openBook = useCallback(async (id: number) => {
    setBook(await api.manuscript.getBook({ id }));
    setChapter(null);
  }, []);

  useEffect(() => {
    void loadBooks().then((list) => {
      if (list[0]) void openBook(list[0].id);
      else setCreating(true);
    });
  }, [loadBooks, openBook]);

  const guard = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const createBook = (e: FormEvent) => {
    e.preventDefault();
    void guard(async () => {
      const created = await api.manuscript.createBook({ kind: newKind, title: newTitle });
      setNewTitle('');
      setCreating(false);
      await loadBooks();
      setBook(created);
      setChapter(null);
      onChanged();
    });
  };

  const addChapter = (e: FormEvent) => {
    e.preventDefault();
    if (!book) return;
    void guard(async () => {
      const node = await api.manuscript.addChapter({ bookId: book.id, title: chapterTitle });
      setChapterTitle('');
      setBook(await api.manuscript.getBook({ id: book.id }));
      setChapter(await api.manuscript.getChapter({ id: node.id }));
    });
  };

  const exportPdf = () => {
    if (!book) return;
    void guard(async () => {
      setExporting(true);
      try {
        const file = await api.publish.exportPdf({ bookId: book.id });
        await platform.saveFile(file.fileName, file.bytes, 'application/pdf');
        setNotice(t('books.exported', { pages: file.pages, name: file.fileName }));
      } finally {
        setExporting(false);
      }
    });
  };

  const chapters = book?.nodes.filter((n) => n.kind === 'chapter') ?? [];
  const chapterIndex = chapter ? chapters.findIndex((c) => c.id === chapter.id) : -1;

  return (
    <div className="books">
      <aside className="outline">
        <div className="outline-head">
          <select
            aria-label={t('books.title')}
            value={book?.id ?? ''}
            onChange={(e) => void openBook(Number(e.target.value))}
            disabled={books.length === 0}
          >
            {books.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
          <button className="icon-button" title={t('books.newBook')} onClick={() => setCreating(true)}>
            <Icon name="plus" />
          </button>
        </div>
        {book && (
          <>
            <div className="outline-kind">{t(`books.kinds.${book.kind}`)}</div>
            <h3 className="subhead">{t('books.chapters')}</h3>
            {chapters.length === 0 && <p className="muted">{t('books.noChapters')}</p>}
            <ol className="chapter-list">
              {chapters.map((c, i) => (
                <li key={c.id}>
                  <button
                    className={`chapter-item${chapter?.id === c.id ? ' active' : ''}`}
                    onClick={() => void guard(async () => setChapter(await api.manuscript.getChapter({ id: c.id })))}
                    data-testid="chapter-item"
                  >
                    <span className="chapter-no">{t('books.chapterLabel', { n: toRoman(i + 1) })}</span>
                    <span className="chapter-name">{c.title}</span>
                  </button>
                </li>
              ))}
            </ol>
            <form className="add-chapter" onSubmit={addChapter}>
              <input name="chapterTitle" value={chapterTitle} onChange={(e) => setChapterTitle(e.target.value)} placeholder={t('books.chapterPlaceholder')} aria-label={t('books.chapterTitle')} />
              <button type="submit" disabled={!chapterTitle.trim()}>
                {t('books.addChapter')}
              </button>
            </form>
            <div className="outline-foot">
              <button className="primary wide" onClick={exportPdf} disabled={exporting || chapters.length === 0}>
                <Icon name="pdf" /> {exporting ? t('books.exporting') : t('books.exportPdf')}
              </button>
            </div>
          </>
        )}
      </aside>
      <section className="editor-area">
        {error && (
          <div className="alert" role="alert">
            <Icon name="alert" /> {error}
          </div>
        )}
        {creating ? (
          <form className="card narrow" onSubmit={createBook}>
            <h2>{books.length === 0 ? t('books.empty') : t('books.newBook')}</h2>
            {books.length === 0 && <p className="muted">{t('books.emptyHint')}</p>}
            <label className="field">
              <span>{t('books.bookTitle')}</span>
              <input name="bookTitle" value={newTitle} onChange={(e) => setNewTitle(e.target.value)} placeholder={t('books.bookTitlePlaceholder')} required autoFocus />
            </label>
            <fieldset className="field">
              <legend>{t('books.kind')}</legend>
              {bookKinds.map((k) => (
                <label key={k} className="radio">
                  <input type="radio" name="kind" value={k} checked={newKind === k} onChange={() => setNewKind(k)} /> {t(`books.kinds.${k}`)}
                </label>
              ))}
            </fieldset>
            <div className="actions">
              {books.length > 0 && (
                <button type="button" onClick={() => setCreating(false)}>
                  {t('books.cancel')}
                </button>
              )}
              <button className="primary" type="submit" disabled={!newTitle.trim()}>
                {t('books.create')}
              </button>
            </div>
          </form>
        ) : chapter ? (
          <ChapterEditor key={chapter.id} chapter={chapter} label={`CHƯƠNG ${toRoman(chapterIndex + 1)}`} />
        ) : (
          <div className="empty">
            <Icon name="chapter" size={42} />
            <p>{t('books.selectChapter')}</p>
          </div>
        )}
      </section>
    </div>
  );
}
