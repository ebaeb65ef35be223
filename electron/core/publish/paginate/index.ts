import { toRoman } from '../../../../shared/numbering';
import type { Box, Drawable, FlowBlock, Glue, IndexMark, Line, OutlineEntry, Page, Section } from '../ir';
import type { ResolvedSetup } from '../setup';
import { baselineOffset, copyBox } from '../ir';
import { notesInFrame, repeatedHead, takeTurned, turnDraws, turnedFills, turnMatrix } from './tables';

/** What pagination needs from the measure stage: shaping for folios, heads and renumbered calls. */
export interface PageShaper {
  box(text: string, face: number, size: number): Box;
  width(text: string, face: number, size: number): number;
  face(family: string, bold?: boolean, italic?: boolean): number;
}

export interface PaginateOptions {
  setup: ResolvedSetup;
  shaper: PageShaper;
  /** Only decide where pages break and what they hold (labels, anchors, marks): no drawing. */
  draft?: boolean;
  /** A whole book (not a proof): blank pages make its count a multiple of `setup.signature`. */
  bookEnd?: boolean;
}

/** Shared by blocks without footnotes: never mutated. */
const NO_LINES: FlowBlock[] = [];

const fillMemo = new WeakMap<FlowBlock[], { setup: ResolvedSetup; fills: Fill[] }>();

/** One page's worth of a section's flow, before it is placed on paper. */
interface Fill {
  end: number;
  placed: FlowBlock[];
  notes: FlowBlock[];
  noteIds: number[];
  carryOut: FlowBlock[];
  /** The footnote area begins with lines continued from the previous page. */
  continued: boolean;
  /** Two columns: `placed` holds `span` blocks across both, then `left` blocks, then the right column's. */
  cols?: { span: number; left: number };
  /** The page ends where its section's flow asks for a new page (or ends): it may stop short. */
  stop?: boolean;
  /** A landscape table's page: its blocks are laid out in a turned frame (paginate/tables.ts). */
  turn?: boolean;
}

/** Where a full page's leftover height may go: before a paragraph's first line, and spaces. */
function stretchesBefore(b: FlowBlock, prev: FlowBlock): boolean {
  if (b.space) return !b.fill;
  return !!b.para && b.para.i === 0 && !prev.space && !prev.keep;
}

function stretchPoints(placed: FlowBlock[]): number {
  let n = 0;
  for (let i = 1; i < placed.length; i++) if (stretchesBefore(placed[i]!, placed[i - 1]!)) n++;
  return n;
}

export interface OutlinePlacement extends OutlineEntry {
  page: number;
  /** Distance from the top of the page, points. */
  y: number;
}

export interface Pagination {
  pages: Page[];
  /** Anchor → printed page label, for the TOC and cross-references. */
  labels: Map<string, string>;
  outline: OutlinePlacement[];
  /** Physical index of page 1 (arabic), for PDF page labels. */
  firstArabic: number;
}

/**
 * What a full page of body lines leaves empty at its foot, points: the text block's height (with
 * the overhang its last line may take) modulo the leading. No line can use it.
 */
export function gridRest(setup: ResolvedSetup): number {
  return (setup.textHeight + setup.leading - baselineOffset(setup.leading, setup.bodySize)) % setup.leading;
}

export function romanLower(n: number): string {
  return toRoman(n).toLowerCase();
}

/**
 * The paginate stage: sections of flow blocks → pages.
 *
 * Pages are filled greedily, then the break is moved back to respect the rules of book pages:
 * no first line of a paragraph alone at the foot of a page (orphan), no last line alone at the
 * head of the next (widow), headings kept with what follows. A block's footnotes must start on
 * its page: if they do not fit, the block moves to the next page, unless the notes can be split
 * — every note but the last complete and at least two lines of the last — in which case the rest
 * continues at the top of the next page's footnote area under a full-width rule.
 */
