/**
 * Reads a date typed into the catalogue's "from" / "to" filter the way Vietnamese write it and
 * turns it into the partial ISO date the filter takes: "1945" → 1945, "1975-04" → 1975-04,
 * "3-1946" / "3/1946" / "tháng 3-1946" → 1946-03, "19-8-1945" → 1945-08-19. Anything else the
 * chronicle parser understands ("Cuối năm 1930", "Đông Xuân 1953-1954") gives its first day for
 * "from" and its last for "to". One reader for the catalogue's filter bar and `suquan search
 * --from/--to`. Shown back with dates.ts formatIsoDay.
 */
import { parsePartialDate } from '../text/partialDate';

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m?: number, d?: number): boolean {
  if (y < 1000 || y > 2999) return false;
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= 1 && d <= days;
}

function iso(y: number, m?: number, d?: number): string | null {
  if (!valid(y, m, d)) return null;
  return m === undefined ? String(y) : d === undefined ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`;
}

/** The filter value for what was typed, or null when it is not a date; '' for an empty field. */
export function filterDate(typed: string, bound: 'from' | 'to'): string | null {
  const text = typed.normalize('NFC').trim().replace(/[.,;:]+$/u, '');
  if (text === '') return '';
  // Written the ISO way: 1945, 1975-04, 1975-04-30.
  let m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/u.exec(text);
  if (m) return iso(Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined);
  // The Vietnamese way, day and month first, with "ngày"/"tháng"/"năm" or not: 3-1946, 19/8/1945.
  const bare = text.replace(/^(?:ngày|tháng|năm)\s+/iu, '').replace(/\s+(?:tháng|năm)\s+/giu, '-');
  m = /^(\d{1,2})[-/.](\d{4})$/u.exec(bare);
  if (m) return iso(Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/u.exec(bare);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  const parsed = parsePartialDate(text);
  if (!parsed) return null;
  const day = bound === 'from' ? parsed.start : parsed.end;
  // Keep the precision that was typed: a month stays a month, a year a year.
  if (parsed.precision === 'year' && !parsed.qualifier) return day.slice(0, 4);
  if (parsed.precision === 'month' && !parsed.qualifier) return day.slice(0, 7);
  return day;
}
