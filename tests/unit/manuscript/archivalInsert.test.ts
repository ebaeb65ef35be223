// @vitest-environment happy-dom
/**
 * Inserting a Văn kiện: a transcription's lines become paragraphs; a document without any text is
 * refused (nothing inserted).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Editor, JSONContent } from '@tiptap/core';
import { transcriptionParagraphs } from '../../../shared/book/transcriptionParagraphs';
import { makeEditor } from './editorChange';

const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const editors: Editor[] = [];
afterEach(() => {
  while (editors.length) editors.pop()!.destroy();
});

describe('the text of a reproduced document', () => {
  it('keeps a transcription’s line breaks as paragraphs', () => {
    expect(transcriptionParagraphs([{ text: 'TỈNH ỦY LAI CHÂU\n*\nSố 05-NQ/TU\n\nNGHỊ QUYẾT\nvề công tác xây dựng Đảng\r\nHội nghị đã thảo luận.', textSource: 'typed' }, ''])).toEqual([
      'TỈNH ỦY LAI CHÂU',
      '*',
      'Số 05-NQ/TU',
      'NGHỊ QUYẾT',
      'về công tác xây dựng Đảng',
      'Hội nghị đã thảo luận.',
    ]);
    expect(transcriptionParagraphs(['Dòng một\nDòng hai'])).toEqual(['Dòng một', 'Dòng hai']);
  });

  it('joins the margin-wrapped lines of text taken from a file between blank lines', () => {
    expect(transcriptionParagraphs([{ text: 'Hội nghị đã thảo luận\nvà quyết nghị.\n\nGiao cho các cấp ủy.', textSource: 'extracted' }])).toEqual(['Hội nghị đã thảo luận và quyết nghị.', 'Giao cho các cấp ủy.']);
    expect(transcriptionParagraphs([{ text: '  ', textSource: 'none' }, { text: '', textSource: 'none' }])).toEqual([]);
  });

  it('is refused when there is none: nothing is inserted', () => {
    const e = makeEditor({ type: 'doc', content: [p('Văn kiện:')] });
    editors.push(e);
    expect(e.commands.insertArchivalDocument({ documentId: 7, label: '05-NQ/TU · Nghị quyết', paragraphs: ['', '  '] })).toBe(false);
    expect(e.getJSON()).toEqual({ type: 'doc', content: [p('Văn kiện:')] });
    expect(e.commands.insertArchivalDocument({ documentId: 7, label: '05-NQ/TU · Nghị quyết', paragraphs: ['Hội nghị đã thảo luận.'] })).toBe(true);
    expect(e.getJSON().content?.some((n) => n.type === 'archivalDocument')).toBe(true);
  });
});
