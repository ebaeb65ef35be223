import { salvageProject, type SalvageReport } from '../../../core/backup/salvage';
import type { CliCommand } from '../command';
import { requireFlag, UserFacingError } from '../command';

const tableNames: Record<string, string> = {
  project_meta: 'thông tin dự án',
  code_abbreviations: 'chữ viết tắt trong số ký hiệu',
  files: 'tệp gốc (bản ghi)',
  documents: 'tài liệu',
  pages: 'trang',
  books: 'sách',
  book_nodes: 'phần, chương',
  chapter_revisions: 'phiên bản chương',
  chapter_comments: 'nhận xét',
  index_names: 'tên riêng (bảng tra cứu)',
};
const reasons = { missing: 'thiếu tệp', changed: 'mã băm không khớp', unreadable: 'không đọc được' } as const;

/** "1–5, 8, 10–12" from sorted page numbers. */
function ranges(pages: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    out.push(j > i ? `${pages[i]}–${pages[j]}` : String(pages[i]));
    i = j;
  }
  return out.join(', ');
}

function pagesText(docs: { documentId: number; title: string | null; pages: number[] }[]): string[] {
  return docs.map((d) => `    tài liệu #${d.documentId}${d.title ? ` «${d.title}»` : ''}: trang ${ranges(d.pages)}`);
}

export function salvageSummary(r: SalvageReport): string {
  const lines = [`Đã cứu dữ liệu sang dự án mới ${r.path}.`];
  for (const t of r.tables) {
    if (t.expected === 0 && t.saved === 0) continue;
    const lost = t.expected !== null ? Math.max(0, t.expected - t.saved) : null;
    const of = t.expected !== null ? `/${t.expected}` : '';
    const tail = lost ? `, mất ${lost}` : t.unreadable.length ? `, có ${t.unreadable.length} vùng không đọc được` : '';
    lines.push(`  ${tableNames[t.table] ?? t.table}: giữ ${t.saved}${of} dòng${tail}`);
  }
  lines.push(`Tệp gốc: giữ ${r.originals.saved}${r.originals.lost.length ? `, mất ${r.originals.lost.length}` : ''}.`);
  for (const l of r.originals.lost) {
    lines.push(`  ✗ files/${l.sha256.slice(0, 2)}/${l.sha256} (${reasons[l.reason]})`);
    lines.push(...pagesText(l.documents));
  }
  if (r.lostPages.length) lines.push('Trang bị mất vì cơ sở dữ liệu hỏng:', ...pagesText(r.lostPages));
  lines.push(
    r.check.ok ? 'Dự án mới đã qua kiểm tra toàn vẹn.' : 'Dự án mới CHƯA qua kiểm tra toàn vẹn; hãy chạy «suquan check» để xem.',
    r.complete ? 'Không mất dữ liệu nào.' : 'Phần bị mất chỉ có thể lấy lại từ một bản sao lưu.',
  );
  if (!r.complete && r.newestBackup) {
    lines.push(`Dự án hỏng có bản sao lưu tự động trong thư mục backups/, mới nhất lúc ${r.newestBackup.createdAt} («${r.newestBackup.name}»); có thể mở dự án trong ứng dụng và khôi phục bản đó.`);
  }
  return lines.join('\n');
}

/** `suquan salvage DIR --to NEW`: every readable row and every intact original into a new project; exit 2 when something was lost. */
export const salvageCommand: CliCommand = {
  async run(ctx) {
    const dir = ctx.args[0];
    if (!dir) throw new UserFacingError('cli.missing-dir', 'Thiếu đường dẫn thư mục dự án bị hỏng (DIR).');
    const to = requireFlag(ctx, 'to');
    const r = await salvageProject(dir, to, { onInfo: ctx.info });
    return { human: salvageSummary(r), json: r, exitCode: r.complete && r.check.ok ? 0 : 2 };
  },
};
