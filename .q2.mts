import { ProjectSession } from './electron/core/project/projectSession';
import { CitationIndex } from './electron/core/manuscript/citationIndex';
const s = new ProjectSession(); const { db } = s.open(process.argv[2]!, {});
const ci = new CitationIndex(() => db);
ci.search('x', 8);
let t = performance.now(); for (let i = 0; i < 5; i++) (ci as any).refresh(); console.log('refresh', ((performance.now() - t) / 5).toFixed(1));
t = performance.now(); ci.search('16', 8); console.log('16', (performance.now() - t).toFixed(1));
t = performance.now(); ci.search('16', 8); console.log('16 again', (performance.now() - t).toFixed(1));
