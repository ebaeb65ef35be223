import type {
  Block,
  Book,
  BodyDivision,
  Chapter,
  ChronicleEntry,
  DocumentItem,
  Figure,
  Heading,
  InlineRun,
  ListBlock,
  Paragraph,
  TrimSize,
} from '../../../../shared/book/model';
import type { Box, FaceId, Item, OutlineEntry, PNote, PPara, Prepared, PreparedSection, SectionStyle, StructTag } from '../ir';
import { copyBox } from '../ir';
import { TRIM_SIZES, trimMillimetres, type ResolvedSetup } from '../setup';
import type { Shaper } from './shaper';
import { chapterLabel, partLabel, sectionLabel } from '../../../../shared/numbering';
import { printedDateLead } from '../../../../shared/book/chronicle';
import { prepareTable } from './table';
import { breakOpportunities, LONG_WORD, wordPieces } from './breakOpportunities';
import { asTitle } from './titleBreaks';

export const INF = 10000;

/** Text style of a run of inline content. */
export interface TextStyle {
  size: number;
  bold?: boolean;
  italic?: boolean;
  caps?: boolean;
}

/** What the preparation of one book needs and accumulates. */
export interface PrepareContext {
  setup: ResolvedSetup;
  shaper: Shaper;
  family: string;
  /** Page labels of anchors from a previous pass, for page cross-references. */
  labels?: Map<string, string>;
  /** Heading titles and numbers by id, for cross-references. */
  targets: Map<string, { title: string; number: string }>;
  nextNoteId: number;
  noteNumber: number;
  nextImageKey: number;
  nextAnchor: number;
  /** Footnotes collected while turning runs into items (they belong to the paragraph being built). */
  pendingNotes: PNote[];
  /** The book prints page numbers of cross-references (needs a second pass). */
  usesPageRefs: boolean;
}

export function createContext(setup: ResolvedSetup, shaper: Shaper, labels?: Map<string, string>, targets?: Map<string, { title: string; number: string }>): PrepareContext {
  return {
    setup,
    shaper,
    family: setup.fontFamily,
    labels,
    // Targets from a previous pass let forward references print their title.
    targets: new Map(targets ?? []),
    nextNoteId: 1,
    noteNumber: 0,
    nextImageKey: 1,
    nextAnchor: 1,
    pendingNotes: [],
    usesPageRefs: false,
  };
}

export function faceFor(ctx: PrepareContext, st: TextStyle): FaceId {
  return ctx.shaper.face(ctx.family, !!st.bold, !!st.italic);
}

/**
 * Inline runs → Knuth–Plass boxes and glues. Words are split at spaces only (Vietnamese is broken
 * between syllables, never inside one); a word whose parts differ in style becomes adjacent boxes
 * with no glue between them, so it cannot be broken.
 */
function underlined(b: Box): Box {
  const c = copyBox(b);
  c.underline = true;
  return c;
}

/** A zero-width box that carries only index terms. */
const isMarkOnly = (it: Item): boolean => it.t === 'box' && it.text === '' && !!it.marks;

