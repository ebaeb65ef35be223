#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts (each prints one JSON object on stdout) under tsx,
// one after another so they don't compete for the two cores, and prints them as one JSON report.
// `npm run bench -- typeset` runs only the benchmarks whose file name contains "typeset".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';
const benches = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
const report = { machine: { node: process.version, platform: process.platform, cpus: (await import('node:os')).cpus().length }, results: {} };
let failed = false;
for (const file of benches) {
  process.stderr.write(`bench ${file}…\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'bench', file)], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  const name = file.replace(/\.bench\.ts$/, '');
  try {
    if (r.status !== 0) throw new Error(`exit ${r.status}`);
    const lines = r.stdout.trim().split('\n');
    report.results[name] = JSON.parse(lines.slice(lines.findIndex((l) => l.startsWith('{'))).join('\n'));
  } catch (e) {
    failed = true;
    report.results[name] = { error: String(e), stdout: r.stdout.slice(-2000) };
  }
}
console.log(JSON.stringify(report, null, 2));
process.exit(failed ? 1 : 0);
