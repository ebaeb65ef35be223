/**
 * Document numbers and symbols (số và ký hiệu) of Party and State documents.
 *
 *   Party      16-NQ/TW          number - type / issuer          (Hướng dẫn 36-HD/VPTW)
 *              14514-CV/VPTW, 08-QĐi/TW, older "…/TƯ" = "…/TW"
 *   State      123/QĐ-UBND        number / type - issuer          (Nghị định 30/2020/NĐ-CP)
 *              30/2020/NĐ-CP      number / year / type - issuer   (legal documents)
 *              125/SGDĐT-VP       number / issuer - unit          (a công văn has no type part)
 *   Historical 1-C/VP, 550-TTg, 259-TT/TW, 79/CP
 *
 * A Party number restarts per type per committee term, a State number each year, so a code
 * alone does not identify a document: identity is code + date (or term).
 */

import { defaultTables } from './documentCodeTables';
import type { DocumentCodeTables } from './documentCodeTables';

/** Which numbering system a code follows. */
export type DocumentCodeSystem = 'party' | 'state';

/** A parsed document number and symbol. */
export interface DocumentCode {
  /** The text as given. */
  original: string;
  /** The code rewritten in its canonical spelling: "16-NQ/TW" for "Số 16 - NQ/TƯ". */
  normalized: string;
  system: DocumentCodeSystem;
  /** The number as written, leading zeros kept ("05"). */
  number: string;
  /** Year part of State legal documents ("2020" in 30/2020/NĐ-CP). */
  year?: string;
  /** Document type code in canonical spelling ("QĐi"), absent for a State công văn. */
  typeCode?: string;
  /** Document type name ("Quy định"), absent when the code is not in the tables. */
  typeName?: string;
  issuerCode?: string;
  issuerName?: string;
  /** What follows the issuer after a hyphen: the drafting unit ("VP" in 125/SGDĐT-VP) or,
   *  in joint documents, the co-issuers ("BTC" in 03/2016/TTLT-BNV-BTC). */
  unitCode?: string;
  /** True when a letter D was read as Đ to find a code (OCR often loses the bar). */
  ocrCorrected?: boolean;
}

const DASHES = /[\u2010-\u2015\u2212\uFE63\uFF0D]/gu;
const SEGMENT = /^\p{L}[\p{L}\d]*$/u;

function foldCode(s: string): string {
  return s.toUpperCase().replace(/Đ/gu, 'D').replace(/Ư/gu, 'U');
}

interface Lookup {
  code: string;
  name?: string;
  ocr?: boolean;
}

/**
 * Find a code in one table: exact spelling, then a variant spelling (alias), then ignoring case,
 * then reading D as Đ. Returns undefined when nothing matches.
 */
function lookup(segment: string, table: Readonly<Record<string, string>>, tables: DocumentCodeTables): Lookup | undefined {
  const exact = table[segment];
  if (exact !== undefined) return { code: segment, name: exact };
  const alias = tables.aliases[segment] ?? Object.entries(tables.aliases).find(([k]) => k.toUpperCase() === segment.toUpperCase())?.[1];
  if (alias !== undefined && table[alias] !== undefined) return { code: alias, name: table[alias] };
  const upper = segment.toUpperCase();
  const keys = Object.keys(table);
  const byCase = keys.filter((k) => k.toUpperCase() === upper);
  if (byCase.length === 1) return { code: byCase[0]!, name: table[byCase[0]!] };
  const folded = foldCode(segment);
  if (folded !== upper || !/[ĐƯ]/u.test(segment)) {
    const byFold = keys.filter((k) => foldCode(k) === folded);
    if (byFold.length === 1) return { code: byFold[0]!, name: table[byFold[0]!], ocr: true };
  }
  // Issuers with a term number: "QH15" (Quốc hội khóa XV).
  const m = /^(\p{L}+)(\d+)$/u.exec(segment);
  if (m) {
    const base = lookup(m[1]!, table, tables);
    if (base) return { ...base, code: base.code + m[2]! };
  }
  return undefined;
}