export function runsToItems(ctx: PrepareContext, runs: InlineRun[], st: TextStyle): Item[] {
  const items: Item[] = [];
  let pendingSpace = false;
  let lastFace: FaceId = faceFor(ctx, st);
  let lastSize = st.size;
  const pushBox = (b: Box) => {
    if (pendingSpace && items.length > 0) items.push(ctx.shaper.glue(lastFace, lastSize));
    pendingSpace = false;
    items.push(b);
    // Stored only on change: these are closure variables, where every store of a fractional
    // number allocates a heap number (once per word otherwise).
    if (b.text !== '') {
      if (b.face !== lastFace) lastFace = b.face;
      if (b.size !== lastSize) lastSize = b.size;
    }
  };
  const pushText = (raw: string, rst: TextStyle, underline?: boolean) => {
    let text = raw.normalize('NFC');
    if (rst.caps) text = text.toLocaleUpperCase('vi');
    const face = faceFor(ctx, rst);
    const lookup = ctx.shaper.words(face, rst.size);
    // Words are runs of non-space characters (space, tab, line feed, carriage return).
    const n = text.length;
    let start = -1;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? text.charCodeAt(i) : 32;
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        if (start >= 0) {
          const word = text.slice(start, i);
          // A long word (a URL, a path) gets break opportunities of its own.
          const cuts = i - start >= LONG_WORD ? breakOpportunities(word) : null;
          if (cuts) {
            const shape = (w: string) => (underline ? underlined(ctx.shaper.box(w, face, rst.size)) : lookup(w));
            for (const it of wordPieces(word, cuts, shape)) if (it.t === 'box') pushBox(it);
            else items.push(it);
          } else pushBox(underline ? underlined(ctx.shaper.box(word, face, rst.size)) : lookup(word));
          start = -1;
        }
        if (i < n) pendingSpace = true;
      } else if (start < 0) start = i;
    }
  };
  for (const run of runs) {
    switch (run.kind) {
      case 'text': {
        const rst: TextStyle = {
          size: run.superscript || run.subscript ? st.size * 0.65 : st.size,
          bold: st.bold || run.bold,
          italic: run.italic ? !st.italic : st.italic,
          caps: st.caps,
        };
        if (run.superscript || run.subscript) {
          const face = faceFor(ctx, rst);
          const b = copyBox(ctx.shaper.box(run.text.normalize('NFC'), face, rst.size));
          b.rise = run.superscript ? st.size * 0.38 : -st.size * 0.15;
          pushBox(b);
        } else pushText(run.text, rst, run.underline);
        break;
      }
      case 'footnote': {
        const id = ctx.nextNoteId++;
        const number = ++ctx.noteNumber;
        const face = faceFor(ctx, { size: st.size });
        const b = copyBox(ctx.shaper.box(String(number), face, st.size * 0.62));
        b.rise = st.size * 0.38;
        b.fnCall = id;
        // A call never starts a line: it hangs on the word before it.
        pendingSpace = false;
        // Calls one after another print separated by a superscript comma: "sử¹,²".
        let k = items.length - 1;
        while (k >= 0 && isMarkOnly(items[k]!)) k--;
        const prev = items[k];
        if (prev && prev.t === 'box' && prev.fnCall !== undefined) {
          const comma = copyBox(ctx.shaper.box(',', face, st.size * 0.62));
          comma.rise = b.rise;
          pushBox(comma);
        }
        pushBox(b);
        ctx.pendingNotes.push({ id, number, paras: [] });
        const note = ctx.pendingNotes[ctx.pendingNotes.length - 1]!;
        note.paras = prepareNote(ctx, run.content, id, number);
        break;
      }
      case 'index-term': {
        const b = copyBox(ctx.shaper.box('', faceFor(ctx, st), st.size));
        b.marks = [{ term: run.term.normalize('NFC'), index: run.index, sortKey: run.sortKey }];
        const wasPending: boolean = pendingSpace;
        pendingSpace = false;
        items.push(b);
        pendingSpace = wasPending;
        break;
      }
      case 'cross-ref': {
        const t = ctx.targets.get(run.targetId);
        // Page numbers, and titles of headings further on, are known only after a first pass.
        if (run.show === 'page' || !t) ctx.usesPageRefs = true;
        const text =
          run.show === 'page' ? (ctx.labels?.get(run.targetId) ?? '000') : run.show === 'number' ? (t?.number ?? '?') : (t?.title ?? '?');
        pushText(text, st);
        break;
      }
    }
  }
  return items;
}

/** Footnote paragraphs: the first starts with the note's number. */
function prepareNote(ctx: PrepareContext, content: Paragraph[], id: number, number: number): PPara[] {
  const { setup } = ctx;
  const saved = ctx.pendingNotes;
  ctx.pendingNotes = [];
  const size = setup.footnoteSize;
  const out: PPara[] = [];
  content.forEach((para, i) => {
    const items = runsToItems(ctx, para.runs, { size });
    const lead: Item[] = [];
    lead.push(copyBox(ctx.shaper.box('', faceFor(ctx, { size }), size)));
    (lead[0] as Box).w = setup.parIndent * 0.75;
    if (i === 0) {
      const label = copyBox(ctx.shaper.box(String(number), faceFor(ctx, { size }), size * 0.7));
      label.rise = size * 0.33;
      label.fnLabel = id;
      const g = ctx.shaper.glue(faceFor(ctx, { size }), size);
      lead.push(label, { t: 'glue', w: g.w, stretch: 0, shrink: 0, face: g.face, size: g.size });
    }
    out.push(finishPara(ctx, [...lead, ...items], { size, leading: setup.footnoteLeading, align: 'justify' }));
  });
  if (out.length === 0) {
    const label = copyBox(ctx.shaper.box(String(number), faceFor(ctx, { size }), size * 0.7));
    label.rise = size * 0.33;
    label.fnLabel = id;
    out.push(finishPara(ctx, [label], { size, leading: setup.footnoteLeading, align: 'left' }));
  }
  ctx.pendingNotes = saved;
  // All paragraphs of a footnote are one Note element.
  const note: StructTag = { role: 'Note' };
  for (const p of out) p.tag = note;
  return out;
}

interface ParaOpts {
  size: number;
  leading: number;
  align: PPara['align'];
  x?: number;
  width?: number;
  keep?: boolean;
}

