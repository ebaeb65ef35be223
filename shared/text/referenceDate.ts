/**
 * Document references read together with the date or term written beside them, which decides
 * which of several documents bearing one number is meant:
 *
 *   "Nghị quyết số 16-NQ/TW ngày 5-8-2022"                      → 2022-08-05
 *   "Nghị quyết số 16-NQ/TW, ngày 05 tháng 8 năm 2022 của …"     → 2022-08-05
 *   "Nghị quyết 16-NQ/TW năm 1955", "16-NQ/TW (1955)"            → 1955
 *   "Nghị quyết số 16-NQ/TW của Bộ Chính trị ngày 5-8-2022"      → 2022-08-05
 *   "Nghị quyết số 16-NQ/TW của Ban Chấp hành Trung ương khóa II" → term II
 *
 * A clause that starts the abstract ("về …", "đến năm 2030") is not read as the date. The year
 * part of a State legal document's own code (30/2020/NĐ-CP) is a date as well. Pure; offsets
 * are into the NFC text as given.
 */
import { findDocumentReferences, type DocumentReference } from './documentCode';
import type { DocumentCodeTables } from './documentCodeTables';
import { defaultTables } from './documentCodeTables';
import { foldKey } from './fold';
import { parsePartialDate } from './partialDate';

/** A date written with a reference: the first and last day it can mean, as written. */
export interface ReferenceDate {
  start: string;
  end: string;
  text: string;
}

/** A reference to a document by number-and-symbol with what the text says of its date. */
export interface DatedReference {
  /** The code folded to letters and digits ("16nqtw"): what archived documents are matched by. */
  key: string;
  /** The code in its canonical spelling ("16-NQ/TW"). */
  code: string;
  /** Offset of the code in the text. */
  start: number;
  end: number;
  /** The date written after the code, or the year in the code itself. */
  date?: ReferenceDate;
  /** The Central Committee term written after the code ("khóa XIII"), in Roman numerals. */
  term?: string;
  reference: DocumentReference;
}

const MONTH = String.raw`(?:\d{1,2}|\p{L}+(?:\s+\p{L}+)?)`;
const DATE = String.raw`(?:ngày\s+\d{1,2}(?:\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}|\s+tháng\s+${MONTH}\s+năm\s+\d{4})|tháng\s+(?:\d{1,2}\s*[-/]\s*\d{4}|${MONTH}\s+năm\s+\d{4})|năm\s+\d{4}|\d{4}(?=\s*\)))`;
/** Words that begin the abstract or another clause, never part of "của <issuer>". */
const STOP = String.raw`(?:về|v\/v|đến|tới|trong|cho|nhằm|để|và|là|với|sau|trước|từ|thì|đã|được|nay)`;
const ISSUER_CLAUSE = String.raw`(?:của\s+(?:(?!${STOP}(?![\p{L}]))[\p{L}]+\s+){0,8}?)?`;
const AFTER = new RegExp(String.raw`^\s*[,(]?\s*${ISSUER_CLAUSE}(?:(?:ban hành|ký)\s+)?(?:(${DATE})|kh[oó][áa]\s+([IVXLC]+)(?![\p{L}\d]))`, 'iu');

function plausible(d: { start: string }): boolean {
  const y = Number(d.start.slice(0, 4));
  return y >= 1920 && y <= 2100;
}

/** The date or term written right after a code that ends at `end`. */
export function dateAfterReference(text: string, end: number): { date?: ReferenceDate; term?: string } {
  const window = text.slice(end, end + 120).split(/\n|;|\.\s/u)[0] ?? '';
  const m = AFTER.exec(window);
  if (!m) return {};
  if (m[2]) return { term: m[2].toUpperCase() };
  const written = m[1]!;
  const parsed = parsePartialDate(/^\d{4}$/u.test(written) ? `năm ${written}` : written);
  if (!parsed || !plausible(parsed)) return {};
  return { date: { start: parsed.start, end: parsed.end, text: written } };
}

/**
 * Every reference to a document by number-and-symbol in `text`, in order, with the date or term
 * written beside it. The one reader the reference index, the links and the "to collect" list use.
 */
export function readDatedReferences(text: string, tables: DocumentCodeTables = defaultTables): DatedReference[] {
  const out: DatedReference[] = [];
  for (const reference of findDocumentReferences(text, tables)) {
    const ref: DatedReference = { key: foldKey(reference.parsed.normalized), code: reference.parsed.normalized, start: reference.start, end: reference.end, reference };
    const after = dateAfterReference(text, reference.end);
    if (after.date) ref.date = after.date;
    else if (reference.parsed.year) ref.date = { start: `${reference.parsed.year}-01-01`, end: `${reference.parsed.year}-12-31`, text: reference.parsed.year };
    if (after.term) ref.term = after.term;
    out.push(ref);
  }
  return out;
}
