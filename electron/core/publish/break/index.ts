import type { Box, Drawable, FlowBlock, Footnote, Glue, IndexMark, Item, Line, PPara, Prepared, PreparedSection, Section } from '../ir';
import { copyBox } from '../ir';
import { firstFit, knuthPlass, type Breaks } from './knuthPlass';

export { knuthPlass, firstFit } from './knuthPlass';

/** Where the baseline sits inside a line block of height `leading` for text of `size`. */
export function baselineOffset(leading: number, size: number): number {
  return leading * 0.5 + size * 0.32;
}

let paraIds = 0;

/** Knuth–Plass at increasing tolerances, then first-fit: every paragraph gets lines. */
function chooseBreaks(items: Item[], lineWidth: (l: number) => number, justify: boolean): Breaks {
  if (justify) {
    for (const tol of [1, 2, 4]) {
      const b = knuthPlass(items, lineWidth, tol);
      if (b) return b;
    }
    const b = knuthPlass(items, lineWidth, 50);
    if (b) return b;
  }
  return firstFit(items, lineWidth);
}

/** Splits a box wider than the measure into pieces that fit (a very long URL or code). */
function splitOversize(items: Item[], maxW: number): Item[] {
  if (!items.some((it) => it.t === 'box' && it.w > maxW)) return items;
  const out: Item[] = [];
  for (const it of items) {
    if (it.t !== 'box' || it.w <= maxW || !it.text) {
      out.push(it);
      continue;
    }
    // Proportional split by characters; the drawer only needs each piece's glyphs, which are a
    // prefix/suffix of the whole word's glyph string only for simple scripts, so re-slice text.
    const chars = [...it.text];
    const per = Math.max(1, Math.floor((chars.length * maxW) / it.w) - 1);
    for (let i = 0; i < chars.length; i += per) {
      const piece = chars.slice(i, i + per).join('');
      const c = copyBox(it);
      c.text = piece;
      c.w = (it.w * piece.length) / it.text.length;
      c.tj = '';
      c.split = true;
      out.push(c);
      if (i + per < chars.length) out.push({ t: 'pen', w: 0, p: 50 });
    }
  }
  return out;
}

function overfull(items: Item[], width: number): boolean {
  return items.some((it) => it.t === 'box' && it.w > width);
}

/** A paragraph → its lines. */
export function breakParagraph(p: PPara): Line[] {
  const hang = p.hangFirst ?? 0;
  const lineWidth = (l: number) => (l === 0 ? p.width + hang : p.width);
  const items = splitOversize(p.items, p.width);
  const justify = p.align === 'justify';
  let br = chooseBreaks(items, lineWidth, justify);
  if (p.align === 'center' && br.positions.length > 1) {
    // Balance centered titles: the narrowest measure that needs no more lines.
    const n = br.positions.length;
    let lo = p.width * 0.4;
    let hi = p.width;
    for (let k = 0; k < 10; k++) {
      const mid = (lo + hi) / 2;
      if (firstFit(items, () => mid).positions.length <= n && !overfull(items, mid)) hi = mid;
      else lo = mid;
    }
    br = firstFit(items, () => hi);
  }
  const lines: Line[] = [];
  let start = 0;
  br.positions.forEach((pos, li) => {
    let j = start;
    // Discardable items at the start of a line vanish.
    while (j < pos && items[j]!.t !== 'box') j++;
    // Penalties inside a line are rare: copy the run in one slice unless there is one.
    let pens = false;
    for (let k = j; k < pos; k++) if (items[k]!.t === 'pen') pens = true;
    let parts: (Box | Glue)[];
    if (!pens) parts = items.slice(j, pos) as (Box | Glue)[];
    else {
      parts = [];
      for (; j < pos; j++) {
        const it = items[j]!;
        if (it.t !== 'pen') parts.push(it);
      }
    }
    while (parts.length && parts[parts.length - 1]!.t === 'glue') parts.pop();
    const last = li === br.positions.length - 1;
    lines.push({ width: lineWidth(li), align: p.align, last, parts, ratio: justify && !last ? br.ratios[li]! : 0 });
    start = pos + 1;
  });
  if (lines.length === 0) lines.push({ width: p.width, align: p.align, last: true, parts: [], ratio: 0 });
  return lines;
}

/** Leaders and page number on the last line of a TOC entry. */
function addTail(p: PPara, line: Line): Drawable[] {
  const t = p.tail!;
  const x = t.right - t.box.w;
  const out: Drawable[] = [];
  const box: Line = { width: t.box.w, align: 'left', last: true, parts: [t.box], ratio: 0 };
  out.push({ d: 'text', x, y: 0, line: box });
  if (t.dot) {
    const natural = line.parts.reduce((s, it) => s + it.w, 0);
    const start = p.x + natural + t.dot.w * 2;
    const step = t.dot.w * 2.2;
    const end = x - t.dot.w * 1.5;
    // Dots sit on a grid shared by all entries so the leaders line up down the page.
    const first = Math.ceil(start / step) * step;
    const count = Math.max(0, Math.floor((end - first) / step) + 1);
    if (count > 0) {
      const gap = -((step - t.dot.w) * 1000) / t.dot.size;
      const tj = Array.from({ length: count }, () => t.dot!.tj).join(String(gap));
      const leader: Box = { ...t.dot, text: '.'.repeat(count), w: count * step - (step - t.dot.w), tj };
      out.push({ d: 'text', x: first, y: 0, line: { width: leader.w, align: 'left', last: true, parts: [leader], ratio: 0 } });
    }
  }
  return out;
}

