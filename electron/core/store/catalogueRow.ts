/**
 * What the catalogue table (migration 0016) holds for one document, computed from its title and
 * metadata JSON: the values shown and filtered on, and sort keys whose bytewise order is
 * Vietnamese dictionary order. Called from the schema's triggers (suquan_catalogue_row), so it must
 * never throw: stored JSON is read leniently.
 */
import { firstDayOf, lastDayOf } from '../../../shared/archive/dates';
import { parseStoredMetadata } from '../../../shared/archive/metadata';
import { vietnameseSortKey } from '../../../shared/text/collate';
import { foldKey } from '../../../shared/text/fold';
import { parseDocumentCode } from '../../../shared/text/documentCode';
import { parsePartialDate } from '../../../shared/text/partialDate';

/** Sorts after every key: empty values come last. */
export const EMPTY_KEY = '\uffff';
/** Between the parts of a location key: before any character a key holds. */
const PART = '\u0001';

/** An abbreviation as compared: upper case, Đ = D, Ư = U ("QĐ" = "qd"). */
export const codeFold = (code: string) => foldKey(code).toUpperCase();

const key = (s: string) => (s.trim() ? vietnameseSortKey(s) || EMPTY_KEY : EMPTY_KEY);

/** "1946" → 1946-01-01 (start) or 1946-12-31 (end); "1946-02" → 1946-02-01 / 1946-02-28; null when not a date. */
export function dateBound(iso: string, side: 'start' | 'end'): string | null {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(iso)) return null;
  return side === 'start' ? firstDayOf(iso) : lastDayOf(iso);
}

export interface CatalogueRowValues {
  code: string;
  code_key: string;
  doc_type: string;
  type_key: string;
  type_code: string;
  type_fold: string;
  issuer: string;
  issuer_key: string;
  issuer_code: string;
  issuer_fold: string;
  date_start: string | null;
  date_end: string | null;
  date_key: string;
  date_span: number | null;
  abstract_key: string;
  title_key: string;
  repository: string;
  fond: string;
  inventory: string;
  box: string;
  file: string;
  location_key: string;
  secrecy: string;
}

export function catalogueRowValues(title: string, json: string): CatalogueRowValues {
  const m = parseStoredMetadata(json);
  const code = m.code ?? '';
  const parsed = code ? parseDocumentCode(code) : null;
  const docType = m.docType || parsed?.typeName || '';
  const issuer = m.issuer || parsed?.issuerName || '';
  let start = m.date?.start ? dateBound(m.date.start, 'start') : null;
  let end = m.date?.end ? dateBound(m.date.end, 'end') : m.date?.start ? dateBound(m.date.start, 'end') : null;
  if (!start && m.date?.text) {
    // A date typed as text only ("tháng 3-1946") still sorts and filters.
    const d = parsePartialDate(m.date.text);
    if (d) {
      start = d.start;
      end = d.end;
    }
  }
  const loc = m.location ?? {};
  const locationParts = [loc.repository, loc.fond, loc.inventory, loc.box, loc.file, loc.folio].map((v) => v ?? '');
  return {
    code,
    code_key: key(code),
    doc_type: docType,
    type_key: key(docType),
    type_code: parsed?.typeCode ? codeFold(parsed.typeCode) : '',
    type_fold: foldKey(docType),
    issuer,
    issuer_key: key(issuer),
    issuer_code: parsed?.issuerCode ? codeFold(parsed.issuerCode) : '',
    issuer_fold: foldKey(issuer),
    date_start: start,
    date_end: end ?? start,
    date_key: start ? `${start} ${end ?? start}` : EMPTY_KEY,
    date_span: start ? Math.round((Date.parse(end ?? start) - Date.parse(start)) / 86_400_000) : null,
    abstract_key: key(m.abstract || title),
    title_key: key(title),
    repository: loc.repository ?? '',
    fond: loc.fond ?? '',
    inventory: loc.inventory ?? '',
    box: loc.box ?? '',
    file: loc.file ?? '',
    location_key: locationParts.some((p) => p.trim()) ? locationParts.map((p) => (p.trim() ? vietnameseSortKey(p) : '')).join(PART) : EMPTY_KEY,
    secrecy: m.secrecy ?? '',
  };
}
