/**
 * The catalogue as an Excel workbook (exceljs, written as a stream so 100,000 rows do not build a
 * workbook in memory first): sheet "Mục lục" with a bold header row, frozen, with an autofilter;
 * columns as wide as their content (long texts wrap); "Từ ngày" / "Đến ngày" as real date cells;
 * number of pages and ids as numbers; everything else as text, Vietnamese as typed. A second sheet,
 * "Thông tin", says what the view was (title, filter, how many documents). Control characters
 * are dropped from every text (stripControls): XML cannot hold them, and Excel refuses a workbook
 * with one in it.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CatalogueColumn, CatalogueRow } from '../../../shared/api/catalogue';
import { stripControls } from '../../../shared/text/controlChars';
import { sheetColumns, sheetHeading, sheetText, type SheetColumn } from './catalogueExport';

/** Columns whose text can be long: they wrap at a fixed width instead of growing. */
const WRAPPED = new Set<SheetColumn>(['abstract', 'title', 'issuer', 'tags', 'repository']);
const DATES = new Set<SheetColumn>(['dateFrom', 'dateTo']);

/**
 * A 'YYYY-MM-DD' as an Excel date (UTC midnight: exceljs counts days in UTC). Excel has no dates
 * before 1900, and its days before 1 March 1900 are off by one (it counts a 29 February 1900):
 * those stay text.
 */
function excelDate(iso: string): Date | string {
  if (!iso) return '';
  if (iso < '1900-03-01') return iso;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/** A width in characters that fits most of a column's values (long ones wrap or are cut by Excel). */
function fittedWidth(c: SheetColumn, rows: readonly CatalogueRow[]): number {
  if (DATES.has(c)) return 12;
  let max = sheetHeading(c).length;
  // Enough rows to judge by; 100,000 rows measured would take longer than they tell.
  const step = Math.max(1, Math.floor(rows.length / 5000));
  for (let i = 0; i < rows.length; i += step) {
    for (const line of sheetText(rows[i]!, c).split('\n')) if (line.length > max) max = line.length;
  }
  return Math.min(WRAPPED.has(c) ? 60 : 40, Math.max(6, max + 2));
}

export async function catalogueXlsx(
  rows: readonly CatalogueRow[],
  columns: readonly CatalogueColumn[],
  opts: { title?: string; filterLine?: string },
): Promise<Uint8Array> {
  const cols = sheetColumns(columns);
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  wb.creator = 'Sử Quán';
  wb.title = stripControls(opts.title?.trim() || 'Mục lục hồ sơ').normalize('NFC');
  // A fixed time: the same view exported twice gives the same workbook.
  wb.created = wb.modified = new Date(Date.UTC(2026, 0, 1));

  const ws = wb.addWorksheet('Mục lục', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, activeCell: 'A2' }] });
  // Styles only where they matter: exceljs styles every cell of a styled column one by one, the
  // larger part of the time a big sheet takes.
  ws.columns = cols.map((c) => ({
    key: c,
    width: fittedWidth(c, rows),
    ...(DATES.has(c) ? { style: { numFmt: 'dd/mm/yyyy' } } : WRAPPED.has(c) ? { style: { alignment: { vertical: 'top', wrapText: true } } } : {}),
  }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };

  const header = ws.addRow(cols.map(sheetHeading));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E4D8' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  header.commit();

  for (const row of rows) {
    const values = cols.map((c): string | number | Date => {
      if (c === 'pages') return row.pages;
      if (c === 'id') return row.id;
      const text = stripControls(sheetText(row, c));
      return DATES.has(c) ? excelDate(text) : text;
    });
    ws.addRow(values).commit();
  }
  ws.commit();

  const info = wb.addWorksheet('Thông tin');
  info.columns = [{ width: 22 }, { width: 90 }];
  const facts: [string, string | number][] = [
    ['Tiêu đề', wb.title],
    ['Bộ lọc', stripControls(opts.filterLine?.trim() || 'Toàn bộ kho tư liệu').normalize('NFC')],
    ['Số văn bản', rows.length],
    ['Cột ngày', 'Cột «Ngày tháng» ghi như văn bản; «Từ ngày», «Đến ngày» là khoảng ngày tương ứng, dùng để sắp xếp và lọc.'],
  ];
  for (const [k, v] of facts) {
    const r = info.addRow([k, v]);
    r.getCell(1).font = { bold: true };
    r.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    r.commit();
  }
  info.commit();
  await wb.commit();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
