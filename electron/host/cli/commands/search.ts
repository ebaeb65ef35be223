import type { CliCommand } from '../command';
import { UserFacingError } from '../command';
import { openProject } from '../projectClient';

/** `suquan search DIR WORDS...`: full-text search of the archive. */
export const searchCommand: CliCommand = {
  async run(ctx) {
    const query = ctx.args.slice(1).join(' ').trim();
    if (!query) throw new UserFacingError('cli.missing-query', 'Cần từ khóa để tìm: suquan search DIR từ khóa…');
    const p = await openProject(ctx.args[0], { command: 'search', mode: 'read-if-held' });
    try {
      const result = await p.api.archive.search({ query, limit: 100 });
      const lines = [`Tìm thấy ${result.total} tài liệu.`];
      for (const h of result.hits) {
        lines.push(`  #${h.documentId}  ${h.code ? `${h.code}  ` : ''}${h.title}  (trang ${h.pageSeq})`);
        if (h.snippet.text) lines.push(`      ${h.snippet.text.replace(/\s+/g, ' ')}`);
      }
      return { human: lines.join('\n'), json: result };
    } finally {
      p.close();
    }
  },
};
