/**
 * The printed catalogue (mục lục hồ sơ / mục lục văn bản): A4 landscape, a title block, then one
 * table — STT, Số ký hiệu, Ngày tháng, Tên loại và trích yếu nội dung, Tác giả, Tờ số, Ghi chú —
 * whose header row is repeated on every page. When the rows come in location order they are
 * grouped under headings (phông, mục lục, hộp, then hồ sơ), repeated "(tiếp theo)" at the top of a
 * page that continues a group. Long cells wrap; a row taller than a page continues on the next
 * one, so no text is ever cut off. Pages are numbered "Trang i/n".
 *
 * Laid out here, drawn by the typesetter's draw stage (fonts subset and embedded with ToUnicode
 * maps, one TJ per line), with the shipped fonts: Liberation Serif (Times New Roman's metrics, the
 * font of official documents), Noto Serif for letters it lacks.
 */
import type { Font } from 'fontkit';
import type { CatalogueColumn, CatalogueRow } from '../../../shared/api/catalogue';
import { catalogueCellText, catalogueColumnLabel, catalogueDateText, TEXT_STATE_LABELS } from '../../../shared/archive/catalogueColumns';
import { drawPdf } from '../publish/draw';
import type { Box, Glue, Line, Page } from '../publish/ir';
import { createShaper, type Shaper } from '../publish/measure';
import { MM } from '../publish/setup';
import { loadWorld, type TypesetWorld } from '../publish/world';

export interface CataloguePdfOptions {
  columns: readonly CatalogueColumn[];
  title?: string;
  /** What the view shows, in words ("Loại: Nghị quyết; từ 1945 đến 1975"). */
  filterLine?: string;
  /**
   * Group rows under location headings. Left out: grouped when the rows come in location order
   * (every hộp and hồ sơ in one run) and some have a location.
   */
  groupByLocation?: boolean;
}

const PAGE_W = 297 * MM;
const PAGE_H = 210 * MM;
const MARGIN = { top: 14 * MM, bottom: 16 * MM, left: 20 * MM, right: 14 * MM };
const TEXT_W = PAGE_W - MARGIN.left - MARGIN.right;
const SIZE = 10;
const LEADING = 12;
const PAD_X = 3;
const PAD_Y = 3;
const RULE = 0.5;
/** Rows made and laid out at a time. */
const CHUNK = 2000;
/** Baseline below the top of a line's slot. */
const ASCENT = 9;

type Align = 'left' | 'center';
type Slot = 'stt' | 'code' | 'date' | 'main' | 'issuer' | 'folio' | 'notes';

interface TableColumn {
  slot: Slot;
  heading: string;
  /** Width in points (the main column takes what the others leave). */
  width: number;
  align: Align;
}

const SLOTS: { slot: Slot; heading: string; width: number; align: Align; needs?: CatalogueColumn[] }[] = [
  { slot: 'stt', heading: 'STT', width: 30, align: 'center' },
  { slot: 'code', heading: 'Số, ký hiệu', width: 86, align: 'left', needs: ['code'] },
  { slot: 'date', heading: 'Ngày tháng', width: 84, align: 'center', needs: ['date'] },
  { slot: 'main', heading: 'Tên loại và trích yếu nội dung', width: 0, align: 'left', needs: ['docType', 'abstract', 'title'] },
  { slot: 'issuer', heading: 'Tác giả (cơ quan ban hành)', width: 120, align: 'left', needs: ['issuer'] },
  { slot: 'folio', heading: 'Tờ số', width: 42, align: 'center', needs: ['folio'] },
  { slot: 'notes', heading: 'Ghi chú', width: 104, align: 'left' },
];

/** A piece of text in one style. */
interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** A word: its boxes (one per font face it needs), resolved to widths once shaping has run. */
interface Word {
  boxes: Box[];
  style: number;
  /** A line break before this word. */
  br: boolean;
  /** Glued to the word before (two runs with no space between them). */
  join: boolean;
}

