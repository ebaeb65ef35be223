import path from 'node:path';
import type { CliCommand } from '../command';
import { UserFacingError } from '../command';
import { openProject } from '../projectClient';

/**
 * `suquan to-collect DIR [--json] [--out F.csv|F.xlsx]`: the documents the archive and the
 * manuscript cite by number-and-symbol that are not in the archive (cần sưu tầm), in code order,
 * with how often and where each is cited; --out writes the list as a spreadsheet.
 */
export const toCollectCommand: CliCommand = {
  async run(ctx) {
    const out = typeof ctx.flags.out === 'string' && ctx.flags.out ? path.resolve(ctx.flags.out) : null;
    if (ctx.flags.out !== undefined && !out) throw new UserFacingError('cli.missing-flag', 'Thiếu tên tệp sau --out.');
    const format = out ? (/\.csv$/i.test(out) ? 'csv' : /\.xlsx$/i.test(out) ? 'xlsx' : null) : null;
    if (out && !format) throw new UserFacingError('cli.bad-out', 'Tệp xuất (--out) phải có đuôi .csv hoặc .xlsx.');
    const p = await openProject(ctx.args[0], { command: 'to-collect', mode: 'read-if-held' });
    try {
      const list = await p.api.archive.toCollect({});
      if (out && format) await p.api.archive.exportToCollect({ format, path: out });
      const lines = [`${list.items.length} văn bản cần sưu tầm (${list.references} lần dẫn được đọc trong kho và bản thảo).`];
      for (const i of list.items) {
        const what = [i.typeName, i.issuerName, i.period, i.written && `ghi kèm: ${i.written}`].filter(Boolean).join(' · ');
        lines.push(`  ${i.code}${what ? `  ${what}` : ''}  — được dẫn ${i.count} lần ở ${i.placeCount} nơi`);
        for (const pl of i.places.slice(0, 5))
          lines.push(pl.kind === 'document' ? `      tài liệu #${pl.documentId} ${pl.title}, trang ${pl.pageSeq}${pl.count > 1 ? ` (${pl.count} lần)` : ''}` : `      sách «${pl.bookTitle}» › ${pl.nodeTitle}${pl.count > 1 ? ` (${pl.count} lần)` : ''}`);
        if (i.placeCount > 5) lines.push(`      … và ${i.placeCount - 5} nơi khác`);
      }
      if (out) lines.push(`Đã ghi danh sách ra ${out}.`);
      return { human: lines.join('\n'), json: out ? { ...list, out } : list };
    } finally {
      await p.app.dispose();
    }
  },
};
