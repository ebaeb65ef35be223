/**
 * Which way up a page is, how far its lines of text are tilted, and how tall its letters are:
 * measured on the flattened analysis copy from the row profiles of its ink, where lines of
 * text give sharp peaks and gaps.
 */
import type { Grey } from './greyImage';
import type { Sides } from './paper';

/** Skew search range (degrees). */
const MAX_SKEW = 6;

interface Points {
  xs: Float32Array;
  ys: Float32Array;
  n: number;
}

/**
 * Orientation (the clockwise turn that makes the page upright), skew and x-height, from the
 * flattened analysis copy less its borders. Lines of text give a row profile with sharp peaks
 * and gaps: the frame (as is, or turned a quarter) whose best profile is clearly sharper, and
 * whose bands read as writing, has horizontal lines; the ink around each line's x-height band
 * tells up from down. When in doubt the user's rotation stands: a page wrongly turned is worse
 * than one left as it was.
 */
export function analyse(flat: Grey, t: number, cut: Sides, rotation: number): { orientation: number; skew: number; xHeight: number } {
  const pts = inkPoints(flat, t, cut);
  // Too little ink for profiles to mean anything: keep the user's view.
  if (pts.frame0.n < 400) return { orientation: rotation, skew: 0, xHeight: 0 };
  const w = flat.width - cut.left - cut.right;
  const h = flat.height - cut.top - cut.bottom;
  const across = bestSkew(pts.frame0, w, h);
  const down = bestSkew(pts.frame90, h, w);
  // Lines run the way the profile is clearly sharper, provided they read as writing at all.
  let axis: 0 | 90;
  if (across.lines > 0 && (down.lines === 0 || across.score > down.score * 1.2)) axis = 0;
  else if (down.lines > 0 && (across.lines === 0 || down.score > across.score * 1.2)) axis = 90;
  // Lines neither way clearly (a few words, a drawing): leave the page as the user sees it.
  else return { orientation: rotation, skew: 0, xHeight: xHeight(lineCores((rotation % 180 === 0 ? across : down).profile)) };
  const found = axis === 0 ? across : down;
  const cores = lineCores(found.profile);
  const { ratio, votes } = upright(found.profile, cores);
  // One or two lines tell up from down only when they say it clearly.
  const clear = cores.filter((c) => c[2]).length >= 3 ? 1.15 : 1.5;
  if (ratio >= clear && votes >= 0) return { orientation: axis, skew: found.skew, xHeight: xHeight(cores) };
  if (ratio <= 1 / clear && votes <= 0) return { orientation: axis + 180, skew: found.skew, xHeight: xHeight(cores) };
  // Can't tell up from down. The profiles alone can mistake the letters of a line or two for
  // lines across the page, so without the lines' own word the user's view stands; straightened
  // only if its lines lie the way the profiles found them.
  const level = rotation % 180 === axis;
  return { orientation: rotation, skew: level ? found.skew : 0, xHeight: level ? xHeight(cores) : 0 };
}

/** Ink pixels of the flattened copy within the cut, in its frame (0) and turned a quarter clockwise (90). */
function inkPoints(flat: Grey, t: number, cut: Sides): { frame0: Points; frame90: Points } {
  const w = flat.width;
  const x0 = cut.left;
  const x1 = w - cut.right;
  const y0 = cut.top;
  const y1 = flat.height - cut.bottom;
  // Blocks more than half ink are pictures or solid marks, not text: they would flatten every profile.
  const cell = Math.max(6, Math.round(Math.max(w, flat.height) / 60));
  const bw = Math.ceil(w / cell);
  const inkPerBlock = new Uint32Array(bw * Math.ceil(flat.height / cell));
  let n = 0;
  for (let y = y0; y < y1; y++) {
    const row = Math.floor(y / cell) * bw;
    for (let x = x0, i = y * w + x0; x < x1; x++, i++) if (flat.data[i]! < t) inkPerBlock[row + Math.floor(x / cell)]!++;
  }
  const text = (x: number, y: number): boolean => inkPerBlock[Math.floor(y / cell) * bw + Math.floor(x / cell)]! <= (cell * cell) / 2;
  for (let y = y0; y < y1; y++) for (let x = x0, i = y * w + x0; x < x1; x++, i++) if (flat.data[i]! < t && text(x, y)) n++;
  // A sharp profile needs some tens of thousands of points; more only cost time.
  const step = Math.max(1, Math.ceil(n / 80_000));
  const cap = Math.ceil(n / step) + 1;
  const a: Points = { xs: new Float32Array(cap), ys: new Float32Array(cap), n: 0 };
  const b: Points = { xs: new Float32Array(cap), ys: new Float32Array(cap), n: 0 };
  let k = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0, i = y * w + x0; x < x1; x++, i++) {
      if (flat.data[i]! >= t || !text(x, y) || k++ % step !== 0 || a.n >= cap) continue;
      a.xs[a.n] = x - x0;
      a.ys[a.n++] = y - y0;
      b.xs[b.n] = y1 - 1 - y;
      b.ys[b.n++] = x - x0;
    }
  }
  return { frame0: a, frame90: b };
}

