/**
 * Markdown → Book, for `suquan typeset` and for comparing the engine with other typesetters.
 *
 * CommonMark plus Pandoc-style footnotes (`text[^1]` … `[^1]: note`, indented continuation
 * paragraphs) and a YAML front-matter block (read in frontMatter.ts):
 *
 *   title, subtitle, author, placeYear (or place + year), lang, layout (history | chronicle |
 *   documents), trim (145x205 | 160x240 | 190x270 | A4 | A5 | B5, or any width x height in mm:
 *   148x210, "148 × 210 mm"), margins {top, bottom, inner, outer} (or one value for all four) in
 *   mm, cm, in or pt (bare numbers are mm), font (liberation-serif | noto-serif), bodySize,
 *   leading, footnoteSize, footnoteLeading, parIndent (pt, or with mm, cm, in), footnoteNumbering
 *   (page | chapter | book), toc (front | end | none), tocDepth (1–4), chapterLabel (roman |
 *   arabic), chapterOpening (recto | any), signature (2 | 8 | 16 | 32 pages a signature), bleed
 *   (mm, or with a unit), cropMarks and pdfx (true | false), credits {direction, board,
 *   editorInChief, research}, colophon {publisher, directorResponsible, editorResponsible,
 *   editors, designer, technicalEditor, proofreader, printRun, printer, registration, decision,
 *   licence, isbn, legalDeposit, price}, references (list of Markdown strings).
 * A value that cannot be read stops with one sentence naming the key; keys not listed here are
 * ignored with one warning that lists them all.
 *
 * Structure: `#` chapter (`{.part}` makes it a part, `{-}` unnumbered, `{.front}`/`{.back}` place
 * it; "Lời nói đầu" and the like go to the front matter, "Kết luận", "Phụ lục…", "Tài liệu tham
 * khảo" to the back), `##` section (I.), `###` (1.), `####` (a)); `{#id}` names a heading. Those
 * braces are a heading's attributes only at its very end, not right after a `]`, and only when
 * they hold one of these: `## Huyện [Ân Thi]{.place}` is a heading with an index term. A
 * chapter whose first paragraph is all italic takes it as its subtitle. Index terms:
 * `[Hồ Chí Minh]{.person}`, `{.place}`, `{.org}`, `{.subject}`. `![caption](file.png)` alone in a
 * paragraph is a figure. Chronicle layout: a paragraph opening with bold text is an entry with
 * that date lead. Documents layout: `##` is a document's title, followed by a ```header fence of
 * YAML (issuer, number, motto, placeDate, subtitle, signature, source).
 *
 * Inline HTML: `<b>`/`<strong>`, `<i>`/`<em>`, `<u>`, `<sup>`, `<sub>` set their marks, `<br>`
 * (like a Markdown hard break) ends the line: the paragraph goes on unindented on the next one (a
 * space in headings and table cells). Comments `<!-- … -->` are dropped, inline or as blocks.
 * Any other tag prints as the text it is, with a warning naming the tag and its lines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import footnotePlugin from 'markdown-it-footnote';
import YAML from 'yaml';
import type { Block, Book, BookLayout, Chapter, Colophon, Credits, DocumentItem, Figure, InlineRun, Paragraph, Part, TextRun } from '../../../shared/book/model';
import { UserFacingError } from '../../../shared/errors';
import { toChronicleEntries } from '../../../shared/book/chronicle';
import { KNOWN_KEYS, readChoice, setupFromFrontMatter, splitFrontMatter, str, strList, unknownKeysWarning } from './frontMatter';

export interface MarkdownOptions {
  /** Folder that relative image paths are read from; images are skipped without it. */
  baseDir?: string;
  /**
   * Told each thing in the file that is printed otherwise than written or ignored (an unknown
   * front-matter key, an HTML tag printed as text), one Vietnamese line each; the CLI prints them.
   */
  warn?: (message: string) => void;
}

