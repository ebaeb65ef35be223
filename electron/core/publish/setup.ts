import type { Book, NamedTrimSize, PageSetup, TrimSize } from '../../../shared/book/model';
import { isSignature, MAX_BLEED_MM } from '../../../shared/book/printSettings';
import { isTrimSize, TRIM_SIZES, trimMillimetres } from '../../../shared/book/trim';

export { isTrimSize, parseTrim, TRIM_SIZES, trimMillimetres } from '../../../shared/book/trim';

/** Points per millimetre. */
export const MM = 72 / 25.4;

/** Default margins (mm) per trim size: top, bottom, inner (binding side), outer. */
const DEFAULT_MARGINS: Record<NamedTrimSize, PageSetup['margins']> = {
  '145x205': { top: 17, bottom: 19, inner: 19, outer: 15 },
  '160x240': { top: 20, bottom: 22, inner: 22, outer: 17 },
  '190x270': { top: 22, bottom: 24, inner: 24, outer: 19 },
  A4: { top: 25, bottom: 25, inner: 27, outer: 20 },
  A5: { top: 17, bottom: 19, inner: 19, outer: 15 },
  B5: { top: 21, bottom: 23, inner: 23, outer: 18 },
};

const DEFAULT_BODY: Record<NamedTrimSize, number> = { '145x205': 11, A5: 11, '160x240': 11.5, B5: 11.5, '190x270': 12, A4: 12 };

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
  /** Bleed beyond the trim on every side, mm (0: none). */
  bleed: number;
  /** Crop marks in a slug outside the bleed. */
  cropMarks: boolean;
  /** PDF/X-4 output (the default: the output intent is a few hundred bytes). */
  pdfx: boolean;
}

/** The named trim closest in area to a "WxH" one, whose default margins and type size it takes. */
function nearestNamed(w: number, h: number): NamedTrimSize {
  let best: NamedTrimSize = '145x205';
  for (const k of Object.keys(TRIM_SIZES) as NamedTrimSize[]) {
    const [a, b] = TRIM_SIZES[k];
    const [c, d] = TRIM_SIZES[best];
    if (Math.abs(a * b - w * h) < Math.abs(c * d - w * h)) best = k;
  }
  return best;
}

export function resolveSetup(book: Book, families: string[], defaultFamily: string): ResolvedSetup {
  const s = book.setup ?? {};
  const size = s.trim ? trimMillimetres(s.trim) : null;
  const trim: TrimSize = size ? s.trim! : '145x205';
  const [wmm, hmm] = size ?? TRIM_SIZES['145x205'];
  const named = isTrimSize(trim) ? trim : nearestNamed(wmm, hmm);
  const margins = { ...DEFAULT_MARGINS[named], ...(s.margins ?? {}) };
  // Larger pages read better with larger type.
  const bodySize = s.bodySize ?? DEFAULT_BODY[named];
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
    signature: isSignature(s.signature) ? s.signature : 2,
    bleed: Math.min(Math.max(s.bleed ?? 0, 0), MAX_BLEED_MM),
    cropMarks: s.cropMarks ?? false,
    pdfx: s.pdfx ?? true,
  };
}