/** Close a paragraph: \parfillskip and the forced final break; attach the notes gathered so far. */
export function finishPara(ctx: PrepareContext, items: Item[], o: ParaOpts): PPara {
  items.push({ t: 'pen', w: 0, p: INF }, { t: 'glue', w: 0, stretch: 1e6, shrink: 0, face: 0, size: o.size }, { t: 'pen', w: 0, p: -INF });
  const p: PPara = {
    p: 'para',
    items,
    x: o.x ?? 0,
    width: o.width ?? ctx.setup.textWidth,
    leading: o.leading,
    size: o.size,
    align: o.align,
    // A paragraph unless the caller says otherwise (headings, notes, captions).
    tag: { role: 'P' },
  };
  if (o.keep) p.keep = true;
  if (ctx.pendingNotes.length) {
    p.notes = ctx.pendingNotes;
    ctx.pendingNotes = [];
  }
  return p;
}

function indentBox(ctx: PrepareContext, w: number, size: number): Box {
  const b = copyBox(ctx.shaper.box('', faceFor(ctx, { size }), size));
  b.w = w;
  return b;
}

/** Plain text → a paragraph (title pages, headings, generated matter). */
export function textPara(ctx: PrepareContext, text: string, st: TextStyle, o: Partial<ParaOpts> & { align: PPara['align'] }): PPara {
  const items = runsToItems(ctx, [{ kind: 'text', text }], st);
  return finishPara(ctx, items, { size: st.size, leading: o.leading ?? st.size * 1.3, ...o });
}

interface BlockEnv {
  x: number;
  width: number;
  size: number;
  leading: number;
  italic?: boolean;
  /** Depth of nested quotes/lists, for indents. */
  depth: number;
}

/** Per-chapter heading counters. */
interface Counters {
  h: [number, number, number];
}

function plainText(runs: InlineRun[]): string {
  return runs
    .map((r) => (r.kind === 'text' ? r.text : ''))
    .join('')
    .normalize('NFC');
}

/** Prepares the blocks of a chapter's body. */
function prepareBlocks(ctx: PrepareContext, book: Book, blocks: Block[], env: BlockEnv, out: Prepared[], outline: OutlineEntry[], counters: Counters): void {
  const { setup } = ctx;
  for (const block of blocks) {
    switch (block.kind) {
      case 'paragraph': {
        // An empty paragraph (the editor's line after a figure, a blank line in Word) prints
        // nothing: vertical space comes from the layout, never from empty lines.
        if (block.runs.every((r) => r.kind === 'text' && r.text.trim() === '')) break;
        const items = runsToItems(ctx, block.runs, { size: env.size, italic: env.italic });
        const indent = block.indent !== false && (block.align ?? 'justify') === 'justify';
        if (indent) items.unshift(indentBox(ctx, setup.parIndent * (env.size / setup.bodySize), env.size));
        out.push(finishPara(ctx, items, { size: env.size, leading: env.leading, align: block.align ?? 'justify', x: env.x, width: env.width }));
        break;
      }
      case 'heading':
        prepareHeading(ctx, book, block, env, out, outline, counters);
        break;
      case 'quote': {
        const inset = setup.parIndent;
        const size = env.size - 0.5;
        out.push({ p: 'space', h: env.leading * 0.3 });
        prepareBlocks(
          ctx,
          book,
          block.blocks,
          { ...env, x: env.x + inset, width: env.width - 2 * inset, size, leading: env.leading - 0.5, italic: !env.italic, depth: env.depth + 1 },
          out,
          outline,
          counters,
        );
        out.push({ p: 'space', h: env.leading * 0.3 });
        break;
      }
      case 'list':
        prepareList(ctx, book, block, env, out, outline, counters);
        break;
      case 'figure':
        prepareFigure(ctx, block, env, out);
        break;
      case 'table':
        prepareTable(ctx, block, env, out);
        break;
      case 'page-break':
        out.push({ p: 'break', recto: false });
        break;
      case 'chronicle-entry':
        prepareChronicleEntry(ctx, block, env, out);
        break;
      case 'document-item':
        prepareDocument(ctx, book, block, env, out, outline, counters);
        break;
    }
  }
}

function headingNumber(book: Book, level: 1 | 2 | 3, counters: Counters): string {
  if (book.layout !== 'history') return '';
  const n = level === 1 ? counters.h[0] : level === 2 ? counters.h[1] : counters.h[2];
  return sectionLabel(level, n) + ' ';
}

