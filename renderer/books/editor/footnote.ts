/**
 * Footnotes (chú thích): an inline node with its own inline content, numbered automatically (CSS
 * counters in the editor, document order in the footnote panel and in print). Its text is edited
 * in place, in a small editor that opens under the call mark when the footnote is selected, or in
 * the footnote panel; both are nested ProseMirror views whose steps are mapped into the chapter's
 * document, so undo, autosave and collaboration see one document.
 */
import { mergeAttributes, Node } from '@tiptap/core';
import { keymap } from '@tiptap/pm/keymap';
import { Fragment, type Node as PMNode } from '@tiptap/pm/model';
import { EditorState, NodeSelection, Selection, TextSelection, type Transaction } from '@tiptap/pm/state';
import { StepMap } from '@tiptap/pm/transform';
import { EditorView, type NodeView } from '@tiptap/pm/view';
import { redo, undo } from '@tiptap/pm/history';
import { baseKeymap, toggleMark } from '@tiptap/pm/commands';
import { nodeRules } from '../../../shared/manuscript/schema';
import { openCitationAt } from './citation';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    footnote: {
      /**
       * Inserts a footnote at the cursor. Empty, it opens for typing its text (Enter or Escape
       * return to the text after the call); with content (a citation), the cursor stays in the
       * text right after the call, so typing goes on with the sentence.
       */
      insertFootnote: (content?: unknown[]) => ReturnType;
    };
  }
}

/** Meta set on outer transactions that come from a nested footnote editor while it composes (IME). */
export const FOOTNOTE_COMPOSING = 'footnoteComposing';

/** The nested footnote editor that has the keyboard now, if any: toolbar tools act on it. */
let focusedNote: EditorView | null = null;
export function focusedFootnoteEditor(): EditorView | null {
  return focusedNote && !focusedNote.isDestroyed ? focusedNote : null;
}

/**
 * Inserts inline content (a citation, a cross-reference, a name) at the selection of a nested
 * footnote editor and gives it the keyboard back, the cursor after what was inserted. False when
 * the note cannot hold it.
 */
export function insertIntoFootnote(view: EditorView, content: readonly { type: string; text?: string; attrs?: object; marks?: readonly { type: string; attrs?: object }[] }[]): boolean {
  if (view.isDestroyed) return false;
  const schema = view.state.schema;
  let nodes: PMNode[];
  try {
    nodes = content.map((c) => schema.nodeFromJSON(c));
  } catch {
    return false;
  }
  const { from, to } = view.state.selection;
  const tr = view.state.tr.replaceWith(from, to, Fragment.fromArray(nodes));
  if (!tr.doc.type.validContent(tr.doc.content)) return false;
  const after = tr.mapping.map(to);
  view.dispatch(tr.setSelection(TextSelection.create(tr.doc, after)).scrollIntoView());
  view.focus();
  return true;
}

/** Toggles bold/italic/underline in a nested footnote editor. */
export function toggleFootnoteMark(view: EditorView, name: string): boolean {
  const type = view.state.schema.marks[name];
  if (!type || view.isDestroyed) return false;
  view.focus();
  return toggleMark(type)(view.state, view.dispatch);
}

export interface FootnoteEditorHandle {
  view: EditorView;
  update(node: PMNode): void;
  destroy(): void;
}

/**
 * Mounts a nested editor for the footnote at `getPos()` of `outer` inside `host`. Used by the
 * in-place popup and by the footnote panel.
 */
