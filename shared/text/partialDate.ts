/**
 * Partial dates as Vietnamese chronicles (biên niên sự kiện) and documents write them:
 * "Ngày 19-8-1945", "Tháng 3-1950", "Cuối năm 1930", "Thượng tuần tháng 5-1954",
 * "Đông Xuân 1953-1954", "Từ ngày 11 đến 19-2-1951", "đêm 19-12-1946", "Tết Mậu Thân 1968".
 *
 * A `PartialDate` keeps what the author wrote (`original`, which is what gets displayed) and adds
 * what a program needs: the first and last solar day it can mean, how precise it is, a qualifier
 * (đầu/giữa/cuối/khoảng) and the calendar it was written in.
 *
 * Conventions for fuzzy spans (defaults, not facts — see DOMAIN.md):
 *   đầu/giữa/cuối năm      months 1–4 / 5–8 / 9–12
 *   đầu/giữa/cuối tháng    days 1–10 / 11–20 / 21–end (as thượng/trung/hạ tuần)
 *   đầu/giữa/cuối thập niên years 0–3 / 4–6 / 7–9
 *   mùa xuân/hè/thu/đông   months 2–4 / 5–7 / 8–10 / 11–1 of the next year
 *   đông xuân, mùa khô     November to April of the next year; hè thu, mùa mưa May–October
 * A season or a "đông xuân" given with one year is taken to begin in that year.
 *   thu đông                 August to January of the next year
 * A sexagenary year name (can chi: "năm Bính Tuất", "Xuân Mậu Thân 1968") must agree with the year
 * number when both are written; a day or month in such a year is lunar ("ngày 15 tháng Giêng
 * năm Bính Tuất"), as are "rằm" (the 15th) and "tháng 2 nhuận"; a season or Tết keeps its own
 * reckoning. A year name alone is read in the cycle 1930–1989 (see `canChiCycleStart`).
 */

import { fromJulianDay, julianDay, lunarMonthLength, lunarToSolar } from './lunarCalendar';

export type DatePrecision = 'day' | 'ten-day' | 'month' | 'season' | 'quarter' | 'half-year' | 'year' | 'decade' | 'range';
export type DateQualifier = 'early' | 'mid' | 'late' | 'about';
export type PartOfDay = 'dawn' | 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';
export type Season = 'spring' | 'summer' | 'autumn' | 'winter' | 'winter-spring' | 'summer-autumn' | 'spring-summer' | 'autumn-winter' | 'dry' | 'rainy';
export type Calendar = 'solar' | 'lunar';

/** A date as precise as the sources allow. */
export interface PartialDate {
  /** First solar day the date can mean, 'YYYY-MM-DD'. */
  start: string;
  /** Last solar day the date can mean, 'YYYY-MM-DD'. */
  end: string;
  precision: DatePrecision;
  qualifier?: DateQualifier;
  /** The calendar the author used; `start`/`end` are always solar (converted). */
  calendar: Calendar;
  /** The author's text, displayed as written. */
  original: string;
  /** Clock time, 'HH:MM' ("16 giờ 30 phút"). */
  time?: string;
  partOfDay?: PartOfDay;
  season?: Season;
  /** Discrete days of a list ("ngày 15 và 16-3-1961"), as 'YYYY-MM-DD'. */
  days?: string[];
  /** The two ends of a range, each a PartialDate of its own. */
  from?: PartialDate;
  to?: PartialDate;
  /** A congress term (nhiệm kỳ). */
  term?: boolean;
  /** "Tết": the first day of the lunar year. */
  tet?: boolean;
  /** For lunar dates: `start`/`end` in the lunar reckoning as written, 'YYYY-MM-DD'. */
  lunarStart?: string;
  lunarEnd?: string;
}

export interface ParseDateOptions {
  /** The year of the surrounding chronicle section, for entries like "Ngày 5-3" or "Tháng 6". */
  defaultYear?: number;
  /**
   * First year of the 60-year cycle a sexagenary year name without a number ("năm Bính Tuất")
   * is read in, when there is no `defaultYear` to take the nearest one: 1930 by default, so
   * "Bính Tuất" is 1946 and "Mậu Thân" 1968 (the period of the Party's own documents).
   */
  canChiCycleStart?: number;
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on nominal dates (numbers as written, in either calendar)

interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Day number meaning "the last day of the month", resolved when converting. */
const LAST = 99;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function parseIso(s: string): Ymd {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

function dayNumber(s: string): number {
  const { y, m, d } = parseIso(s);
  return julianDay(d, m, y);
}

function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const idx = y * 12 + (m - 1) + n;
  return { y: Math.floor(idx / 12), m: (idx % 12) + 1 };
}

// ---------------------------------------------------------------------------------------------
// Intermediate result of the grammar

interface Core {
  start: Ymd;
  end: Ymd;
  precision: DatePrecision;
  qualifier?: DateQualifier;
  season?: Season;
  days?: Ymd[];
  from?: Core & { text: string };
  to?: Core & { text: string };
  term?: boolean;
  tet?: boolean;
  partOfDay?: PartOfDay;
  time?: string;
}

interface Ctx {
  year?: number;
  month?: number;
  calendar: Calendar;
}

function validDay(y: number, m: number, d: number, cal: Calendar): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= (cal === 'lunar' ? 30 : daysInMonth(y, m));
}

function validYear(y: number): boolean {
  return y >= 100 && y <= 2999;
}

function dayCore(y: number, m: number, d: number, cal: Calendar): Core | null {
  if (!validYear(y) || !validDay(y, m, d, cal)) return null;
  return { start: { y, m, d }, end: { y, m, d }, precision: 'day' };
}

function monthCore(y: number, m: number): Core | null {
  if (!validYear(y) || m < 1 || m > 12) return null;
  return { start: { y, m, d: 1 }, end: { y, m, d: LAST }, precision: 'month' };
}

function yearCore(y: number): Core | null {
  if (!validYear(y)) return null;
  return { start: { y, m: 1, d: 1 }, end: { y, m: 12, d: LAST }, precision: 'year' };
}

