/**
 * What is printed on one sheet of an archived document, typeset as a plain office page (A4,
 * office margins, 13 pt): the two-column header (issuing body, "*", number | motto, place and
 * date), the document type and abstract centred, the body, the signature block on the right.
 *
 * The app's own typesetter does the work — shaping, line breaking (Knuth–Plass), pagination and
 * the PDF — but the page is composed here from its pieces rather than through a Book of the
 * `documents` layout: that layout sets a document inside a book (a chapter title above it,
 * running heads, folios, one motto line that defaults to "ĐẢNG CỘNG SẢN VIỆT NAM"), and a sheet
 * that came out of a 1950s office has none of that.
 *
 * Three hands: 'print' (justified), 'typewriter' (ragged right: a typewriter cannot justify) and
 * 'hand' (italic, ragged, every line on one pitch so the writing sits on the ruled lines).
 */
import type { Font } from 'fontkit';
import type { Book } from '../../../shared/book/model';
import { copyBox, type Item, type PPara, type Prepared, type PreparedSection } from '../publish/ir';
import { createShaper } from '../publish/measure/shaper';
import { createContext, finishPara, runsToItems, textPara, type PrepareContext } from '../publish/measure/prepare';
import { breakSection } from '../publish/break';
import { finishPages, paginate } from '../publish/paginate';
import { drawPdf } from '../publish/draw';
import { MM, resolveSetup, type ResolvedSetup } from '../publish/setup';
import { loadWorld, type TypesetWorld } from '../publish/world';

/** What is printed on the paper (resources/sample/documents/Dnn.md). */
export interface PaperDocument {
  header: { issuer?: string[]; motto?: string[]; number?: string; placeDate?: string; title?: string; subtitle?: string; signature?: string[] };
  /** Paragraphs. */
  body: string[];
}

export type PaperHand = 'print' | 'typewriter' | 'hand';

export interface PaperPdf {
  pdf: Uint8Array;
  pageCount: number;
  /** Page size, points. */
  pageWidth: number;
  pageHeight: number;
  /** Distance between the baselines of body lines, points (the ruling of a hand-written sheet). */
  leading: number;
  /** The faces drawn, by PostScript name: to measure the words pdf.js reads back. */
  fonts: Map<string, Font>;
}

const FAMILY = 'liberation-serif';

let worldCache: Promise<TypesetWorld> | undefined;

/** One world for every sheet: fonts are read once, and a fixed date keeps the PDFs reproducible. */
function world(): Promise<TypesetWorld> {
  return (worldCache ??= loadWorld({ families: [FAMILY], date: new Date(Date.UTC(2026, 0, 1)) }));
}

/** Office margins (mm): wide on the left where the sheets were pinned or bound into the file. */
const MARGINS = { top: 20, bottom: 18, inner: 30, outer: 17 };

function pageSetup(hand: PaperHand): ResolvedSetup {
  const size = hand === 'hand' ? 14 : 13;
  // A hand-written sheet is ruled about every 7.5 mm; typed and printed ones are set close.
  const leading = hand === 'hand' ? 21 : hand === 'typewriter' ? 17 : 16;
  const book: Book = {
    layout: 'documents',
    title: '',
    front: [],
    body: [],
    back: [],
    proof: true,
    setup: { trim: 'A4', margins: MARGINS, bodySize: size, leading, fontFamily: FAMILY, tocPosition: 'none', parIndent: 10 * MM, chapterOpening: 'any', pdfx: false },
  };
  return resolveSetup(book, [FAMILY], FAMILY);
}

/** Typesets the sheet; more than one page only when the text does not fit on one. */
export async function typesetPaper(doc: PaperDocument, hand: PaperHand): Promise<PaperPdf> {
  const w = await world();
  const setup = pageSetup(hand);
  const shaper = createShaper(w);
  const ctx = createContext(setup, shaper);
  const { blocks, underline } = composeSheet(ctx, doc, hand);
  shaper.resolve();
  // Underlined after shaping: a copy of a box carries its width, known only once resolved.
  for (const p of underline) p.items = p.items.map((it) => (it.t === 'box' && it.text !== '' ? Object.assign(copyBox(it), { underline: true }) : it));
  const section: PreparedSection = { role: 'matter', style: { numbering: 'arabic', printFolio: false, recto: false }, blocks, outline: [], opening: true };
  const result = paginate([breakSection(section)], { setup, shaper, bookEnd: false });
  finishPages(result.pages, { setup, shaper });
  const pdf = await drawPdf({
    pages: result.pages,
    pageWidth: setup.pageWidth,
    pageHeight: setup.pageHeight,
    faces: shaper.faces,
    outline: [],
    firstArabic: result.firstArabic,
    meta: { title: (doc.header.title ?? '').normalize('NFC'), language: 'vi', date: w.date, producer: w.producer },
  });
  const fam = w.families[FAMILY]!;
  const fonts = new Map([fam.regular, fam.bold, fam.italic, fam.boldItalic].map((f) => [f.name, f.font]));
  return { pdf, pageCount: result.pages.length, pageWidth: setup.pageWidth, pageHeight: setup.pageHeight, leading: setup.leading, fonts };
}

/**
 * Text as typed: a run of spaces (the blank left in "ngày    tháng 3" for the day to be written in)
 * keeps its width, as no-break spaces the line breaker does not collapse.
 */
function typed(text: string): string {
  return text.normalize('NFC').trim().replace(/ {2,}/g, (m) => ' ' + '\u00a0'.repeat(m.length - 1));
}

