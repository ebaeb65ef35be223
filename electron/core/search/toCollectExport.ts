/**
 * The list of documents to collect (cần sưu tầm) as a spreadsheet for the people who go to other
 * archives to find them: CSV (RFC 4180, UTF-8 with a BOM so Excel reads the Vietnamese) or XLSX
 * (exceljs: bold frozen header with an autofilter, "Ban hành trước" as a real date). One row per
 * document to collect, in the list's order; the places citing it in one cell.
 */
import type { ToCollectItem, ToCollectList, ToCollectPlace } from '../../../shared/api/archive';
import { csvField, guardFormula } from '../catalogue/catalogueExport';

const COLUMNS = [
  ['code', 'Số và ký hiệu', 16],
  ['type', 'Tên loại', 14],
  ['issuer', 'Cơ quan ban hành', 26],
  ['period', 'Nhiệm kỳ / năm', 20],
  ['written', 'Ngày ghi khi dẫn', 16],
  ['notAfter', 'Ban hành trước ngày', 14],
  ['count', 'Số lần được dẫn', 10],
  ['placeCount', 'Số nơi dẫn', 10],
  ['places', 'Nơi dẫn', 80],
] as const;
type Column = (typeof COLUMNS)[number][0];

/** "Tài liệu số 12 «Báo cáo…», tr. 3 (2 lần)"; "Sách «…» › «Chương I» (1 lần)". */
export function placeText(p: ToCollectPlace): string {
  const times = p.count > 1 ? ` (${p.count} lần)` : '';
  return p.kind === 'document' ? `Tài liệu số ${p.documentId} «${p.title}», tr. ${p.pageSeq}${times}` : `Sách «${p.bookTitle}» › «${p.nodeTitle}»${times}`;
}

function cell(item: ToCollectItem, c: Column): string {
  switch (c) {
    case 'code':
      return item.code;
    case 'type':
      return item.typeName;
    case 'issuer':
      return item.issuerName;
    case 'period':
      return item.period;
    case 'written':
      return item.written;
    case 'notAfter':
      return item.notAfter ?? '';
    case 'count':
      return String(item.count);
    case 'placeCount':
      return String(item.placeCount);
    case 'places': {
      const more = item.placeCount - item.places.length;
      return item.places.map(placeText).join('; ') + (more > 0 ? `; … và ${more} nơi khác` : '');
    }
  }
}

export function toCollectCsv(list: ToCollectList): Uint8Array {
  const lines = [COLUMNS.map(([, label]) => csvField(label)).join(',')];
  for (const item of list.items) lines.push(COLUMNS.map(([c]) => csvField(guardFormula(cell(item, c).normalize('NFC')))).join(','));
  return new Uint8Array(Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8'));
}

export async function toCollectXlsx(list: ToCollectList): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sử Quán';
  wb.title = 'Tài liệu cần sưu tầm';
  // A fixed time: the same list exported twice gives the same workbook.
  wb.created = wb.modified = new Date(Date.UTC(2026, 0, 1));
  const ws = wb.addWorksheet('Cần sưu tầm', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, activeCell: 'A2' }] });
  ws.columns = COLUMNS.map(([key, , width]) => ({
    key,
    width,
    style: {
      alignment: { vertical: 'top', wrapText: key === 'places' || key === 'issuer' },
      numFmt: key === 'notAfter' ? 'dd/mm/yyyy' : key === 'count' || key === 'placeCount' ? '0' : '@',
    },
  }));
  const header = ws.addRow(COLUMNS.map(([, label]) => label));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E4D8' } };
    c.border = { bottom: { style: 'thin' } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  for (const item of list.items) {
    ws.addRow(
      COLUMNS.map(([c]) => {
        if (c === 'count') return item.count;
        if (c === 'placeCount') return item.placeCount;
        // Excel has no dates before 1900 (and miscounts until March 1900): those stay text.
        if (c === 'notAfter' && item.notAfter && item.notAfter >= '1900-03-01') {
          const [y, m, d] = item.notAfter.split('-').map(Number);
          return new Date(Date.UTC(y!, m! - 1, d!));
        }
        return cell(item, c).normalize('NFC');
      }),
    );
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
