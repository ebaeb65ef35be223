// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { TextSelection } from '@tiptap/pm/state';
import type { Editor, JSONContent } from '@tiptap/core';
import { refreshCrossRefs } from '../../../renderer/books/editor/crossRef';
import { blocksOf, type RichNode } from '../../../shared/book/fromRichDoc';
import { crossRefTargets, crossRefText, type TargetNode } from '../../../shared/manuscript/crossRef';
import { makeEditor } from './editorChange';

const editors: Editor[] = [];
afterEach(() => {
  while (editors.length) editors.pop()!.destroy();
});

const node = (id: number, kind: TargetNode['kind'], title: string, position: number, outline: TargetNode['outline'] = [], parentId: number | null = null): TargetNode => ({ id, parentId, kind, role: '', position, title, outline });

describe('cross-reference targets', () => {
  const book = [
    node(1, 'chapter', 'Vùng đất, con người', 1, [
      { level: 1, text: 'Địa lý', id: 'h-a' },
      { level: 2, text: 'Sông ngòi', id: 'h-b' },
    ]),
    node(2, 'chapter', 'Kháng chiến chống Pháp', 2, [{ level: 1, text: 'Khởi nghĩa', id: 'h-c' }]),
  ];

  it('numbers chapters and headings as the book reads now', () => {
    expect(crossRefTargets(book).map((x) => [x.id, x.number, x.title, x.within])).toEqual([
      ['node-1', 'Chương I', 'Vùng đất, con người', ''],
      ['h-a', 'I.', 'Địa lý', 'Chương I'],
      ['h-b', '1.', 'Sông ngòi', 'Chương I'],
      ['node-2', 'Chương II', 'Kháng chiến chống Pháp', ''],
      ['h-c', 'I.', 'Khởi nghĩa', 'Chương II'],
    ]);
  });

  it('a reference reads its target anew after the chapters are reordered and renamed', () => {
    const e = makeEditor({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Xem ' }] }] });
    editors.push(e);
    e.view.dispatch(e.state.tr.setSelection(TextSelection.create(e.state.doc, 5)));
    const before = crossRefTargets(book);
    e.commands.insertCrossRef({ targetId: 'h-c', show: 'full', label: crossRefText(before.find((x) => x.id === 'h-c'), 'full')! });
    const ref = () => (e.getJSON().content![0]!.content![1] as JSONContent).attrs!;
    expect(ref().label).toBe('I. Khởi nghĩa (Chương II)');
    const moved = [{ ...book[0]!, position: 2 }, { ...book[1]!, position: 1, title: 'Kháng chiến' }];
    e.view.dispatch(refreshCrossRefs(e.state, crossRefTargets(moved))!);
    expect(ref().label).toBe('I. Khởi nghĩa (Chương I)');
    expect(ref().targetId).toBe('h-c');
    // Not the author's edit: undo does not bring the old number back.
    expect(e.can().undo()).toBe(true);
    e.commands.undo();
    expect(e.getJSON().content![0]!.content).toEqual([{ type: 'text', text: 'Xem ' }]);
    // A target that is gone shows as missing.
    e.commands.insertCrossRef({ targetId: 'node-9', show: 'title', label: 'Cũ' });
    e.view.dispatch(refreshCrossRefs(e.state, crossRefTargets(moved))!);
    expect(e.view.dom.querySelector('a.cross-ref.missing')).not.toBeNull();
  });

  it('gives every heading an id, a split heading a new one, and carries both into the book model', () => {
    const e = makeEditor({ type: 'doc', content: [{ type: 'heading', attrs: { level: 2, id: 'h-x' }, content: [{ type: 'text', text: 'Địa lý tự nhiên' }] }] });
    editors.push(e);
    e.view.dispatch(e.state.tr.setSelection(TextSelection.create(e.state.doc, 1 + 'Địa lý'.length)));
    e.commands.splitBlock();
    const headings = e.getJSON().content!.filter((n) => n.type === 'heading');
    expect(headings).toHaveLength(2);
    expect(headings[0]!.attrs!.id).toBe('h-x');
    expect(headings[1]!.attrs!.id).toMatch(/^h-[a-z0-9]+$/);
    const blocks = blocksOf(e.getJSON().content as RichNode[]);
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.id : null))).toEqual(['h-x', headings[1]!.attrs!.id]);
    expect(blocksOf([{ type: 'paragraph', content: [{ type: 'crossRef', attrs: { targetId: 'node-3', show: 'full', label: 'x' } }] }])).toEqual([
      { kind: 'paragraph', runs: [{ kind: 'cross-ref', targetId: 'node-3', show: 'number' }, { kind: 'text', text: ' ' }, { kind: 'cross-ref', targetId: 'node-3', show: 'title' }] },
    ]);
  });
});
