import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeImage, suquanCli, tempDir } from './helpers';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
/** Where the CLI keeps its log during these tests (stateDir() is under XDG_CONFIG_HOME). */
const configHome = tempDir('suquan-cli-config-');
const logFile = path.join(configHome, 'suquan', 'logs', 'suquan.log');

/** Runs the real `suquan` bin as a user would. */
const suquan = suquanCli({ configHome, timeoutMs: 60_000 });

describe('the suquan CLI', () => {
  it('init, import, list and export, each with --json', async () => {
    const dir = path.join(tempDir(), 'Dự án CLI.suquan');
    const init = suquan('init', dir, '--title', 'Lịch sử Đảng bộ phường', '--json');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ ok: true, result: { title: 'Lịch sử Đảng bộ phường', path: dir } });

    const files = tempDir();
    const scan = path.join(files, 'trang quét 1.jpg');
    writeFileSync(scan, await makeImage('jpeg'));
    const bad = path.join(files, 'hỏng.png');
    writeFileSync(bad, Buffer.from('89504e470d0a1a0a0000', 'hex'));
    const imported = suquan('import', dir, scan, bad, '--json');
    expect(imported.code).toBe(2); // one file was rejected
    const report = JSON.parse(imported.stdout);
    expect(report.result.outcomes).toEqual([
      { input: scan, status: 'imported', documentId: 1, pages: 1 },
      { input: bad, status: 'rejected', reason: expect.stringContaining('hỏng.png') },
    ]);

    const listed = JSON.parse(suquan('list', dir, '--json').stdout);
    expect(listed.result.documents).toHaveLength(1);
    expect(listed.result.documents[0]).toMatchObject({ id: 1, title: 'trang quét 1', pageCount: 1 });

    const human = suquan('list', dir);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('#1  trang quét 1  (1 trang)');
  });

  it('exports a book made in the project', async () => {
    const dir = path.join(tempDir(), 'p');
    expect(suquan('init', dir).code).toBe(0);
    // Make a book through the same services (the book commands come with the manuscript work).
    const { connect } = await import('./helpers');
    const { app, api } = connect();
    await api.project.open({ path: dir });
    const book = await api.manuscript.createBook({ kind: 'history', title: 'Sách thử' });
    const ch = await api.manuscript.addChapter({ bookId: book.id, title: 'Chương đầu' });
    await api.manuscript.saveChapter({ id: ch.id, baseVersion: ch.version, doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nội dung chương đầu tiên.' }] }] } });
    app.dispose();
    const out = path.join(tempDir(), 'sách.pdf');
    const r = suquan('export', dir, '--book', String(book.id), '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result).toMatchObject({ out, pages: expect.any(Number) });
    // The same book as a Word file for reviewers: the extension chooses.
    const docx = path.join(tempDir(), 'sách.docx');
    const w = suquan('export', dir, '--book', String(book.id), '--out', docx);
    expect(w.code).toBe(0);
    expect(w.stdout).toContain(`Đã xuất tệp Word ra ${docx}.`);
    const mammoth = (await import('mammoth')).default;
    expect((await mammoth.extractRawText({ path: docx })).value).toContain('Nội dung chương đầu tiên.');
  });

  it('searches the archive without diacritics', () => {
    const dir = path.join(tempDir(), 's');
    expect(suquan('init', dir).code).toBe(0);
    const file = path.join(tempDir(), 'nghị quyết.txt');
    writeFileSync(file, 'Nghị quyết số 16-NQ/TW về xây dựng Đảng.');
    expect(suquan('import', dir, file).code).toBe(0);
    const r = suquan('search', dir, 'xay', 'dung', 'dang', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result).toMatchObject({ total: 1, totalIsExact: true, rows: [{ id: 1, title: 'nghị quyết', hit: { pageSeq: 1 } }] });
    expect(suquan('search', dir, 'khong', 'co').stdout).toContain('Tìm thấy 0 tài liệu.');
    const empty = suquan('search', dir);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr.trim()).toBe('Cần từ khóa hoặc bộ lọc để tìm: suquan search DIR từ khóa… [--type NQ] [--from 1945] [--to 1975]');
  });

  it('answers bad input with one clear sentence and a non-zero exit, never a stack trace', () => {
    const nowhere = path.join(tempDir(), 'không có');
    const cases: [string[], RegExp][] = [
      [['list', nowhere], /^Không có dự án Sử Quán nào ở .*không có\.\n$/],
      [['import', nowhere], /^Thiếu tệp cần nhập/],
      [['export', nowhere, '--book', 'abc', '--out', 'x.pdf'], /^Mã sách \(--book\) phải là một số nguyên dương\.\n$/],
      [['export', nowhere, '--book', '1'], /^Thiếu tham số --out\.\n$/],
      [['frobnicate'], /^Không có lệnh "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const r = suquan(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\s+at\s+\S+\s+\(/);
    }
    const json = suquan('list', nowhere, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'project.not-found' } });
  });

  it('runs from the bundle, and --help lists the commands', () => {
    const r = suquan('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Sử Quán — dòng lệnh\n/);
    for (const usage of ['suquan init DIR', 'suquan export DIR --book ID', 'suquan typeset FILE.md --out FILE.pdf']) expect(r.stdout).toContain(usage);
    expect(r.stdout).not.toContain('debug-crash');
    // bin/suquan.js ran (and if needed built) the bundle: plain JavaScript, no TypeScript at run time.
    expect(existsSync(path.join(root, 'out', 'host', 'cli.mjs'))).toBe(true);
    const direct = spawnSync(process.execPath, [path.join(root, 'out', 'host', 'cli.mjs'), '--help'], { encoding: 'utf8' });
    expect(direct.stdout).toBe(r.stdout);
    expect(suquan().code).toBe(1);
  });

  it('rebuilds the bundle only when one of its sources changed', () => {
    type BuildRecord = { startedAt: number; inputs: string[] };
    const record = () => JSON.parse(readFileSync(path.join(root, 'out', 'host', 'build.json'), 'utf8')) as BuildRecord;
    expect(suquan('--help').code).toBe(0);
    const first = record();
    // Every input is a file of the repository, so a fresh bundle is not rebuilt for a missing one.
    for (const f of first.inputs) expect(existsSync(path.join(root, f)), f).toBe(true);
    expect(suquan('--help').code).toBe(0);
    const second = record();
    // Another build may only come from a source saved meanwhile (others may be editing).
    if (second.startedAt !== first.startedAt) expect(first.inputs.some((f) => statSync(path.join(root, f)).mtimeMs > first.startedAt)).toBe(true);
  });

  it('answers a crash inside a command with one sentence, the stack in the log, and exit 70', () => {
    // debug-crash (hidden from --help) fails on purpose in each way a bug can.
    for (const how of ['throw', 'uncaught', 'rejection']) {
      const r = suquan('debug-crash', how);
      expect(r.code, how).toBe(70);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.at(-1)).toBe(`Lỗi nội bộ khi chạy lệnh “debug-crash”: lỗi thử (${how}) (chi tiết trong nhật ký ${logFile}).`);
      // The stack is on stderr and in the log, mapped to the TypeScript source.
      expect(r.stderr).toContain(path.join(root, 'electron', 'host', 'cli', 'commands', 'debugCrash.ts'));
    }
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/\[cli\] \[error\] Sử Quán · cli · cli\.debug-crash · .*\nError: lỗi thử \(throw\)\n\s+at .*debugCrash\.ts:\d+:\d+/);
    expect(log).toContain('cli.debug-crash, uncaughtException');
    expect(log).toContain('cli.debug-crash, unhandledRejection');

    const json = suquan('debug-crash', 'uncaught', '--json');
    expect(json.code).toBe(70);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/^Lỗi nội bộ khi chạy lệnh “debug-crash”: lỗi thử \(uncaught\)/) } });
  });
});
