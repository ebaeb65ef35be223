/**
 * Cross-references: an inline atom holding the target's id (a chapter `node-<id>` or a heading's
 * id) and what to show; `label` keeps the last displayed text, rewritten by `refreshCrossRefs`
 * whenever the structure changes. Headings get stable ids here (HeadingIds) so they can be
 * targets: every heading has one, and a heading split in two gives the second a new id.
 */
import { Extension, mergeAttributes, Node } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { crossRefText, type CrossRefShow, type CrossRefTarget } from '../../../shared/manuscript/crossRef';
import { nodeRules } from '../../../shared/manuscript/schema';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    crossRef: {
      insertCrossRef: (attrs: { targetId: string; show: CrossRefShow; label: string }) => ReturnType;
    };
  }
}

export const newHeadingId = (): string => `h-${Math.random().toString(36).slice(2, 10)}`;

/** A transaction giving every heading without an id (or with a repeated one) a new id; null if none needs one. */
export function assignHeadingIds(state: EditorState): Transaction | null {
  const seen = new Set<string>();
  let tr: Transaction | null = null;
  state.doc.forEach((node, pos) => {
    if (node.type.name !== 'heading') return;
    const id = typeof node.attrs.id === 'string' ? node.attrs.id : '';
    if (id && !seen.has(id)) {
      seen.add(id);
      return;
    }
    const fresh = newHeadingId();
    seen.add(fresh);
    tr = (tr ?? state.tr).setNodeMarkup(pos, undefined, { ...node.attrs, id: fresh });
  });
  return tr;
}

export const HeadingIds = Extension.create({
  name: 'headingIds',
  addGlobalAttributes() {
    return [
      {
        types: ['heading'],
        attributes: {
          id: {
            default: null,
            parseHTML: (el: HTMLElement) => el.getAttribute('data-id'),
            renderHTML: (a: Record<string, unknown>) => (a.id ? { 'data-id': String(a.id) } : {}),
          },
        },
      },
    ];
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('headingIds'),
        appendTransaction: (trs, _old, state) => (trs.some((t) => t.docChanged) ? assignHeadingIds(state) : null),
      }),
    ];
  },
});

export const CrossRef = Node.create({
  name: 'crossRef',
  ...nodeRules('crossRef'),
  selectable: true,

  addAttributes() {
    return {
      targetId: { default: '', parseHTML: (el: HTMLElement) => el.getAttribute('data-target') ?? '', renderHTML: (a: Record<string, unknown>) => ({ 'data-target': String(a.targetId ?? '') }) },
      show: { default: 'full', parseHTML: (el: HTMLElement) => el.getAttribute('data-show') ?? 'full', renderHTML: (a: Record<string, unknown>) => ({ 'data-show': String(a.show ?? 'full') }) },
      label: { default: '', parseHTML: (el: HTMLElement) => el.textContent ?? '', renderHTML: () => ({}) },
    };
  },

  parseHTML() {
    return [{ tag: 'a[data-cross-ref]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const missing = node.attrs.label === '';
    return ['a', mergeAttributes(HTMLAttributes, { 'data-cross-ref': '', class: `cross-ref${missing ? ' missing' : ''}` }), String(node.attrs.label || '[?]')];
  },

  renderText({ node }) {
    return String(node.attrs.label ?? '');
  },

  addCommands() {
    return {
      insertCrossRef:
        (attrs) =>
        ({ chain }) =>
          chain().insertContent({ type: this.name, attrs }).run(),
    };
  },
});

/**
 * A transaction that sets each reference's label to what its target shows now ('' for a target
 * that is gone), or null when nothing changed. Not an edit of the author's: kept out of undo.
 */
export function refreshCrossRefs(state: EditorState, targets: readonly CrossRefTarget[]): Transaction | null {
  const byId = new Map(targets.map((t) => [t.id, t]));
  const tr = state.tr;
  state.doc.descendants((node, pos) => {
    if (node.type.name !== 'crossRef') return true;
    const label = crossRefText(byId.get(String(node.attrs.targetId)), node.attrs.show as CrossRefShow) ?? '';
    if (label !== node.attrs.label) tr.setNodeMarkup(pos, undefined, { ...node.attrs, label });
    return false;
  });
  return tr.docChanged ? tr.setMeta('addToHistory', false) : null;
}
