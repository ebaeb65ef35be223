import type { InlineRun, Table } from '../../../../shared/book/model';
import type { Item, PCell, PNote, PPara, Prepared } from '../ir';
import { finishPara, runsToItems, type PrepareContext } from './prepare';

/** Where a table goes in its chapter: the measure it may fill and the text size around it. */
export interface TableEnv {
  x: number;
  width: number;
  size: number;
  leading: number;
}

/** Space between a cell's rules and its text, points. */
const PAD = 3;
/** The smallest type a table is set in before it is turned or split: ~80% of the text size, never below this. */
const FLOOR_SIZE = 7.5;
/** Sizes tried between the table's own size and the smallest, points. */
const SIZE_STEP = 0.25;
/**
 * Room added to every column's minimum: a word exactly as wide as its column must not be taken
 * for a wider one by rounding (the line breaker would cut it), and scaled widths are estimates.
 */
const SLACK = 0.5;

/** One cell shaped at the table's size: its items, its footnotes and its two widths (text only). */
interface Cell {
  items: Item[];
  notes: PNote[];
  /** Widest piece the line breaker cannot break (a word, or a piece between break opportunities). */
  min: number;
  /** The whole cell on one line. */
  nat: number;
}

/**
 * How a table is set: its type size, upright in the text or turned a quarter on pages of its
 * own, and its columns in groups (one group unless even the turned page is too narrow).
 */
interface Plan {
  size: number;
  turned: boolean;
  groups: number[][];
}

/**
 * A table → prepared rows whose every cell wraps inside its column, so no word is ever set
 * outside the page. In order of preference:
 *
 * 1. upright in the measure, at the table's size (a point below the text) or smaller, down to
 *    about 80% of the text size (never below 7.5 pt): the first size whose columns can all be
 *    as wide as their widest word;
 * 2. turned (landscape): set across the page's height on pages of its own, the top of the table
 *    at the left edge of the page as books do (the reader turns the book clockwise); the text
 *    flows on past it and the turned pages follow the page where the table is called;
 * 3. split by columns, still turned: groups of columns, each repeating the first (stub) column
 *    with the header row, printed one after the other, the later ones under a "(tiếp theo)"
 *    caption. A column whose word is wider than even that (a long code) gets what is left and
 *    its word is cut by the line breaker's letter fallback — printed, never clipped.
 *
 * Column widths follow the automatic table layout of HTML/CSS: each column has a minimum (its
 * widest unbreakable word) and a natural width (its longest cell on one line); when the natural
 * widths fit they are widened in proportion to fill the measure, otherwise every column gets its
 * minimum plus a share of the room left in proportion to what it lacks of its natural width.
 *
 * The header row (Markdown's, or the first row when the model marks it) is kept with the first
 * row and repeated at the top of every page the table continues on (`repeat`).
 */