export function paginate(sections: Section[], opts: PaginateOptions): Pagination {
  const { setup, shaper } = opts;
  const H = setup.textHeight;
  // The page's grid, as TeX's: the first baseline sits \topskip below the top of the text block
  // and the last one may sit on its foot, the descenders hanging into the margin. A line block is
  // `leading` high with its baseline `baselineOffset` down, so the last block of the page may
  // overhang the text block by the rest (33 lines of 11/15 pt on an A5 page, not 32).
  const textOver = setup.leading - baselineOffset(setup.leading, setup.bodySize);
  const noteOver = setup.footnoteLeading - baselineOffset(setup.footnoteLeading, setup.footnoteSize);
  // From the last baseline of the text to the first of the notes, TeX's \skip\footins (10 pt in
  // an 11 pt book) plus \footnotesep (the notes' strut): what is left between the two blocks.
  const noteGap = setup.bodySize * 0.9 + setup.footnoteSize * 0.85;
  const rest = gridRest(setup);
  const sepH = Math.max(2, noteGap - textOver - baselineOffset(setup.footnoteLeading, setup.footnoteSize));
  // Footnotes may take at most this much of a page while text could still go there.
  const maxNotes = H * 0.6;
  const pages: Page[] = [];
  const labels = new Map<string, string>();
  const outline: OutlinePlacement[] = [];
  let firstArabic = -1;
  const anchorsY = new Map<string, { page: number; y: number }>();

  const lineH = (bs: FlowBlock[]) => {
    let h = 0;
    for (let k = 0; k < bs.length; k++) h += bs[k]!.h;
    return h;
  };
  /** A block of text lines only, whose last baseline may sit on the foot of the text block. */
  const isLine = (b: FlowBlock) => b.draws.length > 0 && b.draws.every((d) => d.d === 'text');
  /** How far the page's content may reach: the text block, plus the overhang of its last line. */
  const reach = (height: number, last: FlowBlock | undefined, withNotes: boolean) => height + (withNotes ? noteOver : last && isLine(last) ? textOver : 0);

  function fillOne(flow: FlowBlock[], i0: number, carry: FlowBlock[], limit: number, firstPage: boolean, height = H): Fill {
    let i = i0;
    if (!firstPage) while (i < limit && flow[i]!.space && !flow[i]!.fill) i++;
    const placed: FlowBlock[] = [];
    const notes: FlowBlock[] = [];
    const noteIds: number[] = [];
    let carryOut: FlowBlock[] = [];
    let used = 0;
    let noteH = 0;
    const continued = carry.length > 0;
    for (const line of carry) {
      if (carryOut.length === 0 && (notes.length === 0 || sepH + noteH + line.h <= height * 0.6)) {
        if (notes.length === 0) noteH += sepH;
        notes.push(line);
        noteH += line.h;
      } else carryOut.push(line);
    }
    const carried = notes.length;
    const carriedOut = carryOut.length;
    // `used` is updated here, not in a closure: a closure variable boxes every new height.
    const take = (b: FlowBlock) => {
      placed.push(b);
      if (b.notes) for (const n of b.notes) noteIds.push(n.id);
    };
    let j = i;
    for (; j < limit; j++) {
      const b = flow[j]!;
      if (j > i && b.breakBefore) break;
      const bnLines = b.notes ? b.notes.flatMap((n) => n.lines) : NO_LINES;
      if (carryOut.length && bnLines.length && placed.length) break;
      const bn = lineH(bnLines);
      const sepAdd = bnLines.length && notes.length === 0 ? sepH : 0;
      const withNotes = notes.length > 0 || bnLines.length > 0;
      if (used + b.h + noteH + bn + sepAdd <= reach(height, b, withNotes) + 0.01 && noteH + bn + sepAdd <= maxNotes + 0.01) {
        take(b);
        used += b.h;
        notes.push(...bnLines);
        noteH += bn + sepAdd;
        continue;
      }
      if (b.notes && used + b.h <= reach(height, b, false) + 0.01) {
        // The line fits but not all its notes: as TeX does, the last note is split, its first
        // lines here under the call and the rest at the head of the next page's notes. Two lines
        // at least stay with the call; one when waiting for the next page would leave a hole.
        const avail = Math.min(reach(height, b, true) - used - b.h, maxNotes) - noteH - sepAdd;
        const lastNote = b.notes[b.notes.length - 1]!;
        const before = bn - lineH(lastNote.lines);
        const hole = reach(height, b, false) - used > setup.leading * 1.5;
        let split = false;
        for (const least of hole ? [2, 1] : [2]) {
          const required = before + lineH(lastNote.lines.slice(0, Math.min(least, lastNote.lines.length)));
          if (required > avail + 0.01 || required >= bn) continue;
          let k = 0;
          let hsum = 0;
          while (k < bnLines.length && hsum + bnLines[k]!.h <= avail + 0.01) hsum += bnLines[k++]!.h;
          take(b);
          used += b.h;
          notes.push(...bnLines.slice(0, k));
          noteH += hsum + sepAdd;
          carryOut = [...carryOut, ...bnLines.slice(k)];
          split = true;
          break;
        }
        // The text goes on below the call when the notes stop at their share of the page; only a
        // line with notes of its own must wait for the next page (the split note ends first).
        if (split) continue;
      }
      if (placed.every((p) => p.space)) {
        // Nothing else fits on an empty page: place the block anyway (an oversized figure or table).
        take(b);
        used += b.h;
        const room = Math.max(0, height - used - noteH - sepAdd);
        let k = 0;
        let hsum = 0;
        while (k < bnLines.length && (k === 0 || hsum + bnLines[k]!.h <= room)) hsum += bnLines[k++]!.h;
        notes.push(...bnLines.slice(0, k));
        noteH += hsum + (k ? sepAdd : 0);
        carryOut = [...carryOut, ...bnLines.slice(k)];
        j++;
      }
      break;
    }
    // A note continued from earlier pages fills what the text left: the page stopped at a line
    // whose own note must wait until that note ends, or at the end of the section.
    if (carryOut.length && (notes.length === carried || carriedOut === 0)) {
      const last = placed[placed.length - 1];
      while (carryOut.length && used + noteH + carryOut[0]!.h <= reach(height, last, true) + 0.01) {
        const line = carryOut.shift()!;
        notes.push(line);
        noteH += line.h;
      }
    }
    return { end: j, placed, notes, noteIds, carryOut, continued, stop: j >= flow.length || !!flow[j]!.breakBefore };
  }

  /** fillOne, with a table's header rows above the rest when the page begins inside the table. */
  function fillPage(flow: FlowBlock[], i0: number, carry: FlowBlock[], limit: number, firstPage: boolean, height = H): Fill {
    const head = firstPage ? null : repeatedHead(flow, i0, limit);
    if (!head) return fillOne(flow, i0, carry, limit, firstPage, height);
    const f = fillOne(flow, i0, carry, limit, firstPage, height - lineH(head));
    return { ...f, placed: [...head, ...f.placed] };
  }

  /** A landscape table's pages: filled across the text block's width, their notes inside the turned frame. */
  function fillTurned(group: FlowBlock[]): Fill[] {
    const frame = { w: setup.textHeight, h: setup.textWidth, sep: sepH };
    const fills = turnedFills(group, (i, carry, limit, first) => fillPage(group, i, carry, limit, first, frame.h), (a, e) => adjust(group, a, e));
    return fills.map((f) => ({ ...f, placed: notesInFrame(f.placed, f.notes, f.continued, frame), notes: [], turn: true, stop: true }));
  }

  /** Moves a page break back for orphans, widows and kept blocks; returns the new end. */
  function adjust(flow: FlowBlock[], start: number, end: number): number {
    if (end >= flow.length || flow[end]!.breakBefore) return end;
    let first = start;
    while (first < end && flow[first]!.space) first++;
    let e = end;
    const b = flow[e]!;
    const prev = flow[e - 1];
    if (b.para && prev?.para && prev.para.id === b.para.id) {
      const k = b.para.i;
      const n = b.para.n;
      if (k === 1 && n > 1) e -= 1;
      else if (n - k === 1 && n >= 3) {
        e -= 1;
        if (k - 1 === 1) e -= 1;
      }
    }
    // Headings (and the space around them) go with what follows.
    let k = e;
    while (k > first && flow[k - 1]!.space && !flow[k - 1]!.keep) k--;
    if (k > first && flow[k - 1]!.keep) {
      e = k;
      while (e > first && flow[e - 1]!.keep) e--;
    }
    // Trailing space at the foot of the page is harmless; a page emptied by the rules is not.
    let content = first;
    while (content < e && flow[content]!.space) content++;
    return content < e ? e : end;
  }

  const isFigure = (b: FlowBlock | undefined) => !!b && b.draws.some((d) => d.d === 'image');

  /**
   * Figures float: when a page stops at a figure that does not fit, the text that follows it (up
   * to the next heading, figure or table) fills the page, and the figure heads the next page.
   * The figure moves as one unit: the space above it, the image, its caption and source note
   * (kept together by the measure stage) and the space below it, so that it keeps its space
   * from the text or table that follows it. Returns the reordered flow and the page's fill, or
   * null when nothing moves.
   */
  function floatFigure(flow: FlowBlock[], i: number, carry: FlowBlock[], f: Fill, firstPage: boolean): { flow: FlowBlock[]; f: Fill } | null {
    const e = f.end;
    if (!isFigure(flow[e]) || flow[e]!.breakBefore || !f.placed.some((b) => !b.space)) return null;
    const loose = (b: FlowBlock) => !!b.space && !b.keep && !b.fill && !b.breakBefore;
    let s = e;
    while (s > i && loose(flow[s - 1]!)) s--;
    let g = e;
    while (g < flow.length && flow[g]!.keep) g++;
    g = Math.min(flow.length, g + 1);
    while (g < flow.length && loose(flow[g]!)) g++;
    // Only running text moves ahead of the figure: never a table's rows, a heading or a figure.
    let h = g;
    while (h < flow.length && !flow[h]!.keep && !flow[h]!.breakBefore && !flow[h]!.fill && (flow[h]!.para || flow[h]!.space) && !isFigure(flow[h])) h++;
    if (h === g) return null;
    const trial = [...flow.slice(0, s), ...flow.slice(g, h)];
    let f2 = fillPage(trial, i, carry, trial.length, firstPage);
    const e2 = adjust(trial, i, f2.end);
    if (e2 < f2.end) f2 = fillPage(trial, i, carry, e2, firstPage);
    const moved = f2.end - s;
    if (moved <= 0) return null;
    return { flow: [...flow.slice(0, s), ...flow.slice(g, g + moved), ...flow.slice(s, g), ...flow.slice(g + moved)], f: f2 };
  }

  /**
   * Two columns (the index, whose entries have no footnotes): each page holds a left column and
   * then a right one, both below the spanning title on the first page; the last page's columns
   * are balanced.
   */
  function fillColumns(flow: FlowBlock[], spanBlocks: number): Fill[] {
    const out: Fill[] = [];
    const column = (start: number, top: boolean, height: number): Fill => {
      let f = fillOne(flow, start, [], flow.length, top, height);
      const e = adjust(flow, start, f.end);
      if (e < f.end) f = fillOne(flow, start, [], e, top, height);
      if (f.end === start && start < flow.length) f = fillOne(flow, start, [], start + 1, true, height);
      return f;
    };
    const empty = (at: number): Fill => ({ end: at, placed: [], notes: [], noteIds: [], carryOut: [], continued: false });
    let i = 0;
    while (i < flow.length) {
      const first = out.length === 0;
      const spanEnd = first ? Math.min(spanBlocks, flow.length) : i;
      const colH = H - lineH(flow.slice(i, spanEnd));
      let a = column(spanEnd, false, colH);
      let b = a.end < flow.length ? column(a.end, false, colH) : empty(a.end);
      if (b.end >= flow.length) {
        // Last page: the shortest left column that still lets the right one take the rest.
        const total = lineH(a.placed) + lineH(b.placed);
        for (let target = Math.ceil(total / 2); target < colH; target += 2) {
          const a2 = column(spanEnd, false, target);
          const b2 = a2.end < flow.length ? column(a2.end, false, target) : empty(a2.end);
          if (b2.end >= flow.length) {
            a = a2;
            b = b2;
            break;
          }
        }
      }
      out.push({ ...empty(b.end), placed: [...flow.slice(i, spanEnd), ...a.placed, ...b.placed], cols: { span: spanEnd - i, left: a.placed.length } });
      if (b.end <= i) throw new Error('pagination does not terminate');
      i = b.end;
    }
    return out;
  }

  function fillSection(original: FlowBlock[], spanBlocks?: number): Fill[] {
    // Filling depends only on the flow and the setup: sections unchanged since the previous
    // pagination round (everything but the generated TOC and index) are not filled again.
    const memo = fillMemo.get(original);
    if (memo && memo.setup === setup) return memo.fills;
    if (spanBlocks !== undefined) {
      const fills = fillColumns(original, spanBlocks);
      fillMemo.set(original, { setup, fills });
      return fills;
    }
    // Landscape tables leave the flow; their pages follow the page where they stood.
    const turned = takeTurned(original);
    let flow = turned ? turned.flow : original;
    const out: Fill[] = [];
    let i = 0;
    let carry: FlowBlock[] = [];
    let guard = 0;
    while (i < flow.length || carry.length) {
      const firstPage = out.length === 0;
      let f = fillPage(flow, i, carry, flow.length, firstPage);
      const e = adjust(flow, i, f.end);
      if (e < f.end) f = fillPage(flow, i, carry, e, firstPage);
      if (f.end === i && f.notes.length === 0 && f.placed.length === 0) {
        // Cannot make progress (should not happen); force one block.
        f = fillPage(flow, i, carry, Math.min(flow.length, i + 1), true);
      }
      const floated = floatFigure(flow, i, carry, f, firstPage);
      if (floated) ({ flow, f } = floated);
      out.push(f);
      if (turned)
        for (let t = i; t < f.end; t++) {
          const group = turned.groups.get(flow[t]!);
          if (group) out.push(...fillTurned(group));
        }
      i = f.end;
      carry = f.carryOut;
      if (++guard > 100000) throw new Error('pagination does not terminate');
    }
    fillMemo.set(original, { setup, fills: out });
    return out;
  }

  const folioFace = shaper.face(setup.fontFamily);
  const headFace = shaper.face(setup.fontFamily, false, true);
  const headSize = setup.bodySize - 1.5;

  const textAt = (text: string, face: number, size: number, x: number, y: number, align: 'left' | 'center' | 'right', width: number): Drawable => {
    const b = shaper.box(text, face, size);
    return { d: 'text', x, y, line: { width, align, last: true, parts: [b], ratio: 0 } };
  };

  /** A running head that fits the measure: whole words, then an ellipsis. */
  const fitHead = (text: string): string => {
    const max = setup.textWidth * 0.8;
    if (shaper.width(text, headFace, headSize) <= max) return text;
    const words = text.split(/\s+/);
    while (words.length > 1 && shaper.width(words.join(' ') + ' …', headFace, headSize) > max) words.pop();
    return words.join(' ') + ' …';
  };

  function newPage(folio: string, label: string): Page {
    return { index: pages.length, folio, label, draws: [], anchors: [], marks: [], calls: [], noteStarts: [] };
  }

  // A printed book ends on a verso, its page count a multiple of the print shop's signature (2 at
  // least, 8, 16 or 32 pages a sheet): blank pages go before the colophon, which stays the last page.
  const signature = opts.bookEnd ? Math.max(2, setup.signature ?? 2) : 0;
  let colophon = false;
  for (const s of sections) {
    if (s.flow.length === 0) continue;
    if (s.role === 'colophon' && signature) {
      colophon = true;
      const n = fillSection(s.flow, s.spanBlocks).length;
      while ((pages.length + n) % signature !== 0) pages.push(newPage('', ''));
    } else if (s.style.recto && pages.length % 2 === 1) pages.push(newPage('', ''));
    if (s.style.numbering === 'arabic' && firstArabic < 0) {
      if (pages.length % 2 === 1) pages.push(newPage('', ''));
      firstArabic = pages.length;
    }
    const sectionFills = fillSection(s.flow, s.spanBlocks);
    const colShift = s.style.columns ? (setup.textWidth + s.style.columns.gap) / 2 : 0;
    sectionFills.forEach((f, k) => {
      const index = pages.length;
      const label = s.style.numbering === 'roman' || firstArabic < 0 ? romanLower(index + 1) : String(index - firstArabic + 1);
      const page = newPage(s.style.printFolio ? label : '', label);
      const recto = index % 2 === 0;
      const left = recto ? setup.inner : setup.outer;
      const top = setup.top;
      const opening = k === 0 && s.opening;
      // Body blocks from the top, fill blocks sharing the leftover height.
      const used = lineH(f.placed);
      const noteH = f.notes.length ? sepH + lineH(f.notes) : 0;
      const fills = f.placed.reduce((a, b) => a + (b.fill ?? 0), 0);
      const extra = fills > 0 ? Math.max(0, H - used - noteH) / fills : 0;
      const sectionEnd = k === sectionFills.length - 1;
      let room = fills > 0 ? 0 : Math.max(0, reach(H, f.placed[f.placed.length - 1], f.notes.length > 0) - used - noteH);
      // A page inside a section ends on the foot of the text block, as TeX's \flushbottom: what a
      // kept heading, a widow or a footnote sent on leaves is shared among the page's paragraph
      // starts and spaces (around headings), not left as a hole above the notes.
      // A page one line short keeps its lines on the grid (the facing page's lines align).
      const stretch = !sectionEnd && !f.cols && !f.stop && room > setup.leading + rest + 0.01 ? stretchPoints(f.placed) : 0;
      const share = stretch > 0 ? room / stretch : 0;
      if (stretch > 0) room = 0;
      page.slack = room;
      if (share) page.spread = share;
      page.sectionEnd = sectionEnd || f.stop;
      let y = top;
      let x = left;
      let colTop = top;
      const draft = opts.draft === true;
      // Indexed loops here and below: this runs for every page of every pagination round, mostly
      // before the optimizing compiler has seen it, where for…of allocates per element.
      const placed = f.placed;
      for (let bi = 0; bi < placed.length; bi++) {
        const b = placed[bi]!;
        if (f.cols) {
          // Two columns: the right one starts at the top of the left one, shifted across.
          if (bi === f.cols.span) colTop = y;
          else if (bi === f.cols.span + f.cols.left) {
            y = colTop;
            x = left + colShift;
          }
        }
        if (share && bi > 0 && stretchesBefore(b, placed[bi - 1]!)) y += share;
        if (b.fill) y += extra * b.fill;
        if (!draft) for (let di = 0; di < b.draws.length; di++) page.draws.push(place(b.draws[di]!, x, y));
        if (b.anchors)
          for (const a of b.anchors) {
            page.anchors.push(a);
            labels.set(a, label);
            anchorsY.set(a, { page: index, y });
          }
        if (b.marks) page.marks.push(...b.marks);
        y += b.h;
      }
      page.calls.push(...f.noteIds);
      if (f.continued && f.notes.length) page.notesContinued = true;
      // Index terms named in the footnotes: the page the note's line prints on.
      for (let bi = 0; bi < f.notes.length; bi++) {
        const m = f.notes[bi]!.marks;
        if (m) page.marks.push(...m);
      }
      // Footnote area at the foot of the text block.
      if (f.notes.length && draft) {
        for (let bi = 0; bi < f.notes.length; bi++) {
          const draws = f.notes[bi]!.draws;
          for (let di = 0; di < draws.length; di++) {
            const d = draws[di]!;
            if (d.d === 'text') noteStarts(d.line, page.noteStarts);
          }
        }
      } else if (f.notes.length) {
        let ny = top + H + noteOver - lineH(f.notes) - sepH;
        // TeX's \footnoterule: 3 pt above the notes' strut (\footnotesep, about 0.85 em).
        const ruleY = ny + sepH + baselineOffset(setup.footnoteLeading, setup.footnoteSize) - setup.footnoteSize * 0.85 - 3;
        const ruleW = f.continued ? setup.textWidth : setup.textWidth * 0.3;
        page.draws.push({ d: 'rule', x1: left, y1: ruleY, x2: left + ruleW, y2: ruleY, width: 0.4 });
        ny += sepH;
        for (let bi = 0; bi < f.notes.length; bi++) {
          const b = f.notes[bi]!;
          for (let di = 0; di < b.draws.length; di++) {
            const d = b.draws[di]!;
            page.draws.push(place(d, left, ny));
            if (d.d === 'text') noteStarts(d.line, page.noteStarts);
          }
          ny += b.h;
        }
      }
      if (f.turn && !draft) turnDraws(page.draws, 0, turnMatrix(setup, left));
      // Running head (none on openings) and folio.
      const headText = recto ? s.style.headOdd : s.style.headEven;
      if (draft) {
        // no running head or folio in a draft
      } else if (!opening && headText) {
        const by = top - setup.leading * 0.95;
        page.draws.push(textAt(fitHead(headText), headFace, headSize, left, by, 'center', setup.textWidth));
        if (page.folio) page.draws.push(textAt(page.folio, folioFace, setup.bodySize - 0.5, left, by, recto ? 'right' : 'left', setup.textWidth));
        const ry = top - setup.leading * 0.55;
        page.draws.push({ d: 'rule', x1: left, y1: ry, x2: left + setup.textWidth, y2: ry, width: 0.4 });
      } else if (page.folio) {
        const by = top + H + setup.leading * 1.5;
        page.draws.push(textAt(page.folio, folioFace, setup.bodySize - 0.5, left, by, 'center', setup.textWidth));
      }
      pages.push(page);
    });
    for (const o of s.outline) {
      const at = anchorsY.get(o.anchor);
      if (at) outline.push({ ...o, page: at.page, y: at.y });
    }
  }
  if (signature && !colophon) while (pages.length % signature !== 0) pages.push(newPage('', ''));
  return { pages, labels, outline, firstArabic: Math.max(0, firstArabic) };
}