function lookupIssuer(segment: string, system: DocumentCodeSystem, tables: DocumentCodeTables): Lookup {
  const [first, second] = system === 'party' ? [tables.partyIssuers, tables.stateIssuers] : [tables.stateIssuers, tables.partyIssuers];
  return lookup(segment, first, tables) ?? lookup(segment, second, tables) ?? { code: segment };
}

/** Clean a code as typed or read: Unicode NFC, "Số:" dropped, dashes unified, spaces around
 *  separators removed. */
function clean(code: string): string {
  return code
    .normalize('NFC')
    .trim()
    .replace(/^(?:số|so|no\.?)\s*:?\s*/iu, '')
    .replace(DASHES, '-')
    .replace(/\s*([-/])\s*/gu, '$1')
    .replace(/[.,;:]+$/u, '');
}

function build(
  original: string,
  system: DocumentCodeSystem,
  number: string,
  parts: { year?: string; type?: Lookup; issuer?: Lookup; unit?: string[] },
): DocumentCode {
  const result: DocumentCode = { original, normalized: '', system, number };
  let ocr = false;
  if (parts.year) result.year = parts.year;
  if (parts.type) {
    result.typeCode = parts.type.code;
    if (parts.type.name !== undefined) result.typeName = parts.type.name;
    ocr ||= parts.type.ocr === true;
  }
  if (parts.issuer) {
    result.issuerCode = parts.issuer.code;
    if (parts.issuer.name !== undefined) result.issuerName = parts.issuer.name;
    ocr ||= parts.issuer.ocr === true;
  }
  if (parts.unit && parts.unit.length > 0) result.unitCode = parts.unit.join('-');
  if (ocr) result.ocrCorrected = true;

  const issuerAndUnit = [result.issuerCode, result.unitCode].filter((x) => x !== undefined).join('-');
  if (system === 'party') {
    result.normalized = result.typeCode !== undefined ? `${number}-${result.typeCode}/${issuerAndUnit}` : `${number}-${issuerAndUnit}`;
  } else {
    const head = [number, result.year].filter((x) => x !== undefined).join('/');
    result.normalized = `${head}/${[result.typeCode, issuerAndUnit].filter((x) => x).join('-')}`;
  }
  return result;
}

/** Read the part after the number and (year) of a State code: [type-]issuer[-unit…]. */
function stateParts(segments: string[], tables: DocumentCodeTables): { type?: Lookup; issuer?: Lookup; unit?: string[] } {
  if (segments.length === 1) {
    const only = segments[0]!;
    const asIssuer = lookup(only, tables.stateIssuers, tables) ?? lookup(only, tables.partyIssuers, tables);
    if (asIssuer) return { issuer: asIssuer };
    const asType = lookup(only, tables.stateTypes, tables);
    return asType ? { type: asType } : { issuer: { code: only } };
  }
  const type = lookup(segments[0]!, tables.stateTypes, tables);
  if (type) return { type, issuer: lookupIssuer(segments[1]!, 'state', tables), unit: segments.slice(2) };
  return { issuer: lookupIssuer(segments[0]!, 'state', tables), unit: segments.slice(1) };
}

/**
 * Parse a document number and symbol. Returns null when the text does not have the shape of one
 * (a date such as "19-8-1945" or "3/1950" is not a code). Codes missing from the tables still
 * parse, with `typeName` / `issuerName` left out.
 *
 * parseDocumentCode("16-NQ/TW") → { number: "16", typeCode: "NQ", typeName: "Nghị quyết",
 *                                   issuerCode: "TW", issuerName: "Ban Chấp hành Trung ương", … }
 */
