/**
 * Import throughput: 1,000 scanned A4 pages at 300 dpi (2480×3508 JPEG) through the real
 * archive service (hash, store, decode check, thumbnail, database), and the same kind of pages
 * inside one 200-page scanned PDF. Prints one JSON object: pages per second and peak RSS, with a
 * baseline measured in the same run (read + SHA-256 + write only, the floor any import pays).
 *
 * Run: npx tsx bench/import.bench.ts   (BENCH_PAGES=200 for a quick run; node --expose-gc --import tsx
 * bench/import.bench.ts, as `npm run bench` does, makes the RSS figures cleaner)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { createClient } from '../shared/api/client';
import { createServices } from '../electron/core/services';

const PAGES = Number(process.env.BENCH_PAGES ?? 1000);
const PDF_PAGES = Number(process.env.BENCH_PDF_PAGES ?? 200);
const W = 2480;
const H = 3508;
const TARGET_PAGES_PER_SECOND = 20;

const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-bench-import-'));

/** A scan-like page: paper tone, text lines, sensor noise (≈ 0.4–0.5 MB as JPEG q80). */
async function basePage(seed: number): Promise<Buffer> {
  const lines = Array.from(
    { length: 60 },
    (_, i) => `<rect x="${200 + ((i + seed) % 5) * 10}" y="${300 + i * 50}" width="${1700 + ((i * seed) % 9) * 40}" height="18" fill="#2a2a2a"/>`,
  ).join('');
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#efe6cf"/>${lines}</svg>`);
  const noise = await sharp({ create: { width: W, height: H, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 12 } } })
    .raw()
    .toBuffer();
  return sharp(svg)
    .composite([{ input: noise, raw: { width: W, height: H, channels: 3 }, blend: 'soft-light' }])
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** The same picture with a different JPEG comment: different bytes and hash, same decoding work. */
function variant(base: Buffer, n: number): Buffer {
  const text = Buffer.from(`bench page ${n}`, 'ascii');
  const seg = Buffer.alloc(4 + text.length);
  seg[0] = 0xff;
  seg[1] = 0xfe;
  seg.writeUInt16BE(text.length + 2, 2);
  text.copy(seg, 4);
  return Buffer.concat([base.subarray(0, 2), seg, base.subarray(2)]);
}

/** Samples RSS while `fn` runs. */
async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMb: number; rssBeforeMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds: (performance.now() - t0) / 1000, peakRssMb: Math.round(peak / 1024 / 1024), rssBeforeMb: Math.round(before / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

async function newProject(name: string) {
  const app = createServices({ defaultParent: work } as Parameters<typeof createServices>[0]);
  const api = createClient((s, m, a) => app.dispatch(s, m, a));
  await api.project.create({ path: path.join(work, name), title: name });
  return { app, api };
}

/** Writes the page images and the PDF (not timed); nothing of them stays in memory. */
async function makeFixtures(): Promise<{ files: string[]; bytes: number; pdfFile: string }> {
  const bases = await Promise.all(Array.from({ length: 8 }, (_, i) => basePage(i + 1)));
  const scanDir = path.join(work, 'scans');
  mkdirSync(scanDir);
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < PAGES; i++) {
    const f = path.join(scanDir, `trang ${String(i + 1).padStart(4, '0')}.jpg`);
    const v = variant(bases[i % bases.length]!, i);
    bytes += v.length;
    writeFileSync(f, v);
    files.push(f);
  }
  const pdfDoc = await PDFDocument.create();
  for (let i = 0; i < PDF_PAGES; i++) {
    const img = await pdfDoc.embedJpg(variant(bases[i % bases.length]!, 100_000 + i));
    pdfDoc.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  const pdfFile = path.join(work, 'hồ sơ quét 200 trang.pdf');
  writeFileSync(pdfFile, await pdfDoc.save());
  return { files, bytes, pdfFile };
}

async function main() {
  const t0 = performance.now();
  const { files, bytes, pdfFile } = await makeFixtures();
  const fixtureSeconds = (performance.now() - t0) / 1000;

  // ---- baseline: read + SHA-256 + write a copy (what any import must do) ----
  const copyDir = path.join(work, 'copies');
  mkdirSync(copyDir);
  const baseline = await measured(async () => {
    for (const f of files) {
      const b = readFileSync(f);
      const sha = createHash('sha256').update(b).digest('hex');
      writeFileSync(path.join(copyDir, sha), b);
    }
  });
  rmSync(copyDir, { recursive: true, force: true });

  // ---- 1,000 JPEG pages ----
  const jpegProject = await newProject('jpeg.suquan');
  const jpeg = await measured(() => jpegProject.api.archive.importPaths({ paths: files }));
  const imported = jpeg.result.outcomes.filter((o) => o.status === 'imported').length;
  jpegProject.app.dispose();

  // ---- one 200-page scanned PDF ----
  const pdfProject = await newProject('pdf.suquan');
  const pdf = await measured(() => pdfProject.api.archive.importPaths({ paths: [pdfFile] }));
  const pdfOutcome = pdf.result.outcomes[0]!;
  const pdfDocInfo = pdfOutcome.status === 'imported' ? await pdfProject.api.archive.getDocument({ id: pdfOutcome.documentId }) : null;
  pdfProject.app.dispose();

  const jpegRate = imported / jpeg.seconds;
  const pdfPages = pdfOutcome.status === 'imported' ? pdfOutcome.pages : 0;
  const pdfRate = pdfPages / pdf.seconds;
  const report = {
    machine: { cpus: os.cpus().length, node: process.version },
    fixtures: { pages: PAGES, pageSize: `${W}x${H}`, meanJpegKb: Math.round(bytes / PAGES / 1024), pdfPages: PDF_PAGES, seconds: +fixtureSeconds.toFixed(1) },
    baselineHashStore: { pagesPerSecond: +(PAGES / baseline.seconds).toFixed(1), seconds: +baseline.seconds.toFixed(2) },
    jpegPages: {
      imported,
      seconds: +jpeg.seconds.toFixed(2),
      pagesPerSecond: +jpegRate.toFixed(1),
      peakRssMb: jpeg.peakRssMb,
      rssBeforeMb: jpeg.rssBeforeMb,
      vsBaseline: +(jpegRate / (PAGES / baseline.seconds)).toFixed(3),
      meetsTarget: jpegRate >= TARGET_PAGES_PER_SECOND,
    },
    scannedPdf: {
      pages: pdfPages,
      keptOriginalJpeg: pdfDocInfo ? pdfDocInfo.pages.filter((p) => p.imageKind === 'pdf-image').length : 0,
      seconds: +pdf.seconds.toFixed(2),
      pagesPerSecond: +pdfRate.toFixed(1),
      peakRssMb: pdf.peakRssMb,
      rssBeforeMb: pdf.rssBeforeMb,
      meetsTarget: pdfRate >= TARGET_PAGES_PER_SECOND,
    },
    targetPagesPerSecond: TARGET_PAGES_PER_SECOND,
  };
  console.log(JSON.stringify(report, null, 2));
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