export function mountFootnoteEditor(
  host: HTMLElement,
  outer: EditorView,
  node: PMNode,
  getPos: () => number | undefined,
  opts: { label?: string; onMention?: (() => void) | null } = {},
): FootnoteEditorHandle {
  let current = node;
  const schema = outer.state.schema;
  const leave = (): boolean => {
    const pos = getPos();
    outer.focus();
    const at = pos == null ? null : outer.state.doc.nodeAt(pos);
    if (pos != null && at) outer.dispatch(outer.state.tr.setSelection(TextSelection.create(outer.state.doc, pos + at.nodeSize)));
    return true;
  };
  const marks = (name: string) => (schema.marks[name] ? toggleMark(schema.marks[name]) : () => false);
  const inner: EditorView = new EditorView(host, {
    state: EditorState.create({
      doc: node,
      plugins: [
        keymap({
          'Mod-z': () => undo(outer.state, outer.dispatch),
          'Mod-y': () => redo(outer.state, outer.dispatch),
          'Mod-Shift-z': () => redo(outer.state, outer.dispatch),
          'Mod-b': marks('bold'),
          'Mod-i': marks('italic'),
          'Mod-u': marks('underline'),
          // Back to the text, the cursor right after the footnote's call mark.
          Escape: () => leave(),
          Enter: () => leave(),
          'Shift-Enter': (state, dispatch) => {
            const br = schema.nodes.hardBreak;
            if (!br) return false;
            dispatch?.(state.tr.replaceSelectionWith(br.create()).scrollIntoView());
            return true;
          },
        }),
        keymap(baseKeymap),
      ],
    }),
    attributes: { class: 'footnote-editor', lang: 'vi', spellcheck: 'false', ...(opts.label ? { 'aria-label': opts.label } : {}) },
    dispatchTransaction(tr: Transaction) {
      const { state, transactions } = inner.state.applyTransaction(tr);
      inner.updateState(state);
      if (tr.getMeta('fromOutside')) return;
      const pos = getPos();
      if (pos == null) return;
      const outerTr = outer.state.tr;
      const offset = StepMap.offset(pos + 1);
      for (const t of transactions) for (const step of t.steps) outerTr.step(step.map(offset)!);
      if (inner.composing) outerTr.setMeta(FOOTNOTE_COMPOSING, true);
      if (outerTr.docChanged) outer.dispatch(outerTr);
    },
    handleTextInput: (view, _from, _to, text) => {
      // "@" asks for a name, as in the text.
      if (text !== '@' || view.composing || !opts.onMention) return false;
      focusedNote = view;
      opts.onMention();
      return true;
    },
    handleDOMEvents: {
      focus: () => {
        focusedNote = inner;
        return false;
      },
      blur: () => {
        if (focusedNote === inner) focusedNote = null;
        return false;
      },
      mousedown: () => {
        if (outer.hasFocus()) inner.focus();
        return false;
      },
      dblclick: (view, event) => openCitationAt(view, event.target),
      compositionend: () => {
        // Text committed by an IME may be decomposed: store it NFC once the composition is over.
        setTimeout(() => {
          if (inner.isDestroyed || inner.composing) return;
          const fixes: [number, PMNode][] = [];
          inner.state.doc.descendants((n, p) => {
            if (n.isText && n.text && n.text !== n.text.normalize('NFC')) fixes.push([p, n]);
          });
          if (!fixes.length) return;
          const tr = inner.state.tr;
          for (const [p, n] of fixes.reverse()) tr.replaceWith(p, p + n.nodeSize, schema.text(n.text!.normalize('NFC'), n.marks));
          inner.dispatch(tr);
        }, 0);
        return false;
      },
    },
  });
  return {
    view: inner,
    update(next: PMNode) {
      current = next;
      const state = inner.state;
      const start = next.content.findDiffStart(state.doc.content);
      if (start == null) return;
      let { a: endA, b: endB } = next.content.findDiffEnd(state.doc.content)!;
      const overlap = start - Math.min(endA, endB);
      if (overlap > 0) {
        endA += overlap;
        endB += overlap;
      }
      inner.dispatch(state.tr.replace(start, endB, next.slice(start, endA)).setMeta('fromOutside', true));
    },
    destroy() {
      void current;
      if (focusedNote === inner) focusedNote = null;
      inner.destroy();
    },
  };
}

class FootnoteView implements NodeView {
  dom: HTMLElement;
  private popup: HTMLElement | null = null;
  private handle: FootnoteEditorHandle | null = null;

