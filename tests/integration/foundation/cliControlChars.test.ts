/**
 * File names and titles reach the terminal through the CLI, and they come from outside: a file
 * named with an ANSI colour sequence, or a project made elsewhere whose titles hold escape
 * sequences, a bell, a C1 CSI, a bidi override or a line break. Nothing of that may reach the
 * terminal as a control; --json stays faithful (the same strings read back) but escapes them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectSession } from '../../../electron/core/project/projectSession';
import { suquanCli, tempDir } from './helpers';

/** The bin rebuilds its bundle first when a source changed: the first command may take a while. */
const suquan = suquanCli({ timeoutMs: 120_000 });

/** Bytes no terminal output of the CLI may hold: C0 controls but tab and newline, DEL, C1, bidi overrides and isolates. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('what the CLI prints to a terminal', () => {
  it('imports a file named with an ANSI sequence; neither import nor list prints an ESC', () => {
    const dir = path.join(tempDir(), 'Dự án.suquan');
    expect(suquan('init', dir, '--title', 'Dự án thử').code).toBe(0);
    const file = path.join(tempDir(), '\u001b[31mBiên bản\u001b[0m họp chi bộ.txt');
    writeFileSync(file, 'Biên bản họp chi bộ ngày 3-2-1961.\n');

    const imported = suquan('import', dir, file);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout + imported.stderr).not.toMatch(CONTROL);

    const listed = suquan('list', dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain('\u001b');
    expect(listed.stdout).not.toMatch(CONTROL);
    expect(listed.stdout).toContain('#1  [31mBiên bản[0m họp chi bộ  (1 trang)');
    // The title was stored without the ESC (the storage seam), so --json holds none either.
    const json = JSON.parse(suquan('list', dir, '--json').stdout);
    expect(json.result.documents[0].title).toBe('[31mBiên bản[0m họp chi bộ');
  }, 180_000);

  it('a project made elsewhere with controls in its titles: list prints one clean line per document', () => {
    const dir = path.join(tempDir(), 'p.suquan');
    expect(suquan('init', dir).code).toBe(0);
    const file = path.join(tempDir(), 'a.txt');
    writeFileSync(file, 'Nội dung.\n');
    expect(suquan('import', dir, file).code).toBe(0);
    const crafted = 'Báo cáo\u001b[2J\u001b]0;pwned\u0007 năm \u009b31m1961\u202eFDP.exe\nCÂU GIẢ  #99  (9 trang)\r\u0085X';
    // Written past the services (which would drop the controls), as another program could.
    const session = new ProjectSession();
    session.open(dir).db.prepare('UPDATE documents SET title = ? WHERE id = 1').run(crafted);
    session.close();

    const listed = suquan('list', dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toMatch(CONTROL);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4); // project, count, the one document, books
    expect(lines[2]).toBe('  #1  Báo cáo năm 1961FDP.exe CÂU GIẢ  #99  (9 trang)  X  (1 trang)');

    // --json: the title reads back exactly as stored, yet the bytes printed hold no raw control.
    const r = suquan('list', dir, '--json');
    expect(r.stdout).not.toMatch(CONTROL);
    expect(JSON.parse(r.stdout).result.documents[0].title).toBe(crafted);
  }, 180_000);
});
