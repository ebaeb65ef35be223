/**
 * Reading a chapter's tiptap JSON without an editor: its headings outline, its paragraphs as text
 * (for comparing revisions), the archived documents it cites, and a copy with every citation
 * replaced by its current text (for export). Pure.
 *
 * Node names shared with the editor (renderer/books/editor):
 * - `footnote`  inline, its own inline content: `{ type: 'footnote', content: [...] }`
 * - `citation`  inline atom: `{ type: 'citation', attrs: { documentId, pageId, pageSeq, folio, text } }`
 *               `text` is the last generated text, kept as a fallback; the current text is always
 *               generated again from the document's metadata.
 * - `pageBreak` block atom.
 */
import type { OutlineHeading } from './structure';
import type { CitationSpan } from './citation';

export interface RichNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: RichNode[];
}

export interface CitationRef {
  documentId: number;
  pageId: number | null;
  pageSeq: number | null;
  folio: string;
}

export function citationRefOf(attrs: Record<string, unknown> | undefined): CitationRef | null {
  const documentId = Number(attrs?.documentId);
  if (!Number.isInteger(documentId) || documentId <= 0) return null;
  const num = (v: unknown) => (v == null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));
  return { documentId, pageId: num(attrs?.pageId), pageSeq: num(attrs?.pageSeq), folio: typeof attrs?.folio === 'string' ? attrs.folio : '' };
}

/** The key under which a citation's text is looked up: document, page and folio. */
export function citationKey(ref: CitationRef): string {
  return `${ref.documentId}:${ref.pageSeq ?? ''}:${ref.folio}`;
}

function walk(nodes: RichNode[] | undefined, visit: (n: RichNode) => void): void {
  for (const n of nodes ?? []) {
    visit(n);
    walk(n.content, visit);
  }
}

/**
 * Where a footnote's text starts and ends inside a paragraph's plain text (characters of Unicode's
 * private use area, which no typed or imported text carries), so a comparison can show it apart.
 */
export const NOTE_START = '\uE000';
export const NOTE_END = '\uE001';

export function inlineText(nodes: RichNode[] | undefined, citationText: (ref: CitationRef, fallback: string) => string = (_r, f) => f): string {
  let out = '';
  for (const n of nodes ?? []) {
    if (n.type === 'text') out += n.text ?? '';
    else if (n.type === 'hardBreak') out += ' ';
    else if (n.type === 'footnote') out += NOTE_START + inlineText(n.content, citationText) + NOTE_END;
    else if (n.type === 'citation') {
      const ref = citationRefOf(n.attrs);
      const fallback = typeof n.attrs?.text === 'string' ? n.attrs.text : '';
      out += ref ? citationText(ref, fallback) : fallback;
    } else out += inlineText(n.content, citationText);
  }
  return out;
}

/** The headings of a chapter (editor levels 2–4 → outline levels 1–3). */
export function outlineOf(doc: { content?: unknown[] }): OutlineHeading[] {
  const out: OutlineHeading[] = [];
  for (const n of (doc.content ?? []) as RichNode[]) {
    if (n.type !== 'heading') continue;
    const level = Math.min(3, Math.max(1, Number(n.attrs?.level ?? 2) - 1)) as 1 | 2 | 3;
    const text = inlineText(n.content).replace(/\uE000[^\uE001]*\uE001/gu, '').trim();
    out.push({ level, text, ...(typeof n.attrs?.id === 'string' && n.attrs.id ? { id: n.attrs.id } : {}) });
  }
  return out;
}

/** Each block of text as one line: paragraphs, headings, list items, quotes, table cells. */
export function paragraphTexts(doc: { content?: unknown[] }, citationText?: (ref: CitationRef, fallback: string) => string): string[] {
  const lines: string[] = [];
  const blocks = (nodes: RichNode[] | undefined): void => {
    for (const n of nodes ?? []) {
      if (n.type === 'paragraph' || n.type === 'heading') {
        const t = inlineText(n.content, citationText);
        if (t.trim()) lines.push(n.type === 'heading' ? `§ ${t}` : t);
      } else if (n.type === 'pageBreak') lines.push('— ngắt trang —');
      else blocks(n.content);
    }
  };
  blocks(doc.content as RichNode[] | undefined);
  return lines;
}

export function citationsOf(doc: { content?: unknown[] }): CitationRef[] {
  const out: CitationRef[] = [];
  walk(doc.content as RichNode[] | undefined, (n) => {
    if (n.type === 'citation') {
      const ref = citationRefOf(n.attrs);
      if (ref) out.push(ref);
    }
  });
  return out;
}

export function footnoteCount(doc: { content?: unknown[] }): number {
  let count = 0;
  walk(doc.content as RichNode[] | undefined, (n) => {
    if (n.type === 'footnote') count++;
  });
  return count;
}

export function wordCount(doc: { content?: unknown[] }): number {
  return paragraphTexts(doc).reduce((sum, line) => sum + (line.match(/[^\s]+/gu)?.length ?? 0), 0);
}

/**
 * A copy of the document in which each citation is replaced by its current text as text runs
 * (the work italic), ready for the neutral book model. `spansFor` returns null for a document
 * that no longer exists; the stored fallback text is used then.
 */
export function withCitationsAsText(doc: { content?: unknown[] }, spansFor: (ref: CitationRef) => CitationSpan[] | null): { type: 'doc'; content: RichNode[] } {
  const map = (nodes: RichNode[] | undefined): RichNode[] | undefined => {
    if (!nodes) return nodes;
    const out: RichNode[] = [];
    nodes.forEach((n, i) => {
      if (n.type === 'citation') {
        const ref = citationRefOf(n.attrs);
        const spans = [...((ref && spansFor(ref)) ?? [{ text: typeof n.attrs?.text === 'string' ? n.attrs.text : '' }])];
        // "Xem: A; B." — a citation's closing full stop gives way to the punctuation typed after it.
        const next = nodes[i + 1];
        if (next?.type === 'text' && /^\s*[.;,:]/u.test(next.text ?? '')) {
          const last = spans[spans.length - 1];
          if (last && last.text.endsWith('.')) spans[spans.length - 1] = { ...last, text: last.text.slice(0, -1) };
        }
        const marks = (n.marks ?? []).filter((m) => m.type !== 'italic');
        for (const s of spans)
          if (s.text) {
            const all = s.italic ? [...marks, { type: 'italic' }] : marks;
            out.push({ type: 'text', text: s.text, ...(all.length ? { marks: all } : {}) });
          }
      } else if (n.content) out.push({ ...n, content: map(n.content)! });
      else out.push(n);
    });
    return out;
  };
  return { type: 'doc', content: map(doc.content as RichNode[] | undefined) ?? [] };
}
