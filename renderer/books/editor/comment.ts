/**
 * Comment anchors: a `comment` mark over the passage a reviewer commented on, holding the
 * comment's id (the comment itself is stored per chapter by the manuscript service) and whether it
 * has been dealt with (resolved passages are shown without highlight). Comments may overlap.
 * Marks are left out of the exported book.
 */
import { Mark, mergeAttributes, type Editor } from '@tiptap/core';

export const CommentMark = Mark.create({
  name: 'comment',
  inclusive: false,
  excludes: '',

  addAttributes() {
    return {
      commentId: {
        default: null,
        parseHTML: (el: HTMLElement) => (el.getAttribute('data-comment-id') ? Number(el.getAttribute('data-comment-id')) : null),
        renderHTML: (a: Record<string, unknown>) => (a.commentId == null ? {} : { 'data-comment-id': String(a.commentId) }),
      },
      resolved: {
        default: false,
        parseHTML: (el: HTMLElement) => el.hasAttribute('data-resolved'),
        renderHTML: (a: Record<string, unknown>) => (a.resolved ? { 'data-resolved': '' } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-comment-id]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { class: 'comment-anchor' }), 0];
  },
});

/** Where the passages of a comment are: [from, to) ranges in document order. */
export function commentRanges(editor: Editor, commentId: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  editor.state.doc.descendants((node, pos) => {
    // Text, and inline atoms inside the passage (citations, cross-references).
    if (!node.isText && !(node.isInline && node.isAtom)) return true;
    if (node.marks.some((m) => m.type.name === 'comment' && m.attrs.commentId === commentId)) {
      const last = out[out.length - 1];
      if (last && last.to === pos) last.to = pos + node.nodeSize;
      else out.push({ from: pos, to: pos + node.nodeSize });
    }
    return true;
  });
  return out;
}

/** Anchors a comment on [from, to). */
export function anchorComment(editor: Editor, commentId: number, from: number, to: number): void {
  const type = editor.schema.marks.comment!;
  editor.view.dispatch(editor.state.tr.addMark(from, to, type.create({ commentId, resolved: false })));
}

/** Shows a comment's passage as resolved or open (not an edit of the text: kept out of undo). */
export function setCommentResolved(editor: Editor, commentId: number, resolved: boolean): void {
  const type = editor.schema.marks.comment!;
  const tr = editor.state.tr;
  for (const { from, to } of commentRanges(editor, commentId)) {
    tr.removeMark(from, to, type.create({ commentId, resolved: !resolved }));
    tr.addMark(from, to, type.create({ commentId, resolved }));
  }
  if (tr.docChanged) editor.view.dispatch(tr.setMeta('addToHistory', false));
}

/** Removes a deleted comment's anchor. */
export function removeCommentAnchor(editor: Editor, commentId: number): void {
  const tr = editor.state.tr;
  editor.state.doc.descendants((node, pos) => {
    if (!node.isText && !(node.isInline && node.isAtom)) return true;
    for (const m of node.marks) if (m.type.name === 'comment' && m.attrs.commentId === commentId) tr.removeMark(pos, pos + node.nodeSize, m);
    return true;
  });
  if (tr.docChanged) editor.view.dispatch(tr);
}
