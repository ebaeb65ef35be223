/**
 * The footnote panel: every footnote of the chapter in order, numbered, each editable in place
 * (a nested editor mapped into the chapter's document, like the popup under the call mark).
 */
import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { NodeSelection } from '@tiptap/pm/state';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mountFootnoteEditor, type FootnoteEditorHandle } from './editor/footnote';

function footnotes(doc: PMNode): { pos: number; node: PMNode }[] {
  const out: { pos: number; node: PMNode }[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'footnote') {
      out.push({ pos, node });
      return false;
    }
    return node.isBlock;
  });
  return out;
}

function FootnoteItem({ editor, index, node }: { editor: Editor; index: number; node: PMNode }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<FootnoteEditorHandle | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const getPos = () => footnotes(editor.state.doc)[index]?.pos;
    const onMention = (editor.extensionManager.extensions.find((x) => x.name === 'footnote')?.options as { onMention?: (() => void) | null } | undefined)?.onMention ?? null;
    handle.current = mountFootnoteEditor(el, editor.view, node, getPos, { label: t('footnotes.numbered', { n: index + 1 }), onMention });
    return () => {
      handle.current?.destroy();
      handle.current = null;
    };
    // Mounted once per position; content updates arrive through update() below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, index]);

  useEffect(() => {
    if (handle.current && !handle.current.view.hasFocus()) handle.current.update(node);
  }, [node]);

  const reveal = () => {
    const pos = footnotes(editor.state.doc)[index]?.pos;
    if (pos == null) return;
    const dom = editor.view.nodeDOM(pos) as HTMLElement | null;
    dom?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    editor.view.dispatch(editor.state.tr.setSelection(NodeSelection.create(editor.state.doc, pos)));
  };

  return (
    <li className="fn-item" data-testid="footnote-item">
      <button type="button" className="fn-number" title={t('footnotes.reveal')} onClick={reveal}>
        {index + 1}
      </button>
      <div className="fn-body" ref={host} />
    </li>
  );
}

export function FootnotePanel({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const [list, setList] = useState(() => footnotes(editor.state.doc));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setList(footnotes(editor.state.doc)), 150);
    };
    editor.on('update', onUpdate);
    return () => {
      editor.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [editor]);

  return (
    <div className="side-section">
      <h3 className="subhead">{t('footnotes.title', { count: list.length })}</h3>
      {list.length === 0 ? (
        <p className="muted small">{t('footnotes.empty')}</p>
      ) : (
        <ol className="fn-list">
          {list.map((f, i) => (
            <FootnoteItem key={`${i}:${list.length}`} editor={editor} index={i} node={f.node} />
          ))}
        </ol>
      )}
    </div>
  );
}
