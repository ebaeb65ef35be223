/**
 * The manuscript schema, defined once: every node and mark a chapter may hold, with its attributes
 * and content rules, as a ProseMirror schema. The editor's tiptap extensions are built to match it
 * (a unit test compares the two node by node), every save is checked against it
 * (`validateRichDoc`), stored or imported documents are read through it (`readRichDoc`), and the
 * book-model conversion (shared/book/fromRichDoc.ts) reads what it allows.
 *
 *   doc             block+
 *   paragraph       inline*                         (the first block: what empty places are filled with)
 *   heading         inline*          level 2–4 (section I. › 1. › a)), id (cross-reference target)
 *   blockquote      block+
 *   bulletList      listItem+        orderedList  listItem+ (start, type)      listItem  paragraph block*
 *   table           tableRow+        tableRow  (tableCell | tableHeader)*     cells  block+
 *   figure          inline*          a scan page (documentId, pageId, pageSeq, rotation); content = caption
 *   archivalDocument block+          a reproduced document (documentId, label); content = its text
 *   pageBreak       atom
 *   footnote        inline atom, its own INLINE content: text, hardBreak, citation, crossRef, with
 *                   bold/italic/underline/mention marks (never paragraphs: one note is one paragraph)
 *   citation        inline atom      documentId, pageId, pageSeq, folio, text (last generated text)
 *   crossRef        inline atom      targetId, show ('full' | 'number' | 'title' | 'page'), label
 *   hardBreak, text
 * Marks: bold, italic, underline, comment (commentId, resolved), mention (nameId, kind, term).
 *
 * Pure: prosemirror-model needs no DOM for schemas, JSON and content checks.
 */
import { Fragment, Mark, Schema, type MarkSpec, type Node as PMNode, type NodeSpec, type NodeType } from '@tiptap/pm/model';
import type { RichNode } from './richDoc';

const num = { default: null as number | null, validate: 'number|null' };
const str = (value = '') => ({ default: value, validate: 'string' });

/** Node specs in schema order (order matters: the first block is the default block). */
export const MANUSCRIPT_NODES = {
  paragraph: { content: 'inline*', group: 'block' },
  blockquote: { content: 'block+', group: 'block' },
  bulletList: { content: 'listItem+', group: 'block list' },
  doc: { content: 'block+' },
  hardBreak: { group: 'inline', inline: true },
  heading: {
    content: 'inline*',
    group: 'block',
    attrs: {
      id: { default: null, validate: 'string|null' },
      level: {
        default: 2,
        validate: (v: unknown) => {
          if (v !== 2 && v !== 3 && v !== 4) throw new RangeError(`heading level ${String(v)}`);
        },
      },
    },
  },
  listItem: { content: 'paragraph block*' },
  orderedList: { content: 'listItem+', group: 'block list', attrs: { start: { default: 1, validate: 'number' }, type: { default: null, validate: 'string|null' } } },
  text: { group: 'inline' },
  table: { content: 'tableRow+', group: 'block' },
  tableCell: { content: 'block+', attrs: cellAttrs() },
  tableHeader: { content: 'block+', attrs: cellAttrs() },
  tableRow: { content: '(tableCell | tableHeader)*' },
  footnote: { content: '(text | hardBreak | citation | crossRef)*', group: 'inline', marks: 'bold italic underline mention', inline: true, atom: true },
  citation: { group: 'inline', inline: true, atom: true, attrs: { documentId: num, pageId: num, pageSeq: num, folio: str(), text: str() } },
  pageBreak: { group: 'block', atom: true },
  archivalDocument: { content: 'block+', group: 'block', attrs: { documentId: num, label: str() } },
  figure: { content: 'inline*', group: 'block', marks: 'bold italic underline', attrs: { documentId: num, pageId: num, pageSeq: num, rotation: num } },
  crossRef: {
    group: 'inline',
    inline: true,
    atom: true,
    attrs: {
      targetId: str(),
      show: {
        default: 'full',
        validate: (v: unknown) => {
          if (v !== 'full' && v !== 'number' && v !== 'title' && v !== 'page') throw new RangeError(`cross-reference show ${String(v)}`);
        },
      },
      label: str(),
    },
  },
} satisfies Record<string, NodeSpec>;

