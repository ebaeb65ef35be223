import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../command';
import { requireFlag, UserFacingError } from '../command';
import { openProject } from '../projectClient';
import { usageOf } from './index';

/** `suquan chapter import DIR --book ID FILE`: a Markdown or Word draft as chapters; the host reads the file. */
export const chapterCommand: CliCommand = {
  async run(ctx) {
    const [sub, dir, file] = ctx.args;
    if (sub !== 'import') throw new UserFacingError('cli.bad-subcommand', `Lệnh “chapter” chỉ có “import”: ${usageOf('chapter')}`);
    const bookId = Number(requireFlag(ctx, 'book'));
    if (!Number.isInteger(bookId) || bookId <= 0) throw new UserFacingError('cli.bad-book', 'Mã sách (--book) phải là một số nguyên dương.');
    if (!file) throw new UserFacingError('cli.missing-file', 'Thiếu tệp bản thảo cần nhập (FILE.md hoặc FILE.docx).');
    // The host reads the file itself (the draft's bytes never cross the API); a missing or
    // unreadable file is said here, before the project is opened, in the CLI's own words.
    const draft = path.resolve(file);
    try {
      accessSync(draft, constants.R_OK);
    } catch (e) {
      throw new UserFacingError('cli.cannot-read', `Không đọc được tệp ${file}: ${(e as Error).message}.`);
    }
    const p = await openProject(dir, { command: 'chapter' });
    try {
      const r = await p.api.manuscript.importDraft({ bookId, path: draft, split: ctx.flags.split === true });
      for (const w of r.warnings) ctx.info(`Lưu ý: ${w}`);
      const lines = [`Đã nhập ${r.nodes.length} chương, ${r.footnotes} chú thích:`, ...r.nodes.map((n) => `  #${n.id}  ${n.title}`)];
      return { human: lines.join('\n'), json: { chapters: r.nodes.map((n) => ({ id: n.id, title: n.title })), footnotes: r.footnotes, warnings: r.warnings } };
    } finally {
      p.close();
    }
  },
};
