import { restoreProjectArchive } from '../../../core/backup/archiveRestore';
import type { CliCommand } from '../command';
import { requireFlag, UserFacingError } from '../command';
import { mb, progressPrinter } from './backup';

/**
 * `suquan restore FILE --to DIR`: a project archive back into a new folder, every member checked
 * against the manifest and the project checked as `suquan check` does before DIR appears.
 */
export const restoreCommand: CliCommand = {
  async run(ctx) {
    const file = ctx.args[0];
    if (!file) throw new UserFacingError('cli.missing-file', 'Thiếu tệp sao lưu cần khôi phục (FILE).');
    const to = requireFlag(ctx, 'to');
    const r = await restoreProjectArchive(file, to, { onProgress: progressPrinter(ctx, 'Đang khôi phục') });
    return {
      human: [
        `Đã khôi phục dự án vào ${r.path}: cơ sở dữ liệu và ${r.originals} tệp gốc (${mb(r.payloadBytes)}), tất cả khớp mã SHA-256 trong bản kê.`,
        `Đã kiểm tra ${r.check.filesChecked} tệp gốc và cơ sở dữ liệu: dự án toàn vẹn.`,
      ].join('\n'),
      json: r,
    };
  },
};
