/**
 * When automatic backups are made and which are kept. A project may set its own policy as JSON
 * under the key `backup.policy` in project_meta (any field left out keeps its default); a value
 * that cannot be read is ignored, never fatal.
 */
import { z } from 'zod';
import { DEFAULT_BACKUP_POLICY, type BackupPolicy } from '../../../shared/api/backup';
import type { Db } from '../store/projectDatabase';

export const POLICY_KEY = 'backup.policy';

const policySchema = z
  .object({
    enabled: z.boolean(),
    intervalMinutes: z.number().min(1).max(24 * 60),
    keepLatest: z.number().int().min(1).max(1000),
    keepDailyDays: z.number().int().min(0).max(3650),
  })
  .partial();

/** The project's policy over the defaults, then `overrides` (options given by the host or a test). */
export function readBackupPolicy(db: Db, overrides: Partial<BackupPolicy> = {}): BackupPolicy {
  let stored: Partial<BackupPolicy> = {};
  try {
    const row = db.prepare('SELECT value FROM project_meta WHERE key = ?').get(POLICY_KEY) as { value: string } | undefined;
    if (row) {
      const parsed = policySchema.safeParse(JSON.parse(row.value));
      if (parsed.success) stored = parsed.data as Partial<BackupPolicy>;
    }
  } catch {
    // Unreadable JSON: the defaults.
  }
  return { ...DEFAULT_BACKUP_POLICY, ...stored, ...overrides };
}

/** The local calendar day of a time, as a number of days (a backup "of the day" is of the user's day). */
function localDay(t: Date): number {
  return Math.floor(Date.UTC(t.getFullYear(), t.getMonth(), t.getDate()) / 86_400_000);
}

/**
 * Which backups to keep: the newest `keepLatest`, and the newest of each of the last
 * `keepDailyDays` days (today included). `backups` may be in any order.
 */
export function backupsToKeep<T extends { createdAt: string }>(backups: T[], policy: BackupPolicy, now: Date): Set<T> {
  const newestFirst = [...backups].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const keep = new Set<T>(newestFirst.slice(0, policy.keepLatest));
  const today = localDay(now);
  const seenDays = new Set<number>();
  for (const b of newestFirst) {
    const day = localDay(new Date(b.createdAt));
    if (today - day >= policy.keepDailyDays || seenDays.has(day)) continue;
    seenDays.add(day);
    keep.add(b);
  }
  return keep;
}
