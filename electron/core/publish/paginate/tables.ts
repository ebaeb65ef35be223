import type { Drawable, FlowBlock, Matrix } from '../ir';
import type { ResolvedSetup } from '../setup';

/**
 * Tables across pages: header rows repeated where a table continues, and landscape (turned)
 * tables on pages of their own. The page filler itself is paginate/index.ts's; these helpers
 * only tell it what to add.
 */

/**
 * The header rows to print at the top of a page whose flow begins at `i` (after the space that
 * a page top drops) in the middle of a table; null when it does not.
 */
export function repeatedHead(flow: FlowBlock[], i: number, limit: number): FlowBlock[] | null {
  let j = i;
  while (j < limit && flow[j]!.space && !flow[j]!.fill) j++;
  const b = flow[j];
  return j < limit && b && b.repeat && !b.breakBefore ? b.repeat : null;
}

/**
 * The flow without its turned blocks: each run of blocks with one `turn` number leaves a
 * zero-height space in its place, the marker after whose page its turned pages go (the text
 * runs on to fill that page, the table's pages follow it). Null when there are none.
 */
export function takeTurned(flow: FlowBlock[]): { flow: FlowBlock[]; groups: Map<FlowBlock, FlowBlock[]> } | null {
  if (!flow.some((b) => b.turn !== undefined)) return null;
  const out: FlowBlock[] = [];
  const groups = new Map<FlowBlock, FlowBlock[]>();
  let current: FlowBlock[] | null = null;
  let id: number | undefined;
  for (const b of flow) {
    if (b.turn === undefined) {
      current = null;
      out.push(b);
      continue;
    }
    if (!current || b.turn !== id) {
      const marker: FlowBlock = { h: 0, draws: [], space: true };
      // A page break asked for before the table is kept by what now stands in its place.
      if (b.breakBefore) marker.breakBefore = b.breakBefore;
      current = [];
      id = b.turn;
      groups.set(marker, current);
      out.push(marker);
    }
    current.push(b.breakBefore ? { ...b, breakBefore: undefined } : b);
  }
  return { flow: out, groups };
}

/**
 * The pages of a turned group, each filled by `fill` (the section's filler, given the frame's
 * height) with the break moved back by `adjust` for kept rows; footnotes that do not fit carry
 * on to the next turned page.
 */
export function turnedFills<F extends { end: number; carryOut: FlowBlock[]; placed: FlowBlock[]; notes: FlowBlock[] }>(
  group: FlowBlock[],
  fill: (i: number, carry: FlowBlock[], limit: number, first: boolean) => F,
  adjust: (start: number, end: number) => number,
): F[] {
  const fills: F[] = [];
  let i = 0;
  let carry: FlowBlock[] = [];
  while (i < group.length || carry.length) {
    const first = fills.length === 0;
    let f = fill(i, carry, group.length, first);
    const e = adjust(i, f.end);
    if (e < f.end) f = fill(i, carry, e, first);
    if (f.end <= i && f.placed.length === 0 && f.notes.length === 0) f = fill(i, carry, Math.min(group.length, i + 1), true);
    fills.push(f);
    if (fills.length > 100000) throw new Error('pagination does not terminate');
    i = f.end;
    carry = f.carryOut;
  }
  return fills;
}

/**
 * The PDF matrix that turns a landscape frame onto its portrait page. The frame is laid out as
 * if it stood upright at the text block's top-left corner (`left`, `top`), textHeight wide and
 * textWidth high; the matrix turns it a quarter counter-clockwise into the text block, so the
 * top of the table lies along the left edge of the page and its first column along the foot,
 * as books print a broadside table on verso and recto alike.
 */
export function turnMatrix(setup: ResolvedSetup, left: number): Matrix {
  const x0 = left;
  const y0 = setup.pageHeight - setup.top - setup.textWidth;
  const x1 = left + setup.textWidth;
  const y1 = setup.pageHeight - setup.top - setup.textHeight;
  // (x, y) → (x1 − (y − y0), y1 + (x − x0)).
  return [0, 1, -1, 0, x1 + y0, y1 - x0];
}

/** Marks the drawables from `from` on as turned by `m`. */
export function turnDraws(draws: Drawable[], from: number, m: Matrix): void {
  for (let k = from; k < draws.length; k++) draws[k] = { ...draws[k]!, turn: m };
}

/**
 * A turned page's footnotes moved into its frame: the page loop places footnotes at the foot of
 * the upright text block, so on a turned page they follow the rows as blocks of their own — a
 * space to the frame's foot, the footnote rule, the notes.
 */
export function notesInFrame(placed: FlowBlock[], notes: FlowBlock[], continued: boolean, frame: { w: number; h: number; sep: number }): FlowBlock[] {
  if (notes.length === 0) return placed;
  let used = 0;
  for (const b of placed) used += b.h;
  for (const b of notes) used += b.h;
  const gap = Math.max(0, frame.h - used - frame.sep);
  const ruleY = frame.sep * 0.4;
  const rule: FlowBlock = { h: frame.sep, draws: [{ d: 'rule', x1: 0, y1: ruleY, x2: continued ? frame.w : frame.w * 0.3, y2: ruleY, width: 0.4 }] };
  return [...placed, { h: gap, draws: [] }, rule, ...notes];
}
