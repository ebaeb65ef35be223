/**
 * What durable commits cost: the same chapter autosave (a 40-paragraph chapter, saved as the
 * editor saves it, through the real manuscript service) with SQLite's `synchronous = NORMAL`
 * (a commit may be lost to a power cut, never to a crash) and `FULL` (what the project uses: a
 * save the user was told about survives a power cut). Prints one JSON object: per-save times.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createManuscriptService } from '../electron/core/manuscript/manuscriptService';
import { ProjectSession } from '../electron/core/project/projectSession';
import { rng, sentence } from '../tests/unit/publish/fixtures';

const SAVES = 200;
const r = rng(11);

function chapter(edit: number) {
  return {
    type: 'doc' as const,
    content: Array.from({ length: 40 }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `${sentence(r, 60)} (${edit}.${i})` }] })),
  };
}

async function measure(mode: 'NORMAL' | 'FULL') {
  const session = new ProjectSession();
  session.create(path.join(mkdtempSync(path.join(tmpdir(), `suquan-durability-${mode}-`)), 'Dự án.suquan'), 'Bench');
  session.require().db.pragma(`synchronous = ${mode}`);
  const ms = createManuscriptService(session);
  const book = ms.createBook({ kind: 'history', title: 'Sách' }) as { id: number };
  const node = ms.addChapter({ bookId: book.id, title: 'Chương' }) as { id: number; version: number };
  let version = node.version;
  const times: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const doc = chapter(i);
    const t = performance.now();
    const saved = (await ms.saveChapter({ id: node.id, doc, baseVersion: version })) as { version: number };
    times.push(performance.now() - t);
    version = saved.version;
  }
  session.close();
  times.sort((a, b) => a - b);
  const at = (q: number) => Number(times[Math.floor(q * (times.length - 1))]!.toFixed(2));
  return { saves: SAVES, medianMs: at(0.5), p95Ms: at(0.95), worstMs: at(1) };
}

const normal = await measure('NORMAL');
const full = await measure('FULL');
console.log(JSON.stringify({ chapterSave: { normal, full, medianCostMs: Number((full.medianMs - normal.medianMs).toFixed(2)) } }, null, 2));