interface Cell {
  words: Word[];
  align: Align;
  lines?: Line[];
}

interface Row {
  kind: 'document' | 'heading' | 'header' | 'title';
  cells: Cell[];
  /** Heading: its level (1 phông … hộp, 2 hồ sơ) and its text, for "(tiếp theo)". */
  level?: 1 | 2;
  text?: string;
}

/** Location of a row: the part above the hồ sơ, and the hồ sơ. */
const outerKey = (r: CatalogueRow) => [r.repository, r.fond, r.inventory, r.box].join('\u0001');
const fileKey = (r: CatalogueRow) => outerKey(r) + '\u0001' + r.file;
const hasLocation = (r: CatalogueRow) => Boolean(r.repository || r.fond || r.inventory || r.box || r.file);

/** Whether rows come in location order: every hồ sơ (and every hộp) in one unbroken run. */
export function inLocationOrder(rows: readonly CatalogueRow[]): boolean {
  if (!rows.some(hasLocation)) return false;
  for (const key of [outerKey, fileKey]) {
    const seen = new Set<string>();
    let prev: string | null = null;
    for (const r of rows) {
      const k = key(r);
      if (k === prev) continue;
      if (seen.has(k)) return false;
      seen.add(k);
      prev = k;
    }
  }
  return true;
}

/** "Hộp số 3", "Phông Tỉnh ủy Lai Châu", "Hồ sơ số 45": a label before a value that does not already carry it. */
function labelled(label: string, value: string): string {
  if (!value) return '';
  if (value.toLocaleLowerCase('vi').startsWith(label.toLocaleLowerCase('vi'))) return value;
  return /^\d/.test(value) ? `${label} số ${value}` : `${label} ${value}`;
}

function outerHeading(r: CatalogueRow): string {
  return [r.repository, labelled('Phông', r.fond), labelled('Mục lục', r.inventory), labelled('Hộp', r.box)].filter(Boolean).join(' – ');
}

function fileHeading(r: CatalogueRow): string {
  return labelled('Hồ sơ', r.file);
}

/** The main cell: type in bold, then the abstract (or the title when there is none). */
function mainRuns(r: CatalogueRow, cols: ReadonlySet<CatalogueColumn>): Run[] {
  const type = cols.has('docType') ? r.docType.trim() : '';
  let rest = (cols.has('abstract') && r.abstract.trim()) || (cols.has('title') && r.title.trim()) || '';
  const runs: Run[] = [];
  if (type) {
    // "Nghị quyết" + "Nghị quyết về …" would say the type twice.
    if (rest.toLocaleLowerCase('vi').startsWith(type.toLocaleLowerCase('vi'))) {
      runs.push({ text: rest.slice(0, type.length), bold: true });
      rest = rest.slice(type.length);
    } else runs.push({ text: type, bold: true });
  }
  if (rest) runs.push({ text: runs.length && !/^\s/.test(rest) ? ' ' + rest : rest });
  return runs;
}

/** Ghi chú: the chosen columns that have no column of their own in the layout, one per line. */
function noteLines(r: CatalogueRow, cols: ReadonlySet<CatalogueColumn>, grouped: boolean): string[] {
  const out: string[] = [];
  if (cols.has('secrecy') && r.secrecy) out.push(r.secrecy);
  if (!grouped) {
    const where = [
      cols.has('repository') ? r.repository : '',
      cols.has('fond') ? labelled('Phông', r.fond) : '',
      cols.has('inventory') ? labelled('Mục lục', r.inventory) : '',
      cols.has('box') ? labelled('Hộp', r.box) : '',
      cols.has('file') ? labelled('Hồ sơ', r.file) : '',
    ].filter(Boolean);
    if (where.length) out.push(where.join(', '));
  }
  if (cols.has('tags') && r.tags.length) out.push(`${catalogueColumnLabel('tags')}: ${catalogueCellText(r, 'tags')}`);
  const facts: string[] = [];
  if (cols.has('pages')) facts.push(`${r.pages} trang`);
  if (cols.has('textState')) facts.push(TEXT_STATE_LABELS[r.textState].vi);
  if (facts.length) out.push(facts.join(', '));
  if (cols.has('id')) out.push(`${catalogueColumnLabel('id')}: ${r.id}`);
  return out;
}

