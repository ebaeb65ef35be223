import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../command';
import { requireFlag, UserFacingError } from '../command';
import { openProject } from '../projectClient';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'suquan export DIR --book ID [--chapter NODE_ID] --out FILE.pdf|FILE.docx [--json]',
  summary: 'Xuất một cuốn sách ra PDF để in hoặc ra Word (.docx) để thẩm định; --chapter: bản in thử của một chương hay một phần.',
  async run(ctx) {
    const bookId = Number(requireFlag(ctx, 'book'));
    if (!Number.isInteger(bookId) || bookId <= 0) throw new UserFacingError('cli.bad-book', 'Mã sách (--book) phải là một số nguyên dương.');
    const chapter = ctx.flags.chapter;
    const nodeId = chapter === undefined ? undefined : Number(chapter);
    if (nodeId !== undefined && (!Number.isInteger(nodeId) || nodeId <= 0)) throw new UserFacingError('cli.bad-chapter', 'Mã chương (--chapter) phải là một số nguyên dương.');
    const out = path.resolve(requireFlag(ctx, 'out'));
    const p = await openProject(ctx.args[0]);
    try {
      const word = /\.docx$/i.test(out);
      const input = { bookId, ...(nodeId ? { nodeId } : {}) };
      const file = word ? await p.api.publish.exportWord(input) : await p.api.publish.exportPdf(input);
      try {
        writeFileSync(out, file.bytes);
      } catch (e) {
        throw new UserFacingError('cli.cannot-write', `Không ghi được tệp ${out}: ${(e as Error).message}.`);
      }
      return { human: word ? `Đã xuất tệp Word ra ${out}.` : `Đã xuất ${file.pages} trang ra ${out}.`, json: { out, pages: file.pages, bytes: file.bytes.length } };
    } finally {
      p.close();
    }
  },
};
