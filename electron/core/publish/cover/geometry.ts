/**
 * The cover sheet's geometry: back, spine and front side by side at the trim size, with bleed
 * around the whole and, for crop marks, a slug beyond the bleed. Millimetres in, points out.
 */
import { UserFacingError } from '../../../../shared/errors';
import { sheetGeometry, type SheetGeometry } from '../draw/printMarks';
import { MM } from '../setup';

/** Paper thickness when the book names none: 80 g/m² offset, about 0.1 mm a leaf. */
export const DEFAULT_PAPER_THICKNESS = 0.1;
/** Below this the spine is too thin to print on (it would not sit on the fold): left blank. */
export const MIN_SPINE_TEXT_MM = 6;
/** Bleed of a cover when the book sets none: its ground is printed to the edge, so it always needs some. */
export const DEFAULT_COVER_BLEED = 3;

/**
 * The spine's width in millimetres: one leaf for every two pages, each `thickness` mm thick.
 * The cover's own board and glue are the print shop's to add; nothing else is.
 */
export function spineWidthMm(pages: number, thickness: number = DEFAULT_PAPER_THICKNESS): number {
  if (!Number.isFinite(thickness) || thickness <= 0) throw new UserFacingError('cover.bad-paper', 'Độ dày giấy phải lớn hơn 0 mm mỗi tờ (giấy offset 80 g/m² dày khoảng 0,1 mm).');
  if (!Number.isInteger(pages) || pages < 0) throw new Error(`spineWidthMm: bad page count ${pages}`);
  // Rounded to a thousandth of a millimetre: 0.1 × 3 is 0.30000000000000004 otherwise.
  return Math.round(Math.ceil(pages / 2) * thickness * 1000) / 1000;
}

/** Where everything is on the sheet, in points from the media box's top-left corner. */
export interface CoverGeometry {
  /** Media box: the sheet with bleed, and the slug when there are marks. */
  mediaWidth: number;
  mediaHeight: number;
  /** Trimmed cover: 2 × trim width + spine, by the trim height. */
  trim: { x: number; y: number; w: number; h: number };
  bleedBox: { x: number; y: number; w: number; h: number };
  bleed: number;
  /** Left edges of the back, spine and front panels, and their widths. */
  back: { x: number; w: number };
  spine: { x: number; w: number };
  front: { x: number; w: number };
  spineMm: number;
  /** The sheet as the book's pages have it (PDF boxes, crop marks beyond the bleed). */
  sheet: SheetGeometry;
}

export interface CoverGeometryInput {
  /** Trim size of the book, mm. */
  trimMm: [number, number];
  pages: number;
  paperThickness?: number;
  /** The book's bleed, mm (0 or absent: the cover's own default). */
  bleed?: number;
  cropMarks?: boolean;
}

export function coverGeometry(input: CoverGeometryInput): CoverGeometry {
  const [wMm, hMm] = input.trimMm;
  const spineMm = spineWidthMm(input.pages, input.paperThickness ?? DEFAULT_PAPER_THICKNESS);
  const bleedMm = input.bleed && input.bleed > 0 ? input.bleed : DEFAULT_COVER_BLEED;
  const bleed = bleedMm * MM;
  const w = wMm * MM;
  const h = hMm * MM;
  const s = spineMm * MM;
  // The same sheet as a page of the book: the cover goes to the same print shop.
  const sheet = sheetGeometry(2 * w + s, h, bleed, input.cropMarks === true);
  const trim = { x: sheet.offset, y: sheet.offset, w: 2 * w + s, h };
  return {
    mediaWidth: sheet.media[2],
    mediaHeight: sheet.media[3],
    trim,
    bleedBox: { x: sheet.offset - bleed, y: sheet.offset - bleed, w: trim.w + 2 * bleed, h: h + 2 * bleed },
    bleed,
    back: { x: trim.x, w },
    spine: { x: trim.x + w, w: s },
    front: { x: trim.x + w + s, w },
    spineMm,
    sheet,
  };
}