/** Text safe to shape: NFC, no control characters, tabs as spaces. */
const clean = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u00ad\ufeff]/g, '');

/**
 * Shapes text in the catalogue's faces: every word split where the face changes (a letter the
 * main font lacks comes from the fallback), shaping deferred so words of one face go to fontkit
 * in one batch (resolve()).
 */
class Typesetter {
  readonly shaper: Shaper;
  private readonly faceIds: number[][];
  /** Code point → family that draws it: 0 main, 1 fallback, -1 neither. */
  private readonly covers = new Map<number, number>();
  private readonly fonts: Font[];

  constructor(world: TypesetWorld) {
    this.shaper = createShaper(world);
    const families = ['liberation-serif', 'noto-serif'];
    this.faceIds = families.map((f) => [0, 1, 2, 3].map((s) => this.shaper.face(f, (s & 1) === 1, (s & 2) === 2)));
    this.fonts = families.map((f) => world.families[f]!.regular.font);
  }

  private family(cp: number): number {
    let f = this.covers.get(cp);
    if (f === undefined) this.covers.set(cp, (f = this.fonts.findIndex((font) => font.hasGlyphForCodePoint(cp))));
    return f;
  }

  face(style: number, family = 0): number {
    return this.faceIds[family]![style]!;
  }

  /** Boxes of one word (no spaces in it), shaped later: a piece per face it needs. */
  private wordBoxes(text: string, style: number, size: number): Box[] {
    const boxes: Box[] = [];
    let seg = '';
    let fam = -1;
    for (const ch of text) {
      let f = this.family(ch.codePointAt(0)!);
      // Neither font has it (an emoji, a CJK character): a visible mark rather than a blank.
      const c = f < 0 ? '?' : ch;
      if (f < 0) f = 0;
      if (f !== fam && seg) {
        boxes.push(this.shaper.lazy(seg, this.face(style, fam), size));
        seg = '';
      }
      fam = f;
      seg += c;
    }
    if (seg) boxes.push(this.shaper.lazy(seg, this.face(style, fam), size));
    return boxes;
  }

  /** Runs → words; a newline in the text breaks the line there. */
  words(runs: Run[], size: number): Word[] {
    const out: Word[] = [];
    let glued = false;
    for (const run of runs) {
      const style = (run.bold ? 1 : 0) + (run.italic ? 2 : 0);
      const text = clean(run.text);
      text.split('\n').forEach((para, pi) => {
        let br = pi > 0;
        for (const w of para.split(/ +/)) {
          if (!w) {
            glued = false;
            continue;
          }
          out.push({ boxes: this.wordBoxes(w, style, size), style, br, join: glued && !br });
          br = false;
          glued = false;
        }
        // An empty paragraph still breaks the line.
        if (br) out.push({ boxes: [], style, br: true, join: false });
      });
      // The next run's first word joins this run's last one unless a space separates them.
      glued = text.length > 0 && !/\s$/.test(text);
    }
    return out;
  }