/** The sheet's blocks, and the paragraphs to underline once shaped (the motto's last line). */
function composeSheet(ctx: PrepareContext, doc: PaperDocument, hand: PaperHand): { blocks: Prepared[]; underline: PPara[] } {
  const { setup } = ctx;
  const size = setup.bodySize;
  const L = setup.leading;
  const ruled = hand === 'hand';
  // On ruled paper every line keeps the body's pitch; typed headers are set a little closer.
  const small = ruled ? size : size - 1;
  const headLeading = ruled ? L : small * 1.25;
  const italic = ruled;
  // A pen and a typewriter have neither bold nor italics: only print sets them.
  const heavy = hand === 'print';
  const space = (lines: number): Prepared => ({ p: 'space', h: (ruled ? Math.round(lines) : lines) * L, keep: true });
  const blocks: Prepared[] = [];
  const underline: PPara[] = [];
  const h = doc.header;
  const line = (text: string, st: { bold?: boolean; italic?: boolean; size?: number }, x: number, width: number, align: PPara['align'] = 'center'): PPara =>
    textPara(ctx, typed(text), { size: st.size ?? small, bold: heavy && st.bold, italic: italic || (heavy && st.italic) }, { align, leading: headLeading, x, width });

  // The header: the issuing body on the left, the motto and the place and date on the right.
  const leftW = setup.textWidth * 0.44;
  const rightX = setup.textWidth * 0.4;
  const rightW = setup.textWidth - rightX;
  const left: PPara[] = [];
  const issuer = h.issuer ?? [];
  issuer.forEach((t, i) => left.push(line(t, { bold: i === issuer.length - 1 }, 0, leftW)));
  if (issuer.length) left.push(line('*', {}, 0, leftW));
  if (h.number) left.push(line(h.number, {}, 0, leftW));
  const right: PPara[] = [];
  const motto = h.motto ?? [];
  motto.forEach((t, i) => {
    const p = line(t, { bold: true }, rightX, rightW);
    if (i === motto.length - 1) underline.push(p);
    right.push(p);
  });
  if (h.placeDate) {
    if (motto.length && !ruled) right.push(line('', {}, rightX, rightW));
    right.push(line(h.placeDate, { italic: true }, rightX, rightW));
  }
  if (left.length || right.length) {
    const cells = [];
    if (left.length) cells.push({ x: 0, width: leftW, paras: left });
    if (right.length) cells.push({ x: rightX, width: rightW, paras: right });
    blocks.push({ p: 'row', cells, grid: false, pad: 0, keep: true }, space(1.4));
  }

  // The document type and its abstract, centred.
  const inset = setup.parIndent;
  if (h.title) {
    const title = textPara(ctx, h.title.normalize('NFC').toLocaleUpperCase('vi'), { size: ruled ? size : size + 1, bold: heavy, italic }, { align: 'center', leading: ruled ? L : (size + 1) * 1.3, x: inset, width: setup.textWidth - 2 * inset, keep: true });
    // A hand marks the title by underlining it.
    if (ruled) underline.push(title);
    blocks.push(title);
  }
  if (h.subtitle) blocks.push(textPara(ctx, h.subtitle.normalize('NFC'), { size, bold: heavy, italic }, { align: 'center', leading: ruled ? L : size * 1.3, x: inset, width: setup.textWidth - 2 * inset, keep: true }));
  if (h.title || h.subtitle) {
    if (!ruled) blocks.push({ p: 'space', h: L * 0.3, keep: true }, { p: 'rule', x: setup.textWidth * 0.42, w: setup.textWidth * 0.16, width: 0.6, keep: true });
    blocks.push(space(ruled ? 1 : 0.9));
  }

  // The body: indented paragraphs, justified only by a press.
  const align: PPara['align'] = hand === 'print' ? 'justify' : 'left';
  for (const text of doc.body) {
    const t = typed(text);
    if (!t) continue;
    const items: Item[] = runsToItems(ctx, [{ kind: 'text', text: t }], { size, italic });
    const indent = copyBox(ctx.shaper.box('', ctx.shaper.face(ctx.family, false, italic), size));
    indent.w = setup.parIndent;
    items.unshift(indent);
    blocks.push(finishPara(ctx, items, { size, leading: L, align, x: 0, width: setup.textWidth }));
  }

  // The signature block, centred in the right half: office and name bold, "(Đã ký)" in italics.
  const sig = h.signature ?? [];
  if (sig.length) {
    const last = blocks[blocks.length - 1];
    if (last?.p === 'para') last.keepEnd = 2;
    blocks.push(space(ruled ? 1 : 0.6));
    const sx = setup.textWidth * 0.45;
    const sw = setup.textWidth - sx;
    const paras = sig.map((t, i) => {
      const note = /^\(.*\)$/.test(t.trim());
      return textPara(ctx, t.normalize('NFC'), { size, bold: heavy && !note && (i === 0 || i === sig.length - 1), italic: italic || (heavy && note) }, { align: 'center', leading: L, x: sx, width: sw });
    });
    // Room to sign between the office and the name.
    const gap = ruled ? 0 : Math.max(0, sig.length - 1);
    if (gap) paras.splice(gap, 0, textPara(ctx, '', { size }, { align: 'center', leading: L * 1.5, x: sx, width: sw }));
    blocks.push({ p: 'row', cells: [{ x: sx, width: sw, paras }], grid: false, pad: 0 });
  }
  return { blocks, underline };
}
