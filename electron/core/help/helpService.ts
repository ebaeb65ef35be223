/**
 * Implements the `help` contract: the user guide shipped in resources/guide/huong-dan.md, as text
 * for the window and as a PDF made by the app's own typesetter. Nothing here touches a project:
 * help is there on the welcome screen too.
 *
 * The printed guide is written to a folder of this process's own (not a project's cache/, which
 * may not exist), and the window reads it through the export file route like any export (see
 * services.ts: `files.exportFile` asks this service first). Typesetting the guide takes seconds,
 * so the PDF is kept for the session, keyed by the guide's content: an edited guide is typeset
 * again, an unchanged one never twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceImpl } from '../../../shared/api/contract';
import { GUIDE_PDF_NAME, type helpContract } from '../../../shared/api/help';
import type { ExportedFile } from '../../../shared/api/publish';
import { UserFacingError } from '../../../shared/errors';
import { replaceFile } from '../atomicFile';
import { resourcePath } from '../resources';

export interface HelpServiceOptions {
  /** The guide's Markdown file; resources/guide/huong-dan.md by default (tests name their own). */
  guidePath?: () => string;
}

export type HelpService = ServiceImpl<typeof helpContract> & {
  /** The printed guide's file, for the export file route; null for an id this service did not make. */
  exportFile(exportId: string): { path: string; mime: string; fileName: string } | null;
  /** Removes the printed guides of this session. */
  dispose(): void;
};

interface Printed {
  exportId: string;
  file: string;
  size: number;
  pages: number;
}

export function createHelpService(opts: HelpServiceOptions = {}): HelpService {
  const guidePath = opts.guidePath ?? (() => resourcePath('guide', 'huong-dan.md'));
  /** Typeset PDFs by the guide's content hash; a promise, so two clicks typeset once. */
  const printed = new Map<string, Promise<Printed>>();
  const byId = new Map<string, Printed>();
  let dir: string | null = null;

  function readGuide(): { file: string; markdown: string } {
    const file = guidePath();
    try {
      return { file, markdown: readFileSync(file, 'utf8').replace(/^\uFEFF/, '').normalize('NFC') };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new UserFacingError('help.no-guide', `Không tìm thấy tệp hướng dẫn ${file}; bản cài đặt Sử Quán có thể thiếu thư mục resources/guide.`);
      throw e;
    }
  }

  async function typesetGuide(file: string, markdown: string): Promise<Printed> {
    // Loaded on first print: the typesetter and its fonts cost nothing at start-up.
    const { bookFromMarkdown, typesetWithReport } = await import('../publish/index');
    const book = bookFromMarkdown(markdown, { baseDir: path.dirname(file) });
    const { pdf, pageCount } = await typesetWithReport(book);
    dir ??= mkdtempSync(path.join(os.tmpdir(), 'suquan-help-'));
    const exportId = randomUUID();
    const out = path.join(dir, `${exportId}.pdf`);
    replaceFile(out, (tmp) => writeFileSync(tmp, pdf));
    const done = { exportId, file: out, size: pdf.length, pages: pageCount };
    byId.set(exportId, done);
    return done;
  }

  return {
    guide() {
      return { markdown: readGuide().markdown };
    },
    async printGuide({ path: target }) {
      const { file, markdown } = readGuide();
      const hash = createHash('sha256').update(markdown).digest('hex');
      let job = printed.get(hash);
      if (!job) {
        job = typesetGuide(file, markdown);
        printed.set(hash, job);
        // A failed run is not kept: the next click tries again.
        job.catch(() => printed.delete(hash));
      }
      const done = await job;
      let written: string | null = null;
      if (target) {
        written = path.resolve(target);
        replaceFile(written, (tmp) => copyFileSync(done.file, tmp), { durable: true });
      }
      return { exportId: done.exportId, fileName: GUIDE_PDF_NAME, size: done.size, pages: done.pages, path: written } satisfies ExportedFile;
    },
    exportFile(exportId) {
      const done = byId.get(exportId);
      return done ? { path: done.file, mime: 'application/pdf', fileName: GUIDE_PDF_NAME } : null;
    },
    dispose() {
      printed.clear();
      byId.clear();
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}
