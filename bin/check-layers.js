#!/usr/bin/env node
// Import directions as errors, not conventions (DESIGN.md "Layers"):
//   shared/         imports only shared/ and pure packages (no node:, no electron, no DOM-only or native packages)
//   electron/core/  never imports electron, electron/app, electron/host or renderer
//   electron/host/  never imports electron, electron/app or renderer
//   renderer/       imports only renderer/ and shared/ (the API contract and pure types), never Node or core code
//   electron/app/   the only place 'electron' may be imported
// And the renderer never calls the browser's own dialogs (window.prompt/alert/confirm): Electron
// does not implement window.prompt, and all three look foreign; it uses renderer/shell's dialogs.
//
// Usage: node bin/check-layers.js [root]   (root defaults to the repository; tests pass a temp dir)
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseSync } from 'vite';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeBuiltins = /^(node:|fs$|path$|os$|crypto$|child_process$|http$|https$|net$|url$|util$|stream$|zlib$|worker_threads$)/;
const nativeOrNode = /^(better-sqlite3|sharp|pdf-lib|fontkit|pdfjs-dist|mammoth|docx|iconv-lite|linkedom|tsx|electron)(\/|$)/;
// The renderer may use browser libraries (pdf.js's browser build draws the export preview),
// never native modules, Node-only readers or the PDF writer the typesetter owns.
const notForRenderer = /^(better-sqlite3|sharp|pdf-lib|fontkit|mammoth|docx|iconv-lite|linkedom|tsx|electron|pdfjs-dist\/legacy)(\/|$)/;

const layerRules = (root) => [
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

/** Forbidden imports under `root`, as "file: imports 'x' — why" lines. */
export function checkImports(root = repoRoot) {
  const problems = [];
  for (const rule of layerRules(root)) {
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
  return problems;
}

const browserDialogs = new Set(['prompt', 'alert', 'confirm']);
const globalObjects = new Set(['window', 'globalThis', 'self', 'top', 'parent']);

/** Every AST node below `node` (ESTree from vite's parser), parents before children. */
function* nodes(node) {
  if (Array.isArray(node)) for (const n of node) yield* nodes(n);
  else if (node && typeof node === 'object') {
    if (typeof node.type === 'string') yield node;
    for (const [key, value] of Object.entries(node)) if (key !== 'type' && value && typeof value === 'object') yield* nodes(value);
  }
}

/** The names a binding pattern (`x`, `{ a, b: [c] }`, `d = 1`, `...e`) declares. */
function* boundNames(pattern) {
  if (!pattern) return;
  if (pattern.type === 'Identifier') yield pattern.name;
  else if (pattern.type === 'ObjectPattern') for (const p of pattern.properties) yield* boundNames(p.type === 'RestElement' ? p.argument : p.value);
  else if (pattern.type === 'ArrayPattern') for (const e of pattern.elements) yield* boundNames(e);
  else if (pattern.type === 'AssignmentPattern') yield* boundNames(pattern.left);
  else if (pattern.type === 'RestElement') yield* boundNames(pattern.argument);
  else if (pattern.type === 'TSParameterProperty') yield* boundNames(pattern.parameter);
}

/** Names the file declares itself (variables, parameters, functions, classes, imports). */
function declaredNames(program) {
  const names = new Set();
  for (const n of nodes(program)) {
    if (n.type === 'VariableDeclarator') for (const name of boundNames(n.id)) names.add(name);
    else if (/Function/.test(n.type) && Array.isArray(n.params)) {
      if (n.id) names.add(n.id.name);
      for (const p of n.params) for (const name of boundNames(p)) names.add(name);
    } else if (n.type === 'ClassDeclaration' && n.id) names.add(n.id.name);
    else if (/^Import(Default|Namespace)?Specifier$/.test(n.type)) names.add(n.local.name);
    else if (n.type === 'CatchClause') for (const name of boundNames(n.param)) names.add(name);
  }
  return names;
}

/**
 * Uses of the browser's own dialogs in one TS/TSX file, as { line, name } (line from 1): any
 * window.prompt/alert/confirm (also globalThis./self., window['confirm'], called or not), and bare
 * prompt()/alert()/confirm() calls unless the file declares that name itself. Comments and UI
 * strings that mention them are not uses.
 */
export function findBrowserDialogs(text, fileName = 'file.tsx') {
  const lang = fileName.endsWith('.tsx') ? 'tsx' : 'ts';
  const { program, errors } = parseSync(fileName, text, { lang, sourceType: 'module' });
  if (errors.length && !program.body.length) throw new Error(`${fileName}: ${errors[0].message}`);
  const declared = declaredNames(program);
  const found = [];
  const lineOf = (offset) => text.slice(0, offset).split('\n').length;
  const dialogName = (member) =>
    !member.computed ? (member.property.type === 'Identifier' ? member.property.name : null) : member.property.type === 'Literal' && typeof member.property.value === 'string' ? member.property.value : null;
  for (const n of nodes(program)) {
    if (n.type === 'MemberExpression' && n.object.type === 'Identifier' && globalObjects.has(n.object.name) && browserDialogs.has(dialogName(n)))
      found.push({ line: lineOf(n.start), name: `${n.object.name}.${dialogName(n)}` });
    else if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && browserDialogs.has(n.callee.name) && !declared.has(n.callee.name))
      found.push({ line: lineOf(n.start), name: `${n.callee.name}()` });
  }
  return found.sort((x, y) => x.line - y.line);
}

/** Browser dialogs used under root/renderer, as "file:line: …" lines. */
export function checkBrowserDialogs(root = repoRoot) {
  const problems = [];
  let list;
  try {
    list = [...files(path.join(root, 'renderer'))];
  } catch {
    return problems;
  }
  for (const file of list) {
    for (const { line, name } of findBrowserDialogs(readFileSync(file, 'utf8'), file)) {
      problems.push(
        `${path.relative(root, file)}:${line}: uses ${name} — the renderer asks with its own dialogs (renderer/shell/ConfirmDialog.tsx, PromptDialog.tsx, the status bar); Electron has no window.prompt`,
      );
    }
  }
  return problems;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(process.argv[2] ?? repoRoot);
  const imports = checkImports(root);
  const dialogs = checkBrowserDialogs(root);
  if (imports.length || dialogs.length) {
    if (imports.length) {
      console.error(imports.join('\n'));
      console.error(`layers: ${imports.length} forbidden import(s)`);
    }
    if (dialogs.length) {
      console.error(dialogs.join('\n'));
      console.error(`layers: ${dialogs.length} use(s) of window.prompt/alert/confirm in renderer/`);
    }
    process.exit(1);
  }
  console.log('layers: ok');
}