const FRONT_TITLES = /^(lời nói đầu|lời giới thiệu|lời nhà xuất bản|lời tựa|lời cảm ơn|những chữ viết tắt|chữ viết tắt|bảng chữ viết tắt)$/i;
const BACK_TITLES = /^(kết luận|phụ lục.*|tài liệu tham khảo|danh mục tài liệu tham khảo)$/i;

// HTML on, so that tags arrive as tags (html_inline, html_block) to be honoured, dropped or
// printed as text, never passed through: the reader decides, token by token.
const md = new MarkdownIt({ html: true, typographer: false }).use(footnotePlugin);
type Token = ReturnType<typeof md.parse>[number];

/** Image size from PNG or JPEG header bytes. */
function imageSize(data: Uint8Array): { format: 'png' | 'jpeg'; width: number; height: number } | undefined {
  if (data[0] === 0x89 && data[1] === 0x50) {
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    return { format: 'png', width: dv.getUint32(16), height: dv.getUint32(20) };
  }
  if (data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) return undefined;
      const marker = data[i + 1]!;
      const len = (data[i + 2]! << 8) | data[i + 3]!;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { format: 'jpeg', height: (data[i + 5]! << 8) | data[i + 6]!, width: (data[i + 7]! << 8) | data[i + 8]! };
      i += 2 + len;
    }
  }
  return undefined;
}

const INDEX_KINDS: Record<string, 'person' | 'place' | 'organisation' | 'subject'> = {
  person: 'person',
  nguoi: 'person',
  place: 'place',
  diadanh: 'place',
  org: 'organisation',
  organisation: 'organisation',
  subject: 'subject',
};

/** How deep the text is inside each mark: `**<b>x</b>**` closes twice before it is upright. */
interface Marks {
  bold: number;
  italic: number;
  underline: number;
  sup: number;
  sub: number;
}

/** The inline HTML tags honoured, and the mark each sets. */
const HTML_MARKS: Record<string, keyof Marks> = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', sup: 'sup', sub: 'sub' };

/**
 * Where a line break (`<br>`, a Markdown hard break) fell in a run list: paragraphs are split
 * there, other places read a space. Compared by identity, never printed.
 */
const LINE_BREAK: TextRun = { kind: 'text', text: ' ' };

/** Text with `[Hồ Chí Minh]{.person}` spans → text runs and index terms. */
function textRuns(text: string, marks: Marks): InlineRun[] {
  const out: InlineRun[] = [];
  const re = /\[([^\]\n]+)\]\{\.(person|nguoi|place|diadanh|org|organisation|subject)\}/g;
  let last = 0;
  const push = (t: string) => {
    if (!t) return;
    const r: InlineRun = { kind: 'text', text: t.normalize('NFC') };
    if (marks.bold) r.bold = true;
    if (marks.italic) r.italic = true;
    if (marks.underline) r.underline = true;
    if (marks.sup) r.superscript = true;
    else if (marks.sub) r.subscript = true;
    out.push(r);
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(text.slice(last, m.index));
    out.push({ kind: 'index-term', term: m[1]!.normalize('NFC'), index: INDEX_KINDS[m[2]!]! });
    push(m[1]!);
    last = m.index + m[0].length;
  }
  push(text.slice(last));
  return out;
}

/** Runs with line breaks → one run list per line, empty lines left out. */
function splitAtBreaks(runs: InlineRun[]): InlineRun[][] {
  const lines: InlineRun[][] = [[]];
  for (const r of runs) {
    if (r === LINE_BREAK) lines.push([]);
    else lines[lines.length - 1]!.push(r);
  }
  return lines.filter((l) => l.some((r) => r.kind !== 'text' || r.text.trim() !== ''));
}

/** A paragraph's runs → paragraphs: after a line break the text goes on unindented on a new line. */
function paragraphsOf(runs: InlineRun[]): Paragraph[] {
  return splitAtBreaks(runs).map((line, k) => (k === 0 ? { kind: 'paragraph', runs: line } : { kind: 'paragraph', runs: line, indent: false }));
}

/** Where an inline token's text sits: its source text and its first line in the body (0-based). */
interface Where {
  content: string;
  line: number;
}

