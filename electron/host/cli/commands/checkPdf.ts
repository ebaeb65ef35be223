import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand } from '../command';
import { UserFacingError } from '../command';
import { checkPdfx } from '../../../core/publish/pdfxCheck';

/**
 * `suquan check-pdf FILE.pdf`: is this a PDF/X-4 print file? Every rule checked is listed, passed
 * or not; exit 2 when one fails, so a script can stop before the file goes to the print shop.
 */
export const checkPdfCommand: CliCommand = {
  async run(ctx) {
    const file = ctx.args[0];
    if (!file) throw new UserFacingError('check-pdf.missing-file', 'Hãy cho biết tệp PDF cần kiểm tra, ví dụ: suquan check-pdf sach.pdf.');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch {
      throw new UserFacingError('check-pdf.file-not-found', `Không đọc được tệp "${file}": tệp không tồn tại hoặc không có quyền đọc.`);
    }
    const report = await checkPdfx(bytes);
    const failed = report.findings.filter((f) => !f.ok).length;
    const lines = report.findings.map((f) => `${f.ok ? '✓' : '✗'} [${f.rule}] ${f.message}`);
    lines.push(
      report.ok
        ? `Kết quả: ${path.basename(file)} đạt chuẩn PDF/X-4 (${report.findings.length} quy tắc đã kiểm tra).`
        : `Kết quả: ${path.basename(file)} CHƯA đạt chuẩn PDF/X-4: ${failed} trong ${report.findings.length} quy tắc không đạt.`,
    );
    return { human: lines.join('\n'), json: { file: path.resolve(file), ...report }, exitCode: report.ok ? 0 : 2 };
  },
};
