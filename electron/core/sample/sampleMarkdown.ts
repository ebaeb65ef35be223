/**
 * The sample project's manuscript dialect (resources/sample/books/**.md) → a chapter as the
 * editor stores it: tiptap/ProseMirror JSON in the manuscript schema, exactly what typing the same
 * chapter in the app would have saved, so the sample shows the app's own data and not an import.
 *
 *   ## Tiêu đề {#muc-id}            heading level 2 (I.); ### → 3 (1.), #### → 4 (a)); {#id} a cross-reference target
 *   **đậm**, *nghiêng*                bold, italic
 *   văn bản[^1]  …  [^1]: Xem [[D02 tr.2]]; [[D05 tờ 4]].
 *                                     an inline `footnote` holding its text and `citation` atoms (one note, one paragraph)
 *   [Lê Văn Khang]{.person}           a `mention` mark {nameId, kind, term} on the printed words; {.place}, {.org};
 *   [đồng chí Khang]{.person=Lê Văn Khang}   printed words that point at another registered name
 *   {{ref chuong-2}}, {{ref #muc-id title}}  a `crossRef` atom (show: full | number | title | page)
 *   ![Chú thích ảnh](scan:D05 tr.2)   alone in its paragraph: a `figure` of the scan page, the caption its content
 *   {{document D04}}                  alone in its paragraph: an `archivalDocument` with the document's text
 *   | a | b | … GFM pipe tables, lists and quotes as the editor has them
 *
 * The archive is reached only through a `SampleResolver` (the builder's: document keys → ids,
 * names → registry ids), so the conversion itself is pure. Anything the dialect does not have
 * (HTML, links, code, other images, a `[^n]` without its note, `[[…]]` outside a note…) stops
 * with one Vietnamese sentence naming the file and line: the sample's text is ours to fix, and a
 * construct printed as its raw syntax would be a visible flaw of the sample.
 *
 * Spaces are those a careful typist leaves: one between words, none before a footnote's call or
 * at the ends of a paragraph or note, whatever the source's line breaks and brackets did.
 */
import MarkdownIt from 'markdown-it';
import footnotePlugin from 'markdown-it-footnote';
import type { RichDoc } from '../../../shared/api/manuscript';
import { isUserFacingError, UserFacingError } from '../../../shared/errors';
import type { RichNode } from '../../../shared/manuscript/richDoc';
import { validateRichDoc } from '../../../shared/manuscript/schema';

export interface SampleResolver {
  /** A citation of `key` (whole document, a scan page by its 1-based sequence, or a folio). Throws UserFacingError for an unknown key/page. */
  citation(ref: { key: string; pageSeq?: number; folio?: string }): { documentId: number; pageId: number | null; pageSeq: number | null; folio: string; text: string };
  /** Figure attrs of a document's scan page. */
  figure(key: string, pageSeq: number): { documentId: number; pageId: number; pageSeq: number };
  /** The registered name's id (the resolver registers it if needed). */
  name(kind: 'person' | 'place' | 'organisation', name: string): number;
  /**
   * A cross-reference target: a node key ('chuong-1') or '#heading-id'. `label` is what the
   * reference shows with `show` (the editor rewrites it whenever the structure changes).
   */
  target(ref: string, show: CrossRefShow): { targetId: string; label: string };
  /** A reproduced document: its id, the editor's label, and its text paragraphs. */
  document(key: string): { documentId: number; label: string; paragraphs: string[] };
}

type CrossRefShow = 'full' | 'number' | 'title' | 'page';
const SHOWS: readonly string[] = ['full', 'number', 'title', 'page'];

export interface SampleMarkdownOptions {
  /** The file's name, for the sentences about its errors ("chuong-1.md"). */
  fileName?: string;
  /**
   * What a heading without `{#id}` takes its id from, with its text: the same heading keeps its id
   * in every revision of a chapter. Defaults to the file's path with its name cut at the first
   * dot, so "books/lich-su/chuong-1.ban-thao-1.md" and "books/lich-su/chuong-1.md" agree.
   */
  idScope?: string;
}

// HTML on so that tags arrive as tokens to be refused, never as text that looks like markup.
const md = new MarkdownIt({ html: true, linkify: false, typographer: false }).use(footnotePlugin);
type Token = ReturnType<typeof md.parse>[number];

