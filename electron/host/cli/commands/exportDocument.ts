import path from 'node:path';
import type { CliCommand } from '../command';
import { requireFlag, UserFacingError } from '../command';
import { openProject } from '../projectClient';

/** `suquan export-document DIR --document N --out F.pdf`: an archived document as a searchable PDF. */
export const exportDocumentCommand: CliCommand = {
  async run(ctx) {
    const documentId = Number(requireFlag(ctx, 'document'));
    if (!Number.isInteger(documentId) || documentId <= 0) throw new UserFacingError('cli.bad-document', 'Mã tài liệu (--document) phải là một số nguyên dương.');
    const out = path.resolve(requireFlag(ctx, 'out'));
    if (!/\.pdf$/i.test(out)) throw new UserFacingError('cli.bad-out', 'Tệp xuất (--out) phải có đuôi .pdf.');
    const p = await openProject(ctx.args[0], { command: 'export-document', mode: 'read-if-held' });
    try {
      const file = await p.api.publish.exportDocument({ documentId, path: out });
      return { human: `Đã xuất ${file.pages} trang của tài liệu số ${documentId} ra ${out} (PDF tìm kiếm được).`, json: { out, pages: file.pages, bytes: file.size } };
    } finally {
      await p.app.dispose();
    }
  },
};
