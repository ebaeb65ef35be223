// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { anchorComment, commentRanges, removeCommentAnchor, setCommentResolved } from '../../../renderer/books/editor/comment';
import { blocksOf, type RichNode } from '../../../shared/book/fromRichDoc';
import { makeEditor } from './editorChange';

const editors: Editor[] = [];
afterEach(() => {
  while (editors.length) editors.pop()!.destroy();
});

describe('comment anchors', () => {
  it('resolving covers the inline atoms inside the passage too', () => {
    const e = makeEditor({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Xem ' }, { type: 'crossRef', attrs: { targetId: 'node-2', show: 'full', label: 'Chương II' } }, { type: 'text', text: ' nhé.' }] }] });
    editors.push(e);
    anchorComment(e, 7, 1, e.state.doc.content.size - 1);
    expect(commentRanges(e, 7)).toEqual([{ from: 1, to: e.state.doc.content.size - 1 }]);
    setCommentResolved(e, 7, true);
    expect(e.view.dom.querySelectorAll('span.comment-anchor:not([data-resolved])')).toHaveLength(0);
  });

  it('anchor overlapping comments on passages, resolve one, remove the other; the book model never shows them', () => {
    const e = makeEditor({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Năm 1960 có 110 hợp tác xã.' }] }] });
    editors.push(e);
    anchorComment(e, 1, 1, 10); // "Năm 1960 "
    anchorComment(e, 2, 5, 17); // "1960 có 110 "
    expect(commentRanges(e, 1)).toEqual([{ from: 1, to: 10 }]);
    expect(commentRanges(e, 2)).toEqual([{ from: 5, to: 17 }]);
    expect(e.view.dom.querySelectorAll('span.comment-anchor').length).toBeGreaterThanOrEqual(2);

    setCommentResolved(e, 1, true);
    expect(e.view.dom.querySelector('span[data-comment-id="1"][data-resolved]')).not.toBeNull();
    expect(commentRanges(e, 1)).toEqual([{ from: 1, to: 10 }]);
    setCommentResolved(e, 1, false);
    expect(e.view.dom.querySelector('span[data-comment-id="1"][data-resolved]')).toBeNull();

    removeCommentAnchor(e, 2);
    expect(commentRanges(e, 2)).toEqual([]);
    expect(commentRanges(e, 1)).toEqual([{ from: 1, to: 10 }]);
    expect(blocksOf(e.getJSON().content as RichNode[])).toEqual([{ kind: 'paragraph', runs: [{ kind: 'text', text: 'Năm 1960 ' }, { kind: 'text', text: 'có 110 hợp tác xã.' }] }]);
  });
});