function prepareHeading(ctx: PrepareContext, book: Book, h: Heading, env: BlockEnv, out: Prepared[], outline: OutlineEntry[], counters: Counters): void {
  const { setup } = ctx;
  const numbered = h.numbered !== false;
  if (numbered) {
    const c = counters.h;
    if (h.level === 1) counters.h = [c[0] + 1, 0, 0];
    else if (h.level === 2) counters.h = [c[0], c[1] + 1, 0];
    else counters.h = [c[0], c[1], c[2] + 1];
  }
  const number = numbered ? headingNumber(book, h.level, counters) : '';
  const anchor = h.id ?? `h${ctx.nextAnchor++}`;
  const title = plainText(h.runs);
  ctx.targets.set(anchor, { title, number: number.trim() });
  outline.push({ anchor, title: (number + title).trim(), level: h.level + 1 });
  const size = env.size;
  let st: TextStyle;
  let align: PPara['align'];
  let before: number;
  if (book.layout === 'chronicle' && h.level === 1) {
    st = { size: size + 1, bold: true, caps: true };
    align = 'center';
    before = env.leading * 1.2;
  } else if (h.level === 1) {
    st = { size, bold: true, caps: book.layout === 'history' };
    align = 'center';
    before = env.leading;
  } else if (h.level === 2) {
    st = { size, bold: true };
    align = 'left';
    before = env.leading * 0.6;
  } else {
    st = { size, bold: true, italic: true };
    align = 'left';
    before = env.leading * 0.4;
  }
  out.push({ p: 'space', h: before, keep: true });
  const runs: InlineRun[] = number ? [{ kind: 'text', text: number }, ...h.runs] : h.runs;
  const items = runsToItems(ctx, runs, st);
  const indent = align === 'left' ? setup.parIndent : 0;
  if (indent) items.unshift(indentBox(ctx, indent, size));
  const para = asTitle(finishPara(ctx, items, { size: st.size, leading: env.leading, align, x: env.x, width: env.width, keep: true }), plainText(runs));
  para.anchors = [anchor];
  para.tag = { role: h.level === 1 ? 'H2' : h.level === 2 ? 'H3' : 'H4' };
  // Centered headings: leave a margin so long titles break into a balanced block.
  if (align === 'center') {
    para.x += setup.parIndent;
    para.width -= 2 * setup.parIndent;
  }
  out.push(para);
  out.push({ p: 'space', h: env.leading * 0.35, keep: true });
}

function prepareList(ctx: PrepareContext, book: Book, list: ListBlock, env: BlockEnv, out: Prepared[], outline: OutlineEntry[], counters: Counters): void {
  const hang = ctx.setup.parIndent;
  list.items.forEach((item, i) => {
    const labelText = list.ordered ? `${i + 1}.` : '–';
    const start = out.length;
    prepareBlocks(ctx, book, item, { ...env, x: env.x + hang, width: env.width - hang, depth: env.depth + 1 }, out, outline, counters);
    // The first paragraph of the item carries the hanging label and loses its indent.
    for (let k = start; k < out.length; k++) {
      const b = out[k]!;
      if (b.p === 'para') {
        const first = b.items[0];
        if (first && first.t === 'box' && first.text === '' && !first.marks && !first.anchor) b.items.shift();
        const label = ctx.shaper.box(labelText, faceFor(ctx, { size: env.size }), env.size);
        b.label = { box: label, x: env.x + hang - label.w - env.size * 0.4 };
        break;
      }
    }
  });
}

function prepareFigure(ctx: PrepareContext, fig: Figure, env: BlockEnv, out: Prepared[]): void {
  const { setup } = ctx;
  const maxW = env.width;
  const maxH = setup.textHeight * 0.6;
  const rotation = fig.rotation === 90 || fig.rotation === 180 || fig.rotation === 270 ? fig.rotation : undefined;
  const sideways = rotation === 90 || rotation === 270;
  const iw = sideways ? fig.image.height : fig.image.width;
  const ih = sideways ? fig.image.width : fig.image.height;
  const scale = Math.min(maxW / iw, maxH / ih, 1);
  const w = iw * scale;
  const h = ih * scale;
  out.push({ p: 'space', h: env.leading * 0.5 });
  out.push({
    p: 'image',
    x: env.x + (env.width - w) / 2,
    w,
    h,
    image: { data: fig.image.data, format: fig.image.format, key: ctx.nextImageKey++, ...(rotation ? { rotation } : {}) },
    keep: true,
    // The caption is the figure's alternative text for a screen reader.
    tag: { role: 'Figure', alt: plainText(fig.caption) },
  });
  out.push({ p: 'space', h: env.leading * 0.3, keep: true });
  const size = env.size - 1;
  const cap = finishPara(ctx, runsToItems(ctx, fig.caption, { size, italic: true }), {
    size,
    leading: env.leading - 1.5,
    align: 'center',
    x: env.x + setup.parIndent,
    width: env.width - 2 * setup.parIndent,
    keep: !!fig.source,
  });
  // A figure prints whole on one page: image, caption and source note are one unit for
  // pagination (every block of it kept with the next but the last line of the last paragraph).
  if (!fig.source) cap.keepInside = true;
  cap.tag = { role: 'Caption' };
  out.push(cap);
  if (fig.source) {
    const s = size - 1;
    const src = finishPara(ctx, runsToItems(ctx, fig.source, { size: s }), { size: s, leading: s * 1.3, align: 'center', x: env.x, width: env.width });
    src.keepInside = true;
    out.push(src);
  }
  out.push({ p: 'space', h: env.leading * 0.5 });
}

