/**
 * The catalogue's columns as people read them: one table of headings (Vietnamese first, English
 * for the English UI) shared by the catalogue view and the exports (XLSX, CSV, the printed PDF),
 * and how a row's cell reads as text. Pure.
 */
import type { CatalogueColumn, CatalogueRow, TextState } from '../api/catalogue';
import { firstDayOf, formatIsoDay, lastDayOf } from './dates';
import type { PartialDateValue } from './metadata';

export interface ColumnLabel {
  vi: string;
  en: string;
}

/** Column headings, in the contract's column order. */
export const CATALOGUE_COLUMN_LABELS: Record<CatalogueColumn, ColumnLabel> = {
  code: { vi: 'Số, ký hiệu', en: 'Number and symbol' },
  docType: { vi: 'Tên loại', en: 'Type' },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issuing body' },
  date: { vi: 'Ngày tháng', en: 'Date' },
  abstract: { vi: 'Trích yếu nội dung', en: 'Abstract' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  repository: { vi: 'Kho', en: 'Repository' },
  fond: { vi: 'Phông', en: 'Fond' },
  inventory: { vi: 'Mục lục', en: 'Finding aid' },
  box: { vi: 'Hộp', en: 'Box' },
  file: { vi: 'Hồ sơ', en: 'File' },
  folio: { vi: 'Tờ số', en: 'Folio' },
  secrecy: { vi: 'Độ mật', en: 'Classification' },
  tags: { vi: 'Từ khóa', en: 'Keywords' },
  pages: { vi: 'Số trang', en: 'Pages' },
  textState: { vi: 'Văn bản', en: 'Text' },
  id: { vi: 'Mã', en: 'ID' },
};

/** Headings of the two sortable date columns the spreadsheets add after "Ngày tháng". */
export const DATE_BOUND_LABELS: Record<'from' | 'to', ColumnLabel> = {
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
};

/** Where a document's text comes from, as the catalogue says it. */
export const TEXT_STATE_LABELS: Record<TextState, ColumnLabel> = {
  none: { vi: 'Chưa có chữ', en: 'No text' },
  ocr: { vi: 'Nhận dạng (OCR)', en: 'OCR' },
  typed: { vi: 'Có chữ (gõ hoặc từ tệp)', en: 'Typed or from the file' },
};

export function catalogueColumnLabel(column: CatalogueColumn, lang: 'vi' | 'en' = 'vi'): string {
  return CATALOGUE_COLUMN_LABELS[column][lang];
}

/** Keywords as one cell: "; " between them (a keyword may hold a comma). */
export const TAG_SEPARATOR = '; ';

const ISO = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A date as the catalogue shows it: as written; from its bounds only when nothing was written. */
export function catalogueDateText(date: PartialDateValue | null | undefined): string {
  if (!date) return '';
  if (date.text.trim()) return date.text;
  if (!date.start) return '';
  return date.end && date.end !== date.start ? `${formatIsoDay(date.start)} – ${formatIsoDay(date.end)}` : formatIsoDay(date.start);
}

/**
 * The first and last day a date can mean, as full 'YYYY-MM-DD' (partial bounds widened: "1950-03"
 * starts on 1950-03-01 and ends on 1950-03-31; a missing end is the start's), or null when the date
 * has no bounds.
 */
export function catalogueDateBounds(date: PartialDateValue | null | undefined): { from: string; to: string } | null {
  if (!date?.start || !ISO.test(date.start)) return null;
  const end = date.end && ISO.test(date.end) ? date.end : date.start;
  return { from: firstDayOf(date.start), to: lastDayOf(end) };
}

/** A row's cell as text, the same in the table, the spreadsheets and the printed catalogue. */
export function catalogueCellText(row: CatalogueRow, column: CatalogueColumn, lang: 'vi' | 'en' = 'vi'): string {
  switch (column) {
    case 'date':
      return catalogueDateText(row.date);
    case 'tags':
      return row.tags.join(TAG_SEPARATOR);
    case 'pages':
      return String(row.pages);
    case 'textState':
      return TEXT_STATE_LABELS[row.textState][lang];
    case 'id':
      return String(row.id);
    default:
      return row[column] ?? '';
  }
}
