/**
 * Exporting the catalogue through the real contract: text files imported for real, described
 * (number, type, issuer, date, abstract, location), then the view — filtered and sorted — written
 * as XLSX (read back with exceljs), CSV (BOM, the view's rows in its order) and the printed PDF
 * (read back with pdftotext: every row's number, Vietnamese intact, several pages, the header on
 * each), written to the path asked.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivalMetadataPatch } from '../../../shared/api/archive';
import { openNewProject, tempDir } from '../archive/fixtures';

type Project = Awaited<ReturnType<typeof openNewProject>>;
let p: Project;
const TYPES = [
  ['NQ', 'Nghị quyết'],
  ['CT', 'Chỉ thị'],
  ['BC', 'Báo cáo'],
] as const;
const N = 60;
/** What document i is described as. */
function described(i: number): ArchivalMetadataPatch & { code: string } {
  const [abbr, name] = TYPES[i % 3]!;
  const year = 1945 + (i % 30);
  return {
    code: `${i + 1}-${abbr}/TU`,
    docType: name,
    issuer: i % 2 ? 'Tỉnh ủy Lai Châu' : 'Ban Thường vụ Tỉnh ủy Lai Châu',
    date: { text: `Tháng ${1 + (i % 12)}-${year}`, start: `${year}-${String(1 + (i % 12)).padStart(2, '0')}` },
    abstract: `về lãnh đạo phong trào hợp tác hóa nông nghiệp ở huyện Mường Tè, đợt ${i + 1}`,
    location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', fond: '1', inventory: '2', box: String(1 + Math.floor(i / 20)), file: String(1 + Math.floor(i / 5)), folio: `${1 + (i % 5) * 4}-${4 + (i % 5) * 4}` },
    ...(i % 7 === 0 ? { secrecy: 'Mật' as const } : {}),
  };
}

beforeAll(async () => {
  p = await openNewProject('Kho Tỉnh ủy Lai Châu');
  const dir = tempDir();
  const files = Array.from({ length: N }, (_, i) => {
    const file = path.join(dir, `tài liệu ${String(i + 1).padStart(3, '0')}.txt`);
    writeFileSync(file, `TỈNH ỦY LAI CHÂU\nSố ${described(i).code}\nVề công tác xây dựng Đảng, đợt ${i + 1}.`);
    return file;
  });
  const { outcomes } = await p.api.archive.importPaths({ paths: files });
  expect(outcomes.every((o) => o.status === 'imported')).toBe(true);
  for (const [i, o] of outcomes.entries()) {
    if (o.status !== 'imported') continue;
    const doc = await p.api.archive.getDocument({ id: o.documentId });
    await p.api.archive.updateMetadata({ id: o.documentId, patch: described(files.indexOf(o.input)), baseVersion: doc.version });
    expect(i).toBeGreaterThanOrEqual(0);
  }
}, 120_000);
afterAll(() => p.close());