function cellAttrs() {
  return { colspan: { default: 1, validate: 'number' }, rowspan: { default: 1, validate: 'number' }, colwidth: { default: null }, align: { default: null, validate: 'string|null' } };
}

export const MANUSCRIPT_MARKS = {
  bold: {},
  italic: {},
  underline: {},
  comment: { excludes: '', inclusive: false, attrs: { commentId: num, resolved: { default: false, validate: 'boolean' } } },
  mention: {
    excludes: 'mention',
    inclusive: false,
    attrs: { nameId: num, kind: { default: 'person', validate: 'string' }, term: str() },
  },
} satisfies Record<string, MarkSpec>;

export type ManuscriptNodeName = keyof typeof MANUSCRIPT_NODES;
export type ManuscriptMarkName = keyof typeof MANUSCRIPT_MARKS;

export const manuscriptSchema = new Schema({ nodes: MANUSCRIPT_NODES, marks: MANUSCRIPT_MARKS, topNode: 'doc' });

/**
 * The content rules of a node as a tiptap extension takes them (content, group, marks, inline,
 * atom): the extensions spread this so the editor cannot drift from the schema.
 */
export function nodeRules(name: ManuscriptNodeName): { content?: string; group?: string; marks?: string; inline?: boolean; atom?: boolean } {
  const spec = MANUSCRIPT_NODES[name] as NodeSpec;
  return {
    ...(spec.content !== undefined ? { content: spec.content } : {}),
    ...(spec.group !== undefined ? { group: spec.group } : {}),
    ...(spec.marks !== undefined ? { marks: spec.marks } : {}),
    ...(spec.inline ? { inline: true } : {}),
    ...(spec.atom ? { atom: true } : {}),
  };
}

/** What the user calls each node, for sentences about a document that cannot be saved. */
const NODE_NAMES: Record<string, string> = {
  doc: 'chương',
  paragraph: 'đoạn văn',
  heading: 'đề mục',
  blockquote: 'đoạn trích',
  bulletList: 'danh sách',
  orderedList: 'danh sách đánh số',
  listItem: 'mục của danh sách',
  table: 'bảng',
  tableRow: 'hàng của bảng',
  tableCell: 'ô của bảng',
  tableHeader: 'ô tiêu đề của bảng',
  figure: 'ảnh tư liệu',
  archivalDocument: 'văn kiện',
  pageBreak: 'ngắt trang',
  footnote: 'chú thích',
  citation: 'trích dẫn',
  crossRef: 'tham chiếu chéo',
  hardBreak: 'ngắt dòng',
  text: 'chữ',
};
const MARK_NAMES: Record<string, string> = { bold: 'chữ đậm', italic: 'chữ nghiêng', underline: 'gạch chân', comment: 'nhận xét', mention: 'tên riêng' };
const nodeName = (t: string) => NODE_NAMES[t] ?? `«${t}»`;

/** Nesting deeper than this is not something the editor makes (and would exhaust the stack). */
const MAX_DEPTH = 64;

export type Validation = { ok: true; doc: PMNode } | { ok: false; reason: string };

class Invalid extends Error {}

/**
 * Checks a chapter document against the schema, strictly: unknown nodes or marks, a mark where it
 * is not allowed, wrong attributes, content in the wrong place, empty text nodes, too deep
 * nesting. The reason is one Vietnamese sentence naming what is wrong and where.
 */
