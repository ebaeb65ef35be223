import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand } from '../command';
import { UserFacingError } from '../command';
import { bookFromMarkdown, typesetWithReport } from '../../../core/publish/index';
import { replaceFile } from '../../../core/atomicFile';
import { cannotWrite } from '../../../core/systemErrors';

/** `suquan typeset FILE.md --out FILE.pdf`: the typesetter on its own, from Markdown. */
export const typesetCommand: CliCommand = {
  async run(ctx) {
    const file = ctx.args[0];
    if (!file) throw new UserFacingError('typeset.missing-file', 'Hãy cho biết tệp Markdown cần dàn trang, ví dụ: suquan typeset sach.md --out sach.pdf.');
    const outFlag = ctx.flags.out;
    const out = typeof outFlag === 'string' && outFlag !== '' ? outFlag : file.replace(/\.(md|markdown|txt)$/i, '') + '.pdf';
    let src: string;
    try {
      src = await readFile(file, 'utf8');
    } catch {
      throw new UserFacingError('typeset.file-not-found', `Không đọc được tệp "${file}": tệp không tồn tại hoặc không có quyền đọc.`);
    }
    const started = performance.now();
    // What the reader printed otherwise than written or ignored, said before the long run starts.
    const warnings: string[] = [];
    const book = bookFromMarkdown(src, {
      baseDir: path.dirname(path.resolve(file)),
      warn: (w) => {
        warnings.push(w);
        ctx.info(`Lưu ý: ${w}`);
      },
    });
    const report = await typesetWithReport(book);
    // Whole or not at all: a full disk or a kill while writing leaves the PDF that was there before.
    try {
      replaceFile(path.resolve(out), (tmp) => writeFileSync(tmp, report.pdf), { durable: true });
    } catch (e) {
      throw cannotWrite(path.resolve(out), e) ?? new UserFacingError('typeset.cannot-write', `Không ghi được tệp PDF "${out}": kiểm tra thư mục và quyền ghi.`);
    }
    const ms = Math.round(performance.now() - started);
    const json = { file: path.resolve(file), out: path.resolve(out), pages: report.pageCount, bytes: report.pdf.length, trim: report.setup.trim, ms, warnings };
    return {
      human: `Đã dàn trang ${report.pageCount} trang (khổ ${report.setup.trim}) vào ${out} trong ${ms} ms.`,
      json,
    };
  },
};