function prepareChronicleEntry(ctx: PrepareContext, e: ChronicleEntry, env: BlockEnv, out: Prepared[]): void {
  const runs: InlineRun[] = [{ kind: 'text', text: printedDateLead(e.dateLabel), bold: true }, { kind: 'text', text: ' ' }, ...e.body];
  const paras: Paragraph[] = [{ kind: 'paragraph', runs }, ...(e.more ?? [])];
  if (e.sources && e.sources.length) {
    const last = paras[paras.length - 1]!;
    paras[paras.length - 1] = { ...last, runs: [...last.runs, { kind: 'text', text: ' [' }, ...e.sources, { kind: 'text', text: ']' }] };
  }
  out.push({ p: 'space', h: env.leading * 0.25 });
  for (const p of paras) {
    const items = runsToItems(ctx, p.runs, { size: env.size });
    items.unshift(indentBox(ctx, ctx.setup.parIndent, env.size));
    out.push(finishPara(ctx, items, { size: env.size, leading: env.leading, align: 'justify', x: env.x, width: env.width }));
  }
}

function prepareDocument(ctx: PrepareContext, book: Book, d: DocumentItem, env: BlockEnv, out: Prepared[], outline: OutlineEntry[], counters: Counters): void {
  const { setup } = ctx;
  const size = env.size - 1;
  const leading = env.leading - 1.5;
  const half = env.width / 2;
  out.push({ p: 'space', h: env.leading * 1.5 });
  const anchor = `d${ctx.nextAnchor++}`;
  const left: PPara[] = [];
  d.header.issuer.forEach((line, i) => {
    const last = i === d.header.issuer.length - 1;
    left.push(textPara(ctx, line, { size, bold: last, caps: true }, { align: 'center', leading, x: env.x, width: half }));
  });
  left.push(textPara(ctx, '*', { size }, { align: 'center', leading, x: env.x, width: half }));
  if (d.header.number) left.push(textPara(ctx, d.header.number, { size }, { align: 'center', leading, x: env.x, width: half }));
  const right: PPara[] = [];
  // '' : a header with no such line (a Party document of 1945–1951, when the Party worked in secret).
  const motto = d.header.motto ?? 'ĐẢNG CỘNG SẢN VIỆT NAM';
  if (motto) {
    const m = textPara(ctx, motto, { size, bold: true, caps: true }, { align: 'center', leading, x: env.x + half, width: half });
    ctx.shaper.resolve();
    m.items = m.items.map((it) => (it.t === 'box' && it.text !== '' ? underlined(it) : it));
    right.push(m);
  }
  if (d.header.placeDate) right.push(textPara(ctx, d.header.placeDate, { size, italic: true }, { align: 'center', leading, x: env.x + half, width: half }));
  out.push({
    p: 'row',
    cells: [
      { x: env.x, width: half, paras: left },
      { x: env.x + half, width: half, paras: right },
    ],
    grid: false,
    pad: 0,
    keep: true,
  });
  out.push({ p: 'space', h: env.leading, keep: true });
  const title = asTitle(textPara(ctx, d.title, { size: env.size + 1, bold: true, caps: true }, {
    align: 'center',
    leading: env.leading,
    x: env.x + setup.parIndent,
    width: env.width - 2 * setup.parIndent,
    keep: true,
  }), d.title);
  title.anchors = [anchor];
  out.push(title);
  outline.push({ anchor, title: d.title.normalize('NFC'), level: 2 });
  ctx.targets.set(anchor, { title: d.title, number: '' });
  if (d.subtitle) {
    out.push(textPara(ctx, d.subtitle, { size: env.size, bold: true, italic: true }, {
      align: 'center',
      leading: env.leading,
      x: env.x + setup.parIndent,
      width: env.width - 2 * setup.parIndent,
      keep: true,
    }));
  }
  out.push({ p: 'space', h: env.leading * 0.6, keep: true });
  const bodyStart = out.length;
  prepareBlocks(ctx, book, d.body, env, out, outline, counters);
  if (d.signature && d.signature.length) {
    // The signature never heads a page alone: the end of the body goes with it (the last two
    // lines of its last paragraph, or its last row or image).
    for (let k = out.length - 1; k >= bodyStart; k--) {
      const b = out[k]!;
      if (b.p === 'fill' || b.p === 'break') break;
      if (b.p === 'space') {
        b.keep = true;
        continue;
      }
      if (b.p === 'para') b.keepEnd = Math.max(2, b.keepEnd ?? 0);
      else if (b.p !== 'turn') b.keep = true; // a turned table has pages of its own
      break;
    }
    out.push({ p: 'space', h: env.leading * 0.5, keep: true });
    const sig = d.signature.map((line, i) =>
      textPara(ctx, line, { size: env.size, bold: i === 0 || i === d.signature!.length - 1 }, { align: 'center', leading: env.leading, x: env.x + half, width: half }),
    );
    out.push({ p: 'row', cells: [{ x: env.x + half, width: half, paras: sig }], grid: false, pad: 0 });
  }
  if (d.sourceNote && d.sourceNote.length) {
    const s = setup.footnoteSize;
    out.push({ p: 'space', h: env.leading * 0.5 });
    out.push(finishPara(ctx, runsToItems(ctx, d.sourceNote, { size: s, italic: true }), { size: s, leading: setup.footnoteLeading, align: 'justify', x: env.x, width: env.width }));
  }
}

