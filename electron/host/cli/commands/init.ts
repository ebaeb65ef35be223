import path from 'node:path';
import type { CliCommand } from '../command';
import { UserFacingError } from '../command';
import { connect } from '../projectClient';

/** `suquan init DIR`: a new, empty project folder (usage and summary in ./index.ts). */
export const initCommand: CliCommand = {
  async run(ctx) {
    const dir = ctx.args[0];
    if (!dir) throw new UserFacingError('cli.missing-dir', 'Thiếu đường dẫn thư mục dự án (DIR).');
    const title = typeof ctx.flags.title === 'string' ? ctx.flags.title : path.basename(path.resolve(dir));
    const p = connect('suquan init');
    try {
      const info = await p.api.project.create({ path: path.resolve(dir), title });
      return { human: `Đã tạo dự án "${info.title}" tại ${info.path}.`, json: info };
    } finally {
      p.close();
    }
  },
};
