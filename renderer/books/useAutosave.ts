import { useCallback, useEffect, useRef } from 'react';
import type { RichDoc } from '../../shared/api/manuscript';
import { api } from '../platform/platform';
import { useStatus } from '../shell/status';

/** Save at most this long after the first unsaved change (nothing older is ever lost). */
const MAX_DELAY_MS = 1500;
/** …and this long after the last keystroke, whichever comes first. */
const IDLE_DELAY_MS = 400;

/**
 * Autosave for one chapter: debounced, bounded, one save in flight at a time, and a last save
 * when the chapter is closed or the window hides.
 */
export function useAutosave(chapterId: number) {
  const { setSave } = useStatus();
  const pending = useRef<RichDoc | null>(null);
  const firstChangeAt = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) await inFlight.current;
    const doc = pending.current;
    if (!doc) return;
    pending.current = null;
    firstChangeAt.current = null;
    setSave({ kind: 'saving' });
    inFlight.current = api.manuscript
      .saveChapter({ id: chapterId, doc })
      .then((r) => {
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

  return { schedule, flush };
}
