/**
 * The catalogue as a file: the rows of the current view (filtered and sorted by the caller) as a
 * spreadsheet — XLSX, or CSV in UTF-8 with a BOM so Excel reads the Vietnamese — or as the printed
 * catalogue in the mục lục hồ sơ layout (PDF, cataloguePdf.ts).
 *
 * Both spreadsheets have the same table: the chosen columns with their Vietnamese headings
 * (shared/archive/catalogueColumns.ts), and after "Ngày tháng" (the date as written, "Tháng
 * 3-1946") two sortable columns "Từ ngày" and "Đến ngày": the first and last day it can mean
 * (real date cells in XLSX, ISO dates in CSV), so archivists can sort and filter by date in Excel.
 */
import type { CatalogueColumn, CatalogueRow } from '../../../shared/api/catalogue';
import { catalogueCellText, catalogueColumnLabel, catalogueDateBounds, DATE_BOUND_LABELS } from '../../../shared/archive/catalogueColumns';

export type CatalogueExportFormat = 'xlsx' | 'csv' | 'pdf';

export interface CatalogueExportOptions {
  format: CatalogueExportFormat;
  /** Columns in the order wanted (the contract's order when the caller passes them all). */
  columns: readonly CatalogueColumn[];
  /** The printed catalogue's heading ("Mục lục hồ sơ Phông Tỉnh ủy Lai Châu"). */
  title?: string;
  /** The filter in words, printed under the title (and kept in the workbook's "Thông tin" sheet). */
  filterLine?: string;
  /**
   * PDF only: group rows under phông / hộp / hồ sơ headings (pass true when the view is sorted by
   * location). Left out: grouped when the rows come in location order.
   */
  groupByLocation?: boolean;
}

export interface CatalogueExport {
  bytes: Uint8Array;
  ext: CatalogueExportFormat;
  /** Pages of the PDF; 0 for a spreadsheet. */
  pages: number;
}

export async function exportCatalogue(rows: readonly CatalogueRow[], opts: CatalogueExportOptions): Promise<CatalogueExport> {
  const columns = opts.columns.length ? opts.columns : [];
  switch (opts.format) {
    case 'csv':
      return { bytes: catalogueCsv(rows, columns), ext: 'csv', pages: 0 };
    case 'xlsx': {
      const { catalogueXlsx } = await import('./catalogueXlsx');
      return { bytes: await catalogueXlsx(rows, columns, opts), ext: 'xlsx', pages: 0 };
    }
    case 'pdf': {
      const { cataloguePdf } = await import('./cataloguePdf');
      const r = await cataloguePdf(rows, opts);
      return { bytes: r.bytes, ext: 'pdf', pages: r.pages };
    }
  }
}

/** A column of the spreadsheets: one of the catalogue's, or a date bound added after "Ngày tháng". */
export type SheetColumn = CatalogueColumn | 'dateFrom' | 'dateTo';

export function sheetColumns(columns: readonly CatalogueColumn[]): SheetColumn[] {
  return columns.flatMap((c): SheetColumn[] => (c === 'date' ? ['date', 'dateFrom', 'dateTo'] : [c]));
}

export function sheetHeading(c: SheetColumn): string {
  return c === 'dateFrom' ? DATE_BOUND_LABELS.from.vi : c === 'dateTo' ? DATE_BOUND_LABELS.to.vi : catalogueColumnLabel(c);
}

/** A cell as text (NFC): the date bounds as 'YYYY-MM-DD', '' when the date has none. */
export function sheetText(row: CatalogueRow, c: SheetColumn): string {
  if (c === 'dateFrom' || c === 'dateTo') {
    const b = catalogueDateBounds(row.date);
    return b ? (c === 'dateFrom' ? b.from : b.to) : '';
  }
  return catalogueCellText(row, c).normalize('NFC');
}

/**
 * A spreadsheet program runs a cell that begins with = + - @ (or a tab or carriage return, which
 * it skips before looking) as a formula: such a value gets a leading apostrophe, so it is shown
 * as text, never run ("=HYPERLINK(…)" in an abstract must not become a link).
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV (RFC 4180, CRLF line ends) in UTF-8 with a byte order mark, for Excel. */
export function catalogueCsv(rows: readonly CatalogueRow[], columns: readonly CatalogueColumn[]): Uint8Array {
  const cols = sheetColumns(columns);
  const lines: string[] = [cols.map((c) => csvField(sheetHeading(c))).join(',')];
  for (const row of rows) lines.push(cols.map((c) => csvField(guardFormula(sheetText(row, c)))).join(','));
  return new Uint8Array(Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8'));
}
