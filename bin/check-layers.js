#!/usr/bin/env node
// Import directions as errors, not conventions (DESIGN.md "Layers"):
//   shared/         imports only shared/ and pure packages (no node:, no electron, no DOM-only or native packages)
//   electron/core/  never imports electron, electron/app, electron/host or renderer
//   electron/host/  never imports electron, electron/app or renderer
//   renderer/       imports only renderer/ and shared/ (the API contract and pure types), never Node or core code
//   electron/app/   the only place 'electron' may be imported
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeBuiltins = /^(node:|fs$|path$|os$|crypto$|child_process$|http$|https$|net$|url$|util$|stream$|zlib$|worker_threads$)/;
const nativeOrNode = /^(better-sqlite3|sharp|pdf-lib|fontkit|pdfjs-dist|mammoth|docx|iconv-lite|linkedom|tsx|electron)(\/|$)/;
// The renderer may use browser libraries (pdf.js's browser build draws the export preview),
// never native modules, Node-only readers or the PDF writer the typesetter owns.
const notForRenderer = /^(better-sqlite3|sharp|pdf-lib|fontkit|mammoth|docx|iconv-lite|linkedom|tsx|electron|pdfjs-dist\/legacy)(\/|$)/;

const rules = [
  {
    dir: 'shared',
    check(spec, resolved) {
      if (nodeBuiltins.test(spec) || nativeOrNode.test(spec)) return 'shared/ must stay pure (no Node, no Electron, no I/O)';
      if (resolved && !resolved.startsWith(path.join(root, 'shared'))) return 'shared/ may import only shared/';
    },
  },
  {
    dir: 'electron/core',
    check(spec, resolved) {
      if (spec === 'electron' || spec.startsWith('electron/')) return "electron/core must run under plain Node: no 'electron'";
      if (resolved && /^(electron\/(app|host)|renderer)\//.test(path.relative(root, resolved))) return 'electron/core may import only shared/ and core';
    },
  },
  {
    dir: 'electron/host',
    check(spec, resolved) {
      if (spec === 'electron' || spec.startsWith('electron/')) return "electron/host runs under plain Node: no 'electron'";
      if (resolved && /^(electron\/app|renderer)\//.test(path.relative(root, resolved))) return 'electron/host may import only shared/, core and host';
    },
  },
  {
    dir: 'renderer',
    check(spec, resolved) {
      if (nodeBuiltins.test(spec) || notForRenderer.test(spec)) return 'renderer/ reaches services only through the API contract';
      if (resolved && !/^(renderer|shared|resources)\//.test(path.relative(root, resolved))) return 'renderer/ may import only renderer/ and shared/';
    },
  },
];

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) yield p;
  }
}

const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];
for (const rule of rules) {
  const base = path.join(root, rule.dir);
  let list;
  try {
    list = [...files(base)];
  } catch {
    continue;
  }
  for (const file of list) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const resolved = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
      const why = rule.check(spec, resolved);
      if (why) problems.push(`${path.relative(root, file)}: imports '${spec}' — ${why}`);
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`layers: ${problems.length} forbidden import(s)`);
  process.exit(1);
}
console.log('layers: ok');
