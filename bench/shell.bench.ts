/**
 * Benchmark of the desktop shell's promise (issue 9): the process that answers the window (the
 * Electron main process; here this bench process plays it, as browser mode's host does) stays
 * responsive while the services typeset a 600-page book and import 1,000 scans, because the
 * services run in their own process. Its event-loop delay is sampled (perf_hooks) during both,
 * beside the same work done in-process (how the shell worked before) for contrast.
 * Target: p99 < 50 ms with the service process. Prints one JSON object.
 * SUQUAN_BENCH_SCANS=N changes the number of scans (default 1000).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import type { WireResponse } from '../shared/api/contract';
import type { ServiceEvent } from '../shared/api/events';
import type { RichDoc } from '../shared/api/manuscript';
import type { Block, InlineRun as Run } from '../shared/book/model';
import { inProcessServices } from '../electron/core/remote/inProcessServices';
import type { ServiceConnection } from '../electron/core/remote/serviceConnection';
import { spawnServiceProcess } from '../electron/host/service/spawn';
import { generateBook } from '../tests/unit/publish/fixtures';

const SCANS = Number(process.env.SUQUAN_BENCH_SCANS ?? 1000);
const root = mkdtempSync(path.join(tmpdir(), 'suquan-shell-bench-'));

/** The typesetter benchmark's 600-page book, as chapters the editor would have saved. */
function chapters(): { title: string; doc: RichDoc }[] {
  const book = generateBook({ seed: 42, chapters: 12, sectionsPerChapter: 6, parasPerSection: 31, words: 100, footnoteRate: 0.5 });
  const inline = (runs: Run[]): unknown[] =>
    runs.flatMap((r): unknown[] => {
      if (r.kind === 'text') return r.text ? [{ type: 'text', text: r.text }] : [];
      if (r.kind === 'footnote') return [{ type: 'footnote', content: inline(r.content.flatMap((b) => ('runs' in b ? (b.runs as Run[]) : []))) }];
      return [];
    });
  const block = (b: Block): unknown[] => {
    if (b.kind === 'heading') return [{ type: 'heading', attrs: { level: 2 }, content: inline(b.runs) }];
    if (b.kind === 'paragraph') return [{ type: 'paragraph', content: inline(b.runs) }];
    return [];
  };
  return book.body.flatMap((d) => (d.kind === 'chapter' ? [{ title: d.title, doc: { type: 'doc', content: d.blocks.flatMap(block) } as RichDoc }] : []));
}

async function scans(): Promise<string> {
  const dir = path.join(root, 'scans');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < SCANS; i++) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="#f3ead6"/><rect x="${120 + (i % 50)}" y="160" width="900" height="24" fill="#222"/><rect x="120" y="260" width="${980 - (i % 300)}" height="14" fill="#333"/><rect x="${120 + (i % 40) * 20}" y="${400 + Math.floor(i / 40) * 40}" width="16" height="30" fill="#444"/></svg>`;
    await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(path.join(dir, `trang ${String(i + 1).padStart(4, '0')}.jpg`));
  }
  return dir;
}

async function call<T>(s: ServiceConnection, service: string, method: string, args: unknown): Promise<T> {
  const r: WireResponse = await s.dispatch(service, method, args);
  if (!r.ok) throw new Error(`${service}.${method}: ${r.error.message}`);
  return r.result as T;
}

/** Runs `work` while sampling this process's event-loop delay; returns ms figures. */
async function measured(work: () => Promise<void>) {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  await work();
  const seconds = (performance.now() - t0) / 1000;
  h.disable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return { seconds: Math.round(seconds * 100) / 100, p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) };
}

async function scenario(label: string, services: ServiceConnection, scanDir: string) {
  await call(services, 'project', 'create', { path: path.join(root, label), title: 'Bench' });
  const book = await call<{ id: number }>(services, 'manuscript', 'createBook', { kind: 'history', title: 'Lịch sử Đảng bộ huyện' });
  for (const ch of chapters()) {
    const node = await call<{ id: number; version: number }>(services, 'manuscript', 'addChapter', { bookId: book.id, title: ch.title });
    await call(services, 'manuscript', 'saveChapter', { id: node.id, baseVersion: node.version, doc: ch.doc });
  }
  let pages = 0;
  const exportDelay = await measured(async () => {
    pages = (await call<{ pages: number }>(services, 'publish', 'exportPdf', { bookId: book.id })).pages;
  });
  let imported = 0;
  let documents = 0;
  const importDelay = await measured(async () => {
    const { jobId } = await call<{ jobId: string }>(services, 'archive', 'startImport', { paths: [scanDir] });
    await new Promise<void>((resolve) => {
      const off = services.subscribe((e: ServiceEvent) => {
        if (e.job.jobId === jobId && e.job.state !== 'running') {
          imported = e.job.done;
          off();
          resolve();
        }
      });
    });
  });
  // Every scan is different: each is a document of its own, none a duplicate.
  documents = (await call<{ total: number }>(services, 'archive', 'listDocuments', {})).total;
  await call(services, 'project', 'close', {});
  return { export: { pages, ...exportDelay }, import: { scans: imported, documents, ...importDelay } };
}

const scanDir = await scans();
const child = await spawnServiceProcess({ defaultParent: root });
const separate = await scenario('separate', child, scanDir);
await child.dispose();
const local = inProcessServices({ defaultParent: root });
const inProcess = await scenario('in-process', local, scanDir);
await local.dispose();
rmSync(root, { recursive: true, force: true });

const target = 50;
console.log(
  JSON.stringify(
    {
      what: 'event-loop delay (ms) of the process answering the window while the services work',
      target: { p99Ms: target },
      serviceProcess: separate,
      inProcessForContrast: inProcess,
      met: separate.export.p99 < target && separate.import.p99 < target,
    },
    null,
    2,
  ),
);
