/**
 * The cover (bìa): back, spine and front on one sheet at the trim size plus bleed, as its own
 * PDF for the print shop. Text is shaped by the typesetter's shaper and its fonts are subset and
 * embedded by the draw stage's embedder, so Vietnamese prints and extracts as in the book.
 *
 * The design is the plain one of Party-history books: a dark red (or navy) ground with the title
 * in gold capitals between thin gold rules, or a white cover with red type and a red rule. The
 * spine reads top to bottom when it is wide enough; the back holds its text and the ISBN with
 * its EAN-13 barcode, drawn as vector bars.
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import type { Book } from '../../../../shared/book/model';
import { UserFacingError } from '../../../../shared/errors';
import { EAN13_MODULES, ean13Bars, isbnDigits, isbnLabel, isGuardModule } from '../../../../shared/book/ean13';
import { boundSpaces } from '../../../../shared/text/titleWords';
import type { Box, FaceId } from '../ir';
import { createShaper, type Shaper } from '../measure';
import { embedFace } from '../draw';
import { cropMarkOps, MARK_WIDTH } from '../draw/printMarks';
import { glyphBytes } from '../glyphs';
import { MM, resolveSetup, trimMillimetres } from '../setup';
import { DEFAULT_FAMILY, loadWorld, shippedFamilies, type TypesetWorld } from '../world';
import { coverGeometry, MIN_SPINE_TEXT_MM, type CoverGeometry } from './geometry';

export { coverGeometry, spineWidthMm, DEFAULT_PAPER_THICKNESS, MIN_SPINE_TEXT_MM, type CoverGeometry } from './geometry';

/** A colour in DeviceCMYK, 0–1 each: covers go to offset presses. */
type Cmyk = readonly [number, number, number, number];

interface Palette {
  /** The ground of the whole sheet; null for a white cover. */
  ground: Cmyk | null;
  title: Cmyk;
  text: Cmyk;
  rule: Cmyk;
}

const WHITE: Cmyk = [0, 0, 0, 0];
const BLACK: Cmyk = [0, 0, 0, 1];
const GOLD: Cmyk = [0, 0.18, 0.7, 0];
const RED: Cmyk = [0.05, 1, 0.95, 0.25];
const PALETTES: Record<'red' | 'navy' | 'white', Palette> = {
  red: { ground: RED, title: GOLD, text: WHITE, rule: GOLD },
  navy: { ground: [1, 0.78, 0.1, 0.45], title: GOLD, text: WHITE, rule: GOLD },
  white: { ground: null, title: RED, text: [0, 0, 0, 0.88], rule: RED },
};

export interface CoverReport {
  pdf: Uint8Array;
  geometry: CoverGeometry;
  /** Whether the spine was wide enough to carry the title. */
  spineText: boolean;
  /** Where the bars are (guards to guards, digit-bar height), points from the media box's top-left; null without an ISBN. */
  barcode: { x: number; y: number; w: number; h: number; module: number } | null;
}

const fmt = (n: number): string => {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};
const colour = (c: Cmyk, stroke = false) => `${c.map(fmt).join(' ')} ${stroke ? 'K' : 'k'}`;

/** One line of text set in one face and size, with the width it takes. */
interface SetText {
  face: FaceId;
  size: number;
  /** TJ array contents. */
  tj: string;
  w: number;
}

/**
 * Content-stream writer in top-down coordinates (y grows downwards from the media box's top, as
 * the rest of the typesetter measures); it flips y on the way out.
 */
class Canvas {
  readonly ops: string[] = [];
  readonly usedFaces = new Set<FaceId>();
  constructor(private readonly height: number) {}

  rect(x: number, y: number, w: number, h: number, c: Cmyk): void {
    this.ops.push(`${colour(c)} ${fmt(x)} ${fmt(this.height - y - h)} ${fmt(w)} ${fmt(h)} re f`);
  }

  line(x1: number, y1: number, x2: number, y2: number, width: number, c: Cmyk): void {
    this.ops.push(`${colour(c, true)} ${fmt(width)} w ${fmt(x1)} ${fmt(this.height - y1)} m ${fmt(x2)} ${fmt(this.height - y2)} l S`);
  }

