/**
 * Mentions (tên riêng) of people, places and organisations: a mark over the words as the author
 * wrote them ("Bác Hồ", "huyện Tam Đường"), holding the id of the name in the project's registry,
 * its kind and the name as last known. The book's index lists the registry's name with the pages
 * of its mentions. Typing "@" asks for a name (the chapter editor opens the picker).
 */
import { Mark, mergeAttributes } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { NameKind } from '../../../shared/api/manuscript';

export interface MentionAttrs {
  nameId: number;
  kind: NameKind;
  term: string;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    mention: {
      /** Marks the selection as a mention; with an empty selection inserts the name itself, marked. */
      setMention: (attrs: MentionAttrs) => ReturnType;
      unsetMention: () => ReturnType;
    };
  }
}

/**
 * A name typed in as a mention: the name, marked, with a space before it when it would stick to
 * the word before, and one after it only when it is put before a word.
 */
export function mentionContent(attrs: MentionAttrs, before: string, after: string): { type: 'text'; text: string; marks?: { type: string; attrs: MentionAttrs }[] }[] {
  const term = attrs.term.normalize('NFC');
  const out: { type: 'text'; text: string; marks?: { type: string; attrs: MentionAttrs }[] }[] = [];
  if (before && !/[\s([“"'‘–—-]$/u.test(before)) out.push({ type: 'text', text: ' ' });
  out.push({ type: 'text', text: term, marks: [{ type: 'mention', attrs: { ...attrs, term } }] });
  // At the end of the text nothing is added: what comes next may be a comma.
  if (after && !/^[\s.,;:!?)”"'’…]/u.test(after)) out.push({ type: 'text', text: ' ' });
  return out;
}

export interface MentionOptions {
  /** Called when "@" is typed: open the picker. When absent, "@" is typed as usual. */
  onTrigger: (() => void) | null;
}

export const Mention = Mark.create<MentionOptions>({
  name: 'mention',
  inclusive: false,
  excludes: 'mention',

  addOptions() {
    return { onTrigger: null };
  },

  addAttributes() {
    return {
      nameId: {
        default: null,
        parseHTML: (el: HTMLElement) => (el.getAttribute('data-name-id') ? Number(el.getAttribute('data-name-id')) : null),
        renderHTML: (a: Record<string, unknown>) => (a.nameId == null ? {} : { 'data-name-id': String(a.nameId) }),
      },
      kind: { default: 'person', parseHTML: (el: HTMLElement) => el.getAttribute('data-kind') ?? 'person', renderHTML: (a: Record<string, unknown>) => ({ 'data-kind': String(a.kind) }) },
      term: { default: '', parseHTML: (el: HTMLElement) => el.getAttribute('data-term') ?? '', renderHTML: (a: Record<string, unknown>) => ({ 'data-term': String(a.term ?? ''), title: String(a.term ?? '') }) },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-mention]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { 'data-mention': '', class: `mention mention-${String(HTMLAttributes['data-kind'] ?? 'person')}` }), 0];
  },

  addCommands() {
    return {
      setMention:
        (attrs) =>
        ({ state, chain }) => {
          if (!state.selection.empty) return chain().setMark(this.name, attrs).run();
          const { $from } = state.selection;
          const before = $from.parent.textBetween(0, $from.parentOffset, '', '\ufffc');
          const after = $from.parent.textBetween($from.parentOffset, $from.parent.content.size, '', '\ufffc');
          return chain().insertContent(mentionContent(attrs, before, after)).run();
        },
      unsetMention:
        () =>
        ({ chain }) =>
          chain().extendMarkRange(this.name).unsetMark(this.name).run(),
    };
  },

  addProseMirrorPlugins() {
    const trigger = this.options.onTrigger;
    if (!trigger) return [];
    return [
      new Plugin({
        key: new PluginKey('mentionTrigger'),
        props: {
          handleTextInput: (view, _from, _to, text) => {
            if (text !== '@' || view.composing) return false;
            trigger();
            return true;
          },
        },
      }),
    ];
  },
});
