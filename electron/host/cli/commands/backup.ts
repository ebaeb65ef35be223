import path from 'node:path';
import type { ArchiveProgress } from '../../../core/backup/archiveWriter';
import { writeProjectArchive } from '../../../core/backup/archiveWriter';
import type { CliCommand, CliContext } from '../command';
import { requireFlag, UserFacingError } from '../command';
import { openProject } from '../projectClient';

export const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Progress lines at most once a second (and the last one), so a long copy shows it is alive. */
export function progressPrinter(ctx: CliContext, verb: string): (p: ArchiveProgress) => void {
  let last = 0;
  return (p) => {
    const t = Date.now();
    if (t - last < 1000 && p.done < p.total) return;
    last = t;
    ctx.info(`${verb}: ${p.done}/${p.total} mục, ${mb(p.bytesDone)}/${mb(p.bytesTotal)}`);
  };
}

/**
 * `suquan backup DIR --out FILE`: the whole project as one self-checking archive. Works while
 * the app has the project open (the database is copied with SQLite's online backup API); an
 * interrupted run is continued by the next one to the same FILE. `--max-rate BYTES` (per second)
 * keeps a copy to a slow disk from hogging the machine.
 */
export const backupCommand: CliCommand = {
  async run(ctx) {
    const out = path.resolve(requireFlag(ctx, 'out'));
    const rate = ctx.flags['max-rate'];
    const maxBytesPerSecond = rate === undefined ? undefined : Number(rate);
    if (maxBytesPerSecond !== undefined && !(maxBytesPerSecond > 0)) throw new UserFacingError('cli.bad-rate', 'Tốc độ ghi (--max-rate) phải là một số byte mỗi giây lớn hơn 0.');
    const p = await openProject(ctx.args[0], { command: 'backup', mode: 'read-if-held' });
    try {
      const r = await writeProjectArchive(p.app.session.require(), out, {
        onInfo: ctx.info,
        onProgress: progressPrinter(ctx, 'Đang sao lưu'),
        ...(maxBytesPerSecond ? { maxBytesPerSecond } : {}),
      });
      const resumed = r.resumedFromBytes > 0 ? ` (tiếp tục lần trước, giữ lại ${mb(r.resumedFromBytes)} đã ghi)` : '';
      return {
        human: `Đã sao lưu dự án vào ${out}${resumed}: cơ sở dữ liệu và ${r.originals} tệp gốc, ${mb(r.size)}, kèm mã SHA-256 của từng tệp để kiểm tra khi khôi phục.`,
        json: r,
      };
    } finally {
      p.close();
    }
  },
};
