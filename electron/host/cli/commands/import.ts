import path from 'node:path';
import { IMPORT_GROUPINGS, type ImportGrouping } from '../../../../shared/archive/pageSets';
import { printable } from '../../../../shared/text/controlChars';
import type { CliCommand, CliContext } from '../command';
import { UserFacingError } from '../command';
import { openProject } from '../projectClient';
import { recognitionSummary, recognizeWithProgress } from './ocr';

/** `--group folder|name|file` (or, as before, `--folder-as-document`): how files become documents. */
function groupingOf(ctx: CliContext): ImportGrouping {
  const g = ctx.flags.group;
  if (g === undefined) return ctx.flags['folder-as-document'] === true ? 'folder' : 'file';
  if (typeof g !== 'string' || !(IMPORT_GROUPINGS as readonly string[]).includes(g)) {
    throw new UserFacingError('cli.bad-group', 'Tham số --group phải là folder (mỗi thư mục một tài liệu), name (gộp trang theo tên tệp: NQ05_p1, NQ05_p2…) hoặc file (mỗi tệp một tài liệu).');
  }
  return g as ImportGrouping;
}

/** `suquan import DIR PATH...`: files and folders into the archive, one outcome per input; exit 2 if one was rejected. */
export const importCommand: CliCommand = {
  async run(ctx) {
    const [dir, ...files] = ctx.args;
    if (files.length === 0) throw new UserFacingError('cli.missing-files', 'Thiếu tệp cần nhập (FILE...).');
    const grouping = groupingOf(ctx);
    const p = await openProject(dir, { command: 'import' });
    try {
      const report = await p.api.archive.importPaths({ paths: files.map((f) => path.resolve(f)), grouping });
      const lines = report.outcomes.map((o) => {
        // One line each, whatever the file's name holds (a line break would print a false line).
        const name = printable(path.basename(o.input));
        const shown = 'title' in o && o.title ? `${printable(o.title)} (${name}…)` : name;
        if (o.status === 'imported') return [`✓ ${shown}: tài liệu số ${o.documentId}, ${o.pages} trang.`, ...(o.warnings ?? []).map((w) => `  ! ${w}`)].join('\n');
        if (o.status === 'duplicate') {
          const held = o.documents?.length ? o.documents.map((d) => `số ${d.id} «${d.title}»`).join(', ') : `số ${o.documentId}`;
          return `= ${shown}: đã có trong kho (tài liệu ${held}).`;
        }
        return `✗ ${o.reason}`;
      });
      const rejected = report.outcomes.filter((o) => o.status === 'rejected').length;
      const imported = report.outcomes.filter((o) => o.status === 'imported').length;
      lines.push(`Đã nhập ${imported}/${report.outcomes.length} mục${rejected ? `, ${rejected} tệp bị từ chối` : ''}.`);
      // --ocr: the scans just imported are read before the command ends.
      const documentIds = report.outcomes.flatMap((o) => (o.status === 'imported' ? [o.documentId] : []));
      const ocr = ctx.flags.ocr === true && documentIds.length ? await recognizeWithProgress(p, ctx, { documentIds }) : null;
      if (ocr) lines.push(...recognitionSummary(ocr));
      const ocrFailed = ocr ? ocr.state === 'failed' || ocr.outcomes.some((o) => o.status === 'failed') : false;
      return { human: lines.join('\n'), json: ocr ? { ...report, ocr } : report, exitCode: rejected > 0 || ocrFailed ? 2 : 0 };
    } finally {
      await p.app.dispose();
    }
  },
};
