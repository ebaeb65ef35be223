/**
 * Automatic backups with an injected clock: one on open when the newest is old, one per interval
 * only when something changed, and rotation that keeps the newest 10 and the newest of each of
 * the last 30 days (or what the project's `backup.policy` says).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../../shared/api/backup';
import { BackupScheduler } from '../../../electron/core/backup/backupScheduler';
import { listBackups } from '../../../electron/core/backup/rotatingBackups';
import { ProjectSession } from '../../../electron/core/project/projectSession';
import { tempDir } from './project';

const DAY = 86_400_000;

function newProject() {
  const session = new ProjectSession();
  const open = session.create(path.join(tempDir(), 'Dự án.suquan'), 'Dự án thử');
  const change = (title: string) => {
    const now = new Date().toISOString();
    open.db.prepare('INSERT INTO documents(title, created_at, updated_at) VALUES (?, ?, ?)').run(title, now, now);
  };
  return { session, open, change };
}

describe('automatic backups', () => {
  it('back up on open, then only after changes, and rotate to the newest 10 plus one a day for 30 days', async () => {
    const { session, open, change } = newProject();
    // Late morning UTC: the same calendar day in every time zone from UTC−11 to UTC+12.
    let clock = new Date('2026-10-01T11:00:00Z');
    const scheduler = new BackupScheduler({ now: () => clock, timer: false });
    scheduler.start(open);
    await scheduler.idle();
    const made: BackupInfo[] = [...listBackups(open.layout)];
    expect(made).toMatchObject([{ reason: 'open', createdAt: clock.toISOString() }]);

    // Nothing changed: no backup.
    clock = new Date(clock.getTime() + 30 * 60_000);
    expect(await scheduler.tick()).toBeNull();

    // 33 days of work, two edits and backups a day.
    const start = Date.parse('2026-10-02T11:00:00Z');
    for (let day = 0; day < 33; day++) {
      for (const minutes of [0, 40]) {
        clock = new Date(start + day * DAY + minutes * 60_000);
        change(`tài liệu ${day}-${minutes}`);
        const b = await scheduler.tick();
        expect(b).toMatchObject({ reason: 'interval', createdAt: clock.toISOString() });
        made.push(b!);
      }
      expect(await scheduler.tick()).toBeNull();
    }
    await scheduler.stop();

    // Expected by hand: the 10 newest, and the newest of each of the last 30 days.
    const newestFirst = [...made].reverse();
    const expected = new Set(newestFirst.slice(0, 10).map((b) => b.name));
    const today = Math.floor(clock.getTime() / DAY);
    const days = new Set<number>();
    for (const b of newestFirst) {
      const d = Math.floor(Date.parse(b.createdAt) / DAY);
      if (today - d < 30 && !days.has(d)) {
        days.add(d);
        expected.add(b.name);
      }
    }
    const kept = listBackups(open.layout);
    expect(new Set(kept.map((b) => b.name))).toEqual(expected);
    expect(kept).toHaveLength(35); // the 10 newest hold the newest of the last 5 days: + 25 older days
    expect(kept[0]!.name).toBe(made.at(-1)!.name);

    // Reopened within the interval: no backup on open; after it: one.
    const again = new BackupScheduler({ now: () => clock, timer: false });
    clock = new Date(clock.getTime() + 10 * 60_000);
    again.start(open);
    await again.idle();
    expect(listBackups(open.layout)).toHaveLength(kept.length);
    clock = new Date(clock.getTime() + 30 * 60_000);
    again.start(open);
    await again.idle();
    expect(listBackups(open.layout)[0]).toMatchObject({ reason: 'open', createdAt: clock.toISOString() });
    await again.stop();
    session.close();
  });

  it("follows the project's own backup.policy", async () => {
    const { session, open, change } = newProject();
    open.db.prepare("INSERT INTO project_meta(key, value) VALUES ('backup.policy', ?)").run(JSON.stringify({ keepLatest: 3, keepDailyDays: 2, intervalMinutes: 5 }));
    let clock = new Date('2026-11-01T11:00:00Z');
    const scheduler = new BackupScheduler({ now: () => clock, timer: false });
    scheduler.start(open);
    await scheduler.idle();
    for (let i = 1; i <= 20; i++) {
      clock = new Date(clock.getTime() + (i % 5 === 1 ? DAY : 5 * 60_000));
      change(`t${i}`);
      await scheduler.tick();
    }
    await scheduler.stop();
    const kept = listBackups(open.layout);
    // 3 newest (today), plus yesterday's newest.
    expect(kept).toHaveLength(4);
    expect(new Set(kept.map((b) => b.createdAt.slice(0, 10))).size).toBe(2);

    // A policy that cannot be read is ignored: the defaults apply.
    open.db.prepare("UPDATE project_meta SET value = '{không phải JSON' WHERE key = 'backup.policy'").run();
    const defaults = new BackupScheduler({ now: () => clock, timer: false });
    clock = new Date(clock.getTime() + 31 * 60_000);
    defaults.start(open);
    await defaults.idle();
    expect(listBackups(open.layout)).toHaveLength(5);
    await defaults.stop();
    session.close();
  });
});
