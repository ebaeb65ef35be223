import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'suquan-cli-ms-'));
const suquan = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/suquan.js'), ...args], { cwd: work, encoding: 'utf8' });
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('suquan book / chapter', () => {
  it('creates a book and imports a Markdown draft split into chapters, with --json', () => {
    execFileSync(process.execPath, [path.join(root, 'bin/suquan.js'), 'init', 'proj', '--title', 'Thử'], { cwd: work });
    const created = suquan('book', 'create', 'proj', '--kind', 'chronicle', '--title', 'Biên niên sự kiện', '--json');
    expect(created.status).toBe(0);
    const book = JSON.parse(created.stdout) as { ok: boolean; result: { id: number; kind: string } };
    expect(book.result).toMatchObject({ kind: 'chronicle', title: 'Biên niên sự kiện' });
    writeFileSync(path.join(work, 'draft.md'), '# Năm 1945\n\nNgày 19-8-1945, khởi nghĩa.[^1]\n\n# Năm 1946\n\nBầu cử.\n\n[^1]: Tỉnh ủy: *Báo cáo*.\n');
    const imported = suquan('chapter', 'import', 'proj', '--book', String(book.result.id), 'draft.md', '--split', '--json');
    expect(imported.status).toBe(0);
    expect((JSON.parse(imported.stdout) as { result: unknown }).result).toMatchObject({ chapters: [{ title: 'Năm 1945' }, { title: 'Năm 1946' }], footnotes: 1 });
  });

  it('refuses a wrong kind and a missing file with one sentence and a non-zero exit', () => {
    const bad = suquan('book', 'create', 'proj', '--kind', 'novel', '--title', 'x');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('Loại sách (--kind) phải là một trong: history, chronicle, documents.');
    const missing = suquan('chapter', 'import', 'proj', '--book', '1', 'khong-co.md');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('Không đọc được tệp khong-co.md');
    // The usage quoted is the one --help prints (the command table, read without the command).
    const wrong = suquan('chapter', 'export', 'proj');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toBe('Lệnh “chapter” chỉ có “import”: suquan chapter import DIR --book ID FILE.(md|docx) [--split] [--json]\n');
  });
});