const QUALIFIER: Readonly<Record<string, DateQualifier>> = { 'đầu': 'early', 'giữa': 'mid', 'cuối': 'late' };
const THIRD: Readonly<Record<DateQualifier, number>> = { early: 0, mid: 1, late: 2, about: -1 };

/** Narrow a year, month or decade to its early, middle or late part. */
function qualify(core: Core, q: DateQualifier): Core {
  const third = THIRD[q];
  if (third < 0) return { ...core, qualifier: q };
  const { y, m } = core.start;
  if (core.precision === 'year') {
    const [m1, m2] = ([[1, 4], [5, 8], [9, 12]] as const)[third]!;
    return { ...core, start: { y, m: m1, d: 1 }, end: { y, m: m2, d: LAST }, qualifier: q };
  }
  if (core.precision === 'month') {
    const [d1, d2] = ([[1, 10], [11, 20], [21, LAST]] as const)[third]!;
    return { ...core, start: { y, m, d: d1 }, end: { y, m, d: d2 }, qualifier: q };
  }
  if (core.precision === 'decade') {
    const [y1, y2] = ([[0, 3], [4, 6], [7, 9]] as const)[third]!;
    return { ...core, start: { y: y + y1, m: 1, d: 1 }, end: { y: y + y2, m: 12, d: LAST }, qualifier: q };
  }
  return { ...core, qualifier: q };
}

const SEASONS: Readonly<Record<string, Season>> = {
  'xuân': 'spring', 'hạ': 'summer', 'hè': 'summer', 'thu': 'autumn', 'đông': 'winter',
  'đông xuân': 'winter-spring', 'hè thu': 'summer-autumn', 'xuân hè': 'spring-summer',
  'thu đông': 'autumn-winter', 'khô': 'dry', 'mưa': 'rainy',
};

/** First month and length in months of each season. */
const SEASON_SPAN: Readonly<Record<Season, [number, number]>> = {
  spring: [2, 3], summer: [5, 3], autumn: [8, 3], winter: [11, 3], 'winter-spring': [11, 6],
  'summer-autumn': [5, 6], 'spring-summer': [2, 6], 'autumn-winter': [8, 6], dry: [11, 6], rainy: [5, 6],
};

function seasonCore(season: Season, y: number, y2?: number): Core | null {
  if (!validYear(y)) return null;
  const [m1, len] = SEASON_SPAN[season];
  const last = addMonths(y, m1, len - 1);
  if (y2 !== undefined && y2 !== last.y && !(y2 === y && last.y === y)) return null;
  return { start: { y, m: m1, d: 1 }, end: { y: last.y, m: last.m, d: LAST }, precision: 'season', season };
}

const ROMAN: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function decadeOf(n: string, century?: string): number | null {
  let y = Number(n);
  if (n.length <= 2) {
    const c = century === 'xix' || century === '19' ? 1800 : century === 'xxi' || century === '21' ? 2000 : 1900;
    y = c + y;
  }
  return y % 10 === 0 ? y : null;
}

function fullYear(second: string, first: number): number {
  return second.length === 2 ? Math.floor(first / 100) * 100 + Number(second) : Number(second);
}

// ---------------------------------------------------------------------------------------------
// Text preparation

const DASHES = /[\u2010-\u2015\u2212]/gu;
const MONTH_WORDS: Readonly<Record<string, number>> = {
  'giêng': 1, 'một': 1, 'hai': 2, 'ba': 3, 'tư': 4, 'bốn': 4, 'năm': 5, 'sáu': 6, 'bảy': 7,
  'bẩy': 7, 'tám': 8, 'chín': 9, 'mười': 10, 'mười một': 11, 'một một': 11, 'mười hai': 12, 'chạp': 12,
};

const PARTS_OF_DAY: ReadonlyArray<[string, PartOfDay]> = [
  ['nửa đêm', 'night'], ['rạng sáng', 'dawn'], ['rạng ngày', 'dawn'], ['tảng sáng', 'dawn'],
  ['sáng sớm', 'dawn'], ['đêm', 'night'], ['khuya', 'night'], ['sáng', 'morning'], ['trưa', 'noon'],
  ['chiều', 'afternoon'], ['tối', 'evening'],
];

interface Prepared {
  text: string;
  calendar: Calendar;
  /** The lunar month written "nhuận" (leap), if any. */
  leapMonth?: number;
}

const STEMS_RE = 'giáp|ất|bính|đinh|mậu|kỷ|kỉ|canh|tân|nhâm|quý|quí';
const BRANCHES_RE = 'tý|tí|sửu|dần|mão|mẹo|thìn|tỵ|tị|ngọ|mùi|thân|dậu|tuất|hợi';
const STEM_INDEX: Readonly<Record<string, number>> = {
  'giáp': 0, 'ất': 1, 'bính': 2, 'đinh': 3, 'mậu': 4, 'kỷ': 5, 'kỉ': 5, 'canh': 6, 'tân': 7, 'nhâm': 8, 'quý': 9, 'quí': 9,
};
const BRANCH_INDEX: Readonly<Record<string, number>> = {
  'tý': 0, 'tí': 0, 'sửu': 1, 'dần': 2, 'mão': 3, 'mẹo': 3, 'thìn': 4, 'tỵ': 5, 'tị': 5, 'ngọ': 6, 'mùi': 7, 'thân': 8, 'dậu': 9, 'tuất': 10, 'hợi': 11,
};
/** "1946 (Bính Tuất)", "Bính Tuất 1946", "Bính Tuất (1946)", "Bính Tuất". */
const CAN_CHI = new RegExp(
  `(\\d{4}) \\((${STEMS_RE}) (${BRANCHES_RE})\\)|(?<!\\p{L})(${STEMS_RE}) (${BRANCHES_RE})(?!\\p{L})(?: \\(?(\\d{4})\\)?(?!\\d))?`,
  'gu',
);
/** Words after which a year name does not make the date lunar: a season and Tết keep their own reckoning. */
const OWN_RECKONING = /(?:^|\s)(?:tết(?: nguyên đán)?|xuân|hạ|hè|thu|đông|khô|mưa)(?: năm)?\s*$/u;

