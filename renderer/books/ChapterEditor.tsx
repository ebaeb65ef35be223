import type { Editor, JSONContent } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import type { EditorView } from '@tiptap/pm/view';
import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChapterContent, ChapterStatus, RevisionComparison, RichDoc } from '../../shared/api/manuscript';
import { outlineOf, type CitationRef } from '../../shared/manuscript/richDoc';
import type { CrossRefTarget } from '../../shared/manuscript/crossRef';
import type { OutlineHeading } from '../../shared/manuscript/structure';
import { chapterStatuses } from '../../shared/manuscript/structure';
import { formatDate, formatTime } from '../i18n';
import { api, platform } from '../platform/platform';
import { useReadOnly } from '../shell/readOnly';
import { CitationPicker } from './CitationPicker';
import { citationsIn, onOpenCitation, refreshCitations } from './editor/citation';
import { assignHeadingIds, refreshCrossRefs } from './editor/crossRef';
import { revealPassage, type RevealTarget } from './editor/reveal';
import { focusedFootnoteEditor, insertIntoFootnote, toggleFootnoteMark } from './editor/footnote';
import { mentionContent } from './editor/mention';
import { CrossRefPicker } from './CrossRefPicker';
import { manuscriptExtensions } from './editor/extensions';
import { EmptyChapterHint } from './editor/emptyChapterHint';
import { CommentsPanel, type PendingComment } from './CommentsPanel';
import { FootnotePanel } from './FootnotePanel';
import { MentionPicker } from './MentionPicker';
import { ComparisonDialog, RevisionsPanel } from './RevisionsPanel';
import { ScanPanel } from './ScanPanel';
import { useAutosave } from './useAutosave';

type Side = 'footnotes' | 'comments' | 'revisions' | 'scan';

/** The text of a passage as it reads, with citations and cross-references as their text. */
function passageText(editor: Editor, from: number, to: number): string {
  const leaf = (n: PMNode) => (n.type.name === 'crossRef' ? String(n.attrs.label ?? '') : n.type.name === 'citation' ? String(n.attrs.text ?? '') : '');
  return editor.state.doc.textBetween(from, to, ' ', leaf).slice(0, 2000);
}

/** What the books screen asks of the open editor before exporting. */
export interface ChapterEditorHandle {
  /** Saves what is typed now (autosave may be waiting). */
  flush(): Promise<void>;
  /** The selected passage as a document of its own, or null when nothing is selected. */
  selection(): RichDoc | null;
}

