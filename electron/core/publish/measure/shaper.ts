import type { Font } from 'fontkit';
import type { FontFace, TypesetWorld } from '../world';
import type { Box, FaceId, Glue } from '../ir';
import { glyphBytes } from '../glyphs';

/** Ligatures off: a ligature glyph breaks text extraction and Vietnamese has no use for them. */
const FEATURES = { liga: false, clig: false, dlig: false, calt: false } as const;

interface Shaped {
  /** Width in thousandths of an em (kerning included). */
  w: number;
  tj: string;
}

/** A face in use: its font and the glyphs drawn with it (glyph id → text, for ToUnicode). */
export interface FaceUse {
  face: FontFace;
  used: Map<number, string>;
  /** Glyph id of the space, drawn between words so extractors see real spaces. */
  spaceGid: number;
  spaceW: number;
}

/**
 * Measures text with fontkit (kerning on, ligatures off) and caches the result per face and word:
 * a book has a few thousand distinct Vietnamese syllables, so shaping runs once per syllable.
 */
export interface Shaper {
  faces: FaceUse[];
  /** Face id for a family key and style. */
  face(family: string, bold?: boolean, italic?: boolean): FaceId;
  box(text: string, face: FaceId, size: number): Box;
  /**
   * A box whose glyphs are looked up later, in one batch with the other words of its face:
   * its width is 0 until resolve() runs. Body text uses this; call resolve() before reading widths.
   */
  lazy(text: string, face: FaceId, size: number): Box;
  resolve(): void;
  /** Lazy boxes of one face and size: the lookup for a run of text. */
  words(face: FaceId, size: number): (text: string) => Box;
  /** Boxes and glues are shared between every use of the same word: never mutate them (copy first). */
  /** Width of text (no cache entry needed by the caller). */
  width(text: string, face: FaceId, size: number): number;
  /** Inter-word glue for a face and size (TeX proportions: stretch 1/2, shrink 1/3 of a space). */
  glue(face: FaceId, size: number): Glue;
  /** Font metrics in em: ascender, descender (negative). */
  metrics(face: FaceId): { ascent: number; descent: number; capHeight: number };
}

