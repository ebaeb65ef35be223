import { ProjectSession } from './electron/core/project/projectSession';
import { CitationIndex } from './electron/core/manuscript/citationIndex';
import { searchArchive } from './electron/core/search/archiveSearch';
const s = new ProjectSession(); const { db } = s.open(process.argv[2]!, {});
const ci = new CitationIndex(() => db);
let t = performance.now(); ci.search('x', 8); console.log('build', Math.round(performance.now() - t));
const rows: [string, number, number][] = [];
for (const typed of ['16-NQ/TU', 'nghị quyết 1954', 'Lò Văn Puộn', 'bao cao tinh hinh']) for (let i = 1; i <= typed.length; i++) {
  const q = typed.slice(0, i).trim(); if (!q) continue;
  let t0 = performance.now(); ci.search(q, 8); const a = performance.now() - t0;
  t0 = performance.now(); try { searchArchive(db, q, 5); } catch {} const b = performance.now() - t0;
  rows.push([q, Math.round(a), Math.round(b)]);
}
console.log(rows.filter((r) => r[1] + r[2] > 30).map((r) => r.join(' ')).join('\n'));
let t1 = performance.now(); db.prepare('SELECT c.id FROM catalogue c ORDER BY c.id DESC').pluck().all(); console.log('imported order', Math.round(performance.now() - t1));
