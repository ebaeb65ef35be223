/**
 * Citations (trích dẫn nguồn): an inline atom pointing at an archived document and page. Its text
 * is generated from the document's metadata by the manuscript service; `text` keeps the last
 * generated text so the chapter reads right offline and in revisions, and `refreshCitations`
 * rewrites it whenever the metadata has been corrected.
 */
import { mergeAttributes, Node } from '@tiptap/core';
import type { EditorView } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { citationKey, citationRefOf, type CitationRef } from '../../../shared/manuscript/richDoc';
import { nodeRules } from '../../../shared/manuscript/schema';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    citation: {
      /**
       * Inserts a citation; inside body text it goes into a new footnote (the cursor stays in the
       * text, after the call), inside a footnote in place.
       */
      insertCitation: (attrs: CitationAttrs, opts?: { inFootnote?: boolean }) => ReturnType;
    };
  }
}

export interface CitationAttrs {
  documentId: number;
  pageId: number | null;
  pageSeq: number | null;
  folio: string;
  text: string;
}

/** Listeners for "open this citation" (the side-by-side view); the nested footnote editors use it too. */
const openers = new Set<(ref: CitationRef) => void>();
export function onOpenCitation(fn: (ref: CitationRef) => void): () => void {
  openers.add(fn);
  return () => openers.delete(fn);
}
function openCitation(node: PMNode): void {
  const ref = citationRefOf(node.attrs);
  if (ref) for (const fn of openers) fn(ref);
}

export const Citation = Node.create({
  name: 'citation',
  ...nodeRules('citation'),
  selectable: true,

  addAttributes() {
    const num = (name: string) => ({
      default: null,
      parseHTML: (el: HTMLElement) => (el.getAttribute(`data-${name}`) ? Number(el.getAttribute(`data-${name}`)) : null),
      renderHTML: (attrs: Record<string, unknown>) => (attrs[name] == null ? {} : { [`data-${name}`]: String(attrs[name]) }),
    });
    return {
      documentId: num('documentId'),
      pageId: num('pageId'),
      pageSeq: num('pageSeq'),
      folio: { default: '', parseHTML: (el: HTMLElement) => el.getAttribute('data-folio') ?? '', renderHTML: (a: Record<string, unknown>) => (a.folio ? { 'data-folio': String(a.folio) } : {}) },
      text: { default: '', parseHTML: (el: HTMLElement) => el.textContent ?? '', renderHTML: () => ({}) },
    };
  },

  parseHTML() {
    return [{ tag: 'cite[data-citation]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    return ['cite', mergeAttributes(HTMLAttributes, { 'data-citation': '', class: 'citation', title: 'Mở bản quét (nhấp đúp)' }), String(node.attrs.text || `[Tài liệu số ${node.attrs.documentId}]`)];
  },

  renderText({ node }) {
    return String(node.attrs.text ?? '');
  },

  addCommands() {
    return {
      insertCitation:
        (attrs, opts = {}) =>
        ({ state, chain }) => {
          const inFootnote = opts.inFootnote ?? !isInsideFootnote(state);
          const citation = { type: 'citation', attrs };
          if (inFootnote) return chain().insertFootnote([citation]).run();
          return chain().insertContent(citation).run();
        },
    };
  },

  addProseMirrorPlugins() {
    return [];
  },

  onCreate() {
    const view = this.editor.view;
    view.dom.addEventListener('dblclick', (e) => openCitationAt(view, e.target));
  },
});

function isInsideFootnote(state: EditorState): boolean {
  const $from = state.selection.$from;
  for (let d = $from.depth; d >= 0; d--) if ($from.node(d).type.name === 'footnote') return true;
  return false;
}

/**
 * A double click on a citation opens its scan beside the text: in the chapter, and in a footnote's
 * own editor (the footnote panel and popup), where citations live. True when it was one.
 */
export function openCitationAt(view: EditorView, target: EventTarget | null): boolean {
  const cite = (target as HTMLElement | null)?.closest?.('cite[data-citation]');
  if (!cite || !view.dom.contains(cite)) return false;
  const node = findCitationNear(view.state.doc, view.posAtDOM(cite, 0));
  if (node) openCitation(node);
  return !!node;
}

function findCitationNear(doc: PMNode, pos: number): PMNode | null {
  let found: PMNode | null = null;
  doc.nodesBetween(Math.max(0, pos - 2), Math.min(doc.content.size, pos + 2), (n) => {
    if (n.type.name === 'citation') found = n;
  });
  return found;
}

/** Every citation in the document with its position. */
export function citationsIn(doc: PMNode): { pos: number; node: PMNode; ref: CitationRef }[] {
  const out: { pos: number; node: PMNode; ref: CitationRef }[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'citation') {
      const ref = citationRefOf(node.attrs);
      if (ref) out.push({ pos, node, ref });
    }
    return true;
  });
  return out;
}

/**
 * A transaction that sets each citation's text to its current generated text (by citation key),
 * or null when nothing changed. Not added to the undo history: it is not the author's edit.
 */
export function refreshCitations(state: EditorState, texts: ReadonlyMap<string, string>): Transaction | null {
  const tr = state.tr;
  for (const { pos, node, ref } of citationsIn(state.doc)) {
    const text = texts.get(citationKey(ref));
    if (text && text !== node.attrs.text) tr.setNodeMarkup(pos, undefined, { ...node.attrs, text });
  }
  return tr.docChanged ? tr.setMeta('addToHistory', false) : null;
}