export function parseDocumentCode(code: string, tables: DocumentCodeTables = defaultTables): DocumentCode | null {
  const original = code;
  const s = clean(code);
  let m: RegExpExecArray | null;

  // Party: number-type/issuer[-unit]
  if ((m = /^(\d+)-([^-/]+)\/([^/]+)$/u.exec(s))) {
    const segments = m[3]!.split('-');
    if (!SEGMENT.test(m[2]!) || !segments.every((x) => SEGMENT.test(x))) return null;
    const type = lookup(m[2]!, tables.partyTypes, tables) ?? lookup(m[2]!, tables.stateTypes, tables) ?? { code: m[2]! };
    return build(original, 'party', m[1]!, { type, issuer: lookupIssuer(segments[0]!, 'party', tables), unit: segments.slice(1) });
  }
  // State legal document: number/year/type-issuer[-…]
  if ((m = /^(\d+)\/(\d{4})\/([^/]+)$/u.exec(s))) {
    const segments = m[3]!.split('-');
    if (!segments.every((x) => SEGMENT.test(x))) return null;
    return build(original, 'state', m[1]!, { year: m[2]!, ...stateParts(segments, tables) });
  }
  // State: number/type-issuer[-unit], number/issuer-unit, number/issuer
  if ((m = /^(\d+)\/([^/]+)$/u.exec(s))) {
    const segments = m[2]!.split('-');
    if (!segments.every((x) => SEGMENT.test(x))) return null;
    return build(original, 'state', m[1]!, stateParts(segments, tables));
  }
  // Historical: number-issuer ("550-TTg") or number-type
  if ((m = /^(\d+)-(\p{L}[\p{L}\d]*)$/u.exec(s))) {
    const seg = m[2]!;
    const stateIssuer = lookup(seg, tables.stateIssuers, tables);
    if (stateIssuer) return build(original, 'state', m[1]!, { issuer: stateIssuer });
    const partyIssuer = lookup(seg, tables.partyIssuers, tables);
    if (partyIssuer) return build(original, 'party', m[1]!, { issuer: partyIssuer });
    const type = lookup(seg, tables.partyTypes, tables);
    if (type) return build(original, 'party', m[1]!, { type });
    return build(original, 'party', m[1]!, { issuer: { code: seg } });
  }
  return null;
}

/** A document reference found in running text. */
export interface DocumentReference {
  /** Offsets of the code itself in the text ("16-NQ/TW"). */
  start: number;
  end: number;
  /** The code as it appears in the text. */
  code: string;
  parsed: DocumentCode;
  /** Where the whole reference starts, including a type word and "số" before the code
   *  ("Nghị quyết số 16-NQ/TW"); equal to `start` when there is none. */
  phraseStart: number;
  /** The document-type word before the code, as written ("Nghị quyết"), if any. */
  typeWord?: string;
}

const TYPE_WORDS = [
  'Nghị quyết liên tịch', 'Thông tư liên tịch', 'Nghị quyết', 'Chỉ thị', 'Kết luận', 'Quyết định',
  'Quy định', 'Quy chế', 'Thông tri', 'Thông tư', 'Thông báo', 'Thông cáo', 'Nghị định', 'Hướng dẫn',
  'Báo cáo', 'Công văn', 'Kế hoạch', 'Chương trình', 'Đề án', 'Tờ trình', 'Biên bản', 'Sắc lệnh',
  'Pháp lệnh', 'Luật', 'Lệnh', 'Công điện', 'Điện', 'Văn bản', 'Lời kêu gọi', 'Thư',
];
const LEAD = new RegExp(`(?:(?<!\\p{L})(${TYPE_WORDS.join('|')})\\s+)?(?:(?<!\\p{L})(số))?\\s*:?\\s*$`, 'iu');

/** Code-shaped spans: a number followed by -X or /X segments, letters first in each. */
const CANDIDATE = /(?<![\p{L}\p{N}/-])\d{1,6}(?:[-/\u2010-\u2013](?:\d{4}(?=\/)|\p{L}[\p{L}\d]*))+(?![\p{L}\p{N}])/gu;

/** An abbreviation: capitals and digits with at most one small letter ("TTg", "QĐi", "CTr"),
 *  so that a capitalised word ("Tỉnh") is not read as part of a code. */
const CODE_LIKE = /^\p{Lu}[\p{Lu}\d]*\p{Ll}?[\p{Lu}\d]*$/u;

function acceptable(p: DocumentCode, codeLike: boolean): boolean {
  if (!codeLike) return false;
  // A known issuer ("1-C/VP", "550-TTg"), or a known type with some issuer ("16-NQ/XYZ" from a
  // province's own list). "9-QĐ" alone is too weak: it may be a unit name.
  if (p.issuerName === undefined && !(p.typeName !== undefined && p.issuerCode !== undefined)) return false;
  return true;
}

