/**
 * A page's transcription beside its scan: loaded with getPageText, saved (NFC) a moment after
 * the user stops typing, when the page changes and when the viewer closes. Not while an IME is
 * composing a letter. When the page was recognised (OCR), the words the engine was unsure of are
 * marked behind the text (a backdrop laid out exactly as the textarea), the word at the caret is
 * shown on the scan, and a word picked on the scan is selected here, ready to be corrected by
 * typing (the page's text then counts as typed; its boxes stay where the words still match).
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageInfo, TextSource } from '../../shared/api/archive';
import type { PageOcr } from '../../shared/archive/ocr';
import { api } from '../platform/platform';
import { alignWords, isDoubtful, wordAt } from './ocrWords';
import { EarlierReadings } from './EarlierReadings';

const AUTOSAVE_MS = 700;

type State = { kind: 'loading' } | { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

interface OcrLink {
  ocr: PageOcr;
  /** The word chosen (here or on the scan), -1 for none. */
  active: number;
  /** Changes when a word is picked on the scan: the transcription selects it. */
  pickSeq: number;
  showDoubtful: boolean;
  onActive(index: number): void;
}

export function Transcription({ page, onSaved, link }: { page: PageInfo; onSaved(p: PageInfo): void; link?: OcrLink | null }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [source, setSource] = useState<TextSource>(page.textSource);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const latest = useRef({ pageId: page.id, text: '', saved: '', composing: false, version: 0 });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const area = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const ocr = link && link.ocr.pageId === page.id ? link.ocr : null;
  const ranges = useMemo(() => (ocr ? alignWords(text, ocr.words) : []), [ocr, text]);

  // A word picked on the scan: select it here, ready to be typed over.
  useEffect(() => {
    const r = link && link.active >= 0 ? ranges[link.active] : null;
    if (!r || !link?.pickSeq || !area.current) return;
    area.current.focus({ preventScroll: true });
    area.current.setSelectionRange(r[0], r[1]);
    // Bring the selection into view: the line's share of the text is near enough.
    const el = area.current;
    el.scrollTop = Math.max(0, (r[0] / Math.max(1, text.length)) * el.scrollHeight - el.clientHeight / 2);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link?.pickSeq]);

  const caretMoved = () => {
    const el = area.current;
    if (!el || !link || !ocr) return;
    const i = wordAt(ranges, el.selectionStart);
    if (i !== link.active && i >= 0) link.onActive(i);
  };

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

  // The marks behind the text: doubtful words (when shown) and the chosen word.
  let marks: ReactNode = null;
  if (ocr) {
    const parts: ReactNode[] = [];
    let at = 0;
    ranges.forEach((r, i) => {
      if (!r) return;
      const w = ocr.words[i]!;
      const cls = i === link!.active ? 'active' : link!.showDoubtful && isDoubtful(w) ? 'doubtful' : '';
      if (!cls) return;
      parts.push(text.slice(at, r[0]), <mark key={i} className={cls} data-testid={cls === 'doubtful' ? 'doubtful-word' : 'active-word'}>{text.slice(r[0], r[1])}</mark>);
      at = r[1];
    });
    // A last newline needs a character after it to take its line.
    parts.push(text.slice(at), '\u200b');
    marks = parts;
  }

  return (
    <div className="transcription">
      <div className="transcription-head">
        <span className="muted">
          {t(`viewer.source.${source}`)}
          {ocr && ` · ${t('ocr.confidence', { n: Math.round(ocr.confidence) })}`}
          {' '}
          <EarlierReadings
            pageId={page.id}
            onRestore={(earlier) => {
              // Put back as if typed over: saved like any edit, named by the page's version.
              setText(earlier);
              latest.current.text = earlier;
              setState({ kind: 'dirty' });
              void flush();
            }}
          />
        </span>
        <span className={`tx-state${state.kind === 'error' ? ' error' : ''}`} data-testid="transcription-state" aria-live="polite">
          {state.kind === 'saving' ? t('archive.saving') : state.kind === 'saved' ? t('archive.saved') : state.kind === 'dirty' ? t('archive.unsaved') : state.kind === 'error' ? state.message : ''}
        </span>
      </div>
      {ocr && link?.showDoubtful && ranges.some((r, i) => r && isDoubtful(ocr.words[i]!)) && (
        <div className="tx-legend muted">
          <span>
            <span className="swatch" />
            {t('ocr.doubtfulLegend')}
          </span>
        </div>
      )}
      <div className="tx-field">
      {ocr && (
        <div className="tx-backdrop" ref={backdrop} aria-hidden="true">
          <div className="tx-backdrop-text">{marks}</div>
        </div>
      )}
      <textarea
        ref={area}
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
        onSelect={caretMoved}
        onScroll={(e) => {
          if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
        }}
      />
      </div>
    </div>
  );
}
