/**
 * `suquan import --group name|folder|file`: page sets found by name become one document each, the
 * same folder imported again is reported as already in the archive with its documents, and a
 * grouping the command does not know is refused in a sentence.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeScan, tempDir } from './fixtures';
import { suquanCli } from '../foundation/helpers';
const configHome = tempDir('suquan-cli-config-');

const suquan = suquanCli({ configHome });

describe('suquan import --group', () => {
  it('groups page sets by name, reports a folder imported again, and refuses an unknown grouping', async () => {
    const dir = path.join(tempDir(), 'Dự án.suquan');
    expect(suquan('init', dir).code).toBe(0);
    const scans = path.join(tempDir(), 'Lô quét');
    mkdirSync(scans);
    const names: [string, number][] = [
      ['NQ05_p2.jpg', 220],
      ['NQ05_p1.jpg', 210],
      ['BC12-01.jpg', 310],
      ['BC12-02.jpg', 320],
      ['ghi chú.jpg', 400],
    ];
    for (const [n, w] of names) writeFileSync(path.join(scans, n), await makeScan('jpeg', w, 300, w));

    const r = suquan('import', dir, scans, '--group', 'name', '--json');
    expect(r.code, r.stderr).toBe(0);
    const outcomes = JSON.parse(r.stdout).result.outcomes as { input: string; status: string; title?: string; pages?: number; documentId: number }[];
    expect(outcomes.map((o) => [o.status, o.title ?? path.basename(o.input), o.pages])).toEqual([
      ['imported', 'BC12', 2],
      ['imported', 'ghi chú.jpg', 1],
      ['imported', 'NQ05', 2],
    ]);
    const listed = JSON.parse(suquan('list', dir, '--json').stdout).result.documents as { title: string; pageCount: number }[];
    expect(listed.map((d) => [d.title, d.pageCount]).sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'vi'))).toEqual([
      ['BC12', 2],
      ['ghi chú', 1],
      ['NQ05', 2],
    ]);

    // The same folder again, one document per folder: nothing new, and where the scans are.
    const again = suquan('import', dir, scans, '--group', 'folder');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('= Lô quét: đã có trong kho (tài liệu số 1 «BC12», số 2 «ghi chú», số 3 «NQ05»).');
    expect(again.stdout).toContain('Đã nhập 0/1 mục.');
    // The older flag means the same.
    expect(JSON.parse(suquan('import', dir, scans, '--folder-as-document', '--json').stdout).result.outcomes).toEqual([
      expect.objectContaining({ status: 'duplicate', documents: [expect.objectContaining({ id: 1 }), expect.objectContaining({ id: 2 }), expect.objectContaining({ id: 3 })] }),
    ]);
    expect(JSON.parse(suquan('list', dir, '--json').stdout).result.documents).toHaveLength(3);

    const bad = suquan('import', dir, scans, '--group', 'trang');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--group phải là folder .*, name .* hoặc file/);
  });
});
