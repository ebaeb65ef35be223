/**
 * Keeps the editor's text in Unicode NFC. IMEs (Telex, VNI) and pasted text may deliver
 * decomposed Vietnamese (NFD: "ệ" as e + ̣ + ̂). Rewriting text during an IME composition breaks
 * the composition, so this never touches the document while composing and fixes up once the
 * composition ends; otherwise it normalises only the ranges each transaction changed.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

const key = new PluginKey('nfcNormalizer');

function fixRanges(state: EditorState, ranges: [number, number][]): Transaction | null {
  const found = new Map<number, PMNode>();
  const size = state.doc.content.size;
  for (const [a, b] of ranges) {
    const from = Math.max(0, Math.min(a, b));
    const to = Math.min(size, Math.max(a, b));
    if (from > to) continue;
    state.doc.nodesBetween(from, to, (node, pos) => {
      if (node.isText && node.text && node.text !== node.text.normalize('NFC')) found.set(pos, node);
    });
  }
  if (found.size === 0) return null;
  const tr = state.tr;
  for (const pos of [...found.keys()].sort((x, y) => y - x)) {
    const node = found.get(pos)!;
    tr.replaceWith(pos, pos + node.nodeSize, state.schema.text(node.text!.normalize('NFC'), node.marks));
  }
  return tr.setMeta(key, true).setMeta('addToHistory', true);
}

/** The ranges of the final document that a batch of transactions changed. */
function changedRanges(transactions: readonly Transaction[]): [number, number][] {
  let ranges: [number, number][] = [];
  for (const tr of transactions) {
    if (!tr.docChanged) continue;
    ranges = ranges.map(([a, b]) => [tr.mapping.map(a, -1), tr.mapping.map(b, 1)]);
    tr.mapping.maps.forEach((map, i) => {
      const rest = tr.mapping.slice(i + 1);
      map.forEach((_os, _oe, ns, ne) => ranges.push([rest.map(ns, -1), rest.map(ne, 1)]));
    });
  }
  return ranges;
}

export const NfcNormalizer = Extension.create({
  name: 'nfcNormalizer',
  addProseMirrorPlugins() {
    let view: EditorView | null = null;
    return [
      new Plugin({
        key,
        view(v) {
          view = v;
          return { destroy: () => (view = null) };
        },
        props: {
          handleDOMEvents: {
            compositionend: (v) => {
              // Let ProseMirror read the composed text first, then normalise the whole document once.
              setTimeout(() => {
                if (v.isDestroyed || v.composing) return;
                const tr = fixRanges(v.state, [[0, v.state.doc.content.size]]);
                if (tr) v.dispatch(tr);
              }, 0);
              return false;
            },
          },
        },
        appendTransaction(transactions, _old, state) {
          if (view?.composing) return null;
          if (transactions.some((t) => t.getMeta(key))) return null;
          // A nested footnote editor is composing: leave its text alone until compositionend.
          if (transactions.some((t) => t.getMeta('footnoteComposing'))) return null;
          return fixRanges(state, changedRanges(transactions));
        },
      }),
    ];
  },
});
