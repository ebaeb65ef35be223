/**
 * Every link from a screen into the user guide names a section the guide has: the empty screens'
 * `help="…"` (or the ids in `help={…}`), the welcome notes' `section="…"` and direct `openHelp('…')` calls, read from the
 * renderer's source, against the `{#id}` headings of resources/guide/huong-dan.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'dist' ? [] : sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('links into the guide', () => {
  const guide = readFileSync(path.join(root, 'resources/guide/huong-dan.md'), 'utf8');
  const ids = new Set([...guide.matchAll(/\{#([a-z0-9-]+)\}/g)].map((m) => m[1]));
  const links: { file: string; id: string }[] = [];
  for (const file of sources(path.join(root, 'renderer'))) {
    const text = readFileSync(file, 'utf8');
    const add = (id: string) => links.push({ file: path.relative(root, file), id });
    for (const m of text.matchAll(/\b(?:help|section)="([a-z0-9-]+)"|openHelp\('([a-z0-9-]+)'\)/g)) add((m[1] ?? m[2])!);
    // help={words ? 'toan-tu' : 'bo-loc'}: every id the expression may give.
    for (const m of text.matchAll(/\b(?:help|section)=\{([^}]*)\}/g)) for (const q of m[1]!.matchAll(/'([a-z0-9-]+)'/g)) add(q[1]!);
  }

  it('finds the links of the empty screens and the welcome notes', () => {
    const files = new Set(links.map((l) => l.file));
    for (const f of ['renderer/shell/FirstRunNotes.tsx', 'renderer/archive/ArchiveView.tsx', 'renderer/archive/NoMatches.tsx', 'renderer/names/NameRegistryView.tsx', 'renderer/books/BooksView.tsx']) expect(files).toContain(f);
  });

  it('each names a section of the guide', () => {
    const broken = links.filter((l) => !ids.has(l.id)).map((l) => `${l.file}: ${l.id}`);
    expect(broken).toEqual([]);
  });
});