  /** Text with its baseline at y, starting at x. */
  text(t: SetText, x: number, y: number, c: Cmyk): void {
    this.usedFaces.add(t.face);
    this.ops.push(`${colour(c)} BT /F${t.face} ${fmt(t.size)} Tf 1 0 0 1 ${fmt(x)} ${fmt(this.height - y)} Tm [${t.tj}] TJ ET`);
  }

  /** Text turned a quarter clockwise, reading downwards from (x, y); its baseline is the vertical at x. */
  textDown(t: SetText, x: number, y: number, c: Cmyk): void {
    this.usedFaces.add(t.face);
    this.ops.push(`${colour(c)} BT /F${t.face} ${fmt(t.size)} Tf 0 -1 1 0 ${fmt(x)} ${fmt(this.height - y)} Tm [${t.tj}] TJ ET`);
  }
}

/** Words set with spaces between them, stretched to `width` when justified. */
function setWords(shaper: Shaper, words: string[], face: FaceId, size: number, width?: number): SetText {
  const use = shaper.faces[face]!;
  const boxes: Box[] = words.map((w) => shaper.box(w, face, size));
  const space = (use.spaceW * size) / 1000;
  const natural = boxes.reduce((s, b) => s + b.w, 0) + space * (boxes.length - 1);
  const gap = width !== undefined && boxes.length > 1 ? space + (width - natural) / (boxes.length - 1) : space;
  if (boxes.length > 1) use.used.set(use.spaceGid, ' ');
  // A real space glyph between words, so the PDF's text extracts with its spaces; the kern sets its width.
  const adj = Math.round((-((gap - space) * 1000) / size) * 10) / 10;
  const spaceTj = '(' + glyphBytes(use.spaceGid) + ')' + (adj !== 0 ? String(adj) : '');
  return { face, size, tj: boxes.map((b) => b.tj).join(spaceTj), w: width !== undefined && boxes.length > 1 ? width : natural };
}

/** Words into lines of at most `width`, greedily (the back cover's text). */
function fill(shaper: Shaper, text: string, face: FaceId, size: number, width: number): { words: string[]; last: boolean }[] {
  const lines: { words: string[]; last: boolean }[] = [];
  for (const para of text.split(/\n+/).map((p) => p.trim()).filter(Boolean)) {
    let line: string[] = [];
    for (const word of para.split(/\s+/)) {
      const next = [...line, word];
      if (line.length && setWords(shaper, next, face, size).w > width) {
        lines.push({ words: line, last: false });
        line = [word];
      } else line = next;
    }
    if (line.length) lines.push({ words: line, last: true });
  }
  return lines;
}

/**
 * Two-syllable words of Party-history titles a line should not break inside ("nhân / dân"):
 * Vietnamese writes syllables apart, so the words are only known from a list.
 */
/**
 * Words into the fewest lines that fit `width`, balanced: of the ways to break them into that
 * many lines, the one with the least sum of squared line widths (equal lines, so a title reads
 * as one shape, not a full line and a stray word), a break after a comma or a colon counting as
 * if its line were a quarter of the measure shorter (the phrase ends there), and one between two
 * syllables `joined` (a word, a name) as if half a measure longer. Null when it takes more than
 * `maxLines` or a single word does not fit.
 */
function balance(shaper: Shaper, words: string[], joined: boolean[], face: FaceId, size: number, width: number, maxLines: number): { lines: string[][]; splitsWord: boolean } | null {
  const n = words.length;
  const w = (i: number, j: number) => setWords(shaper, words.slice(i, j), face, size).w;
  const phraseEnd = (j: number) => j < n && /[,:;]$/.test(words[j - 1]!);
  const inWord = (j: number) => j < n && joined[j] === true;
  for (let lines = 1; lines <= Math.min(maxLines, n); lines++) {
    // best[k][i]: the least cost of setting words i… in k lines, and where the first of them ends.
    const best: { cost: number; cut: number }[][] = [];
    for (let k = 0; k <= lines; k++) best.push(new Array<{ cost: number; cut: number }>(n + 1).fill({ cost: Infinity, cut: -1 }));
    best[0]![n] = { cost: 0, cut: n };
    for (let k = 1; k <= lines; k++)
      for (let i = n - 1; i >= 0; i--)
        for (let j = i + 1; j <= n; j++) {
          const lw = w(i, j);
          if (lw > width) break;
          const cost = lw * lw - (phraseEnd(j) ? (width / 4) ** 2 : 0) + (inWord(j) ? (width / 2) ** 2 : 0) + best[k - 1]![j]!.cost;
          if (cost < best[k]![i]!.cost) best[k]![i] = { cost, cut: j };
        }
    if (best[lines]![0]!.cost === Infinity) continue;
    const out: string[][] = [];
    let splitsWord = false;
    for (let k = lines, i = 0; k > 0; k--) {
      const j = best[k]![i]!.cut;
      out.push(words.slice(i, j));
      splitsWord ||= inWord(j);
      i = j;
    }
    return { lines: out, splitsWord };
  }
  return null;
}

