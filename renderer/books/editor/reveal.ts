/**
 * Going to a passage found by the check before printing (shared/api/publish PreflightFinding):
 * the chapter's top-level block `blockIndex`, and in it the words `text` as the check read them —
 * the block's text runs joined, footnotes and atoms left out, spaces run together. The words are
 * selected and scrolled into view; when they cannot be found (the text changed since), the block is.
 */
import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';

export interface RevealTarget {
  blockIndex: number;
  text: string;
}

/** Characters of a block's plain text (spaces run together) and the document position of each. */
function charsOf(block: PMNode, start: number): { text: string; pos: number[] } {
  let text = '';
  const pos: number[] = [];
  block.descendants((node, at) => {
    if (node.type.name === 'footnote') return false;
    if (!node.isText) return true;
    const s = node.text ?? '';
    for (let i = 0; i < s.length; i++) {
      const ch = /\s/u.test(s[i]!) ? ' ' : s[i]!;
      if (ch === ' ' && text.endsWith(' ')) continue;
      text += ch;
      pos.push(start + 1 + at + i);
    }
    return false;
  });
  return { text, pos };
}

/** Selects the passage (or the block) and scrolls it to the middle of the editor. Returns whether the words were found. */
export function revealPassage(editor: Editor, target: RevealTarget): boolean {
  const { doc } = editor.state;
  if (doc.childCount === 0) return false;
  const index = Math.max(0, Math.min(target.blockIndex, doc.childCount - 1));
  let blockPos = 0;
  for (let i = 0; i < index; i++) blockPos += doc.child(i).nodeSize;
  const block = doc.child(index);
  const wanted = target.text.replace(/\s+/gu, ' ').trim();
  const { text, pos } = charsOf(block, blockPos);
  const at = wanted ? text.indexOf(wanted) : -1;
  const tr = editor.state.tr;
  if (at >= 0) tr.setSelection(TextSelection.create(doc, pos[at]!, pos[at + wanted.length - 1]! + 1));
  else tr.setSelection(TextSelection.near(doc.resolve(Math.min(blockPos + 1, doc.content.size))));
  editor.view.dispatch(tr.setMeta('addToHistory', false));
  editor.view.focus();
  const dom = editor.view.nodeDOM(blockPos);
  if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'center' });
  else editor.commands.scrollIntoView();
  return at >= 0;
}
