// The bundled hosts (out/host/*.mjs, made by bin/build-host.js): whether they are current, and
// making them so. Used by `suquan` (bin/suquan.js) and `npm start` / `npm run web` (bin/start.js).
// In a repository checkout a bundle is rebuilt when it is missing or older than one of its sources
// (the files listed in out/host/build.json, the build script, package-lock.json: a few
// milliseconds of file dates), so an edited source never runs stale and nobody has to remember
// `npm run build:host`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The bundle's build record, or null when there is no whole bundle. */
function buildRecord(bundle) {
  try {
    if (!existsSync(bundle)) return null;
    const record = JSON.parse(readFileSync(path.join(root, 'out', 'host', 'build.json'), 'utf8'));
    return typeof record.startedAt === 'number' && Array.isArray(record.inputs) ? record : null;
  } catch {
    return null;
  }
}

/** True when a source is newer than the build, or gone (a deleted source changed its importer). */
function isStale(record) {
  if (!record) return true;
  // Plain concatenation: the inputs are relative paths from esbuild, and path.join costs more
  // than the stat itself on this hot path.
  const changed = (f, ifGone) => (statSync(`${root}/${f}`, { throwIfNoEntry: false })?.mtimeMs ?? ifGone) > record.startedAt;
  return record.inputs.some((f) => changed(f, Infinity)) || changed('bin/build-host.js', 0) || changed('package-lock.json', 0);
}

/**
 * Makes sure out/host/<name>.mjs is there and current; returns its path. Exits 70 with one
 * sentence when it cannot be built.
 */
export async function ensureHostBundle(name) {
  const bundle = path.join(root, 'out', 'host', `${name}.mjs`);
  if (!existsSync(path.join(root, 'electron')) || !isStale(buildRecord(bundle))) return bundle;
  let buildHost = null;
  try {
    await import('esbuild');
    ({ buildHost } = await import('./build-host.js'));
  } catch {
    // No esbuild (installed without devDependencies): run the bundle there is, if any.
  }
  if (buildHost) {
    try {
      await buildHost({ quiet: true });
    } catch {
      // esbuild has printed the error with its file and line.
      process.exit(70);
    }
  } else if (!existsSync(bundle)) {
    process.stderr.write(`Chưa dựng ${path.relative(root, bundle)} và không có esbuild để dựng: hãy chạy "npm install" rồi "npm run build:host".\n`);
    process.exit(70);
  }
  return bundle;
}