/** Capitals as Vietnamese writes them (Đ, Ư…), NFC. */
const caps = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');
/**
 * Sets a centred block of balanced lines at the largest size from `sizes` that fits in
 * `maxLines`; returns the lines and their leading.
 */
function centredBlock(shaper: Shaper, text: string, face: FaceId, sizes: number[], width: number, maxLines: number, leading = 1.22, upper = false): { lines: SetText[]; leading: number } {
  const typed = text.normalize('NFC').split(/\s+/).filter(Boolean);
  const words = upper ? typed.map(caps) : typed;
  // joined[j]: no break before word j (a word, a name, a unit with its name: shared/text/titleWords.ts).
  const bound = boundSpaces(typed);
  const joined = typed.map((_, j) => j > 0 && bound[j - 1] === true);
  const set = (lines: string[][], size: number) => ({ lines: lines.map((l) => setWords(shaper, l, face, size)), leading: size * leading });
  // Three lines at a smaller size read better than four at a larger one: the fourth only when needed.
  for (const most of maxLines > 3 ? [3, maxLines] : [maxLines])
    for (let i = 0; i < sizes.length; i++) {
      const first = balance(shaper, words, joined, face, sizes[i]!, width, most);
      if (!first) continue;
      // A word split across lines is worth a size or two less.
      for (let k = i; first.splitsWord && k < Math.min(i + 3, sizes.length); k++) {
        const whole = balance(shaper, words, joined, face, sizes[k]!, width, most);
        if (whole && !whole.splitsWord) return set(whole.lines, sizes[k]!);
      }
      return set(first.lines, sizes[i]!);
    }
  // Even the smallest size needs more lines: as many as it takes.
  const size = sizes[sizes.length - 1]!;
  return { lines: fill(shaper, words.join(' '), face, size, width).map((l) => setWords(shaper, l.words, face, size)), leading: size * leading };
}

/** Draws a centred block with its first baseline at y; returns the y below its last line. */
function drawCentred(canvas: Canvas, block: { lines: SetText[]; leading: number }, cx: number, y: number, c: Cmyk): number {
  block.lines.forEach((l, i) => canvas.text(l, cx - l.w / 2, y + i * block.leading, c));
  return y + (block.lines.length - 1) * block.leading;
}

const blockHeight = (b: { lines: SetText[]; leading: number }) => (b.lines.length - 1) * b.leading;

