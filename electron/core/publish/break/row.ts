import type { Drawable, FlowBlock, Footnote, IndexMark, PPara, Prepared } from '../ir';

type Row = Extract<Prepared, { p: 'row' }>;

/** A line of a cell and where it stands below the top of the cell's text. */
interface CellLine {
  top: number;
  b: FlowBlock;
}

/**
 * A row of cells → flow blocks. Usually one block, its cells' lines side by side, ruled when the
 * row is a table's. A row taller than its page can hold (`split`, less the header rows repeated
 * above it) is cut between lines into pieces that each fit, every piece ruled as a row of its
 * own: a table row of long text is continued on the next page rather than set past the foot of
 * the text block.
 */
export function rowBlocks(pb: Row, lines: (p: PPara) => FlowBlock[]): FlowBlock[] {
  const pad = pb.pad;
  const cells: CellLine[][] = pb.cells.map((cell) => {
    const out: CellLine[] = [];
    let y = 0;
    for (const para of cell.paras)
      for (const b of lines(para)) {
        out.push({ top: y, b });
        y += b.h;
      }
    return out;
  });
  let content = 0;
  for (const c of cells) for (const l of c) content = Math.max(content, l.top + l.b.h);
  const repeat = pb.repeat?.map((h) => repeatedRow(h, lines));
  let headH = 0;
  for (const h of repeat ?? []) headH += h.h;
  const room = pb.split ? pb.split - headH - 2 * pad : Infinity;
  // Cuts: at the lowest line top that leaves no line of any cell cut in two.
  const cuts: number[] = [0];
  while (content - cuts[cuts.length - 1]! > room + 0.01) {
    const s = cuts[cuts.length - 1]!;
    const limit = s + room;
    let cut = s;
    for (const c of cells)
      for (const l of c) {
        const t = l.top;
        if (t <= s || t > limit || t <= cut) continue;
        if (cells.every((o) => o.every((m) => m.top >= t || m.top + m.b.h <= t + 0.01))) cut = t;
      }
    // A line taller than the room (it cannot happen with text) is cut through.
    cuts.push(cut > s ? cut : limit);
  }
  cuts.push(content);
  const blocks: FlowBlock[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const s = cuts[k]!;
    const e = cuts[k + 1]!;
    const last = k + 2 === cuts.length;
    const draws: Drawable[] = [];
    const notes: Footnote[] = [];
    const marks: IndexMark[] = [];
    const anchors: string[] = [];
    for (const c of cells)
      for (const { top, b } of c) {
        if (top < s || (last ? top > e : top >= e)) continue;
        const dy = pad + top - s;
        for (const d of b.draws) draws.push({ ...d, y: (d as { y: number }).y + dy } as Drawable);
        if (b.notes) notes.push(...b.notes);
        if (b.marks) marks.push(...b.marks);
        if (b.anchors) anchors.push(...b.anchors);
      }
    const h = e - s + 2 * pad;
    if (pb.grid) {
      const left = pb.cells[0]!.x;
      const lastCell = pb.cells[pb.cells.length - 1]!;
      const right = lastCell.x + lastCell.width;
      draws.push({ d: 'rule', x1: left, y1: 0, x2: right, y2: 0, width: 0.5 });
      draws.push({ d: 'rule', x1: left, y1: h, x2: right, y2: h, width: 0.5 });
      for (const c of pb.cells) draws.push({ d: 'rule', x1: c.x, y1: 0, x2: c.x, y2: h, width: 0.5 });
      draws.push({ d: 'rule', x1: right, y1: 0, x2: right, y2: h, width: 0.5 });
    }
    const block: FlowBlock = { h, draws };
    if (pb.keep && last) block.keep = true;
    if (notes.length) block.notes = notes;
    if (marks.length) block.marks = marks;
    if (anchors.length) block.anchors = anchors;
    if (repeat) block.repeat = repeat;
    blocks.push(block);
  }
  return blocks;
}

/**
 * A table's header row as printed again on the pages the table continues on: its drawing only
 * (its notes and index terms count once, where the header first prints).
 */
const repeatedRows = new WeakMap<Prepared, FlowBlock>();
function repeatedRow(head: Prepared, lines: (p: PPara) => FlowBlock[]): FlowBlock {
  let copy = repeatedRows.get(head);
  if (!copy) {
    const whole = head.p === 'row' ? rowBlocks({ ...head, split: undefined, repeat: undefined }, lines) : [];
    copy = { h: whole.reduce((a, b) => a + b.h, 0), draws: whole.flatMap((b) => b.draws) };
    repeatedRows.set(head, copy);
  }
  return copy;
}