const bookHead = (book: Book) => book.title.normalize('NFC');

function chapterSection(ctx: PrepareContext, book: Book, ch: Chapter, number: number, numbering: 'roman' | 'arabic'): PreparedSection {
  const { setup } = ctx;
  if (setup.footnoteNumbering !== 'book') ctx.noteNumber = 0;
  const blocks: Prepared[] = [];
  const outline: OutlineEntry[] = [];
  const anchor = ch.id ?? `c${ctx.nextAnchor++}`;
  const label = ch.numbered ? chapterLabel(number, setup.chapterLabel) : '';
  const title = ch.title.normalize('NFC');
  ctx.targets.set(anchor, { title, number: label });
  outline.push({ anchor, title: label ? `${label}. ${title}` : title, level: 1 });
  const size = setup.bodySize;
  blocks.push({ p: 'space', h: setup.leading * 2.5 });
  const first: PPara[] = [];
  if (label) first.push(textPara(ctx, label, { size: size + 1, bold: true }, { align: 'center', leading: setup.leading * 1.3 }));
  const t = asTitle(textPara(ctx, title, { size: size + 3, bold: true, caps: true }, {
    align: 'center',
    leading: (size + 3) * 1.35,
    x: setup.parIndent,
    width: setup.textWidth - 2 * setup.parIndent,
  }), title);
  first.push(t);
  (first[0] as PPara).anchors = [anchor];
  // The label (CHƯƠNG I) and the title are one H1.
  const h1: StructTag = { role: 'H1' };
  for (const p of first) {
    p.keep = true;
    p.tag = h1;
    blocks.push(p);
  }
  if (ch.subtitle) {
    blocks.push({ p: 'space', h: setup.leading * 0.3, keep: true });
    blocks.push(textPara(ctx, ch.subtitle, { size: size + 1, italic: true }, { align: 'center', leading: setup.leading, keep: true }));
  }
  blocks.push({ p: 'space', h: setup.leading * 2, keep: true });
  const env: BlockEnv = { x: 0, width: setup.textWidth, size, leading: setup.leading, depth: 0 };
  prepareBlocks(ctx, book, ch.blocks, env, blocks, outline, { h: [0, 0, 0] });
  return {
    role: 'matter',
    style: { numbering, printFolio: true, headEven: bookHead(book), headOdd: title, recto: setup.chapterOpening === 'recto' },
    blocks,
    outline,
    opening: true,
  };
}

function partSection(ctx: PrepareContext, book: Book, title: string, number: number, numbered: boolean, anchor: string): PreparedSection {
  const { setup } = ctx;
  const size = setup.bodySize;
  const blocks: Prepared[] = [{ p: 'fill', weight: 1 }];
  const label = numbered ? partLabel(number) : '';
  const outline: OutlineEntry[] = [{ anchor, title: label ? `${label}. ${title}` : title, level: 0 }];
  ctx.targets.set(anchor, { title, number: label });
  const paras: PPara[] = [];
  if (label) paras.push(textPara(ctx, label, { size: size + 3, bold: true, caps: true }, { align: 'center', leading: (size + 3) * 1.5 }));
  paras.push(asTitle(textPara(ctx, title, { size: size + 5, bold: true, caps: true }, { align: 'center', leading: (size + 5) * 1.4, x: setup.parIndent, width: setup.textWidth - 2 * setup.parIndent }), title));
  paras[0]!.anchors = [anchor];
  // A part's label and title are one heading, at the chapters' level (not every book has parts).
  const heading: StructTag = { role: 'H1' };
  for (const p of paras) p.tag = heading;
  for (const p of paras) blocks.push(p, { p: 'space', h: setup.leading * 0.5 });
  blocks.push({ p: 'fill', weight: 2 });
  return { role: 'matter', style: { numbering: 'arabic', printFolio: false, recto: true }, blocks, outline, opening: true };
}

