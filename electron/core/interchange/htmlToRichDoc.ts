/**
 * HTML (from markdown-it or mammoth) → tiptap JSON in the manuscript's schema. Footnotes in both
 * forms become inline `footnote` nodes with their own content:
 * - markdown-it-footnote: `<sup class="footnote-ref"><a href="#fn1">` + `<li id="fn1">` in a trailing section;
 * - mammoth and the office readers: `<sup><a href="#footnote-1">` + `<li id="footnote-1">` in a
 *   trailing `<ol>` (endnotes: `endnote-1`, numbered apart from the footnotes).
 * Anything the schema has no place for is kept as its text; what is dropped is reported.
 */
import { parseHTML } from 'linkedom';
import type { RichNode } from '../../../shared/manuscript/richDoc';

type El = {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<El>;
  parentNode: El | null;
  getAttribute(name: string): string | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  remove(): void;
};

export interface HtmlSection {
  /** The text of the top-level heading (h1) that opened the section, '' before the first one. */
  heading: string;
  content: RichNode[];
}

export interface ConvertedHtml {
  sections: HtmlSection[];
  footnotes: number;
  warnings: string[];
}

const FOOTNOTE_ID = /^((?:fn|footnote-|endnote-)\d+)$/;
const FOOTNOTE_HREF = /^#((?:fn|footnote-|endnote-)\d+)$/;
const BACKREF_HREF = /^#(?:fnref|footnote-ref-|endnote-ref-)\d+(?::\d+)?$/;

type Mark = { type: string };