const isCanChi = (year: number, stem: number, branch: number) => (((year + 6) % 10) + 10) % 10 === stem && (((year + 8) % 12) + 12) % 12 === branch;

/** The year a year name stands for: the one nearest `near`, or the one in the cycle from `cycleStart`. */
function yearOfCanChi(stem: number, branch: number, near: number | undefined, cycleStart: number): number | null {
  if (stem % 2 !== branch % 2) return null;
  if (near !== undefined) {
    for (let d = 0; d <= 30; d++) {
      if (isCanChi(near - d, stem, branch)) return near - d;
      if (isCanChi(near + d, stem, branch)) return near + d;
    }
  }
  for (let y = cycleStart; y < cycleStart + 60; y++) if (isCanChi(y, stem, branch)) return y;
  return null;
}

function prepare(input: string, options: ParseDateOptions, withPlace: boolean): Prepared | null {
  let t = input.normalize('NFC').toLowerCase().replace(DASHES, '-').replace(/\s+/gu, ' ').trim();
  let calendar: Calendar = 'solar';
  t = t.replace(/[([]?\s*(?:theo\s+)?(?:âm\s+lịch|(?<!\p{L})âl)\s*[)\]]?(?!\p{L})/gu, () => {
    calendar = 'lunar';
    return ' ';
  });
  t = t.replace(/^[*_\s]+|[*_\s.:;,]+$/gu, '').replace(/\s+/gu, ' ').trim();
  // A document's place-and-date line: "Hà Nội, ngày 5 tháng 3 năm 1946".
  if (withPlace) t = t.replace(/^[^\d,]{2,40}, (?=(?:ngày|mồng|mùng|tháng) )/u, '');
  // Month names: "tháng Tám" → "tháng 8". "tháng Năm" only when a year or number follows.
  t = t.replace(/tháng (giêng|chạp|mười một|mười hai|mười|một|hai|ba|tư|bốn|năm|sáu|bảy|bẩy|tám|chín)(?!\p{L})/gu, (all, word: string, offset: number, whole: string) => {
    if (word === 'năm' && !/^(?:\s+(?:năm|nhuận)|\s*[-/.]?\s*\d|$)/u.test(whole.slice(offset + all.length))) return all;
    return `tháng ${MONTH_WORDS[word]}`;
  });
  // "rằm tháng Giêng": the 15th of a lunar month.
  t = t.replace(/(^|\s)(?:ngày )?rằm(?= tháng)/gu, (_all, pre: string) => {
    calendar = 'lunar';
    return `${pre}ngày 15`;
  });
  // "tháng 2 nhuận", "tháng nhuận 2": a leap month, lunar.
  let leapMonth: number | undefined;
  t = t.replace(/tháng (?:(\d{1,2}) nhuận|nhuận (\d{1,2}))(?![\d\p{L}])/gu, (_all, a?: string, b?: string) => {
    calendar = 'lunar';
    leapMonth = Number(a ?? b);
    return `tháng ${leapMonth}`;
  });
  // Year names: checked against the number written beside them, or read in a 60-year cycle.
  let bad = false;
  t = t.replace(CAN_CHI, (all, y1?: string, s1?: string, b1?: string, s2?: string, b2?: string, y2?: string, offset?: number, whole?: string) => {
    const stem = STEM_INDEX[(s1 ?? s2)!]!;
    const branch = BRANCH_INDEX[(b1 ?? b2)!]!;
    const written = y1 ?? y2;
    let year: number | null;
    if (written !== undefined) {
      year = Number(written);
      if (!isCanChi(year, stem, branch)) bad = true;
    } else {
      year = yearOfCanChi(stem, branch, options.defaultYear, options.canChiCycleStart ?? 1930);
      if (year === null) bad = true;
    }
    if (!OWN_RECKONING.test((whole ?? '').slice(0, offset))) calendar = 'lunar';
    return year === null ? all : String(year);
  });
  if (bad) return null;
  t = t.replace(/(^|\s)(?:mồng|mùng)(?=\s)/gu, '$1ngày').replace(/ngày ngày/gu, 'ngày');
  // Numeric separators: "19 / 8 / 1945", "19.8.1945" → "19-8-1945".
  for (let i = 0; i < 3; i++) t = t.replace(/(\d)\s*[-/.]\s*(?=\d)/gu, '$1-');
  // Spelled-out forms: "03 tháng 4 năm 2018" → "03-4-2018", "tháng 6 năm 1945" → "tháng 6-1945".
  t = t.replace(/(\d{1,2}) tháng (\d{1,2})(?:,? năm|,)? (\d{3,4})(?!\d)/gu, '$1-$2-$3');
  t = t.replace(/(\d{1,2}) tháng (\d{1,2})(?![\d-])/gu, '$1-$2');
  t = t.replace(/tháng (\d{1,2})(?:,? năm|,)? (\d{3,4})(?!\d)/gu, 'tháng $1-$2');
  const out: Prepared = { text: t, calendar };
  if (leapMonth !== undefined) out.leapMonth = leapMonth;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The grammar: each rule reads the whole prepared text or returns null.

type Rule = (t: string, ctx: Ctx) => Core | null;

const rules: Rule[] = [
  // ngày 19-8-1945
  (t, c) => {
    const m = /^(?:ngày )?(\d{1,2})-(\d{1,2})-(\d{3,4})$/u.exec(t);
    return m ? dayCore(+m[3]!, +m[2]!, +m[1]!, c.calendar) : null;
  },
  // ngày 5-3 (year from the section)
  (t, c) => {
    const m = /^(?:ngày )?(\d{1,2})-(\d{1,2})$/u.exec(t);
    return m && c.year !== undefined ? dayCore(c.year, +m[2]!, +m[1]!, c.calendar) : null;
  },
  // ngày 11 (month and year from the other end of a range)
  (t, c) => {
    const m = /^(?:ngày )?(\d{1,2})$/u.exec(t);
    return m && c.year !== undefined && c.month !== undefined ? dayCore(c.year, c.month, +m[1]!, c.calendar) : null;
  },
  // ngày 11-19-2-1951 (from "11-19/2/1951")
  (t, c) => {
    const m = /^(?:ngày |các ngày )?(\d{1,2})-(\d{1,2})-(\d{1,2})-(\d{4})$/u.exec(t);
    if (!m) return null;
    const a = dayCore(+m[4]!, +m[3]!, +m[1]!, c.calendar);
    const b = dayCore(+m[4]!, +m[3]!, +m[2]!, c.calendar);
    return a && b && +m[1]! < +m[2]! ? rangeCore(a, m[1]!, b, `${m[2]}-${m[3]}-${m[4]}`) : null;
  },
  // ngày 15 và 16-3-1961; ngày 15, 16 và 17-3-1961; ngày 30-4 và 1-5-1975
  (t, c) => {
    const m = /^(?:ngày |các ngày )?((?:\d{1,2}(?:-\d{1,2})?(?:, | ))*\d{1,2}(?:-\d{1,2})?) và (\d{1,2})-(\d{1,2})-(\d{4})$/u.exec(t);
    if (!m) return null;
    const y = +m[4]!;
    const lastMonth = +m[3]!;
    const days: Ymd[] = [];
    for (const part of m[1]!.split(/,? /u)) {
      const [d, mo] = part.split('-').map(Number) as [number, number | undefined];
      if (!validDay(y, mo ?? lastMonth, d, c.calendar)) return null;
      days.push({ y, m: mo ?? lastMonth, d });
    }
    days.push({ y, m: lastMonth, d: +m[2]! });
    if (!validDay(y, lastMonth, +m[2]!, c.calendar)) return null;
    const order = days.map((d) => d.m * 100 + d.d);
    if (order.some((v, i) => i > 0 && v <= order[i - 1]!)) return null;
    return { start: days[0]!, end: days[days.length - 1]!, precision: 'range', days };
  },
  // đêm 19 rạng sáng 20-12-1946 (the night prefix is already taken off)
  (t, c) => {
    const m = /^(?:ngày )?(\d{1,2})(?:-(\d{1,2}))? (?:rạng sáng|rạng ngày|sáng) (?:ngày )?(\d{1,2})-(\d{1,2})-(\d{4})$/u.exec(t);
    if (!m) return null;
    const y = +m[5]!;
    const a = dayCore(y, m[2] ? +m[2] : +m[4]!, +m[1]!, c.calendar);
    const b = dayCore(y, +m[4]!, +m[3]!, c.calendar);
    if (!a || !b) return null;
    a.partOfDay = 'night';
    b.partOfDay = 'dawn';
    return rangeCore(a, m[1]!, b, `rạng sáng ${m[3]}-${m[4]}-${m[5]}`);
  },
  // 1946-03-05 (ISO, as other programs write it)
  (t, c) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(t);
    return m ? dayCore(+m[1]!, +m[2]!, +m[3]!, c.calendar) : null;
  },
  // 3-1946, 03/1946; 1946-03 (ISO) when it cannot be a span of years ("1953-54" is one)
  (t) => {
    const m = /^(\d{1,2})-(\d{3,4})$/u.exec(t);
    if (m) return monthCore(+m[2]!, +m[1]!);
    const iso = /^(\d{4})-(\d{2})$/u.exec(t);
    return iso && fullYear(iso[2]!, +iso[1]!) <= +iso[1]! ? monthCore(+iso[1]!, +iso[2]!) : null;
  },
  // tháng 11-1939; tháng 6 (year from the section)
  (t, c) => {
    const m = /^tháng (\d{1,2})(?:-(\d{3,4}))?$/u.exec(t);
    if (!m) return null;
    const y = m[2] ? +m[2] : c.year;
    return y === undefined ? null : monthCore(y, +m[1]!);
  },
  // tháng 7-8-1931 (from "Tháng 7-8/1931"); tháng 7 và 8-1931
  (t) => {
    const m = /^tháng (\d{1,2})(?:-| và | đến | - )(\d{1,2})-(\d{4})$/u.exec(t);
    if (!m || +m[1]! >= +m[2]!) return null;
    const a = monthCore(+m[3]!, +m[1]!);
    const b = monthCore(+m[3]!, +m[2]!);
    return a && b ? rangeCore(a, `tháng ${m[1]}`, b, `tháng ${m[2]}-${m[3]}`) : null;
  },
  // đầu / giữa / cuối tháng 3-1950
  (t, c) => {
    const m = /^(đầu|giữa|cuối) tháng (\d{1,2})(?:-(\d{3,4}))?$/u.exec(t);
    if (!m) return null;
    const y = m[3] ? +m[3] : c.year;
    const month = y === undefined ? null : monthCore(y, +m[2]!);
    return month ? qualify(month, QUALIFIER[m[1]!]!) : null;
  },
  // thượng / trung / hạ tuần tháng 5-1954
  (t, c) => {
    const m = /^(thượng|trung|hạ) tuần tháng (\d{1,2})(?:-(\d{3,4}))?$/u.exec(t);
    if (!m) return null;
    const y = m[3] ? +m[3] : c.year;
    const month = y === undefined ? null : monthCore(y, +m[2]!);
    if (!month) return null;
    const [d1, d2] = ({ 'thượng': [1, 10], 'trung': [11, 20], 'hạ': [21, LAST] } as const)[m[1] as 'thượng' | 'trung' | 'hạ'];
    return { ...month, start: { ...month.start, d: d1 }, end: { ...month.end, d: d2 }, precision: 'ten-day' };
  },
  // đầu / giữa / cuối năm 1930
  (t, c) => {
    const m = /^(đầu|giữa|cuối) (?:năm(?: (\d{3,4}))?|(\d{4}))$/u.exec(t);
    if (!m) return null;
    const y = m[2] || m[3] ? +(m[2] ?? m[3])! : c.year;
    const year = y === undefined ? null : yearCore(y);
    return year ? qualify(year, QUALIFIER[m[1]!]!) : null;
  },
  // 6 tháng đầu năm 1961; nửa cuối năm 1961
  (t, c) => {
    const m = /^(?:(?:6|sáu) tháng|nửa) (đầu|cuối|sau) năm(?: (\d{4}))?$/u.exec(t);
    if (!m) return null;
    const y = m[2] ? +m[2] : c.year;
    if (y === undefined || !validYear(y)) return null;
    const first = m[1] === 'đầu';
    return { start: { y, m: first ? 1 : 7, d: 1 }, end: { y, m: first ? 6 : 12, d: LAST }, precision: 'half-year' };
  },
  // quý I năm 2010; quý I/2010
  (t, c) => {
    const m = /^quý (iv|iii|ii|i|[1-4])(?:(?: năm |-|\/| )(\d{4}))?$/u.exec(t);
    if (!m) return null;
    const y = m[2] ? +m[2] : c.year;
    if (y === undefined || !validYear(y)) return null;
    const q = ROMAN[m[1]!]!;
    return { start: { y, m: q * 3 - 2, d: 1 }, end: { y, m: q * 3, d: LAST }, precision: 'quarter' };
  },
  // mùa xuân 1947; Đông Xuân 1953-1954; mùa khô 1965-1966; hè thu 1954
  (t) => {
    const m = /^(?:mùa )?(đông xuân|hè thu|xuân hè|thu đông|xuân|hạ|hè|thu|đông)(?: năm)? (\d{4})(?:-(\d{2,4}))?$/u.exec(t.replace(/(đông|hè|xuân|thu)\s*-\s*(xuân|thu|hè|đông)/u, '$1 $2'))
      ?? /^mùa (khô|mưa)(?: năm)? (\d{4})(?:-(\d{2,4}))?$/u.exec(t);
    if (!m) return null;
    const y = +m[2]!;
    return seasonCore(SEASONS[m[1]!]!, y, m[3] ? fullYear(m[3], y) : undefined);
  },
  // Tết Mậu Thân 1968; Tết Nguyên đán 1975
  (t) => {
    const m = /^tết(?: nguyên đán)?(?: (?:giáp|ất|bính|đinh|mậu|kỷ|kỉ|canh|tân|nhâm|quý|quí) (?:tý|tí|sửu|dần|mão|mẹo|thìn|tỵ|tị|ngọ|mùi|thân|dậu|tuất|hợi))?(?: năm)? (\d{4})$/u.exec(t);
    if (!m) return null;
    const day = dayCore(+m[1]!, 1, 1, 'lunar');
    return day ? { ...day, tet: true } : null;
  },
  // những năm 1930; thập niên 60; cuối những năm 30 của thế kỷ XX
  (t) => {
    const m = /^(?:(đầu|giữa|cuối) )?(?:những năm|thập niên|thập kỷ|thập kỉ) (\d{2}|\d{4})(?: của thế kỷ (xix|xx|xxi|19|20|21))?$/u.exec(t);
    if (!m) return null;
    const y = decadeOf(m[2]!, m[3]);
    if (y === null || !validYear(y)) return null;
    const core: Core = { start: { y, m: 1, d: 1 }, end: { y: y + 9, m: 12, d: LAST }, precision: 'decade' };
    return m[1] ? qualify(core, QUALIFIER[m[1]]!) : core;
  },
  // nhiệm kỳ 2015-2020
  (t) => {
    const m = /^(?:trong )?nhiệm kỳ (?:đại hội )?(\d{4})-(\d{2,4})$/u.exec(t);
    if (!m) return null;
    const range = yearRange(+m[1]!, fullYear(m[2]!, +m[1]!));
    return range ? { ...range, term: true } : null;
  },
  // năm 1960; 1960
  (t) => {
    const m = /^(?:năm (\d{3,4})|(\d{4}))$/u.exec(t);
    return m ? yearCore(+(m[1] ?? m[2])!) : null;
  },
  // 1945-1954; năm 1953-1954; giai đoạn 1945-1954; 1953-54
  (t) => {
    const m = /^(?:(?:giai đoạn|thời kỳ|thời kì|thời gian|trong những năm|những năm|các năm|năm) )?(\d{4})-(\d{2}|\d{4})$/u.exec(t);
    return m ? yearRange(+m[1]!, fullYear(m[2]!, +m[1]!)) : null;
  },
];

