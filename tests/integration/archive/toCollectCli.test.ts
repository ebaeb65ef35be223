/**
 * `suquan to-collect` as a user runs it: a project made and filled with `suquan init` and
 * `suquan import` from text files the test writes; the list in words and in JSON (the 1950 letter
 * cites a 16-NQ/TW the archive's 1955 one cannot be, the 1975 report cites 05-CT/TU twice); the
 * list written to CSV and to Excel and read back; a wrong --out refused in one sentence.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { suquanCli, tempDir } from '../foundation/helpers';
const configHome = tempDir('suquan-to-collect-config-');

const suquan = suquanCli({ configHome, timeoutMs: 300_000 });

describe('suquan to-collect', () => {
  it('lists the documents cited but not archived, in words, JSON, CSV and Excel', async () => {
    const dir = path.join(tempDir(), 'Dự án sưu tầm.suquan');
    expect(suquan('init', dir, '--title', 'Thử sưu tầm').code).toBe(0);
    const files = tempDir();
    const write = (name: string, lines: string[]) => {
      const f = path.join(files, name);
      writeFileSync(f, lines.join('\n'));
      return f;
    };
    const inputs = [
      write('nq-1955.txt', ['BAN CHẤP HÀNH TRUNG ƯƠNG', 'Số 16-NQ/TW', 'Hà Nội, ngày 5 tháng 8 năm 1955', 'NGHỊ QUYẾT về cải cách ruộng đất.']),
      write('bc-1975.txt', ['TỈNH ỦY LAI CHÂU', 'Số 12-BC/TU', 'Lai Châu, ngày 30 tháng 4 năm 1975', 'BÁO CÁO', 'Thực hiện Nghị quyết số 16-NQ/TW và Chỉ thị số 05-CT/TU; quán triệt Chỉ thị số 05-CT/TU.']),
      write('thu-1950.txt', ['TỈNH ỦY LAI CHÂU', 'Lai Châu, ngày 2 tháng 9 năm 1950', 'THƯ', 'Nhắc lại Nghị quyết số 16-NQ/TW.']),
    ];
    const imported = suquan('import', dir, ...inputs, '--json');
    expect(imported.code, imported.stderr).toBe(0);

    const human = suquan('to-collect', dir);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('2 văn bản cần sưu tầm');
    expect(human.stdout).toContain('16-NQ/TW  Nghị quyết · Ban Chấp hành Trung ương · khóa I (1935–1951)  — được dẫn 1 lần ở 1 nơi');
    expect(human.stdout).toContain('05-CT/TU  Chỉ thị · Tỉnh ủy  — được dẫn 2 lần ở 1 nơi');
    expect(human.stdout).toContain('tài liệu #2 bc-1975, trang 1 (2 lần)');

    const json = suquan('to-collect', dir, '--json');
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout).result;
    expect(list.items.map((i: { code: string; count: number; notAfter: string }) => [i.code, i.count, i.notAfter])).toEqual([
      ['16-NQ/TW', 1, '1950-09-02'],
      ['05-CT/TU', 2, '1975-04-30'],
    ]);

    const csv = path.join(tempDir(), 'cần sưu tầm.csv');
    const wrote = suquan('to-collect', dir, '--out', csv, '--json');
    expect(wrote.code, wrote.stderr).toBe(0);
    expect(JSON.parse(wrote.stdout).result.out).toBe(csv);
    const text = readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[2]).toBe('05-CT/TU,Chỉ thị,Tỉnh ủy,,,1975-04-30,2,1,"Tài liệu số 2 «bc-1975», tr. 1 (2 lần)"');

    const xlsx = path.join(tempDir(), 'cần sưu tầm.xlsx');
    expect(suquan('to-collect', dir, '--out', xlsx).stdout).toContain(`Đã ghi danh sách ra ${xlsx}.`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('Cần sưu tầm')!;
    expect([ws.getCell('A2').value, ws.getCell('D2').value, ws.getCell('G2').value]).toEqual(['16-NQ/TW', 'khóa I (1935–1951)', 1]);

    const bad = suquan('to-collect', dir, '--out', path.join(tempDir(), 'x.pdf'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Tệp xuất (--out) phải có đuôi .csv hoặc .xlsx.');
  }, 300_000);
});
