/**
 * Book details: title, subtitle, compiling body, period, credits, the colophon's publishing
 * details, the print settings (trình bày & in) and the cover's (bìa sách), with the cover's export.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookDetail, BookDetails, CoverSettings, PrintSettings } from '../../shared/api/manuscript';
import { SIGNATURES } from '../../shared/book/printSettings';
import { TRIM_SIZES } from '../../shared/book/trim';
import { api, platform } from '../platform/platform';
import { Dialog } from '../shell/Dialog';
import { cancelJob, isCancelled, listenToJobs } from '../shell/jobEvents';

type Credits = NonNullable<BookDetails['credits']>;
type Colophon = NonNullable<BookDetails['colophon']>;

const creditKeys = ['direction', 'board', 'editorInChief', 'research'] as const satisfies readonly (keyof Credits)[];
// The ISBN is asked for with the cover (it prints under the barcode as well as in the colophon).
const colophonKeys = ['publisher', 'directorResponsible', 'editorResponsible', 'decision', 'registration', 'printRun', 'printer', 'legalDeposit', 'price'] as const satisfies readonly (keyof Colophon)[];
/** The trims offered by name (shared/book/trim.ts); any other is typed as "WxH". */
const namedTrims = Object.entries(TRIM_SIZES).map(([k, [w, h]]) => [k, /^\d/.test(k) ? `${w} × ${h} mm` : `${k} (${w} × ${h} mm)`] as const);

/** Millimetres as the user types them ("0,1" or "0.1"); undefined when blank, NaN when not a number. */
function millimetres(text: string): number | undefined {
  const t = text.trim();
  return t ? Number(t.replace(',', '.')) : undefined;
}
const mmText = (n: number | undefined) => (n === undefined ? '' : String(n).replace('.', ','));

