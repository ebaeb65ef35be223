/**
 * The catalogue's files, made from rows: CSV (BOM, CRLF, RFC 4180 quoting, no formula runs in
 * Excel), XLSX read back with exceljs (bold frozen header, autofilter, real date cells, Vietnamese
 * intact) and the printed PDF read back with pdftotext (every row, Vietnamese, header on every page,
 * long text wrapped and never cut, location headings, pages numbered 1, 2, 3).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_COLUMNS, type CatalogueRow } from '../../../shared/api/catalogue';
import { catalogueDateBounds, catalogueDateText } from '../../../shared/archive/catalogueColumns';
import { catalogueCsv, csvField, exportCatalogue, guardFormula } from '../../../electron/core/catalogue/catalogueExport';
import { inLocationOrder } from '../../../electron/core/catalogue/cataloguePdf';
import { readPdf } from '../publish/pdfjs';

function row(id: number, over: Partial<CatalogueRow> = {}): CatalogueRow {
  return {
    id,
    title: `Tài liệu ${id}`,
    code: `${String(id).padStart(2, '0')}-NQ/TU`,
    docType: 'Nghị quyết',
    issuer: 'Tỉnh ủy Lai Châu',
    date: { text: `Ngày ${id}-3-1961`, start: `1961-03-${String(id).padStart(2, '0')}` },
    abstract: `về công tác xây dựng Đảng số ${id}`,
    repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu',
    fond: '1',
    inventory: '2',
    box: '3',
    file: '45',
    folio: '3-7',
    secrecy: '',
    tags: [],
    pages: 2,
    textState: 'ocr',
    coverPageId: null,
    coverRotation: 0,
    version: 1,
    ...over,
  };
}

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'suquan-catalogue-'));

/** The PDF's text by pdftotext: as laid out (pages), and in drawing order (`raw`: each cell's lines in turn). */
function pdfText(bytes: Uint8Array): { text: string; raw: string; pages: string[] } {
  const file = path.join(tmp(), 'mục lục.pdf');
  writeFileSync(file, bytes);
  const run = (mode: string) => {
    const r = spawnSync('pdftotext', [mode, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  const text = run('-layout');
  return { text, raw: run('-raw'), pages: text.split('\f').filter((p) => p.trim()) };
}

describe('dates in the catalogue', () => {
  it('shows the date as written, and widens partial bounds to whole days', () => {
    expect(catalogueDateText({ text: 'Tháng 3-1946', start: '1946-03' })).toBe('Tháng 3-1946');
    expect(catalogueDateText({ text: '', start: '1945-08-19', end: '1945-08-30' })).toBe('19-8-1945 – 30-8-1945');
    expect(catalogueDateText(null)).toBe('');
    expect(catalogueDateBounds({ text: 'Tháng 2-1960', start: '1960-02' })).toEqual({ from: '1960-02-01', to: '1960-02-29' });
    expect(catalogueDateBounds({ text: 'Năm 1930', start: '1930' })).toEqual({ from: '1930-01-01', to: '1930-12-31' });
    expect(catalogueDateBounds({ text: '1945-1954', start: '1945', end: '1954' })).toEqual({ from: '1945-01-01', to: '1954-12-31' });
    expect(catalogueDateBounds({ text: 'không rõ' })).toBeNull();
  });
});

describe('the CSV writer', () => {
  it('quotes by RFC 4180 and keeps Excel from running formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('nói "không"')).toBe('"nói ""không"""');
    expect(csvField('hai\r\ndòng')).toBe('"hai\r\ndòng"');
    for (const v of ['=1+1', '+84 912', '-5', '@SUM(A1)', '\t=1']) expect(guardFormula(v)).toBe(`'${v}`);
    for (const v of ['16-NQ/TW', 'Nghị quyết', '1945-08-19', '']) expect(guardFormula(v)).toBe(v);
  });

  it('writes UTF-8 with a BOM, CRLF line ends, Vietnamese headings and the date bounds', () => {
    const rows = [
      row(1, { abstract: '=HYPERLINK("http://x","bấm vào")', tags: ['hợp tác hóa', 'nông nghiệp'] }),
      row(2, { abstract: 'về việc "củng cố", mở rộng\nchi bộ', issuer: '-Ban Tuyên giáo', date: { text: 'Cuối năm 1930', start: '1930-09', end: '1930-12' } }),
      row(3, { abstract: 'Đảng bộ'.normalize('NFD'), date: null }),
    ];
    const bytes = catalogueCsv(rows, ['code', 'date', 'issuer', 'abstract', 'tags', 'pages']);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = Buffer.from(bytes).toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    // Records end in CRLF; the only bare LF is the one inside a quoted field.
    expect(text.replace(/\r\n/g, '').includes('\r')).toBe(false);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('"Số, ký hiệu",Ngày tháng,Từ ngày,Đến ngày,Cơ quan ban hành,Trích yếu nội dung,Từ khóa,Số trang');
    expect(lines[1]).toBe(`01-NQ/TU,Ngày 1-3-1961,1961-03-01,1961-03-01,Tỉnh ủy Lai Châu,"'=HYPERLINK(""http://x"",""bấm vào"")",hợp tác hóa; nông nghiệp,2`);
    expect(lines[2]).toBe(`02-NQ/TU,Cuối năm 1930,1930-09-01,1930-12-31,'-Ban Tuyên giáo,"về việc ""củng cố"", mở rộng\nchi bộ",,2`);
    expect(lines[3]).toBe('03-NQ/TU,,,,Tỉnh ủy Lai Châu,Đảng bộ,,2');
    expect(lines[3]).toBe(lines[3]!.normalize('NFC'));
    expect(lines).toHaveLength(5);
  });
});

describe('the XLSX writer', () => {
  it('reads back in exceljs: bold frozen header, autofilter, date cells, numbers, text intact', async () => {
    const rows = [
      row(1, { abstract: '=1+1 không phải công thức', tags: ['Đảng bộ', 'Điện Biên Phủ'], secrecy: 'Tối mật', textState: 'typed' }),
      row(2, { date: { text: 'Tháng 2-1960', start: '1960-02' }, code: '14514-CV/VPTW' }),
      row(3, { date: { text: 'Năm 1885', start: '1885' } }),
      row(4, { date: null, abstract: 'Báo cáo tình hình xã Tân Hoà'.normalize('NFD') }),
    ];
    const out = await exportCatalogue(rows, { format: 'xlsx', columns: [...CATALOGUE_COLUMNS], filterLine: 'Lọc theo loại NQ.' });
    expect(out.ext).toBe('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.bytes) as never);
    const ws = wb.getWorksheet('Mục lục')!;
    expect(ws).toBeTruthy();
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Số, ký hiệu', 'Tên loại', 'Cơ quan ban hành', 'Ngày tháng', 'Từ ngày', 'Đến ngày', 'Trích yếu nội dung', 'Tiêu đề', 'Kho', 'Phông',
      'Mục lục', 'Hộp', 'Hồ sơ', 'Tờ số', 'Độ mật', 'Từ khóa', 'Số trang', 'Văn bản', 'Mã',
    ]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(JSON.stringify(ws.autoFilter)).toMatch(/A1.*S1|"row":1/);
    expect(ws.rowCount).toBe(5);
    const col = (name: string) => header.indexOf(name) + 1;
    const r1 = ws.getRow(2);
    expect(r1.getCell(col('Trích yếu nội dung')).value).toBe('=1+1 không phải công thức');
    expect(r1.getCell(col('Từ khóa')).value).toBe('Đảng bộ; Điện Biên Phủ');
    expect(r1.getCell(col('Độ mật')).value).toBe('Tối mật');
    expect(r1.getCell(col('Số trang')).value).toBe(2);
    expect(r1.getCell(col('Mã')).value).toBe(1);
    expect(r1.getCell(col('Từ ngày')).value).toEqual(new Date(Date.UTC(1961, 2, 1)));
    const r2 = ws.getRow(3);
    expect(r2.getCell(col('Ngày tháng')).value).toBe('Tháng 2-1960');
    expect(r2.getCell(col('Từ ngày')).value).toEqual(new Date(Date.UTC(1960, 1, 1)));
    expect(r2.getCell(col('Đến ngày')).value).toEqual(new Date(Date.UTC(1960, 1, 29)));
    expect(r2.getCell(col('Đến ngày')).numFmt).toBe('dd/mm/yyyy');
    expect(r2.getCell(col('Số, ký hiệu')).value).toBe('14514-CV/VPTW');
    // Excel has no dates before 1900: those stay text, still sortable.
    expect(ws.getRow(4).getCell(col('Từ ngày')).value).toBe('1885-01-01');
    expect(ws.getRow(5).getCell(col('Từ ngày')).value ?? '').toBe('');
    expect(ws.getRow(5).getCell(col('Trích yếu nội dung')).value).toBe('Báo cáo tình hình xã Tân Hoà'.normalize('NFC'));
    // Columns fitted to their content, long texts wrapped.
    expect(ws.getColumn(col('Trích yếu nội dung')).width).toBeGreaterThan(ws.getColumn(col('Hộp')).width!);
    expect(ws.getColumn(col('Trích yếu nội dung')).alignment?.wrapText).toBe(true);
    const info = wb.getWorksheet('Thông tin')!;
    expect(info.getCell('B2').value).toBe('Lọc theo loại NQ.');
    expect(info.getCell('B3').value).toBe(4);
  });
});

describe('the printed catalogue', () => {
  it('prints every row with Vietnamese intact, the header on every page, long text wrapped and continued, pages numbered', async () => {
    const long = Array.from({ length: 160 }, (_, i) => `đoạn${i}`).join(' ');
    const rows: CatalogueRow[] = [];
    for (let i = 1; i <= 90; i++)
      rows.push(
        row(i, {
          box: String(1 + Math.floor((i - 1) / 30)),
          file: String(1 + Math.floor((i - 1) / 10)),
          abstract: i === 17 ? long : `về lãnh đạo phong trào hợp tác hóa ở Điện Biên, số ${i}`,
          code: i === 33 ? 'MỘT-KÝ-HIỆU-RẤT-DÀI-KHÔNG-CÓ-KHOẢNG-TRẮNG-NÀO-CẢ-123456789' : `${String(i).padStart(2, '0')}-NQ/TU`,
          secrecy: i % 10 === 0 ? 'Mật' : '',
        }),
      );
    const out = await exportCatalogue(rows, { format: 'pdf', columns: [...CATALOGUE_COLUMNS], title: 'Mục lục hồ sơ Phông Tỉnh ủy Lai Châu', filterLine: 'Lọc theo loại NQ.' });
    expect(out.ext).toBe('pdf');
    const { text, raw, pages } = pdfText(out.bytes);
    expect(pages.length).toBe(out.pages);
    expect(out.pages).toBeGreaterThan(3);
    expect(text).toContain('MỤC LỤC HỒ SƠ PHÔNG TỈNH ỦY LAI CHÂU');
    expect(text).toContain('Lọc theo loại NQ.');
    expect(text).toContain('Tổng số: 90 văn bản');
    const flat = text.replace(/\s+/g, ' ');
    for (const r of rows.filter((r) => r.id !== 33)) expect(flat, r.code).toContain(r.code);
    // A code too long for its column is cut between letters, never lost.
    expect(raw.replace(/\s+/g, '')).toContain('MỘT-KÝ-HIỆU-RẤT-DÀI-KHÔNG-CÓ-KHOẢNG-TRẮNG-NÀO-CẢ-123456789');
    // Every word of a cell longer than a page is there, in order.
    const found = [...text.matchAll(/đoạn(\d+)/g)].map((m) => Number(m[1]));
    expect(found).toEqual(Array.from({ length: 160 }, (_, i) => i));
    expect(flat).toContain('Nghị quyết về lãnh đạo phong trào hợp tác hóa ở Điện Biên, số 5');
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toContain('Tên loại và trích yếu nội dung');
      expect(p).toContain('STT');
      expect(p).toContain(`Trang ${i + 1}/${pages.length}`);
    });
    // Rows in shelf order: grouped under their hộp and hồ sơ, continued headings on later pages.
    expect(flat).toContain('Kho Lưu trữ Tỉnh ủy Lai Châu – Phông số 1 – Mục lục số 2 – Hộp số 1');
    expect(flat).toContain('Hồ sơ số 9');
    expect(flat).toMatch(/Hộp số \d \(tiếp theo\)/);
    const pdf = await readPdf(writeTemp(out.bytes));
    expect(pdf.labels?.slice(0, 3)).toEqual(['1', '2', '3']);
    expect(pdf.pages[0]!.width).toBeGreaterThan(pdf.pages[0]!.height);
  });

  it('leaves rows ungrouped when they are not in shelf order, with the location in the notes', async () => {
    const rows = [row(1, { box: '1' }), row(2, { box: '2' }), row(3, { box: '1' })];
    expect(inLocationOrder(rows)).toBe(false);
    const { text, raw } = pdfText((await exportCatalogue(rows, { format: 'pdf', columns: [...CATALOGUE_COLUMNS] })).bytes);
    // No heading rows ("Kho … – Phông số 1 – … – Hộp số 1"); each row says where it is kept.
    expect(text).not.toContain(' – Hộp số');
    const notes = raw.replace(/\s+/g, ' ');
    expect(notes).toContain('Kho Lưu trữ Tỉnh ủy Lai Châu, Phông số 1, Mục lục số 2, Hộp số 1, Hồ sơ số 45');
    expect(notes).toContain('Kho Lưu trữ Tỉnh ủy Lai Châu, Phông số 1, Mục lục số 2, Hộp số 2, Hồ sơ số 45');
    expect(text).toContain('MỤC LỤC HỒ SƠ');
  });

  it('draws a letter the main font lacks from the fallback font, and marks one neither has', async () => {
    const out = await exportCatalogue([row(1, { abstract: 'chữ Ͱͱ hiếm và chữ Hán 漢' })], { format: 'pdf', columns: ['abstract'] });
    expect(pdfText(out.bytes).raw.replace(/\s+/g, ' ')).toContain('chữ Ͱͱ hiếm và chữ Hán ?');
  });

  it('prints an empty view as a table that says so', async () => {
    const out = await exportCatalogue([], { format: 'pdf', columns: ['code'] });
    expect(out.pages).toBe(1);
    expect(pdfText(out.bytes).text).toContain('Không có văn bản nào.');
  });
});

function writeTemp(bytes: Uint8Array): string {
  const file = path.join(tmp(), 'x.pdf');
  writeFileSync(file, bytes);
  return file;
}
