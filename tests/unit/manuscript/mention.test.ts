// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { TextSelection } from '@tiptap/pm/state';
import type { Editor, JSONContent } from '@tiptap/core';
import { blocksOf, type RichNode } from '../../../shared/book/fromRichDoc';
import { checkChange } from './editorChange';

const t = (text: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text, ...(marks ? { marks } : {}) });
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const attrs = { nameId: 3, kind: 'person' as const, term: 'Hồ Chí Minh' };
const mention = { type: 'mention', attrs };
const editors: Editor[] = [];
afterEach(() => {
  while (editors.length) editors.pop()!.destroy();
});

describe('mentions', () => {
  it('marks the selected words as a mention of a registry name, keeping the words as written', () => {
    editors.push(
      checkChange(
        doc(p(t('Bác Hồ về nước.'))),
        (e) => {
          e.view.dispatch(e.state.tr.setSelection(TextSelection.create(e.state.doc, 1, 1 + 'Bác Hồ'.length)));
          e.commands.setMention(attrs);
        },
        doc(p(t('Bác Hồ', [mention]), t(' về nước.'))),
      ),
    );
  });

  it('inserts the name itself when nothing is selected, and typing after it is not part of it', () => {
    editors.push(
      checkChange(
        doc(p(t('Đồng chí '))),
        (e) => {
          e.view.dispatch(e.state.tr.setSelection(TextSelection.create(e.state.doc, 1 + 'Đồng chí '.length)));
          e.commands.setMention(attrs);
          e.commands.insertContent(', người về');
        },
        doc(p(t('Đồng chí '), t('Hồ Chí Minh', [mention]), t(', người về'))),
      ),
    );
  });

  it('spaces a name inserted between words, never twice, never before punctuation', () => {
    const at = (e: Parameters<Parameters<typeof checkChange>[1]>[0], pos: number) => e.view.dispatch(e.state.tr.setSelection(TextSelection.create(e.state.doc, pos)));
    editors.push(
      checkChange(
        doc(p(t('Đồng chívề nước.'))),
        (e) => {
          at(e, 1 + 'Đồng chí'.length);
          e.commands.setMention(attrs);
        },
        doc(p(t('Đồng chí '), t('Hồ Chí Minh', [mention]), t(' về nước.'))),
      ),
    );
    editors.push(
      checkChange(
        doc(p(t('Quê ở .'))),
        (e) => {
          at(e, 1 + 'Quê ở '.length);
          e.commands.setMention(attrs);
        },
        doc(p(t('Quê ở '), t('Hồ Chí Minh', [mention]), t('.'))),
      ),
    );
  });

  it('gives one index term per mention even when its words carry other marks', () => {
    const blocks = blocksOf([p(t('Bác ', [mention]), t('Hồ', [mention, { type: 'bold' }]), t(' và '), t('Bác Tôn', [{ type: 'mention', attrs: { nameId: 4, kind: 'person', term: 'Tôn Đức Thắng' } }]))] as RichNode[]);
    expect(blocks[0]!.kind === 'paragraph' && blocks[0]!.runs).toEqual([
      { kind: 'index-term', term: 'Hồ Chí Minh', index: 'person' },
      { kind: 'text', text: 'Bác ' },
      { kind: 'text', text: 'Hồ', bold: true },
      { kind: 'text', text: ' và ' },
      { kind: 'index-term', term: 'Tôn Đức Thắng', index: 'person' },
      { kind: 'text', text: 'Bác Tôn' },
    ]);
  });
});
