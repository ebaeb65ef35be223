import { UserFacingError, type CliCommand } from '../command';
import { filterFromFlags, hasFilterFlags, sortFromFlags } from '../catalogueFlags';
import { openProject } from '../projectClient';

/**
 * `suquan search DIR WORDS… [--type NQ] [--issuer TU] [--from 1945] [--to 1975-04] [--exact] [--sort …] [--json]`:
 * the archive searched as the catalogue is (whole syllables, exact spellings first, `-word`,
 * `OR`, `nghi*`), narrowed by the description's fields.
 */
export const searchCommand: CliCommand = {
  async run(ctx) {
    const words = ctx.args.slice(1).join(' ').trim();
    if (!words && !hasFilterFlags(ctx)) throw new UserFacingError('cli.missing-query', 'Cần từ khóa hoặc bộ lọc để tìm: suquan search DIR từ khóa… [--type NQ] [--from 1945] [--to 1975]');
    const filter = filterFromFlags(ctx, words);
    const sort = sortFromFlags(ctx, words ? { key: 'relevance', descending: false } : { key: 'date', descending: false });
    const p = await openProject(ctx.args[0], { command: 'search', mode: 'read-if-held' });
    try {
      const page = await p.api.catalogue.query({ filter, sort, offset: 0, limit: 100 });
      const lines = [`Tìm thấy ${page.totalIsExact ? '' : 'hơn '}${page.total} tài liệu${page.total > page.rows.length ? ` (hiện ${page.rows.length} tài liệu đầu)` : ''}.`];
      for (const r of page.rows) {
        const head = [r.code, r.date?.text, r.docType && !r.title.startsWith(r.docType) ? r.docType : ''].filter(Boolean).join('  ');
        lines.push(`  #${r.id}  ${head ? `${head}  ` : ''}${r.title}${r.hit ? `  (trang ${r.hit.pageSeq})` : ''}`);
        if (r.hit?.snippet.text) lines.push(`      ${r.hit.snippet.text.replace(/\s+/g, ' ')}`);
      }
      return { human: lines.join('\n'), json: page };
    } finally {
      p.close();
    }
  },
};
