/**
 * The line an empty chapter shows where its text will go ("Bắt đầu viết chương ở đây…"): a
 * decoration on the one empty paragraph, never content — it is not saved, not exported, not
 * counted, and it goes away with the first character typed.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export const EmptyChapterHint = Extension.create<{ text: string }>({
  name: 'emptyChapterHint',
  addOptions() {
    return { text: '' };
  },
  addProseMirrorPlugins() {
    const text = this.options.text;
    return [
      new Plugin({
        key: new PluginKey('emptyChapterHint'),
        props: {
          decorations(state) {
            const { doc } = state;
            const only = doc.childCount === 1 ? doc.firstChild : null;
            if (!text || !only || only.type.name !== 'paragraph' || only.content.size > 0) return null;
            return DecorationSet.create(doc, [Decoration.node(0, only.nodeSize, { class: 'empty-chapter-hint', 'data-hint': text })]);
          },
        },
      }),
    ];
  },
});
