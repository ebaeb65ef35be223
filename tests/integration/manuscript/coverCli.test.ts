/** `suquan export DIR --book N --cover --out bia.pdf`: the cover sheet from the command line, and its refusals. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'suquan-cli-cover-'));
const suquan = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/suquan.js'), ...args], { cwd: work, encoding: 'utf8' });
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('suquan export --cover', () => {
  it('writes the cover of a book: one sheet with the title, as wide as two pages and a spine', () => {
    execFileSync(process.execPath, [path.join(root, 'bin/suquan.js'), 'init', 'proj', '--title', 'Thử'], { cwd: work });
    expect(suquan('book', 'create', 'proj', '--kind', 'history', '--title', 'Lịch sử Đảng bộ xã Bản Bo').status).toBe(0);
    writeFileSync(path.join(work, 'draft.md'), '# Những ngày đầu\n\nĐảng bộ xã ra đời trong hoàn cảnh khó khăn.\n');
    expect(suquan('chapter', 'import', 'proj', '--book', '1', 'draft.md').status).toBe(0);
    const out = suquan('export', 'proj', '--book', '1', '--cover', '--out', 'bia.pdf', '--json');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect((JSON.parse(out.stdout) as { result: { pages: number } }).result.pages).toBe(1);
    const file = path.join(work, 'bia.pdf');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1).map(Number) as [number, number];
    // 145 × 205 mm by default, 3 mm of bleed; a thin book's spine is under a millimetre.
    expect(w / (72 / 25.4)).toBeGreaterThan(2 * 145 + 6);
    expect(w / (72 / 25.4)).toBeLessThan(2 * 145 + 6 + 1);
    expect(h / (72 / 25.4)).toBeCloseTo(211, 1);
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC')).toContain('LỊCH SỬ');
  });

  it('refuses a cover of one chapter, or to a file that is not a PDF, with one sentence', () => {
    const chapter = suquan('export', 'proj', '--book', '1', '--cover', '--chapter', '1', '--out', 'bia.pdf');
    expect(chapter.status).not.toBe(0);
    expect(chapter.stderr).toContain('Bìa là của cả cuốn sách: không dùng --cover cùng với --chapter.');
    const word = suquan('export', 'proj', '--book', '1', '--cover', '--out', 'bia.docx');
    expect(word.status).not.toBe(0);
    expect(word.stderr).toContain('Bìa chỉ xuất ra PDF');
  });
});
