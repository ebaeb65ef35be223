import type { Item } from '../ir';
import { firstFit, type Breaks } from './knuthPlass';

const INF = 10000;
/** Beyond this many breakpoints a paragraph is not a title: first-fit is good enough. */
const MAX_CANDIDATES = 600;

/**
 * Balanced ragged lines, for titles and headings: the fewest lines the text needs (first-fit at
 * full measure finds that number), and among the ways to set it in that many lines the one whose
 * lines are closest to equal length — the sum of the squared shortfalls from the measure, plus
 * the square of each chosen penalty (a title's weak breaks, after "và" or "của", cost a little;
 * a penalty of +∞ joins the syllables of a word, which is never broken; a negative one, after a
 * comma, makes ending a phrase there cheaper).
 *
 * A dynamic program over the legal breakpoints (a glue after a box, a penalty below +∞): best[k][j]
 * is the cheapest way to set the text up to breakpoint j in k lines. Titles have a few dozen
 * breakpoints, so the quadratic work is nothing. Falls back to first-fit when no balanced set
 * exists (a box wider than the measure) or the paragraph is long.
 */
export function balancedBreaks(items: Item[], lineWidth: (line: number) => number): Breaks {
  const greedy = firstFit(items, lineWidth);
  const lines = greedy.positions.length;
  if (lines <= 1) return greedy;
  const n = items.length;
  // Prefix sums of natural width (penalties count only when a line ends at them).
  const sum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    sum[i + 1] = sum[i]! + (it.t === 'pen' ? 0 : it.w);
  }
  // Candidate breakpoints; -1 stands for the start of the paragraph.
  const cand: number[] = [-1];
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    if (it.t === 'glue' ? i > 0 && items[i - 1]!.t === 'box' : it.t === 'pen' && it.p < INF) cand.push(i);
  }
  if (cand[cand.length - 1] !== n - 1 || cand.length > MAX_CANDIDATES) return greedy;
  // The first box after each candidate: discardable items at the start of a line vanish.
  const startOf = cand.map((b) => {
    let j = b + 1;
    while (j < n && items[j]!.t !== 'box') j++;
    return j;
  });
  const m = cand.length;
  let prev = new Float64Array(m).fill(Infinity);
  prev[0] = 0;
  const from: Int32Array[] = [];
  for (let k = 0; k < lines; k++) {
    const cur = new Float64Array(m).fill(Infinity);
    const back = new Int32Array(m).fill(-1);
    const width = lineWidth(k);
    const last = k === lines - 1;
    for (let j = 1; j < m; j++) {
      // The last line ends at the final break; the others never do.
      if (last !== (j === m - 1)) continue;
      const b = cand[j]!;
      const end = items[b]!;
      const pen = end.t === 'pen' ? end.p : 0;
      const penW = end.t === 'pen' ? end.w : 0;
      for (let i = j - 1; i >= 0; i--) {
        const a = cand[i]!;
        const natural = sum[b]! - sum[startOf[i]!]! + penW;
        if (natural > width) break;
        if (prev[i] !== Infinity) {
          const slack = width - natural;
          const cost = prev[i]! + slack * slack + (last ? 0 : pen > 0 ? pen * pen : -pen * pen);
          if (cost < cur[j]!) {
            cur[j] = cost;
            back[j] = i;
          }
        }
        // A line never runs over a forced break.
        if (a >= 0 && items[a]!.t === 'pen' && (items[a] as { p: number }).p <= -INF) break;
      }
    }
    from.push(back);
    prev = cur;
  }
  if (prev[m - 1] === Infinity) return greedy;
  const positions: number[] = [];
  for (let k = lines - 1, j = m - 1; k >= 0; k--) {
    positions.push(cand[j]!);
    j = from[k]![j]!;
  }
  positions.reverse();
  return { positions, ratios: positions.map(() => 0) };
}
