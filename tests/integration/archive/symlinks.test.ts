/**
 * Symbolic links in a folder given to an import, made for real by the test: each folder and each
 * file is read once however many links lead to it, a link back to a folder being read is
 * reported once as a loop (it multiplied the files until memory ran out), and a link to nothing
 * has an outcome naming where it points. Through the archive service, and the CLI's report.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../../shared/api/archive';
import { suquanCli } from '../foundation/helpers';
import { openNewProject, tempDir } from './fixtures';

/**
 * gốc/ a.txt, con/b.txt, vòng → . , con/lên → .. , con2 → con, lk-a.txt → a.txt,
 * hỏng.txt → không-có.txt, tự → tự (a link to itself). Null where links cannot be made.
 */
function linkedFolder(): string | null {
  const dir = path.join(tempDir(), 'gốc');
  mkdirSync(path.join(dir, 'con'), { recursive: true });
  writeFileSync(path.join(dir, 'a.txt'), 'Biên bản hội nghị thành lập chi bộ.');
  writeFileSync(path.join(dir, 'con', 'b.txt'), 'Báo cáo tình hình địch hậu năm 1950.');
  try {
    symlinkSync('.', path.join(dir, 'vòng'), 'dir');
  } catch {
    return null;
  }
  symlinkSync('..', path.join(dir, 'con', 'lên'), 'dir');
  symlinkSync('con', path.join(dir, 'con2'), 'dir');
  symlinkSync('a.txt', path.join(dir, 'lk-a.txt'));
  symlinkSync('không-có.txt', path.join(dir, 'hỏng.txt'));
  symlinkSync('tự', path.join(dir, 'tự'));
  return dir;
}

const shown = (dir: string, outcomes: ImportOutcome[]) => outcomes.map((o) => [path.relative(dir, o.input), o.status, 'reason' in o ? o.reason : '']);

describe('symbolic links in an import', () => {
  it('reads each file once, reports each loop once and gives a broken link an outcome', async () => {
    const dir = linkedFolder();
    if (!dir) return; // no symbolic links on this file system
    const p = await openNewProject();
    try {
      const r = await p.api.archive.importPaths({ paths: [dir] });
      expect(shown(dir, r.outcomes)).toEqual([
        ['a.txt', 'imported', ''],
        [path.join('con', 'b.txt'), 'imported', ''],
        [path.join('con', 'lên'), 'skipped', 'lên: liên kết vòng, trỏ về thư mục «gốc» đang đọc; bỏ qua.'],
        ['con2', 'skipped', 'con2: cùng một thư mục với «con» đã có trong danh sách; bỏ qua.'],
        ['hỏng.txt', 'rejected', 'hỏng.txt: liên kết hỏng, trỏ tới «không-có.txt» không tồn tại.'],
        ['lk-a.txt', 'skipped', 'lk-a.txt: cùng một tệp với «a.txt» đã có trong danh sách; bỏ qua.'],
        ['tự', 'skipped', 'tự: liên kết vòng (các liên kết trỏ vào nhau, không tới tệp nào); bỏ qua.'],
        ['vòng', 'skipped', 'vòng: liên kết vòng, trỏ về thư mục «gốc» đang đọc; bỏ qua.'],
      ]);
      expect((await p.api.archive.listDocuments({})).total).toBe(2);
    } finally {
      await p.close();
    }
  });

  it('a folder as one document holds each file once', async () => {
    const dir = linkedFolder();
    if (!dir) return;
    const p = await openNewProject();
    try {
      const r = await p.api.archive.importPaths({ paths: [dir], grouping: 'folder' });
      const imported = r.outcomes.filter((o) => o.status === 'imported');
      expect(imported.map((o) => [path.relative(dir, o.input), (o as { pages: number }).pages])).toEqual([
        ['', 1],
        ['con', 1],
      ]);
      expect(r.outcomes.filter((o) => o.status === 'skipped')).toHaveLength(5);
      expect(r.outcomes.filter((o) => o.status === 'rejected').map((o) => path.basename(o.input))).toEqual(['hỏng.txt']);
    } finally {
      await p.close();
    }
  });

  it('a broken link given by itself is named as one', async () => {
    const dir = tempDir();
    try {
      symlinkSync(path.join(dir, 'đã xóa.pdf'), path.join(dir, 'lối tắt.pdf'));
    } catch {
      return;
    }
    const p = await openNewProject();
    try {
      const r = await p.api.archive.importPaths({ paths: [path.join(dir, 'lối tắt.pdf'), path.join(dir, 'không có.pdf')] });
      expect(r.outcomes).toEqual([
        { input: path.join(dir, 'lối tắt.pdf'), status: 'rejected', reason: `lối tắt.pdf: liên kết hỏng, trỏ tới «${path.join(dir, 'đã xóa.pdf')}» không tồn tại.` },
        { input: path.join(dir, 'không có.pdf'), status: 'rejected', reason: 'không có.pdf: không tìm thấy tệp hoặc thư mục.' },
      ]);
    } finally {
      await p.close();
    }
  });

  it('the CLI prints each outcome once and exits 2 only for the broken link', () => {
    const dir = linkedFolder();
    if (!dir) return;
    const suquan = suquanCli();
    const project = path.join(tempDir(), 'dự án');
    expect(suquan('init', project).code).toBe(0);
    const run = suquan('import', project, dir);
    expect(run.code).toBe(2);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((l) => l.includes('liên kết vòng'))).toHaveLength(3);
    expect(lines.filter((l) => l.includes('liên kết hỏng, trỏ tới «không-có.txt»'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('✓'))).toHaveLength(2);
  }, 300_000);
});