export function createShaper(world: TypesetWorld): Shaper {
  const familyKeys = Object.keys(world.families);
  const faces: FaceUse[] = [];
  const cache = new Map<string, Shaped>();
  // Boxes per (face, size) table, then per text: no composite string key per word.
  const tables = new Map<number, Map<string, Box>>();
  const glues = new Map<number, Glue>();
  const tableOf = (face: FaceId, size: number): Map<string, Box> => {
    const k = face * 1e7 + Math.round(size * 1000);
    let t = tables.get(k);
    if (!t) tables.set(k, (t = new Map()));
    return t;
  };
  for (const key of familyKeys) {
    const fam = world.families[key]!;
    for (const face of [fam.regular, fam.bold, fam.italic, fam.boldItalic]) {
      const font = face.font;
      const sp = font.glyphForCodePoint(32);
      faces.push({ face, used: new Map(), spaceGid: sp.id, spaceW: (sp.advanceWidth * 1000) / font.unitsPerEm });
    }
  }

  /** Glyphs [from, to) of a fontkit run → width and TJ fragment; registers the glyphs used. */
  function encode(use: FaceUse, glyphs: { id: number; advanceWidth: number; codePoints: number[] }[], xAdvance: (i: number) => number, chars: string[] | null, from: number, to: number, scale: number): Shaped {
    let w = 0;
    let tj = '';
    let open = false;
    for (let i = from; i < to; i++) {
      const g = glyphs[i]!;
      // fontkit caches glyph objects with the code points of their first use, which may be empty
      // (a glyph reached through a substitution): with ligatures off and NFC text, glyph i is
      // character i, which is what ToUnicode should say.
      if (!use.used.has(g.id) || use.used.get(g.id) === '') use.used.set(g.id, chars ? chars[i]! : String.fromCodePoint(...g.codePoints));
      if (!open) {
        tj += '(';
        open = true;
      }
      tj += glyphBytes(g.id);
      const nominal = g.advanceWidth * scale;
      // The last glyph keeps its own advance: kerning with what follows the word is not the word's.
      const adv = i < to - 1 ? xAdvance(i) * scale : nominal;
      w += adv;
      const kern = Math.round((adv - nominal) * 10) / 10;
      if (kern !== 0) {
        tj += ')' + -kern;
        open = false;
      }
    }
    if (open) tj += ')';
    return { w, tj };
  }

  function shape(text: string, faceId: FaceId): Shaped {
    const key = faceId + '\u0001' + text;
    let s = cache.get(key);
    if (s) return s;
    const use = faces[faceId]!;
    const font: Font = use.face.font;
    const run = font.layout(text, FEATURES as unknown as Record<string, boolean>);
    const chars = [...text];
    s = encode(use, run.glyphs, (i) => run.positions[i]!.xAdvance, chars.length === run.glyphs.length ? chars : null, 0, run.glyphs.length, 1000 / font.unitsPerEm);
    cache.set(key, s);
    return s;
  }

  /**
   * Shapes many words of one face with a single fontkit call (words joined by spaces): fontkit's
   * cost is mostly per call, so this is several times faster than one call per word.
   */
  function shapeBatch(faceId: FaceId, texts: string[]): void {
    const use = faces[faceId]!;
    const font: Font = use.face.font;
    const scale = 1000 / font.unitsPerEm;
    for (let k = 0; k < texts.length; k += 400) {
      const chunk = texts.slice(k, k + 400);
      const joined = chunk.join(' ');
      const chars = [...joined];
      const run = font.layout(joined, FEATURES as unknown as Record<string, boolean>);
      if (run.glyphs.length !== chars.length) {
        for (const t of chunk) shape(t, faceId);
        continue;
      }
      let pos = 0;
      for (const t of chunk) {
        const n = [...t].length;
        cache.set(faceId + '\u0001' + t, encode(use, run.glyphs, (i) => run.positions[i]!.xAdvance, chars, pos, pos + n, scale));
        pos += n + 1;
      }
    }
  }

  const pending = new Map<FaceId, Set<string>>();
  let pendingBoxes: Box[] = [];

  return {
    faces,
    face(family, bold = false, italic = false) {
      let fi = familyKeys.indexOf(family);
      if (fi < 0) fi = 0;
      return fi * 4 + (bold ? 1 : 0) + (italic ? 2 : 0);
    },
    lazy(text, face, size) {
      const table = tableOf(face, size);
      let b = table.get(text);
      if (b) return b;
      const s = cache.get(face + '\u0001' + text);
      if (s) b = { t: 'box', face, size, text, w: (s.w * size) / 1000, tj: s.tj };
      else {
        b = { t: 'box', face, size, text, w: 0, tj: '' };
        let set = pending.get(face);
        if (!set) pending.set(face, (set = new Set()));
        set.add(text);
        pendingBoxes.push(b);
      }
      table.set(text, b);
      return b;
    },
    words(face, size) {
      const table = tableOf(face, size);
      return (text) => table.get(text) ?? this.lazy(text, face, size);
    },
    resolve() {
      if (pendingBoxes.length === 0) return;
      for (const [face, set] of pending) shapeBatch(face, [...set]);
      pending.clear();
      for (const b of pendingBoxes) {
        const s = shape(b.text, b.face);
        b.w = (s.w * b.size) / 1000;
        b.tj = s.tj;
      }
      pendingBoxes = [];
    },
    box(text, face, size) {
      const table = tableOf(face, size);
      let b = table.get(text);
      if (!b || (b.w === 0 && b.tj === '' && text !== '')) {
        const s = shape(text, face);
        if (b) {
          // A lazy box not resolved yet: resolve it in place.
          b.w = (s.w * size) / 1000;
          b.tj = s.tj;
        } else table.set(text, (b = { t: 'box', face, size, text, w: (s.w * size) / 1000, tj: s.tj }));
      }
      return b;
    },
    width(text, face, size) {
      return (shape(text, face).w * size) / 1000;
    },
    glue(face, size) {
      const key = face * 1e7 + Math.round(size * 1000);
      let g = glues.get(key);
      if (!g) {
        const w = (faces[face]!.spaceW * size) / 1000;
        g = { t: 'glue', w, stretch: w / 2, shrink: w / 3, face, size };
        glues.set(key, g);
      }
      return g;
    },
    metrics(face) {
      const f = faces[face]!.face.font;
      return { ascent: f.ascent / f.unitsPerEm, descent: f.descent / f.unitsPerEm, capHeight: f.capHeight / f.unitsPerEm };
    },
  };
}