/** Row profile of the points across lines that rise to the right by `deg` degrees. */
function profile(p: Points, deg: number, out: Float64Array, offset: number, every = 1): void {
  out.fill(0);
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  for (let i = 0; i < p.n; i += every) out[(p.ys[i]! * c + p.xs[i]! * s + offset) | 0]!++;
}

/**
 * The skew of the text lines in a frame, coarse to fine, and how sharp the best profile is:
 * Σ profile² / n² × the spread of the ink across lines ≈ 1 / (share of rows that are ink) —
 * large for lines of text, near 1 for a frame that runs across them.
 */
function bestSkew(p: Points, width: number, height: number): { skew: number; score: number; profile: Float64Array; lines: number } {
  const offset = width * Math.sin((MAX_SKEW * Math.PI) / 180) + 1;
  const prof = new Float64Array(Math.ceil(height + 2 * offset + 2));
  const sharpness = (deg: number, every: number): number => {
    profile(p, deg, prof, offset, every);
    let s = 0;
    for (let i = 0; i < prof.length; i++) s += prof[i]! * prof[i]!;
    return s;
  };
  const search = (from: number, to: number, step: number, every: number, start: number): number => {
    let best = start;
    let bestScore = -1;
    for (let d = from; d <= to + 1e-9; d += step) {
      const s = sharpness(d, every);
      if (s > bestScore) {
        bestScore = s;
        best = d;
      }
    }
    return best;
  };
  const coarse = search(-MAX_SKEW, MAX_SKEW, 0.5, 3, 0);
  const fine = search(coarse - 0.4, coarse + 0.4, 0.1, 1, coarse);
  const finest = search(fine - 0.075, fine + 0.075, 0.025, 1, fine);
  const score = sharpness(finest, 1);
  let lo = 0;
  let hi = prof.length - 1;
  for (let seen = 0; lo < hi && (seen += prof[lo]!) < p.n * 0.02; ) lo++;
  for (let seen = 0; hi > lo && (seen += prof[hi]!) < p.n * 0.02; ) hi--;
  const best = prof.slice();
  return { skew: Math.round(finest * 100) / 100, score: (score / (p.n * p.n)) * (hi - lo + 1), profile: best, lines: writtenLines(p, finest, offset, best) };
}

/**
 * How many of the profile's bands read like lines of writing: inked along at least three times
 * their own height, in at least six separate pieces (letters, words). Across a single line the
 * bands are letters' stems — long and thin too, but each in one or a few pieces — and there the
 * sharpness score alone can prefer them.
 */
function writtenLines(p: Points, deg: number, offset: number, prof: Float64Array): number {
  const cores = lineCores(prof).filter((c) => c[2]);
  if (cores.length === 0) return 0;
  const coreOf = new Int32Array(prof.length).fill(-1);
  cores.forEach(([a, b], k) => coreOf.fill(k, a, b + 1));
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  let span = 1;
  for (let i = 0; i < p.n; i++) span = Math.max(span, Math.ceil(p.xs[i]! + p.ys[i]!) + 2);
  const inked = new Uint8Array(cores.length * span);
  for (let i = 0; i < p.n; i++) {
    const k = coreOf[(p.ys[i]! * c + p.xs[i]! * s + offset) | 0]!;
    if (k >= 0) inked[k * span + Math.min(span - 1, Math.max(0, (p.xs[i]! * c - p.ys[i]! * s + p.ys[i]! * Math.abs(s)) | 0))] = 1;
  }
  let lines = 0;
  cores.forEach(([a, b], k) => {
    let length = 0;
    let pieces = 0;
    let gap = 2;
    for (let x = k * span; x < (k + 1) * span; x++) {
      if (!inked[x]) {
        gap++;
        continue;
      }
      // A new piece starts after a gap of at least two empty positions.
      if (gap >= 2) pieces++;
      gap = 0;
      length++;
    }
    if (length >= 3 * (b - a + 1) && pieces >= 6) lines++;
  });
  return lines;
}


