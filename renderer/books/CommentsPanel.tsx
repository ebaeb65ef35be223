/**
 * Comments for the appraisal rounds: a form for the passage selected when "Góp ý" was pressed,
 * then every comment of the chapter with its author, date, passage and text; resolve or reopen,
 * delete, and go to the passage.
 */
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatTime } from '../i18n';
import type { ChapterComment } from '../../shared/api/manuscript';
import { api } from '../platform/platform';
import { anchorComment, commentRanges, removeCommentAnchor, setCommentResolved } from './editor/comment';

export interface PendingComment {
  from: number;
  to: number;
  quote: string;
}

const AUTHOR_KEY = 'suquan.commentAuthor';

export function CommentsPanel({ editor, nodeId, pending, onPendingDone }: { editor: Editor; nodeId: number; pending: PendingComment | null; onPendingDone(): void }) {
  const { t, i18n } = useTranslation();
  const [comments, setComments] = useState<ChapterComment[]>([]);
  const [showResolved, setShowResolved] = useState(false);
  const [author, setAuthor] = useState(() => localStorage.getItem(AUTHOR_KEY) ?? '');
  const [text, setText] = useState('');
  const [error, setError] = useState('');

  const load = useCallback(async () => setComments(await api.manuscript.listComments({ nodeId })), [nodeId]);
  useEffect(() => {
    void load();
  }, [load]);

  const add = async () => {
    if (!pending || !text.trim()) return;
    try {
      localStorage.setItem(AUTHOR_KEY, author.trim());
      const c = await api.manuscript.addComment({ nodeId, author: author.trim(), text: text.trim(), quote: pending.quote });
      anchorComment(editor, c.id, pending.from, pending.to);
      setText('');
      onPendingDone();
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const resolve = async (c: ChapterComment, resolved: boolean) => {
    await api.manuscript.resolveComment({ id: c.id, resolved });
    setCommentResolved(editor, c.id, resolved);
    await load();
  };

  const remove = async (c: ChapterComment) => {
    await api.manuscript.deleteComment({ id: c.id });
    removeCommentAnchor(editor, c.id);
    await load();
  };

  const reveal = (c: ChapterComment) => {
    const [first] = commentRanges(editor, c.id);
    if (!first) return;
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, first.from, first.to)).scrollIntoView());
    editor.view.focus();
  };

  const open = comments.filter((c) => !c.resolvedAt);
  const shown = showResolved ? comments : open;
  // "14:05 6/12/2026": the year in full, as everywhere else in the app.
  const date = (iso: string) => `${formatTime(iso).slice(0, 5)} ${formatDate(iso)}`;

  return (
    <div className="side-section comments-panel" data-testid="comments-panel">
      {pending && (
        <form
          className="comment-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <blockquote className="comment-quote">{pending.quote}</blockquote>
          <label className="field">
            <span>{t('comments.author')}</span>
            <input name="commentAuthor" value={author} onChange={(e) => setAuthor(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('comments.text')}</span>
            <textarea name="commentText" rows={3} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          </label>
          {error && <div className="alert small">{error}</div>}
          <div className="actions">
            <button type="button" onClick={onPendingDone}>
              {t('books.cancel')}
            </button>
            <button type="submit" className="primary" disabled={!text.trim()}>
              {t('comments.add')}
            </button>
          </div>
        </form>
      )}
      <h3 className="subhead">{t('comments.title', { count: open.length })}</h3>
      <label className="comment-toggle small">
        <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> {t('comments.showResolved')}
      </label>
      {shown.length === 0 && !pending && <p className="muted small">{t('comments.empty')}</p>}
      <ul className="comment-list">
        {shown.map((c) => (
          <li key={c.id} className={`comment-item${c.resolvedAt ? ' resolved' : ''}`} data-testid="comment-item">
            <div className="comment-head">
              <strong>{c.author || '—'}</strong>
              <span className="muted small">{date(c.createdAt)}</span>
              {c.resolvedAt && <span className="comment-badge">{t('comments.resolved')}</span>}
            </div>
            {c.quote && (
              <button type="button" className="comment-quote link" onClick={() => reveal(c)} title={t('comments.reveal')}>
                {c.quote}
              </button>
            )}
            <p className="comment-text">{c.text}</p>
            <div className="comment-actions">
              <button type="button" onClick={() => void resolve(c, !c.resolvedAt)}>
                {c.resolvedAt ? t('comments.reopen') : t('comments.resolve')}
              </button>
              <button type="button" onClick={() => void remove(c)}>
                {t('comments.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
