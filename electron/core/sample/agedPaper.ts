/**
 * How old office paper and its ink look to a scanner, as pixel operations: yellowed paper with
 * uneven tone, water stains and foxing; stencil-duplicated (rônêô) ink that bleeds, fills in and
 * breaks; a typewriter ribbon that inks each key unevenly; scanner borders and sensor noise.
 *
 * Shared by the sample project's scans (scanImage.ts) and the OCR tests' generated scans
 * (tests/fixtures/scans.ts). Every function draws its randomness from `r`, so a page is the same
 * for the same seed. `s` scales sizes given for 300 dpi to the image's resolution (dpi / 300).
 * Ink layers are coverage 0–255, one byte a pixel; paper is RGB.
 */
import sharp from 'sharp';

/** Ink coverage at a point between pixels (bilinear); 0 outside the image. */
export function inkAt(ink: Uint8Array, w: number, h: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) return 0;
  const ax = x - x0;
  const ay = y - y0;
  const i = y0 * w + x0;
  return (ink[i]! * (1 - ax) + ink[i + 1]! * ax) * (1 - ay) + (ink[i + w]! * (1 - ax) + ink[i + w + 1]! * ax) * ay;
}

export function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Smooth random field 0–255 with features about `cell` pixels across. */
export async function smoothNoise(w: number, h: number, cell: number, r: () => number): Promise<Uint8Array> {
  const gw = Math.max(2, Math.ceil(w / cell) + 1);
  const gh = Math.max(2, Math.ceil(h / cell) + 1);
  const grid = new Uint8Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = Math.floor(r() * 256);
  const out = await sharp(grid, { raw: { width: gw, height: gh, channels: 1 } })
    .resize(w, h, { fit: 'fill', kernel: 'cubic' })
    .extractChannel(0) // sharp would widen one-channel raw output to RGB
    .raw()
    .toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** A soft round dot of value `v` into a one-byte layer (kept where the layer is already darker). */
export function dot(a: Uint8Array, w: number, h: number, cx: number, cy: number, rad: number, v: number): void {
  for (let y = Math.max(0, Math.floor(cy - rad)); y <= Math.min(h - 1, Math.ceil(cy + rad)); y++) {
    for (let x = Math.max(0, Math.floor(cx - rad)); x <= Math.min(w - 1, Math.ceil(cx + rad)); x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      if (d <= rad) a[y * w + x] = Math.max(a[y * w + x]!, v * Math.min(1, rad - d + 0.5));
    }
  }
}

/**
 * Stencil duplication: ink bleeds and fills in, inks unevenly, and breaks where the stencil was
 * worn. `wear` (0–1, default 0.2) is how much of the stencil wore through: the share of the fine
 * noise's range below which strokes break.
 */
export async function stencilInk(ink: Uint8Array, w: number, h: number, s: number, r: () => number, wear = 0.2): Promise<void> {
  const bled = await sharp(ink, { raw: { width: w, height: h, channels: 1 } }).blur(0.9 * s + 0.3).extractChannel(0).raw().toBuffer();
  const level = await smoothNoise(w, h, 260 * s, r);
  const worn = await smoothNoise(w, h, 7 * s, r);
  for (let i = 0; i < ink.length; i++) {
    const v = Math.min(1, (bled[i]! / 255) * 1.35);
    const darkness = 0.5 + 0.55 * (level[i]! / 255);
    const t = (worn[i]! / 255 - wear) / 0.14; // worn patches where the fine noise is low
    const kept = t <= 0 ? 0.15 : t >= 1 ? 1 : 0.15 + 0.85 * t * t * (3 - 2 * t);
    ink[i] = Math.min(255, v * darkness * kept * 255);
  }
  // Spatters of ink between the lines.
  const spots = Math.round(((w * h) / 1e6) * 40);
  for (let k = 0; k < spots; k++) dot(ink, w, h, r() * w, r() * h, (0.8 + r() * 2.2) * s, 120 + r() * 135);
}

/** A character's cell on the page, pixels: where one key struck. */
export interface KeyCell {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Typewriter ribbon: every key strikes with its own force (most letters full, a few pale), a
 * little high or low, and its face meets the paper unevenly (one side of a letter lighter); the
 * ribbon's weave shows in the strokes, it dries out along the page, and the ink spreads a little
 * into the paper, so typed text is heavier than print. `cells` are the characters' places.
 */
export async function ribbonInk(ink: Uint8Array, w: number, h: number, s: number, cells: KeyCell[], r: () => number): Promise<void> {
  const bled = await sharp(ink, { raw: { width: w, height: h, channels: 1 } }).blur(0.45 * s + 0.3).extractChannel(0).raw().toBuffer();
  const weave = await smoothNoise(w, h, 4 * s, r);
  const worn = await smoothNoise(w, h, 900 * s, r);
  for (let i = 0; i < ink.length; i++) {
    // Heavier than print: the spread ink fills the thin strokes.
    const v = Math.min(1, Math.max(ink[i]! / 255, (bled[i]! / 255) * 1.4));
    const fibre = 0.8 + 0.2 * (weave[i]! / 255);
    // The ribbon dries out along the page.
    const ribbon = 0.85 + 0.15 * (worn[i]! / 255);
    ink[i] = v * fibre * ribbon * 255;
  }
  // Each key struck a little high or low, left or right, and with its own force; the key's face
  // meets the paper unevenly, so one side of a letter takes less ink.
  const struck = ink.slice();
  for (const c of cells) {
    const force = r() < 0.06 ? 0.5 + 0.2 * r() : 0.8 + 0.35 * r();
    const gx = (r() - 0.5) * 0.5;
    const gy = (r() - 0.5) * 0.5;
    const sx = (r() - 0.5) * 0.7 * s * 2;
    const sy = (r() - 0.5) * 2 * s * 2;
    const cx = (c.x0 + c.x1) / 2;
    const cy = (c.y0 + c.y1) / 2;
    const iw = 1 / Math.max(1, c.x1 - c.x0);
    const ih = 1 / Math.max(1, c.y1 - c.y0);
    for (let y = Math.max(0, Math.floor(c.y0)); y < Math.min(h, Math.ceil(c.y1)); y++) {
      for (let x = Math.max(0, Math.floor(c.x0)); x < Math.min(w, Math.ceil(c.x1)); x++) {
        // The letter as struck: read from where it would have been.
        const fx = x - sx;
        const fy = y - sy;
        const v = inkAt(ink, w, h, fx, fy);
        struck[y * w + x] = clamp(v * force * (1 + gx * (x - cx) * iw + gy * (y - cy) * ih));
      }
    }
  }
  ink.set(struck);
}

/**
 * Paper, RGB: near-white office paper, or aged paper yellowed unevenly with stains and foxing.
 * With `ragged`, a stain's edge wanders as water's does; without it stains are ellipses (the OCR
 * tests' pages, kept as they were measured).
 */
export async function makePaper(w: number, h: number, s: number, yellowed: boolean, r: () => number, ragged = false): Promise<Uint8Array> {
  const n = w * h;
  const paper = new Uint8Array(n * 3);
  const broad = await smoothNoise(w, h, 700 * s, r);
  const grain = await smoothNoise(w, h, 3 * s, r);
  const base = yellowed ? [232, 214, 170] : [246, 245, 241];
  for (let y = 0; y < h; y++) {
    const vy = Math.abs(y / h - 0.5) * 2;
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const vx = Math.abs(x / w - 0.5) * 2;
      // Aged paper browns towards its edges.
      const edge = yellowed ? Math.max(vx, vy) ** 6 * 0.16 : 0;
      const f = 1 + ((broad[i]! - 128) / 128) * (yellowed ? 0.07 : 0.012) + ((grain[i]! - 128) / 128) * 0.02 - edge;
      paper[i * 3] = Math.min(255, base[0]! * f);
      paper[i * 3 + 1] = Math.min(255, base[1]! * (f - edge * 0.4));
      paper[i * 3 + 2] = Math.min(255, base[2]! * (f - edge));
    }
  }
  if (!yellowed) return paper;
  // Water stains: a faint brown patch with a darker tide line.
  for (let k = 0, stains = 2 + Math.floor(r() * 3); k < stains; k++) {
    const cx = r() * w;
    const cy = r() * h;
    const rx = (120 + r() * 380) * s;
    const ry = rx * (0.6 + r() * 0.8);
    // The edge's wander: a few harmonics of the angle round the centre, tabled by degree.
    const edge = ragged ? raggedEdge(r) : null;
    const reach = edge ? 1.35 : 1;
    for (let y = Math.max(0, Math.floor(cy - ry * reach - 8)); y < Math.min(h, cy + ry * reach + 8); y++) {
      for (let x = Math.max(0, Math.floor(cx - rx * reach - 8)); x < Math.min(w, cx + rx * reach + 8); x++) {
        let d = Math.hypot((x - cx) / rx, (y - cy) / ry);
        if (edge) {
          // Far outside even the widest edge: nothing of the stain reaches here.
          if (d > edge.max * 1.08) continue;
          d /= edge.at[Math.round((Math.atan2((y - cy) / ry, (x - cx) / rx) * 180) / Math.PI) + 180]!;
        }
        const a = d < 1 ? 0.06 + 0.1 * Math.exp(-((1 - d) * rx) / (6 * s)) : Math.exp(-((d - 1) * rx) / (2 * s)) * 0.16;
        const i = (y * w + x) * 3;
        paper[i] = paper[i]! * (1 - a * 0.45);
        paper[i + 1] = paper[i + 1]! * (1 - a * 0.7);
        paper[i + 2] = paper[i + 2]! * (1 - a);
      }
    }
  }
  // Foxing: small rust-brown spots.
  const spots = Math.round((n / 1e6) * 5);
  const fox = new Uint8Array(n);
  for (let k = 0; k < spots; k++) dot(fox, w, h, r() * w, r() * h, (2 + r() * 6) * s, 40 + r() * 70);
  for (let i = 0; i < n; i++) {
    if (!fox[i]) continue;
    const a = fox[i]! / 255;
    paper[i * 3] = paper[i * 3]! * (1 - a * 0.35);
    paper[i * 3 + 1] = paper[i * 3 + 1]! * (1 - a * 0.6);
    paper[i * 3 + 2] = paper[i * 3 + 2]! * (1 - a * 0.8);
  }
  return paper;
}

/** A stain's ragged edge: its radius, relative to the ellipse's, for each degree from −180 to 180. */
function raggedEdge(r: () => number): { at: Float32Array; max: number } {
  const waves = [2, 3, 5, 8].map((k) => ({ k, a: (0.16 / Math.sqrt(k)) * r(), p: 2 * Math.PI * r() }));
  const at = new Float32Array(361);
  for (let deg = -180; deg <= 180; deg++) {
    const th = (deg * Math.PI) / 180;
    let f = 1;
    for (const wv of waves) f += wv.a * Math.sin(wv.k * th + wv.p);
    at[deg + 180] = f;
  }
  return { at, max: Math.max(...at) };
}

/** Gaussian sensor noise, the same on each channel (luminance noise). */
export function addNoise(img: Uint8Array, sigma: number, r: () => number): void {
  if (sigma <= 0) return;
  for (let i = 0; i < img.length; i += 6) {
    // Box–Muller gives two normal values: one per pixel, for two pixels.
    const u = Math.max(1e-12, r());
    const m = Math.sqrt(-2 * Math.log(u)) * sigma;
    const t = 2 * Math.PI * r();
    const a = m * Math.cos(t);
    const b = m * Math.sin(t);
    for (let c = 0; c < 3; c++) img[i + c] = clamp(img[i + c]! + a);
    for (let c = 3; c < 6 && i + c < img.length; c++) img[i + c] = clamp(img[i + c]! + b);
  }
}

/** Black scanner borders: the lid's shadow beyond the page, on two or three edges, slanted and ragged. */
export async function addBorders(img: Uint8Array, w: number, h: number, s: number, r: () => number): Promise<void> {
  const edges = (['left', 'top', 'right', 'bottom'] as const).filter(() => r() < 0.5);
  if (edges.length === 0) edges.push('left', 'bottom');
  for (const edge of edges) {
    const along = edge === 'left' || edge === 'right' ? h : w;
    const across = edge === 'left' || edge === 'right' ? w : h;
    const base = across * (0.015 + r() * 0.025);
    const slope = (r() - 0.5) * base;
    const ragged = await smoothNoise(along, 1, 40 * s, r);
    for (let t = 0; t < along; t++) {
      const depth = base + slope * (t / along - 0.5) + ((ragged[t]! - 128) / 128) * 3 * s;
      for (let d = 0; d < depth + 4 * s; d++) {
        const x = edge === 'left' ? d : edge === 'right' ? w - 1 - d : t;
        const y = edge === 'top' ? d : edge === 'bottom' ? h - 1 - d : t;
        if (x < 0 || y < 0 || x >= w || y >= h) continue;
        // Inside the border near-black; a few pixels of soft shadow where it meets the page.
        const a = d < depth ? 1 : 1 - (d - depth) / (4 * s);
        const i = (y * w + x) * 3;
        const v = 18 + r() * 16;
        for (let c = 0; c < 3; c++) img[i + c] = img[i + c]! * (1 - a) + v * a;
      }
    }
  }
}