function drawFront(canvas: Canvas, shaper: Shaper, book: Book, g: CoverGeometry, p: Palette, family: string): void {
  const regular = shaper.face(family);
  const bold = shaper.face(family, true);
  const italic = shaper.face(family, false, true);
  const { x, w } = g.front;
  const top = g.trim.y;
  const h = g.trim.h;
  const cx = x + w / 2;
  const width = w - 2 * 16 * MM;
  const cap = (face: FaceId) => shaper.metrics(face).capHeight;
  const scale = w / (145 * MM); // the sizes below are for a 145 × 205 mm book

  // The compiling body at the head, as on the title page.
  let y = top + 18 * MM;
  if (book.author) {
    const body = centredBlock(shaper, book.author, regular, [11 * scale, 10 * scale, 9 * scale], width, 2, 1.3, true);
    y = drawCentred(canvas, body, cx, y + cap(regular) * body.lines[0]!.size, p.text);
    if (p.ground) canvas.line(cx - 15 * MM, y + 5 * MM, cx + 15 * MM, y + 5 * MM, 0.6, p.rule);
    // A white cover's red rule runs out to the front's trimmed edge, into the bleed.
    else canvas.rect(x, y + 5 * MM, w + g.bleed, 1.2 * MM, p.rule);
  }

  // The title, large and balanced, then subtitle and period; the block centred a little above the middle.
  const sizes = [34, 32, 30, 28, 26, 24, 22, 20, 18, 16].map((s) => s * scale);
  const title = centredBlock(shaper, book.title, bold, sizes, width, 4, 1.2, true);
  const subtitle = book.subtitle ? centredBlock(shaper, book.subtitle.normalize('NFC'), italic, [15 * scale, 14 * scale, 13 * scale, 12 * scale], width, 3) : null;
  // The period is printed under the title unless the title already names its years.
  const periodText = book.cover?.period?.trim();
  const years = periodText?.match(/\d{4}/g) ?? [];
  const inTitle = years.length > 0 && years.every((y) => book.title.includes(y));
  const period = periodText && !inTitle ? centredBlock(shaper, /^\(.*\)$/.test(periodText) ? periodText : `(${periodText})`, bold, [16 * scale, 14 * scale], width, 1) : null;
  const titleSize = title.lines[0]!.size;
  // Baseline to baseline from one block to the next: the first's descent, a gap, the next's capitals.
  const step = (from: { lines: SetText[] }, to: { lines: SetText[] }, gapMm: number) => from.lines[0]!.size * 0.25 + gapMm * MM + to.lines[0]!.size * 0.75;
  const subStep = subtitle ? step(title, subtitle, 4) : 0;
  const periodStep = period ? step(subtitle ?? title, period, subtitle ? 3 : 4) : 0;
  const blockH = titleSize * 0.75 + blockHeight(title) + (subtitle ? subStep + blockHeight(subtitle) : 0) + (period ? periodStep + blockHeight(period) : 0);
  let by = Math.max(y + 18 * MM, top + h * 0.44 - blockH / 2);
  // Thin double rules above and below the title block.
  const ruleW = Math.min(width, 55 * MM * scale) / 2;
  const rules = (ry: number, down: boolean) => {
    canvas.line(cx - ruleW, ry, cx + ruleW, ry, 1.2, p.rule);
    canvas.line(cx - ruleW, ry + (down ? 2.2 : -2.2), cx + ruleW, ry + (down ? 2.2 : -2.2), 0.4, p.rule);
  };
  rules(by - 9 * MM, false);
  by = drawCentred(canvas, title, cx, by + cap(bold) * titleSize, p.title);
  if (subtitle) by = drawCentred(canvas, subtitle, cx, by + subStep, p.text);
  if (period) by = drawCentred(canvas, period, cx, by + periodStep, p.title);
  rules(by + 8 * MM, true);

  // Publisher, and the place and year, at the foot.
  let foot = top + h - 16 * MM;
  const place = book.placeYear ? centredBlock(shaper, book.placeYear.normalize('NFC'), regular, [10.5 * scale], width, 1) : null;
  if (place) {
    drawCentred(canvas, place, cx, foot, p.text);
    foot -= place.leading * 1.3;
  }
  const publisher = book.colophon?.publisher;
  if (publisher) {
    // A long name takes two lines, upwards from the foot.
    const block = centredBlock(shaper, publisher, bold, [10 * scale, 9 * scale], width, 2, 1.22, true);
    foot -= blockHeight(block);
    drawCentred(canvas, block, cx, foot, p.text);
  }
  if (!p.ground) canvas.rect(x, foot - 10 * MM, w + g.bleed, 1.2 * MM, p.rule);
}

/** The title (and the body, when there is room) down the spine; false when the spine is too thin for it. */
function drawSpine(canvas: Canvas, shaper: Shaper, book: Book, g: CoverGeometry, p: Palette, family: string): boolean {
  if (g.spineMm < MIN_SPINE_TEXT_MM) return false;
  const bold = shaper.face(family, true);
  const regular = shaper.face(family);
  const room = g.trim.h - 2 * 14 * MM;
  const sep = 6 * MM;
  let size = Math.min(12, g.spine.w * 0.42);
  const title = (s: number) => setWords(shaper, caps(book.title).split(/\s+/), bold, s);
  const body = (s: number) => (book.author ? setWords(shaper, caps(book.author).split(/\s+/), regular, s * 0.8) : null);
  const withBody = body(size) !== null && title(size).w + sep + body(size)!.w <= room;
  if (!withBody && title(size).w > room) size = (size * room) / title(size).w;
  if (size < 5) return false;
  const t = title(size);
  const b = withBody ? body(size) : null;
  const total = t.w + (b ? sep + b.w : 0);
  // Caps centred across the spine: the baseline sits half a cap height off the centre line.
  const cx = g.spine.x + g.spine.w / 2;
  const start = g.trim.y + (g.trim.h - total) / 2;
  canvas.textDown(t, cx - (shaper.metrics(bold).capHeight * size) / 2, start, p.title);
  if (b) canvas.textDown(b, cx - (shaper.metrics(regular).capHeight * b.size) / 2, start + t.w + sep, p.text);
  return true;
}

