import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { resourcePath } from '../resources';

/**
 * Everything the typesetter reads from outside the book: fonts, the clock, the producer name.
 * The same book and the same world give a byte-identical PDF (STYLE.md §13).
 */
export interface TypesetWorld {
  /** Font families by key ("noto-serif", "liberation-serif"); four faces each. */
  families: Record<string, FontFamily>;
  /** Creation/modification date written into the PDF. */
  date: Date;
  producer: string;
}

export interface FontFamily {
  regular: FontFace;
  bold: FontFace;
  italic: FontFace;
  boldItalic: FontFace;
}

export interface FontFace {
  /** PostScript name, e.g. "NotoSerif-Regular". */
  name: string;
  bytes: Uint8Array;
  font: Font;
}

export interface LoadWorldOptions {
  /** Fixed date for the PDF metadata; defaults to 2026-01-01T00:00:00Z so output is reproducible. */
  date?: Date;
  /** Which families to load; defaults to all shipped serif families. */
  families?: string[];
}

/** Shipped families: key → [folder, file prefix]. */
const SHIPPED: Record<string, [string, string]> = {
  'noto-serif': ['noto-serif', 'NotoSerif'],
  'liberation-serif': ['liberation-serif', 'LiberationSerif'],
};

export const DEFAULT_FAMILY = 'liberation-serif';

export function shippedFamilies(): string[] {
  return Object.keys(SHIPPED);
}

const faceCache = new Map<string, Promise<FontFace>>();

async function loadFace(file: string): Promise<FontFace> {
  let p = faceCache.get(file);
  if (!p) {
    p = readFile(file).then((buf) => {
      const font = fontkit.create(buf) as Font;
      if (!('layout' in font)) throw new Error(`Font collection not supported: ${file}`);
      return { name: font.postscriptName, bytes: new Uint8Array(buf), font };
    });
    faceCache.set(file, p);
  }
  return p;
}

export async function loadWorld(opts: LoadWorldOptions = {}): Promise<TypesetWorld> {
  const keys = opts.families ?? Object.keys(SHIPPED);
  const families: Record<string, FontFamily> = {};
  for (const key of keys) {
    const entry = SHIPPED[key];
    if (!entry) throw new Error(`Unknown font family: ${key}`);
    const [dir, prefix] = entry;
    const f = (style: string) => loadFace(resourcePath('fonts', dir, `${prefix}-${style}.ttf`));
    const [regular, bold, italic, boldItalic] = await Promise.all([f('Regular'), f('Bold'), f('Italic'), f('BoldItalic')]);
    families[key] = { regular, bold, italic, boldItalic };
  }
  return {
    families,
    date: opts.date ?? new Date(Date.UTC(2026, 0, 1, 0, 0, 0)),
    producer: 'Sử Quán',
  };
}
