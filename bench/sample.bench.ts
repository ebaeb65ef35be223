/**
 * How long a newcomer waits after "Mở dự án mẫu": the sample project built from resources/sample
 * (every scan typeset, rasterised and aged, imported with its thumbnail, described and given its
 * text; then the three books written), step by step, then each of its books exported to PDF as
 * the export button does. The first scan pays for loading pdf.js and the fonts once.
 *
 * Timings need an idle machine: `otherLoad` is the share of the cores something else used
 * meanwhile (from /proc/stat), and `timingsReliable` says whether it stayed low.
 *
 * Run: node --import tsx bench/sample.bench.ts
 */
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '../shared/api/client';
import type { Api } from '../shared/api/index';
import { buildSample } from '../electron/core/sample/buildSample';
import { createServices } from '../electron/core/services';

function cpuTicks(): { busy: number; total: number } {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const n = cpu!.trim().split(/\s+/).slice(1).map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - n[3]! - (n[4] ?? 0), total };
}

const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-bench-sample-'));
const dir = path.join(work, 'Dự án mẫu');
try {
  const ticks0 = cpuTicks();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const steps: { step: string; ms: number }[] = [];
  let last = t0;
  let lastStep = '';
  const built = await buildSample(dir, {
    onProgress: (p) => {
      const now = performance.now();
      if (lastStep) steps.push({ step: lastStep, ms: Math.round(now - last) });
      last = now;
      lastStep = p.step;
    },
  });
  const buildMs = Math.round(performance.now() - t0);

  const app = createServices({ defaultParent: work });
  const api = createClient((s, m, a) => app.dispatch(s, m, a)) as Api;
  const exports: { book: string; pages: number; ms: number }[] = [];
  try {
    await api.project.open({ path: dir, mode: 'write' });
    for (const b of await api.manuscript.listBooks({})) {
      const t = performance.now();
      const file = await api.publish.exportPdf({ bookId: b.id });
      exports.push({ book: b.title, pages: file.pages, ms: Math.round(performance.now() - t) });
    }
  } finally {
    await app.dispose();
  }

  const ticks1 = cpuTicks();
  const cpu = process.cpuUsage(cpu0);
  const ownShare = (cpu.user + cpu.system) / 1000 / ((ticks1.total - ticks0.total) * 10);
  const busyShare = (ticks1.busy - ticks0.busy) / (ticks1.total - ticks0.total);
  const otherLoad = Math.max(0, busyShare - ownShare);
  console.log(
    JSON.stringify(
      {
        built: { documents: built.documents, books: built.books, chapters: built.chapters },
        buildMs,
        perDocumentMs: Math.round(steps.filter((s) => s.step.startsWith('Tạo bản quét')).reduce((a, s) => a + s.ms, 0) / built.documents),
        steps,
        exports,
        otherLoad: Number(otherLoad.toFixed(2)),
        timingsReliable: otherLoad < 0.1,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
