/**
 * Contract of the `help` service: the user guide shipped with the app (resources/guide), to read
 * in the window and to print. It needs no open project: the welcome screen has help too.
 */
import { z } from 'zod';
import { method } from './contract';
import type { ExportedFile } from './publish';

/** The name the printed guide is offered under (the save dialog's suggestion, the download's name). */
export const GUIDE_PDF_NAME = 'Hướng dẫn sử dụng Sử Quán.pdf';

export const helpContract = {
  /** The guide's Markdown (NFC): headings carry `{#id}` attributes the window scrolls to. */
  guide: method<{ markdown: string }>()(z.object({})),
  /**
   * The guide typeset as a PDF by the app's own typesetter. The window reads the file like an
   * export (`files/export/<exportId>`, `suquan-file://export/<exportId>`); with `path` it is also
   * written there, atomically (the desktop's save dialog chose it).
   */
  printGuide: method<ExportedFile>()(z.object({ path: z.string().trim().min(1).max(4096).optional() })),
};