export function prepareTable(ctx: PrepareContext, table: Table, env: TableEnv, out: Prepared[]): void {
  const size0 = env.size - 1;
  const leading0 = env.leading - 2;
  const ncols = Math.max(1, ...table.rows.map((r) => r.length));
  const header = !!table.header && table.rows.length > 0;
  // Each cell keeps its own footnotes: they go with the row that calls them. The cells are shaped
  // once to measure them and again if another size is chosen, with the same note numbers.
  const outerNotes = ctx.pendingNotes;
  const noteId = ctx.nextNoteId;
  const noteNumber = ctx.noteNumber;
  let cells = shapeCells(ctx, table, ncols, size0);
  let [minText, natText] = columnWidths(cells, ncols);
  const plan = choosePlan(ctx, env, minText, size0);
  if (plan.size !== size0) {
    ctx.nextNoteId = noteId;
    ctx.noteNumber = noteNumber;
    cells = shapeCells(ctx, table, ncols, plan.size);
    // Measured again: kerning rounds, widths are not quite proportional to the size.
    [minText, natText] = columnWidths(cells, ncols);
  }
  const size = plan.size;
  const leading = (leading0 * size) / size0;
  const avail = plan.turned ? ctx.setup.textHeight : env.width;
  const x0 = plan.turned ? 0 : env.x;
  const blocks: Prepared[] = [];
  plan.groups.forEach((cols, gi) => {
    const widths = autoWidths(
      cols.map((c) => minText[c]! + 2 * PAD + SLACK),
      cols.map((c) => natText[c]! + 2 * PAD + SLACK),
      avail,
    );
    const caption = gi === 0 ? table.caption : continuedCaption(table.caption);
    if (caption) {
      if (gi > 0 || !plan.turned) blocks.push({ p: 'space', h: env.leading * (gi > 0 ? 0.8 : 0.4) });
      const italic = gi > 0 && !table.caption;
      const para = finishPara(ctx, runsToItems(ctx, caption, { size, bold: !italic, italic }), {
        size,
        leading,
        align: italic ? 'right' : 'center',
        x: x0,
        width: widths.reduce((a, b) => a + b, 0),
        keep: true,
      });
      para.keepInside = true;
      blocks.push(para, { p: 'space', h: 3, keep: true });
    } else if (!plan.turned) blocks.push({ p: 'space', h: env.leading * 0.4 });
    let head: Prepared | undefined;
    cells.forEach((row, ri) => {
      let x = x0;
      const pcells: PCell[] = cols.map((c, i) => {
        const cell = row[c]!;
        const isHead = header && ri === 0;
        const text = cell.items.map((it) => (it.t === 'box' ? it.text : '')).join('');
        const numeric = text !== '' && /^[\d.,%+\-–\s]+$/.test(text);
        const align: PPara['align'] = isHead ? 'center' : numeric ? 'right' : 'left';
        // The stub column repeated in a later group prints its calls but not its notes again.
        ctx.pendingNotes = c !== 0 || gi === 0 ? cell.notes : [];
        const w = widths[i]!;
        const pcell: PCell = { x, width: w, paras: [finishPara(ctx, cell.items.slice(), { size, leading, align, x: x + PAD, width: w - 2 * PAD })] };
        x += w;
        return pcell;
      });
      // A row taller than the page is cut between lines where the page ends.
      const block: Prepared = { p: 'row', cells: pcells, grid: true, pad: PAD, split: plan.turned ? ctx.setup.textWidth : ctx.setup.textHeight };
      if (header && ri === 0) {
        block.keep = true;
        head = block;
      } else if (head) block.repeat = [head];
      blocks.push(block);
    });
    if (!plan.turned) blocks.push({ p: 'space', h: env.leading * 0.5 });
  });
  ctx.pendingNotes = outerNotes;
  if (plan.turned) out.push({ p: 'turn', blocks });
  else out.push(...blocks);
}

/** Each column's minimum and natural text width: the largest of its cells'. */
function columnWidths(cells: Cell[][], ncols: number): [number[], number[]] {
  const min = new Array<number>(ncols).fill(0);
  const nat = new Array<number>(ncols).fill(0);
  for (const row of cells)
    row.forEach((c, ci) => {
      min[ci] = Math.max(min[ci]!, c.min);
      nat[ci] = Math.max(nat[ci]!, c.nat);
    });
  return [min, nat];
}

/** Every cell of the table shaped at `size`, with its widths; missing cells are empty. */
function shapeCells(ctx: PrepareContext, table: Table, ncols: number, size: number): Cell[][] {
  const rows = table.rows.map((row, ri) => {
    const out: { items: Item[]; notes: PNote[] }[] = [];
    for (let ci = 0; ci < ncols; ci++) {
      ctx.pendingNotes = [];
      const items = runsToItems(ctx, row[ci] ?? [], { size, bold: !!table.header && ri === 0 });
      out.push({ items, notes: ctx.pendingNotes });
    }
    return out;
  });
  ctx.pendingNotes = [];
  // Widths are known once the shaper has resolved the words it saw.
  ctx.shaper.resolve();
  return rows.map((row) => row.map((c) => ({ ...c, ...cellWidths(c.items) })));
}

/**
 * A cell's minimum and natural width. Adjacent boxes with nothing between them are one word (a
 * word whose parts differ in style); a penalty is a break opportunity inside a long word, whose
 * width (a hyphen) the line ending there carries.
 */
function cellWidths(items: Item[]): { min: number; nat: number } {
  let min = 0;
  let nat = 0;
  let run = 0;
  for (const it of items) {
    if (it.t === 'box') {
      run += it.w;
      nat += it.w;
    } else if (it.t === 'glue') {
      min = Math.max(min, run);
      run = 0;
      nat += it.w;
    } else {
      min = Math.max(min, run + it.w);
      run = 0;
    }
  }
  return { min: Math.max(min, run), nat };
}

/**
 * The size and orientation of a table, and its column groups, from its columns' minimum text
 * widths at `size0`. Widths scale with the type size; the cell padding does not.
 */
