import { printable } from '../../../../shared/text/controlChars';
import type { CliCommand } from '../command';
import { openProject } from '../projectClient';

/**
 * `suquan list DIR`: the project's documents and books, one line each. A title is made one
 * printable line here (a line break inside it would print a line that looks like another
 * document); the CLI's output seam (main.ts) strips escape sequences from everything else.
 */
export const listCommand: CliCommand = {
  async run(ctx) {
    const p = await openProject(ctx.args[0], { command: 'list', mode: 'read-if-held' });
    try {
      const project = await p.api.project.current({});
      const documents = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await p.api.archive.listDocuments({ offset, limit: 1000 });
        documents.push(...page.items);
        if (documents.length >= page.total || page.items.length === 0) break;
      }
      const books = await p.api.manuscript.listBooks({});
      const lines = [`Dự án: ${printable(project?.title ?? '')} (${printable(project?.path ?? '')})`, `Tài liệu: ${documents.length}`];
      for (const d of documents) lines.push(`  #${d.id}  ${printable(d.title)}  (${d.pageCount} trang)`);
      lines.push(`Sách: ${books.length}`);
      for (const b of books) lines.push(`  #${b.id}  ${printable(b.title)}  (${b.chapterCount} chương)`);
      return { human: lines.join('\n'), json: { project, documents, books } };
    } finally {
      p.close();
    }
  },
};
