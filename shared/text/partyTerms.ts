/**
 * Terms (nhiệm kỳ, khóa) of the Party Central Committee, from one national congress (Đại hội đại
 * biểu toàn quốc) to the next. Party documents are numbered from 01 per document type per term
 * of the committee that issues them, so "16-NQ/TW" of 1955 (khóa II) and of 2022 (khóa XIII) are
 * two documents: a reference is read within the term of the text that makes it.
 *
 * A term starts on the day its congress opened (the committee it elects numbers afresh from
 * then; documents of the outgoing committee are all dated before). Congress dates from the
 * Party's published history; those marked (?) are not confirmed from a primary source.
 * Provincial and district committees (TU, HU, ĐU…) hold their own congresses on their own
 * calendars, not listed here: for their codes the resolver falls back to the closest earlier
 * document.
 *
 * Pure: no I/O.
 */

export interface CongressTerm {
  /** 0 for the provisional committee before the first congress, then 1, 2, … */
  number: number;
  /** Roman numeral as Vietnamese texts write it ("XIII"); "" for the provisional committee. */
  roman: string;
  /** First day of the term, 'YYYY-MM-DD' (the congress's opening day). */
  start: string;
  /** Last day of the term, 'YYYY-MM-DD' (the day before the next congress); open for the current one. */
  end: string | null;
}

/** [number, roman, opening day of its congress]. */
const CONGRESSES: readonly [number, string, string][] = [
  [0, '', '1930-02-03'], // Hội nghị thành lập Đảng; Ban Chấp hành Trung ương lâm thời
  [1, 'I', '1935-03-27'], // Ma Cao
  [2, 'II', '1951-02-11'], // Tuyên Quang
  [3, 'III', '1960-09-05'],
  [4, 'IV', '1976-12-14'],
  [5, 'V', '1982-03-27'],
  [6, 'VI', '1986-12-15'],
  [7, 'VII', '1991-06-24'],
  [8, 'VIII', '1996-06-28'],
  [9, 'IX', '2001-04-19'],
  [10, 'X', '2006-04-18'],
  [11, 'XI', '2011-01-12'],
  [12, 'XII', '2016-01-20'],
  [13, 'XIII', '2021-01-25'],
  [14, 'XIV', '2026-01-19'], // (?)
];

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The Central Committee's terms, oldest first. */
export const CENTRAL_COMMITTEE_TERMS: readonly CongressTerm[] = CONGRESSES.map(([number, roman, start], i) => {
  const next = CONGRESSES[i + 1];
  return { number, roman, start, end: next ? dayBefore(next[2]) : null };
});

/** The term in force on a day ('YYYY-MM-DD'), or null before 1930. */
export function centralTermOn(day: string): CongressTerm | null {
  let found: CongressTerm | null = null;
  for (const t of CENTRAL_COMMITTEE_TERMS) if (t.start <= day) found = t;
  return found;
}

/** Every term a span of days touches (a document dated "1976" may be of khóa III or IV). */
export function centralTermsBetween(start: string, end: string): CongressTerm[] {
  return CENTRAL_COMMITTEE_TERMS.filter((t) => t.start <= end && (t.end === null || t.end >= start));
}

/** "khóa XIII (2021–2026)", "khóa lâm thời (1930–1935)"; the current term "khóa XIV (từ 2026)". */
export function formatTerm(t: CongressTerm): string {
  const name = t.number === 0 ? 'khóa lâm thời' : `khóa ${t.roman}`;
  const from = t.start.slice(0, 4);
  return t.end === null ? `${name} (từ ${from})` : `${name} (${from}–${t.end.slice(0, 4)})`;
}

/**
 * How the numbers of a code restart, which decides which of several archived documents bearing
 * it a text means:
 *   'central-term'  Party codes of the Central Committee and its organs (…/TW, …/VPTW, …/BTGTW,
 *                   QUTW, ĐUCA): per term of the Central Committee (the table above);
 *   'year'          State codes without a year part (123/QĐ-UBND): per calendar year;
 *   'in-code'       State legal documents whose code carries the year (30/2020/NĐ-CP);
 *   'local-term'    every other Party code (TU, HU, ĐU, CB…): per term of a committee whose
 *                   congress dates are not known here.
 */
export type CodeNumbering = 'central-term' | 'year' | 'in-code' | 'local-term';

export function numberingOf(code: { system: 'party' | 'state'; issuerCode?: string; year?: string }): CodeNumbering {
  if (code.system === 'state') return code.year ? 'in-code' : 'year';
  const issuer = (code.issuerCode ?? '').toUpperCase();
  if (/(?:TW|TƯ)$/u.test(issuer) || issuer === 'ĐUCA' || issuer === 'DUCA') return 'central-term';
  return 'local-term';
}

/** First and last day, 'YYYY-MM-DD'. */
interface Days {
  start: string;
  end: string;
}

/** The span of a Central Committee term by its Roman numeral ("XIII"), or null. */
export function centralTermSpan(roman: string): Days | null {
  const t = CENTRAL_COMMITTEE_TERMS.find((x) => x.roman === roman.toUpperCase());
  return t ? { start: t.start, end: t.end ?? '9999-12-31' } : null;
}

/**
 * The period within which a cited number is unique, as far as the citing text tells: 't13' (khóa
 * XIII) for a Central Committee code, 'y1961' for a State code or a date written with the
 * reference, '' when unknown (a provincial code cited without a date: its terms are not known).
 * The date written with the reference counts unless it is later than the citing text; else a
 * term written with it; else the citing text's own term or year, where a number is most often
 * cited.
 */
export function periodOfReference(numbering: CodeNumbering, written: Days | null, term: string | null, referrer: Days | null): string {
  const from = (span: Days, byYear: boolean): string => {
    if (numbering === 'central-term') {
      const terms = centralTermsBetween(span.start, span.end);
      return terms.length === 1 ? `t${terms[0]!.number}` : '';
    }
    if (!byYear) return '';
    const y = span.start.slice(0, 4);
    return y === span.end.slice(0, 4) ? `y${y}` : '';
  };
  if (written && (!referrer || written.start <= referrer.end)) return from(written, true);
  if (term && numbering === 'central-term') {
    const span = centralTermSpan(term);
    if (span && (!referrer || span.start <= referrer.end)) return from(span, false);
  }
  if (referrer && numbering !== 'local-term') return from(referrer, true);
  return '';
}

/** 't13' → "khóa XIII (2021–2026)", 'y1961' → "năm 1961", '' → ''. */
export function formatPeriod(key: string): string {
  if (key.startsWith('t')) {
    const t = CENTRAL_COMMITTEE_TERMS.find((x) => x.number === Number(key.slice(1)));
    return t ? formatTerm(t) : '';
  }
  return key.startsWith('y') ? `năm ${key.slice(1)}` : '';
}

/** The first day of a period key, for ordering ('' → '9999'). */
export function periodStart(key: string): string {
  if (key.startsWith('t')) return CENTRAL_COMMITTEE_TERMS.find((x) => x.number === Number(key.slice(1)))?.start ?? '9999';
  return key.startsWith('y') ? `${key.slice(1)}-01-01` : '9999';
}
