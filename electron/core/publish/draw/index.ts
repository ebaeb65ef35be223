import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFHexString, PDFName, PDFNumber, PDFPageLeaf, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import type { Font } from 'fontkit';
import type { Box, Drawable, Glue, Line, Page, StructTag } from '../ir';
import { glyphBytes } from '../glyphs';
import { createDeflater } from './deflate';
import { toUnicodeCMap } from './toUnicodeCMap';
import { cropMarkOps, sheetGeometry } from './printMarks';
import { pageLabelRanges } from './pageLabels';
import { pdf16Header, srgbColourSpace, writePdfx } from './pdfx';
import { StructureTree } from './structure';
import type { OutputIntent } from '../world';

/** A font face as the drawer sees it: the font and the glyphs used with their text. */
export interface DrawFace {
  face: { name: string; font: Font; bytes: Uint8Array };
  used: Map<number, string>;
  spaceGid: number;
  spaceW: number;
}

export interface DrawOutlineEntry {
  title: string;
  level: number;
  top?: boolean;
  page: number;
  y: number;
}

export interface DrawInput {
  pages: Page[];
  pageWidth: number;
  pageHeight: number;
  faces: DrawFace[];
  outline: DrawOutlineEntry[];
  firstArabic: number;
  /**
   * The print file: bleed on every side (points), crop marks in a slug outside it, PDF/X-4 for
   * the printing condition `pdfx`. Without it the sheet is the trim and the file a plain PDF (a
   * catalogue).
   */
  print?: { bleed: number; cropMarks: boolean; pdfx?: OutputIntent };
  meta: { title: string; author?: string; subject?: string; language: string; date: Date; producer: string; keywords?: string[] };
}

/** Justification statistics gathered while drawing: stretch ratio of every justified line. */
export interface DrawStats {
  ratios: number[];
  /** Width of every inter-word gap on those lines, points. */
  gaps: number[];
  /** Milliseconds per drawing phase: pages (content streams), fonts (subsets), save. */
  phases: Record<string, number>;
}

/**
 * TJ adjustments are in thousandths of an em: one decimal is finer than any printer. There is one
 * per inter-word space, so the strings of the common values are made once (by tenths).
 */
const FMT1_RANGE = 20000;
const fmt1Cache: (string | undefined)[] = new Array(2 * FMT1_RANGE + 1);
const fmt1 = (n: number): string => {
  const k = Math.round(n * 10);
  if (k > -FMT1_RANGE && k < FMT1_RANGE) {
    const hit = fmt1Cache[k + FMT1_RANGE];
    if (hit !== undefined) return hit;
  }
  const r = k / 10;
  const s = Object.is(r, -0) ? '0' : String(r);
  if (k > -FMT1_RANGE && k < FMT1_RANGE) fmt1Cache[k + FMT1_RANGE] = s;
  return s;
};

/** Space glyphs of the faces, with each face's `space + TJ adjustment` strings cached by tenth. */
interface Spaces {
  hex: string[];
  cache: (string | undefined)[][];
}

/** A space glyph and its TJ adjustment, e.g. `(\0\3)-120.5`: one per inter-word space. */
const spaceTj = (face: number, spaces: Spaces, adj: number): string => {
  const k = Math.round(adj * 10);
  if (k <= -FMT1_RANGE || k >= FMT1_RANGE) return spaces.hex[face]! + fmt1(adj);
  const table = (spaces.cache[face] ??= new Array(2 * FMT1_RANGE + 1));
  let s = table[k + FMT1_RANGE];
  if (s === undefined) table[k + FMT1_RANGE] = s = spaces.hex[face]! + fmt1(adj);
  return s;
};

