import path from 'node:path';
import type { CliCommand } from '../command';
import { UserFacingError } from '../command';

/** `suquan sample DIR`: the sample project, built into DIR (usage and summary in ./index.ts). */
export const sampleCommand: CliCommand = {
  async run(ctx) {
    const dir = ctx.args[0];
    if (!dir) throw new UserFacingError('cli.missing-dir', 'Thiếu đường dẫn thư mục cho dự án mẫu (DIR), ví dụ: suquan sample ~/"Dự án mẫu".');
    const { buildSample } = await import('../../../core/sample/buildSample');
    const started = performance.now();
    let last = '';
    const built = await buildSample(path.resolve(dir), {
      onProgress: (p) => {
        if (p.step !== last && p.done < p.total) ctx.info(`${p.step}…`);
        last = p.step;
      },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    return {
      human: [
        `Đã tạo dự án mẫu "${built.title}" tại ${built.path} trong ${seconds} giây: ${built.documents} tài liệu, ${built.books} cuốn sách, ${built.chapters} chương.`,
        `Mở nó: npm start -- --open "${built.path}", hoặc xem bằng suquan list "${built.path}".`,
      ].join('\n'),
      json: built,
    };
  },
};
