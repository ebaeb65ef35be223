/**
 * Automatic backups of the open project: one on open when the newest backup is older than the
 * interval (or there is none), then one every interval while the project is being edited, each
 * followed by pruning to the policy (backupPolicy.ts).
 *
 * "Edited since the last backup" is read from SQLite itself, so every write counts whichever
 * service made it: `total_changes()` counts the rows this connection has inserted, updated or
 * deleted (triggers included) and `PRAGMA data_version` changes when another connection commits.
 * Both are cheap and need no column of our own; a rolled-back change may cause one backup too
 * many, never one too few. The mark is read before a backup starts, so a change made while it
 * runs is backed up next time.
 */
import type { BackupInfo } from '../../../shared/api/backup';
import type { OpenProject } from '../project/projectSession';
import type { Db } from '../store/projectDatabase';
import type { BackupPolicy } from '../../../shared/api/backup';
import { readBackupPolicy } from './backupPolicy';
import { backupNow, listBackups, pruneBackups } from './rotatingBackups';

export interface BackupSchedulerOptions {
  /** The clock (tests move it). */
  now?: () => Date;
  /** Overrides the project's policy (and the defaults). */
  policy?: Partial<BackupPolicy>;
  /** Hears of a backup that failed (a full disk): automatic backups never interrupt the user. */
  onError?: (error: unknown, where: string) => void;
  /** Runs the timer (tests pass false and call `tick` themselves). */
  timer?: boolean;
}

/** What changes whenever the database is written, by this connection or another. */
export function changeMark(db: Db): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  const { changes } = db.prepare('SELECT total_changes() AS changes').get() as { changes: number };
  return `${version}:${changes}`;
}

export class BackupScheduler {
  private open: OpenProject | null = null;
  private policy: BackupPolicy | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<BackupInfo | null> | null = null;
  /** The change mark when the last backup started (null: none yet in this session). */
  private lastMark: string | null = null;
  private readonly now: () => Date;

  constructor(private readonly opts: BackupSchedulerOptions = {}) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Starts backing up a project just opened (one that may write: read-only opens are the holder's to back up). */
  start(open: OpenProject): void {
    this.stopTimer();
    this.open = open;
    this.lastMark = null;
    this.policy = readBackupPolicy(open.db, this.opts.policy);
    if (!this.policy.enabled) return;
    const intervalMs = this.policy.intervalMinutes * 60_000;
    const newest = listBackups(open.layout)[0];
    if (!newest || this.now().getTime() - Date.parse(newest.createdAt) >= intervalMs) void this.run('open');
    else this.lastMark = changeMark(open.db);
    if (this.opts.timer !== false) {
      this.timer = setInterval(() => void this.tick(), intervalMs);
      this.timer.unref();
    }
  }

  /** One look at the clock's beat: a backup if the project changed since the last one. */
  async tick(): Promise<BackupInfo | null> {
    if (!this.open || !this.policy?.enabled) return null;
    if (this.running) return null;
    if (this.lastMark !== null && changeMark(this.open.db) === this.lastMark) return null;
    return this.run('interval');
  }

  /** Waits for a backup in progress. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Stops the timer and waits for a backup in progress (call before the project closes). */
  async stop(): Promise<void> {
    this.stopTimer();
    await this.running;
    this.open = null;
    this.policy = null;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private run(reason: 'open' | 'interval'): Promise<BackupInfo | null> {
    const open = this.open!;
    const policy = this.policy!;
    const mark = changeMark(open.db);
    const job = (async () => {
      try {
        const info = await backupNow(open, reason, this.now());
        this.lastMark = mark;
        pruneBackups(open.layout, policy, this.now());
        return info;
      } catch (e) {
        this.opts.onError?.(e, `backup.${reason}`);
        return null;
      } finally {
        this.running = null;
      }
    })();
    this.running = job;
    return job;
  }
}
