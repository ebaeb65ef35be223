// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { TextSelection } from '@tiptap/pm/state';
import type { Editor, JSONContent } from '@tiptap/core';
import { blocksOf, type RichNode } from '../../../shared/book/fromRichDoc';
import { checkChange, makeEditor } from './editorChange';

const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const editors: Editor[] = [];
afterEach(() => {
  while (editors.length) editors.pop()!.destroy();
});

describe('figures and tables in the editor', () => {
  it('inserts a figure of an archived page with its caption after the paragraph, writing goes on below it; undo removes it', () => {
    const e = checkChange(
      doc(p('Ảnh tư liệu:')),
      (ed) => {
        ed.view.dispatch(ed.state.tr.setSelection(TextSelection.create(ed.state.doc, 1 + 'Ảnh tư liệu:'.length)));
        ed.commands.insertFigure({ documentId: 4, pageId: 12, pageSeq: 2, caption: 'Trụ sở Tỉnh ủy năm 1960' });
      },
      doc(p('Ảnh tư liệu:'), { type: 'figure', attrs: { documentId: 4, pageId: 12, pageSeq: 2, rotation: null }, content: [{ type: 'text', text: 'Trụ sở Tỉnh ủy năm 1960' }] }, { type: 'paragraph' }),
    );
    editors.push(e);
    // checkChange ends with the change undone: look at the figure in an editor holding it.
    while (e.can().redo()) e.commands.redo();
    const img = e.view.dom.querySelector('figure[data-figure] img');
    expect(img?.getAttribute('src')).toBe('files/page/12');
    expect(e.view.dom.querySelector('figure[data-figure] figcaption')?.textContent).toBe('Trụ sở Tỉnh ủy năm 1960');
  });

  it('shows a page the archivist turned in a square frame, turned the same way', () => {
    const e = makeEditor(doc({ type: 'figure', attrs: { documentId: 4, pageId: 12, pageSeq: 2, rotation: 270 }, content: [{ type: 'text', text: 'Ảnh' }] }));
    editors.push(e);
    const img = e.view.dom.querySelector<HTMLImageElement>('figure[data-figure] .figure-turn img');
    expect(img?.getAttribute('src')).toBe('files/page/12');
    expect(img?.getAttribute('style')).toContain('rotate(270deg)');
    expect(e.getJSON().content![0]!.attrs!.rotation).toBe(270);
  });

  it('inserts an archived document’s text as a reproduced document, which becomes a document item in the book', () => {
    const e = checkChange(
      doc(p('Văn kiện:')),
      (ed) => {
        ed.view.dispatch(ed.state.tr.setSelection(TextSelection.create(ed.state.doc, 1 + 'Văn kiện:'.length)));
        ed.commands.insertArchivalDocument({ documentId: 7, label: '05-NQ/TU · Nghị quyết', paragraphs: ['Hội nghị đã thảo luận.', '  ', 'Giao cho các cấp ủy thực hiện.'] });
      },
      doc(
        p('Văn kiện:'),
        { type: 'archivalDocument', attrs: { documentId: 7, label: '05-NQ/TU · Nghị quyết' }, content: [p('Hội nghị đã thảo luận.'), p('Giao cho các cấp ủy thực hiện.')] },
        { type: 'paragraph' },
      ),
    );
    editors.push(e);
    while (e.can().redo()) e.commands.redo();
    expect(e.view.dom.querySelector('section[data-archival-document] .doc-archival-head')?.textContent).toBe('05-NQ/TU · Nghị quyết');
    const json = e.getJSON();
    const header = { header: { issuer: ['Tỉnh ủy Lai Châu'], number: 'Số 05-NQ/TU' }, title: 'Nghị quyết' };
    const blocks = blocksOf(json.content as RichNode[], { archivalDocument: (a) => (a.documentId === 7 ? header : null) });
    expect(blocks[1]).toEqual({ kind: 'document-item', ...header, body: [{ kind: 'paragraph', runs: [{ kind: 'text', text: 'Hội nghị đã thảo luận.' }] }, { kind: 'paragraph', runs: [{ kind: 'text', text: 'Giao cho các cấp ủy thực hiện.' }] }] });
    // A document gone from the archive prints its text alone.
    expect(blocksOf(json.content as RichNode[]).map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
  });

  it('a table made in the editor becomes a Table block with a header row', () => {
    const e = makeEditor(doc(p('')));
    editors.push(e);
    e.commands.insertTable({ rows: 2, cols: 2, withHeaderRow: true });
    e.commands.insertContent('Năm');
    const json = e.getJSON();
    const blocks = blocksOf(json.content as RichNode[]);
    const table = blocks.find((b) => b.kind === 'table');
    expect(table).toEqual({ kind: 'table', header: true, rows: [[[{ kind: 'text', text: 'Năm' }], []], [[], []]] });
  });
});
