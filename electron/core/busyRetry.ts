/**
 * Calls that met a project busy in another process, tried again. SQLite waits `busy_timeout` for
 * another connection's write lock (another window, a `suquan import` of a large file) and then
 * gives up with SQLITE_BUSY; a save that gave up so should not tell the user to do by hand what
 * a moment's wait does. A call is tried again only when it changed nothing in the database before
 * it gave up (its connection's change count is the same as when it began — a busy lock is met at
 * a transaction's first write, before anything is done), so no call is ever done twice; when other
 * calls of this process wrote meanwhile, it is not retried and the user reads the sentence.
 */
import type { Dispatch } from '../../shared/api/dispatch';
import type { ProjectSession } from './project/projectSession';

/** Waits before the 2nd and 3rd attempt (each attempt itself waits up to SQLite's busy timeout). */
export const BUSY_BACKOFF_MS = [300, 1000] as const;

/** The open project's connection and how many rows it has changed so far, or null when none is open. */
function changeCount(session: ProjectSession): { db: unknown; changes: number } | null {
  if (!session.isOpen) return null;
  const { db } = session.require();
  return { db, changes: db.prepare('SELECT total_changes()').pluck().get() as number };
}

export function retryWhenBusy(dispatch: Dispatch, session: ProjectSession): Dispatch {
  return async (service, method, args) => {
    for (let attempt = 0; ; attempt++) {
      const before = changeCount(session);
      const r = await dispatch(service, method, args);
      if (r.ok || r.error.code !== 'system.busy' || attempt >= BUSY_BACKOFF_MS.length) return r;
      const after = changeCount(session);
      if (!before || !after || before.db !== after.db || before.changes !== after.changes) return r;
      await new Promise((resolve) => setTimeout(resolve, BUSY_BACKOFF_MS[attempt]));
    }
  };
}
