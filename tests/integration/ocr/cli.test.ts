/**
 * OCR from the command line, as a user runs it: `suquan import … --ocr` reads the scans it has
 * just imported, `suquan search` then finds words that exist only on them, `suquan ocr` finds
 * nothing left to read (and reads a document again with --redo), and `suquan export-document`
 * writes a searchable PDF whose text pdftotext reads back.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeScan } from '../../fixtures/scans';
import { suquanCli, tempDir } from '../foundation/helpers';
const configHome = tempDir('suquan-ocr-cli-config-');

const suquan = suquanCli({ configHome });

const DIRECTIVE = 'HUYỆN ỦY PHONG THỔ\nSố 12-CT/HU\n\nCHỈ THỊ\nvề việc chuẩn bị đại hội chi bộ\n\nCác chi bộ xã Mường So, Khổng Lào và Ma Ly Pho tổ chức đại hội trước ngày 15 tháng 4 năm 1965.';

describe('suquan ocr', () => {
  it('imports with --ocr, searches the scan, finds nothing left to read, and exports a searchable PDF', async () => {
    const dir = path.join(tempDir(), 'Dự án OCR.suquan');
    expect(suquan('init', dir, '--title', 'Thử nhận dạng').code).toBe(0);
    const scan = path.join(tempDir(), 'chỉ thị 12.png');
    writeFileSync(scan, await makeScan(DIRECTIVE, { seed: 21, dpi: 200, rotate: -1 }));
    // Two pages, so pages are prepared while others are read (and the command must still end).
    const second = path.join(tempDir(), 'thư.png');
    writeFileSync(second, await makeScan('THƯ\nGửi các đồng chí chi ủy viên xã Mường So.', { seed: 22, dpi: 150 }));

    const imported = suquan('import', dir, scan, second, '--ocr', '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout).result;
    expect(report.outcomes).toEqual([
      { input: scan, status: 'imported', documentId: 1, pages: 1 },
      { input: second, status: 'imported', documentId: 2, pages: 1 },
    ]);
    expect(report.ocr).toMatchObject({ state: 'done', total: 2 });
    // The directive's header gave its number, type and issuer.
    expect(report.ocr.suggested).toContain(1);
    expect(report.ocr.outcomes.map((o: { status: string; documentId: number }) => [o.status, o.documentId]).sort()).toEqual([
      ['recognised', 1],
      ['recognised', 2],
    ]);
    // Progress and the summary are for humans; --json keeps stdout JSON (progress goes to stderr).
    const human = suquan('search', dir, 'Khổng Lào');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('chỉ thị 12');

    const again = suquan('ocr', dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Không có trang nào cần nhận dạng (2 trang đã có chữ).');
    const redo = suquan('ocr', dir, '--document', '1', '--redo', '--json');
    expect(redo.code).toBe(0);
    expect(JSON.parse(redo.stdout).result).toMatchObject({ state: 'done', total: 1 });
    expect(suquan('ocr', dir, '--document', 'một').stderr).toContain('Mã tài liệu (--document) phải là số nguyên dương');

    const pdf = path.join(tempDir(), 'chỉ thị.pdf');
    const exported = suquan('export-document', dir, '--document', '1', '--out', pdf, '--json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout).result).toMatchObject({ out: pdf, pages: 1 });
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.normalize('NFC');
    expect(text).toContain('Khổng Lào');
    expect(text).toContain('12-CT/HU');
  }, 180_000);
});
