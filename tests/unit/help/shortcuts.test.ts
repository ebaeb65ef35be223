/**
 * The shortcuts sheet (renderer/help/shortcuts.ts) names every key the renderer handles: the
 * renderer's sources are read for the keys their handlers check (`e.key === 'F2'`,
 * `case 'ArrowRight':` in a `switch (e.key)`, with Ctrl/⌘ or Alt when the same line asks for
 * it), the editor's keymaps (`'Mod-Alt-f':` in addKeyboardShortcuts or a ProseMirror keymap) and
 * typed triggers (`text !== '@'`); a key handled there and missing from the sheet fails here.
 * Every label of the sheet has its Vietnamese and English text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpEn, helpVi } from '../../../renderer/help/helpMessages';
import { shortcutGroups } from '../../../renderer/help/shortcuts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'dist' || d.name === 'node_modules' ? [] : sources(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** 'Mod-Shift-z' / 'Shift-Enter' (ProseMirror's spelling) or 'Mod+Shift+Z' (the sheet's) → 'Mod+Shift+Z'. */
function normalise(combo: string): string {
  const parts = combo.split(/(?<=.)[-+](?=.)/);
  const key = parts.pop()!;
  const mods = new Set(parts.map((m) => (m === 'Ctrl' || m === 'Meta' ? 'Mod' : m)));
  return [...['Mod', 'Alt', 'Shift'].filter((m) => mods.has(m)), keyName(key)].join('+');
}

/** A KeyboardEvent.key as the sheet writes it. */
function keyName(key: string): string {
  // The shifted '-' zooms out like '-' itself: one key cap.
  const alias: Record<string, string> = { ' ': 'Space', '+': 'Plus', _: '-' };
  return alias[key] ?? (key.length === 1 ? key.toUpperCase() : key);
}

interface Handled {
  /** 'Mod+K', 'F2', 'Alt+ArrowUp'. */
  combo: string;
  /** true: the combo must be in the sheet as it is (a keymap); false: the key with at least these modifiers. */
  exact: boolean;
  where: string;
}

/** The keys one source file handles. */
function handledKeys(src: string, where: string): Handled[] {
  const out: Handled[] = [];
  // Keymaps: 'Mod-Alt-f': …, and bare Escape: () => … inside them.
  for (const m of src.matchAll(/['"]((?:Mod|Ctrl|Alt|Shift|Meta)-[^'"\s]+)['"]\s*:/g)) out.push({ combo: normalise(m[1]!), exact: true, where });
  for (const m of src.matchAll(/\b(Escape|Enter|Tab|Backspace|Delete|ArrowUp|ArrowDown|ArrowLeft|ArrowRight)\s*:\s*\(/g)) out.push({ combo: m[1]!, exact: true, where });
  // Handlers: e.key === 'x', line by line for the modifiers asked for on the same line.
  for (const line of src.split('\n')) {
    const mods = [/(?<!!)\be\.(ctrlKey|metaKey)\b|(?<![!\w.])mod\s*&&/.test(line) ? 'Mod' : '', /(?<!!)\be\.altKey\s*&&/.test(line) ? 'Alt' : ''].filter(Boolean);
    for (const m of line.matchAll(/\b(?:e|event|ev)\.key(?:\.toLowerCase\(\))?\s*[!=]==?\s*'([^']+)'/g)) out.push({ combo: [...mods, keyName(m[1]!)].join('+'), exact: false, where });
    for (const m of line.matchAll(/\btext\s*[!=]==\s*'(.)'/g)) out.push({ combo: m[1]!, exact: false, where });
  }
  // switch (e.key) { case 'ArrowRight': … }
  for (const s of src.matchAll(/switch\s*\((?:e|event)\.key\)\s*\{/g)) {
    const block = src.slice(s.index + s[0].length).split(/\bdefault\s*:/)[0]!;
    for (const m of block.matchAll(/\bcase\s+'([^']+)'\s*:/g)) out.push({ combo: keyName(m[1]!), exact: false, where });
  }
  return out;
}

const sheet = shortcutGroups.flatMap((g) => g.items.flatMap((s) => s.keys.map(normalise)));

function inSheet(h: Handled): boolean {
  if (h.exact) return sheet.includes(h.combo);
  const want = h.combo.split('+');
  const key = want.pop()!;
  return sheet.some((c) => {
    const have = c.split('+');
    return have.pop() === key && want.every((m) => have.includes(m));
  });
}

const handled = sources(path.join(root, 'renderer')).flatMap((file) => handledKeys(readFileSync(file, 'utf8'), path.relative(root, file)));

describe('shortcuts sheet', () => {
  it('finds the handlers it is meant to find (the reading works)', () => {
    const combos = handled.map((h) => h.combo);
    for (const c of ['F1', 'Mod+/', 'Mod+K', 'Mod+F', 'Mod+S', 'Mod+A', 'Alt+ArrowUp', 'F2', 'Delete', 'W', 'R', 'Mod+Alt+F', 'Mod+Enter', 'Mod+Shift+Z', 'Shift+Enter', '@']) expect(combos, c).toContain(c);
    // A new handler that the sheet does not name is caught.
    const made = handledKeys("if ((e.ctrlKey || e.metaKey) && e.key === 'j') go();\nif (e.key === 'F9') x();\nreturn { 'Mod-Shift-q': () => 1 };", 'made-up.ts');
    expect(made.filter((h) => !inSheet(h)).map((h) => h.combo)).toEqual(['Mod+Shift+Q', 'Mod+J', 'F9']);
  });

  it('lists every key the renderer handles', () => {
    const missing = handled.filter((h) => !inSheet(h)).map((h) => `${h.combo} (${h.where})`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('has every label in Vietnamese and English, and only known modifiers', () => {
    const lookup = (messages: object, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);
    for (const g of shortcutGroups) {
      for (const key of [g.title, ...g.items.map((s) => s.label)]) {
        expect(typeof lookup(helpVi, key), key).toBe('string');
        expect(typeof lookup(helpEn, key), key).toBe('string');
      }
      for (const s of g.items) for (const combo of s.keys) expect(normalise(combo), combo).toBe(combo);
    }
  });
});
