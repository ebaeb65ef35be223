/**
 * Multi-page TIFF import time against the number of pages: a TIFF of 10, 50, 200 and 800 pages
 * through the real archive service (hash, store, every page decoded and its thumbnail made), and,
 * for comparison, the same pages opened by page number (`sharp(file, { page })`), which libvips
 * answers by counting every directory again: quadratic. The import walks the directories once
 * and decodes each page from a single-page copy (tiffPages.ts), so its time per page stays flat.
 *
 * Run: node --expose-gc --import tsx bench/tiffPages.bench.ts   (BENCH_TIFF_PAGES=10,50,200 for a quick run)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createClient } from '../shared/api/client';
import { createServices } from '../electron/core/services';

const COUNTS = (process.env.BENCH_TIFF_PAGES ?? '10,50,200,800').split(',').map(Number);
const W = 300;
const H = 420;
const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-bench-tiff-'));

/** A TIFF of `pages` pages (LZW, each page its own text lines), as a scanner's multi-page file. */
async function makeTiff(pages: number): Promise<Buffer> {
  const frames = await Promise.all(
    Array.from({ length: pages }, (_, i) => {
      const lines = Array.from({ length: 12 }, (_, l) => `<rect x="${20 + ((i + l) % 7) * 4}" y="${30 + l * 30}" width="${200 + ((i * l) % 11) * 6}" height="8" fill="#222"/>`).join('');
      return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#f4eddc"/>${lines}</svg>`))
        .flatten({ background: '#fff' })
        .raw()
        .toBuffer();
    }),
  );
  return sharp(Buffer.concat(frames), { raw: { width: W, height: H * pages, channels: 3, pageHeight: H } as never })
    .tiff({ compression: 'lzw' })
    .toBuffer();
}

const results: Record<string, unknown>[] = [];
const app = createServices({ defaultParent: work });
const api = createClient((s, m, a) => app.dispatch(s, m, a));
try {
  let n = 0;
  for (const pages of COUNTS) {
    const file = path.join(work, `${pages} trang.tif`);
    writeFileSync(file, await makeTiff(pages));
    await api.project.create({ path: path.join(work, `bench-${n++}`), title: 'Bench TIFF' });
    global.gc?.();
    let t = performance.now();
    const r = await api.archive.importPaths({ paths: [file] });
    const importMs = performance.now() - t;
    const outcome = r.outcomes[0]!;
    if (outcome.status !== 'imported' || outcome.pages !== pages) throw new Error(`import of ${pages} pages: ${JSON.stringify(outcome)}`);
    await api.project.close({});
    // The same pages opened by number, header only: what every page cost before.
    t = performance.now();
    for (let p = 0; p < pages; p++) await sharp(file, { page: p, limitInputPixels: false }).metadata();
    const byNumberMs = performance.now() - t;
    results.push({ pages, importS: +(importMs / 1000).toFixed(2), importMsPerPage: +(importMs / pages).toFixed(1), byPageNumberMetadataMsPerPage: +(byNumberMs / pages).toFixed(2) });
    process.stderr.write(`${JSON.stringify(results.at(-1))}\n`);
  }
} finally {
  await app.dispose();
  rmSync(work, { recursive: true, force: true });
}
const first = results[0] as { importMsPerPage: number };
const last = results.at(-1) as { importMsPerPage: number };
console.log(JSON.stringify({ width: W, height: H, results, perPageGrowth: +(last.importMsPerPage / first.importMsPerPage).toFixed(2) }, null, 2));
