/**
 * One writer per project: opening a project for writing creates `project.lock` in its folder with
 * O_EXCL, so a second process on this machine or on another machine sharing the folder sees it.
 * The file says who holds the project (user, machine, process, since when) and is touched every
 * half minute while held. A lock is stale, and taken over, when its process is gone (same
 * machine) or its heartbeat stopped long ago (another machine, which we cannot ask).
 *
 * Taking over renames the stale file aside before creating a fresh one, and checks that what it
 * renamed is the stale lock it read: two processes taking over at once cannot both win, and
 * neither removes the lock the other just made.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processIsAlive } from '../processAlive';

export const LOCK_FILE = 'project.lock';
/** How often the holder touches the lock. */
export const HEARTBEAT_MS = 30_000;
/** A lock from another machine whose heartbeat is older than this is taken to be abandoned. */
export const STALE_AFTER_MS = 5 * 60_000;

export interface LockHolder {
  user: string;
  host: string;
  pid: number;
  /** ISO time the project was opened. */
  since: string;
  /** What holds it: "Sử Quán (cửa sổ)", "suquan import"… */
  app: string;
  token: string;
}

export type LockAttempt = { ok: true; lock: ProjectLock; /** The lock found was stale: its holder crashed. */ tookOver: boolean } | { ok: false; holder: LockHolder | null; reason: 'held' | 'unwritable'; error?: NodeJS.ErrnoException };

export interface LockOptions {
  app?: string;
  now?: () => number;
  /** Whether a process of this machine is alive (tests inject it). */
  isAlive?: (pid: number) => boolean;
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.token !== 'string') return null;
    return {
      user: String(parsed.user ?? ''),
      host: parsed.host,
      pid: parsed.pid,
      since: String(parsed.since ?? ''),
      app: String(parsed.app ?? ''),
      token: parsed.token,
    };
  } catch {
    return null;
  }
}

export class ProjectLock {
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private released = false;

  private constructor(
    readonly file: string,
    readonly holder: LockHolder,
  ) {}

  /** Takes the project's lock, taking over a stale one; tells who holds it otherwise. */
  static acquire(root: string, opts: LockOptions = {}): LockAttempt {
    const file = path.join(root, LOCK_FILE);
    const now = opts.now ?? Date.now;
    const isAlive = opts.isAlive ?? processIsAlive;
    const holder: LockHolder = {
      user: currentUser(),
      host: os.hostname(),
      pid: process.pid,
      since: new Date(now()).toISOString(),
      app: opts.app ?? 'Sử Quán',
      token: randomUUID(),
    };
    let tookOver = false;
    for (let attempt = 0; attempt < 3; attempt++) {
      const created = tryCreate(file, holder);
      if (created === true) {
        const lock = new ProjectLock(file, holder);
        lock.startHeartbeat();
        return { ok: true, lock, tookOver };
      }
      if (created !== 'exists') return { ok: false, holder: null, reason: 'unwritable', error: created };
      const existing = readHolder(file);
      if (existing && !isStale(file, existing, now(), isAlive)) return { ok: false, holder: existing, reason: 'held' };
      // Stale (or unreadable, i.e. left half-written by a crash): move it aside and try again.
      const aside = `${file}.stale-${holder.token}`;
      try {
        renameSync(file, aside);
      } catch {
        continue; // someone else moved it first
      }
      const moved = readHolder(aside);
      if (existing && moved && moved.token !== existing.token) {
        // We moved a fresh lock another process had just made: give it back.
        try {
          linkSync(aside, file);
        } catch {
          // A third process made one meanwhile; the fresh one we moved is lost to its owner, who
          // still holds the database open and finds out on its next heartbeat.
        }
        rmSync(aside, { force: true });
        return { ok: false, holder: moved, reason: 'held' };
      }
      rmSync(aside, { force: true });
      tookOver = true;
    }
    return { ok: false, holder: readHolder(file), reason: 'held' };
  }

  /** Whether this process still holds the lock (its file is there and is ours). */
  stillHeld(): boolean {
    return !this.released && readHolder(this.file)?.token === this.holder.token;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (readHolder(this.file)?.token === this.holder.token) rmSync(this.file, { force: true });
  }

  private startHeartbeat(): void {
    this.heartbeat = setInterval(() => {
      try {
        if (this.stillHeld()) utimesSync(this.file, new Date(), new Date());
      } catch {
        // The folder went away or became read-only: the next save will say so.
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }
}

function tryCreate(file: string, holder: LockHolder): true | 'exists' | NodeJS.ErrnoException {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return err.code === 'EEXIST' ? 'exists' : err;
  }
  try {
    writeSync(fd, JSON.stringify(holder, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function isStale(file: string, holder: LockHolder, now: number, isAlive: (pid: number) => boolean): boolean {
  if (holder.host === os.hostname()) return !isAlive(holder.pid);
  try {
    return now - statSync(file).mtimeMs > STALE_AFTER_MS;
  } catch {
    return true;
  }
}

/** "Nguyễn Văn A trên máy VP-BANTG (suquan import), từ 14:05 ngày 06/12/2026" */
export function describeHolder(h: LockHolder): string {
  const since = new Date(h.since);
  const when = Number.isNaN(since.getTime())
    ? ''
    : `, từ ${String(since.getHours()).padStart(2, '0')}:${String(since.getMinutes()).padStart(2, '0')} ngày ${String(since.getDate()).padStart(2, '0')}/${String(since.getMonth() + 1).padStart(2, '0')}/${since.getFullYear()}`;
  const who = h.user ? `${h.user} trên máy ${h.host}` : `máy ${h.host}`;
  return `${who} (${h.app || 'Sử Quán'}, tiến trình ${h.pid})${when}`;
}