export function BookDetailsDialog({ book, onSave, onClose }: { book: BookDetail; onSave(input: { title: string; subtitle: string; details: BookDetails }): Promise<void>; onClose(): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(book.title);
  const [subtitle, setSubtitle] = useState(book.subtitle);
  const [d, setD] = useState<BookDetails>(book.details);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Numbers are kept as typed until saved, so "0," can be typed on the way to "0,08".
  const [bleedText, setBleedText] = useState(mmText(book.details.print?.bleed));
  const [paperText, setPaperText] = useState(mmText(book.details.cover?.paperThickness));
  const [otherTrim, setOtherTrim] = useState(() => !!book.details.print?.trim && !namedTrims.some(([k]) => k === book.details.print?.trim));
  /** The cover's export: the phase the host reports while it runs, then where the file went. */
  const [coverPhase, setCoverPhase] = useState<string | null>(null);
  const [coverJob, setCoverJob] = useState<string | null>(null);
  const [coverDone, setCoverDone] = useState<string | null>(null);
  // A refusal shows at the head of the dialog, which the user may have scrolled away from.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) alertRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);

  const credits = d.credits ?? {};
  const colophon = d.colophon ?? {};
  const print: PrintSettings = d.print ?? {};
  const cover: CoverSettings = d.cover ?? {};
  const setPrint = (p: PrintSettings) => setD({ ...d, print: { ...print, ...p } });
  const setCover = (c: CoverSettings) => setD({ ...d, cover: { ...cover, ...c } });
  /** The details to save with the typed numbers read; throws the sentence for one that is not a number (the host checks the ranges). */
  const details = (): BookDetails => {
    const bleed = millimetres(bleedText);
    const paperThickness = millimetres(paperText);
    if (Number.isNaN(bleed)) throw new Error(t('details.printKeys.bleedNotNumber'));
    if (Number.isNaN(paperThickness)) throw new Error(t('details.coverKeys.paperNotNumber'));
    return { ...d, print: { ...print, bleed }, cover: { ...cover, paperThickness } };
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    Promise.resolve()
      .then(() => onSave({ title, subtitle, details: details() }))
      .then(onClose)
      .catch((err: unknown) => setError((err as Error).message))
      .finally(() => setBusy(false));
  };
  /**
   * Saves what is typed, then has the host typeset the book (for the spine) and draw the cover.
   * The desktop app asks where to save first; the browser downloads the file.
   */
  const exportCover = () => {
    setError(null);
    setCoverDone(null);
    setBusy(true);
    setCoverPhase(t('details.coverKeys.exporting'));
    const events = listenToJobs('export');
    void (async () => {
      try {
        await onSave({ title, subtitle, details: details() });
        const target = platform.kind === 'electron' ? await platform.chooseSavePath(`${title.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || 'sach'} – bìa.pdf`) : null;
        if (platform.kind === 'electron' && !target) return;
        const jobId = crypto.randomUUID();
        events.follow(jobId, (p) => setCoverPhase(p.current));
        setCoverJob(jobId);
        const file = await api.publish.exportCover({ bookId: book.id, jobId, ...(target ? { path: target } : {}) });
        const where = file.path ?? (await platform.saveExport(file));
        if (where) setCoverDone(t('details.coverKeys.exported', { name: where }));
      } catch (err) {
        if (isCancelled(err)) setCoverDone(t('books.exportCancelled'));
        else setError((err as Error).message);
      } finally {
        events.close();
        setCoverJob(null);
        setCoverPhase(null);
        setBusy(false);
      }
    })();
  };
  return (
    <Dialog title={t('details.title')} className="wide-dialog book-details" onClose={onClose} onSubmit={submit}>
      {error && (
        <div className="alert" role="alert" ref={alertRef}>
          {error}
        </div>
      )}
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
      <h3 className="subhead">{t('details.print')}</h3>
      <div className="form-grid">
        <label className="field">
          <span>{t('details.printKeys.trim')}</span>
          <select
            name="trim"
            value={otherTrim ? 'other' : (print.trim ?? '145x205')}
            onChange={(e) => {
              const other = e.target.value === 'other';
              setOtherTrim(other);
              setPrint({ trim: other ? undefined : (e.target.value as PrintSettings['trim']) });
            }}
          >
            {namedTrims.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
            <option value="other">{t('details.printKeys.trimOther')}</option>
          </select>
        </label>
        {otherTrim ? (
          <label className="field">
            <span>{t('details.printKeys.trimSize')}</span>
            <input name="trimSize" value={print.trim ?? ''} onChange={(e) => setPrint({ trim: e.target.value as PrintSettings['trim'] })} placeholder="150x210" />
          </label>
        ) : null}
        <label className="field">
          <span>{t('details.printKeys.chapterOpening')}</span>
          <select name="chapterOpening" value={print.chapterOpening ?? 'recto'} onChange={(e) => setPrint({ chapterOpening: e.target.value as 'recto' | 'any' })}>
            <option value="recto">{t('details.printKeys.openRecto')}</option>
            <option value="any">{t('details.printKeys.openAny')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('details.printKeys.signature')}</span>
          <select name="signature" value={print.signature ?? 2} onChange={(e) => setPrint({ signature: Number(e.target.value) as PrintSettings['signature'] })}>
            {SIGNATURES.map((n) => (
              <option key={n} value={n}>
                {n === 2 ? t('details.printKeys.signatureEven') : t('details.printKeys.signatureN', { n })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('details.printKeys.bleed')}</span>
          <input name="bleed" inputMode="decimal" value={bleedText} onChange={(e) => setBleedText(e.target.value)} placeholder="0" />
          <small>{t('details.printKeys.bleedHint')}</small>
        </label>
        <div className="field check-column">
          <label className="check">
            <input type="checkbox" name="cropMarks" checked={print.cropMarks === true} onChange={(e) => setPrint({ cropMarks: e.target.checked })} />
            {t('details.printKeys.cropMarks')}
          </label>
          <label className="check">
            <input type="checkbox" name="pdfx" checked={print.pdfx !== false} onChange={(e) => setPrint({ pdfx: e.target.checked })} />
            {t('details.printKeys.pdfx')}
          </label>
        </div>
      </div>
      <h3 className="subhead">{t('details.cover')}</h3>
      <div className="form-grid">
        <label className="field">
          <span>{t('details.coverKeys.isbn')}</span>
          <input name="isbn" value={colophon.isbn ?? ''} onChange={(e) => setD({ ...d, colophon: { ...colophon, isbn: e.target.value } })} placeholder="978-604-…" />
          <small>{t('details.coverKeys.isbnHint')}</small>
        </label>
        <label className="field">
          <span>{t('details.coverKeys.paperThickness')}</span>
          <input name="paperThickness" inputMode="decimal" value={paperText} onChange={(e) => setPaperText(e.target.value)} placeholder="0,1" />
          <small>{t('details.coverKeys.paperHint')}</small>
        </label>
        <label className="field">
          <span>{t('details.coverKeys.colour')}</span>
          <select name="coverColour" value={cover.colour ?? 'red'} onChange={(e) => setCover({ colour: e.target.value as CoverSettings['colour'] })}>
            <option value="red">{t('details.coverKeys.colours.red')}</option>
            <option value="navy">{t('details.coverKeys.colours.navy')}</option>
            <option value="white">{t('details.coverKeys.colours.white')}</option>
          </select>
        </label>
        <label className="field span2">
          <span>{t('details.coverKeys.backText')}</span>
          <textarea name="backText" rows={4} value={cover.backText ?? ''} onChange={(e) => setCover({ backText: e.target.value })} placeholder={t('details.coverKeys.backTextPlaceholder')} />
        </label>
        <div className="cover-export span2">
          <button type="button" onClick={exportCover} disabled={busy || !title.trim() || book.chapterCount === 0} data-testid="export-cover">
            {coverPhase ?? t('details.coverKeys.export')}
          </button>
          {coverJob && (
            <button type="button" onClick={() => void cancelJob(coverJob)}>
              {t('jobs.stop')}
            </button>
          )}
          <small>{coverDone ?? t('details.coverKeys.exportHint')}</small>
        </div>
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