/**
 * Find document references in running text: "Nghị quyết số 16-NQ/TW", "Chỉ thị 17-CT/TW",
 * "Kết luận số 01-KL/TU", "Quyết định số 123/QĐ-UBND", "Nghị định 30/2020/NĐ-CP".
 * Dates such as "19-8-1945", "3/1950" and "24/8/1945" are not references. A code is accepted
 * when its parts begin with capitals and its type or issuer is in the tables. Offsets are into
 * `text` as given (pass NFC text; the project stores NFC).
 */
export function findDocumentReferences(text: string, tables: DocumentCodeTables = defaultTables): DocumentReference[] {
  const refs: DocumentReference[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const start = m.index;
    let span = m[0];
    // Drop trailing segments until the code is acceptable ("16-NQ/TW-Hà" → "16-NQ/TW").
    for (;;) {
      const parsed = parseDocumentCode(span, tables);
      const segments = span.split(/[-/\u2010-\u2013]/u).slice(1).filter((x) => !/^\d+$/u.test(x));
      const upper = segments.length > 0 && segments.every((x) => CODE_LIKE.test(x));
      if (parsed && acceptable(parsed, upper)) {
        const before = text.slice(Math.max(0, start - 40), start);
        const lead = LEAD.exec(before);
        const leadLen = lead && (lead[1] || lead[2]) ? lead[0].length : 0;
        const ref: DocumentReference = { start, end: start + span.length, code: span, parsed, phraseStart: start - leadLen };
        if (lead?.[1]) ref.typeWord = lead[1];
        refs.push(ref);
        break;
      }
      const cut = Math.max(span.lastIndexOf('-'), span.lastIndexOf('/'));
      if (cut <= 0 || /^\d+$/u.test(span.slice(0, cut))) break;
      span = span.slice(0, cut);
    }
  }
  return refs;
}

/** A reference without a number-and-symbol: "Chỉ thị số 10", "Nghị quyết Trung ương 5 khóa XII". */
export interface BareDocumentReference {
  start: number;
  end: number;
  /** The reference as written. */
  text: string;
  /** The document-type word as written ("Chỉ thị"). */
  typeWord: string;
  /** The number in "… số 10". */
  number?: string;
  /** The Central Committee plenum (hội nghị Trung ương) in "Nghị quyết Trung ương 5". */
  plenum?: number;
  /** The congress term (khóa) in Roman numerals, as written ("XII"). */
  term?: string;
}

const BARE_NUMBERED = new RegExp(`(?<!\\p{L})(${TYPE_WORDS.join('|')}) số (\\d{1,5})(?![\\d\\p{L}]|[-/]\\p{L}|[-/]\\d)`, 'giu');
const BARE_PLENUM = /(?<!\p{L})(Nghị quyết|Kết luận)(?: (?:của )?Hội nghị)?(?: lần thứ (\d{1,2}))?(?: Ban Chấp hành)? Trung ương(?: Đảng)?(?: (\d{1,2}))?,? kh[oó][áa] ([IVXLC]+)(?![\p{L}\d])/gu;

/**
 * Find references that carry no number-and-symbol, which older texts and speeches use:
 * "Chỉ thị số 10", "Nghị quyết Trung ương 5 khóa XII", "Nghị quyết Hội nghị lần thứ 15 Ban Chấp
 * hành Trung ương khóa II". They identify a document only together with a date or term, so
 * they are returned apart from `findDocumentReferences`.
 */
export function findBareDocumentReferences(text: string): BareDocumentReference[] {
  const refs: BareDocumentReference[] = [];
  for (const m of text.matchAll(BARE_NUMBERED)) {
    refs.push({ start: m.index, end: m.index + m[0].length, text: m[0], typeWord: m[1]!, number: m[2]! });
  }
  for (const m of text.matchAll(BARE_PLENUM)) {
    const ref: BareDocumentReference = { start: m.index, end: m.index + m[0].length, text: m[0], typeWord: m[1]!, term: m[4]! };
    const plenum = m[3] ?? m[2];
    if (plenum !== undefined) ref.plenum = Number(plenum);
    refs.push(ref);
  }
  return refs.sort((a, b) => a.start - b.start);
}
