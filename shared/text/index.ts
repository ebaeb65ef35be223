/** Vietnamese text rules: normalisation, search folding, collation, document codes, partial
 *  dates and legacy encodings. Pure functions: no Node, no DOM, no I/O. */

export { toNFC, normalizeToneOld, normalizeToneNew } from './normalize';
export { foldForSearch, foldKey } from './fold';
export { compareVietnamese, compareVietnameseNames, sortVietnamese } from './collate';
export { parseSyllable, isVietnameseSyllable } from './syllable';
export type { Syllable, ToneName } from './syllable';
export { parseDocumentCode, findDocumentReferences, findBareDocumentReferences } from './documentCode';
export type { DocumentCode, DocumentCodeSystem, DocumentReference, BareDocumentReference } from './documentCode';
export { defaultTables, mergeTables } from './documentCodeTables';
export type { DocumentCodeTables, DocumentCodeTableAdditions } from './documentCodeTables';
export {
  parsePartialDate, parseDateLead, comparePartialDates, formatPartialDate, formatVietnameseDate, canChiOfYear,
} from './partialDate';
export type {
  PartialDate, DatePrecision, DateQualifier, PartOfDay, Season, Calendar, DateStyle, ParseDateOptions,
} from './partialDate';
export { lunarToSolar, solarToLunar } from './lunarCalendar';
export type { LunarDate, SolarDate } from './lunarCalendar';
export { detectLegacyEncoding, convertLegacy, encodeLegacy } from './legacyEncoding';
export type { LegacyEncoding, TextEncoding, EncodingGuess, ConvertOptions } from './legacyEncoding';
