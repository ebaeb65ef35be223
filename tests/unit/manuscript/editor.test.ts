// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { TextSelection } from '@tiptap/pm/state';
import type { Editor, JSONContent } from '@tiptap/core';
import { refreshCitations } from '../../../renderer/books/editor/citation';
import { blocksOf, type RichNode } from '../../../shared/book/fromRichDoc';
import { checkChange, makeEditor } from './editorChange';

const p = (...content: JSONContent[]): JSONContent => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' });
const t = (text: string, marks?: string[]): JSONContent => ({ type: 'text', text, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) });
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const at = (e: Editor, pos: number) => e.view.dispatch(e.state.tr.setSelection(TextSelection.create(e.state.doc, pos)));

const editors: Editor[] = [];
afterEach(() => {
  while (editors.length) editors.pop()!.destroy();
});

const cite = { documentId: 7, pageId: 31, pageSeq: 3, folio: '3', text: 'Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU.' };

describe('footnotes in the editor', () => {
  it('inserts a footnote at the cursor; undo takes it away', () => {
    editors.push(
      checkChange(
        doc(p(t('Khởi nghĩa thắng lợi.'))),
        (e) => {
          at(e, 1 + 'Khởi nghĩa thắng lợi'.length);
          e.commands.insertFootnote([t('Theo lời kể của ông '), t('Nguyễn Văn A', ['italic']), t('.')]);
        },
        doc(p(t('Khởi nghĩa thắng lợi'), { type: 'footnote', content: [t('Theo lời kể của ông '), t('Nguyễn Văn A', ['italic']), t('.')] }, t('.'))),
      ),
    );
  });

  it('keeps footnotes in document order and carries their content into the book model', () => {
    const e = makeEditor(doc(p(t('Một'), { type: 'footnote', content: [t('chú thích một')] }, t(' hai'), { type: 'footnote', content: [t('chú thích hai')] })));
    editors.push(e);
    const blocks = blocksOf(e.getJSON().content as RichNode[]);
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        runs: [
          { kind: 'text', text: 'Một' },
          { kind: 'footnote', content: [{ kind: 'paragraph', runs: [{ kind: 'text', text: 'chú thích một' }], indent: false }] },
          { kind: 'text', text: ' hai' },
          { kind: 'footnote', content: [{ kind: 'paragraph', runs: [{ kind: 'text', text: 'chú thích hai' }], indent: false }] },
        ],
      },
    ]);
  });

  it('stores decomposed (NFD) text typed into the chapter as NFC', () => {
    const e = makeEditor(doc(p(t('Đảng bộ'))));
    editors.push(e);
    at(e, 8);
    e.commands.insertContent(' huyê\u0323n'.normalize('NFD'));
    expect(JSON.stringify(e.getJSON())).toContain('Đảng bộ huyện');
    expect(JSON.stringify(e.getJSON()).normalize('NFC')).toBe(JSON.stringify(e.getJSON()));
  });
});

describe('citations in the editor', () => {
  it('a citation inserted in body text goes into a new footnote; undo removes both', () => {
    editors.push(
      checkChange(
        doc(p(t('Hội nghị quyết định.'))),
        (e) => {
          at(e, 1 + 'Hội nghị quyết định'.length);
          e.commands.insertCitation(cite);
        },
        doc(p(t('Hội nghị quyết định'), { type: 'footnote', content: [{ type: 'citation', attrs: cite }] }, t('.'))),
      ),
    );
  });

  it('leaves the cursor in the text right after the call: what is typed next goes on with the sentence', () => {
    const e = makeEditor(doc(p(t('Hội nghị quyết định'))));
    editors.push(e);
    at(e, 1 + 'Hội nghị quyết định'.length);
    e.commands.insertCitation(cite);
    e.commands.insertContent(' và thi hành.');
    expect(e.getJSON()).toEqual(doc(p(t('Hội nghị quyết định'), { type: 'footnote', content: [{ type: 'citation', attrs: cite }] }, t(' và thi hành.'))));
  });

  it('prints a note written with a citation, italic words and a name as one note', () => {
    const mention = { type: 'mention', attrs: { nameId: 3, kind: 'person', term: 'Lò Văn Puộn' } };
    const e = makeEditor(doc(p(t('Câu'), { type: 'footnote', content: [t('Xem: '), { type: 'citation', attrs: cite }, t('; lời kể của ông '), { type: 'text', text: 'Lò Văn Puộn', marks: [mention] }, t(', '), t('bản ghi', ['italic']), t('.')] })));
    editors.push(e);
    const note = (blocksOf(e.getJSON().content as RichNode[])[0] as { runs: { kind: string; content?: unknown[] }[] }).runs[1]!;
    expect(note.kind).toBe('footnote');
    expect(note.content).toHaveLength(1);
    expect(JSON.stringify(note.content)).toContain('"kind":"index-term","term":"Lò Văn Puộn"');
  });

  it('follows corrected metadata: refreshed text replaces the stored one, outside the undo history', () => {
    const e = makeEditor(doc(p(t('A'), { type: 'footnote', content: [{ type: 'citation', attrs: cite }] })));
    editors.push(e);
    const tr = refreshCitations(e.state, new Map([['7:3:3', 'Tỉnh ủy Lai Châu: Nghị quyết số 06-NQ/TU.']]));
    expect(tr).not.toBeNull();
    e.view.dispatch(tr!);
    expect(JSON.stringify(e.getJSON())).toContain('06-NQ/TU');
    expect(e.can().undo()).toBe(false);
    expect(refreshCitations(e.state, new Map([['7:3:3', 'Tỉnh ủy Lai Châu: Nghị quyết số 06-NQ/TU.']]))).toBeNull();
  });

  it('renders a citation as its text in HTML and parses it back with its document and page', () => {
    const e = makeEditor(doc(p(t('X'), { type: 'citation', attrs: cite })));
    editors.push(e);
    const html = e.getHTML();
    expect(html).toContain('Nghị quyết số 05-NQ/TU');
    const back = makeEditor(doc());
    editors.push(back);
    back.commands.setContent(html);
    expect(back.getJSON()).toEqual(e.getJSON());
  });
});

describe('structure inside a chapter', () => {
  it('inserts a page break and a table; both survive a JSON round trip and undo', () => {
    editors.push(
      checkChange(
        doc(p(t('Trước'))),
        (e) => {
          at(e, 6);
          e.commands.setPageBreak();
        },
        doc(p(t('Trước')), { type: 'pageBreak' }, p()),
      ),
    );
    const e = makeEditor(doc(p(t('Bảng'))));
    editors.push(e);
    e.commands.insertTable({ rows: 2, cols: 2, withHeaderRow: true });
    expect(e.getJSON().content!.some((n) => n.type === 'table')).toBe(true);
  });
});