/** Centered lines on a page of their own, spaced by fills: half-title, title page, credits. */
function displayPage(ctx: PrepareContext, lines: (Prepared | 'fill')[], style: Partial<SectionStyle> = {}): PreparedSection {
  return {
    role: 'matter',
    style: { numbering: 'roman', printFolio: false, recto: true, ...style },
    blocks: lines.map((l) => (l === 'fill' ? { p: 'fill', weight: 1 } : l)),
    outline: [],
    opening: true,
  };
}

function frontPages(ctx: PrepareContext, book: Book): PreparedSection[] {
  const { setup } = ctx;
  const size = setup.bodySize;
  const c = (text: string, st: TextStyle, leading?: number): PPara =>
    asTitle(textPara(ctx, text, st, { align: 'center', leading: leading ?? st.size * 1.35, x: setup.parIndent / 2, width: setup.textWidth - setup.parIndent }), text);
  const out: PreparedSection[] = [];
  // Half-title.
  out.push(displayPage(ctx, ['fill', c(book.title, { size: size + 4, bold: true, caps: true }), 'fill', 'fill']));
  // Title page.
  const title: (Prepared | 'fill')[] = [];
  if (book.author) title.push(c(book.author, { size: size + 1, bold: true, caps: true }));
  title.push('fill', c(book.title, { size: size + 9, bold: true, caps: true }, (size + 9) * 1.3));
  if (book.subtitle) title.push({ p: 'space', h: setup.leading }, c(book.subtitle, { size: size + 2, italic: true }));
  title.push('fill', 'fill');
  if (book.colophon?.publisher) title.push(c(book.colophon.publisher, { size, bold: true, caps: true }));
  if (book.placeYear) title.push(c(book.placeYear, { size }));
  out.push(displayPage(ctx, title));
  // Credits (verso of the title page).
  const cr = book.credits;
  if (cr && (cr.direction?.length || cr.board?.length || cr.editorInChief?.length || cr.research?.length)) {
    const lines: (Prepared | 'fill')[] = ['fill'];
    const group = (head: string, names?: string[]) => {
      if (!names || names.length === 0) return;
      lines.push(c(head, { size, bold: true, caps: true }, setup.leading));
      for (const n of names) lines.push(c(n, { size }, setup.leading));
      lines.push({ p: 'space', h: setup.leading });
    };
    group('Chỉ đạo biên soạn', cr.direction);
    group('Chủ biên', cr.editorInChief);
    group('Ban biên soạn', cr.board);
    group('Sưu tầm tư liệu', cr.research);
    lines.push('fill');
    out.push(displayPage(ctx, lines, { recto: false }));
  }
  return out;
}

/** The references list (Tài liệu tham khảo): hanging-indented entries, numbered. */
function referencesSection(ctx: PrepareContext, book: Book): PreparedSection | undefined {
  const refs = book.references;
  if (!refs || refs.length === 0) return undefined;
  const { setup } = ctx;
  const ch: Chapter = { kind: 'chapter', title: 'Tài liệu tham khảo', numbered: false, blocks: [] };
  const sec = chapterSection(ctx, book, ch, 0, 'arabic');
  const size = setup.bodySize - 0.5;
  refs.forEach((runs, i) => {
    const label = ctx.shaper.box(`${i + 1}.`, faceFor(ctx, { size }), size);
    const hang = setup.parIndent * 1.1;
    const p = finishPara(ctx, runsToItems(ctx, runs, { size }), { size, leading: setup.leading - 0.5, align: 'justify', x: hang, width: setup.textWidth - hang });
    p.label = { box: label, x: hang - label.w - size * 0.4 };
    sec.blocks.push(p, { p: 'space', h: 2 });
  });
  return sec;
}

function slot(role: 'toc' | 'index', numbering: 'roman' | 'arabic'): PreparedSection {
  return { role, style: { numbering, printFolio: true, recto: true }, blocks: [], outline: [], opening: true };
}

/**
 * Book → prepared sections in reading order: half-title, title, credits, [TOC], front chapters,
 * parts and chapters, back chapters, references, [index], [TOC], colophon. Chapter and heading
 * numbers are generated here; generated matter (TOC, index) is left as a slot for the orchestrator.
 */
