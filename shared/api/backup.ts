/**
 * Contract of the `backup` service: the project's rotating database backups (in its backups/
 * folder), restoring one of them, and whole-project archives (one self-checking .tar file holding
 * the database and every original) written to and restored from a path the user chose.
 */
import { z } from 'zod';
import type { CheckReport } from './archive';
import { method } from './contract';
import { clientJobId } from './jobs';

/** Why a backup was made: opening the project, the timer while editing, the user, or just before a restore replaced the database. */
/**
 * When automatic backups are made and which are kept (electron/core/backup/backupPolicy.ts applies
 * it; a project may override it). The welcome screen states the defaults.
 */
export interface BackupPolicy {
  /** Automatic backups on open and while editing. */
  enabled: boolean;
  /** A backup at most this often while the project changes; on open when the newest is older. */
  intervalMinutes: number;
  /** The newest backups kept whatever their age. */
  keepLatest: number;
  /** Besides those, the newest backup of each day of the last this many days. */
  keepDailyDays: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { enabled: true, intervalMinutes: 30, keepLatest: 10, keepDailyDays: 30 };

export type BackupReason = 'open' | 'interval' | 'manual' | 'before-restore';

export interface BackupInfo {
  /** Its name in backups/ without extension: "2026-12-06T16-40-00Z-manual". */
  name: string;
  /** ISO time it was made. */
  createdAt: string;
  /** Size of the database copy in bytes. */
  size: number;
  reason: BackupReason;
}

export interface RestoredBackup {
  /** The backup now in use. */
  restored: string;
  /** The database it replaced, kept as a backup of reason 'before-restore'. */
  keptAs: string;
  /**
   * Originals imported after the restored backup was made: kept in files/ and listed in the
   * restored database (no page uses them), so nothing in the archive is lost.
   */
  keptOriginals: number;
  /** The check run on the reopened project (as `suquan check`). */
  check: CheckReport;
}

/** A whole-project archive written to disk. */
export interface ArchiveWritten {
  path: string;
  /** Size of the archive file in bytes. */
  size: number;
  /** Originals in it. */
  originals: number;
  /** Bytes of the database and the originals. */
  payloadBytes: number;
  /** Bytes of an interrupted earlier run that were checked and kept (0 when it started afresh). */
  resumedFromBytes: number;
  durationMs: number;
}

/** A project restored from an archive into a new folder. */
export interface ArchiveRestored {
  /** The new project folder. */
  path: string;
  originals: number;
  payloadBytes: number;
  check: CheckReport;
}

/** Names `backup.list` gives; anything else is refused before it comes near a path. */
export const backupName = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(?:-\d{1,3})?-(?:open|interval|manual|before-restore)$/, 'Tên bản sao lưu không hợp lệ.');

const filePath = z.string().trim().min(1, 'Cần đường dẫn tệp.').max(4096);

export const backupContract = {
  /** The open project's backups, newest first. */
  list: method<BackupInfo[]>()(z.object({})),
  /** Backs up the open project's database now (reason 'manual'). */
  create: method<BackupInfo>()(z.object({})),
  /**
   * Replaces the open project's database with a backup: the current database is first kept as a
   * backup ('before-restore'), the project is reopened, then checked.
   */
  restore: method<RestoredBackup>()(z.object({ name: backupName })),
  /**
   * Writes the open project as one archive file at `path` (database + every original + SHA-256
   * manifest). An interrupted run leaves `path`.partial, which the next run to the same path
   * checks and continues. `jobId` lets the caller follow and cancel it.
   */
  exportArchive: method<ArchiveWritten>()(z.object({ path: filePath, jobId: clientJobId.optional() })),
  /**
   * Restores an archive into the folder `to` (which must not exist or be empty): every member is
   * checked against the manifest, the project is opened and checked, and only then is `to` made.
   */
  importArchive: method<ArchiveRestored>()(z.object({ file: filePath, to: filePath, jobId: clientJobId.optional() })),
};