export function validateRichDoc(json: unknown): Validation {
  try {
    const doc = strictNode(json, 0, null);
    if (doc.type.name !== 'doc') throw new Invalid('Nội dung chương không phải là một văn bản của trình soạn thảo.');
    return { ok: true, doc };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: e.message };
    return { ok: false, reason: `Nội dung chương không hợp lệ (${(e as Error).message}).` };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strictNode(json: unknown, depth: number, parent: NodeType | null): PMNode {
  if (depth > MAX_DEPTH) throw new Invalid(`Nội dung chương lồng nhau quá ${MAX_DEPTH} tầng.`);
  if (!isObject(json) || typeof json.type !== 'string') throw new Invalid(`Nội dung chương có một phần không đọc được${parent ? ` trong ${nodeName(parent.name)}` : ''}.`);
  const type = manuscriptSchema.nodes[json.type];
  if (!type) throw new Invalid(`Nội dung chương có phần tử «${json.type}» mà trình soạn thảo không tạo ra.`);
  const where = parent ? ` trong ${nodeName(parent.name)}` : '';
  const marks: Mark[] = [];
  if (json.marks !== undefined) {
    if (!Array.isArray(json.marks)) throw new Invalid(`Định dạng của ${nodeName(type.name)}${where} không đọc được.`);
    for (const m of json.marks) {
      const mt = isObject(m) && typeof m.type === 'string' ? manuscriptSchema.marks[m.type] : undefined;
      if (!mt) throw new Invalid(`Nội dung chương có định dạng «${isObject(m) ? String(m.type) : '?'}» mà trình soạn thảo không tạo ra.`);
      if (parent && !parent.allowsMarkType(mt)) throw new Invalid(`${cap(MARK_NAMES[mt.name] ?? mt.name)} không dùng được trong ${nodeName(parent.name)}.`);
      try {
        marks.push(mt.create(isObject(m) && isObject(m.attrs) ? m.attrs : null));
      } catch (e) {
        throw new Invalid(`Thuộc tính của ${MARK_NAMES[mt.name] ?? mt.name}${where} không hợp lệ (${(e as Error).message}).`);
      }
    }
  }
  if (type.name === 'text') {
    if (typeof json.text !== 'string' || json.text === '') throw new Invalid(`Nội dung chương có một đoạn chữ rỗng${where}.`);
    return manuscriptSchema.text(json.text, Mark.setFrom(marks));
  }
  const children: PMNode[] = [];
  if (json.content !== undefined) {
    if (!Array.isArray(json.content)) throw new Invalid(`Nội dung của ${nodeName(type.name)}${where} không đọc được.`);
    for (const c of json.content) children.push(strictNode(c, depth + 1, type));
  }
  let match = type.contentMatch;
  for (const child of children) {
    const next = match.matchType(child.type);
    if (!next) throw new Invalid(`${cap(nodeName(child.type.name))} không được đặt trong ${nodeName(type.name)}.`);
    match = next;
  }
  if (!match.validEnd) throw new Invalid(`${cap(nodeName(type.name))}${where} thiếu nội dung bắt buộc.`);
  if (isObject(json.attrs)) {
    const known = type.spec.attrs ?? {};
    const extra = Object.keys(json.attrs).find((k) => !(k in known));
    if (extra) throw new Invalid(`${cap(nodeName(type.name))}${where} có thuộc tính lạ «${extra}».`);
  }
  let node: PMNode;
  try {
    node = type.create(isObject(json.attrs) ? json.attrs : null, Fragment.fromArray(children), Mark.setFrom(marks));
    node.check();
  } catch (e) {
    throw new Invalid(`Thuộc tính của ${nodeName(type.name)}${where} không hợp lệ (${(e as Error).message}).`);
  }
  return node;
}

const cap = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

// ---------------------------------------------------------------------------------------------
// The tolerant reader

/**
 * A stored or imported document as a valid one, keeping every word: what the strict check would
 * refuse is repaired the way the editor itself would read it.
 * - a footnote whose content is wrapped in paragraphs (older tests and tools) becomes one inline
 *   note, its paragraphs joined by line breaks;
 * - marks the schema lacks (strike…) are dropped, the text kept; heading levels are brought to 2–4;
 * - inline content found among blocks is wrapped in a paragraph, blocks found inside inline
 *   content give their text; unknown nodes give their content or their text;
 * - required content is filled in (an empty table cell gets an empty paragraph);
 * - all text becomes NFC.
 * `repaired` tells whether anything had to change (beyond NFC).
 */
export function readRichDoc(json: unknown): { doc: { type: 'doc'; content: RichNode[] }; repaired: boolean } {
  const state = { repaired: false };
  const root = isObject(json) && Array.isArray(json.content) ? json : { type: 'doc', content: [] };
  if (!isObject(json) || json.type !== 'doc') state.repaired = true;
  const doc = fit(manuscriptSchema.nodes.doc!, readChildren(root.content as unknown[], manuscriptSchema.nodes.doc!, state, 0), state);
  const out = doc.toJSON() as { type: 'doc'; content?: RichNode[] };
  return { doc: { type: 'doc', content: out.content ?? [] }, repaired: state.repaired };
}

/** A chapter as stored (its JSON text) read through `readRichDoc`; unreadable JSON is an empty chapter. */
export function readStoredRichDoc(content: string): { type: 'doc'; content: RichNode[] } {
  let json: unknown = null;
  try {
    json = JSON.parse(content);
  } catch {
    json = null;
  }
  return readRichDoc(json).doc;
}

interface ReadState {
  repaired: boolean;
}

function readMarks(raw: unknown, parent: NodeType, state: ReadState): readonly Mark[] {
  if (!Array.isArray(raw)) return [];
  const out: Mark[] = [];
  for (const m of raw) {
    const mt = isObject(m) && typeof m.type === 'string' ? manuscriptSchema.marks[m.type] : undefined;
    if (!mt || !parent.allowsMarkType(mt)) {
      state.repaired = true;
      continue;
    }
    try {
      out.push(mt.create(isObject(m) && isObject(m.attrs) ? m.attrs : null));
    } catch {
      state.repaired = true;
    }
  }
  return Mark.setFrom(out);
}

/** The nodes a JSON node becomes inside `parent` (zero, one or several). */
function readNode(json: unknown, parent: NodeType, state: ReadState, depth: number): PMNode[] {
  if (!isObject(json)) {
    state.repaired = true;
    return [];
  }
  const typeName = typeof json.type === 'string' ? json.type : '';
  if (typeName === 'text' || (typeName === '' && typeof json.text === 'string')) {
    const text = typeof json.text === 'string' ? json.text.normalize('NFC') : '';
    if (!text) {
      state.repaired = true;
      return [];
    }
    // Text found among blocks will be wrapped in a paragraph: read its marks as a paragraph's.
    const markParent = parent.inlineContent ? parent : manuscriptSchema.nodes.paragraph!;
    return [manuscriptSchema.text(text, readMarks(json.marks, markParent, state))];
  }
  const type = manuscriptSchema.nodes[typeName];
  const rawContent = Array.isArray(json.content) ? (json.content as unknown[]) : [];
  if (!type || depth > MAX_DEPTH) {
    // Unknown: its content in place, or its text as text.
    state.repaired = true;
    if (depth > MAX_DEPTH) return textNodes(plainText(json), parent);
    if (rawContent.length) return readChildren(rawContent, parent, state, depth);
    return typeof json.text === 'string' ? textNodes(json.text, parent) : [];
  }
  let attrs: Record<string, unknown> = isObject(json.attrs) ? { ...json.attrs } : {};
  if (type.name === 'heading') {
    const level = Number(attrs.level);
    const fixed = Number.isFinite(level) ? Math.min(4, Math.max(2, Math.round(level))) : 2;
    if (fixed !== attrs.level) state.repaired = true;
    attrs.level = fixed;
  }
  attrs = validAttrs(type, attrs, state);
  const children = type.isLeaf ? [] : readChildren(rawContent, type, state, depth);
  const node = type.isLeaf ? type.create(attrs) : fit(type, children, state, attrs);
  const marks = readMarks(json.marks, parent, state);
  return [marks.length ? node.mark(marks) : node];
}

/** Attributes the type accepts; a value that fails its check falls back to the default. */
function validAttrs(type: NodeType, attrs: Record<string, unknown>, state: ReadState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(type.spec.attrs ?? {})) {
    if (!(name in attrs) || attrs[name] === undefined) continue;
    try {
      type.create({ [name]: attrs[name] }); // runs the attribute's check
      out[name] = attrs[name];
    } catch {
      state.repaired = true;
    }
  }
  return out;
}