function choosePlan(ctx: PrepareContext, env: TableEnv, minText: number[], size0: number): Plan {
  const ncols = minText.length;
  const all = minText.map((_, i) => i);
  const floor = Math.min(size0, Math.max(FLOOR_SIZE, env.size * 0.8));
  const sizes: number[] = [];
  for (let s = size0; s > floor + 1e-6; s -= SIZE_STEP) sizes.push(Math.round(s * 100) / 100);
  sizes.push(floor);
  const need = (cols: number[], s: number) => cols.reduce((a, c) => a + (minText[c]! * s) / size0 + 2 * PAD + SLACK, 0);
  for (const s of sizes) if (need(all, s) <= env.width + 0.01) return { size: s, turned: false, groups: [all] };
  // One or two columns too wide for the measure hold a long code, not a wide table: the line
  // breaker cuts it within the column, upright.
  if (ncols <= 2) return { size: size0, turned: false, groups: [all] };
  const across = ctx.setup.textHeight;
  for (const s of sizes) if (need(all, s) <= across + 0.01) return { size: s, turned: true, groups: [all] };
  // Split: the fewest groups, at the largest size that gives that many.
  let best: Plan | undefined;
  for (const s of sizes) {
    const groups = groupColumns(minText.map((m) => (m * s) / size0 + 2 * PAD + SLACK), across);
    if (!best || groups.length < best.groups.length) best = { size: s, turned: true, groups };
  }
  return { ...best!, groups: balanceGroups(minText.map((m) => (m * best!.size) / size0 + 2 * PAD + SLACK), across, best!.groups.length) };
}

/**
 * The same number of groups with the columns shared out evenly (eight, eight and seven rather
 * than eleven, eleven and one): the least room per group that still needs no more groups.
 */
function balanceGroups(minW: number[], avail: number, count: number): number[][] {
  let lo = 0;
  let hi = avail;
  for (let k = 0; k < 24; k++) {
    const mid = (lo + hi) / 2;
    if (groupColumns(minW, avail, mid).length <= count) hi = mid;
    else lo = mid;
  }
  return groupColumns(minW, avail, hi);
}

/**
 * Columns 1… in consecutive groups, each after the stub column 0, filling `fill` (at most the
 * room, `avail`) in turn. A stub wider than a third of the room, or a column wider than what the
 * stub leaves, counts as that much (its long word is cut within it).
 */
function groupColumns(minW: number[], avail: number, fill = avail): number[][] {
  const stub = Math.min(minW[0]!, avail / 3);
  const groups: number[][] = [];
  let cur: number[] = [0];
  let used = stub;
  for (let c = 1; c < minW.length; c++) {
    const w = Math.min(minW[c]!, avail - stub);
    if (cur.length > 1 && used + w > fill + 0.01) {
      groups.push(cur);
      cur = [0];
      used = stub;
    }
    cur.push(c);
    used += w;
  }
  groups.push(cur);
  return groups;
}

/**
 * Column widths filling `avail`, after the automatic table layout of HTML/CSS: natural widths
 * widened in proportion when they fit; else minimum widths plus the room left shared in
 * proportion to what each lacks of its natural width; when even the minimums do not fit (a
 * long code in a narrow table), the minimums shrunk in proportion.
 */
export function autoWidths(min: number[], nat: number[], avail: number): number[] {
  const sumMin = min.reduce((a, b) => a + b, 0);
  const sumNat = nat.reduce((a, b) => a + b, 0);
  if (sumNat <= avail) return nat.map((n) => n + ((avail - sumNat) * n) / (sumNat || 1));
  if (sumMin <= avail) {
    const lack = sumNat - sumMin;
    return min.map((m, i) => m + ((avail - sumMin) * (nat[i]! - m)) / (lack || 1));
  }
  return min.map((m) => (m * avail) / sumMin);
}

/** "Bảng 3. Số đảng viên…" → "Bảng 3 (tiếp theo)"; any other caption gets "(tiếp theo)" after it; none, "(Tiếp theo)". */
function continuedCaption(caption: InlineRun[] | undefined): InlineRun[] {
  if (!caption) return [{ kind: 'text', text: '(Tiếp theo)' }];
  const text = caption
    .map((r) => (r.kind === 'text' ? r.text : ''))
    .join('')
    .normalize('NFC')
    .trim();
  const m = /^(Bảng\s+[\p{L}\p{N}.]*[\p{L}\p{N}])/iu.exec(text);
  return [{ kind: 'text', text: `${m ? m[1] : text} (tiếp theo)` }];
}