function rangeCore(a: Core, aText: string, b: Core, bText: string): Core {
  return { start: a.start, end: b.end, precision: 'range', from: { ...a, text: aText }, to: { ...b, text: bText } };
}

function yearRange(y1: number, y2: number): Core | null {
  const a = yearCore(y1);
  const b = yearCore(y2);
  return a && b && y1 < y2 ? rangeCore(a, String(y1), b, String(y2)) : null;
}

const CONNECTORS = [' đến ', ' tới ', ' cho đến ', ' sang ', ' - ', ', '];

/** "từ A đến B", "cuối năm 1945 - đầu năm 1946": both ends parsed, the first end taking its
 *  missing month or year from the second. */
function parseRange(t: string, ctx: Ctx): Core | null {
  const body = t.replace(/^(?:từ|trong thời gian từ|khoảng từ) /u, '');
  // "Cuối năm 1945 đầu năm 1946": a qualifier word starts the second end.
  const qualified = /\d (?=(?:đầu|giữa|cuối) (?:năm|tháng))/u.exec(body);
  if (qualified) {
    const left = body.slice(0, qualified.index + 1);
    const right = body.slice(qualified.index + 2);
    const b = parseCoreSimple(right, ctx);
    const a = b && parseCoreSimple(left, { ...ctx, year: b.start.y, month: b.start.m });
    if (a && b && compareYmd(a.start, b.start) < 0 && compareYmd(a.end, b.end) <= 0) return rangeCore(a, left, b, right);
  }
  for (const conn of CONNECTORS) {
    let at = body.indexOf(conn);
    while (at > 0) {
      const left = body.slice(0, at);
      const right = body.slice(at + conn.length).replace(/^(?:cho )?(?:đến )?/u, '');
      const b = parseCoreSimple(right, ctx);
      if (b) {
        const a = parseCoreSimple(left, { ...ctx, year: b.start.y, month: b.start.m });
        if (a && compareYmd(a.start, b.start) < 0 && compareYmd(a.end, b.end) <= 0) return rangeCore(a, left, b, right);
      }
      at = body.indexOf(conn, at + 1);
    }
  }
  return null;
}