const at = (tok: Token | undefined): Where | undefined => (tok?.map ? { content: tok.content, line: tok.map[0] } : undefined);

class Reader {
  private notes = new Map<number, Paragraph[]>();
  /** HTML tags printed as text: the tag as written ("<div>") → the file lines it is on. */
  readonly unsupportedTags = new Map<string, Set<number>>();
  constructor(
    private tokens: Token[],
    private opts: MarkdownOptions,
    /** The body's first line in the file (after the front matter), for the lines in warnings. */
    private bodyLine = 0,
  ) {
    // Footnote definitions come last in markdown-it's stream: read them first.
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.type === 'footnote_open') {
        const id = (t.meta as { id: number }).id;
        const paras: Paragraph[] = [];
        let j = i + 1;
        for (; j < tokens.length && tokens[j]!.type !== 'footnote_close'; j++) {
          const x = tokens[j]!;
          if (x.type === 'inline') paras.push(...paragraphsOf(this.inline(x.children ?? [], at(x), true)));
        }
        this.notes.set(id, paras);
        i = j;
      }
    }
  }

  /**
   * Inline tokens → runs. `where` places HTML tags on their lines for the warnings; with `breaks`
   * a line break is LINE_BREAK (for paragraphsOf), without it a space.
   */
  inline(children: Token[], where?: Where, breaks = false): InlineRun[] {
    const out: InlineRun[] = [];
    const marks: Marks = { bold: 0, italic: 0, underline: 0, sup: 0, sub: 0 };
    const lineBreak = () => out.push(breaks ? LINE_BREAK : { kind: 'text', text: ' ' });
    let cursor = 0;
    for (const c of children) {
      switch (c.type) {
        case 'text':
        case 'code_inline':
          out.push(...textRuns(c.content, marks));
          break;
        case 'softbreak':
          out.push({ kind: 'text', text: ' ' });
          break;
        case 'hardbreak':
          lineBreak();
          break;
        case 'strong_open':
          marks.bold++;
          break;
        case 'strong_close':
          marks.bold = Math.max(0, marks.bold - 1);
          break;
        case 'em_open':
          marks.italic++;
          break;
        case 'em_close':
          marks.italic = Math.max(0, marks.italic - 1);
          break;
        case 'html_inline': {
          // The tag's line: html_inline content is the source verbatim, so it is found in the
          // paragraph's text from where the previous tag was.
          let line: number | undefined;
          if (where) {
            const k = where.content.indexOf(c.content, cursor);
            if (k >= 0) {
              line = where.line + (where.content.slice(0, k).match(/\n/g) ?? []).length;
              cursor = k + c.content.length;
            }
          }
          this.htmlInline(c.content, marks, out, lineBreak, line);
          break;
        }
        case 'footnote_ref': {
          const id = (c.meta as { id: number }).id;
          out.push({ kind: 'footnote', content: this.notes.get(id) ?? [] });
          break;
        }
        case 'image':
          out.push({ kind: 'text', text: c.content });
          break;
        default:
          break;
      }
    }
    return out;
  }

  /** One inline HTML tag or comment: a mark opened or closed, a line break, nothing, or its text. */
  private htmlInline(html: string, marks: Marks, out: InlineRun[], lineBreak: () => void, line: number | undefined): void {
    if (html.startsWith('<!--')) return;
    const tag = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:[\s/][^>]*)?>$/.exec(html);
    const name = tag?.[2]!.toLowerCase();
    if (name === 'br') return lineBreak();
    const mark = name && HTML_MARKS[name];
    if (mark) {
      if (tag![1]) marks[mark] = Math.max(0, marks[mark] - 1);
      else if (!html.endsWith('/>')) marks[mark]++;
      return;
    }
    // Printed as written, in the text's own face, so the author sees it on the proof.
    out.push(...textRuns(html, marks));
    const key = name ? `<${name}>` : html.length > 24 ? html.slice(0, 24) + '…' : html;
    let lines = this.unsupportedTags.get(key);
    if (!lines) this.unsupportedTags.set(key, (lines = new Set()));
    if (line !== undefined) lines.add(this.bodyLine + line + 1);
  }

  /** An HTML block: comments dropped; anything left is read as a paragraph whose tags are inline HTML. */
  private htmlBlock(tok: Token): Paragraph[] {
    // Comments give way to their line ends alone, so the lines of what follows stay right.
    const text = tok.content.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => c.replace(/[^\n]/g, ''));
    if (text.trim() === '') return [];
    const inl = md.parseInline(text, {})[0];
    return paragraphsOf(this.inline(inl?.children ?? [], tok.map ? { content: text, line: tok.map[0] } : undefined, true));
  }

  figure(img: Token): Figure | undefined {
    const src = img.attrGet('src') ?? '';
    const caption: InlineRun[] = this.inline(img.children ?? []);
    if (!this.opts.baseDir) return undefined;
    const file = path.resolve(this.opts.baseDir, decodeURIComponent(String(src)));
    let data: Uint8Array;
    try {
      data = new Uint8Array(readFileSync(file));
    } catch {
      throw new UserFacingError('typeset.image-missing', `Không đọc được ảnh "${src}" được chèn trong tệp Markdown.`);
    }
    const info = imageSize(data);
    if (!info) throw new UserFacingError('typeset.image-format', `Ảnh "${src}" không phải JPEG hoặc PNG.`);
    return { kind: 'figure', image: { data, ...info }, caption };
  }

  /** Block tokens [i, end) → blocks; stops at a heading of level ≤ stopLevel. */
  blocks(i: number, end: number, stopLevel: number, out: Block[]): number {
    const t = this.tokens;
    while (i < end) {
      const tok = t[i]!;
      if (tok.type === 'heading_open') {
        const level = Number(tok.tag.slice(1));
        if (level <= stopLevel) return i;
        const { runs, attrs } = this.headingRuns(t[i + 1]!);
        const hl = Math.min(3, Math.max(1, level - 1)) as 1 | 2 | 3;
        out.push({ kind: 'heading', level: hl, runs, ...(attrs.unnumbered && { numbered: false }), ...(attrs.id && { id: attrs.id }) });
        i += 3;
        continue;
      }
      switch (tok.type) {
        case 'paragraph_open': {
          const inl = t[i + 1]!;
          const kids = inl.children ?? [];
          const only = kids.filter((k) => !(k.type === 'text' && k.content.trim() === ''));
          if (only.length === 1 && only[0]!.type === 'image') {
            const fig = this.figure(only[0]!);
            if (fig) out.push(fig);
          } else out.push(...paragraphsOf(this.inline(kids, at(inl), true)));
          i += 3;
          break;
        }
        case 'html_block':
          out.push(...this.htmlBlock(tok));
          i++;
          break;
        case 'blockquote_open': {
          const close = this.matching(i, 'blockquote_open', 'blockquote_close');
          const inner: Block[] = [];
          this.blocks(i + 1, close, 0, inner);
          out.push({ kind: 'quote', blocks: inner });
          i = close + 1;
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const closeType = tok.type === 'bullet_list_open' ? 'bullet_list_close' : 'ordered_list_close';
          const close = this.matching(i, tok.type, closeType);
          const items: Block[][] = [];
          let j = i + 1;
          while (j < close) {
            if (t[j]!.type === 'list_item_open') {
              const ic = this.matching(j, 'list_item_open', 'list_item_close');
              const inner: Block[] = [];
              this.blocks(j + 1, ic, 0, inner);
              for (const b of inner) if (b.kind === 'paragraph') b.indent = false;
              items.push(inner);
              j = ic + 1;
            } else j++;
          }
          out.push({ kind: 'list', ordered: tok.type === 'ordered_list_open', items });
          i = close + 1;
          break;
        }
        case 'table_open': {
          const close = this.matching(i, 'table_open', 'table_close');
          const rows: InlineRun[][][] = [];
          let header = false;
          let row: InlineRun[][] | null = null;
          // Cells carry no line of their own: their row's.
          let rowLine: number | undefined;
          for (let j = i + 1; j < close; j++) {
            const x = t[j]!;
            if (x.type === 'thead_open') header = true;
            else if (x.type === 'tr_open') {
              row = [];
              rowLine = x.map?.[0];
            } else if (x.type === 'tr_close' && row) rows.push(row);
            else if (x.type === 'inline' && row) row.push(this.inline(x.children ?? [], rowLine === undefined ? undefined : { content: x.content, line: rowLine }));
          }
          out.push({ kind: 'table', rows, header });
          i = close + 1;
          break;
        }
        case 'fence':
        case 'code_block': {
          // Preformatted text: each line a left-aligned paragraph.
          for (const line of tok.content.replace(/\n$/, '').split('\n')) out.push({ kind: 'paragraph', runs: [{ kind: 'text', text: line }], indent: false, align: 'left' });
          i++;
          break;
        }
        case 'footnote_block_open':
          return end;
        default:
          i++;
      }
    }
    return i;
  }

  matching(i: number, open: string, close: string): number {
    let depth = 0;
    for (let j = i; j < this.tokens.length; j++) {
      if (this.tokens[j]!.type === open) depth++;
      else if (this.tokens[j]!.type === close && --depth === 0) return j;
    }
    return this.tokens.length;
  }

  /**
   * A heading's runs and its attributes: a `{…}` at its very end, not right after a `]` (that is
   * a span, `[Ân Thi]{.place}`), holding `-`, `.unnumbered`, `.part`, `.front`, `.back` or
   * `#id`. Braces holding none of them are text, printed as written.
   */
  headingRuns(inl: Token): { runs: InlineRun[]; attrs: HeadingAttrs; text: string } {
    const kids = [...(inl.children ?? [])];
    const attrs: HeadingAttrs = {};
    const last = kids[kids.length - 1];
    const m = last?.type === 'text' ? /(^|[^\]])(\s*)\{([^{}]*)\}\s*$/.exec(last.content) : null;
    if (last && m) {
      const items = m[3]!.trim().split(/\s+/);
      const found: HeadingAttrs = {};
      let known = false;
      for (const a of items) {
        if (a === '-' || a === '.unnumbered') found.unnumbered = true;
        else if (a === '.part') found.part = true;
        else if (a === '.front') found.front = true;
        else if (a === '.back') found.back = true;
        else if (/^#[^\s#.{}]+$/.test(a)) found.id = a.slice(1);
        else continue;
        known = true;
      }
      // Pandoc's attribute syntax throughout (other classes, key=value pairs are let go), and
      // at least one attribute this reader knows: `{1945}` and `{.khac}` stay text.
      if (known && items.every((a) => /^(-|[.#][^\s#.{}]+|[\w-]+=\S*)$/.test(a))) {
        Object.assign(attrs, found);
        const clone = Object.assign(Object.create(Object.getPrototypeOf(last)), last) as Token;
        clone.content = last.content.slice(0, m.index + m[1]!.length);
        kids[kids.length - 1] = clone;
      }
    }
    const runs = this.inline(kids, at(inl));
    const text = runs.map((r) => (r.kind === 'text' ? r.text : '')).join('').trim();
    return { runs, attrs, text };
  }
}

interface HeadingAttrs {
  unnumbered?: boolean;
  part?: boolean;
  front?: boolean;
  back?: boolean;
  id?: string;
}

/**
 * Document collection layout: a `##` heading is a document's title; a fenced block with info
 * `header` right after it holds the header block in YAML (issuer, number, motto, placeDate,
 * subtitle, signature, source).
 */
function toDocuments(blocks: Block[], rawFences: Map<Block, Record<string, unknown>>): Block[] {
  const out: Block[] = [];
  let doc: DocumentItem | null = null;
  for (const b of blocks) {
    if (b.kind === 'heading' && b.level === 1) {
      doc = { kind: 'document-item', header: { issuer: [] }, title: b.runs.map((r) => (r.kind === 'text' ? r.text : '')).join(''), body: [] };
      out.push(doc);
      continue;
    }
    const fence = rawFences.get(b);
    if (fence && doc) {
      doc.header.issuer = strList(fence.issuer) ?? [];
      const number = str(fence.number);
      if (number) doc.header.number = number;
      const motto = str(fence.motto);
      if (motto) doc.header.motto = motto;
      const placeDate = str(fence.placeDate ?? fence.date);
      if (placeDate) doc.header.placeDate = placeDate;
      const subtitle = str(fence.subtitle);
      if (subtitle) doc.subtitle = subtitle;
      const sig = strList(fence.signature);
      if (sig) doc.signature = sig;
      const source = str(fence.source);
      if (source) doc.sourceNote = [{ kind: 'text', text: source }];
      continue;
    }
    if (fence) continue;
    if (doc) doc.body.push(b);
    else out.push(b);
  }
  return out;
}

/** Markdown (CommonMark + footnotes) with YAML front matter → a Book. */
export function bookFromMarkdown(src: string, opts: MarkdownOptions = {}): Book {
  const { meta, body, bodyLine } = splitFrontMatter(src.normalize('NFC'));
  const unknown = unknownKeysWarning(meta);
  if (unknown) opts.warn?.(unknown);
  const layout: BookLayout = readChoice('layout', meta.layout, ['history', 'chronicle', 'documents'] as const) ?? 'history';
  const tokens = md.parse(body, {});
  const reader = new Reader(tokens, opts, bodyLine);
  // Fenced `header` blocks in document collections carry YAML, not text.
  const rawFences = new Map<Block, Record<string, unknown>>();
  if (layout === 'documents') {
    for (const tok of tokens)
      if (tok.type === 'fence' && /^(header|văn-kiện|van-kien|document)$/.test(tok.info.trim())) {
        tok.type = 'fence_header';
      }
  }
  const book: Book = {
    layout,
    title: str(meta.title) ?? 'Không có tiêu đề',
    front: [],
    body: [],
    back: [],
    language: str(meta.lang ?? meta.language) ?? 'vi',
  };
  const subtitle = str(meta.subtitle);
  if (subtitle) book.subtitle = subtitle;
  const author = str(meta.author);
  if (author) book.author = author;
  const placeYear = str(meta.placeYear) ?? ([str(meta.place), str(meta.year)].filter(Boolean).join(' – ') || undefined);
  if (placeYear) book.placeYear = placeYear;
  if (meta.credits && typeof meta.credits === 'object') {
    const c = meta.credits as Record<string, unknown>;
    const credits: Credits = {};
    for (const k of ['direction', 'board', 'editorInChief', 'research'] as const) {
      const v = strList(c[k]);
      if (v) credits[k] = v;
    }
    book.credits = credits;
  }
  if (meta.colophon && typeof meta.colophon === 'object') {
    const c = meta.colophon as Record<string, unknown>;
    const col: Colophon = {};
    for (const [k, v] of Object.entries(c)) {
      if (!KNOWN_KEYS.colophon!.includes(k)) continue;
      if (k === 'editors') col.editors = strList(v);
      else (col as Record<string, unknown>)[k] = str(v);
    }
    book.colophon = col;
  }
  if (Array.isArray(meta.references)) {
    book.references = meta.references.map((r) => reader.inline(md.parseInline(String(r).normalize('NFC'), {})[0]?.children ?? []));
  }
  const setup = setupFromFrontMatter(meta);
  if (Object.keys(setup).length) book.setup = setup;

  // Body: `#` chapters (or parts with {.part}), everything else inside them.
  let i = 0;
  const preface: Block[] = [];
  i = blocksWithFences(reader, tokens, i, tokens.length, 1, preface, rawFences);
  let part: Part | null = null;
  let seenNumbered = false;
  while (i < tokens.length) {
    const tok = tokens[i]!;
    if (tok.type !== 'heading_open' || tok.tag !== 'h1') {
      i++;
      continue;
    }
    const { attrs, text, runs: titleRuns } = reader.headingRuns(tokens[i + 1]!);
    i += 3;
    if (attrs.part) {
      part = { kind: 'part', title: text, numbered: !attrs.unnumbered, chapters: [] };
      if (attrs.id) part.id = attrs.id;
      book.body.push(part);
      continue;
    }
    const blocks: Block[] = [];
    i = blocksWithFences(reader, tokens, i, tokens.length, 1, blocks, rawFences);
    const chapter: Chapter = { kind: 'chapter', title: text, numbered: !attrs.unnumbered, blocks };
    if (attrs.id) chapter.id = attrs.id;
    // A chapter's first paragraph set wholly in italics is its subtitle (a chronicle's period).
    const first = blocks[0];
    if (first && first.kind === 'paragraph' && first.runs.length > 0 && first.runs.every((r) => r.kind === 'text' && r.italic && !r.bold)) {
      chapter.subtitle = first.runs.map((r) => (r.kind === 'text' ? r.text : '')).join('');
      blocks.shift();
    }
    if (layout === 'chronicle') chapter.blocks = toChronicleEntries(chapter.blocks);
    if (layout === 'documents') chapter.blocks = toDocuments(chapter.blocks, rawFences);
    // A chapter's title is plain text in the model: its index terms (`# Huyện [Ân Thi]{.place}`)
    // are anchored at the start of its first paragraph or heading, on the title's page.
    const terms = titleRuns.filter((r) => r.kind === 'index-term');
    const opening = chapter.blocks[0];
    if (terms.length && opening && (opening.kind === 'paragraph' || opening.kind === 'heading')) opening.runs.unshift(...terms);
    const isFront = attrs.front || (!attrs.back && !seenNumbered && FRONT_TITLES.test(text));
    const isBack = attrs.back || (!attrs.front && BACK_TITLES.test(text));
    if (isFront) book.front.push({ ...chapter, numbered: false });
    else if (isBack) {
      book.back.push({ ...chapter, numbered: false });
    } else {
      if (chapter.numbered) seenNumbered = true;
      if (part) part.chapters.push(chapter);
      else book.body.push(chapter);
    }
  }
  if (preface.length) {
    const ch: Chapter = { kind: 'chapter', title: book.title, numbered: false, blocks: layout === 'chronicle' ? toChronicleEntries(preface) : layout === 'documents' ? toDocuments(preface, rawFences) : preface };
    book.body.unshift(ch);
  }
  // In the order of the file (footnotes were read first), one line per tag.
  const first = (lines: Set<number>) => Math.min(Infinity, ...lines);
  for (const [tag, lines] of [...reader.unsupportedTags].sort((a, b) => first(a[1]) - first(b[1]))) {
    const where = lines.size ? ` ở dòng ${[...lines].sort((x, y) => x - y).join(', ')}` : '';
    opts.warn?.(`Thẻ HTML ${tag}${where} không được hỗ trợ nên được in nguyên văn; chỉ dùng được <b>, <strong>, <i>, <em>, <u>, <sup>, <sub>, <br> và chú thích <!-- … -->.`);
  }
  return book;
}

/** Reader.blocks, plus: `header` fences become placeholder paragraphs remembered with their YAML. */
function blocksWithFences(reader: Reader, tokens: Token[], i: number, end: number, stop: number, out: Block[], fences: Map<Block, Record<string, unknown>>): number {
  // Temporarily let Reader see header fences as ordinary tokens it skips; handle them here.
  let j = i;
  while (j < end) {
    const t = tokens[j]!;
    if (t.type === 'fence_header') {
      let data: Record<string, unknown> = {};
      try {
        const v = YAML.parse(t.content) as unknown;
        if (v && typeof v === 'object') data = v as Record<string, unknown>;
      } catch (e) {
        throw new UserFacingError('typeset.bad-header', `Khối "header" của văn kiện bị lỗi YAML: ${(e as Error).message.split('\n')[0]}`);
      }
      const placeholder: Paragraph = { kind: 'paragraph', runs: [] };
      fences.set(placeholder, data);
      out.push(placeholder);
      j++;
      continue;
    }
    // Read up to the next header fence or stopping heading.
    let k = j;
    while (k < end && tokens[k]!.type !== 'fence_header') k++;
    const r = reader.blocks(j, k, stop, out);
    if (r < k) return r;
    j = k;
  }
  return j;
}
