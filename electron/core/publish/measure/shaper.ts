import type { Font } from 'fontkit';
import type { FontFace, TypesetWorld } from '../world';
import type { Box, FaceId, Glue } from '../ir';

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
  const boxes = new Map<string, Box>();
  const glues = new Map<string, Glue>();
  for (const key of familyKeys) {
    const fam = world.families[key]!;
    for (const face of [fam.regular, fam.bold, fam.italic, fam.boldItalic]) {
      const font = face.font;
      const sp = font.glyphForCodePoint(32);
      faces.push({ face, used: new Map(), spaceGid: sp.id, spaceW: (sp.advanceWidth * 1000) / font.unitsPerEm });
    }
  }

  function shape(text: string, faceId: FaceId): Shaped {
    const key = faceId + '\u0001' + text;
    let s = cache.get(key);
    if (s) return s;
    const use = faces[faceId]!;
    const font: Font = use.face.font;
    const scale = 1000 / font.unitsPerEm;
    const run = font.layout(text, FEATURES as unknown as Record<string, boolean>);
    let w = 0;
    let tj = '';
    let open = false;
    // fontkit caches glyph objects with the code points of their first use, which may be empty
    // (a glyph reached through a substitution): with ligatures off and NFC text, glyph i is
    // character i, which is what ToUnicode should say.
    const chars = [...text];
    const oneToOne = chars.length === run.glyphs.length;
    for (let i = 0; i < run.glyphs.length; i++) {
      const g = run.glyphs[i]!;
      const pos = run.positions[i]!;
      if (!use.used.has(g.id) || use.used.get(g.id) === '') use.used.set(g.id, oneToOne ? chars[i]! : String.fromCodePoint(...g.codePoints));
      if (!open) {
        tj += '<';
        open = true;
      }
      tj += g.id.toString(16).padStart(4, '0');
      const adv = pos.xAdvance * scale;
      w += adv;
      const kern = Math.round((adv - g.advanceWidth * scale) * 10) / 10;
      if (kern !== 0 && i < run.glyphs.length - 1) {
        tj += '>' + -kern;
        open = false;
      }
    }
    if (open) tj += '>';
    s = { w, tj };
    cache.set(key, s);
    return s;
  }

  return {
    faces,
    face(family, bold = false, italic = false) {
      let fi = familyKeys.indexOf(family);
      if (fi < 0) fi = 0;
      return fi * 4 + (bold ? 1 : 0) + (italic ? 2 : 0);
    },
    box(text, face, size) {
      const key = face + '\u0001' + size + '\u0001' + text;
      let b = boxes.get(key);
      if (!b) {
        const s = shape(text, face);
        b = { t: 'box', face, size, text, w: (s.w * size) / 1000, tj: s.tj };
        boxes.set(key, b);
      }
      return b;
    },
    width(text, face, size) {
      return (shape(text, face).w * size) / 1000;
    },
    glue(face, size) {
      const key = face + '\u0001' + size;
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
