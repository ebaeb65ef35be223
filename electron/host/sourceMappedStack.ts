/**
 * Stack frames of the bundle (out/host/*.mjs) rewritten to the TypeScript sources, from the
 * source maps beside the bundle's files. Done here, when an error is logged, instead of with
 * Node's --enable-source-maps: that parses every loaded chunk's map (megabytes for the
 * typesetter's) at start-up, on every run, for the rare run that fails.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function sourceMappedStack(stack: string): string {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (file: string): SourceMap | null => {
    let map = maps.get(file);
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      } catch {
        map = null;
      }
      maps.set(file, map);
    }
    return map;
  };
  return stack.replace(/(file:\/\/[^\s()]+?\.mjs):(\d+):(\d+)/g, (frame, url: string, line: string, column: string) => {
    const file = fileURLToPath(url);
    const entry = mapOf(file)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry) || !entry.originalSource) return frame;
    // esbuild writes sources relative to the map's folder.
    const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