  /** Greedy line breaking into lines of `width`; a word longer than a line is cut between letters. */
  lines(words: Word[], width: number, align: Align, size: number): Line[] {
    const lines: Line[] = [];
    let parts: (Box | Glue)[] = [];
    let w = 0;
    const push = () => {
      lines.push({ width, align, last: true, parts, ratio: 0 });
      parts = [];
      w = 0;
    };
    for (const word of words) {
      if (word.br && (parts.length || lines.length)) push();
      if (word.boxes.length === 0) continue;
      const glue = this.shaper.glue(this.face(word.style), size);
      let ww = 0;
      for (const b of word.boxes) ww += b.w;
      const gap = parts.length && !word.join ? glue.w : 0;
      if (w + gap + ww <= width + 0.01) {
        if (gap) parts.push(glue);
        parts.push(...word.boxes);
        w += gap + ww;
        continue;
      }
      if (ww <= width + 0.01) {
        push();
        parts.push(...word.boxes);
        w = ww;
        continue;
      }
      // Longer than a line: cut between letters, going on from the current line when there is room.
      let pieces = word.boxes.flatMap((b) => [...b.text].map((ch) => ({ ch, face: b.face })));
      if (parts.length && width - w - gap >= size * 2) {
        if (gap) parts.push(glue);
        w += gap;
      } else if (parts.length) push();
      while (pieces.length) {
        let take = 0;
        let tw = 0;
        for (const p of pieces) {
          const cw = this.shaper.width(p.ch, p.face, size);
          if (tw + cw > width - w + 0.01 && (take > 0 || parts.length)) break;
          tw += cw;
          take++;
        }
        if (take === 0) {
          push();
          continue;
        }
        let seg = '';
        let face = pieces[0]!.face;
        for (const p of pieces.slice(0, take)) {
          if (p.face !== face) {
            parts.push(this.shaper.box(seg, face, size));
            seg = '';
            face = p.face;
          }
          seg += p.ch;
        }
        parts.push(this.shaper.box(seg, face, size));
        w += tw;
        pieces = pieces.slice(take);
        if (pieces.length) push();
      }
    }
    if (parts.length || lines.length === 0) push();
    return lines;
  }
}

/**
 * Lays the catalogue out and draws it: the PDF's bytes and its page count.
 */