export function prepareBook(book: Book, ctx: PrepareContext): PreparedSection[] {
  const { setup } = ctx;
  // A proof prints the text alone: no title pages, TOC, index or colophon.
  const proof = book.proof === true;
  const sections: PreparedSection[] = proof ? [] : [...frontPages(ctx, book)];
  if (setup.tocPosition === 'front' && !proof) sections.push(slot('toc', 'roman'));
  for (const ch of book.front) {
    sections.push(chapterSection(ctx, book, { ...ch, numbered: false }, 0, 'roman'));
    sections[sections.length - 1]!.outline[0]!.top = true;
  }
  let chapterNo = 0;
  let partNo = 0;
  const firstBody = sections.length;
  const pushChapter = (ch: Chapter) => {
    if (ch.numbered) chapterNo = ch.number ?? chapterNo + 1;
    sections.push(chapterSection(ctx, book, ch, chapterNo, 'arabic'));
  };
  for (const div of book.body as BodyDivision[]) {
    if (div.kind === 'part') {
      if (div.numbered) partNo = div.number ?? partNo + 1;
      sections.push(partSection(ctx, book, div.title.normalize('NFC'), partNo, div.numbered, div.id ?? `p${ctx.nextAnchor++}`));
      for (const ch of div.chapters) pushChapter(ch);
    } else {
      pushChapter(div);
      sections[sections.length - 1]!.outline[0]!.top = true;
    }
  }
  if (sections.length > firstBody) sections[firstBody]!.style.recto = true;
  for (const ch of book.back) {
    sections.push(chapterSection(ctx, book, { ...ch, numbered: false }, 0, 'arabic'));
    sections[sections.length - 1]!.outline[0]!.top = true;
  }
  const refs = referencesSection(ctx, book);
  if (refs) {
    refs.outline[0]!.top = true;
    sections.push(refs);
  }
  // Index terms in the text, in table cells and in footnotes.
  const marked = (p: PPara): boolean => p.items.some((it) => it.t === 'box' && !!it.marks) || (p.notes ?? []).some((n) => n.paras.some(marked));
  const markedBlock = (b: Prepared): boolean =>
    (b.p === 'para' && marked(b)) || (b.p === 'row' && b.cells.some((c) => c.paras.some(marked))) || (b.p === 'turn' && b.blocks.some(markedBlock));
  const hasIndexTerms = sections.some((s) => s.blocks.some(markedBlock));
  if (hasIndexTerms && !proof) sections.push(slot('index', 'arabic'));
  if (setup.tocPosition === 'end' && !proof) sections.push(slot('toc', 'arabic'));
  if (book.colophon && !proof) sections.push(colophonSection(ctx, book));
  return sections;
}

/** Ghi chép xuất bản (Luật Xuất bản 2012, điều 27): the last page of the book. */
function colophonSection(ctx: PrepareContext, book: Book): PreparedSection {
  const { setup } = ctx;
  const c = book.colophon ?? {};
  const size = setup.footnoteSize + 0.5;
  const leading = size * 1.4;
  const blocks: Prepared[] = [{ p: 'fill', weight: 1 }];
  const line = (text: string, st: Partial<TextStyle> = {}) =>
    blocks.push(textPara(ctx, text, { size, ...st }, { align: 'center', leading, x: setup.parIndent / 2, width: setup.textWidth - setup.parIndent }));
  const labelled = (label: string, value?: string | string[]) => {
    if (!value || (Array.isArray(value) && value.length === 0)) return;
    line(`${label}: ${Array.isArray(value) ? value.join(', ') : value}`);
  };
  if (c.publisher) line(c.publisher.toLocaleUpperCase('vi'), { bold: true });
  labelled('Chịu trách nhiệm xuất bản', c.directorResponsible);
  labelled('Chịu trách nhiệm nội dung', c.editorResponsible);
  blocks.push({ p: 'space', h: leading });
  labelled('Biên tập', c.editors);
  labelled('Trình bày', c.designer);
  labelled('Biên tập kỹ thuật', c.technicalEditor);
  labelled('Sửa bản in', c.proofreader);
  blocks.push({ p: 'space', h: leading * 0.6 });
  blocks.push({ p: 'rule', x: setup.textWidth / 3, w: setup.textWidth / 3, width: 0.5 });
  blocks.push({ p: 'space', h: leading * 0.6 });
  line(book.title.toLocaleUpperCase('vi'), { bold: true });
  if (book.author) line(book.author, { italic: true });
  blocks.push({ p: 'space', h: leading * 0.6 });
  const [w, h] = trimLabel(setup.trim);
  const run = [c.printRun ? `In ${c.printRun} bản` : 'In', `khổ ${w} × ${h} cm`, c.printer ? `tại ${c.printer}` : ''].filter(Boolean).join(', ');
  line(run + '.');
  labelled('Số xác nhận đăng ký xuất bản', c.registration);
  labelled('Quyết định xuất bản số', c.decision);
  labelled('Giấy phép xuất bản', c.licence);
  labelled('Mã số ISBN', c.isbn);
  if (c.legalDeposit) line(`In xong và nộp lưu chiểu ${c.legalDeposit}.`);
  if (c.price) {
    blocks.push({ p: 'space', h: leading });
    line(c.price, { bold: true });
  }
  return { role: 'colophon', style: { numbering: 'arabic', printFolio: false, recto: false }, blocks, outline: [], opening: true };
}

function trimLabel(trim: TrimSize): [string, string] {
  const [w, h] = trimMillimetres(trim) ?? TRIM_SIZES['145x205'];
  const cm = (v: number) => (v / 10).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  return [cm(w), cm(h)];
}
