/**
 * The sheet around a page for the print shop: the boxes a print file declares and the crop marks
 * drawn outside the bleed.
 *
 * The trim is the page the reader holds. The bleed (usually 3 mm) is printed beyond it and cut
 * away, so that a picture meant to reach the edge still does when the knife is a little off. Crop
 * marks show the cutter where the trim lies: short hairlines in line with the trim edges, in the
 * slug outside the bleed, never reaching into it (a mark inside the bleed would show on a badly cut
 * page). The MediaBox is the whole sheet: trim + bleed, plus the slug when marks are drawn.
 */

/** Points per millimetre. */
const MM = 72 / 25.4;
/** Gap between the bleed edge and the start of a crop mark. */
const MARK_GAP = 2 * MM;
/** Length of a crop mark. */
const MARK_LENGTH = 5 * MM;
/** Free paper beyond the end of a mark. */
const SLUG_MARGIN = 1 * MM;
/** Crop marks are hairlines: 0.25 pt is the usual weight. */
export const MARK_WIDTH = 0.25;

/** A PDF rectangle: [left, bottom, right, top] in default user space (points). */
export type Rect = [number, number, number, number];

/** The boxes of one sheet and where the page's own drawing (y down from the trim's top) starts. */
export interface SheetGeometry {
  media: Rect;
  bleed: Rect;
  trim: Rect;
  /** Distance from the MediaBox's lower-left corner to the trim's: content is moved by it. */
  offset: number;
  /** Crop marks drawn: their distance from the trim and their length. */
  marks?: { from: number; length: number };
}

/**
 * The boxes for a trim of `width` × `height` points with `bleed` points on every side and,
 * when asked, crop marks. Without bleed or marks every box is the trim.
 */
export function sheetGeometry(width: number, height: number, bleed: number, cropMarks: boolean): SheetGeometry {
  const from = bleed + MARK_GAP;
  const offset = cropMarks ? from + MARK_LENGTH + SLUG_MARGIN : bleed;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  const box = (d: number): Rect => [r(offset - d), r(offset - d), r(offset + width + d), r(offset + height + d)];
  return {
    media: box(offset),
    bleed: box(bleed),
    trim: box(0),
    offset: r(offset),
    marks: cropMarks ? { from, length: MARK_LENGTH } : undefined,
  };
}

/**
 * Content-stream operators for the eight crop marks of a sheet, in MediaBox coordinates, stroked
 * in `colour` (operators that set the stroking colour: registration, every ink at full strength).
 */
export function cropMarkOps(g: SheetGeometry, colour: string): string {
  if (!g.marks) return '';
  const { from, length } = g.marks;
  const [l, b, rt, t] = g.trim;
  const f = (n: number) => String(Math.round(n * 1000) / 1000);
  const line = (x1: number, y1: number, x2: number, y2: number) => `${f(x1)} ${f(y1)} m ${f(x2)} ${f(y2)} l`;
  const ops: string[] = [];
  for (const x of [l, rt]) {
    const out = x === l ? -1 : 1;
    for (const y of [b, t]) {
      const up = y === b ? -1 : 1;
      // Horizontal mark in line with the trim's bottom or top edge, out beyond the side.
      ops.push(line(x + out * from, y, x + out * (from + length), y));
      // Vertical mark in line with the trim's side, out beyond the bottom or top.
      ops.push(line(x, y + up * from, x, y + up * (from + length)));
    }
  }
  return `q ${colour} ${MARK_WIDTH} w 0 J [] 0 d\n${ops.join('\n')}\nS Q`;
}
