/**
 * Markdown → Book, for `suquan typeset` and for comparing the engine with other typesetters.
 *
 * CommonMark plus Pandoc-style footnotes (`text[^1]` … `[^1]: note`, indented continuation
 * paragraphs) and a YAML front-matter block:
 *
 *   title, subtitle, author, placeYear (or place + year), layout (history | chronicle | documents),
 *   trim (145x205 | 160x240 | 190x270 | A4 | A5 | B5), margins {top, bottom, inner, outer} in mm,
 *   font (liberation-serif | noto-serif), bodySize, leading, footnoteSize, footnoteLeading,
 *   footnoteNumbering (page | chapter | book), toc (front | end | none), tocDepth, chapterLabel
 *   (roman | arabic), chapterOpening (recto | any), parIndent, credits {direction, board,
 *   editorInChief, research}, colophon {publisher, directorResponsible, editorResponsible, editors,
 *   designer, technicalEditor, proofreader, printRun, printer, registration, decision, licence,
 *   isbn, legalDeposit, price}, references (list of Markdown strings).
 *
 * Structure: `#` chapter (`{.part}` makes it a part, `{-}` unnumbered, `{.front}`/`{.back}` place
 * it; "Lời nói đầu" and the like go to the front matter, "Kết luận", "Phụ lục…", "Tài liệu tham
 * khảo" to the back), `##` section (I.), `###` (1.), `####` (a)); `{#id}` names a heading. A
 * chapter whose first paragraph is all italic takes it as its subtitle. Index terms:
 * `[Hồ Chí Minh]{.person}`, `{.place}`, `{.org}`, `{.subject}`. `![caption](file.png)` alone in a
 * paragraph is a figure. Chronicle layout: a paragraph opening with bold text is an entry with
 * that date lead. Documents layout: `##` is a document's title, followed by a ```header fence of
 * YAML (issuer, number, motto, placeDate, subtitle, signature, source).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import footnotePlugin from 'markdown-it-footnote';
import YAML from 'yaml';
import type {
  Block,
  Book,
  BookLayout,
  Chapter,
  Colophon,
  Credits,
  DocumentItem,
  Figure,
  InlineRun,
  PageSetup,
  Paragraph,
  Part,
} from '../../../shared/book/model';
import { UserFacingError } from '../../../shared/errors';
import { isTrimSize } from './setup';
import { toChronicleEntries } from '../../../shared/book/chronicle';

export interface MarkdownOptions {
  /** Folder that relative image paths are read from; images are skipped without it. */
  baseDir?: string;
}

const FRONT_TITLES = /^(lời nói đầu|lời giới thiệu|lời nhà xuất bản|lời tựa|lời cảm ơn|những chữ viết tắt|chữ viết tắt|bảng chữ viết tắt)$/i;
const BACK_TITLES = /^(kết luận|phụ lục.*|tài liệu tham khảo|danh mục tài liệu tham khảo)$/i;

const md = new MarkdownIt({ html: false, typographer: false }).use(footnotePlugin);
type Token = ReturnType<typeof md.parse>[number];

/** Splits a YAML front-matter block from the Markdown body. */
function splitFrontMatter(src: string): { meta: Record<string, unknown>; body: string } {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(src);
  if (!m) return { meta: {}, body: src };
  let meta: unknown;
  try {
    meta = YAML.parse(m[1]!);
  } catch (e) {
    throw new UserFacingError('typeset.bad-front-matter', `Phần khai báo YAML đầu tệp bị lỗi: ${(e as Error).message.split('\n')[0]}`);
  }
  return { meta: meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : {}, body: src.slice(m[0].length) };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.normalize('NFC') : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v)) ? Number(v) : undefined);
const strList = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.map((x) => String(x).normalize('NFC')) : typeof v === 'string' ? [v.normalize('NFC')] : undefined;

function setupFrom(meta: Record<string, unknown>): Partial<PageSetup> {
  const s: Partial<PageSetup> = {};
  const trim = str(meta.trim ?? meta['khổ']);
  if (trim) {
    const t = trim.replace(/\s+/g, '').replace('×', 'x');
    if (!isTrimSize(t)) throw new UserFacingError('typeset.bad-trim', `Khổ sách "${trim}" không hỗ trợ; dùng 145x205, 160x240, 190x270, A4, A5 hoặc B5.`);
    s.trim = t;
  }
  const margins = meta.margins;
  if (margins && typeof margins === 'object') {
    const m = margins as Record<string, unknown>;
    const top = num(m.top);
    const bottom = num(m.bottom);
    const inner = num(m.inner);
    const outer = num(m.outer);
    s.margins = { ...(top !== undefined && { top }), ...(bottom !== undefined && { bottom }), ...(inner !== undefined && { inner }), ...(outer !== undefined && { outer }) } as PageSetup['margins'];
  }
  const font = str(meta.font ?? meta.fontFamily);
  if (font) s.fontFamily = font.toLowerCase().replace(/\s+/g, '-');
  const size = num(meta.bodySize ?? meta.size);
  if (size) s.bodySize = size;
  const leading = num(meta.leading);
  if (leading) s.leading = leading;
  const fs = num(meta.footnoteSize);
  if (fs) s.footnoteSize = fs;
  const fl = num(meta.footnoteLeading);
  if (fl) s.footnoteLeading = fl;
  const fnum = str(meta.footnoteNumbering ?? meta.footnotes);
  if (fnum) {
    if (fnum !== 'page' && fnum !== 'chapter' && fnum !== 'book')
      throw new UserFacingError('typeset.bad-footnote-numbering', `Cách đánh số chú thích "${fnum}" không hợp lệ; dùng page, chapter hoặc book.`);
    s.footnoteNumbering = fnum;
  }
  const toc = str(meta.toc ?? meta.tocPosition);
  if (toc) {
    if (toc !== 'front' && toc !== 'end' && toc !== 'none') throw new UserFacingError('typeset.bad-toc', `Vị trí mục lục "${toc}" không hợp lệ; dùng front, end hoặc none.`);
    s.tocPosition = toc;
  }
  const depth = num(meta.tocDepth);
  if (depth) s.tocDepth = depth;
  const chapterLabel = str(meta.chapterLabel);
  if (chapterLabel === 'roman' || chapterLabel === 'arabic') s.chapterLabel = chapterLabel;
  const opening = str(meta.chapterOpening);
  if (opening === 'recto' || opening === 'any') s.chapterOpening = opening;
  const indent = num(meta.parIndent);
  if (indent !== undefined) s.parIndent = indent;
  return s;
}

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