/** Module width of the barcode: 90 % of the nominal 0.33 mm, as book covers print it. */
const MODULE = 0.33 * 0.9 * MM;

function drawBack(canvas: Canvas, shaper: Shaper, book: Book, g: CoverGeometry, p: Palette, family: string, bodySize: number): CoverReport['barcode'] {
  const regular = shaper.face(family);
  const { x, w } = g.back;
  const top = g.trim.y;
  const h = g.trim.h;
  const margin = 18 * MM;
  const width = w - 2 * margin;

  // The barcode block at the foot, on the spine side: white ground, quiet zones, ISBN above, digits below.
  let blockTop = top + h;
  let barcode: CoverReport['barcode'] = null;
  const isbn = book.cover?.isbn?.trim();
  if (isbn) {
    const digits = isbnDigits(isbn);
    const barsH = 22.85 * 0.9 * MM;
    const labelSize = 8;
    const digitSize = 9;
    const quietL = 11 * MODULE;
    const quietR = 7 * MODULE;
    const pad = 1.5 * MM;
    const boxW = quietL + EAN13_MODULES * MODULE + quietR;
    const boxH = pad + labelSize + 1 * MM + barsH + digitSize * 0.9 + pad;
    const bx = x + w - 12 * MM - boxW;
    const by = top + h - 12 * MM - boxH;
    blockTop = by;
    canvas.rect(bx, by, boxW, boxH, WHITE);
    const label = setWords(shaper, isbnLabel(isbn).split(' '), regular, labelSize);
    canvas.text(label, bx + boxW / 2 - label.w / 2, by + pad + labelSize * 0.75, BLACK);
    const barsTop = by + pad + labelSize + 1 * MM;
    const x0 = bx + quietL;
    barcode = { x: x0, y: barsTop, w: EAN13_MODULES * MODULE, h: barsH, module: MODULE };
    // Guards run down between the digits, as on every EAN-13.
    for (const bar of ean13Bars(digits)) {
      const long = isGuardModule(bar.x);
      canvas.rect(x0 + bar.x * MODULE, barsTop, bar.w * MODULE, barsH + (long ? digitSize * 0.55 : 0), BLACK);
    }
    // The digits: the first in the left quiet zone, then six under each half.
    const base = barsTop + barsH + digitSize * 0.8;
    const digit = (d: string, cx: number) => {
      const t = setWords(shaper, [d], regular, digitSize);
      canvas.text(t, cx - t.w / 2, base, BLACK);
    };
    digit(digits[0]!, x0 - 4 * MODULE);
    for (let i = 0; i < 6; i++) digit(digits[1 + i]!, x0 + (3 + 7 * i + 3.5) * MODULE);
    for (let i = 0; i < 6; i++) digit(digits[7 + i]!, x0 + (50 + 7 * i + 3.5) * MODULE);
    const price = book.colophon?.price?.trim();
    if (price) {
      const t = setWords(shaper, price.normalize('NFC').split(/\s+/), regular, 9);
      canvas.text(t, bx - 4 * MM - t.w, by + boxH - pad, p.text);
    }
  }

  // The back text, justified, from the head down to above the barcode; smaller type when it is long.
  const text = book.cover?.backText?.normalize('NFC').trim();
  if (!text) return barcode;
  const room = blockTop - 10 * MM - (top + 24 * MM);
  for (let size = bodySize; size >= 8; size -= 0.5) {
    const leading = size * 1.45;
    const lines = fill(shaper, text, regular, size, width);
    if (lines.length * leading > room) continue;
    let y = top + 24 * MM + size;
    for (const l of lines) {
      canvas.text(setWords(shaper, l.words, regular, size, l.last ? undefined : width), x + margin, y, p.text);
      y += l.last ? leading * 1.5 : leading;
    }
    return barcode;
  }
  throw new UserFacingError('cover.back-text-too-long', 'Lời giới thiệu ở bìa sau quá dài, cỡ chữ nhỏ nhất cũng không vừa; hãy rút gọn.');
}