const MENTION_KINDS: Record<string, 'person' | 'place' | 'organisation'> = { person: 'person', place: 'place', org: 'organisation', organisation: 'organisation' };

/** A piece of a paragraph's inline content before the dialect's own syntax is read. */
type Seg =
  | { kind: 'text'; text: string; marks: string[]; line: number | undefined }
  | { kind: 'footnote'; id: number; subId: number; label: string; line: number | undefined }
  | { kind: 'hardBreak' }
  | { kind: 'image'; token: Token; line: number | undefined };

/** Where inline content is: what it may hold. */
interface Context {
  inFootnote: boolean;
  /** The marks the node allows besides bold/italic (figure captions take no mentions). */
  mentions: boolean;
}

interface Note {
  paragraph: Token | null;
  line: number | undefined;
}

// The dialect's inline syntax, read over the concatenated text of a run of text pieces so that
// marks inside or around it (`**[Hòa Lam]{.place}**`) do not hide it.
const SYNTAX =
  /\[\[([^[\]\n]*)\]\]|\[([^[\]\n]+)\]\{\.([^{}=\s]*)(?:=([^{}\n]*))?\}|\{\{\s*ref\s+([^{}\s]+)(?:\s+([^{}\s]+))?\s*\}\}|\{\{([^{}\n]*)\}\}/gu;
