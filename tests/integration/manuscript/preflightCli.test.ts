/** `suquan export … --check`: the findings before printing, one per line or as JSON, and the file still written. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'suquan-cli-preflight-'));
const suquan = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/suquan.js'), ...args], { cwd: work, encoding: 'utf8' });
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('suquan export --check', () => {
  it('prints what is wrong, then exports; --json gives the findings to machines', () => {
    execFileSync(process.execPath, [path.join(root, 'bin/suquan.js'), 'init', 'proj', '--title', 'Thử'], { cwd: work });
    const created = suquan('book', 'create', 'proj', '--kind', 'chronicle', '--title', 'Biên niên sự kiện', '--json');
    const bookId = String((JSON.parse(created.stdout) as { result: { id: number } }).result.id);
    writeFileSync(path.join(work, 'draft.md'), '# Năm 1950\n\nNgày 30-2-1950, Tỉnh ủy họp bàn kế hoạch.[^1]\n\nTháng 3-1950: quân dân đánh đồn Bình Lư.\n\n[^1]: Tỉnh ủy: *Báo cáo*.\n');
    expect(suquan('chapter', 'import', 'proj', '--book', bookId, 'draft.md', '--split').status).toBe(0);

    const json = suquan('export', 'proj', '--book', bookId, '--check', '--out', 'a.docx', '--json');
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; result: { out: string; findings: { kind: string; chapterLabel: string; chapterTitle: string; passage: string; message: string; blockIndex: number }[] } };
    expect(parsed.ok).toBe(true);
    expect(parsed.result.findings).toEqual([
      expect.objectContaining({ kind: 'unreadable-date', chapterLabel: 'Chương I', chapterTitle: 'Năm 1950', passage: 'Ngày 30-2-1950, Tỉnh ủy họp bàn kế hoạch.', blockIndex: 0 }),
      expect.objectContaining({ kind: 'entry-without-source', chapterTitle: 'Năm 1950', passage: 'Tháng 3-1950: quân dân đánh đồn Bình Lư.', blockIndex: 1 }),
    ]);
    expect(existsSync(path.join(work, 'a.docx'))).toBe(true);

    const human = suquan('export', 'proj', '--check', '--book', bookId, '--out', 'b.docx');
    expect(human.status).toBe(0);
    const lines = human.stdout.trim().split('\n');
    expect(lines[0]).toBe('Kiểm tra trước khi in: 2 vấn đề.');
    expect(lines[1]).toMatch(/^Chương I Năm 1950 · «…Ngày 30-2-1950, Tỉnh ủy họp bàn kế hoạch\.…» — Ngày tháng «Ngày 30-2-1950» không đọc được/);
    expect(lines[2]).toMatch(/^Chương I Năm 1950 · «…Tháng 3-1950: .*» — Sự kiện chưa có nguồn/);
    expect(lines[3]).toBe(`Đã xuất tệp Word ra ${path.join(work, 'b.docx')}.`);
    expect(existsSync(path.join(work, 'b.docx'))).toBe(true);

    // Without --check, export says nothing of it (and JSON has no findings).
    const plain = suquan('export', 'proj', '--book', bookId, '--out', 'c.docx', '--json');
    expect((JSON.parse(plain.stdout) as { result: Record<string, unknown> }).result.findings).toBeUndefined();
  });
});
