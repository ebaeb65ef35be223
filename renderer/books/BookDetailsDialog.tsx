/** Book details: title, subtitle, compiling body, period, credits and the colophon's publishing details. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookDetail, BookDetails } from '../../shared/api/manuscript';
import { Dialog } from '../shell/Dialog';

type Credits = NonNullable<BookDetails['credits']>;
type Colophon = NonNullable<BookDetails['colophon']>;

const creditKeys = ['direction', 'board', 'editorInChief', 'research'] as const satisfies readonly (keyof Credits)[];
const colophonKeys = ['publisher', 'directorResponsible', 'editorResponsible', 'decision', 'registration', 'isbn', 'printRun', 'printer', 'legalDeposit', 'price'] as const satisfies readonly (keyof Colophon)[];

export function BookDetailsDialog({ book, onSave, onClose }: { book: BookDetail; onSave(input: { title: string; subtitle: string; details: BookDetails }): Promise<void>; onClose(): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(book.title);
  const [subtitle, setSubtitle] = useState(book.subtitle);
  const [d, setD] = useState<BookDetails>(book.details);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const credits = d.credits ?? {};
  const colophon = d.colophon ?? {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    onSave({ title, subtitle, details: d })
      .then(onClose)
      .catch((err: unknown) => setError((err as Error).message))
      .finally(() => setBusy(false));
  };
  return (
    <Dialog title={t('details.title')} className="wide-dialog" onClose={onClose} onSubmit={submit}>
      {error && <div className="alert" role="alert">{error}</div>}
      <div className="form-grid">
        <label className="field span2">
          <span>{t('books.bookTitle')}</span>
          <input name="detailTitle" value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label className="field span2">
          <span>{t('details.subtitle')}</span>
          <input name="subtitle" value={subtitle} onChange={(e) => setSubtitle(e.target.value)} placeholder={t('details.subtitlePlaceholder')} />
        </label>
        <label className="field">
          <span>{t('details.compilingBody')}</span>
          <input name="compilingBody" value={d.compilingBody ?? ''} onChange={(e) => setD({ ...d, compilingBody: e.target.value })} placeholder={t('details.compilingBodyPlaceholder')} />
        </label>
        <label className="field">
          <span>{t('details.period')}</span>
          <input name="period" value={d.period ?? ''} onChange={(e) => setD({ ...d, period: e.target.value })} placeholder="1945–2025" />
        </label>
        <label className="field">
          <span>{t('details.placeYear')}</span>
          <input name="placeYear" value={d.placeYear ?? ''} onChange={(e) => setD({ ...d, placeYear: e.target.value })} placeholder="Lai Châu – 2026" />
        </label>
        <label className="field">
          <span>{t('details.tocPosition')}</span>
          <select value={d.tocPosition ?? 'end'} onChange={(e) => setD({ ...d, tocPosition: e.target.value as 'front' | 'end' | 'none' })}>
            <option value="end">{t('details.tocEnd')}</option>
            <option value="front">{t('details.tocFront')}</option>
            <option value="none">{t('details.tocNone')}</option>
          </select>
        </label>
      </div>
      <h3 className="subhead">{t('details.credits')}</h3>
      <div className="form-grid">
        {creditKeys.map((k) => (
          <label className="field" key={k}>
            <span>{t(`details.creditKeys.${k}`)}</span>
            <textarea
              rows={2}
              value={(credits[k] ?? []).join('\n')}
              onChange={(e) => setD({ ...d, credits: { ...credits, [k]: e.target.value.split('\n') } })}
              placeholder={t('details.onePerLine')}
            />
          </label>
        ))}
      </div>
      <h3 className="subhead">{t('details.colophon')}</h3>
      <div className="form-grid">
        {colophonKeys.map((k) => (
          <label className="field" key={k}>
            <span>{t(`details.colophonKeys.${k}`)}</span>
            <input value={colophon[k] ?? ''} onChange={(e) => setD({ ...d, colophon: { ...colophon, [k]: e.target.value } })} />
          </label>
        ))}
      </div>
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('books.cancel')}
        </button>
        <button className="primary" type="submit" disabled={busy || !title.trim()}>
          {t('details.save')}
        </button>
      </div>
    </Dialog>
  );
}
