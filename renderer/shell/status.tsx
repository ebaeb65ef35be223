import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** What the status bar shows: the editor's save state and the last notice. */
export type SaveState = { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

/** A notice in the status bar: information fades after a while, an error stays until dismissed or replaced. */
export interface Notice {
  text: string;
  kind: 'info' | 'error';
  /** Tells a repeated message from the one already shown (its timer starts again). */
  seq: number;
  /** An internal error's details, behind "Sao chép chi tiết". */
  details?: string;
}

/** How long an information notice stays in the status bar. */
export const NOTICE_MS = 8_000;

interface StatusValue {
  save: SaveState;
  setSave(s: SaveState): void;
  notice: Notice | null;
  /** Shows a notice (info by default), or clears it with null; an error may carry its details. */
  setNotice(text: string | null, kind?: Notice['kind'], details?: string): void;
}

const StatusContext = createContext<StatusValue | null>(null);

let noticeSeq = 0;

export function StatusProvider({ children }: { children: ReactNode }) {
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [notice, setNoticeState] = useState<Notice | null>(null);
  const setNotice = useCallback(
    (text: string | null, kind: Notice['kind'] = 'info', details?: string) => setNoticeState(text ? { text, kind, seq: ++noticeSeq, ...(details ? { details } : {}) } : null),
    [],
  );
  useEffect(() => {
    if (!notice || notice.kind !== 'info') return;
    const timer = setTimeout(() => setNoticeState((n) => (n?.seq === notice.seq ? null : n)), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  const value = useMemo(() => ({ save, setSave, notice, setNotice }), [save, notice, setNotice]);
  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

export function useStatus(): StatusValue {
  const v = useContext(StatusContext);
  if (!v) throw new Error('useStatus outside StatusProvider');
  return v;
}