const fmt = (n: number): string => {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

/** A set line: x offset, stretch ratio and the width of each glue (the first n of `glue`). */
export interface LineSet {
  dx: number;
  ratio: number;
  n: number;
  glue: Float64Array;
}

/** The one LineSet that setLine fills: read it before setting the next line. */
const lineSet: LineSet = { dx: 0, ratio: 0, n: 0, glue: new Float64Array(256) };

/**
 * Sets a line's glue: justified lines stretch or shrink every glue in proportion to its
 * stretchability or shrinkability so the line fills its measure exactly; the last line of a
 * paragraph and ragged lines keep natural spaces. Returns the x offset and each glue's width,
 * in a record reused for every line (no allocation per line).
 */
export function setLine(line: Line): LineSet {
  let natural = 0;
  let stretch = 0;
  let shrink = 0;
  const parts = line.parts;
  // Widths read per kind of part: a read site shared by boxes and glues boxes every number.
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.t === 'glue') {
      natural += p.w;
      stretch += p.stretch;
      shrink += p.shrink;
    } else natural += p.w;
  }
  let r = 0;
  if (line.align === 'justify' && !line.last) r = natural < line.width ? (stretch > 0 ? (line.width - natural) / stretch : 0) : shrink > 0 ? (line.width - natural) / shrink : 0;
  else if (natural > line.width && shrink > 0) r = Math.max(-1, (line.width - natural) / shrink);
  if (lineSet.glue.length < parts.length) lineSet.glue = new Float64Array(parts.length * 2);
  const glue = lineSet.glue;
  let n = 0;
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.t === 'glue') {
      const w = p.w + (r >= 0 ? r * p.stretch : r * p.shrink);
      glue[n++] = w;
      total += w;
    } else total += p.w;
  }
  lineSet.dx = line.align === 'center' ? (line.width - total) / 2 : line.align === 'right' ? line.width - total : 0;
  lineSet.ratio = r;
  lineSet.n = n;
  return lineSet;
}

/** Content-stream operators for one line: one TJ per run of one face, glue as space + kern. */
function lineOps(line: Line, set: LineSet, x: number, yPdf: number, faces: DrawFace[], spaces: Spaces, usedFaces: Set<number>, out: string[], under: string[]): void {
  const { dx, glue } = set;
  let face = -1;
  let size = 0;
  let rise = 0;
  let open = false;
  let gi = 0;
  let cx = x + dx;
  let tj = '';
  let ops = '';
  // Horizontal space not yet expressed in the content stream (empty boxes such as a paragraph
  // indent, or glue before the first glyph): moves the start point or becomes a TJ kern.
  let shift = 0;
  let begun = false;
  let ulStart: number | null = null;
  let ulEnd = 0;
  let ulSize = 0;
  const parts = line.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Box | Glue;
    if (p.t === 'glue') {
      const w = glue[gi++]!;
      if (face >= 0 && shift === 0) {
        const f = faces[face]!;
        if (!f.used.has(f.spaceGid)) f.used.set(f.spaceGid, ' ');
        // A real space glyph so extractors see word boundaries; the kern sets its width.
        const adj = -((w - (f.spaceW * size) / 1000) * 1000) / size;
        if (!open) {
          tj = '[';
          open = true;
        }
        tj += spaceTj(face, spaces, adj);
      } else shift += w;
      cx += w;
      continue;
    }
    if (!p.tj) {
      shift += p.w;
      cx += p.w;
      continue;
    }
    if (!begun) {
      ops = 'BT 1 0 0 1 ' + fmt(x + dx + shift) + ' ' + fmt(yPdf) + ' Tm';
      begun = true;
      shift = 0;
    }
    if (p.face !== face || p.size !== size) {
      if (open) {
        ops += ' ' + tj + '] TJ';
        open = false;
      }
      face = p.face;
      size = p.size;
      usedFaces.add(face);
      ops += ' /F' + face + ' ' + fmt(size) + ' Tf';
    }
    const r = p.rise ?? 0;
    if (r !== rise) {
      if (open) {
        ops += ' ' + tj + '] TJ';
        open = false;
      }
      rise = r;
      ops += ' ' + fmt(rise) + ' Ts';
    }
    if (!open) {
      tj = '[';
      open = true;
    }
    if (shift !== 0) {
      tj += fmt1((-shift * 1000) / size);
      shift = 0;
    }
    tj += p.tj;
    // Underlines run on through the spaces between underlined words.
    if (p.underline) {
      if (ulStart === null) ulStart = cx;
      ulEnd = cx + p.w;
      ulSize = size;
    } else if (ulStart !== null) {
      under.push(`${fmt(ulStart)} ${fmt(yPdf - ulSize * 0.12)} m ${fmt(ulEnd)} ${fmt(yPdf - ulSize * 0.12)} l`);
      ulStart = null;
    }
    cx += p.w;
  }
  if (!begun) return;
  if (open) ops += ' ' + tj + '] TJ';
  // Text rise is page state, not text-object state: reset it so the next line starts level.
  if (rise !== 0) ops += ' 0 Ts';
  ops += ' ET';
  if (ulStart !== null) under.push(`${fmt(ulStart)} ${fmt(yPdf - ulSize * 0.12)} m ${fmt(ulEnd)} ${fmt(yPdf - ulSize * 0.12)} l`);
  out.push(ops);
}

