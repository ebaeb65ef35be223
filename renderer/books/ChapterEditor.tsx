import type { JSONContent } from '@tiptap/core';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChapterContent, RichDoc } from '../../shared/api/manuscript';
import { NfcNormalizer } from './nfcNormalizer';
import { useAutosave } from './useAutosave';

export function ChapterEditor({ chapter, label }: { chapter: ChapterContent; label: string }) {
  const { t } = useTranslation();
  const { schedule, flush } = useAutosave(chapter.id);
  const editor = useEditor(
    {
      extensions: [StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: false, code: false, codeBlock: false }), NfcNormalizer],
      content: chapter.doc.content?.length ? (chapter.doc as JSONContent) : { type: 'doc', content: [{ type: 'paragraph' }] },
      editorProps: { attributes: { class: 'prose', lang: 'vi', spellcheck: 'false', 'aria-label': chapter.title, 'data-testid': 'chapter-editor' } },
      onUpdate: ({ editor: e }) => schedule(e.getJSON() as RichDoc),
      onBlur: () => void flush(),
    },
    [chapter.id],
  );
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      underline: e?.isActive('underline') ?? false,
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      h3: e?.isActive('heading', { level: 3 }) ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
    }),
  });

  useEffect(() => () => void flush(), [flush]);

  if (!editor) return null;
  const tool = (name: keyof NonNullable<typeof active>, text: string, title: string, run: () => void) => (
    <button type="button" className={`tool${active?.[name] ? ' on' : ''}`} title={title} aria-pressed={active?.[name] ?? false} onMouseDown={(e) => e.preventDefault()} onClick={run}>
      {text}
    </button>
  );
  const chain = () => editor.chain().focus();
  return (
    <div className="chapter-editor">
      <div className="editor-toolbar" role="toolbar" aria-label="Định dạng">
        {tool('bold', 'Đ', t('editor.bold'), () => chain().toggleBold().run())}
        {tool('italic', 'N', t('editor.italic'), () => chain().toggleItalic().run())}
        {tool('underline', 'G', t('editor.underline'), () => chain().toggleUnderline().run())}
        <span className="tool-sep" />
        {tool('h2', 'I.', `${t('editor.heading')} 1`, () => chain().toggleHeading({ level: 2 }).run())}
        {tool('h3', '1.', `${t('editor.heading')} 2`, () => chain().toggleHeading({ level: 3 }).run())}
        <span className="tool-sep" />
        {tool('bullet', '•', t('editor.bulletList'), () => chain().toggleBulletList().run())}
        {tool('ordered', '1)', t('editor.orderedList'), () => chain().toggleOrderedList().run())}
        {tool('quote', '“”', t('editor.quote'), () => chain().toggleBlockquote().run())}
        <span className="tool-sep" />
        <button type="button" className="tool" title={t('editor.undo')} onMouseDown={(e) => e.preventDefault()} onClick={() => chain().undo().run()}>
          ↶
        </button>
        <button type="button" className="tool" title={t('editor.redo')} onMouseDown={(e) => e.preventDefault()} onClick={() => chain().redo().run()}>
          ↷
        </button>
      </div>
      <div className="page-sheet">
        <div className="chapter-label">{label}</div>
        <h1 className="chapter-title">{chapter.title}</h1>
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
