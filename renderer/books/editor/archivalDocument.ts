/**
 * A reproduced document (văn kiện) for document collections: an archived document's text as the
 * node's editable content, `{ type: 'archivalDocument', attrs: { documentId, label }, content: [blocks] }`.
 * Its header block (issuing body, number-and-symbol, place and date), its title and its source note
 * are not typed: the export takes them from the document's archival metadata as it is then, like a
 * citation. `label` is what the editor shows above the text ("05-NQ/TU · Nghị quyết về …").
 */
import { mergeAttributes, Node } from '@tiptap/core';
import { nodeRules } from '../../../shared/manuscript/schema';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    archivalDocument: {
      /**
       * Inserts an archived document's text after the current block, one paragraph per entry of
       * `paragraphs`. Refused (returns false, inserts nothing) when the document has no text.
       */
      insertArchivalDocument: (attrs: { documentId: number; label: string; paragraphs: string[] }) => ReturnType;
    };
  }
}

export const ArchivalDocument = Node.create({
  name: 'archivalDocument',
  ...nodeRules('archivalDocument'),
  defining: true,
  isolating: true,

  addAttributes() {
    return {
      documentId: {
        default: null,
        parseHTML: (el: HTMLElement) => (el.getAttribute('data-document-id') ? Number(el.getAttribute('data-document-id')) : null),
        renderHTML: (attrs: Record<string, unknown>) => (attrs.documentId == null ? {} : { 'data-document-id': String(attrs.documentId) }),
      },
      label: {
        default: '',
        parseHTML: (el: HTMLElement) => el.getAttribute('data-label') ?? '',
        renderHTML: (attrs: Record<string, unknown>) => ({ 'data-label': String(attrs.label ?? '') }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'section[data-archival-document]', contentElement: 'div.doc-archival-body' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    return [
      'section',
      mergeAttributes(HTMLAttributes, { 'data-archival-document': '', class: 'doc-archival' }),
      ['div', { class: 'doc-archival-head', contenteditable: 'false' }, String(node.attrs.label ?? '')],
      ['div', { class: 'doc-archival-body' }, 0],
    ];
  },

  addCommands() {
    return {
      insertArchivalDocument:
        ({ documentId, label, paragraphs }) =>
        ({ chain }) => {
          const texts = paragraphs.map((p) => p.normalize('NFC').trim()).filter(Boolean);
          // A document with no text (no transcription, nothing extracted) has nothing to reproduce.
          if (!texts.length) return false;
          const content = texts.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] }));
          return chain().insertContent({ type: 'archivalDocument', attrs: { documentId, label: label.normalize('NFC') }, content }).run();
        },
    };
  },
});
