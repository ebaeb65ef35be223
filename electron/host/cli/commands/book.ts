import { bookKinds, type BookKind } from '../../../../shared/api/manuscript';
import type { CliCommand } from '../command';
import { requireFlag, UserFacingError } from '../command';
import { openProject } from '../projectClient';
import { usageOf } from './index';

/** `suquan book create DIR`: a new book of one of the three kinds. */
export const bookCommand: CliCommand = {
  async run(ctx) {
    const [sub, dir] = ctx.args;
    if (sub !== 'create') throw new UserFacingError('cli.bad-subcommand', `Lệnh “book” chỉ có “create”: ${usageOf('book')}`);
    const kind = requireFlag(ctx, 'kind');
    if (!(bookKinds as readonly string[]).includes(kind)) throw new UserFacingError('cli.bad-kind', `Loại sách (--kind) phải là một trong: ${bookKinds.join(', ')}.`);
    const title = requireFlag(ctx, 'title');
    const subtitle = typeof ctx.flags.subtitle === 'string' ? ctx.flags.subtitle : undefined;
    const p = await openProject(dir, { command: 'book' });
    try {
      const book = await p.api.manuscript.createBook({ kind: kind as BookKind, title, ...(subtitle ? { subtitle } : {}) });
      return { human: `Đã tạo sách số ${book.id}: ${book.title}.`, json: { id: book.id, kind: book.kind, title: book.title, subtitle: book.subtitle } };
    } finally {
      p.close();
    }
  },
};