/**
 * Last touches once pagination is final: per-page footnote numbers, glyphs for split words.
 */
export function finishPages(pages: Page[], opts: PaginateOptions): void {
  if (opts.setup.footnoteNumbering === 'page') renumberPerPage(pages, opts.shaper);
  respliceBoxes(pages, opts.shaper);
}

/** Footnote labels on a line: where their notes start. */
function noteStarts(line: Line, out: number[]): void {
  const parts = line.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.t === 'box' && p.fnLabel !== undefined) out.push(p.fnLabel);
  }
}

function place(d: Drawable, dx: number, dy: number): Drawable {
  switch (d.d) {
    case 'text':
      return { d: 'text', x: d.x + dx, y: d.y + dy, line: d.line };
    case 'rule':
      return { d: 'rule', x1: d.x1 + dx, y1: d.y1 + dy, x2: d.x2 + dx, y2: d.y2 + dy, width: d.width };
    case 'image':
      return { ...d, x: d.x + dx, y: d.y + dy };
  }
}

/**
 * Replaces boxes on every line: `fn` sees the boxes that are split pieces or footnote numbers
 * (`which`), the only ones it may replace; the test is inline because this visits every box of
 * the book once, mostly before the optimizing compiler has seen it.
 */
function mapLines(pages: Page[], which: 'split' | 'note', fn: (b: Box) => Box | undefined): void {
  const split = which === 'split';
  for (let pi = 0; pi < pages.length; pi++) {
    const page = pages[pi]!;
    for (let k = 0; k < page.draws.length; k++) {
      const d = page.draws[k]!;
      if (d.d !== 'text') continue;
      // The parts are copied only for the few lines that change.
      const src = d.line.parts;
      let parts: (Box | Glue)[] | null = null;
      for (let i = 0; i < src.length; i++) {
        const p = src[i]!;
        if (p.t !== 'box' || (split ? !p.split : p.fnCall === undefined && p.fnLabel === undefined)) continue;
        const r = fn(p);
        if (!r) continue;
        if (!parts) parts = src.slice();
        parts[i] = r;
      }
      if (parts) page.draws[k] = { ...d, line: { ...d.line, parts } as Line };
    }
  }
}

/** Footnote numbers restart on every page: calls and labels take their number on their page. */
function renumberPerPage(pages: Page[], shaper: PageShaper): void {
  const numbers = new Map<number, number>();
  for (const p of pages) p.calls.forEach((id, i) => numbers.set(id, i + 1));
  mapLines(pages, 'note', (b) => {
    const id = b.fnCall ?? b.fnLabel;
    if (id === undefined) return undefined;
    const n = numbers.get(id);
    if (n === undefined || String(n) === b.text) return undefined;
    const c = copyBox(shaper.box(String(n), b.face, b.size));
    c.rise = b.rise;
    c.fnCall = b.fnCall;
    c.fnLabel = b.fnLabel;
    return c;
  });
}

/** Pieces of words split to fit the measure get their own glyphs. */
function respliceBoxes(pages: Page[], shaper: PageShaper): void {
  mapLines(pages, 'split', (b) => {
    if (!b.split) return undefined;
    const c = copyBox(shaper.box(b.text, b.face, b.size));
    c.rise = b.rise;
    return c;
  });
}

export type { IndexMark };
