import type { Item } from '../ir';

const INF = 10000;

/** TeX's defaults: \linepenalty, \adjdemerits. */
const LINE_PENALTY = 10;
const ADJ_DEMERITS = 10000;
const FLAGGED_DEMERITS = 3000;

export interface Breaks {
  /** Item indices where lines end (the break item itself is not part of either line). */
  positions: number[];
  /** Adjustment ratio of each line (negative = shrunk). */
  ratios: number[];
}

interface Node {
  pos: number;
  line: number;
  fitness: number;
  tw: number;
  ty: number;
  tz: number;
  demerits: number;
  ratio: number;
  prev: Node | null;
}

/**
 * Knuth–Plass optimum-fit line breaking ("Breaking Paragraphs into Lines", 1981).
 *
 * The paragraph is a list of boxes (words), glues (spaces that may stretch or shrink) and
 * penalties. Every legal breakpoint — a glue after a box, or a penalty below +∞ — is considered;
 * for each, the active nodes (earlier breakpoints from which a line could still reach it) give a
 * candidate line whose adjustment ratio r says how much its glue must stretch (r > 0) or shrink
 * (r < 0). Lines with r < −1 cannot be set; lines with r above `tolerance` are too loose. Each
 * feasible line costs demerits (linepenalty + 100|r|³)², plus a charge when its tightness class
 * differs by more than one from the previous line's, so the breaker prefers paragraphs whose
 * lines are evenly spaced. The cheapest chain of breaks to the final forced break wins.
 *
 * Returns null when no feasible set of breaks exists at this tolerance.
 */
export function knuthPlass(items: Item[], lineWidth: (line: number) => number, tolerance: number): Breaks | null {
  const n = items.length;
  const sw = new Float64Array(n + 1);
  const sy = new Float64Array(n + 1);
  const sz = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    sw[i + 1] = sw[i]! + (it.t === 'pen' ? 0 : it.w);
    sy[i + 1] = sy[i]! + (it.t === 'glue' ? it.stretch : 0);
    sz[i + 1] = sz[i]! + (it.t === 'glue' ? it.shrink : 0);
  }
  const best: (Node | null)[] = [null, null, null, null];
  const active: Node[] = [{ pos: -1, line: 0, fitness: 1, tw: 0, ty: 0, tz: 0, demerits: 0, ratio: 0, prev: null }];

  for (let b = 0; b < n; b++) {
    const it = items[b]!;
    let isBreak = false;
    let penalty = 0;
    let penW = 0;
    let flagged = false;
    if (it.t === 'glue') isBreak = b > 0 && items[b - 1]!.t === 'box';
    else if (it.t === 'pen') {
      isBreak = it.p < INF;
      penalty = it.p;
      penW = it.w;
      flagged = !!it.flagged;
    }
    if (!isBreak) continue;

    // Best candidate per fitness class (reused array: this loop runs once per breakpoint).
    best[0] = best[1] = best[2] = best[3] = null;
    let kept = 0;
    for (let ai = 0; ai < active.length; ai++) {
      const a = active[ai]!;
      const width = lineWidth(a.line);
      const natural = sw[b]! - a.tw + penW;
      let r: number;
      if (natural < width) {
        const st = sy[b]! - a.ty;
        r = st > 0 ? (width - natural) / st : INF;
      } else if (natural > width) {
        const sh = sz[b]! - a.tz;
        r = sh > 0 ? (width - natural) / sh : -INF;
      } else r = 0;
      const forced = it.t === 'pen' && penalty <= -INF;
      if (r >= -1 && r <= tolerance) {
        const badness = 100 * Math.abs(r) ** 3;
        let d: number;
        if (penalty >= 0) d = (LINE_PENALTY + badness) ** 2 + penalty * penalty;
        else if (penalty > -INF) d = (LINE_PENALTY + badness) ** 2 - penalty * penalty;
        else d = (LINE_PENALTY + badness) ** 2;
        if (flagged && a.pos >= 0 && items[a.pos]!.t === 'pen' && (items[a.pos] as { flagged?: boolean }).flagged) d += FLAGGED_DEMERITS;
        const fitness = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
        if (a.pos >= 0 && Math.abs(fitness - a.fitness) > 1) d += ADJ_DEMERITS;
        d += a.demerits;
        const cur = best[fitness];
        if (!cur || d < cur.demerits) best[fitness] = { pos: b, line: a.line + 1, fitness, tw: 0, ty: 0, tz: 0, demerits: d, ratio: r, prev: a };
      }
      // Keep the node active unless no line from it can reach further than here.
      if (!(r < -1 || forced)) active[kept++] = a;
    }
    active.length = kept;
    // Totals after the break: discardable items after it start no line.
    let tw = sw[b]!;
    let ty = sy[b]!;
    let tz = sz[b]!;
    for (let j = b; j < n; j++) {
      const x = items[j]!;
      if (x.t === 'box') break;
      if (x.t === 'glue') {
        tw += x.w;
        ty += x.stretch;
        tz += x.shrink;
      } else if (x.p <= -INF && j > b) break;
    }
    for (let fc = 0; fc < 4; fc++) {
      const c = best[fc];
      if (!c) continue;
      c.tw = tw;
      c.ty = ty;
      c.tz = tz;
      active.push(c);
    }
    if (active.length === 0) return null;
  }

  // The final forced break: the cheapest node there.
  let bestNode: Node | null = null;
  for (const a of active) if (a.pos === n - 1 && (!bestNode || a.demerits < bestNode.demerits)) bestNode = a;
  if (!bestNode) return null;
  const positions: number[] = [];
  const ratios: number[] = [];
  for (let node: Node | null = bestNode; node && node.pos >= 0; node = node.prev) {
    positions.push(node.pos);
    ratios.push(node.ratio);
  }
  positions.reverse();
  ratios.reverse();
  return { positions, ratios };
}

/**
 * First-fit: fills each line with as many words as fit at natural width. Used for ragged text
 * (centered titles, left-aligned headings) and as the last resort for justified text.
 */
export function firstFit(items: Item[], lineWidth: (line: number) => number): Breaks {
  const positions: number[] = [];
  const ratios: number[] = [];
  let line = 0;
  let width = 0;
  let lastBreak = -1;
  let started = false;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.t === 'box') {
      if (width + it.w > lineWidth(line) && lastBreak >= 0 && started) {
        positions.push(lastBreak);
        ratios.push(0);
        line++;
        // Restart the measure from the first box after the break.
        width = 0;
        for (let j = lastBreak + 1; j < i; j++) {
          const x = items[j]!;
          if (x.t === 'box' || (x.t === 'glue' && width > 0)) width += x.w;
        }
        lastBreak = -1;
      }
      width += it.w;
      started = true;
    } else if (it.t === 'glue') {
      if (i > 0 && items[i - 1]!.t === 'box') {
        lastBreak = i;
      }
      if (started) width += it.w;
    } else if (it.p <= -INF) {
      positions.push(i);
      ratios.push(0);
      line++;
      width = 0;
      lastBreak = -1;
      started = false;
    } else if (it.p < INF) {
      lastBreak = i;
    }
  }
  return { positions, ratios };
}
