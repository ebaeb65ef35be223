/**
 * Undo for documents a move emptied and removed: the move says what it did in a small toast with
 * "Hoàn tác", which brings the documents back (archive.restoreDocument) with their numbers, titles,
 * descriptions and pages. One offer at a time, kept outside React so it survives going from the
 * viewer to the grid (both show the toast).
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemovedDocument } from '../../shared/api/archive';
import { api } from '../platform/platform';
import { Icon } from '../shell/Icon';

/** How long the offer stays (the user can still undo from the toast until it goes). */
export const UNDO_MS = 20_000;

interface Offer {
  seq: number;
  text: string;
  removed: RemovedDocument[];
  state: 'offered' | 'undoing' | 'done' | 'failed';
  message?: string;
}

let offer: Offer | null = null;
let seq = 0;
const listeners = new Set<() => void>();
/** Called with the restored documents' numbers once an undo has been made (views reload). */
const restoredListeners = new Set<(ids: number[]) => void>();

function set(next: Offer | null): void {
  offer = next;
  for (const l of [...listeners]) l();
}

/** Shows what a move did; with removed documents, offers to bring them back. */
export function offerUndo(text: string, removed: RemovedDocument[]): void {
  set({ seq: ++seq, text, removed, state: 'offered' });
}

export function dismissUndo(): void {
  set(null);
}

/** Brings back the documents of the offer shown (the last removed first, so pages land where they were). */
async function undo(current: Offer, messages: { done(ids: number[]): string }): Promise<void> {
  if (current.state !== 'offered') return;
  set({ ...current, state: 'undoing' });
  const ids: number[] = [];
  try {
    for (const r of [...current.removed].reverse()) ids.push((await api.archive.restoreDocument({ snapshot: r })).restored.id);
    if (offer?.seq === current.seq) set({ ...current, state: 'done', text: messages.done(ids.reverse()) });
  } catch (e) {
    if (offer?.seq === current.seq) set({ ...current, state: 'failed', text: (e as Error).message });
  } finally {
    if (ids.length) for (const l of [...restoredListeners]) l(ids);
  }
}

/** Runs `f` whenever an undo has brought documents back. */
export function useRestored(f: (ids: number[]) => void): void {
  useEffect(() => {
    restoredListeners.add(f);
    return () => {
      restoredListeners.delete(f);
    };
  }, [f]);
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};

/** The toast: the last move's message, "Hoàn tác" while it can be undone. */
export function UndoToast() {
  const { t } = useTranslation();
  const current = useSyncExternalStore(subscribe, () => offer);
  useEffect(() => {
    if (!current || current.state === 'undoing') return;
    const timer = setTimeout(() => offer?.seq === current.seq && offer.state === current.state && set(null), current.state === 'offered' ? UNDO_MS : 6_000);
    return () => clearTimeout(timer);
  }, [current]);
  if (!current) return null;
  const canUndo = current.removed.length > 0 && (current.state === 'offered' || current.state === 'undoing');
  return (
    <div className={`undo-toast${current.state === 'failed' ? ' failed' : ''}`} role="status" data-testid="undo-toast">
      <span className="undo-text">{current.text}</span>
      {canUndo && (
        <button
          type="button"
          className="undo-button"
          disabled={current.state === 'undoing'}
          onClick={() => void undo(current, { done: (ids) => t('pageSets.undone', { count: ids.length, ids: ids.join(', ') }) })}
          data-testid="undo"
        >
          {current.state === 'undoing' ? t('pageSets.undoing') : t('pageSets.undo')}
        </button>
      )}
      <button type="button" className="undo-close" title={t('pageSets.dismiss')} aria-label={t('pageSets.dismiss')} onClick={dismissUndo}>
        <Icon name="close" size={12} />
      </button>
    </div>
  );
}
