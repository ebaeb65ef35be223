import path from 'node:path';
import type { CliCommand } from '../command';
import { UserFacingError } from '../command';
import { openProject } from '../projectClient';

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
      return { human: lines.join('\n'), json: report, exitCode: rejected > 0 ? 2 : 0 };
    } finally {
      p.close();
    }
  },
};
