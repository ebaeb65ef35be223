import path from 'node:path';
import type { CliCommand } from '../command';
import { UserFacingError } from '../command';
import { openProject } from '../projectClient';
import { recognitionSummary, recognizeWithProgress } from './ocr';

/** `suquan import DIR PATH...`: files and folders into the archive, one outcome per input; exit 2 if one was rejected. */
export const importCommand: CliCommand = {
  async run(ctx) {
    const [dir, ...files] = ctx.args;
    if (files.length === 0) throw new UserFacingError('cli.missing-files', 'Thiếu tệp cần nhập (FILE...).');
    const p = await openProject(dir, { command: 'import' });
    try {
      const report = await p.api.archive.importPaths({ paths: files.map((f) => path.resolve(f)), folderAsDocument: ctx.flags['folder-as-document'] === true });
      const lines = report.outcomes.map((o) => {
        const name = path.basename(o.input);
        if (o.status === 'imported') return `✓ ${name}: tài liệu số ${o.documentId}, ${o.pages} trang.`;
        if (o.status === 'duplicate') return `= ${name}: đã có trong kho (tài liệu số ${o.documentId}).`;
        return `✗ ${o.reason}`;
      });
      const rejected = report.outcomes.filter((o) => o.status === 'rejected').length;
      const imported = report.outcomes.filter((o) => o.status === 'imported').length;
      lines.push(`Đã nhập ${imported}/${report.outcomes.length} tệp${rejected ? `, ${rejected} tệp bị từ chối` : ''}.`);
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
