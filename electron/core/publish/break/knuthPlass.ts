import type { Item } from '../ir';

const INF = 10000;

/** TeX's defaults: \linepenalty, \adjdemerits. */
const LINE_PENALTY = 10;
const ADJ_DEMERITS = 10000;
const FLAGGED_DEMERITS = 3000;
/** The stretchability, as a share of the measure, charged to a line without glue. */
const GLUELESS_STRETCH = 1 / 6;

export interface Breaks {
  /** Item indices where lines end (the break item itself is not part of either line). */
  positions: number[];
  /** Adjustment ratio of each line (negative = shrunk). */
  ratios: number[];
}

/**
 * Scratch memory shared by every call (the typesetter is synchronous): prefix sums and the
 * breakpoint nodes as parallel typed arrays. A paragraph allocates no objects per candidate
 * line, which kept the young generation busy (a third of the bytes allocated per book).
 */
let cap = 0;
let sw = new Float64Array(0);
let sy = new Float64Array(0);
let sz = new Float64Array(0);
// Node k: breakpoint position, line number, fitness class, totals after the break, total
// demerits, adjustment ratio of the line ending here, previous node (−1 for the start).
let nPos = new Int32Array(0);
let nLine = new Int32Array(0);
let nFit = new Int32Array(0);
let nPrev = new Int32Array(0);
let nTw = new Float64Array(0);
let nTy = new Float64Array(0);
let nTz = new Float64Array(0);
let nDem = new Float64Array(0);
let nRatio = new Float64Array(0);
let active = new Int32Array(0);
let lw = new Float64Array(0);
const bestD = new Float64Array(4);
const bestR = new Float64Array(4);
const bestPrev = new Int32Array(4);

/** At most one node per fitness class and breakpoint, plus the start: 4n + 1 of everything. */
function reserve(n: number): void {
  const need = 4 * n + 1;
  if (need <= cap) return;
  cap = Math.max(need, cap * 2, 4096);
  sw = new Float64Array(cap);
  sy = new Float64Array(cap);
  sz = new Float64Array(cap);
  nPos = new Int32Array(cap);
  nLine = new Int32Array(cap);
  nFit = new Int32Array(cap);
  nPrev = new Int32Array(cap);
  nTw = new Float64Array(cap);
  nTy = new Float64Array(cap);
  nTz = new Float64Array(cap);
  nDem = new Float64Array(cap);
  nRatio = new Float64Array(cap);
  active = new Int32Array(cap);
  lw = new Float64Array(cap);
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
  reserve(n);
  sw[0] = sy[0] = sz[0] = 0;
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    // One property read per item kind: a read site that sees boxes, glues and penalties alike
    // is polymorphic, and there V8 boxes every number it reads (a heap number per item).
    if (it.t === 'glue') {
      sw[i + 1] = sw[i]! + it.w;
      sy[i + 1] = sy[i]! + it.stretch;
      sz[i + 1] = sz[i]! + it.shrink;
    } else {
      sw[i + 1] = sw[i]! + (it.t === 'pen' ? 0 : it.w);
      sy[i + 1] = sy[i]! + 0;
      sz[i + 1] = sz[i]! + 0;
    }
  }
  // The start node.
  nPos[0] = -1;
  nLine[0] = 0;
  nFit[0] = 1;
  nPrev[0] = -1;
  nTw[0] = nTy[0] = nTz[0] = nDem[0] = nRatio[0] = 0;
  let nodes = 1;
  active[0] = 0;
  let nActive = 1;
  let widths = 0;

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

    // Best candidate per fitness class, as scalars: a node is made only for the winners.
    bestPrev[0] = bestPrev[1] = bestPrev[2] = bestPrev[3] = -1;
    let kept = 0;
    for (let ai = 0; ai < nActive; ai++) {
      const a = active[ai]!;
      const aPos = nPos[a]!;
      // Measures by line number, asked once each: a call per candidate returns a boxed number.
      const line = nLine[a]!;
      while (widths <= line) lw[widths] = lineWidth(widths++);
      const width = lw[line]!;
      const natural = sw[b]! - nTw[a]! + penW;
      let r: number;
      if (natural < width) {
        const st = sy[b]! - nTy[a]!;
        // A line with no space in it (a stretch of a URL broken at both ends) cannot be
        // justified and is drawn ragged; it is as bad as a justified line whose spaces would
        // have to take up the same room, counting a sixth of the measure as one stretch.
        r = st > 0 ? (width - natural) / st : (width - natural) / (width * GLUELESS_STRETCH);
      } else if (natural > width) {
        const sh = sz[b]! - nTz[a]!;
        r = sh > 0 ? (width - natural) / sh : -INF;
      } else r = 0;
      const forced = it.t === 'pen' && penalty <= -INF;
      if (r >= -1 && r <= tolerance) {
        const badness = 100 * Math.abs(r) ** 3;
        let d: number;
        if (penalty >= 0) d = (LINE_PENALTY + badness) ** 2 + penalty * penalty;
        else if (penalty > -INF) d = (LINE_PENALTY + badness) ** 2 - penalty * penalty;
        else d = (LINE_PENALTY + badness) ** 2;
        if (flagged && aPos >= 0 && items[aPos]!.t === 'pen' && (items[aPos] as { flagged?: boolean }).flagged) d += FLAGGED_DEMERITS;
        const fitness = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
        if (aPos >= 0 && Math.abs(fitness - nFit[a]!) > 1) d += ADJ_DEMERITS;
        d += nDem[a]!;
        if (bestPrev[fitness]! < 0 || d < bestD[fitness]!) {
          bestPrev[fitness] = a;
          bestD[fitness] = d;
          bestR[fitness] = r;
        }
      }
      // Keep the node active unless no line from it can reach further than here.
      if (!(r < -1 || forced)) active[kept++] = a;
    }
    nActive = kept;
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
      const prev = bestPrev[fc]!;
      if (prev < 0) continue;
      const k = nodes++;
      nPos[k] = b;
      nLine[k] = nLine[prev]! + 1;
      nFit[k] = fc;
      nPrev[k] = prev;
      nTw[k] = tw;
      nTy[k] = ty;
      nTz[k] = tz;
      nDem[k] = bestD[fc]!;
      nRatio[k] = bestR[fc]!;
      active[nActive++] = k;
    }
    if (nActive === 0) return null;
  }

  // The final forced break: the cheapest node there.
  let bestNode = -1;
  for (let ai = 0; ai < nActive; ai++) {
    const a = active[ai]!;
    if (nPos[a] === n - 1 && (bestNode < 0 || nDem[a]! < nDem[bestNode]!)) bestNode = a;
  }
  if (bestNode < 0) return null;
  const positions: number[] = [];
  const ratios: number[] = [];
  for (let node = bestNode; node >= 0 && nPos[node]! >= 0; node = nPrev[node]!) {
    positions.push(nPos[node]!);
    ratios.push(nRatio[node]!);
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