describe('exporting the catalogue', () => {
  it('writes the filtered, sorted view as XLSX with date cells, to the path asked', async () => {
    const out = path.join(tempDir(), 'Mục lục nghị quyết.xlsx');
    const file = await p.api.catalogue.export({ format: 'xlsx', filter: { docTypes: ['NQ'], from: '1950', to: '1969' }, sort: { key: 'date', descending: false }, path: out });
    expect(file.path).toBe(out);
    const expected = Array.from({ length: N }, (_, i) => described(i))
      .filter((d) => d.docType === 'Nghị quyết' && d.date!.start! >= '1950' && d.date!.start! < '1970')
      .sort((a, b) => a.date!.start!.localeCompare(b.date!.start!));
    expect(expected.length).toBeGreaterThan(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as never);
    const ws = wb.getWorksheet('Mục lục')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['Số, ký hiệu', 'Tên loại', 'Cơ quan ban hành', 'Ngày tháng', 'Từ ngày', 'Đến ngày']);
    expect(ws.rowCount).toBe(expected.length + 1);
    const col = (h: string) => header.indexOf(h) + 1;
    const got = Array.from({ length: expected.length }, (_, k) => ws.getRow(k + 2));
    expect(got.map((r) => r.getCell(col('Số, ký hiệu')).value)).toEqual(expected.map((d) => d.code));
    expect(got[0]!.getCell(col('Trích yếu nội dung')).value).toBe(expected[0]!.abstract);
    expect(got[0]!.getCell(col('Ngày tháng')).value).toBe(expected[0]!.date!.text);
    const [y, m] = expected[0]!.date!.start!.split('-').map(Number);
    expect(got[0]!.getCell(col('Từ ngày')).value).toEqual(new Date(Date.UTC(y!, m! - 1, 1)));
    expect(got[0]!.getCell(col('Phông')).value).toBe('1');
  });

  it('writes CSV with a BOM, the chosen columns, one line per document of the view', async () => {
    const out = path.join(tempDir(), 'mục lục.csv');
    const file = await p.api.catalogue.export({ format: 'csv', filter: { box: '2' }, sort: { key: 'code', descending: true }, columns: ['code', 'date', 'abstract'], path: out });
    const bytes = readFileSync(file.path!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('"Số, ký hiệu",Ngày tháng,Từ ngày,Đến ngày,Trích yếu nội dung');
    expect(lines, lines.slice(0, 3).join('\n')).toHaveLength(21);
    // Numbers by value, descending: 40-… first, 21-… last.
    expect(lines[1]).toMatch(/^40-NQ\/TU,Tháng 4-1954,1954-04-01,1954-04-30,/);
    expect(lines[1]).toContain('"về lãnh đạo phong trào hợp tác hóa nông nghiệp ở huyện Mường Tè, đợt 40"');
    expect(lines[20]).toMatch(/^21-BC\/TU,/);
  });

  it('prints the catalogue as a PDF: every number, Vietnamese intact, grouped by hộp and hồ sơ, header on every page', async () => {
    const out = path.join(tempDir(), 'mục lục.pdf');
    const file = await p.api.catalogue.export({ format: 'pdf', filter: {}, sort: { key: 'location', descending: false }, title: 'Mục lục hồ sơ Phông Tỉnh ủy Lai Châu', path: out });
    expect(existsSync(out)).toBe(true);
    expect(file.pages).toBeGreaterThan(1);
    const layout = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', out, '-'], { encoding: 'utf8' });
    expect(layout.status).toBe(0);
    const pages = layout.stdout.split('\f').filter((s) => s.trim());
    expect(pages).toHaveLength(file.pages);
    const text = layout.stdout.replace(/\s+/g, ' ');
    // In drawing order, each cell's lines in turn.
    const raw = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('MỤC LỤC HỒ SƠ PHÔNG TỈNH ỦY LAI CHÂU');
    expect(text).toContain(`Tổng số: ${N} văn bản`);
    for (let i = 0; i < N; i++) expect(text, described(i).code).toContain(` ${described(i).code} `);
    expect(raw).toContain('Nghị quyết về lãnh đạo phong trào hợp tác hóa nông nghiệp ở huyện Mường Tè, đợt 1 ');
    expect(raw).toContain('Ban Thường vụ Tỉnh ủy Lai Châu');
    expect(text).toContain('Kho Lưu trữ Tỉnh ủy Lai Châu – Phông số 1 – Mục lục số 2 – Hộp số 3');
    expect(text).toContain('Hồ sơ số 12');
    pages.forEach((page, i) => {
      expect(page).toContain('Tên loại và trích yếu nội dung');
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
    });
  });

  it('refuses an empty view with a sentence', async () => {
    await expect(p.api.catalogue.export({ format: 'csv', filter: { fond: 'không có phông này' }, sort: { key: 'date', descending: false } })).rejects.toThrow(/Không có tài liệu nào/);
  });
});