/** A paragraph → one flow block per line, with the footnotes and index marks each line carries. */
export function paraBlocks(p: PPara, noteLines: (p: PPara) => FlowBlock[]): FlowBlock[] {
  const lines = breakParagraph(p);
  const id = ++paraIds;
  const y = baselineOffset(p.leading, p.size);
  const notesById = new Map<number, Footnote>();
  for (const n of p.notes ?? []) notesById.set(n.id, { id: n.id, number: n.number, lines: n.paras.flatMap(noteLines) });
  // The last lines kept with what follows; all of them rather than leave one line (an orphan) before.
  const keepFrom = p.keepEnd ? (lines.length - p.keepEnd >= 2 ? lines.length - p.keepEnd : 0) : undefined;
  return lines.map((line, i) => {
    const x = i === 0 ? p.x - (p.hangFirst ?? 0) : p.x;
    const draws: Drawable[] = [{ d: 'text', x, y, line }];
    if (i === 0 && p.label) draws.push({ d: 'text', x: p.label.x, y, line: { width: p.label.box.w, align: 'left', last: true, parts: [p.label.box], ratio: 0 } });
    if (i === lines.length - 1 && p.tail) for (const d of addTail(p, line)) draws.push({ ...d, y } as Drawable);
    const block: FlowBlock = { h: p.leading, draws, para: { id, i, n: lines.length } };
    if (p.keep || (p.keepInside && i < lines.length - 1) || (keepFrom !== undefined && i >= keepFrom)) block.keep = true;
    if (i === 0 && p.anchors) block.anchors = p.anchors;
    let marks: IndexMark[] | undefined;
    let notes: Footnote[] | undefined;
    for (const b of line.parts) {
      if (b.t !== 'box') continue;
      if (b.marks) (marks ??= []).push(...b.marks);
      if (b.fnCall !== undefined) {
        const n = notesById.get(b.fnCall);
        if (n) (notes ??= []).push(n);
      }
    }
    if (marks) block.marks = marks;
    if (notes) block.notes = notes;
    return block;
  });
}

/** Footnote paragraphs → line blocks (no footnotes of their own). */
function noteLines(p: PPara): FlowBlock[] {
  return paraBlocks(p, noteLines).map((b) => {
    delete b.keep;
    return b;
  });
}

/**
 * The break stage: every prepared block of a section becomes flow blocks of known height —
 * paragraphs become one block per line (Knuth–Plass), rows and images stay whole.
 */
export function breakSection(ps: PreparedSection): Section {
  const flow: FlowBlock[] = [];
  let pendingBreak: FlowBlock['breakBefore'] | undefined;
  const push = (b: FlowBlock) => {
    if (pendingBreak) {
      b.breakBefore = pendingBreak;
      pendingBreak = undefined;
    }
    flow.push(b);
  };
  const span = ps.style.columns?.span ?? -1;
  let spanBlocks = 0;
  for (let k = 0; k < ps.blocks.length; k++) {
    breakBlock(ps.blocks[k]!, push, (r) => (pendingBreak = r ? 'recto' : 'page'));
    if (k === span - 1) spanBlocks = flow.length;
  }
  return { role: ps.role, style: ps.style, flow, outline: ps.outline, opening: ps.opening, ...(ps.style.columns ? { spanBlocks } : {}) };
}

function breakBlock(pb: Prepared, push: (b: FlowBlock) => void, pageBreak: (recto: boolean) => void): void {
  switch (pb.p) {
    case 'para':
      for (const b of paraBlocks(pb, noteLines)) push(b);
      break;
    case 'space':
      push({ h: pb.h, draws: [], space: true, ...(pb.keep ? { keep: true } : {}) });
      break;
    case 'fill':
      push({ h: 0, draws: [], fill: pb.weight });
      break;
    case 'break':
      pageBreak(pb.recto);
      break;
    case 'image':
      push({ h: pb.h, draws: [{ d: 'image', x: pb.x, y: 0, w: pb.w, h: pb.h, image: pb.image }], ...(pb.keep ? { keep: true } : {}) });
      break;
    case 'rule':
      push({ h: pb.width + 2, draws: [{ d: 'rule', x1: pb.x, y1: 1, x2: pb.x + pb.w, y2: 1, width: pb.width }], ...(pb.keep ? { keep: true } : {}) });
      break;
    case 'row': {
      const draws: Drawable[] = [];
      let h = 0;
      const notes: Footnote[] = [];
      const marks: IndexMark[] = [];
      const anchors: string[] = [];
      for (const cell of pb.cells) {
        let y = pb.pad;
        for (const para of cell.paras) {
          for (const b of paraBlocks(para, noteLines)) {
            for (const d of b.draws) draws.push({ ...d, y: (d as { y: number }).y + y } as Drawable);
            if (b.notes) notes.push(...b.notes);
            if (b.marks) marks.push(...b.marks);
            if (b.anchors) anchors.push(...b.anchors);
            y += b.h;
          }
        }
        h = Math.max(h, y + pb.pad);
      }
      if (pb.grid) {
        const left = pb.cells[0]!.x;
        const last = pb.cells[pb.cells.length - 1]!;
        const right = last.x + last.width;
        draws.push({ d: 'rule', x1: left, y1: 0, x2: right, y2: 0, width: 0.5 });
        draws.push({ d: 'rule', x1: left, y1: h, x2: right, y2: h, width: 0.5 });
        for (const c of pb.cells) draws.push({ d: 'rule', x1: c.x, y1: 0, x2: c.x, y2: h, width: 0.5 });
        draws.push({ d: 'rule', x1: right, y1: 0, x2: right, y2: h, width: 0.5 });
      }
      const block: FlowBlock = { h, draws };
      if (pb.keep) block.keep = true;
      if (notes.length) block.notes = notes;
      if (marks.length) block.marks = marks;
      if (anchors.length) block.anchors = anchors;
      push(block);
      break;
    }
  }
}
