import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { resourcePath } from '../resources';

/**
 * Everything the typesetter reads from outside the book: fonts, the clock, the producer name, the
 * printing condition.
 * The same book and the same world give a byte-identical PDF (STYLE.md §13).
 */
export interface TypesetWorld {
  /** Font families by key ("noto-serif", "liberation-serif"); four faces each. */
  families: Record<string, FontFamily>;
  /** Creation/modification date written into the PDF. */
  date: Date;
  producer: string;
  /** The printing condition a PDF/X print file is made for, with its ICC output profile. */
  outputIntent: OutputIntent;
}

/** A PDF/X output intent: a registered printing condition and the profile that describes it. */
export interface OutputIntent {
  /** OutputConditionIdentifier, as registered at the ICC ("FOGRA39"). */
  identifier: string;
  /** OutputCondition and Info: the condition in words. */
  condition: string;
  registry: string;
  /** The ICC output profile ('prtr'). */
  profile: Uint8Array;
}

/**
 * The shipped output intent: FOGRA39, offset on coated paper, the condition print shops take by
 * default (resources/icc/README.md: origin and licence). Black text stays DeviceGray, which a
 * CMYK condition prints on the black plate alone.
 */
const FOGRA39 = { identifier: 'FOGRA39', condition: 'Coated FOGRA39 (ISO 12647-2:2004/Amd 1)', registry: 'http://www.color.org', file: 'FOGRA39L_coated.icc' };

let intentCache: Promise<OutputIntent> | undefined;

function loadOutputIntent(): Promise<OutputIntent> {
  return (intentCache ??= readFile(resourcePath('icc', FOGRA39.file)).then((buf) => ({
    identifier: FOGRA39.identifier,
    condition: FOGRA39.condition,
    registry: FOGRA39.registry,
    profile: new Uint8Array(buf),
  })));
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
  /**
   * The date written into the PDF as its creation and modification date. Defaults to now, or to
   * SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) when that is set:
   * a print file says when it was made, and a build that must give the same bytes twice fixes
   * the clock from outside (tests pass the same world, or a date, to both runs).
   */
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
  const outputIntent = await loadOutputIntent();
  return {
    families,
    date: opts.date ?? worldDate(process.env.SOURCE_DATE_EPOCH),
    producer: 'Sử Quán',
    outputIntent,
  };
}

/**
 * The clock of a world: SOURCE_DATE_EPOCH when it holds a whole number of seconds, else now.
 * Milliseconds are dropped: PDF dates count whole seconds, and two worlds made in the same second
 * then write the same date.
 */
export function worldDate(sourceDateEpoch: string | undefined, now: number = Date.now()): Date {
  const epoch = sourceDateEpoch?.trim();
  if (epoch && /^\d{1,12}$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(Math.floor(now / 1000) * 1000);
}
