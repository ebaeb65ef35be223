/**
 * `suquan catalogue DIR --out F.xlsx|F.csv|F.pdf [filters]` run as a user would (the real bin):
 * the filters and the order reach the file; a wrong extension, a folder that does not exist, an
 * unknown column or sort key are one Vietnamese sentence and exit 1, before the project is opened.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { connect, suquanCli, tempDir } from '../foundation/helpers';
const configHome = tempDir('suquan-cli-config-');

const suquan = suquanCli({ configHome });

const docs = [
  { file: 'nq05', code: '05-NQ/TU', docType: 'Nghị quyết', date: { text: 'Ngày 3-2-1961', start: '1961-02-03' }, abstract: 'về công tác xây dựng Đảng bộ năm 1961', box: '1' },
  { file: 'nq16', code: '16-NQ/TU', docType: 'Nghị quyết', date: { text: 'Tháng 8-1955', start: '1955-08' }, abstract: 'về củng cố chi bộ nông thôn', box: '2' },
  { file: 'ct03', code: '03-CT/TU', docType: 'Chỉ thị', date: { text: 'Cuối năm 1975', start: '1975-09', end: '1975-12' }, abstract: '=cmd|"/c calc"!A1 về tổng kết chiến tranh', box: '1' },
];
let dir: string;

beforeAll(async () => {
  dir = path.join(tempDir(), 'Kho CLI.suquan');
  expect(suquan('init', dir, '--title', 'Kho Tỉnh ủy').code).toBe(0);
  const src = tempDir();
  const files = docs.map((d) => {
    const f = path.join(src, `${d.file}.txt`);
    writeFileSync(f, `Văn bản ${d.code}: ${d.abstract}.`);
    return f;
  });
  const imported = suquan('import', dir, ...files, '--json');
  expect(imported.code, imported.stderr).toBe(0);
  const outcomes = JSON.parse(imported.stdout).result.outcomes as { input: string; documentId: number }[];
  // Described through the same services the app uses.
  const { app, api } = connect();
  await api.project.open({ path: dir });
  for (const o of outcomes) {
    const d = docs[files.indexOf(o.input)]!;
    const doc = await api.archive.getDocument({ id: o.documentId });
    await api.archive.updateMetadata({
      id: o.documentId,
      baseVersion: doc.version,
      patch: { code: d.code, docType: d.docType, issuer: 'Tỉnh ủy Lai Châu', date: d.date, abstract: d.abstract, location: { fond: '1', inventory: '2', box: d.box, file: `${d.box}0` } },
    });
  }
  app.dispose();
}, 180_000);

describe('suquan catalogue', () => {
  it('writes the filtered view as CSV, in the order asked, and says how many documents', () => {
    const out = path.join(tempDir(), 'nghị quyết.csv');
    const r = suquan('catalogue', dir, '--out', out, '--type', 'NQ', '--sort', 'date', '--desc', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).result).toMatchObject({ out, format: 'csv', documents: 2 });
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines.map((l) => l.split(',')[0])).toEqual(['"Số', '05-NQ/TU', '16-NQ/TU']);
    const human = suquan('catalogue', dir, '--out', out, '--words', 'chi bộ');
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(`Đã xuất tệp CSV gồm 1 văn bản ra ${out}.`);
  });

  it('writes XLSX with the chosen columns, and guards a formula in CSV', async () => {
    const out = path.join(tempDir(), 'mục lục.xlsx');
    const r = suquan('catalogue', dir, '--out', out, '--columns', 'code,date,abstract', '--from', '1960', '--to', '12-1975', '--sort', 'code');
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as never);
    const ws = wb.getWorksheet('Mục lục')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Số, ký hiệu', 'Ngày tháng', 'Từ ngày', 'Đến ngày', 'Trích yếu nội dung']);
    expect([ws.getRow(2).getCell(1).value, ws.getRow(3).getCell(1).value]).toEqual(['03-CT/TU', '05-NQ/TU']);
    expect(ws.getRow(2).getCell(2).value).toBe('Cuối năm 1975');
    expect(ws.getRow(2).getCell(5).value).toBe(docs[2]!.abstract);
    const csv = path.join(tempDir(), 'x.csv');
    expect(suquan('catalogue', dir, '--out', csv, '--type', 'CT', '--columns', 'abstract').code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain(`"'=cmd|""/c calc""!A1 về tổng kết chiến tranh"`);
  });

  it('prints the catalogue as a PDF in shelf order, grouped by hộp', () => {
    const out = path.join(tempDir(), 'mục lục.pdf');
    const r = suquan('catalogue', dir, '--out', out, '--title', 'Mục lục hồ sơ Phông Tỉnh ủy', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).result).toMatchObject({ format: 'pdf', documents: 3, pages: 1 });
    const text = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('MỤC LỤC HỒ SƠ PHÔNG TỈNH ỦY');
    for (const d of docs) expect(text).toContain(d.code);
    const order = ['05-NQ/TU', '03-CT/TU', '16-NQ/TU'].map((c) => text.indexOf(c));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('Hộp số 1');
    expect(text).toContain('Hộp số 2');
  });

  it('answers a wrong extension, a missing folder, an unknown column or sort with one sentence', () => {
    const nowhere = path.join(tempDir(), 'không có', 'mục lục.csv');
    const notADir = path.join(tempDir(), 'tệp.txt');
    writeFileSync(notADir, 'x');
    const folder = tempDir();
    const cases: [string[], RegExp][] = [
      [['--out', 'mục lục.docx'], /^Tệp xuất \(--out\) phải có đuôi \.xlsx \(Excel\), \.csv hoặc \.pdf \(bản in\), không phải \.docx\.\n$/],
      [['--out', 'mục lục'], /^Tệp xuất \(--out\) phải có đuôi \.xlsx/],
      [['--out', nowhere], /^Không ghi được .*mục lục\.csv: thư mục .*không có không tồn tại\.\n$/],
      [['--out', path.join(notADir, 'x.pdf')], /^Không ghi được .*x\.pdf: .*tệp\.txt là một tệp, không phải thư mục\.\n$/],
      [['--out', 'x.csv', '--columns', 'code,ngay'], /^Giá trị "ngay" của --columns không hợp lệ; dùng một trong: code, docType/],
      [['--out', 'x.csv', '--sort', 'nam'], /^Không sắp xếp được theo “nam”/],
      [['--out', 'x.csv', '--sort', 'relevance'], /cần từ khóa tìm \(--words/],
      [['--out', 'x.csv', '--from', 'năm ngoái'], /^Không đọc được ngày “năm ngoái” của --from/],
    ];
    for (const [args, message] of cases) {
      const r = suquan('catalogue', dir, ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\s+at\s+\S+\s+\(/);
    }
    expect(existsSync(nowhere)).toBe(false);
    // A folder given as the file is refused too.
    const isDir = path.join(folder, 'là thư mục.pdf');
    mkdirSync(isDir);
    const d = suquan('catalogue', dir, '--out', isDir);
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/^Không ghi được .*là thư mục\.pdf: đó là một thư mục\.\n$/);
  });
});
