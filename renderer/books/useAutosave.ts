import { useCallback, useEffect, useRef, useState } from 'react';
import type { RichDoc } from '../../shared/api/manuscript';
import { api } from '../platform/platform';
import { useStatus } from '../shell/status';

/** Save at most this long after the first unsaved change (nothing older is ever lost). */
const MAX_DELAY_MS = 1500;
/** …and this long after the last keystroke, whichever comes first. */
const IDLE_DELAY_MS = 400;

/** A save refused because the chapter was saved elsewhere first; the refused text is the revision `keptRevisionId`. */
export interface SaveConflict {
  keptRevisionId: number;
  message: string;
  /** When the other text was saved. */
  savedAt: string;
}

/**
 * Autosave for one chapter: debounced, bounded, one save in flight at a time, and a last save
 * when the chapter is closed or the window hides. Every save names the version of the text it
 * was based on; when another window or process saved first, the save is refused, the text is
 * kept as a revision by the service, and saving stops until the user chooses (`conflict`).
 */
export function useAutosave(chapterId: number, baseVersion: number) {
  const { setSave } = useStatus();
  const pending = useRef<RichDoc | null>(null);
  const firstChangeAt = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const version = useRef(baseVersion);
  const conflicted = useRef(false);
  const [conflict, setConflict] = useState<SaveConflict | null>(null);

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) await inFlight.current;
    const doc = pending.current;
    if (!doc || conflicted.current) return;
    pending.current = null;
    firstChangeAt.current = null;
    setSave({ kind: 'saving' });
    inFlight.current = api.manuscript
      .saveChapter({ id: chapterId, doc, baseVersion: version.current })
      .then((r) => {
        if (r.status === 'conflict') {
          conflicted.current = true;
          pending.current = null;
          setConflict({ keptRevisionId: r.keptRevisionId, message: r.message, savedAt: r.updatedAt });
          setSave({ kind: 'failed', message: r.message });
          return;
        }
        version.current = r.version;
        if (!pending.current) setSave({ kind: 'saved', at: r.updatedAt });
      })
      .catch((e: unknown) => {
        pending.current ??= doc;
        setSave({ kind: 'failed', message: (e as Error).message });
      })
      .finally(() => {
        inFlight.current = null;
      });
    await inFlight.current;
  }, [chapterId, setSave]);

  const schedule = useCallback(
    (doc: RichDoc) => {
      if (conflicted.current) return;
      pending.current = doc;
      const now = Date.now();
      firstChangeAt.current ??= now;
      setSave({ kind: 'dirty' });
      if (timer.current) clearTimeout(timer.current);
      const wait = Math.min(IDLE_DELAY_MS, Math.max(0, firstChangeAt.current + MAX_DELAY_MS - now));
      timer.current = setTimeout(() => void flush(), wait);
    },
    [flush, setSave],
  );

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  return { schedule, flush, conflict };
}