/** What is left of the dialect's syntax when it was not read: a typo the printed book would show. */
const LEFTOVER = /\[\^[^\]\s]*\]|\[\[|\]\]|\{\{|\}\}|\]\{\.|\{#/u;
const DOCUMENT = /^\{\{\s*document\s+([^{}\s]+)\s*\}\}$/u;
const HEADING_ID = /\s*\{#([^\s{}#]+)\}\s*$/u;

class Converter {
  private notes = new Map<number, Note>();
  private usedHeadingIds = new Set<string>();
  private generatedIds = new Map<string, number>();

  constructor(
    private tokens: Token[],
    private resolver: SampleResolver,
    private fileName: string | undefined,
    private idScope: string,
  ) {}

  /** "(tệp chuong-1.md, dòng 12)" for a 0-based source line. */
  where(line: number | undefined): string {
    const parts = [this.fileName ? `tệp ${this.fileName}` : '', line === undefined ? '' : `dòng ${line + 1}`].filter(Boolean);
    return parts.length ? ` (${parts.join(', ')})` : '';
  }

  fail(what: string, line: number | undefined): never {
    throw new UserFacingError('sample.markdown', `${what}${this.where(line)}.`);
  }

  /** A resolver call whose refusal (unknown document, page, name…) is placed in the file. */
  resolve<T>(line: number | undefined, call: () => T): T {
    try {
      return call();
    } catch (e) {
      if (!isUserFacingError(e)) throw e;
      const err = new UserFacingError(e.code, `${e.message.trim().replace(/[.。]+$/u, '')}${this.where(line)}.`);
      if (e.field) err.field = e.field;
      throw err;
    }
  }

  /** Reads the footnote definitions (markdown-it puts them after the text) and checks each is one paragraph. */
  readNotes(): void {
    const t = this.tokens;
    for (let i = 0; i < t.length; i++) {
      if (t[i]!.type !== 'footnote_open') continue;
      const id = (t[i]!.meta as { id: number }).id;
      const label = String((t[i]!.meta as { label?: string }).label ?? id + 1);
      const note: Note = { paragraph: null, line: undefined };
      let j = i + 1;
      for (; j < t.length && t[j]!.type !== 'footnote_close'; j++) {
        const x = t[j]!;
        if (x.type === 'paragraph_open') note.line ??= x.map?.[0];
        if (x.type === 'inline') {
          if (note.paragraph) this.fail(`Chú thích [^${label}] có nhiều đoạn; mỗi chú thích chỉ được một đoạn`, x.map?.[0] ?? note.line);
          note.paragraph = x;
        } else if (!/^(paragraph_open|paragraph_close|footnote_anchor)$/.test(x.type)) {
          this.fail(`Chú thích [^${label}] chứa ${describe(x)}, điều mà chú thích không có; mỗi chú thích chỉ là một đoạn văn`, x.map?.[0] ?? note.line);
        }
      }
      this.notes.set(id, note);
      i = j;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Blocks

  blocks(from: number, to: number): RichNode[] {
    const t = this.tokens;
    const out: RichNode[] = [];
    let i = from;
    while (i < to) {
      const tok = t[i]!;
      const line = tok.map?.[0];
      switch (tok.type) {
        case 'heading_open': {
          const level = Number(tok.tag.slice(1));
          if (level < 2 || level > 4) this.fail(`Đề mục cấp ${level} (${'#'.repeat(level)}) không có trong chương; chỉ dùng ## (I.), ### (1.) và #### (a))`, line);
          out.push(this.heading(t[i + 1]!, level));
          i += 3;
          break;
        }
        case 'paragraph_open':
          out.push(this.paragraph(t[i + 1]!));
          i += 3;
          break;
        case 'blockquote_open': {
          const close = this.matching(i);
          out.push({ type: 'blockquote', content: this.blocks(i + 1, close) });
          i = close + 1;
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const close = this.matching(i);
          const items: RichNode[] = [];
          for (let j = i + 1; j < close; ) {
            if (t[j]!.type !== 'list_item_open') {
              j++;
              continue;
            }
            const end = this.matching(j);
            const inner = this.blocks(j + 1, end);
            if (inner[0]?.type !== 'paragraph') this.fail('Mỗi mục của danh sách phải mở đầu bằng một đoạn văn', t[j]!.map?.[0]);
            items.push({ type: 'listItem', content: inner });
            j = end + 1;
          }
          if (tok.type === 'bullet_list_open') out.push({ type: 'bulletList', content: items });
          else out.push({ type: 'orderedList', attrs: { start: Number(tok.attrGet('start') ?? 1), type: null }, content: items });
          i = close + 1;
          break;
        }
        case 'table_open': {
          const close = this.matching(i);
          out.push(this.table(i, close));
          i = close + 1;
          break;
        }
        case 'footnote_block_open':
          i = this.matching(i) + 1;
          break;
        default:
          this.fail(`Tệp dùng ${describe(tok)}, điều mà chương sách không có`, line);
      }
    }
    return out;
  }

  /** The index of the token closing the one opened at `i` (same type with _close, same nesting). */
  matching(i: number): number {
    const open = this.tokens[i]!.type;
    const close = open.replace(/_open$/, '_close');
    let depth = 0;
    for (let j = i; j < this.tokens.length; j++) {
      const type = this.tokens[j]!.type;
      if (type === open) depth++;
      else if (type === close && --depth === 0) return j;
    }
    return this.tokens.length;
  }

  heading(inl: Token, level: number): RichNode {
    const segs = this.segments(inl);
    let id: string | null = null;
    const last = segs[segs.length - 1];
    if (last?.kind === 'text') {
      const m = HEADING_ID.exec(last.text);
      if (m) {
        id = m[1]!;
        last.text = last.text.slice(0, m.index);
      }
    }
    const content = this.inline(segs, { inFootnote: false, mentions: true });
    const line = inl.map?.[0];
    if (id) {
      if (this.usedHeadingIds.has(id)) this.fail(`Mã đề mục {#${id}} đã dùng cho một đề mục khác trong tệp`, line);
    } else id = this.headingId(plain(content));
    this.usedHeadingIds.add(id);
    return { type: 'heading', attrs: { id, level }, content };
  }

  /**
   * A heading without `{#id}` gets one as the editor would give it (`h-` and eight letters or
   * digits), but from its text and the file rather than at random, so building the sample twice
   * gives the same chapters.
   */
  headingId(text: string): string {
    const n = (this.generatedIds.get(text) ?? 0) + 1;
    this.generatedIds.set(text, n);
    for (let salt = 0; ; salt++) {
      const seed = `${this.idScope}\u0001${text}\u0001${n}\u0001${salt}`;
      const id = `h-${(fnv1a(seed) + fnv1a(`${seed}\u0002`)).slice(0, 8).padEnd(8, '0')}`;
      if (!this.usedHeadingIds.has(id)) return id;
    }
  }

  paragraph(inl: Token): RichNode {
    const segs = this.segments(inl);
    const line = inl.map?.[0];
    const visible = segs.filter((s) => !(s.kind === 'text' && s.text.trim() === ''));
    // A figure: an image alone in its paragraph.
    if (visible.length === 1 && visible[0]!.kind === 'image') return this.figure(visible[0]!.token, visible[0]!.line ?? line);
    const image = segs.find((s) => s.kind === 'image');
    if (image) this.fail('Ảnh từ bản quét phải đứng riêng một đoạn: ![Chú thích](scan:D05)', image.line ?? line);
    // A reproduced document: `{{document D04}}` alone in its paragraph.
    const text = visible.every((s) => s.kind === 'text') ? visible.map((s) => (s.kind === 'text' ? s.text : '')).join('').trim() : '';
    const doc = DOCUMENT.exec(text);
    if (doc) return this.archivalDocument(doc[1]!, line);
    const content = this.inline(segs, { inFootnote: false, mentions: true });
    return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
  }

  figure(img: Token, line: number | undefined): RichNode {
    let src = String(img.attrGet('src') ?? '');
    try {
      src = decodeURIComponent(src);
    } catch {
      // kept as written: the message below shows it
    }
    const m = /^scan:\s*(\S+)(?:\s+(.*))?$/u.exec(src.normalize('NFC').trim());
    if (!m) this.fail(`Ảnh «${src}» không lấy từ bản quét; chương sách chỉ chèn được trang quét của tài liệu lưu trữ: ![Chú thích](scan:D05 tr.2)`, line);
    const key = m[1]!;
    let pageSeq = 1;
    if (m[2]) {
      const p = /^(?:tr\.?|trang)\s*(\d+)$/iu.exec(m[2].trim());
      if (!p) this.fail(`Không đọc được trang «${m[2]}» của ảnh ${key}; viết scan:${key} tr.2`, line);
      pageSeq = Number(p[1]);
    }
    const found = this.resolve(line, () => this.resolver.figure(key, pageSeq));
    const caption = this.inline(this.segmentsOf(img.children ?? [], line), { inFootnote: false, mentions: false });
    return { type: 'figure', attrs: { documentId: found.documentId, pageId: found.pageId, pageSeq: found.pageSeq, rotation: 0 }, ...(caption.length ? { content: caption } : {}) };
  }

  archivalDocument(key: string, line: number | undefined): RichNode {
    const found = this.resolve(line, () => this.resolver.document(key));
    // As the editor inserts one: a paragraph per entry, empty ones left out.
    const texts = found.paragraphs.map((p) => p.normalize('NFC').replace(/\s+/gu, ' ').trim()).filter(Boolean);
    if (!texts.length) this.fail(`Tài liệu ${key} không có văn bản để in lại nguyên văn`, line);
    return { type: 'archivalDocument', attrs: { documentId: found.documentId, label: found.label.normalize('NFC') }, content: texts.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })) };
  }

  table(open: number, close: number): RichNode {
    const rows: RichNode[] = [];
    let row: RichNode[] | null = null;
    let rowLine: number | undefined;
    let cellType = 'tableCell';
    let align: string | null = null;
    for (let j = open + 1; j < close; j++) {
      const x = this.tokens[j]!;
      if (x.type === 'tr_open') {
        row = [];
        rowLine = x.map?.[0];
      } else if (x.type === 'tr_close' && row) {
        rows.push({ type: 'tableRow', content: row });
        row = null;
      } else if (x.type === 'th_open' || x.type === 'td_open') {
        cellType = x.type === 'th_open' ? 'tableHeader' : 'tableCell';
        align = /text-align:\s*(left|center|right)/u.exec(String(x.attrGet('style') ?? ''))?.[1] ?? null;
      } else if (x.type === 'inline' && row) {
        const content = this.inline(this.segmentsOf(x.children ?? [], rowLine), { inFootnote: false, mentions: true });
        const paragraph: RichNode = content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
        row.push({ type: cellType, attrs: { colspan: 1, rowspan: 1, colwidth: null, align }, content: [paragraph] });
      }
    }
    return { type: 'table', content: rows };
  }

  // -------------------------------------------------------------------------------------------
  // Inline content

  segments(inl: Token): Seg[] {
    return this.segmentsOf(inl.children ?? [], inl.map?.[0]);
  }

  /** markdown-it's inline tokens → pieces of text with their marks, footnote calls, line breaks, images. */
  segmentsOf(children: Token[], firstLine: number | undefined): Seg[] {
    const out: Seg[] = [];
    const marks = { bold: 0, italic: 0 };
    const current = () => [...(marks.bold ? ['bold'] : []), ...(marks.italic ? ['italic'] : [])];
    let line = firstLine;
    for (const c of children) {
      switch (c.type) {
        case 'text':
          if (c.content) out.push({ kind: 'text', text: c.content, marks: current(), line });
          break;
        case 'softbreak':
          // A line of the source ends inside the sentence (and perhaps inside bold): a space, in its marks.
          out.push({ kind: 'text', text: ' ', marks: current(), line });
          if (line !== undefined) line++;
          break;
        case 'hardbreak':
          out.push({ kind: 'hardBreak' });
          if (line !== undefined) line++;
          break;
        case 'strong_open':
          marks.bold++;
          break;
        case 'strong_close':
          marks.bold--;
          break;
        case 'em_open':
          marks.italic++;
          break;
        case 'em_close':
          marks.italic--;
          break;
        case 'footnote_ref': {
          const meta = c.meta as { id: number; subId: number; label?: string };
          out.push({ kind: 'footnote', id: meta.id, subId: meta.subId, label: String(meta.label ?? meta.id + 1), line });
          break;
        }
        case 'image':
          out.push({ kind: 'image', token: c, line });
          break;
        default:
          this.fail(`Tệp dùng ${describe(c)}, điều mà chương sách không có`, line);
      }
    }
    return out;
  }

  /** Pieces → the editor's inline nodes: the dialect's syntax read, spaces as a typist leaves them. */
  inline(segs: Seg[], ctx: Context): RichNode[] {
    const out: RichNode[] = [];
    let run: Extract<Seg, { kind: 'text' }>[] = [];
    const flush = () => {
      if (run.length) out.push(...this.textRun(run, ctx));
      run = [];
    };
    for (const s of segs) {
      if (s.kind === 'text') {
        run.push(s);
        continue;
      }
      flush();
      if (s.kind === 'hardBreak') out.push({ type: 'hardBreak' });
      else if (s.kind === 'image') this.fail('Ảnh từ bản quét phải đứng riêng một đoạn: ![Chú thích](scan:D05)', s.line);
      else out.push(this.footnote(s));
    }
    flush();
    return tidy(out);
  }

  footnote(s: Extract<Seg, { kind: 'footnote' }>): RichNode {
    if (s.subId > 0) this.fail(`Chú thích [^${s.label}] được gọi hai lần; mỗi lời chú thích chỉ đi với một chỗ gọi`, s.line);
    const note = this.notes.get(s.id);
    const content = note?.paragraph ? this.inline(this.segmentsOf(note.paragraph.children ?? [], note.paragraph.map?.[0] ?? s.line), { inFootnote: true, mentions: true }) : [];
    if (!content.length) this.fail(`Chú thích [^${s.label}] không có lời`, note?.line ?? s.line);
    return { type: 'footnote', content };
  }

  /** A run of text pieces: mentions, citations and cross-references read over their joined text. */
  textRun(run: Extract<Seg, { kind: 'text' }>[], ctx: Context): RichNode[] {
    const joined = run.map((s) => s.text).join('');
    const starts: number[] = [];
    let pos = 0;
    for (const s of run) {
      starts.push(pos);
      pos += s.text.length;
    }
    const segAt = (offset: number) => {
      let k = 0;
      while (k + 1 < run.length && starts[k + 1]! <= offset) k++;
      return k;
    };
    const lineAt = (offset: number) => run[segAt(offset)]!.line;
    /** The text of [from, to) as text nodes, each piece with its own marks plus `extra`. */
    const slice = (from: number, to: number, extra: { type: string; attrs: Record<string, unknown> }[] = []): RichNode[] => {
      const nodes: RichNode[] = [];
      for (let k = segAt(from); k < run.length && starts[k]! < to; k++) {
        const s = run[k]!;
        const text = s.text.slice(Math.max(0, from - starts[k]!), Math.max(0, to - starts[k]!));
        if (!text) continue;
        const marks = [...s.marks.map((type) => ({ type })), ...extra];
        nodes.push({ type: 'text', text, ...(marks.length ? { marks } : {}) });
      }
      return nodes;
    };
    const plainSlice = (from: number, to: number): RichNode[] => {
      const text = joined.slice(from, to);
      const left = LEFTOVER.exec(text);
      if (left) this.leftover(left[0], text, lineAt(from + left.index));
      return slice(from, to);
    };

    const out: RichNode[] = [];
    let last = 0;
    for (const m of joined.matchAll(SYNTAX)) {
      out.push(...plainSlice(last, m.index));
      last = m.index + m[0].length;
      const line = lineAt(m.index);
      if (m[1] !== undefined) out.push(this.citation(m[1], m[0], ctx, line));
      else if (m[2] !== undefined) {
        // The printed words are the bracket's, trimmed: the spaces around stay outside the mark.
        const inner = m.index + 1;
        const lead = m[2].length - m[2].trimStart().length;
        const words = m[2].trim();
        if (!words) this.fail(`Tên riêng ${m[0]} không có chữ nào để in`, line);
        const mark = this.mention(m[3]!, m[4], words, m[0], ctx, line);
        out.push(...slice(inner + lead, inner + lead + words.length, [mark]));
      } else if (m[5] !== undefined) out.push(this.crossRef(m[5], m[6], m[0], line));
      else {
        const inner = m[7]!.trim();
        if (/^document\b/u.test(inner)) this.fail(`Văn kiện ${m[0]} phải đứng riêng một đoạn`, line);
        this.fail(`Không hiểu ${m[0]}; chỉ có {{ref chuong-2}}, {{ref #muc-id}} và {{document D04}}`, line);
      }
    }
    out.push(...plainSlice(last, joined.length));
    return out;
  }

  leftover(found: string, text: string, line: number | undefined): never {
    if (found.startsWith('[^')) this.fail(`Chú thích ${found} được gọi nhưng không có lời chú thích ${found}: … trong tệp`, line);
    if (found === '{#') this.fail('Mã đề mục {#…} chỉ đặt được ở cuối một đề mục', line);
    const excerpt = text.trim().length > 40 ? `${text.trim().slice(0, 40)}…` : text.trim();
    this.fail(`Không đọc được «${found}» trong «${excerpt}»; kiểm tra lại cú pháp [[D02]], [Tên]{.person}, {{ref …}}`, line);
  }

  citation(inner: string, written: string, ctx: Context, line: number | undefined): RichNode {
    if (!ctx.inFootnote) this.fail(`Trích dẫn ${written} chỉ đặt được trong lời chú thích (văn bản[^1] … [^1]: Xem ${written}.)`, line);
    const m = /^\s*(\S+)(?:\s+(.*?))?\s*$/u.exec(inner);
    if (!m) this.fail(`Trích dẫn ${written} không ghi tài liệu nào`, line);
    const key = m[1]!;
    const ref: { key: string; pageSeq?: number; folio?: string } = { key };
    if (m[2]) {
      const page = /^(?:tr\.?|trang)\s*(\d+)$/iu.exec(m[2]);
      const folio = /^tờ\s*(\S+)$/iu.exec(m[2]);
      if (page) ref.pageSeq = Number(page[1]);
      else if (folio) ref.folio = folio[1]!;
      else this.fail(`Không đọc được vị trí «${m[2]}» trong trích dẫn ${written}; viết [[${key} tr.2]] hoặc [[${key} tờ 4]]`, line);
    }
    const c = this.resolve(line, () => this.resolver.citation(ref));
    return { type: 'citation', attrs: { documentId: c.documentId, pageId: c.pageId, pageSeq: c.pageSeq, folio: c.folio.normalize('NFC'), text: c.text.normalize('NFC') } };
  }

  mention(kindWritten: string, nameWritten: string | undefined, words: string, written: string, ctx: Context, line: number | undefined): { type: string; attrs: Record<string, unknown> } {
    const kind = MENTION_KINDS[kindWritten];
    if (!kind) this.fail(`Loại tên riêng «.${kindWritten}» trong ${written} không có; dùng .person, .place hoặc .org`, line);
    if (!ctx.mentions) this.fail(`Chú thích ảnh không đánh dấu được tên riêng ${written}; hãy viết tên không kèm {.${kindWritten}}`, line);
    const term = (nameWritten ?? words).replace(/\s+/gu, ' ').trim();
    if (!term) this.fail(`Tên riêng ${written} không ghi tên trong danh mục sau dấu =`, line);
    const nameId = this.resolve(line, () => this.resolver.name(kind, term));
    return { type: 'mention', attrs: { nameId, kind, term } };
  }

  crossRef(ref: string, show: string | undefined, written: string, line: number | undefined): RichNode {
    const how = show ?? 'full';
    if (!SHOWS.includes(how)) this.fail(`Tham chiếu ${written} hiển thị «${how}» không có; dùng full, number, title hoặc page`, line);
    const target = this.resolve(line, () => this.resolver.target(ref, how as CrossRefShow));
    return { type: 'crossRef', attrs: { targetId: target.targetId, show: how, label: target.label.normalize('NFC') } };
  }
}

/** A token as the author knows it, for the sentence refusing it. */
function describe(tok: Token): string {
  switch (tok.type) {
    case 'html_block':
    case 'html_inline':
      return `thẻ HTML «${tok.content.trim().slice(0, 30)}»`;
    case 'code_inline':
    case 'code_block':
    case 'fence':
      return 'mã lệnh (`…` hoặc khối thụt lề)';
    case 'link_open':
      return 'liên kết [chữ](địa chỉ)';
    case 's_open':
    case 's_close':
      return 'chữ gạch ngang ~~…~~';
    case 'hr':
      return 'đường kẻ ngang (---)';
    default:
      return `«${tok.markup || tok.type}»`;
  }
}

/**
 * Spaces as a typist leaves them: runs of white space become one space; none at the start or end,
 * after a line break, before a footnote's call or a line break, or twice across two text nodes.
 * Empty text nodes go.
 */
function tidy(nodes: RichNode[]): RichNode[] {
  const out: RichNode[] = [];
  for (const n of nodes) {
    if (n.type !== 'text') {
      if (n.type === 'footnote' || n.type === 'hardBreak') trimEnd(out);
      out.push(n);
      continue;
    }
    let text = n.text!.replace(/[ \t\r\n]+/gu, ' ');
    const prev = out[out.length - 1];
    const atStart = !prev || prev.type === 'hardBreak';
    if (atStart || (prev.type === 'text' && prev.text!.endsWith(' '))) text = text.replace(/^ /u, '');
    if (text) out.push({ ...n, text });
  }
  trimEnd(out);
  return out;
}

function trimEnd(out: RichNode[]): void {
  for (let last = out[out.length - 1]; last?.type === 'text' && last.text!.endsWith(' '); last = out[out.length - 1]) {
    last.text = last.text!.replace(/ +$/u, '');
    if (last.text) break;
    out.pop();
  }
}

function plain(nodes: RichNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text ?? '' : n.type === 'footnote' ? '' : plain(n.content ?? []))).join('');
}

