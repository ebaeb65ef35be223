import type { Box, Drawable, FlowBlock, Footnote, Glue, IndexMark, Item, Line, PPara, Prepared, PreparedSection, Section } from '../ir';
import { baselineOffset, copyBox } from '../ir';
import { firstFit, knuthPlass, type Breaks } from './knuthPlass';
import { rowBlocks } from './row';
import { balancedBreaks } from './balance';
import { isVietnameseSyllable } from '../../../../shared/text/syllable';

export { knuthPlass, firstFit } from './knuthPlass';
export { baselineOffset } from '../ir';

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

/**
 * The last resort for a box wider than the measure that has no break opportunity of its own (a
 * very long foreign word or code): cut into pieces that fit, at any character — but never inside
 * a Vietnamese syllable, which rather sticks out into the margin than prints as "ĐƯỜ|NG".
 */
function splitOversize(items: Item[], maxW: number): Item[] {
  if (!items.some((it) => it.t === 'box' && it.w > maxW)) return items;
  const out: Item[] = [];
  for (const it of items) {
    if (it.t !== 'box' || it.w <= maxW || !it.text) {
      out.push(it);
      continue;
    }
    // Widths by character count (the drawer reshapes every piece): re-slice the text.
    const chars = [...it.text];
    const per = Math.max(1, Math.floor((chars.length * maxW) / it.w) - 1);
    const cuts = lastResortCuts(chars, per);
    if (cuts.length === 0) {
      out.push(it);
      continue;
    }
    let from = 0;
    for (const to of [...cuts, chars.length]) {
      const piece = chars.slice(from, to).join('');
      const c = copyBox(it);
      c.text = piece;
      c.w = (it.w * piece.length) / it.text.length;
      c.tj = '';
      c.split = true;
      out.push(c);
      if (to < chars.length) out.push({ t: 'pen', w: 0, p: 50 });
      from = to;
    }
  }
  return out;
}

/** Character offsets to cut `chars` at, about `per` apart, none inside a Vietnamese syllable. */
function lastResortCuts(chars: string[], per: number): number[] {
  // A cut may fall before character i unless i is inside a run of letters that is a syllable.
  const allowed = new Array<boolean>(chars.length + 1).fill(true);
  for (let i = 0; i < chars.length; ) {
    if (!/\p{L}/u.test(chars[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && /[\p{L}\p{M}]/u.test(chars[j]!)) j++;
    if (isVietnameseSyllable(chars.slice(i, j).join(''))) for (let k = i + 1; k < j; k++) allowed[k] = false;
    i = j;
  }
  const cuts: number[] = [];
  let from = 0;
  while (chars.length - from > per) {
    let at = from + per;
    while (at > from && !allowed[at]) at--;
    if (at === from) {
      // No cut fits: the next one, even if that piece overhangs.
      at = from + per + 1;
      while (at < chars.length && !allowed[at]) at++;
      if (at >= chars.length) break;
    }
    cuts.push(at);
    from = at;
  }
  return cuts;
}

/** A paragraph → its lines. */
export function breakParagraph(p: PPara): Line[] {
  const hang = p.hangFirst ?? 0;
  const lineWidth = (l: number) => (l === 0 ? p.width + hang : p.width);
  const items = splitOversize(p.items, p.width);
  const justify = p.align === 'justify';
  // Titles, headings and centered text: the fewest lines, of lengths as equal as can be.
  const br = p.balance || p.align === 'center' ? balancedBreaks(items, lineWidth) : chooseBreaks(items, lineWidth, justify);
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
function addTail(p: PPara, line: Line, lineX: number): Drawable[] {
  const t = p.tail!;
  const x = t.right - t.box.w;
  const out: Drawable[] = [];
  const box: Line = { width: t.box.w, align: 'left', last: true, parts: [t.box], ratio: 0 };
  out.push({ d: 'text', x, y: 0, line: box });
  if (t.dot) {
    const natural = line.parts.reduce((s, it) => s + it.w, 0);
    const start = lineX + natural + t.dot.w * 2;
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
    // Every line drawn from the paragraph (its list label and TOC leaders too) is one element.
    if (p.tag) line.tag = p.tag;
    const draws: Drawable[] = [{ d: 'text', x, y, line }];
    if (i === 0 && p.label) draws.push({ d: 'text', x: p.label.x, y, line: { width: p.label.box.w, align: 'left', last: true, parts: [p.label.box], ratio: 0, tag: p.tag } });
    if (i === lines.length - 1 && p.tail)
      for (const d of addTail(p, line, x)) {
        if (d.d === 'text') d.line.tag = p.tag;
        draws.push({ ...d, y } as Drawable);
      }
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

let turnIds = 0;

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
      push({ h: pb.h, draws: [{ d: 'image', x: pb.x, y: 0, w: pb.w, h: pb.h, image: pb.image, tag: pb.tag }], ...(pb.keep ? { keep: true } : {}) });
      break;
    case 'rule':
      push({ h: pb.width + 2, draws: [{ d: 'rule', x1: pb.x, y1: 1, x2: pb.x + pb.w, y2: 1, width: pb.width }], ...(pb.keep ? { keep: true } : {}) });
      break;
    case 'row':
      for (const b of rowBlocks(pb, (p) => paraBlocks(p, noteLines))) push(b);
      break;
    case 'turn': {
      const id = ++turnIds;
      for (const inner of pb.blocks)
        breakBlock(
          inner,
          (b) => {
            b.turn = id;
            push(b);
          },
          () => {},
        );
      break;
    }
  }
}