/**
 * Crop marks at the trim's corners, as on the book's pages, and fold marks in line with the
 * spine's edges above and below, in every ink (registration).
 */
function drawMarks(canvas: Canvas, g: CoverGeometry): void {
  const marks = g.sheet.marks;
  if (!marks) return;
  canvas.ops.push(cropMarkOps(g.sheet, '1 1 1 1 K'));
  const reg: Cmyk = [1, 1, 1, 1];
  for (const x of [g.spine.x, g.spine.x + g.spine.w]) {
    canvas.line(x, g.trim.y - marks.from, x, g.trim.y - marks.from - marks.length, MARK_WIDTH, reg);
    canvas.line(x, g.trim.y + g.trim.h + marks.from, x, g.trim.y + g.trim.h + marks.from + marks.length, MARK_WIDTH, reg);
  }
}

/**
 * Typesets the cover of a book of `pages` pages (the interior's count, which sets the spine).
 * The same book, count and world give the same bytes.
 */
export async function typesetCover(book: Book, pages: number, world?: TypesetWorld): Promise<CoverReport> {
  const wanted = book.setup?.fontFamily && shippedFamilies().includes(book.setup.fontFamily) ? book.setup.fontFamily : DEFAULT_FAMILY;
  const w = world ?? (await loadWorld({ families: [wanted] }));
  const setup = resolveSetup(book, Object.keys(w.families), w.families[DEFAULT_FAMILY] ? DEFAULT_FAMILY : Object.keys(w.families)[0]!);
  const g = coverGeometry({
    trimMm: trimMillimetres(setup.trim) ?? [setup.pageWidth / MM, setup.pageHeight / MM],
    pages,
    ...(book.cover?.paperThickness !== undefined ? { paperThickness: book.cover.paperThickness } : {}),
    ...(book.setup?.bleed !== undefined ? { bleed: book.setup.bleed } : {}),
    ...(book.setup?.cropMarks ? { cropMarks: true } : {}),
  });
  const palette = PALETTES[book.cover?.colour ?? 'red'];
  const shaper = createShaper(w);
  const canvas = new Canvas(g.mediaHeight);

  if (palette.ground) canvas.rect(g.bleedBox.x, g.bleedBox.y, g.bleedBox.w, g.bleedBox.h, palette.ground);
  drawFront(canvas, shaper, book, g, palette, setup.fontFamily);
  const spineText = drawSpine(canvas, shaper, book, g, palette, setup.fontFamily);
  const barcode = drawBack(canvas, shaper, book, g, palette, setup.fontFamily, setup.bodySize);
  drawMarks(canvas, g);

  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const page = doc.addPage([g.mediaWidth, g.mediaHeight]);
  // Boxes in PDF space (from the bottom-left); the sheet is symmetric top to bottom.
  page.setBleedBox(g.bleedBox.x, g.mediaHeight - g.bleedBox.y - g.bleedBox.h, g.bleedBox.w, g.bleedBox.h);
  page.setTrimBox(g.trim.x, g.mediaHeight - g.trim.y - g.trim.h, g.trim.w, g.trim.h);
  for (const face of [...canvas.usedFaces].sort((a, b) => a - b)) {
    const ref: PDFRef = ctx.nextRef();
    embedFace(doc, ref, shaper.faces[face]!);
    page.node.setFontDictionary(PDFName.of('F' + face), ref);
  }
  page.node.addContentStream(ctx.register(ctx.stream(deflateSync(Buffer.from(canvas.ops.join('\n'), 'latin1')), { Filter: 'FlateDecode' })));

  doc.setTitle(`Bìa – ${book.title.normalize('NFC')}`, { showInWindowTitleBar: true });
  if (book.author) doc.setAuthor(book.author.normalize('NFC'));
  doc.setLanguage(book.language ?? 'vi');
  doc.setCreator('Sử Quán');
  doc.setProducer(w.producer);
  doc.setCreationDate(w.date);
  doc.setModificationDate(w.date);
  const pdf = await doc.save({ addDefaultPage: false, useObjectStreams: false });
  return { pdf, geometry: g, spineText, barcode };
}