export function htmlToRichDoc(html: string): ConvertedHtml {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const body = document.body as unknown as El;
  const warnings: string[] = [];
  let dropped = 0;

  // 1. Collect the footnote bodies and take them out of the text.
  const notes = new Map<string, El>();
  for (const li of Array.from(body.querySelectorAll('li[id]'))) {
    const m = FOOTNOTE_ID.exec(li.getAttribute('id') ?? '');
    if (m) notes.set(m[1]!, li);
  }
  for (const li of notes.values()) {
    for (const a of Array.from(li.querySelectorAll('a[href]'))) if (BACKREF_HREF.test(a.getAttribute('href') ?? '')) a.remove();
  }
  for (const li of notes.values()) {
    const list = li.parentNode;
    li.remove();
    if (list && !(list.textContent ?? '').trim()) {
      const section = list.parentNode && list.parentNode.nodeName === 'SECTION' ? list.parentNode : list;
      section.remove();
    }
  }
  for (const hr of Array.from(body.querySelectorAll('hr.footnotes-sep'))) hr.remove();
  let footnotes = 0;

  const inline = (nodes: ArrayLike<El>, marks: Mark[]): RichNode[] => {
    const out: RichNode[] = [];
    for (const n of Array.from(nodes)) {
      if (n.nodeType === 3) {
        const text = (n.textContent ?? '').replace(/\s+/g, ' ');
        if (text) out.push({ type: 'text', text, ...(marks.length ? { marks: marks.map((m) => ({ ...m })) } : {}) });
        continue;
      }
      if (n.nodeType !== 1) continue;
      const tag = n.nodeName.toLowerCase();
      const href = tag === 'a' ? n.getAttribute('href') ?? '' : '';
      const noteRef = FOOTNOTE_HREF.exec(href);
      if (noteRef) {
        const li = notes.get(noteRef[1]!);
        if (li) {
          footnotes++;
          out.push({ type: 'footnote', content: trimInline(footnoteInline(li)) });
        }
        continue;
      }
      if (tag === 'sup' && Array.from(n.childNodes).some((c) => c.nodeName === 'A' && FOOTNOTE_HREF.test(c.getAttribute('href') ?? ''))) {
        out.push(...inline(n.childNodes, marks));
        continue;
      }
      if (tag === 'br') out.push({ type: 'hardBreak' });
      else if (tag === 'img') dropped++;
      else {
        const mark = tag === 'strong' || tag === 'b' ? 'bold' : tag === 'em' || tag === 'i' ? 'italic' : tag === 'u' ? 'underline' : tag === 's' || tag === 'del' ? 'strike' : null;
        out.push(...inline(n.childNodes, mark && !marks.some((m) => m.type === mark) ? [...marks, { type: mark }] : marks));
      }
    }
    return out;
  };

  const footnoteInline = (li: El): RichNode[] => {
    const parts: RichNode[][] = [];
    const blocks = Array.from(li.childNodes).filter((c) => c.nodeType === 1 && /^(P|DIV|UL|OL)$/.test(c.nodeName));
    if (blocks.length === 0) parts.push(inline(li.childNodes, []));
    else for (const b of blocks) parts.push(trimInline(inline(b.childNodes, [])));
    const out: RichNode[] = [];
    parts.filter((p) => p.length).forEach((p, i) => {
      if (i > 0) out.push({ type: 'hardBreak' });
      out.push(...p);
    });
    return out;
  };

  const paragraph = (content: RichNode[]): RichNode => {
    const c = trimInline(content);
    return c.length ? { type: 'paragraph', content: c } : { type: 'paragraph' };
  };

  const blocks = (nodes: ArrayLike<El>): RichNode[] => {
    const out: RichNode[] = [];
    let loose: El[] = [];
    const flush = () => {
      if (loose.length) {
        const p = paragraph(inline(loose as unknown as ArrayLike<El>, []));
        if (p.content) out.push(p);
        loose = [];
      }
    };
    for (const n of Array.from(nodes)) {
      const tag = n.nodeType === 1 ? n.nodeName.toLowerCase() : '';
      if (!/^(p|h[1-6]|ul|ol|blockquote|table|div|section|hr|pre)$/.test(tag)) {
        if (n.nodeType === 3 && !(n.textContent ?? '').trim() && loose.length === 0) continue;
        loose.push(n);
        continue;
      }
      flush();
      if (tag === 'p' || tag === 'pre') {
        const p = paragraph(inline(n.childNodes, []));
        if (p.content) out.push(p);
      } else if (/^h[1-6]$/.test(tag)) {
        out.push({ type: 'heading', attrs: { level: Number(tag[1]) }, content: trimInline(inline(n.childNodes, [])) });
      } else if (tag === 'ul' || tag === 'ol') {
        const items = Array.from(n.childNodes)
          .filter((c) => c.nodeName === 'LI')
          .map((li) => {
            const inner = blocks(li.childNodes);
            return { type: 'listItem', content: inner.length ? inner : [{ type: 'paragraph' }] } as RichNode;
          });
        if (items.length) out.push({ type: tag === 'ul' ? 'bulletList' : 'orderedList', content: items });
      } else if (tag === 'blockquote') {
        const inner = blocks(n.childNodes);
        if (inner.length) out.push({ type: 'blockquote', content: inner });
      } else if (tag === 'table') {
        const rows = Array.from(n.querySelectorAll('tr')).map((tr) => ({
          type: 'tableRow',
          content: Array.from(tr.childNodes)
            .filter((c) => c.nodeName === 'TD' || c.nodeName === 'TH')
            .map((cell) => {
              const inner = blocks(cell.childNodes);
              return { type: cell.nodeName === 'TH' ? 'tableHeader' : 'tableCell', content: inner.length ? inner : [{ type: 'paragraph' }] } as RichNode;
            }),
        }));
        const good = rows.filter((r) => r.content.length);
        if (good.length) out.push({ type: 'table', content: good });
      } else if (tag === 'hr') {
        // A thematic break has no place in a chapter; dropped silently.
      } else out.push(...blocks(n.childNodes));
    }
    flush();
    return out;
  };

  const all = blocks(body.childNodes);
  const sections: HtmlSection[] = [{ heading: '', content: [] }];
  for (const b of all) {
    if (b.type === 'heading' && b.attrs?.level === 1) sections.push({ heading: textOf(b.content), content: [] });
    else sections[sections.length - 1]!.content.push(b);
  }
  if (sections[0]!.content.length === 0) sections.shift();
  if (dropped) warnings.push(`Bỏ qua ${dropped} hình ảnh (hãy chèn hình từ kho tư liệu).`);
  return { sections, footnotes, warnings };
}

function textOf(nodes: RichNode[] | undefined): string {
  return (nodes ?? [])
    .map((n) => (n.type === 'text' ? n.text ?? '' : n.type === 'footnote' ? '' : textOf(n.content)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Drops leading/trailing spaces of a run of inline nodes. */
function trimInline(nodes: RichNode[]): RichNode[] {
  const out = nodes.map((n) => ({ ...n }));
  while (out.length && out[0]!.type === 'hardBreak') out.shift();
  while (out.length && out[out.length - 1]!.type === 'hardBreak') out.pop();
  const first = out[0];
  if (first?.type === 'text') first.text = first.text!.replace(/^\s+/, '');
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text = last.text!.replace(/\s+$/, '');
  return out.filter((n) => n.type !== 'text' || n.text);
}