export function ChapterEditor({
  chapter,
  label,
  onStatus,
  onRestored,
  onOutline,
  targets,
  handle,
  reveal,
}: {
  chapter: ChapterContent;
  label: string;
  onStatus(status: ChapterStatus): void;
  onRestored(): void;
  /** The chapter's headings as they are typed (the structure tree shows them as its sections). */
  onOutline(outline: OutlineHeading[]): void;
  /** What cross-references can point at: the book's divisions and headings, numbered as now. */
  targets: readonly CrossRefTarget[];
  /** Filled with this editor's handle while it is mounted. */
  handle?: MutableRefObject<ChapterEditorHandle | null>;
  /** A passage to select and scroll to (a finding of the check before printing); a new object each time. */
  reveal?: RevealTarget | null;
}) {
  const { t } = useTranslation();
  const { schedule, flush, conflict } = useAutosave(chapter.id, chapter.version);
  const readOnly = useReadOnly();
  const [conflictDiff, setConflictDiff] = useState<RevisionComparison | null>(null);
  const [picking, setPicking] = useState<'citation' | 'figure' | 'document' | 'crossRef' | null>(null);
  /** The name picker's first query (the selected words), or null when closed. */
  const [naming, setNaming] = useState<string | null>(null);
  const [pendingComment, setPendingComment] = useState<PendingComment | null>(null);
  const [side, setSide] = useState<Side>('footnotes');
  const [scan, setScan] = useState<CitationRef | null>(null);
  const [revisionsKey, setRevisionsKey] = useState(0);
  /** The footnote being written when a picker opened: what it picks goes into that note. */
  const noteTarget = useRef<EditorView | null>(null);
  const takeNoteTarget = (): EditorView | null => {
    const note = noteTarget.current;
    noteTarget.current = null;
    return note && !note.isDestroyed ? note : null;
  };
  const editor = useEditor(
    {
      extensions: [
        ...manuscriptExtensions({ footnoteLabel: t('footnotes.one'), pageUrl: (pageId) => platform.fileUrl({ kind: 'page', pageId }), onMention: () => {
          noteTarget.current = focusedFootnoteEditor();
          setNaming('');
        } }),
        EmptyChapterHint.configure({ text: t('onboarding.chapterPlaceholder') }),
      ],
      content: chapter.doc.content?.length ? (chapter.doc as JSONContent) : { type: 'doc', content: [{ type: 'paragraph' }] },
      editorProps: {
        attributes: { class: 'prose', lang: 'vi', spellcheck: 'false', 'aria-label': chapter.title, 'data-testid': 'chapter-editor' },
      },
      onUpdate: ({ editor: e }) => schedule(e.getJSON() as RichDoc),
      onBlur: () => void flush(),
    },
    [chapter.id],
  );
  useEffect(() => {
    if (!handle || !editor) return;
    handle.current = {
      flush,
      selection: () => {
        const { from, to, empty } = editor.state.selection;
        if (empty) return null;
        return { type: 'doc', content: editor.state.doc.slice(from, to).content.toJSON() as unknown[] };
      },
    };
    return () => {
      handle.current = null;
    };
  }, [handle, editor, flush]);
  useEffect(() => {
    if (editor && !editor.isDestroyed && reveal) revealPassage(editor, reveal);
  }, [editor, reveal]);
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      underline: e?.isActive('underline') ?? false,
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      h3: e?.isActive('heading', { level: 3 }) ?? false,
      h4: e?.isActive('heading', { level: 4 }) ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      table: e?.isActive('table') ?? false,
      mention: e?.isActive('mention') ?? false,
    }),
  });

  // Citations follow their documents: regenerate their text from the current metadata.
  useEffect(() => {
    if (!editor) return;
    const refs = citationsIn(editor.state.doc).map((c) => c.ref);
    if (refs.length === 0) return;
    let live = true;
    void api.manuscript.resolveCitations({ refs }).then((resolved) => {
      if (!live || editor.isDestroyed) return;
      const tr = refreshCitations(editor.state, new Map(resolved.filter((r) => r.found).map((r) => [r.key, r.text])));
      if (tr) editor.view.dispatch(tr);
    });
    return () => {
      live = false;
    };
  }, [editor]);

  // Headings of older chapters (imported drafts) get their ids, so references can point at them.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const tr = assignHeadingIds(editor.state);
    if (tr) editor.view.dispatch(tr.setMeta('addToHistory', false));
  }, [editor]);

  // Cross-references follow their targets: renumbered, renamed or deleted.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const tr = refreshCrossRefs(editor.state, targets);
    if (tr) editor.view.dispatch(tr);
  }, [editor, targets]);

  useEffect(
    () =>
      onOpenCitation((ref) => {
        setScan(ref);
        setSide('scan');
      }),
    [],
  );

  useEffect(() => {
    if (!editor) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = JSON.stringify(outlineOf(editor.getJSON()));
    const onUpdate = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const outline = outlineOf(editor.getJSON());
        const key = JSON.stringify(outline);
        if (key !== last) {
          last = key;
          onOutline(outline);
        }
      }, 300);
    };
    editor.on('update', onUpdate);
    return () => {
      editor.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [editor, onOutline]);

  useEffect(() => () => void flush(), [flush]);
  // While a save conflict waits for the user's choice, typing would only add to a text that cannot be saved.
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setEditable(!conflict && !readOnly, false);
  }, [editor, conflict, readOnly]);

  if (!editor) return null;
  type ToolName = keyof NonNullable<typeof active>;
  const tool = (name: ToolName | null, text: string, title: string, run: () => void, testId?: string) => (
    <button
      type="button"
      className={`tool${name && active?.[name] ? ' on' : ''}`}
      title={title}
      aria-label={title}
      aria-pressed={name ? active?.[name] ?? false : undefined}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
      {...(testId ? { 'data-testid': testId } : {})}
    >
      {text}
    </button>
  );
  const chain = () => editor.chain().focus();
  // In a footnote being written, the text tools act on the note.
  const markTool = (mark: string, inText: () => void) => {
    const note = focusedFootnoteEditor();
    if (note) toggleFootnoteMark(note, mark);
    else inText();
  };
  /** Opens a picker, remembering the note being written so the pick goes there. */
  const pick = (what: 'citation' | 'crossRef') => {
    noteTarget.current = focusedFootnoteEditor();
    setPicking(what);
  };
  const keepRevision = async () => {
    await flush();
  };

  return (
    <div className="chapter-workspace">
      <div className="chapter-editor">
        <div className="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
          {tool('bold', 'Đ', t('editor.bold'), () => markTool('bold', () => chain().toggleBold().run()))}
          {tool('italic', 'N', t('editor.italic'), () => markTool('italic', () => chain().toggleItalic().run()))}
          {tool('underline', 'G', t('editor.underline'), () => markTool('underline', () => chain().toggleUnderline().run()))}
          <span className="tool-sep" />
          {tool('h2', 'I.', t('editor.section'), () => chain().toggleHeading({ level: 2 }).run())}
          {tool('h3', '1.', t('editor.subsection'), () => chain().toggleHeading({ level: 3 }).run())}
          {tool('h4', 'a)', t('editor.subsubsection'), () => chain().toggleHeading({ level: 4 }).run())}
          <span className="tool-sep" />
          {tool('bullet', '•', t('editor.bulletList'), () => chain().toggleBulletList().run())}
          {tool('ordered', '1)', t('editor.orderedList'), () => chain().toggleOrderedList().run())}
          {tool('quote', '“”', t('editor.quote'), () => chain().toggleBlockquote().run())}
          {tool('table', '▦', t('editor.table'), () => (active?.table ? chain().deleteTable().run() : chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()))}
          {tool(null, '⤓', t('editor.pageBreak'), () => chain().setPageBreak().run())}
          <span className="tool-sep" />
          {tool(null, `¹ ${t('editor.footnote')}`, `${t('editor.footnote')} (Ctrl+Alt+F)`, () => (focusedFootnoteEditor() ? undefined : chain().insertFootnote().run()), 'insert-footnote')}
          {tool(null, `§ ${t('editor.citation')}`, t('editor.citationHint'), () => pick('citation'), 'insert-citation')}
          {tool(null, `▣ ${t('figures.tool')}`, t('figures.hint'), () => setPicking('figure'), 'insert-figure')}
          {tool(null, `▤ ${t('archivalDocs.tool')}`, t('archivalDocs.toolHint'), () => setPicking('document'), 'insert-document')}
          {tool(
            'mention',
            `@ ${t('mentions.tool')}`,
            active?.mention ? t('mentions.remove') : t('mentions.hint'),
            () => {
              const note = focusedFootnoteEditor();
              if (note) {
                noteTarget.current = note;
                const { from, to } = note.state.selection;
                setNaming(note.state.doc.textBetween(from, to, ' ').trim());
              } else if (active?.mention) chain().unsetMention().run();
              else {
                const { from, to } = editor.state.selection;
                setNaming(editor.state.doc.textBetween(from, to, ' ').trim());
              }
            },
            'insert-mention',
          )}
          {tool(null, `↗ ${t('crossRefs.tool')}`, t('crossRefs.hint'), () => pick('crossRef'), 'insert-crossref')}
          {tool(
            null,
            `✎ ${t('comments.tool')}`,
            t('comments.hint'),
            () => {
              const { from, to, empty } = editor.state.selection;
              setSide('comments');
              setPendingComment(empty ? null : { from, to, quote: passageText(editor, from, to) });
            },
            'insert-comment',
          )}
          <span className="tool-sep" />
          {tool(null, '↶', t('editor.undo'), () => chain().undo().run())}
          {tool(null, '↷', t('editor.redo'), () => chain().redo().run())}
          <span className="toolbar-spacer" />
          <label className="status-select">
            <span className="sr-only">{t('chapterStatus.label')}</span>
            <select value={chapter.status} onChange={(e) => onStatus(e.target.value as ChapterStatus)} aria-label={t('chapterStatus.label')} className={`status-${chapter.status}`}>
              {chapterStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`chapterStatus.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {conflict && (
          <div className="alert conflict-banner" role="alert" data-testid="save-conflict">
            <strong>{t('conflict.title')}</strong>
            <p>{t('conflict.explain')}</p>
            <div className="actions">
              <button
                type="button"
                onClick={() => void api.manuscript.compareRevisions({ nodeId: chapter.id, from: conflict.keptRevisionId, to: null }).then(setConflictDiff)}
              >
                {t('conflict.compare')}
              </button>
              <button type="button" onClick={() => void api.manuscript.restoreRevision({ id: conflict.keptRevisionId }).then(() => onRestored())}>
                {t('conflict.keepMine')}
              </button>
              <button type="button" className="primary" onClick={onRestored}>
                {t('conflict.takeTheirs')}
              </button>
            </div>
          </div>
        )}
        {conflictDiff && conflict && (
          <ComparisonDialog
            comparison={conflictDiff}
            onClose={() => setConflictDiff(null)}
            intro={<p className="small">{t('conflict.compareIntro', { when: `${formatTime(conflict.savedAt)} ${formatDate(conflict.savedAt)}` })}</p>}
          />
        )}
        <div className="page-sheet">
          {label && <div className="chapter-label">{label}</div>}
          <h1 className="chapter-title">{chapter.title}</h1>
          <EditorContent editor={editor} />
        </div>
      </div>
      <aside className="side-panel" aria-label={t('editor.sidePanel')}>
        <div className="side-tabs" role="tablist">
          {(['footnotes', 'comments', 'revisions', 'scan'] as const).map((s) => (
            <button key={s} type="button" role="tab" aria-selected={side === s} className={`side-tab${side === s ? ' on' : ''}`} onClick={() => setSide(s)}>
              {t(`editor.tabs.${s}`)}
            </button>
          ))}
        </div>
        <div className="side-body">
          {side === 'footnotes' && <FootnotePanel editor={editor} />}
          {side === 'comments' && <CommentsPanel editor={editor} nodeId={chapter.id} pending={pendingComment} onPendingDone={() => setPendingComment(null)} />}
          {side === 'revisions' && (
            <RevisionsPanel
              nodeId={chapter.id}
              refreshKey={revisionsKey}
              beforeAction={keepRevision}
              onRestored={() => {
                setRevisionsKey((k) => k + 1);
                onRestored();
              }}
            />
          )}
          {side === 'scan' && <ScanPanel citation={scan} editor={editor} onPick={(ref) => setScan(ref)} />}
        </div>
      </aside>
      {naming !== null && (
        <MentionPicker
          initial={naming}
          onClose={() => {
            setNaming(null);
            const note = takeNoteTarget();
            if (note) note.focus();
            else editor.commands.focus();
          }}
          onPick={(attrs) => {
            setNaming(null);
            const note = takeNoteTarget();
            if (!note) {
              chain().setMention(attrs).run();
              return;
            }
            const { from, to, empty, $from } = note.state.selection;
            const type = note.state.schema.marks.mention!;
            if (!empty) {
              note.dispatch(note.state.tr.addMark(from, to, type.create(attrs)));
              note.focus();
            } else {
              const before = $from.parent.textBetween(0, $from.parentOffset, '', '\ufffc');
              const after = $from.parent.textBetween($from.parentOffset, $from.parent.content.size, '', '\ufffc');
              insertIntoFootnote(note, mentionContent(attrs, before, after));
            }
          }}
        />
      )}
      {picking === 'crossRef' && (
        <CrossRefPicker
          targets={targets}
          onClose={() => {
            setPicking(null);
            takeNoteTarget()?.focus();
          }}
          onPick={(attrs) => {
            setPicking(null);
            const note = takeNoteTarget();
            if (!note || !insertIntoFootnote(note, [{ type: 'crossRef', attrs }])) chain().insertCrossRef(attrs).run();
          }}
        />
      )}
      {picking === 'document' && (
        <CitationPicker
          mode="document"
          onClose={() => setPicking(null)}
          onPickDocument={({ documentId, label, paragraphs }) => {
            setPicking(null);
            // The document's text as the picker read it (a transcription keeps its line breaks as paragraphs);
            // the picker refuses a document without text, and so does the command.
            chain().insertArchivalDocument({ documentId, label, paragraphs }).run();
          }}
        />
      )}
      {picking === 'figure' && (
        <CitationPicker
          mode="figure"
          onClose={() => setPicking(null)}
          onPickFigure={(attrs) => {
            setPicking(null);
            chain().insertFigure(attrs).run();
          }}
        />
      )}
      {picking === 'citation' && (
        <CitationPicker
          onClose={() => {
            setPicking(null);
            takeNoteTarget()?.focus();
          }}
          onPick={(attrs) => {
            setPicking(null);
            // In a note being written: in place ("Xem: A; B."). In the text: a new footnote, the
            // cursor staying in the sentence after its call; the footnote list shows the new note.
            const note = takeNoteTarget();
            if (!note || !insertIntoFootnote(note, [{ type: 'citation', attrs }])) chain().insertCitation(attrs).run();
            setScan({ documentId: attrs.documentId, pageId: attrs.pageId, pageSeq: attrs.pageSeq, folio: attrs.folio });
            setSide('footnotes');
          }}
        />
      )}
    </div>
  );
}
