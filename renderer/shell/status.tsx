import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/** What the status bar shows: the editor's save state and the last notice. */
export type SaveState = { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

interface StatusValue {
  save: SaveState;
  setSave(s: SaveState): void;
  notice: string | null;
  setNotice(n: string | null): void;
}

const StatusContext = createContext<StatusValue | null>(null);

export function StatusProvider({ children }: { children: ReactNode }) {
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);
  const value = useMemo(() => ({ save, setSave, notice, setNotice }), [save, notice]);
  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

export function useStatus(): StatusValue {
  const v = useContext(StatusContext);
  if (!v) throw new Error('useStatus outside StatusProvider');
  return v;
}
