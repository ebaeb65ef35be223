#!/usr/bin/env node
// `npm run build:host`: bundles the Node-side hosts (the CLI, browser mode's web host, the service
// host) with esbuild into out/host/, so they start as plain JavaScript: no TypeScript compiled at
// run time. Code splitting turns every dynamic import() into a chunk loaded only when reached, so
// `suquan --help` loads the command table and nothing of the services or the typesetter.
//
// Usage: node bin/build-host.js [--quiet]   or   import { buildHost } from './build-host.js'
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Entry points: output name (under out/host/) → source. */
export const hostEntries = {
  cli: 'electron/host/cli/bin.ts',
  web: 'electron/host/web/main.ts',
  service: 'electron/host/service/main.ts',
  // The thread that prepares scans for OCR (electron/core/ocr/preparePool.ts finds it beside the chunks).
  'ocr-prepare': 'electron/core/ocr/prepareWorker.ts',
};

export const hostOutDir = path.join(root, 'out', 'host');

/**
 * Packages left to Node's own loader at run time, each for a reason:
 * - better-sqlite3, sharp: native addons (.node files found relative to their package).
 * - electron: never resolves under plain Node; the hosts must not import it (lint:layers), listed
 *   so that a mistake fails at run time with a clear message rather than at bundle time.
 * - pdfjs-dist: its legacy build starts a "fake worker" by importing pdf.worker.mjs next to itself,
 *   and reads fonts, CMaps and WASM decoders from its package folder (archive/pdf/pdfjs.ts).
 *   Bundled, the worker is not found and every PDF is rejected as damaged (tried). It is also
 *   2 MB that only PDFs need, and archive/pdf/pdfjs.ts loads it on demand already.
 * - @napi-rs/canvas: pdf.js's renderer, a native addon.
 * - tesseract.js: starts its workers from worker-script/ beside itself and loads its WebAssembly
 *   core (tesseract.js-core) by path; the Vietnamese model is found through node_modules too.
 */
export const hostExternal = ['better-sqlite3', 'sharp', 'electron', 'pdfjs-dist', '@napi-rs/canvas', 'tesseract.js'];

/**
 * fontkit imports brotli (1.3 MB of compiled-to-JavaScript C, a tenth of a second to load) to
 * read WOFF2 fonts; the fonts Sử Quán ships and embeds are TrueType. This stands in for it and
 * loads it from node_modules on first use, so `suquan typeset` does not pay for it on every run.
 */
const lazyBrotli = {
  name: 'lazy-brotli',
  setup(build) {
    build.onResolve({ filter: /^brotli\/decompress(\.js)?$/ }, (args) =>
      args.namespace === 'lazy-brotli' ? { path: args.path, external: true } : { path: 'brotli/decompress.js', namespace: 'lazy-brotli' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-brotli' }, () => ({
      contents: "let decompress; export default function lazyDecompress(...args) { decompress ??= require('brotli/decompress.js'); return decompress(...args); }",
      loader: 'js',
    }));
  },
};

/**
 * Bundles the hosts into out/host/*.mjs (ESM, Node 20, linked source maps so stacks in the log
 * point at the TypeScript sources). Resolves with the esbuild result; rejects on errors.
 */
export async function buildHost({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  const started = Date.now();
  // Built beside out/host and swapped in whole: a `suquan` running meanwhile (tests run several
  // at once) never reads a half-written file, and two builds at once do not mix their files.
  const staging = `${hostOutDir}.${process.pid}-${started}`;
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: hostEntries,
      outdir: staging,
      bundle: true,
      splitting: true,
      // Less to parse at every start (a few percent of a short run); names are kept, and the
      // log maps stacks back to the sources.
      minifyWhitespace: true,
      minifySyntax: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      sourcemap: 'linked',
      external: hostExternal,
      plugins: [lazyBrotli],
      // Bundled CommonJS packages call require() (for Node built-ins too); ESM has none of its own.
      banner: { js: "import { createRequire as __suquanCreateRequire } from 'node:module'; const require = __suquanCreateRequire(import.meta.url);" },
      logLevel: quiet ? 'error' : 'warning',
      metafile: true,
    });
    // What bin/suquan.js needs to tell a stale bundle: when the build started (a source saved
    // during the build is newer, so the next run rebuilds) and the project's files that went in
    // (a new source counts once a listed one imports it; packages count through package-lock.json).
    // (Virtual modules, "namespace:path", are no files.)
    const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/') && !/^[\w-]+:/.test(f));
    writeFileSync(path.join(staging, 'build.json'), JSON.stringify({ startedAt: started, entries: hostEntries, inputs }, null, 2) + '\n');
    swapIn(staging);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (!quiet) {
    const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.mjs'));
    const kb = outputs.reduce((n, [, o]) => n + o.bytes, 0) / 1024;
    process.stderr.write(`build:host: ${outputs.length} files, ${Math.round(kb)} KB in ${path.relative(root, hostOutDir)}/ (${Date.now() - started} ms)\n`);
  }
  return result;
}

/** Replaces out/host with the staged build by two renames (a directory cannot be renamed over a full one). */
function swapIn(staging) {
  const old = `${staging}.old`;
  try {
    renameSync(hostOutDir, old);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  try {
    renameSync(staging, hostOutDir);
  } catch (e) {
    // Another build swapped its own in between the two renames: it is as fresh as this one.
    if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
  }
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    await buildHost({ quiet: process.argv.includes('--quiet') });
  } catch {
    // esbuild has already printed what failed, with file and line.
    process.exit(1);
  }
}
