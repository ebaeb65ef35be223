/**
 * `suquan check DIR [--repair]`: fixity of the originals, the rows that name them and the
 * database's integrity, each bad row named by table, document and page. Leftovers of an
 * interrupted import or write are reported, not counted as damage; --repair removes them.
 * Exit 0 when the project is whole (leftovers or not), 2 when something is damaged or foreign.
 */
import type { FixityProblem } from '../../../../shared/api/archive';
import type { CliCommand } from '../command';
import { openProject } from '../projectClient';

const problemLabel = {
  missing: 'thiếu tệp gốc',
  changed: 'tệp gốc đã bị thay đổi (mã băm không khớp)',
  orphaned: 'tệp lạ (không phải tệp gốc của dự án)',
  unreadable: 'không đọc được tệp gốc',
  'invalid-hash': 'mã băm tệp không hợp lệ (không phải 64 chữ số thập lục phân; tệp này không được mở)',
  'no-file-row': 'trang trỏ tới một tệp gốc mà bảng files không ghi',
} as const;

/** "tài liệu #3 «Nghị quyết…» trang 1, 2" — where the user finds a damaged original. */
function pagesWhere(p: FixityProblem): string | null {
  if (!p.pages?.length) return null;
  const byDocument = new Map<number, { title: string; seqs: number[] }>();
  for (const pg of p.pages) {
    const d = byDocument.get(pg.documentId) ?? { title: pg.documentTitle, seqs: [] };
    d.seqs.push(pg.seq);
    byDocument.set(pg.documentId, d);
  }
  return [...byDocument].map(([id, d]) => `tài liệu #${id} «${d.title}» trang ${d.seqs.join(', ')}`).join('; ');
}

function where(p: FixityProblem): string {
  const pages = pagesWhere(p);
  if (p.row) return `bảng ${p.row.table}, giá trị «${p.row.value}» — ${pages ?? 'không trang nào dùng'}`;
  return pages ? `${pages} (${p.path})` : p.path;
}

/** `suquan check DIR [--repair]`. */
export const checkCommand: CliCommand = {
  async run(ctx) {
    const repair = ctx.flags.repair === true;
    const p = await openProject(ctx.args[0], { command: 'check', mode: 'read-if-held' });
    try {
      const report = await p.api.archive.check(repair ? { repair } : {});
      const mb = (report.bytesChecked / 1024 / 1024).toFixed(1);
      const lines = [`Đã kiểm tra ${report.filesChecked} tệp gốc (${mb} MB) trong ${(report.durationMs / 1000).toFixed(1)} giây.`];
      for (const pr of report.problems) lines.push(`✗ ${problemLabel[pr.problem]}: ${where(pr)}`);
      lines.push(report.database.ok ? '✓ Cơ sở dữ liệu: không có lỗi.' : `✗ Cơ sở dữ liệu có lỗi: ${report.database.messages.join('; ')}`);
      if (report.unreferenced.length) lines.push(`(${report.unreferenced.length} tệp gốc không còn trang nào dùng; vẫn được giữ lại.)`);
      if (report.leftoversRemoved) lines.push(`(Đã dọn ${report.leftoversRemoved} tệp do một lần nhập bị ngắt giữa chừng để lại; không tài liệu nào dùng chúng.)`);
      else if (report.leftovers.length) lines.push(`(${report.leftovers.length} tệp do một lần nhập bị ngắt giữa chừng để lại; không tài liệu nào dùng chúng, không phải lỗi; «suquan check --repair» dọn chúng.)`);
      if (report.tempFilesRemoved) lines.push(`(Đã dọn ${report.tempFilesRemoved} tệp tạm của một tiến trình đã dừng.)`);
      else if (report.tempFiles.length) lines.push(`(${report.tempFiles.length} tệp tạm của một tiến trình đã dừng, không phải lỗi; «suquan check --repair» dọn chúng: ${report.tempFiles.slice(0, 5).join(', ')}${report.tempFiles.length > 5 ? ', …' : ''}.)`);
      const damaged = report.problems.some((x) => x.problem !== 'orphaned') || !report.database.ok;
      lines.push(
        report.ok
          ? 'Kết quả: dự án toàn vẹn.'
          : damaged
            ? 'Kết quả: CÓ LỖI — hãy khôi phục các tệp trên từ bản sao lưu («suquan restore»), hoặc cứu dữ liệu bằng «suquan salvage».'
            : 'Kết quả: có tệp lạ trong thư mục files/ — chúng không thuộc dự án; hãy chuyển chúng ra ngoài.',
      );
      return { human: lines.join('\n'), json: report, exitCode: report.ok ? 0 : 2 };
    } finally {
      p.close();
    }
  },
};
