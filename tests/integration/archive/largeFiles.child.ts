/**
 * Run by largeFiles.test.ts in its own process (`node --import tsx largeFiles.child.ts FILE WORKDIR`)
 * so that the process's peak memory is the import's alone: creates a project in WORKDIR with the
 * real services, imports FILE by path, and prints one line of JSON with the outcome, the pages,
 * the time taken and the peak resident set size.
 */
import path from 'node:path';
import { createClient } from '../../../shared/api/client';
import { createServices } from '../../../electron/core/services';

const [file, workdir] = process.argv.slice(2);
if (!file || !workdir) throw new Error('usage: largeFiles.child.ts FILE WORKDIR');

const app = createServices({ defaultParent: workdir } as Parameters<typeof createServices>[0]);
const api = createClient((s, m, a) => app.dispatch(s, m, a));
const dir = path.join(workdir, 'Dự án lớn.suquan');
await api.project.create({ path: dir, title: 'Tệp lớn' });
const started = Date.now();
const { outcomes } = await api.archive.importPaths({ paths: [file] });
const importMs = Date.now() - started;
const outcome = outcomes[0]!;
const doc = outcome.status === 'imported' ? await api.archive.getDocument({ id: outcome.documentId }) : null;
await app.dispose();
const result = {
  dir,
  outcome,
  pages: doc?.pages.map((p) => ({ filePage: p.filePage, width: p.width, height: p.height, fileSha256: p.fileSha256, mime: p.mime })) ?? [],
  importMs,
  // ru_maxrss, in kilobytes.
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
