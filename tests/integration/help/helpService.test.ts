/**
 * The help service with no project open (the welcome screen has help too): the guide's text, NFC
 * whatever the file's normalisation; the guide printed by the app's own typesetter into a PDF
 * that pdftotext reads back (title, chapter and section headings), written atomically where asked,
 * typeset once per guide content, and readable through the export file route the window uses.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../../shared/api/publish';
import { createHelpService } from '../../../electron/core/help/helpService';
import { resourcePath } from '../../../electron/core/resources';
import { createServices } from '../../../electron/core/services';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-help-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

/** A small guide of the same shape as the shipped one, written decomposed (NFD) on purpose. */
function writeGuide(name: string, extra = ''): string {
  const file = path.join(dir, name);
  const text = `---
title: "Hướng dẫn thử nghiệm"
subtitle: "Bản rút gọn cho kiểm thử"
trim: 145x205
toc: front
layout: history
---

# Bắt đầu {#bat-dau}

Sử Quán giữ mọi thứ trên máy này: không cần mạng, không cần tài khoản.

## Dự án mẫu {#du-an-mau}

Bấm «Mở dự án mẫu» ở màn hình đầu, hoặc chạy \`suquan sample THƯ_MỤC\`.

# Sao lưu và khôi phục {#sao-luu}

Sử Quán tự sao lưu khi mở dự án và cứ 30 phút khi đang soạn.${extra}

## Khôi phục {#khoi-phuc}

Chọn một bản sao lưu rồi bấm «Khôi phục».
`;
  writeFileSync(file, text.normalize('NFD'));
  return file;
}

describe('help service', () => {
  it('gives the guide as NFC text', async () => {
    const file = writeGuide('nfd.md');
    const help = createHelpService({ guidePath: () => file });
    const { markdown } = await help.guide({});
    expect(markdown).toBe(readFileSync(file, 'utf8').normalize('NFC'));
    expect(markdown).toContain('# Sao lưu và khôi phục {#sao-luu}');
    expect(markdown.normalize('NFC')).toBe(markdown);
    help.dispose();
  });

  it('says in one sentence when the guide file is missing', async () => {
    const help = createHelpService({ guidePath: () => path.join(dir, 'không-có.md') });
    expect(() => help.guide({})).toThrow(/Không tìm thấy tệp hướng dẫn .*không-có\.md/);
    await expect(help.printGuide({})).rejects.toMatchObject({ code: 'help.no-guide' });
  });

  it('prints the guide through the typesetter, once per content, and writes it where asked', async () => {
    const file = writeGuide('print.md');
    const help = createHelpService({ guidePath: () => file });
    const first = await help.printGuide({});
    expect(first).toMatchObject({ fileName: 'Hướng dẫn sử dụng Sử Quán.pdf', path: null });
    expect(first.pages).toBeGreaterThan(1);
    const kept = help.exportFile(first.exportId)!;
    expect(kept.mime).toBe('application/pdf');
    expect(readFileSync(kept.path).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(kept.path);
    for (const words of ['HƯỚNG DẪN THỬ NGHIỆM', 'Bắt đầu', 'Dự án mẫu', 'Sao lưu và khôi phục', 'Khôi phục', 'không cần tài khoản']) expect(text).toContain(words);
    expect(text).not.toContain('{#');

    // The same guide again: the same file, not typeset again; with a path, copied there whole.
    const target = path.join(dir, 'out', 'Hướng dẫn.pdf');
    const again = await help.printGuide({ path: target });
    expect(again.exportId).toBe(first.exportId);
    expect(again.path).toBe(target);
    expect(readFileSync(target)).toEqual(readFileSync(kept.path));
    expect(readdirSync(path.dirname(target))).toEqual(['Hướng dẫn.pdf']);

    // An edited guide is typeset again.
    writeGuide('print.md', ' Một câu thêm về bản sao lưu hằng ngày.');
    const edited = await help.printGuide({});
    expect(edited.exportId).not.toBe(first.exportId);
    expect(pdfText(help.exportFile(edited.exportId)!.path)).toContain('bản sao lưu hằng ngày');

    expect(help.exportFile('00000000-0000-0000-0000-000000000000')).toBeNull();
    help.dispose();
    expect(existsSync(kept.path)).toBe(false);
  });

  it('works with no project open, through the services the hosts use, on the shipped guide', async () => {
    const app = createServices();
    try {
      expect(app.session.isOpen).toBe(false);
      const guide = await app.dispatch('help', 'guide', {});
      expect(guide.ok).toBe(true);
      const markdown = (guide as { result: { markdown: string } }).result.markdown;
      expect(markdown).toBe(readFileSync(resourcePath('guide', 'huong-dan.md'), 'utf8').replace(/^\uFEFF/, '').normalize('NFC'));

      const printed = await app.dispatch('help', 'printGuide', {});
      expect(printed.ok, JSON.stringify(printed)).toBe(true);
      const file = (printed as { result: ExportedFile }).result;
      // The window reads it by the export route, with no project open.
      const served = await app.files.exportFile(file.exportId);
      expect(served.fileName).toBe('Hướng dẫn sử dụng Sử Quán.pdf');
      const text = pdfText(served.path);
      const title = /^title:\s*"?([^"\n]+)"?\s*$/m.exec(markdown)![1]!;
      expect(text.toLocaleLowerCase('vi')).toContain(title.toLocaleLowerCase('vi'));
      // Every chapter heading of the guide is printed (its `{#id}` is not).
      const chapters = [...markdown.matchAll(/^# (.+?)\s*\{#[\w-]+\}\s*$/gm)].map((m) => m[1]!);
      expect(chapters.length).toBeGreaterThanOrEqual(5);
      for (const c of chapters) expect(text.toLocaleLowerCase('vi')).toContain(c.toLocaleLowerCase('vi'));
      expect(text).not.toMatch(/\{#[\w-]+\}/);

      const bad = await app.dispatch('help', 'printGuide', { path: '' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'api.invalid-input' } });
    } finally {
      await app.dispose();
    }
  }, 60_000);
});