/** FNV-1a, 32 bits, in base 36: a short stable fingerprint. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** A footnote defined but never called: its line in the source, for the sentence. */
function definitionLine(src: string, label: string): number | undefined {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const m = new RegExp(`^ {0,3}\\[\\^${escaped}\\]:`, 'mu').exec(src);
  return m ? (src.slice(0, m.index).match(/\n/gu) ?? []).length : undefined;
}

/**
 * A chapter in the manuscript dialect → the JSON the editor stores, valid per `validateRichDoc`.
 * Throws UserFacingError (one sentence naming the file and line) for what the dialect does not
 * have and for what the resolver refuses.
 */
export function sampleMarkdownToRichDoc(src: string, resolver: SampleResolver, options: SampleMarkdownOptions = {}): RichDoc {
  const text = src.replace(/^\uFEFF/u, '').normalize('NFC');
  // A scan page's locator has a space (`scan:D05 tr.2`), which a Markdown link destination takes only between <>.
  const prepared = text.replace(/\]\((scan:[^()<>\n]*?\s[^()<>\n]*?)\)/gu, '](<$1>)');
  const env: { footnotes?: { refs?: Record<string, number> } } = {};
  const tokens = md.parse(prepared, env);
  const fileName = options.fileName;
  const scope = options.idScope ?? (fileName ?? '').replace(/\\/gu, '/').replace(/(^|\/)([^/.]*)[^/]*$/u, '$1$2');
  const conv = new Converter(tokens, resolver, fileName, scope);
  for (const [key, id] of Object.entries(env.footnotes?.refs ?? {})) {
    if (id >= 0) continue;
    const label = key.slice(1);
    conv.fail(`Lời chú thích [^${label}] không được gọi ở đâu trong văn bản`, definitionLine(prepared, label));
  }
  conv.readNotes();
  const blocks = conv.blocks(0, tokens.length);
  const doc = { type: 'doc', content: blocks.length ? blocks : [{ type: 'paragraph' }] };
  const checked = validateRichDoc(doc);
  if (!checked.ok) return conv.fail(checked.reason.replace(/[.]+$/u, ''), undefined);
  // Through the schema's own JSON: marks in its order, adjacent text with the same marks joined.
  return checked.doc.toJSON() as RichDoc;
}
