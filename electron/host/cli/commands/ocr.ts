import type { OcrJobStatus } from '../../../../shared/api/ocr';
import type { CliCommand, CliContext } from '../command';
import { UserFacingError } from '../command';
import { openProject, type CliProject } from '../projectClient';

/** "3,5,7" → [3, 5, 7]; one sentence for anything else. */
export function documentIdsFlag(value: string | boolean | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const ids = String(value).split(',').map((s) => Number(s.trim()));
  if (value === true || ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new UserFacingError('cli.bad-document', 'Mã tài liệu (--document) phải là số nguyên dương, nhiều số cách nhau bằng dấu phẩy (vd. --document 3,5).');
  }
  return ids;
}

/** Runs a recognition job, telling a human how far it is every few seconds; resolves with its end. */
export async function recognizeWithProgress(p: CliProject, ctx: CliContext, scope: { documentIds?: number[]; all?: boolean; redo?: boolean }): Promise<OcrJobStatus> {
  const { jobId, total } = await p.api.ocr.start({ scope: { redo: false, ...scope } });
  if (total > 0) ctx.info(`Nhận dạng chữ ${total} trang…`);
  let last = '';
  for (;;) {
    const s = await p.api.ocr.status({ jobId });
    if (s.state !== 'running') return s;
    const line = `Nhận dạng ${s.done}/${s.total} trang${s.etaSeconds !== null ? `, còn khoảng ${s.etaSeconds} giây` : ''}…`;
    if (line !== last && s.done > 0) ctx.info(line);
    last = line;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Lines telling what a recognition did. */
export function recognitionSummary(s: OcrJobStatus): string[] {
  const read = s.outcomes.filter((o) => o.status === 'recognised' || o.status === 'kept');
  const failed = s.outcomes.filter((o) => o.status === 'failed');
  const kept = s.outcomes.filter((o) => o.status === 'kept').length;
  const mean = read.length ? Math.round(read.reduce((n, o) => n + ('confidence' in o ? o.confidence : 0), 0) / read.length) : 0;
  const lines: string[] = [];
  for (const o of failed) if (o.status === 'failed') lines.push(`✗ ${o.reason}`);
  if (s.total === 0) lines.push(s.skipped ? `Không có trang nào cần nhận dạng (${s.skipped} trang đã có chữ).` : 'Không có trang ảnh nào để nhận dạng.');
  else lines.push(`Đã nhận dạng ${read.length}/${s.total} trang${read.length ? `, độ tin cậy trung bình ${mean}%` : ''}${s.state === 'cancelled' ? ' (đã dừng giữa chừng)' : ''}.`);
  if (kept) lines.push(`${kept} trang có chữ do người gõ nên giữ nguyên chữ, chỉ lưu vị trí các từ.`);
  if (s.skipped && s.total) lines.push(`${s.skipped} trang bỏ qua vì đã có chữ (gõ tay, chữ của tệp, hoặc đã nhận dạng; dùng --redo để nhận dạng lại).`);
  if (s.suggested.length) lines.push(`Có gợi ý thông tin (số, loại, cơ quan, ngày) cho tài liệu ${s.suggested.join(', ')}: mở tài liệu để xác nhận.`);
  if (s.error) lines.push(`✗ ${s.error}`);
  return lines;
}

/** `suquan ocr DIR [--document N,M] [--redo]`: recognise the text of scanned pages (all not yet recognised by default). */
export const ocrCommand: CliCommand = {
  async run(ctx) {
    const documentIds = documentIdsFlag(ctx.flags.document);
    const redo = ctx.flags.redo === true;
    const p = await openProject(ctx.args[0], { command: 'ocr' });
    try {
      const s = await recognizeWithProgress(p, ctx, documentIds ? { documentIds, redo } : { all: true, redo });
      const failed = s.outcomes.some((o) => o.status === 'failed') || s.state === 'failed';
      return { human: recognitionSummary(s).join('\n'), json: s, exitCode: failed ? 2 : 0 };
    } finally {
      await p.app.dispose();
    }
  },
};
