/**
 * A page's transcription beside its scan: loaded with getPageText, saved (NFC) a moment after
 * the user stops typing, when the page changes and when the viewer closes. Not while an IME is
 * composing a letter.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageInfo, TextSource } from '../../shared/api/archive';
import { api } from '../platform/platform';

const AUTOSAVE_MS = 700;

type State = { kind: 'loading' } | { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export function Transcription({ page, onSaved }: { page: PageInfo; onSaved(p: PageInfo): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [source, setSource] = useState<TextSource>(page.textSource);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const latest = useRef({ pageId: page.id, text: '', saved: '', composing: false, version: 0 });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const flush = async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const cur = latest.current;
    const value = cur.text.normalize('NFC');
    if (value === cur.saved) return;
    const pageId = cur.pageId;
    cur.saved = value;
    setState({ kind: 'saving' });
    try {
      const p = await api.archive.setPageText({ pageId, text: value, baseVersion: cur.version });
      if (latest.current.pageId === pageId) {
        latest.current.version = p.textVersion;
        setSource(p.textSource);
        setState(latest.current.text.normalize('NFC') === value ? { kind: 'saved' } : { kind: 'dirty' });
      }
      onSavedRef.current(p);
    } catch (e) {
      if (latest.current.pageId === pageId) latest.current.saved = '\u0000unsaved';
      setState({ kind: 'error', message: (e as Error).message });
    }
  };

  // Load the page's text; save the previous page's first.
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    void api.archive.getPageText({ pageId: page.id }).then(
      (r) => {
        if (!live) return;
        latest.current = { pageId: page.id, text: r.text, saved: r.text, composing: false, version: r.textVersion };
        setText(r.text);
        setSource(r.textSource);
        setState({ kind: 'idle' });
      },
      (e: Error) => live && setState({ kind: 'error', message: e.message }),
    );
    return () => {
      live = false;
      void flush();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [page.id]);

  const schedule = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!latest.current.composing) void flush();
    }, AUTOSAVE_MS);
  };

  return (
    <div className="transcription">
      <div className="transcription-head">
        <span className="muted">{t(`viewer.source.${source}`)}</span>
        <span className={`tx-state${state.kind === 'error' ? ' error' : ''}`} data-testid="transcription-state" aria-live="polite">
          {state.kind === 'saving' ? t('archive.saving') : state.kind === 'saved' ? t('archive.saved') : state.kind === 'dirty' ? t('archive.unsaved') : state.kind === 'error' ? state.message : ''}
        </span>
      </div>
      <textarea
        className="transcription-text"
        aria-label={t('viewer.transcription')}
        data-testid="transcription"
        value={text}
        disabled={state.kind === 'loading'}
        placeholder={t('viewer.transcriptionPlaceholder')}
        lang="vi"
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          latest.current.text = e.target.value;
          setState({ kind: 'dirty' });
          schedule();
        }}
        onCompositionStart={() => (latest.current.composing = true)}
        onCompositionEnd={() => {
          latest.current.composing = false;
          schedule();
        }}
        onBlur={() => void flush()}
      />
    </div>
  );
}
