/**
 * Time bounds of the import (issue 10): a saved web page nested 100,000 elements deep imports
 * (flattened beyond 256 levels) within seconds instead of holding the service for minutes, and a
 * 3,000-page TIFF imports page by page, with job progress events naming the page, in time linear
 * in its pages (it was quadratic: 600 pages took 33 s).
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/api/events';
import { createClient } from '../../../shared/api/client';
import { createServices } from '../../../electron/core/services';
import { MAX_HTML_DEPTH } from '../../../electron/core/archive/importers/htmlDepth';
import { tempDir } from '../archive/fixtures';
import { writeRawTiff } from '../archive/rawTiff';

/** The deep page must be imported within this (measured 3.4 s on 2 cores, the event loop held 3 s at most). */
const DEEP_HTML_BOUND_MS = 20_000;
/** The 3,000-page TIFF must be imported within this (measured 9.5 s; 300 pages 1.1 s). */
const TIFF_3000_BOUND_MS = 60_000;

const closers: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of closers) await c();
});

/** The real services and contract client on a new project, with the job progress events they send. */
async function project() {
  const events: JobProgress[] = [];
  const app = createServices({ defaultParent: tempDir(), onEvent: (e) => events.push(e.job) } as Parameters<typeof createServices>[0]);
  const api = createClient((s, m, a) => app.dispatch(s, m, a));
  const dir = path.join(tempDir(), 'Giới hạn thời gian.suquan');
  await api.project.create({ path: dir, title: 'Giới hạn thời gian' });
  closers.push(() => app.dispose());
  return { app, api, events };
}

/** Imports one file through startImport, following the job to its end; also the longest the event loop was blocked. */
async function importTimed(api: Awaited<ReturnType<typeof project>>['api'], file: string) {
  let longestBlockMs = 0;
  let last = performance.now();
  const beat = setInterval(() => {
    const now = performance.now();
    longestBlockMs = Math.max(longestBlockMs, now - last - 50);
    last = now;
  }, 50);
  const started = performance.now();
  try {
    const { jobId } = await api.archive.startImport({ paths: [file] });
    for (;;) {
      const s = await api.archive.importStatus({ jobId });
      if (s.state !== 'running') return { status: s, ms: performance.now() - started, longestBlockMs };
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    clearInterval(beat);
  }
}

describe('import time bounds', () => {
  it(`imports a web page nested 100,000 elements deep within ${DEEP_HTML_BOUND_MS / 1000} s, its text whole`, async () => {
    const { api } = await project();
    const file = path.join(tempDir(), 'trang lồng sâu.html');
    const depth = 100_000;
    writeFileSync(
      file,
      `<!doctype html><html><head><meta charset="utf-8"><title>Bài lồng sâu</title></head><body>${'<div>'.repeat(depth)}<p>${'Nội dung bài viết về phong trào cách mạng của tỉnh. '.repeat(20)}</p>${'</div>'.repeat(depth)}<p>Đoạn cuối bài.</p></body></html>`,
    );
    const r = await importTimed(api, file);
    console.log(JSON.stringify({ deepHtml: { depth, importMs: Math.round(r.ms), longestEventLoopBlockMs: Math.round(r.longestBlockMs), keptDepth: MAX_HTML_DEPTH } }));
    expect(r.status.state).toBe('done');
    // Too large for Readability on the service's thread: read as plain text, and the outcome says so.
    expect(r.status.outcomes).toEqual([{ input: file, status: 'imported', documentId: expect.any(Number), pages: 1, warnings: [expect.stringContaining('quá phức tạp để tách riêng phần bài viết')] }]);
    const doc = await api.archive.getDocument({ id: (r.status.outcomes[0] as { documentId: number }).documentId });
    expect(doc.pages[0]!.text).toContain('Nội dung bài viết về phong trào cách mạng của tỉnh.');
    expect(doc.pages[0]!.text).toContain('Đoạn cuối bài.');
    expect(r.ms).toBeLessThan(DEEP_HTML_BOUND_MS);
    // The service stays responsive: its thread is never held for long (it was held for minutes).
    expect(r.longestBlockMs).toBeLessThan(DEEP_HTML_BOUND_MS / 2);
  }, 120_000);

  it(`imports a 3,000-page TIFF page by page within ${TIFF_3000_BOUND_MS / 1000} s, in time linear in its pages`, async () => {
    const { app, api, events } = await project();
    const dir = tempDir();
    closers.push(() => rmSync(dir, { recursive: true, force: true })); // ~90 MB of TIFF
    const pages = (n: number) => Array.from({ length: n }, (_, i) => ({ width: 80 + (i % 3), height: 110 }));
    const small = path.join(dir, 'hồ sơ 300 trang.tif');
    const big = path.join(dir, 'hồ sơ 3000 trang.tif');
    writeRawTiff(small, pages(300));
    writeRawTiff(big, pages(3000));

    const r300 = await importTimed(api, small);
    const r3000 = await importTimed(api, big);
    const perPage300 = r300.ms / 300;
    const perPage3000 = r3000.ms / 3000;
    // The progress events name the page being read: "hồ sơ 3000 trang.tif (trang 1234 trong số 3000)".
    const seen = events
      .filter((e) => e.kind === 'import')
      .map((e) => /\(trang (\d+) trong số 3000\)$/.exec(e.current ?? '')?.[1])
      .filter((p): p is string => p !== undefined)
      .map(Number);
    console.log(
      JSON.stringify({
        tiff: {
          pages300Ms: Math.round(r300.ms),
          pages3000Ms: Math.round(r3000.ms),
          msPerPage: { at300: +perPage300.toFixed(2), at3000: +perPage3000.toFixed(2) },
          progressEventsWithPage: seen.length,
          longestEventLoopBlockMs: Math.round(r3000.longestBlockMs),
        },
      }),
    );
    expect(r300.status.outcomes).toEqual([{ input: small, status: 'imported', documentId: expect.any(Number), pages: 300 }]);
    expect(r3000.status.outcomes).toEqual([{ input: big, status: 'imported', documentId: expect.any(Number), pages: 3000 }]);
    const doc = await api.archive.getDocument({ id: (r3000.status.outcomes[0] as { documentId: number }).documentId });
    expect(doc.pages.map((p) => p.filePage)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(doc.pages.slice(0, 3).map((p) => p.width)).toEqual([80, 81, 82]);
    // Page by page: several progress events, each further on.
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    // Viewing a late page does not read the whole file first: its preview is made from that page alone.
    const last = doc.pages[2999]!;
    const shown = performance.now();
    const image = await app.files.pageImageOf(last.id);
    expect(image.mime).toBe('image/png');
    const previewMs = performance.now() - shown;
    console.log(JSON.stringify({ tiffPreviewOfPage3000Ms: Math.round(previewMs) }));
    expect(previewMs).toBeLessThan(2000);
    // Linear: a page costs about the same in a file ten times longer (quadratic would be ~10 times more).
    expect(perPage3000).toBeLessThan(perPage300 * 2.5);
    expect(r3000.ms).toBeLessThan(TIFF_3000_BOUND_MS);
  }, 180_000);
});
