/**
 * One helper checks every editor change for its invariants (after ProseMirror's
 * transform/test/trans.ts): the expected result; undo restores the original; a JSON round trip of
 * the result gives the same document.
 */
import { Editor, type JSONContent } from '@tiptap/core';
import { expect } from 'vitest';
import { manuscriptExtensions } from '../../../renderer/books/editor/extensions';

export function makeEditor(content: JSONContent): Editor {
  return new Editor({ element: document.createElement('div'), extensions: manuscriptExtensions(), content });
}

export function checkChange(start: JSONContent, change: (e: Editor) => void, expected: JSONContent): Editor {
  const editor = makeEditor(start);
  const before = editor.getJSON();
  change(editor);
  const after = editor.getJSON();
  expect(after).toEqual(expected);
  // JSON round trip: the schema reads back exactly what it wrote.
  const again = makeEditor(after);
  expect(again.getJSON()).toEqual(after);
  again.destroy();
  // Undo restores the original.
  while (editor.can().undo()) editor.commands.undo();
  expect(editor.getJSON()).toEqual(before);
  return editor;
}
