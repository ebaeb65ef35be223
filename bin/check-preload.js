#!/usr/bin/env node
// The built preload runs in Electron's sandbox, where require() knows only 'electron', 'events',
// 'timers' and 'url': anything else (a bundled import left external, such as 'zod') leaves
// window.suquan undefined and every call from the window fails. Run after `electron-vite build`.
//   node bin/check-preload.js [out/preload/index.cjs]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ALLOWED = new Set(['electron', 'events', 'timers', 'url']);

/** The modules a built CommonJS file requires that a sandboxed preload cannot load. */
export function forbiddenRequires(code) {
  const found = new Set();
  for (const m of code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) if (!ALLOWED.has(m[1].replace(/^node:/, ''))) found.add(m[1]);
  return [...found];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const file = path.resolve(process.argv[2] ?? path.join(root, 'out/preload/index.cjs'));
  let code;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    console.error(`preload: ${path.relative(root, file)} is missing; run \`npm run build:electron\` first.`);
    process.exit(1);
  }
  const bad = forbiddenRequires(code);
  if (bad.length) {
    console.error(`preload: ${path.relative(root, file)} requires ${bad.map((b) => `'${b}'`).join(', ')}; a sandboxed preload can load only ${[...ALLOWED].join(', ')}.`);
    process.exit(1);
  }
  console.log('preload: ok');
}
