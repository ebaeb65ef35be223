#!/usr/bin/env node
// Type-checks each layer on its own, with only the types that layer may use
// (shared: no Node, no DOM; core/host: Node; renderer: DOM; app: the only place electron resolves).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const layers = ['shared', 'core', 'renderer', 'app', 'tests'];
let failed = false;
for (const layer of layers) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${layer}.json`], { stdio: 'inherit', cwd: root });
  const ok = r.status === 0;
  console.log(`typecheck ${layer}: ${ok ? 'ok' : 'FAILED'} (${Date.now() - started} ms)`);
  if (!ok) failed = true;
}
process.exit(failed ? 1 : 0);
