/**
 * The date of a document as the archivist types it ("tháng 3-1946", "Cuối năm 1930", "ngày 15
 * tháng Giêng năm Bính Tuất"), with the days it is sorted and filtered by read from it and shown
 * beside it ("từ 1-3-1946 đến 31-3-1946"). Those days can be set by hand instead: they then stay
 * when the text is edited, are marked as set by hand, and one click goes back to reading them
 * from the text.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { firstDayOf, formatIsoDay, isDerivedDate, lastDayOf, readBoundary, sortableRange, type SortableRange } from '../../shared/archive/dates';
import type { PartialDateValue } from '../../shared/archive/metadata';

/** The date part of the metadata form, as typed. `override` is 'yes' when the days are set by hand. */
export interface DateForm {
  dateText: string;
  dateStart: string;
  dateEnd: string;
  dateOverride: string;
}

export function dateFormOf(date: PartialDateValue | undefined): DateForm {
  if (!date) return { dateText: '', dateStart: '', dateEnd: '', dateOverride: '' };
  if (isDerivedDate(date)) return { dateText: date.text, dateStart: '', dateEnd: '', dateOverride: '' };
  return { dateText: date.text, dateStart: date.start ? formatIsoDay(date.start) : '', dateEnd: date.end ? formatIsoDay(date.end) : '', dateOverride: 'yes' };
}

export type BoundError = 'unread' | 'order';

export interface DateOutcome {
  /** What to store (undefined: no date). */
  value: PartialDateValue | undefined;
  startError?: BoundError;
  endError?: BoundError;
}

/** A start or end typed by hand: the stored value when it still reads the same, else its day. */
function bound(input: string, stored: string | undefined, which: 'start' | 'end'): { iso?: string; error?: BoundError } {
  const t = input.trim();
  if (!t) return {};
  if (stored && t === formatIsoDay(stored)) return { iso: stored };
  const iso = readBoundary(t, which);
  return iso ? { iso } : { error: 'unread' };
}

/** The date to store from the form; a date that reads as stored is returned as stored. */
export function dateValueOf(f: DateForm, stored: PartialDateValue | undefined): DateOutcome {
  const text = f.dateText.trim().normalize('NFC');
  if (f.dateOverride !== 'yes') {
    if (stored && stored.text === text && isDerivedDate(stored)) return { value: stored };
    const r = sortableRange(text);
    return { value: text ? { text, ...(r ?? {}) } : undefined };
  }
  const s = bound(f.dateStart, stored?.start, 'start');
  const e = bound(f.dateEnd, stored?.end, 'end');
  const out: DateOutcome = { value: text || s.iso || e.iso ? { text, ...(s.iso ? { start: s.iso } : {}), ...(e.iso ? { end: e.iso } : {}) } : undefined };
  if (s.error) out.startError = s.error;
  if (e.error) out.endError = e.error;
  else if (s.iso && e.iso && firstDayOf(s.iso) > lastDayOf(e.iso)) out.endError = 'order';
  return out;
}

/** The form after the date text is edited: days set with "Đặt ngày khác" but left as read follow the text again. */
export function withDateText(f: DateForm, text: string): DateForm {
  const next = { ...f, dateText: text };
  if (f.dateOverride !== 'yes') return next;
  const prev = sortableRange(f.dateText);
  const s = f.dateStart.trim() ? readBoundary(f.dateStart, 'start') : null;
  const e = f.dateEnd.trim() ? readBoundary(f.dateEnd, 'end') : null;
  const untouched = prev ? s === prev.start && e === prev.end : s === null && e === null && !f.dateStart.trim() && !f.dateEnd.trim();
  return untouched ? { ...next, dateStart: '', dateEnd: '', dateOverride: '' } : next;
}

interface Props {
  form: DateForm;
  onChange(patch: Partial<DateForm> | ((f: DateForm) => DateForm)): void;
  outcome: DateOutcome;
  /** An error the service gave for the date (already a sentence). */
  error?: string | undefined;
}

export function DateField({ form, onChange, outcome, error }: Props) {
  const { t } = useTranslation();
  const startRef = useRef<HTMLInputElement>(null);
  const range = sortableRange(form.dateText);
  const override = form.dateOverride === 'yes';
  const describe = (r: SortableRange) =>
    r.start === r.end ? t('metadata.dateDay', { day: formatIsoDay(r.start) }) : t('metadata.dateRange', { start: formatIsoDay(r.start), end: formatIsoDay(r.end) });
  const boundError = (e: BoundError | undefined) => (e === 'unread' ? t('metadata.dateBoundUnread') : e === 'order' ? t('metadata.dateOrder') : null);

  const setOverride = () => {
    onChange({ dateOverride: 'yes', dateStart: range ? formatIsoDay(range.start) : '', dateEnd: range ? formatIsoDay(range.end) : '' });
    requestAnimationFrame(() => startRef.current?.focus());
  };

  return (
    <div className="date-block wide">
      <label className="mfield">
        <span>{t('metadata.date')}</span>
        <input
          name="dateText"
          value={form.dateText}
          onChange={(e) => {
            const v = e.target.value;
            onChange((f) => withDateText(f, v));
          }}
          placeholder={t('metadata.datePlaceholder')}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
        />
      </label>
      {(form.dateText.trim() !== '' || override) && (
        <div className={`date-derived${override ? ' manual' : range ? '' : ' unread'}`} data-testid="date-derived" aria-live="polite">
          {override ? (
            <>
              <span className="date-badge">{t('metadata.dateOverridden')}</span>
              {form.dateText.trim() !== '' && <span>{range ? t('metadata.dateFromText', { range: describe(range) }) : t('metadata.dateUnread')}</span>}
            </>
          ) : range ? (
            <span>
              <span className="date-derived-label">{t('metadata.dateSortLabel')}</span> <strong>{describe(range)}</strong>
            </span>
          ) : (
            <span>{t('metadata.dateUnread')}</span>
          )}
          {!override && (
            <button type="button" className="link-button" onClick={setOverride} title={t('metadata.dateOverrideHint')}>
              {range ? t('metadata.dateOverride') : t('metadata.dateSetByHand')}
            </button>
          )}
        </div>
      )}
      {override && (
        <div className="date-override" data-testid="date-override">
          <label className="mfield">
            <span>{t('metadata.dateStart')}</span>
            <input
              ref={startRef}
              name="dateStart"
              value={form.dateStart}
              onChange={(e) => onChange({ dateStart: e.target.value })}
              placeholder={t('metadata.dateBoundPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={outcome.startError ? true : undefined}
            />
            {outcome.startError && <small className="field-error" data-testid="date-start-error">{boundError(outcome.startError)}</small>}
          </label>
          <label className="mfield">
            <span>{t('metadata.dateEnd')}</span>
            <input
              name="dateEnd"
              value={form.dateEnd}
              onChange={(e) => onChange({ dateEnd: e.target.value })}
              placeholder={t('metadata.dateBoundPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={outcome.endError ? true : undefined}
            />
            {outcome.endError && <small className="field-error" data-testid="date-end-error">{boundError(outcome.endError)}</small>}
          </label>
          <button type="button" className="link-button date-auto" onClick={() => onChange({ dateOverride: '', dateStart: '', dateEnd: '' })}>
            {t('metadata.dateAuto')}
          </button>
        </div>
      )}
      {error && (
        <small className="field-error" role="alert" data-testid="date-error">
          {error}
        </small>
      )}
    </div>
  );
}