function compareYmd(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** Take a leading clock time and part of the day off the text. */
function takeTime(t: string): { rest: string; time?: string; partOfDay?: PartOfDay } {
  let rest = t;
  let time: string | undefined;
  let partOfDay: PartOfDay | undefined;
  const clock = /^(?:vào |lúc )?(\d{1,2}) ?(?:giờ|h|g) ?(?:(\d{1,2}) ?(?:phút|p|')?)? ?/u.exec(rest);
  if (clock && +clock[1]! <= 24 && (clock[2] === undefined || +clock[2] < 60)) {
    time = `${clock[1]!.padStart(2, '0')}:${(clock[2] ?? '0').padStart(2, '0')}`;
    rest = rest.slice(clock[0].length);
  }
  for (const [word, pod] of PARTS_OF_DAY) {
    if (rest.startsWith(word + ' ') && /^(?:ngày |hôm |\d)/u.test(rest.slice(word.length + 1))) {
      partOfDay = pod;
      rest = rest.slice(word.length + 1).replace(/^hôm /u, 'ngày ');
      break;
    }
  }
  const out: { rest: string; time?: string; partOfDay?: PartOfDay } = { rest };
  if (time !== undefined) out.time = time;
  if (partOfDay !== undefined) out.partOfDay = partOfDay;
  return out;
}

function parseCoreSimple(t: string, ctx: Ctx): Core | null {
  let text = t.replace(/^(?:vào |trong )/u, '');
  let about = false;
  const approx = /^(?:vào khoảng|khoảng|chừng|ước|độ) /u.exec(text);
  if (approx) {
    about = true;
    text = text.slice(approx[0].length);
  }
  const { rest, time, partOfDay } = takeTime(text);
  let core: Core | null = null;
  for (const rule of rules) {
    core = rule(rest, ctx);
    if (core) break;
  }
  if (!core) return null;
  if (time !== undefined || partOfDay !== undefined) {
    if (core.precision !== 'day' && !(core.precision === 'range' && core.from?.precision === 'day')) return null;
    if (core.precision === 'day') {
      if (time !== undefined) core.time = time;
      if (partOfDay !== undefined) core.partOfDay = partOfDay;
    } else if (core.from && partOfDay !== undefined) {
      core.from.partOfDay ??= partOfDay;
    }
  }
  if (about && core.qualifier === undefined) core.qualifier = 'about';
  return core;
}

function parseCore(t: string, ctx: Ctx): Core | null {
  return parseCoreSimple(t, ctx) ?? parseRange(t, ctx);
}

// ---------------------------------------------------------------------------------------------
// From nominal numbers to solar ISO days

function resolveEnd(e: Ymd, cal: Calendar, leapMonth?: number): Ymd {
  if (e.d !== LAST) return e;
  return { ...e, d: cal === 'lunar' ? lunarMonthLength(e.y, e.m, e.m === leapMonth) || 29 : daysInMonth(e.y, e.m) };
}

function toSolarIso(n: Ymd, cal: Calendar, leapMonth?: number): string | null {
  if (cal === 'solar') return iso(n.y, n.m, n.d);
  const s = lunarToSolar({ year: n.y, month: n.m, day: n.d, ...(n.m === leapMonth ? { leap: true } : {}) });
  return s ? iso(s.y, s.m, s.d) : null;
}

function finalize(core: Core, cal: Calendar, original: string, leapMonth?: number): PartialDate | null {
  const endN = resolveEnd(core.end, cal, leapMonth);
  const start = toSolarIso(core.start, cal, leapMonth);
  const end = toSolarIso(endN, cal, leapMonth);
  if (start === null || end === null) return null;
  const out: PartialDate = { start, end, precision: core.precision, calendar: cal, original };
  if (core.qualifier) out.qualifier = core.qualifier;
  if (core.time) out.time = core.time;
  if (core.partOfDay) out.partOfDay = core.partOfDay;
  if (core.season) out.season = core.season;
  if (core.term) out.term = true;
  if (core.tet) out.tet = true;
  if (core.days) {
    const days = core.days.map((d) => toSolarIso(d, cal, leapMonth));
    if (days.some((d) => d === null)) return null;
    out.days = days as string[];
  }
  if (core.from && core.to) {
    const from = finalize(core.from, cal, core.from.text, leapMonth);
    const to = finalize(core.to, cal, core.to.text, leapMonth);
    if (!from || !to) return null;
    out.from = from;
    out.to = to;
  }
  if (cal === 'lunar') {
    out.lunarStart = iso(core.start.y, core.start.m, core.start.d);
    out.lunarEnd = iso(endN.y, endN.m, endN.d);
  }
  return out;
}

/**
 * Parse a Vietnamese date expression, the whole text: "ngày 19-8-1945", "Tháng 7-8/1931",
 * "Cuối năm 1930", "từ ngày 28-2 đến ngày 3-3-1961", "16 giờ 30 phút ngày 30-4-1975",
 * "ngày 15 tháng Giêng năm 1968 (âm lịch)", "rằm tháng Giêng năm Bính Tuất", "Xuân Mậu Thân 1968",
 * "3/1946", "1946-03-05", "Hà Nội, ngày 5 tháng 3 năm 1946". Returns null when the text is not a
 * date (or is an impossible one, such as 30-2-1950, or a year name that disagrees with its number).
 * Trailing punctuation (". : ,") is ignored.
 */
export function parsePartialDate(text: string, options: ParseDateOptions = {}): PartialDate | null {
  return parseText(text, options, true);
}

/** `withPlace`: a leading place ("Hà Nội, ngày …") is read past, as in a document's header. */
function parseText(text: string, options: ParseDateOptions, withPlace: boolean): PartialDate | null {
  const prepared = prepare(text, options, withPlace);
  if (!prepared || prepared.text === '') return null;
  const { text: t, calendar, leapMonth } = prepared;
  const ctx: Ctx = { calendar };
  if (options.defaultYear !== undefined) ctx.year = options.defaultYear;
  const core = parseCore(t, ctx);
  if (!core) return null;
  const cal: Calendar = core.tet ? 'lunar' : calendar;
  return finalize(core, cal, text.trim().replace(/[\s.:;,]+$/u, ''), cal === 'lunar' ? leapMonth : undefined);
}

/**
 * Read the date at the start of a chronicle entry: "Ngày 19-8-1945. Khởi nghĩa giành chính
 * quyền…" → the date and the length of its lead ("Ngày 19-8-1945."), or null. The lead ends at
 * ". ", ": ", ", " or " - " / " – " followed by the entry text.
 */
export function parseDateLead(text: string, options: ParseDateOptions = {}): { date: PartialDate; length: number } | null {
  const head = text.slice(0, 120);
  const cuts: number[] = [];
  for (let i = 1; i <= head.length; i++) {
    const ch = head[i] ?? '';
    const between = /\d/u.test(head[i - 1] ?? '') && /\d/u.test(head[i + 1] ?? '');
    if (i === head.length || (/[.:,;]/u.test(ch) && !between) || (/\s/u.test(ch) && /[-–—]/u.test(head[i + 1] ?? ''))) cuts.push(i);
  }
  for (const cut of cuts.reverse()) {
    const date = parseText(text.slice(0, cut), options, false);
    if (date) {
      const after = /^[.:,;]?\s*(?:[-–—]\s*)?/u.exec(text.slice(cut))![0];
      return { date, length: cut + after.length };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Chronicle order

const TIME_OF_PART: Readonly<Record<PartOfDay, string>> = {
  dawn: '04:00', morning: '08:00', noon: '12:00', afternoon: '15:00', evening: '19:00', night: '22:00',
};

interface SortKey {
  anchor: string;
  phase: number;
  order: number;
  sub: number;
  time: string;
}

function isPointLike(d: PartialDate): boolean {
  if (d.precision === 'day' || d.days !== undefined) return true;
  if (d.precision === 'range' && !d.term && d.from?.precision === 'day') return true;
  return false;
}

function isMultiYear(d: PartialDate): boolean {
  return d.precision === 'decade' || (d.precision === 'range' && (d.term === true || d.from?.precision === 'year' || d.from?.precision === 'decade'));
}

function sortKey(d: PartialDate): SortKey {
  const span = dayNumber(d.end) - dayNumber(d.start) + 1;
  const time = d.time ?? (d.partOfDay ? TIME_OF_PART[d.partOfDay] : d.from?.partOfDay ? TIME_OF_PART[d.from.partOfDay] : '');
  if (d.qualifier === 'early' || (isMultiYear(d) && d.qualifier !== 'late')) return { anchor: d.start, phase: 0, order: -span, sub: 0, time };
  if (isPointLike(d)) return { anchor: d.start, phase: 1, order: 0, sub: 0, time };
  if (d.qualifier === 'mid') {
    const mid = fromJulianDay(Math.floor((dayNumber(d.start) + dayNumber(d.end)) / 2));
    return { anchor: iso(mid.y, mid.m, mid.d), phase: 1, order: 1, sub: 0, time };
  }
  // Coarse periods close their span: after every dated entry inside it. A period running into
  // the next year closes at the end of the year it starts in.
  const yearEnd = `${d.start.slice(0, 4)}-12-31`;
  const anchor = d.end < yearEnd ? d.end : yearEnd;
  const sub = d.qualifier === 'late' ? 0 : d.qualifier === 'about' ? 2 : 1;
  return { anchor, phase: 2, order: span, sub, time };
}

/**
 * Chronicle order. Within a year: "Đầu năm" entries first, then dated entries in date order
 * ("Giữa năm" among them, at mid-year), then "Cuối năm", then the bare "Năm X". Within a
 * month, a bare "Tháng X" comes after that month's dated entries (and "Đầu tháng X" before
 * them). A multi-year span ("1945-1954", a term) comes before the entries of its first year.
 * Ties are broken by time of day, then by the text.
 */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka.anchor !== kb.anchor) return ka.anchor < kb.anchor ? -1 : 1;
  if (ka.phase !== kb.phase) return ka.phase - kb.phase;
  if (ka.order !== kb.order) return ka.order - kb.order;
  if (ka.sub !== kb.sub) return ka.sub - kb.sub;
  if (ka.time !== kb.time) return ka.time < kb.time ? -1 : 1;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  return a.original < b.original ? -1 : a.original > b.original ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Formatting

export type DateStyle = 'print' | 'slash';

const QUALIFIER_WORD: Readonly<Record<DateQualifier, string>> = { early: 'đầu', mid: 'giữa', late: 'cuối', about: 'khoảng' };
const SEASON_WORD: Readonly<Record<Season, string>> = {
  spring: 'mùa xuân', summer: 'mùa hè', autumn: 'mùa thu', winter: 'mùa đông', 'winter-spring': 'đông xuân',
  'summer-autumn': 'hè thu', 'spring-summer': 'xuân hè', 'autumn-winter': 'thu đông', dry: 'mùa khô', rainy: 'mùa mưa',
};
const PART_WORD: Readonly<Record<PartOfDay, string>> = {
  dawn: 'rạng sáng', morning: 'sáng', noon: 'trưa', afternoon: 'chiều', evening: 'tối', night: 'đêm',
};
const ROMAN_OUT = ['I', 'II', 'III', 'IV'];
const STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'];
const BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'];

/** The sexagenary name of a lunar year: 1968 → "Mậu Thân". */
export function canChiOfYear(year: number): string {
  return `${STEMS[(((year + 6) % 10) + 10) % 10]} ${BRANCHES[(((year + 8) % 12) + 12) % 12]}`;
}

function written(d: PartialDate): { s: Ymd; e: Ymd } {
  return d.calendar === 'lunar' && d.lunarStart && d.lunarEnd
    ? { s: parseIso(d.lunarStart), e: parseIso(d.lunarEnd) }
    : { s: parseIso(d.start), e: parseIso(d.end) };
}

function formatBody(d: PartialDate, sep: string): string {
  const { s, e } = written(d);
  const q = d.qualifier ? `${QUALIFIER_WORD[d.qualifier]} ` : '';
  const dmy = (x: Ymd) => `${x.d}${sep}${x.m}${sep}${x.y}`;
  switch (d.precision) {
    case 'day': {
      if (d.tet) return `Tết ${canChiOfYear(s.y)} ${s.y}`;
      const clock = d.time ? `${+d.time.slice(0, 2)} giờ${d.time.endsWith(':00') ? '' : ` ${+d.time.slice(3)} phút`} ` : '';
      const part = d.partOfDay ? `${PART_WORD[d.partOfDay]} ` : '';
      const ngay = clock && !part ? 'ngày ' : '';
      return `${q}${clock}${part}${ngay}${dmy(s)}`;
    }
    case 'ten-day':
      return `${s.d === 1 ? 'thượng' : s.d === 11 ? 'trung' : 'hạ'} tuần tháng ${s.m}${sep}${s.y}`;
    case 'month':
      return `${q}tháng ${s.m}${sep}${s.y}`;
    case 'season':
      return d.season === 'winter-spring' || d.season === 'dry'
        ? `${SEASON_WORD[d.season]} ${s.y}-${e.y}`
        : `${SEASON_WORD[d.season ?? 'spring']} ${s.y}`;
    case 'quarter':
      return sep === '-' ? `quý ${ROMAN_OUT[(s.m - 1) / 3]} năm ${s.y}` : `quý ${ROMAN_OUT[(s.m - 1) / 3]}/${s.y}`;
    case 'half-year':
      return `6 tháng ${s.m === 1 ? 'đầu' : 'cuối'} năm ${s.y}`;
    case 'year':
      return `${q}năm ${s.y}`;
    case 'decade': {
      const decade = Math.floor(s.y / 10) * 10;
      return `${q}những năm ${decade}`;
    }
    case 'range':
      return formatRange(d, sep);
  }
}

function formatRange(d: PartialDate, sep: string): string {
  const { s, e } = written(d);
  if (d.days) {
    const days = d.days.map(parseIso);
    if (d.calendar === 'lunar') return d.days.join(', ');
    const sameMonth = days.every((x) => x.m === e.m);
    const parts = days.map((x, i) => (i === days.length - 1 ? `${x.d}${sep}${x.m}${sep}${x.y}` : sameMonth ? `${x.d}` : `${x.d}${sep}${x.m}`));
    return `ngày ${parts.slice(0, -1).join(', ')} và ${parts[parts.length - 1]}`;
  }
  const from = d.from;
  const to = d.to;
  if (!from || !to) return `${s.y}-${e.y}`;
  if (from.precision === 'year' && to.precision === 'year' && !from.qualifier && !to.qualifier) {
    return `${d.term ? 'nhiệm kỳ ' : ''}${s.y}-${e.y}`;
  }
  if (from.precision === 'day' && to.precision === 'day' && !from.time && !to.time) {
    if (from.partOfDay === 'night' && to.partOfDay === 'dawn' && s.m === e.m) {
      return `đêm ${s.d} rạng sáng ${e.d}${sep}${e.m}${sep}${e.y}`;
    }
    if (!from.partOfDay && !to.partOfDay) {
      const left = s.y !== e.y ? `${s.d}${sep}${s.m}${sep}${s.y}` : s.m !== e.m ? `${s.d}${sep}${s.m}` : `${s.d}`;
      return `từ ngày ${left} đến ngày ${e.d}${sep}${e.m}${sep}${e.y}`;
    }
  }
  if (from.precision === 'month' && to.precision === 'month' && !from.qualifier && !to.qualifier && s.y === e.y) {
    return `từ tháng ${s.m} đến tháng ${e.m}${sep}${e.y}`;
  }
  return `từ ${formatBody(from, sep)} đến ${formatBody(to, sep)}`;
}

/**
 * Write a partial date the way the book prints it: 'print' uses hyphens ("19-8-1945",
 * "tháng 3-1950"), 'slash' uses slashes ("19/8/1945"), as web copies do. The text starts in
 * lower case (except a bare day, which starts with its number) unless `capitalize` is set.
 * Lunar dates are written in lunar numbers followed by "(âm lịch)".
 */
export function formatPartialDate(d: PartialDate, style: DateStyle = 'print', options: { capitalize?: boolean } = {}): string {
  const sep = style === 'print' ? '-' : '/';
  let out = formatBody(d, sep);
  if (d.calendar === 'lunar' && !d.tet) out += ' (âm lịch)';
  if (options.capitalize) out = out.charAt(0).toUpperCase() + out.slice(1);
  return out;
}

/**
 * A full date in words: "ngày 25 tháng 11 năm 2026". With `administrative`, days below 10 and
 * the months 1 and 2 get a leading zero, as Nghị định 30/2020/NĐ-CP asks for document headers:
 * "ngày 05 tháng 01 năm 2026". A `Date` is read in local time.
 */
export function formatVietnameseDate(date: Date | { y: number; m: number; d: number }, options: { administrative?: boolean } = {}): string {
  const { y, m, d } = date instanceof Date ? { y: date.getFullYear(), m: date.getMonth() + 1, d: date.getDate() } : date;
  const dd = options.administrative && d < 10 ? `0${d}` : `${d}`;
  const mm = options.administrative && m < 3 ? `0${m}` : `${m}`;
  return `ngày ${dd} tháng ${mm} năm ${y}`;
}
