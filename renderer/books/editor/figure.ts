/**
 * Figures (ảnh tư liệu): a block showing a page of an archived scan with its caption as editable
 * text. `{ type: 'figure', attrs: { documentId, pageId, pageSeq, rotation }, content: [caption…] }`.
 * The exported book prints the page image (turned as the page is turned in the archive now), the
 * caption and a source note generated from the document. `rotation` is the page's turn when the
 * figure was inserted, for showing it here.
 */
import { mergeAttributes, Node } from '@tiptap/core';
import { nodeRules } from '../../../shared/manuscript/schema';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      /** Inserts a figure of an archived page after the current block. */
      insertFigure: (attrs: FigureAttrs & { caption?: string }) => ReturnType;
    };
  }
}

export interface FigureAttrs {
  documentId: number;
  pageId: number;
  pageSeq: number | null;
  /** Clockwise degrees the page was turned in the archive viewer. */
  rotation?: number;
}

export interface FigureOptions {
  /** The URL of a page image (platform.fileUrl in the app). */
  pageUrl: (pageId: number) => string;
}

export const Figure = Node.create<FigureOptions>({
  name: 'figure',
  ...nodeRules('figure'),
  draggable: true,
  isolating: true,
  defining: true,

  addOptions() {
    return { pageUrl: (pageId: number) => `files/page/${pageId}` };
  },

  addAttributes() {
    const num = (name: string) => ({
      default: null,
      parseHTML: (el: HTMLElement) => (el.getAttribute(`data-${name}`) ? Number(el.getAttribute(`data-${name}`)) : null),
      renderHTML: (attrs: Record<string, unknown>) => (attrs[name] == null ? {} : { [`data-${name}`]: String(attrs[name]) }),
    });
    return { documentId: num('document-id'), pageId: num('page-id'), pageSeq: num('page-seq'), rotation: num('rotation') };
  },

  parseHTML() {
    return [{ tag: 'figure[data-figure]', contentElement: 'figcaption' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const pageId = Number(node.attrs.pageId);
    const turn = (((Number(node.attrs.rotation) || 0) % 360) + 360) % 360;
    const img = ['img', { src: pageId > 0 ? this.options.pageUrl(pageId) : '', alt: '', contenteditable: 'false', draggable: 'false' }] as const;
    return [
      'figure',
      mergeAttributes(HTMLAttributes, { 'data-figure': '', class: 'doc-figure' }),
      // A turned page sits in a square frame: whatever fits upright in a square still fits turned.
      turn ? ['div', { class: 'figure-turn', contenteditable: 'false' }, ['img', { ...img[1], style: `transform: translate(-50%, -50%) rotate(${turn}deg)` }]] : img,
      ['figcaption', { 'data-placeholder': 'Chú thích ảnh' }, 0],
    ];
  },

  addCommands() {
    return {
      insertFigure:
        ({ caption, ...attrs }) =>
        ({ chain }) =>
          chain()
            .insertContent({ type: 'figure', attrs, ...(caption?.trim() ? { content: [{ type: 'text', text: caption.trim().normalize('NFC') }] } : {}) })
            .run(),
    };
  },
});
