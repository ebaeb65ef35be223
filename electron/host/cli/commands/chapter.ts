import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../command';
import { requireFlag, UserFacingError } from '../command';
import { openProject } from '../projectClient';

export const chapterCommand: CliCommand = {
  name: 'chapter',
  usage: 'suquan chapter import DIR --book ID FILE.(md|docx) [--split] [--json]',
  summary: 'Nhập bản thảo Markdown (chú thích kiểu Pandoc) hoặc Word (.docx, có chú thích) thành chương; --split tách mỗi đề mục cấp 1 thành một chương.',
  async run(ctx) {
    const [sub, dir, file] = ctx.args;
    if (sub !== 'import') throw new UserFacingError('cli.bad-subcommand', `Lệnh “chapter” chỉ có “import”: ${this.usage}`);
    const bookId = Number(requireFlag(ctx, 'book'));
    if (!Number.isInteger(bookId) || bookId <= 0) throw new UserFacingError('cli.bad-book', 'Mã sách (--book) phải là một số nguyên dương.');
    if (!file) throw new UserFacingError('cli.missing-file', 'Thiếu tệp bản thảo cần nhập (FILE.md hoặc FILE.docx).');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(path.resolve(file)));
    } catch (e) {
      throw new UserFacingError('cli.cannot-read', `Không đọc được tệp ${file}: ${(e as Error).message}.`);
    }
    const p = await openProject(dir);
    try {
      const r = await p.api.manuscript.importDraft({ bookId, fileName: path.basename(file), bytes, split: ctx.flags.split === true });
      for (const w of r.warnings) ctx.info(`Lưu ý: ${w}`);
      const lines = [`Đã nhập ${r.nodes.length} chương, ${r.footnotes} chú thích:`, ...r.nodes.map((n) => `  #${n.id}  ${n.title}`)];
      return { human: lines.join('\n'), json: { chapters: r.nodes.map((n) => ({ id: n.id, title: n.title })), footnotes: r.footnotes, warnings: r.warnings } };
    } finally {
      p.close();
    }
  },
};