/** A line's band in a row profile: first and last row, and whether it holds enough ink to speak for the page. */
type Core = [top: number, bottom: number, strong: boolean];

/**
 * The bands of the lines in a row profile: runs of rows well inked compared with the page's
 * fuller rows, pieces of one line (a band of capitals and tone marks just above the x-height
 * band) joined, and weak bands (a line's last word or two, a stray mark) kept only as limits.
 */
function lineCores(prof: Float64Array): Core[] {
  const nonzero = [...prof].filter((v) => v > 0).sort((a, b) => a - b);
  if (nonzero.length < 10) return [];
  const level = nonzero[Math.floor(nonzero.length * 0.9)]! * 0.35;
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < prof.length; ) {
    if (prof[i]! < level) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < prof.length && (prof[j + 1]! >= level || (j + 2 < prof.length && prof[j + 2]! >= level))) j++;
    const last = runs[runs.length - 1];
    // Lines stand well apart (the gap between x-height bands is more than an x-height); pieces of one line do not.
    if (last && i - last[1] - 1 <= 0.3 * Math.max(last[1] - last[0] + 1, j - i + 1)) last[1] = j;
    else runs.push([i, j]);
    i = j + 1;
  }
  const tall = runs.filter(([a, b]) => b - a >= 2);
  const ink = tall.map(([a, b]) => prof.subarray(a, b + 1).reduce((sum, v) => sum + v, 0));
  const most = Math.max(0, ...ink);
  return tall.map(([a, b], k) => [a, b, ink[k]! >= most * 0.2]);
}

/** Median height of the lines' x-height bands (pixels of the analysis copy), 0 if there are too few lines. */
function xHeight(cores: Core[]): number {
  const strong = cores.filter((c) => c[2]);
  if (strong.length < 3) return 0;
  const heights = strong.map(([a, b]) => b - a + 1).sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)]!;
}

/**
 * Ink above the lines' x-height bands over ink below them, and the lines' votes (+1 more above,
 * −1 more below): > 1 and positive for upright lines. Within a line of Vietnamese (or any Latin)
 * text more ink lies above the x-height band (ascenders, capitals, tone marks, circumflexes) than
 * below it (descenders, the dot below).
 */
function upright(prof: Float64Array, cores: Core[]): { ratio: number; votes: number } {
  if (cores.length === 0) return { ratio: 1, votes: 0 };
  // Speckle and paper noise put ink on both sides alike: take off the level of the emptiest rows between lines.
  const between: number[] = [];
  for (let k = 1; k < cores.length; k++) for (let i = cores[k - 1]![1] + 1; i < cores[k]![0]; i++) between.push(prof[i]!);
  between.sort((a, b) => a - b);
  const floor = between.length ? between[Math.floor(between.length * 0.25)]! : 0;
  let above = 0;
  let below = 0;
  let votes = 0;
  for (let k = 0; k < cores.length; k++) {
    // The band proper: the rows around the line's fullest one that hold at least 40 % as much ink
    // (the page-wide cut that found the line also takes in a line's capitals and tall marks).
    const [lineTop, lineBottom, strong] = cores[k]!;
    if (!strong) continue;
    let peak = lineTop;
    for (let i = lineTop; i <= lineBottom; i++) if (prof[i]! > prof[peak]!) peak = i;
    let a = peak;
    let b = peak;
    while (a > lineTop && prof[a - 1]! >= prof[peak]! * 0.4) a--;
    while (b < lineBottom && prof[b + 1]! >= prof[peak]! * 0.4) b++;
    const reach = Math.ceil((b - a + 1) * 0.9);
    const prevEnd = k > 0 ? cores[k - 1]![1] : -Infinity;
    const nextStart = k + 1 < cores.length ? cores[k + 1]![0] : Infinity;
    let up = 0;
    let down = 0;
    for (let i = Math.max(0, a - reach, Math.ceil((prevEnd + a) / 2)); i < a; i++) up += Math.max(0, prof[i]! - floor);
    for (let i = b + 1; i <= Math.min(prof.length - 1, b + reach, Math.floor((b + nextStart) / 2)); i++) down += Math.max(0, prof[i]! - floor);
    above += up;
    below += down;
    if (up > down * 1.2) votes++;
    else if (down > up * 1.2) votes--;
  }
  return { ratio: (above + 1) / (below + 1), votes };
}