/** Text with `[Hồ Chí Minh]{.person}` spans → text runs and index terms. */
function textRuns(text: string, marks: { bold: boolean; italic: boolean; sup: boolean }): InlineRun[] {
  const out: InlineRun[] = [];
  const re = /\[([^\]\n]+)\]\{\.(person|nguoi|place|diadanh|org|organisation|subject)\}/g;
  let last = 0;
  const push = (t: string) => {
    if (!t) return;
    const r: InlineRun = { kind: 'text', text: t.normalize('NFC') };
    if (marks.bold) r.bold = true;
    if (marks.italic) r.italic = true;
    if (marks.sup) r.superscript = true;
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

class Reader {
  private notes = new Map<number, Paragraph[]>();
  constructor(
    private tokens: Token[],
    private opts: MarkdownOptions,
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
          if (x.type === 'inline') paras.push({ kind: 'paragraph', runs: this.inline(x.children ?? []) });
        }
        this.notes.set(id, paras);
        i = j;
      }
    }
  }

  inline(children: Token[]): InlineRun[] {
    const out: InlineRun[] = [];
    const marks = { bold: false, italic: false, sup: false };
    for (const c of children) {
      switch (c.type) {
        case 'text':
        case 'code_inline':
          out.push(...textRuns(c.content, marks));
          break;
        case 'softbreak':
        case 'hardbreak':
          out.push({ kind: 'text', text: ' ' });
          break;
        case 'strong_open':
          marks.bold = true;
          break;
        case 'strong_close':
          marks.bold = false;
          break;
        case 'em_open':
          marks.italic = true;
          break;
        case 'em_close':
          marks.italic = false;
          break;
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
          } else out.push({ kind: 'paragraph', runs: this.inline(kids) });
          i += 3;
          break;
        }
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
          for (let j = i + 1; j < close; j++) {
            const x = t[j]!;
            if (x.type === 'thead_open') header = true;
            else if (x.type === 'tr_open') row = [];
            else if (x.type === 'tr_close' && row) rows.push(row);
            else if (x.type === 'inline' && row) row.push(this.inline(x.children ?? []));
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

  headingRuns(inl: Token): { runs: InlineRun[]; attrs: { unnumbered?: boolean; part?: boolean; front?: boolean; back?: boolean; id?: string }; text: string } {
    const kids = [...(inl.children ?? [])];
    const attrs: { unnumbered?: boolean; part?: boolean; front?: boolean; back?: boolean; id?: string } = {};
    const lastText = [...kids].reverse().find((k) => k.type === 'text');
    if (lastText) {
      const m = /\s*\{([^}]*)\}\s*$/.exec(lastText.content);
      if (m) {
        for (const a of m[1]!.trim().split(/\s+/)) {
          if (a === '-' || a === '.unnumbered') attrs.unnumbered = true;
          else if (a === '.part') attrs.part = true;
          else if (a === '.front') attrs.front = true;
          else if (a === '.back') attrs.back = true;
          else if (a.startsWith('#')) attrs.id = a.slice(1);
        }
        const clone = Object.assign(Object.create(Object.getPrototypeOf(lastText)), lastText) as Token;
        clone.content = lastText.content.slice(0, m.index);
        kids[kids.lastIndexOf(lastText)] = clone;
      }
    }
    const runs = this.inline(kids);
    const text = runs.map((r) => (r.kind === 'text' ? r.text : '')).join('').trim();
    return { runs, attrs, text };
  }
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
  const { meta, body } = splitFrontMatter(src.normalize('NFC'));
  const layoutRaw = str(meta.layout) ?? 'history';
  const layout: BookLayout = layoutRaw === 'chronicle' || layoutRaw === 'documents' ? layoutRaw : 'history';
  const tokens = md.parse(body, {});
  const reader = new Reader(tokens, opts);
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
      if (k === 'editors') col.editors = strList(v);
      else (col as Record<string, unknown>)[k] = str(v);
    }
    book.colophon = col;
  }
  if (Array.isArray(meta.references)) {
    book.references = meta.references.map((r) => reader.inline(md.parseInline(String(r).normalize('NFC'), {})[0]?.children ?? []));
  }
  const setup = setupFrom(meta);
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
    const { attrs, text } = reader.headingRuns(tokens[i + 1]!);
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