/** Whether any line or image carries a structure tag: then the PDF is tagged. */
function hasTags(pages: Page[]): boolean {
  for (const p of pages)
    for (let i = 0; i < p.draws.length; i++) {
      const d = p.draws[i]!;
      if ((d.d === 'text' && d.line.tag) || (d.d === 'image' && d.tag)) return true;
    }
  return false;
}

/** A 6-letter subset tag derived from the glyph set, so the same input gives the same name. */
function subsetTag(gids: number[], name: string): string {
  let h = 2166136261;
  const feed = (n: number) => {
    h ^= n & 0xff;
    h = Math.imul(h, 16777619) >>> 0;
  };
  for (const c of name) feed(c.charCodeAt(0));
  for (const g of gids) {
    feed(g);
    feed(g >> 8);
  }
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26) + i * 7919;
  }
  return tag;
}

/**
 * Embeds a subset of a TrueType face as a Type0/CIDFontType2 font. Content streams use the
 * original glyph ids as CIDs (known when words are measured); CIDToGIDMap maps them to the
 * subset's renumbered glyphs.
 */
export function embedFace(doc: PDFDocument, ref: PDFRef, f: DrawFace): void {
  const ctx = doc.context;
  const font = f.face.font;
  const gids = [...f.used.keys()].sort((a, b) => a - b);
  const subset = font.createSubset();
  const map = new Map<number, number>();
  for (const g of gids) map.set(g, subset.includeGlyph(g as never) as unknown as number);
  const bytes = subset.encode();
  const maxCid = gids.length ? gids[gids.length - 1]! : 0;
  const cidToGid = new Uint8Array((maxCid + 1) * 2);
  for (const [cid, gid] of map) {
    cidToGid[cid * 2] = gid >> 8;
    cidToGid[cid * 2 + 1] = gid & 0xff;
  }
  const scale = 1000 / font.unitsPerEm;
  const W: (number | number[])[] = [];
  let run: number[] = [];
  let prev = -2;
  for (const g of gids) {
    const w = Math.round(font.getGlyph(g).advanceWidth * scale * 100) / 100;
    if (g !== prev + 1) {
      if (run.length) W.push(run);
      W.push(g);
      run = [];
    }
    run.push(w);
    prev = g;
  }
  if (run.length) W.push(run);
  const name = `${subsetTag(gids, f.face.name)}+${f.face.name}`;
  const fontFile = ctx.register(ctx.stream(deflateSync(bytes), { Filter: 'FlateDecode', Length1: bytes.length }));
  const bbox = font.bbox;
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: 4 | (font.italicAngle !== 0 ? 64 : 0),
      FontBBox: [bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale].map((v) => Math.round(v)),
      ItalicAngle: font.italicAngle,
      Ascent: Math.round(font.ascent * scale),
      Descent: Math.round(font.descent * scale),
      CapHeight: Math.round((font.capHeight || font.ascent) * scale),
      XHeight: Math.round((font.xHeight || 0) * scale),
      StemV: 80,
      FontFile2: fontFile,
    }),
  );
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W,
      CIDToGIDMap: ctx.register(ctx.stream(deflateSync(cidToGid), { Filter: 'FlateDecode' })),
    }),
  );
  const entries = gids.map((g) => [g, f.used.get(g) ?? ''] as [number, string]).filter(([, t]) => t !== '');
  const toUnicode = ctx.register(ctx.stream(deflateSync(Buffer.from(toUnicodeCMap(entries), 'latin1')), { Filter: 'FlateDecode' }));
  ctx.assign(
    ref,
    ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }),
  );
}

