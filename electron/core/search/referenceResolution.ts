/**
 * Which archived document a reference by number-and-symbol means. A Party number restarts every
 * term of the committee that issues it and a State number every year, so "16-NQ/TW" may be borne
 * by the archive's 1955 and 2022 documents alike; the text that refers to it decides:
 *
 *  1. A date or term written with the reference ("… ngày 5-8-2022", "… năm 1955", "… khóa II",
 *     the year in 30/2020/NĐ-CP) decides outright: the documents dated within it.
 *  2. Otherwise a text can only refer to a document issued before it or on its day: later ones
 *     are out. Among those left, one of the same term (Central Committee codes, by the table of
 *     congresses in shared/text/partyTerms.ts) or the same year (State codes) is the one; failing
 *     that, the closest earlier one (provincial and district codes, whose terms are not known).
 *  3. A text without a date cannot choose: one document with the code is the one, several are
 *     ambiguous.
 *
 * Documents with the same code and the same date are copies of one document (bản gốc and bản
 * sao): they are linked together. A document whose date is unknown can never be ruled out, so
 * it makes a choice by date ambiguous. Pure: the candidates come from the reference index.
 */
import { centralTermSpan, centralTermsBetween, type CodeNumbering } from '../../../shared/text/partyTerms';

/** First and last day, 'YYYY-MM-DD'. */
export interface DaySpan {
  start: string;
  end: string;
}

export interface Candidate {
  id: number;
  date: DaySpan | null;
}

export type ResolutionStatus = 'resolved' | 'ambiguous' | 'missing';
/** What chose the document(s). */
export type ResolutionBasis = 'date-in-text' | 'term-in-text' | 'same-term' | 'same-year' | 'closest-earlier' | 'only-one' | 'none';

export interface Resolution<C extends Candidate = Candidate> {
  status: ResolutionStatus;
  basis: ResolutionBasis;
  /** resolved: the document (and its copies); ambiguous: every one it may be; missing: none. */
  documents: C[];
}

export interface ReferenceToResolve {
  numbering: CodeNumbering;
  /** Date written with the reference (or the year in the code). */
  date?: DaySpan | null;
  /** Central Committee term written with it, in Roman numerals. */
  term?: string | null;
  /** Date of the text that makes the reference. */
  referrer: DaySpan | null;
}

const overlaps = (a: DaySpan, b: DaySpan) => a.start <= b.end && a.end >= b.start;

/** The span of a Central Committee term by its Roman numeral, or null. */
export const termSpan = centralTermSpan;

/** The periods in which a code's number is unique that a span of days touches. */
export function periodsOf(numbering: CodeNumbering, span: DaySpan): DaySpan[] {
  if (numbering === 'central-term') return centralTermsBetween(span.start, span.end).map((t) => ({ start: t.start, end: t.end ?? '9999-12-31' }));
  if (numbering === 'year') {
    const out: DaySpan[] = [];
    for (let y = Number(span.start.slice(0, 4)); y <= Number(span.end.slice(0, 4)); y++) out.push({ start: `${y}-01-01`, end: `${y}-12-31` });
    return out;
  }
  return [];
}

/** One result from documents left possible: one date (copies) is resolved, more are ambiguous. */
function choose<C extends Candidate>(docs: C[], basis: ResolutionBasis): Resolution<C> {
  if (docs.length === 0) return { status: 'missing', basis: 'none', documents: [] };
  const first = docs[0]!;
  const copies = first.date !== null && docs.every((d) => d.date !== null && d.date.start === first.date!.start && d.date.end === first.date!.end);
  if (docs.length === 1 || copies) return { status: 'resolved', basis, documents: docs };
  return { status: 'ambiguous', basis: 'none', documents: docs };
}

const byDateDesc = (a: Candidate, b: Candidate) => (a.date!.start === b.date!.start ? (a.date!.end < b.date!.end ? 1 : -1) : a.date!.start < b.date!.start ? 1 : -1) || a.id - b.id;

export function resolveReference<C extends Candidate>(ref: ReferenceToResolve, candidates: readonly C[]): Resolution<C> {
  const referrer = ref.referrer;
  // 1. A date or term written with the reference, unless it is later than the text itself
  //    (then it is the date of something else the sentence tells).
  let written: DaySpan | null = null;
  let writtenBasis: ResolutionBasis = 'date-in-text';
  if (ref.date && (!referrer || ref.date.start <= referrer.end)) written = ref.date;
  else if (ref.term && ref.numbering === 'central-term') {
    const span = termSpan(ref.term);
    if (span && (!referrer || span.start <= referrer.end)) {
      written = span;
      writtenBasis = 'term-in-text';
    }
  }
  if (written) {
    const fits = candidates.filter((c) => c.date !== null && overlaps(c.date, written!));
    if (fits.length) return choose(fits, writtenBasis);
    return choose(
      candidates.filter((c) => c.date === null),
      'only-one',
    );
  }

  // 2. Issued on or before the text's own date.
  const possible = candidates.filter((c) => c.date === null || referrer === null || c.date.start <= referrer.end);
  if (possible.length === 0) return { status: 'missing', basis: 'none', documents: [] };
  if (!referrer) return choose(possible, 'only-one');
  const dated = possible.filter((c) => c.date !== null).sort(byDateDesc);
  const undated = possible.filter((c) => c.date === null);
  const periods = periodsOf(ref.numbering, referrer);
  if (periods.length) {
    const same = dated.filter((c) => periods.some((p) => overlaps(c.date!, p)));
    if (same.length) return choose(same, ref.numbering === 'year' ? 'same-year' : 'same-term');
  }
  if (dated.length === 0) return choose(undated, 'only-one');
  const latest = dated[0]!;
  const closest = dated.filter((c) => c.date!.start === latest.date!.start && c.date!.end === latest.date!.end);
  if (undated.length) return { status: 'ambiguous', basis: 'none', documents: [...closest, ...undated] };
  return { status: 'resolved', basis: 'closest-earlier', documents: closest };
}
