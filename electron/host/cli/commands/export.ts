import path from 'node:path';
import type { PreflightFinding } from '../../../../shared/api/publish';
import type { CliCommand } from '../command';
import { requireFlag, UserFacingError } from '../command';
import { openProject } from '../projectClient';

/** A finding as one line: "Chương II Năm 1951 · «…đoạn…» — lời nhắc". */
export function findingLine(f: PreflightFinding): string {
  const where = [f.chapterLabel, f.chapterTitle].filter(Boolean).join(' ');
  return `${where}${f.passage ? ` · «…${f.passage}…»` : ''} — ${f.message}`;
}

/**
 * `suquan export DIR --book ID --out F`: the host writes the PDF or Word file; the check before
 * printing first with --check; with --cover, the cover sheet instead of the book.
 */
export const exportCommand: CliCommand = {
  async run(ctx) {
    const bookId = Number(requireFlag(ctx, 'book'));
    if (!Number.isInteger(bookId) || bookId <= 0) throw new UserFacingError('cli.bad-book', 'Mã sách (--book) phải là một số nguyên dương.');
    const chapter = ctx.flags.chapter;
    const nodeId = chapter === undefined ? undefined : Number(chapter);
    if (nodeId !== undefined && (!Number.isInteger(nodeId) || nodeId <= 0)) throw new UserFacingError('cli.bad-chapter', 'Mã chương (--chapter) phải là một số nguyên dương.');
    const out = path.resolve(requireFlag(ctx, 'out'));
    const cover = ctx.flags.cover !== undefined && ctx.flags.cover !== false;
    if (cover && nodeId !== undefined) throw new UserFacingError('cli.cover-with-chapter', 'Bìa là của cả cuốn sách: không dùng --cover cùng với --chapter.');
    if (cover && !/\.pdf$/i.test(out)) throw new UserFacingError('cli.cover-not-pdf', 'Bìa chỉ xuất ra PDF: tệp --out phải có đuôi .pdf.');
    const p = await openProject(ctx.args[0], { command: 'export', mode: 'read-if-held' });
    try {
      if (cover) {
        // The host typesets the book to count its pages (the spine's width), then draws the cover.
        const file = await p.api.publish.exportCover({ bookId, path: out });
        return { human: `Đã xuất bìa sách ra ${out}.`, json: { out, pages: file.pages, bytes: file.size } };
      }
      const word = /\.docx$/i.test(out);
      const input = { bookId, ...(nodeId ? { nodeId } : {}) };
      // Kiểm tra trước khi in: the findings come first; the file is written all the same.
      const findings = ctx.flags.check ? (await p.api.publish.preflight(input)).findings : null;
      // The host writes the file (atomically); only a handle comes back.
      const file = word ? await p.api.publish.exportWord({ ...input, path: out }) : await p.api.publish.exportPdf({ ...input, path: out });
      const done = word ? `Đã xuất tệp Word ra ${out}.` : `Đã xuất ${file.pages} trang ra ${out}.`;
      const checked = findings === null ? [] : findings.length === 0 ? ['Kiểm tra trước khi in: không phát hiện vấn đề.'] : [`Kiểm tra trước khi in: ${findings.length} vấn đề.`, ...findings.map(findingLine)];
      return {
        human: [...checked, done].join('\n'),
        json: { out, pages: file.pages, bytes: file.size, ...(findings ? { findings } : {}) },
      };
    } finally {
      p.close();
    }
  },
};
