import type { CliCommand } from '../command';
import { openProject } from '../projectClient';

const problemLabel = {
  missing: 'thiếu tệp gốc',
  changed: 'tệp gốc đã bị thay đổi (mã băm không khớp)',
  orphaned: 'tệp lạ không có trong cơ sở dữ liệu',
  unreadable: 'không đọc được tệp gốc',
} as const;

/** `suquan check DIR`: fixity of the originals and the database's integrity; exit 2 on a problem. */
export const checkCommand: CliCommand = {
  async run(ctx) {
    const p = await openProject(ctx.args[0]);
    try {
      const report = await p.api.archive.check({});
      const mb = (report.bytesChecked / 1024 / 1024).toFixed(1);
      const lines = [`Đã kiểm tra ${report.filesChecked} tệp gốc (${mb} MB) trong ${(report.durationMs / 1000).toFixed(1)} giây.`];
      for (const pr of report.problems) lines.push(`✗ ${problemLabel[pr.problem]}: ${pr.path}`);
      lines.push(report.database.ok ? '✓ Cơ sở dữ liệu: không có lỗi.' : `✗ Cơ sở dữ liệu có lỗi: ${report.database.messages.join('; ')}`);
      if (report.unreferenced.length) lines.push(`(${report.unreferenced.length} tệp gốc không còn trang nào dùng; vẫn được giữ lại.)`);
      lines.push(report.ok ? 'Kết quả: dự án toàn vẹn.' : 'Kết quả: CÓ LỖI — hãy khôi phục các tệp trên từ bản sao lưu.');
      return { human: lines.join('\n'), json: report, exitCode: report.ok ? 0 : 2 };
    } finally {
      p.close();
    }
  },
};
