/**
 * The intermediate representation passed between the typesetter's stages:
 * measure (book → prepared blocks of shaped words) → break (→ vertical flow of blocks with lines)
 * → paginate (→ pages) → draw (→ PDF). Units are PostScript points; y grows downwards inside a
 * page's text block and inside a flow block.
 */

/**
 * Where the baseline sits inside a line block of height `leading` for text of `size`: about TeX's
 * \topskip for the first line of a page. Below it hangs `leading - baselineOffset` of the block,
 * which the last line of a page may put into the foot margin (TeX: \maxdepth).
 */
export function baselineOffset(leading: number, size: number): number {
  return leading * 0.5 + size * 0.32;
}

/** A face in the shaper's face table: family index × 4 + style (0 regular, 1 bold, 2 italic, 3 bold italic). */
export type FaceId = number;

/** A shaped piece of text in one face and size: what Knuth–Plass calls a box. */
export interface Box {
  t: 'box';
  face: FaceId;
  size: number;
  text: string;
  /** Advance width in points (kerning included). */
  w: number;
  /** TJ fragment: literal glyph strings (two bytes per glyph) with kerning adjustments, e.g. `(..)-12(..)`. */
  tj: string;
  /** Baseline shift in points (superscript footnote calls). */
  rise?: number;
  /** Footnote call or label: lets pagination renumber per page. */
  fnCall?: number;
  fnLabel?: number;
  /** Index terms anchored here (zero-width boxes carry only this). */
  marks?: IndexMark[];
  /** Heading anchor (zero-width) for the TOC and outline. */
  anchor?: string;
  underline?: boolean;
  /** A piece of an over-long word split by the line breaker; reshaped before drawing. */
  split?: boolean;
}

/**
 * A copy of a box to add to (a footnote call's rise, an underline). Every copy has every key, in
 * one order, so all copies share one hidden class: `{ ...box }` gave each copy a shape of its own
 * and made every loop over a paragraph's items megamorphic (slow, and allocating a heap number
 * per width read).
 */
export function copyBox(b: Box): Box {
  return {
    t: 'box',
    face: b.face,
    size: b.size,
    text: b.text,
    w: b.w,
    tj: b.tj,
    rise: b.rise,
    fnCall: b.fnCall,
    fnLabel: b.fnLabel,
    marks: b.marks,
    anchor: b.anchor,
    underline: b.underline,
    split: b.split,
  };
}

export interface Glue {
  t: 'glue';
  w: number;
  stretch: number;
  shrink: number;
  /** Face and size of the space glyph drawn for text extraction. */
  face: FaceId;
  size: number;
}

export interface Penalty {
  t: 'pen';
  w: number;
  p: number;
  flagged?: boolean;
}

export type Item = Box | Glue | Penalty;

export interface IndexMark {
  term: string;
  index: 'person' | 'place' | 'organisation' | 'subject';
  sortKey?: string;
}

/** A line ready to draw: boxes and glues; the drawer sets glue widths to fill `width` when justified. */
export interface Line {
  width: number;
  align: 'justify' | 'left' | 'center' | 'right';
  /** Last line of a justified paragraph: natural spacing (shrunk only if overfull). */
  last: boolean;
  parts: (Box | Glue)[];
  /** Stretch ratio chosen by the line breaker (for statistics); 0 for unjustified lines. */
  ratio: number;
  /** What the line is part of in the tagged PDF's structure; untagged lines are artifacts. */
  tag?: StructTag;
}

/**
 * A structure element of the tagged PDF (for screen readers and reflow): set on prepared
 * paragraphs and figures, carried by the line breaker onto every line drawn from them. Lines and
 * images that share one StructTag object form one element (a paragraph broken across pages, a
 * chapter's label and title); running heads, folios and rules carry none and are artifacts.
 */
export interface StructTag {
  role: 'H1' | 'H2' | 'H3' | 'H4' | 'P' | 'Note' | 'Figure' | 'Caption';
  /** Alternative text of a figure (its caption). */
  alt?: string;
}

export type Drawable = (
  | { d: 'text'; x: number; y: number; line: Line }
  | { d: 'rule'; x1: number; y1: number; x2: number; y2: number; width: number }
  | { d: 'image'; x: number; y: number; w: number; h: number; image: ImageRef; tag?: StructTag }
) & {
  /**
   * Drawn turned: the PDF matrix (a b c d e f, PDF space, y up) applied to the drawable as placed
   * (a landscape table's content on its portrait page; the running head and folio stay upright).
   */
  turn?: Matrix;
};

export type Matrix = [number, number, number, number, number, number];

export interface ImageRef {
  data: Uint8Array;
  format: 'jpeg' | 'png';
  /** Identity for embedding the same image once. */
  key: number;
  /** Clockwise turn of the image inside its box (the box already has the turned proportions). */
  rotation?: 90 | 180 | 270;
}

/** A footnote: its lines, ready to stack in the footnote area. */
export interface Footnote {
  id: number;
  /** Provisional number printed when numbering is per chapter or per book. */
  number: number;
  lines: FlowBlock[];
}

/** One unit of the vertical flow: usually a single line, sometimes an unbreakable block. */
export interface FlowBlock {
  h: number;
  draws: Drawable[];
  /** Footnotes called from this block. */
  notes?: Footnote[];
  marks?: IndexMark[];
  anchors?: string[];
  /** Keep on the same page as the next block (headings, figure with caption). */
  keep?: boolean;
  /** Line i of a paragraph with n lines, for widows and orphans. */
  para?: { id: number; i: number; n: number };
  /** Vertical space: dropped at the top of a page. */
  space?: boolean;
  /** Start a new page (or a new recto page) before this block. */
  breakBefore?: 'page' | 'recto';
  /** Vertical fill: takes a share (its weight) of the page's leftover height. */
  fill?: number;
  /** A table row's header rows (copies without notes or marks), printed above it when it begins a page. */
  repeat?: FlowBlock[];
  /**
   * Turned blocks (a landscape table): blocks with the same number go on pages of their own,
   * turned a quarter, after the page where they stand in the flow.
   */
  turn?: number;
}