function readChildren(raw: unknown[], parent: NodeType, state: ReadState, depth: number): PMNode[] {
  const out: PMNode[] = [];
  for (const c of raw) out.push(...readNode(c, parent, state, depth + 1));
  return out;
}

function plainText(json: unknown): string {
  if (!isObject(json)) return '';
  if (typeof json.text === 'string') return json.text;
  return Array.isArray(json.content) ? json.content.map(plainText).join(' ') : '';
}

function textNodes(text: string, parent: NodeType): PMNode[] {
  const t = text.normalize('NFC');
  if (!t) return [];
  const node = manuscriptSchema.text(t);
  return parent.inlineContent || parent.contentMatch.matchType(node.type) ? [node] : [manuscriptSchema.nodes.paragraph!.create(null, node)];
}

/**
 * `children` arranged to fit `type`'s content: inline runs among blocks go into paragraphs,
 * blocks inside inline content give their inline content (joined by line breaks), anything else
 * is wrapped as the content expression allows or, failing that, given as text.
 */
function fit(type: NodeType, children: PMNode[], state: ReadState, attrs: Record<string, unknown> | null = null): PMNode {
  const paragraph = manuscriptSchema.nodes.paragraph!;
  const hardBreak = manuscriptSchema.nodes.hardBreak!;
  let items = children;
  if (type.inlineContent) {
    const flat: PMNode[] = [];
    for (const c of items) {
      if (c.isInline) flat.push(c);
      else {
        state.repaired = true;
        const inner: PMNode[] = [];
        c.descendants((d) => {
          if (d.isInline) {
            inner.push(d);
            return false;
          }
          if (d.isTextblock && inner.length) inner.push(hardBreak.create());
          return true;
        });
        if (flat.length && inner.length) flat.push(hardBreak.create());
        flat.push(...inner);
      }
    }
    items = flat.flatMap((n) => (type.contentMatch.matchType(n.type) ? [n] : textOrNothing(n, state)));
    items = items.map((n) => {
      const allowed = n.marks.filter((m) => type.allowsMarkType(m.type));
      if (allowed.length !== n.marks.length) state.repaired = true;
      return allowed.length !== n.marks.length ? n.mark(allowed) : n;
    });
  } else {
    const grouped: PMNode[] = [];
    let run: PMNode[] = [];
    const flush = () => {
      if (run.length) grouped.push(paragraph.create(null, run));
      run = [];
    };
    for (const c of items) {
      if (c.isInline && !type.contentMatch.matchType(c.type)) {
        state.repaired = true;
        run.push(c);
      } else {
        flush();
        grouped.push(c);
      }
    }
    flush();
    items = [];
    let match = type.contentMatch;
    for (const c of grouped) {
      let next = match.matchType(c.type);
      if (next) {
        items.push(c);
        match = next;
        continue;
      }
      state.repaired = true;
      const wrap = match.findWrapping(c.type);
      if (wrap) {
        let node = c;
        for (let i = wrap.length - 1; i >= 0; i--) node = wrap[i]!.createAndFill(null, node) ?? node;
        next = match.matchType(node.type);
        if (next) {
          items.push(node);
          match = next;
          continue;
        }
      }
      // A block that cannot go here: its text as a paragraph, when paragraphs can.
      const text = c.textContent;
      next = match.matchType(paragraph);
      if (text && next) {
        items.push(paragraph.create(null, manuscriptSchema.text(text.normalize('NFC'))));
        match = next;
      }
    }
  }
  const content = Fragment.fromArray(items);
  const node = type.createAndFill(attrs, content);
  if (node && node.content.size !== content.size) state.repaired = true;
  if (node) return node;
  state.repaired = true;
  return type.createAndFill(attrs) ?? type.create(attrs);
}

/** An inline node the parent does not take (a footnote inside a footnote): its text instead. */
function textOrNothing(n: PMNode, state: ReadState): PMNode[] {
  state.repaired = true;
  const text = n.type.name === 'citation' ? String(n.attrs.text ?? '') : n.type.name === 'crossRef' ? String(n.attrs.label ?? '') : n.textContent;
  return text ? [manuscriptSchema.text(text.normalize('NFC'))] : [];
}
