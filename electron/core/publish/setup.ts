import type { Book, PageSetup, TrimSize } from '../../../shared/book/model';

/** Points per millimetre. */
export const MM = 72 / 25.4;

/** Trim sizes in millimetres (width × height). */
export const TRIM_SIZES: Record<TrimSize, [number, number]> = {
  '145x205': [145, 205],
  '160x240': [160, 240],
  '190x270': [190, 270],
  A4: [210, 297],
  A5: [148, 210],
  B5: [176, 250],
};

/** Default margins (mm) per trim size: top, bottom, inner (binding side), outer. */
const DEFAULT_MARGINS: Record<TrimSize, PageSetup['margins']> = {
  '145x205': { top: 17, bottom: 19, inner: 19, outer: 15 },
  '160x240': { top: 20, bottom: 22, inner: 22, outer: 17 },
  '190x270': { top: 22, bottom: 24, inner: 24, outer: 19 },
  A4: { top: 25, bottom: 25, inner: 27, outer: 20 },
  A5: { top: 17, bottom: 19, inner: 19, outer: 15 },
  B5: { top: 21, bottom: 23, inner: 23, outer: 18 },
};

const DEFAULT_BODY: Record<TrimSize, number> = { '145x205': 11, A5: 11, '160x240': 11.5, B5: 11.5, '190x270': 12, A4: 12 };

/** A PageSetup with every field resolved and the derived geometry, in points. */
export interface ResolvedSetup extends PageSetup {
  pageWidth: number;
  pageHeight: number;
  /** Margins in points. */
  top: number;
  bottom: number;
  inner: number;
  outer: number;
  textWidth: number;
  textHeight: number;
  parIndent: number;
  chapterLabel: 'roman' | 'arabic';
  chapterOpening: 'recto' | 'any';
  tocDepth: number;
}

export function isTrimSize(s: string): s is TrimSize {
  return s in TRIM_SIZES;
}

export function resolveSetup(book: Book, families: string[], defaultFamily: string): ResolvedSetup {
  const s = book.setup ?? {};
  const trim: TrimSize = s.trim && isTrimSize(s.trim) ? s.trim : '145x205';
  const [wmm, hmm] = TRIM_SIZES[trim];
  const margins = { ...DEFAULT_MARGINS[trim], ...(s.margins ?? {}) };
  // Larger pages read better with larger type.
  const bodySize = s.bodySize ?? DEFAULT_BODY[trim];
  const leading = s.leading ?? Math.round(bodySize * 1.36 * 10) / 10;
  const footnoteSize = s.footnoteSize ?? Math.max(7, bodySize - 2);
  const footnoteLeading = s.footnoteLeading ?? Math.round(footnoteSize * 1.25 * 10) / 10;
  const fontFamily = s.fontFamily && families.includes(s.fontFamily) ? s.fontFamily : defaultFamily;
  const pageWidth = wmm * MM;
  const pageHeight = hmm * MM;
  const top = margins.top * MM;
  const bottom = margins.bottom * MM;
  const inner = margins.inner * MM;
  const outer = margins.outer * MM;
  return {
    trim,
    margins,
    bodySize,
    leading,
    footnoteSize,
    footnoteLeading,
    footnoteNumbering: s.footnoteNumbering ?? 'chapter',
    tocPosition: s.tocPosition ?? 'end',
    fontFamily,
    pageWidth,
    pageHeight,
    top,
    bottom,
    inner,
    outer,
    textWidth: pageWidth - inner - outer,
    textHeight: pageHeight - top - bottom,
    parIndent: s.parIndent ?? bodySize * 2,
    chapterLabel: s.chapterLabel ?? 'roman',
    chapterOpening: s.chapterOpening ?? 'recto',
    tocDepth: s.tocDepth ?? 2,
  };
}