/** What a section of pages prints around its text. */
export interface SectionStyle {
  /** Page numbering: front matter counts in roman numerals, the body restarts at 1 in arabic. */
  numbering: 'roman' | 'arabic';
  /** Print the folio (false on half-title, title, credits and part pages). */
  printFolio: boolean;
  /** Running head on even (verso) and odd (recto) pages. */
  headEven?: string;
  headOdd?: string;
  /** Begin on a recto page. */
  recto: boolean;
  /**
   * Two columns (the index): `gap` points between them; the first `span` prepared blocks (the
   * title) run across both at the top of the first page. Blocks are prepared at column width.
   */
  columns?: { gap: number; span: number };
}

/** A run of pages sharing one running-head setup: front matter, one chapter, the index … */
export interface Section {
  role: PreparedSection['role'];
  style: SectionStyle;
  /** Blocks after line breaking. */
  flow: FlowBlock[];
  /** Outline entries anchored in this section. */
  outline: OutlineEntry[];
  /** First page has no running head (chapter opening). */
  opening: boolean;
  /** Set only with `style.columns`: how many flow blocks at the start run across both columns. */
  spanBlocks?: number;
}

export interface OutlineEntry {
  anchor: string;
  title: string;
  /** 0 part, 1 chapter, 2 section (I.), 3 subsection (1.), 4 (a). */
  level: number;
  /** Not nested under a preceding part (chapters outside parts, back matter). */
  top?: boolean;
}

/** A laid-out page. Coordinates are absolute points from the top-left corner of the page. */
export interface Page {
  /** 0-based physical index in the PDF. */
  index: number;
  /** Printed folio ("iii", "12") or '' when none is printed. */
  folio: string;
  /** Folio value used in the TOC and index even when not printed. */
  label: string;
  draws: Drawable[];
  anchors: string[];
  marks: IndexMark[];
  /** Footnote ids whose call is on this page, and those whose text begins here. */
  calls: number[];
  noteStarts: number[];
  /** The notes begin with the rest of a note from the page before (under a full-width rule). */
  notesContinued?: boolean;
  /**
   * Height of the text block left empty between the text and the notes (or the foot), points;
   * `sectionEnd`: the page ends its section (a chapter's last page may be short).
   */
  slack?: number;
  sectionEnd?: boolean;
  /** Height added before each paragraph start and space to end the page on the foot, points. */
  spread?: number;
}

/** A paragraph prepared for line breaking: Knuth–Plass items and the measure to fill. */
export interface PPara {
  p: 'para';
  items: Item[];
  x: number;
  width: number;
  leading: number;
  size: number;
  align: 'justify' | 'left' | 'center' | 'right';
  notes?: PNote[];
  /** Keep every line of this paragraph with the next block (headings). */
  keep?: boolean;
  /** Never split this paragraph across pages: every line but the last is kept with the next. */
  keepInside?: boolean;
  /**
   * Keep the last `keepEnd` lines with the next block (the end of a document with its
   * signature); the whole paragraph when fewer than two lines would be left before them.
   */
  keepEnd?: number;
  /** Hanging label drawn left of the first line (list items). */
  label?: { box: Box; x: number };
  /** The first line starts this much further left and is this much wider (hanging indent). */
  hangFirst?: number;
  /**
   * A title or heading: set in the fewest lines, of lengths as equal as can be (centered
   * paragraphs are always balanced).
   */
  balance?: boolean;
  /** Drawn at the end of the last line, right-aligned at `right` (TOC page numbers), with dot leaders. */
  tail?: { box: Box; right: number; dot?: Box };
  anchors?: string[];
  /** Structure element of the tagged PDF (see StructTag). */
  tag?: StructTag;
}

export interface PNote {
  id: number;
  number: number;
  paras: PPara[];
}

export interface PCell {
  x: number;
  width: number;
  paras: PPara[];
}

export type Prepared =
  | PPara
  | { p: 'space'; h: number; keep?: boolean }
  | { p: 'fill'; weight: number }
  | { p: 'break'; recto: boolean }
  | { p: 'image'; x: number; w: number; h: number; image: ImageRef; keep?: boolean; tag?: StructTag }
  | { p: 'rule'; x: number; w: number; width: number; keep?: boolean }
  /**
   * A row of cells side by side: a table row or a two-column document header. `repeat`: the
   * table's header rows, printed again above this row when it begins a page; `split`: the height
   * of the page it goes on, a taller row is cut between lines (break/row.ts).
   */
  | { p: 'row'; cells: PCell[]; grid: boolean; pad: number; keep?: boolean; repeat?: Prepared[]; split?: number }
  /**
   * Blocks set on pages of their own turned a quarter (a table too wide for the measure), laid
   * out across the text block's height: x runs along the page's height, the width is textHeight.
   */
  | { p: 'turn'; blocks: Prepared[] };

export interface PreparedSection {
  style: SectionStyle;
  blocks: Prepared[];
  outline: OutlineEntry[];
  opening: boolean;
  /** What this section is, for the orchestrator: generated matter is rebuilt once pages are known. */
  role: 'matter' | 'toc' | 'index' | 'colophon';
}