/** PDF outline (bookmarks) from the headings' placements, nested by level. */
function buildOutline(doc: PDFDocument, pageRefs: PDFRef[], entries: DrawOutlineEntry[], pageHeight: number): void {
  if (entries.length === 0) return;
  const ctx = doc.context;
  interface N {
    ref: PDFRef;
    e: DrawOutlineEntry | null;
    kids: N[];
    parent: N | null;
  }
  const root: N = { ref: ctx.nextRef(), e: null, kids: [], parent: null };
  const stack: N[] = [root];
  for (const e of entries) {
    while (stack.length > 1) {
      const top = stack[stack.length - 1]!;
      if (e.top || top.e!.level >= e.level) stack.pop();
      else break;
    }
    const parent = stack[stack.length - 1]!;
    const n: N = { ref: ctx.nextRef(), e, kids: [], parent };
    parent.kids.push(n);
    stack.push(n);
  }
  const count = (n: N): number => n.kids.reduce((s, k) => s + 1 + count(k), 0);
  const write = (n: N) => {
    if (n.e) {
      const parent = n.parent!;
      const i = parent.kids.indexOf(n);
      const obj: Record<string, unknown> = {
        Title: PDFHexString.fromText(n.e.title),
        Parent: parent.ref,
        Dest: [pageRefs[n.e.page]!, 'XYZ', null, Math.round(pageHeight - n.e.y + 12), null],
      };
      if (i > 0) obj.Prev = parent.kids[i - 1]!.ref;
      if (i < parent.kids.length - 1) obj.Next = parent.kids[i + 1]!.ref;
      if (n.kids.length) {
        obj.First = n.kids[0]!.ref;
        obj.Last = n.kids[n.kids.length - 1]!.ref;
        obj.Count = n.e.level <= 1 ? count(n) : -count(n);
      }
      ctx.assign(n.ref, ctx.obj(obj as never));
    } else {
      ctx.assign(n.ref, ctx.obj({ Type: 'Outlines', First: n.kids[0]!.ref, Last: n.kids[n.kids.length - 1]!.ref, Count: count(n) }));
    }
    for (const k of n.kids) write(k);
  };
  write(root);
  doc.catalog.set(PDFName.of('Outlines'), root.ref);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/**
 * The draw stage: pages → PDF bytes. The only stage that touches pdf-lib. Each line becomes one
 * BT…ET with one TJ per face run; glyph strings come cached from the measure stage.
 */
export async function drawPdf(input: DrawInput, stats?: DrawStats): Promise<Uint8Array> {
  const { pages, pageWidth: W, pageHeight: Hp, faces } = input;
  const tStart = performance.now();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const fontRefs = faces.map(() => ctx.nextRef());
  const spaces: Spaces = { hex: faces.map((f) => '(' + glyphBytes(f.spaceGid) + ')'), cache: [] };
  const usedFaces = new Set<number>();
  const images = new Map<number, PDFRef>();
  const xobjects = new Map<string, PDFRef>();
  const pageRefs: PDFRef[] = [];
  const resourcesRef = ctx.nextRef();
  let srgb: PDFRef | undefined;

  for (let pi = 0; pi < pages.length; pi++)
    for (let di = 0; di < pages[pi]!.draws.length; di++) {
      const d = pages[pi]!.draws[di]!;
      if (d.d === 'image' && !images.has(d.image.key)) {
        const img = d.image.format === 'jpeg' ? await doc.embedJpg(d.image.data) : await doc.embedPng(d.image.data);
        if (input.print?.pdfx) {
          // PDF/X: no device RGB under a gray intent; camera and scanner RGB is sRGB.
          await img.embed();
          const dict = (ctx.lookup(img.ref) as PDFRawStream).dict;
          if (dict.get(PDFName.of('ColorSpace')) === PDFName.of('DeviceRGB')) dict.set(PDFName.of('ColorSpace'), (srgb ??= srgbColourSpace(doc)));
        }
        images.set(d.image.key, img.ref);
        xobjects.set('Im' + d.image.key, img.ref);
      }
    }

  // Page objects are built directly: pdf-lib's addPage walks the page tree's kids on every
  // insertion (quadratic in the page count) and sets defaults that are overwritten at once. The
  // dictionaries, their key order and the object numbers are the same as addPage's.
  const pagesRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  const pageTree = doc.catalog.Pages();
  const kids = pageTree.Kids();
  const print = input.print ?? { bleed: 0, cropMarks: false };
  const sheet = sheetGeometry(W, Hp, print.bleed, print.cropMarks);
  const mediaBox = ctx.obj(sheet.media);
  const bleedBox = ctx.obj(sheet.bleed);
  const trimBox = ctx.obj(sheet.trim);
  // Tagged PDF when the pages carry structure (a book; a catalogue does not): every tagged line and
  // image is marked content of its element, everything else an artifact.
  const structure = hasTags(pages) ? new StructureTree(ctx) : undefined;
  const artifact = (ops: string) => (structure ? '/Artifact BMC ' + ops + ' EMC' : ops);
  // Every page's drawing is moved from the sheet's corner to the trim's; crop marks come first,
  // in sheet coordinates, in registration colour (every ink prints them).
  const sheetOps = (sheet.marks ? artifact(cropMarkOps(sheet, '/Reg CS 1 SCN')) + '\n' : '') + (sheet.offset ? `1 0 0 1 ${fmt(sheet.offset)} ${fmt(sheet.offset)} cm\n` : '');
  const kType = PDFName.of('Type');
  const kPage = PDFName.of('Page');
  const kParent = PDFName.of('Parent');
  const kResources = PDFName.of('Resources');
  const kMediaBox = PDFName.of('MediaBox');
  const kContents = PDFName.of('Contents');
  const kBleedBox = PDFName.of('BleedBox');
  const kTrimBox = PDFName.of('TrimBox');
  // Level 1: content streams are repetitive hex; the fastest level loses little size here.
  const deflater = createDeflater(1);

  for (const page of pages) {
    const pageRef = ctx.nextRef();
    structure?.beginPage(pageRef);
    // The marked-content sequence open: in which content list, up to which entry, for what. Its
    // EMC is written when something else is drawn (or the page ends).
    let marked: { out: string[] | null; at: number; tag: StructTag | undefined } = { out: null, at: -1, tag: undefined };
    const closeMarked = () => {
      if (marked.out) marked.out[marked.at] += ' EMC';
      marked = { out: null, at: -1, tag: undefined };
    };
    const out: string[] = [];
    const under: string[] = [];
    const rules: string[] = [];
    // A landscape table's drawables (Drawable.turn): drawn apart, in a graphics state turned by their matrix.
    const turned = new Map<string, { out: string[]; under: string[]; rules: string[] }>();
    for (let di = 0; di < page.draws.length; di++) {
      const d = page.draws[di]!;
      if (!d.turn) drawOne(d, out, under, rules);
      else {
        const key = d.turn.map(fmt).join(' ');
        let t = turned.get(key);
        if (!t) turned.set(key, (t = { out: [], under: [], rules: [] }));
        drawOne(d, t.out, t.under, t.rules);
      }
    }
    closeMarked();
    for (const [m, t] of turned) {
      if (t.under.length) t.rules.push('0.5 w ' + t.under.join(' ') + ' S');
      out.push(`q ${m} cm\n` + t.out.join('\n') + (t.rules.length ? '\n' + artifact('0 G ' + t.rules.join('\n')) : '') + '\nQ');
    }
    function drawOne(d: Drawable, out: string[], under: string[], rules: string[]): void {
      if (d.d === 'text') {
        if (d.line.parts.length === 0) return;
        const set = setLine(d.line);
        if (stats && d.line.align === 'justify' && !d.line.last) {
          stats.ratios.push(set.ratio);
          const glue = set.glue;
          for (let i = 0; i < set.n; i++) if (glue[i]! > 0) stats.gaps.push(glue[i]!);
        }
        const n = out.length;
        lineOps(d.line, set, d.x, Hp - d.y, faces, spaces, usedFaces, out, under);
        if (structure && out.length > n) {
          const tag = d.line.tag;
          // The next line of the element (or artifact) just drawn continues its marked content:
          // one MCID per element and page, not per line, keeps the ParentTree and the file small.
          if (marked.out === out && marked.at === n - 1 && marked.tag === tag) marked.at = n;
          else {
            closeMarked();
            out[n] = (tag ? structure.open(tag) : '/Artifact BMC ') + out[n];
            marked = { out, at: n, tag };
          }
        }
      } else if (d.d === 'rule') {
        rules.push(`${fmt(d.width)} w ${fmt(d.x1)} ${fmt(Hp - d.y1)} m ${fmt(d.x2)} ${fmt(Hp - d.y2)} l S`);
      } else {
        const ops = `q ${imageMatrix(d.x, Hp - d.y - d.h, d.w, d.h, d.image.rotation)} cm /Im${d.image.key} Do Q`;
        closeMarked();
        if (!structure) out.push(ops);
        else if (!d.tag) out.push('/Artifact BMC ' + ops + ' EMC');
        else {
          const o = sheet.offset;
          out.push(structure.open(d.tag, d.turn ? undefined : [d.x + o, Hp - d.y - d.h + o, d.x + d.w + o, Hp - d.y + o]) + ops + ' EMC');
        }
      }
    }
    if (under.length) rules.push('0.5 w ' + under.join(' ') + ' S');
    const content = sheetOps + out.join('\n') + (rules.length ? '\n' + artifact('0 G ' + rules.join('\n')) : '');
    const leaf = PDFPageLeaf.fromMapWithContext(
      new Map<PDFName, never>([
        [kType, kPage as never],
        [kParent, pagesRef as never],
        [kResources, resourcesRef as never],
        [kMediaBox, mediaBox as never],
        [kBleedBox, bleedBox as never],
        [kTrimBox, trimBox as never],
      ]),
      ctx,
      false,
    );
    structure?.endPage(leaf);
    ctx.assign(pageRef, leaf);
    leaf.set(kContents, ctx.register(ctx.stream(deflater.deflate(Buffer.from(content, 'latin1')), { Filter: 'FlateDecode' })));
    kids.push(pageRef);
    pageRefs.push(pageRef);
  }
  deflater.close();
  pageTree.set(PDFName.of('Count'), PDFNumber.of(pages.length));

  if (stats) stats.phases.pages = performance.now() - tStart;
  const tFonts = performance.now();
  // Fonts: subsets of the faces actually drawn.
  const fontDict: Record<string, PDFRef> = {};
  for (const i of [...usedFaces].sort((a, b) => a - b)) {
    embedFace(doc, fontRefs[i]!, faces[i]!);
    fontDict['F' + i] = fontRefs[i]!;
  }
  const res: Record<string, unknown> = { Font: fontDict, ProcSet: ['PDF', 'Text', 'ImageB', 'ImageC'] };
  if (xobjects.size) res.XObject = Object.fromEntries(xobjects);
  // Registration: a separation that prints on every plate, for the crop marks.
  if (sheet.marks) res.ColorSpace = { Reg: ['Separation', 'All', 'DeviceGray', { FunctionType: 2, Domain: [0, 1], C0: [1], C1: [0], N: 1 }] };
  ctx.assign(resourcesRef, ctx.obj(res as never));

  if (stats) stats.phases.fonts = performance.now() - tFonts;
  buildOutline(doc, pageRefs, input.outline, Hp + sheet.offset);
  structure?.write(doc.catalog);
  // Page labels as the folios print: roman numerals for the front matter, arabic from page 1 of the body.
  const nums: unknown[] = pageLabelRanges(pages, input.firstArabic).flatMap(([at, S, St]) => [at, St === 1 ? { S } : { S, St }]);
  doc.catalog.set(PDFName.of('PageLabels'), ctx.obj({ Nums: nums as never }));

  const m = input.meta;
  doc.setTitle(m.title, { showInWindowTitleBar: true });
  if (m.author) doc.setAuthor(m.author);
  if (m.subject) doc.setSubject(m.subject);
  if (m.keywords) doc.setKeywords(m.keywords);
  doc.setLanguage(m.language);
  doc.setCreator('Sử Quán');
  doc.setProducer(m.producer);
  doc.setCreationDate(m.date);
  doc.setModificationDate(m.date);
  if (print.pdfx) writePdfx(doc, { ...m, creator: 'Sử Quán' }, print.pdfx, pages.length);
  // No object streams: pdf-lib would deflate them in JavaScript, slower than the gain in size.
  const tSave = performance.now();
  // objectsPerTick: pdf-lib otherwise yields to the event loop (setTimeout 0, ≥ 1 ms each)
  // every 50 objects while sizing and again while writing: ~60 idle waits for a 600-page book.
  const bytes = await doc.save({ updateFieldAppearances: false, addDefaultPage: false, useObjectStreams: false, objectsPerTick: Infinity });
  if (stats) stats.phases.save = performance.now() - tSave;
  return print.pdfx ? pdf16Header(bytes) : bytes;
}


/**
 * The matrix that maps an image's unit square onto the box (x, y bottom-left, w × h, in PDF
 * space), turned clockwise by `rotation`: at 90° the image's top edge lies along the box's right.
 */
function imageMatrix(x: number, y: number, w: number, h: number, rotation: 90 | 180 | 270 | undefined): string {
  const m = (a: number, b: number, c: number, d: number, e: number, f: number) => [a, b, c, d, e, f].map(fmt).join(' ');
  switch (rotation) {
    case 90:
      return m(0, -h, w, 0, x, y + h);
    case 180:
      return m(-w, 0, 0, -h, x + w, y + h);
    case 270:
      return m(0, h, -w, 0, x + w, y);
    default:
      return m(w, 0, 0, h, x, y);
  }
}