export async function cataloguePdf(rows: readonly CatalogueRow[], opts: CataloguePdfOptions): Promise<{ bytes: Uint8Array; pages: number }> {
  const world = await loadWorld({ families: ['liberation-serif', 'noto-serif'] });
  const ts = new Typesetter(world);
  const cols = new Set(opts.columns);
  const grouped = opts.groupByLocation ?? inLocationOrder(rows);

  // Columns: the slots whose source columns are chosen; the main column takes the rest of the width.
  const slots = SLOTS.filter((s) => !s.needs || s.needs.some((c) => cols.has(c)));
  if (!slots.some((s) => s.slot === 'main')) slots.splice(1, 0, SLOTS.find((s) => s.slot === 'main')!);
  const fixed = slots.reduce((s, c) => s + c.width, 0);
  const table: TableColumn[] = slots.map((s) => ({ slot: s.slot, heading: s.heading, align: s.align, width: s.slot === 'main' ? TEXT_W - fixed : s.width }));
  const xs: number[] = [MARGIN.left];
  for (const c of table) xs.push(xs[xs.length - 1]! + c.width);

  const cell = (runs: Run[], align: Align): Cell => ({ words: ts.words(runs, SIZE), align });
  const plain = (text: string, align: Align, style: Omit<Run, 'text'> = {}): Cell => cell(text ? [{ text, ...style }] : [], align);

  // The header and the title block, shaped and broken into lines.
  const header: Row = { kind: 'header', cells: table.map((c) => plain(c.heading, 'center', { bold: true })) };
  const title = clean((opts.title?.trim() || 'Mục lục hồ sơ').toLocaleUpperCase('vi'));
  const titleRows: { cell: Cell; size: number; leading: number }[] = [
    { cell: { words: ts.words([{ text: title, bold: true }], 14), align: 'center' }, size: 14, leading: 18 },
  ];
  if (opts.filterLine?.trim()) titleRows.push({ cell: { words: ts.words([{ text: opts.filterLine.trim(), italic: true }], SIZE), align: 'center' }, size: SIZE, leading: LEADING });
  titleRows.push({ cell: { words: ts.words([{ text: `Tổng số: ${rows.length} văn bản`, italic: true }], SIZE), align: 'center' }, size: SIZE, leading: LEADING });
  ts.shaper.resolve();
  const breakRow = (row: Row) => {
    row.cells.forEach((c, ci) => {
      const width = (row.kind === 'heading' ? TEXT_W : table[ci]!.width) - 2 * PAD_X;
      c.lines = ts.lines(c.words, width, c.align, SIZE);
      c.words = [];
    });
  };
  breakRow(header);
  for (const t of titleRows) t.cell.lines = ts.lines(t.cell.words, TEXT_W * 0.8, 'center', t.size);

  // Pages. Lines are made to the width of their column, so they are drawn as they are.
  const pages: Page[] = [];
  let page!: Page;
  let y = 0;
  let rowsOnPage = 0;
  const bottom = PAGE_H - MARGIN.bottom;
  const rowLines = (row: Row) => {
    let n = 1;
    for (const c of row.cells) if (c.lines!.length > n) n = c.lines!.length;
    return n;
  };
  const heightOf = (lines: number) => 2 * PAD_Y + lines * LEADING;
  const pageRoom = Math.floor((bottom - MARGIN.top - heightOf(rowLines(header)) - 2 * PAD_Y) / LEADING);

  /** Draws `row`'s lines [from, to) at y, with its rules, and moves y below them. */
  const drawRow = (row: Row, from: number, to: number) => {
    const h = heightOf(to - from);
    const heading = row.kind === 'heading';
    for (let ci = 0; ci < row.cells.length; ci++) {
      const lines = row.cells[ci]!.lines!;
      const x = (heading ? MARGIN.left : xs[ci]!) + PAD_X;
      for (let li = from; li < to && li < lines.length; li++) {
        const line = lines[li]!;
        if (line.parts.length) page.draws.push({ d: 'text', x, y: y + PAD_Y + (li - from) * LEADING + ASCENT, line });
      }
    }
    page.draws.push({ d: 'rule', x1: MARGIN.left, y1: y + h, x2: MARGIN.left + TEXT_W, y2: y + h, width: RULE });
    const verticals = heading ? [xs[0]!, xs[xs.length - 1]!] : xs;
    for (const x of verticals) page.draws.push({ d: 'rule', x1: x, y1: y, x2: x, y2: y + h, width: RULE });
    y += h;
  };

  // The group headings in force, and their "(tiếp theo)" for the top of the next page.
  let current: { 1?: Row; 2?: Row } = {};
  const continuations = new WeakMap<Row, Row>();
  const continued = (h: Row): Row => {
    let r = continuations.get(h);
    if (!r) {
      r = { kind: 'heading', level: h.level, text: h.text, cells: [{ words: ts.words([{ text: `${h.text} (tiếp theo)`, bold: true, italic: h.level === 2 }], SIZE), align: 'left' }] };
      ts.shaper.resolve();
      breakRow(r);
      continuations.set(h, r);
    }
    return r;
  };

  const newPage = () => {
    page = { index: pages.length, folio: '', label: String(pages.length + 1), draws: [], anchors: [], marks: [], calls: [], noteStarts: [] };
    pages.push(page);
    y = MARGIN.top;
    rowsOnPage = 0;
    if (pages.length === 1) {
      for (const t of titleRows) {
        for (const line of t.cell.lines!) {
          page.draws.push({ d: 'text', x: MARGIN.left, y: y + t.size * 0.9, line: { ...line, width: TEXT_W } });
          y += t.leading;
        }
        y += 2;
      }
      y += 8;
    }
    page.draws.push({ d: 'rule', x1: MARGIN.left, y1: y, x2: MARGIN.left + TEXT_W, y2: y, width: RULE });
    drawRow(header, 0, rowLines(header));
    for (const level of [1, 2] as const) {
      const h = current[level];
      if (!h) continue;
      const c = continued(h);
      drawRow(c, 0, rowLines(c));
    }
  };

  /** Places a row (a heading kept with the first lines of `next`); a row taller than the rest of the page goes on over the next. */
  const place = (row: Row, next: Row | undefined) => {
    const n = rowLines(row);
    if (row.kind === 'heading' && row.level) {
      const need = heightOf(n) + (next ? heightOf(Math.min(rowLines(next), 2)) : 0);
      if (rowsOnPage > 0 && y + need > bottom) {
        if (row.level === 1) current = {};
        else delete current[2];
        newPage();
      }
      if (row.level === 1) current = { 1: row };
      else current[2] = row;
      drawRow(row, 0, n);
      rowsOnPage++;
      return;
    }
    let from = 0;
    while (from < n) {
      const fit = Math.floor((bottom - y - 2 * PAD_Y) / LEADING + 1e-6);
      const left = n - from;
      if (left <= fit) {
        drawRow(row, from, n);
        break;
      }
      // Not enough room here: whole on the next page when it fits on one, otherwise split.
      if (rowsOnPage > 0 && (left <= pageRoom || fit < 2)) {
        newPage();
        continue;
      }
      const take = Math.max(1, fit);
      drawRow(row, from, from + take);
      from += take;
      newPage();
    }
    rowsOnPage++;
  };

  newPage();
  // Rows are made, shaped, broken and placed a chunk at a time: a view of 100,000 documents never
  // holds every word of every cell at once.
  let outer: string | null = null;
  let file: string | null = null;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const body: Row[] = [];
    for (let i = start; i < Math.min(rows.length, start + CHUNK); i++) {
      const r = rows[i]!;
      if (grouped) {
        const ok = outerKey(r);
        const fk = fileKey(r);
        if (ok !== outer) {
          const text = outerHeading(r) || (r.file ? '' : 'Chưa xếp vào phông, hộp, hồ sơ');
          if (text) body.push({ kind: 'heading', level: 1, text, cells: [plain(text, 'left', { bold: true })] });
          outer = ok;
          file = null;
        }
        if (fk !== file) {
          const text = fileHeading(r);
          if (text) body.push({ kind: 'heading', level: 2, text, cells: [plain(text, 'left', { bold: true, italic: true })] });
          file = fk;
        }
      }
      const cells = table.map((c): Cell => {
        switch (c.slot) {
          case 'stt':
            return plain(String(i + 1), 'center');
          case 'code':
            return plain(r.code, 'left');
          case 'date':
            return plain(catalogueDateText(r.date), 'center');
          case 'main':
            return cell(mainRuns(r, cols), 'left');
          case 'issuer':
            return plain(r.issuer, 'left');
          case 'folio':
            return plain(r.folio, 'center');
          case 'notes':
            return plain(noteLines(r, cols, grouped).join('\n'), 'left');
        }
      });
      body.push({ kind: 'document', cells });
    }
    ts.shaper.resolve();
    for (const row of body) breakRow(row);
    // A heading is always followed by its document in the same chunk.
    for (let bi = 0; bi < body.length; bi++) place(body[bi]!, body[bi + 1]);
  }
  if (rows.length === 0) {
    const none: Row = { kind: 'heading', cells: [plain('Không có văn bản nào.', 'left', { italic: true })] };
    ts.shaper.resolve();
    breakRow(none);
    place(none, undefined);
  }

  // 4. Page numbers, now that the count is known.
  const footFace = ts.face(0);
  pages.forEach((p, i) => {
    const b = ts.shaper.box(`Trang ${i + 1}/${pages.length}`, footFace, 9);
    p.draws.push({ d: 'text', x: MARGIN.left, y: PAGE_H - MARGIN.bottom / 2, line: { width: TEXT_W, align: 'center', last: true, parts: [b], ratio: 0 } });
  });

  const bytes = await drawPdf({
    pages,
    pageWidth: PAGE_W,
    pageHeight: PAGE_H,
    faces: ts.shaper.faces,
    outline: [],
    firstArabic: 0,
    meta: { title: clean(opts.title?.trim() || 'Mục lục hồ sơ'), subject: opts.filterLine ? clean(opts.filterLine) : undefined, language: 'vi', date: world.date, producer: world.producer },
  });
  return { bytes, pages: pages.length };
}
