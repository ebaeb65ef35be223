/**
 * A document's date as archivists type it ("tháng 3-1946", "Cuối năm 1930", "ngày 15 tháng Giêng
 * năm Bính Tuất") and the sortable start and end the catalogue sorts and filters on. The text is
 * what is displayed; start and end are derived from it (full days, from the date parser) unless
 * someone set them by hand, in which case they are kept.
 *
 * Pure: used by the core wherever metadata is written and by the metadata panel to show and
 * override the derived days.
 */
import { parsePartialDate } from '../text/partialDate';
import type { PartialDateValue } from './metadata';

export interface SortableRange {
  /** 'YYYY-MM-DD'. */
  start: string;
  /** 'YYYY-MM-DD'. */
  end: string;
}

/** The first and last day a typed date can mean, or null when it cannot be read as a date. */
export function sortableRange(text: string): SortableRange | null {
  const t = text.trim();
  if (!t) return null;
  const d = parsePartialDate(t);
  return d ? { start: d.start, end: d.end } : null;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** A partial ISO date ('1946', '1946-03', '1946-03-05') as its first day. */
export function firstDayOf(iso: string): string {
  const [y, m = '01', d = '01'] = iso.split('-');
  return `${y}-${m}-${d}`;
}

/** A partial ISO date as its last day: '1946' → '1946-12-31', '1948-02' → '1948-02-29'. */
export function lastDayOf(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (d) return iso;
  const month = m ?? '12';
  const days = month === '02' && leap(Number(y)) ? 29 : DAYS[Number(month) - 1]!;
  return `${y}-${month}-${days}`;
}

/**
 * Whether the stored start and end are what the text gives (partial ones compared as the days
 * they cover): true for a date with neither, false for one set by hand.
 */
export function isDerivedDate(date: PartialDateValue): boolean {
  if (!date.start && !date.end) return true;
  const r = sortableRange(date.text);
  if (!r) return false;
  // A start alone ("1974-11") means its whole period, as the catalogue reads it.
  const start = date.start ?? date.end!;
  const end = date.end ?? date.start!;
  return firstDayOf(start) === r.start && lastDayOf(end) === r.end;
}

/**
 * The date with its sortable start and end: derived from the text when neither is given; a start
 * or end given by hand is kept, and the other one is taken from the text when that still comes
 * after (or before) it. A text that cannot be read leaves the date as it is.
 */
export function withSortableDate(date: PartialDateValue): PartialDateValue {
  if (date.start && date.end) return date;
  const r = sortableRange(date.text);
  if (!r) return date;
  if (!date.start && !date.end) return { ...date, start: r.start, end: r.end };
  if (date.start) return r.end >= firstDayOf(date.start) ? { ...date, end: r.end } : date;
  return r.start <= lastDayOf(date.end!) ? { ...date, start: r.start } : date;
}

/** An ISO day the Vietnamese way: '1946-03-01' → '1-3-1946', '1946-03' → '3-1946', '1946' → '1946'. */
export function formatIsoDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return [d, m, y]
    .filter((x): x is string => x !== undefined)
    .map((x) => String(Number(x)))
    .join('-');
}

/**
 * A day typed for a start or an end ("1-3-1946", "3/1946", "1946", "1946-03-05", "tháng 3-1946"):
 * its first day for a start, its last day for an end; null when it is not a date.
 */
export function readBoundary(text: string, which: 'start' | 'end'): string | null {
  const r = sortableRange(text);
  return r ? r[which] : null;
}