  constructor(
    private node: PMNode,
    private readonly outer: EditorView,
    private readonly getPos: () => number | undefined,
    private readonly label: string,
    private readonly onMention: (() => void) | null,
  ) {
    this.dom = document.createElement('span');
    this.dom.className = 'footnote';
    this.dom.setAttribute('data-footnote', '');
    const call = document.createElement('sup');
    call.className = 'footnote-call';
    call.title = label;
    this.dom.append(call);
  }

  selectNode() {
    this.dom.classList.add('ProseMirror-selectednode');
    if (!this.handle) this.open();
  }

  deselectNode() {
    this.dom.classList.remove('ProseMirror-selectednode');
    if (this.handle) this.close();
  }

  private open() {
    this.popup = document.createElement('span');
    this.popup.className = 'footnote-popup';
    this.popup.setAttribute('contenteditable', 'false');
    this.dom.append(this.popup);
    this.handle = mountFootnoteEditor(this.popup, this.outer, this.node, this.getPos, { label: this.label, onMention: this.onMention });
    // Keep the popup inside the page: near the right edge it opens to the left of the call mark.
    const bounds = (this.outer.dom.closest('.page-sheet') ?? this.outer.dom).getBoundingClientRect();
    const box = this.popup.getBoundingClientRect();
    if (box.right > bounds.right - 8) this.popup.style.left = `${Math.min(-12, bounds.right - 8 - box.right - 12)}px`;
    const inner = this.handle.view;
    // Focus the footnote's text right away, with the cursor at its end.
    setTimeout(() => {
      if (inner.isDestroyed) return;
      inner.focus();
      inner.dispatch(inner.state.tr.setSelection(Selection.atEnd(inner.state.doc)).setMeta('fromOutside', true));
    }, 0);
  }

  private close() {
    this.handle?.destroy();
    this.handle = null;
    this.popup?.remove();
    this.popup = null;
  }

  update(node: PMNode) {
    if (!node.sameMarkup(this.node)) return false;
    this.node = node;
    this.handle?.update(node);
    return true;
  }

  destroy() {
    if (this.handle) this.close();
  }

  stopEvent(event: Event) {
    return !!this.popup && this.popup.contains(event.target as globalThis.Node);
  }

  ignoreMutation() {
    return true;
  }
}

export interface FootnoteOptions {
  /** Tooltip of the call mark. */
  label: string;
  /** "@" typed in a note: open the name picker. */
  onMention: (() => void) | null;
}

export const Footnote = Node.create<FootnoteOptions>({
  name: 'footnote',
  // Inline content (text, line breaks, citations, cross-references; bold/italic/underline and
  // names): one note is one paragraph. The rules are the shared schema's.
  ...nodeRules('footnote'),
  selectable: true,

  addOptions() {
    return { label: 'Chú thích', onMention: null };
  },

  parseHTML() {
    return [{ tag: 'span[data-footnote]' }, { tag: 'sup[data-footnote]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { 'data-footnote': '', class: 'footnote' }), 0];
  },

  addNodeView() {
    return ({ node, view, getPos }) => new FootnoteView(node, view, getPos as () => number | undefined, this.options.label, this.options.onMention);
  },

  addCommands() {
    return {
      insertFootnote:
        (content = []) =>
        ({ state, tr, dispatch }) => {
          const type = state.schema.nodes.footnote!;
          const nodes = (content as Parameters<typeof PMNode.fromJSON>[1][]).map((c) => state.schema.nodeFromJSON(c));
          const footnote = type.create(null, Fragment.fromArray(nodes));
          const at = tr.selection.to;
          if (!tr.doc.resolve(at).parent.type.contentMatch.matchType(type) && !tr.doc.resolve(at).parent.inlineContent) return false;
          if (dispatch) {
            tr.insert(at, footnote);
            tr.setSelection(nodes.length ? TextSelection.create(tr.doc, at + footnote.nodeSize) : NodeSelection.create(tr.doc, at));
            tr.scrollIntoView();
          }
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    return { 'Mod-Alt-f': () => this.editor.commands.insertFootnote() };
  },
});
