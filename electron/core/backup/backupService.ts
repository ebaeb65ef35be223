/**
 * Implements the `backup` contract: the project's rotating backups (and their automatic schedule),
 * restoring one of them into the open project, and whole-project archives as jobs.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { backupContract, RestoredBackup } from '../../../shared/api/backup';
import type { ServiceImpl } from '../../../shared/api/contract';
import { projectContract } from '../../../shared/api/project';
import type { JobProgress } from '../../../shared/api/events';
import { UserFacingError } from '../../../shared/errors';
import { checkProject } from '../archive/fixity';
import type { JobRegistry } from '../jobs/jobRegistry';
import type { ProjectSession } from '../project/projectSession';
import type { Db } from '../store/projectDatabase';
import { isSha256, type ProjectLayout } from '../store/projectLayout';
import { ArchiveJob } from './archiveJob';
import { restoreProjectArchive } from './archiveRestore';
import { writeProjectArchive } from './archiveWriter';
import { readBackupPolicy } from './backupPolicy';
import { BackupScheduler, type BackupSchedulerOptions } from './backupScheduler';
import { fsyncDirectory, fsyncFile, replaceFile } from '../atomicFile';
import { backupNow, listBackups, pruneBackups, verifiedBackup } from './rotatingBackups';

export interface BackupServiceDeps {
  jobs: JobRegistry;
  /** Stops the open project's jobs and this service's schedule (services.ts' beforeClose). */
  beforeClose(): Promise<void>;
  /**
   * Automatic backups on open and while editing. Off unless asked: the app's service process
   * turns them on; the CLI's short runs and the tests do not.
   */
  auto?: boolean | BackupSchedulerOptions;
  /** Receives automatic backups' failures (they never interrupt the user). */
  onError?: (error: unknown, where: string) => void;
  now?: () => Date;
}

type ProjectService = ServiceImpl<typeof projectContract>;

export type BackupService = ServiceImpl<typeof backupContract> & {
  /**
   * Wraps the project service: a project opened or created starts the automatic backups, and a
   * restore reopens the project through it, the normal way.
   */
  watchOpens(project: ProjectService): ProjectService;
  /** Stops the automatic backups and waits for one in progress (before the project closes). */
  stopSchedule(): Promise<void>;
  /** The schedule, when automatic backups are on (tests drive its clock). */
  readonly scheduler: BackupScheduler | null;
};

/** A standalone SQLite file that is a Sử Quán project and passes the quick integrity check. */
function checkDatabaseFile(file: string, name: string): void {
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('application_id', { simple: true }) === 0x5375516e && db.pragma('quick_check', { simple: true }) === 'ok';
    if (!ok) throw new Error('not ok');
  } catch {
    throw new UserFacingError('backup.damaged', `Bản sao lưu «${name}» không phải một cơ sở dữ liệu dự án còn nguyên vẹn; hãy chọn một bản sao lưu khác.`);
  } finally {
    db?.close();
  }
}

/**
 * Originals the replaced database knew that the restored one does not (imported after the backup
 * was made): their `files` rows are copied over, so they stay part of the project.
 */
function keepLaterOriginals(db: Db, layout: ProjectLayout, replacedCopy: string): number {
  const old = new Database(replacedCopy, { readonly: true, fileMustExist: true });
  try {
    const have = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all('files') as { name: string }[]).map((c) => c.name));
    const cols = (old.prepare('SELECT name FROM pragma_table_info(?)').all('files') as { name: string }[]).map((c) => c.name).filter((c) => have.has(c));
    const insert = db.prepare(`INSERT OR IGNORE INTO files (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    let kept = 0;
    db.transaction(() => {
      for (const row of old.prepare(`SELECT ${cols.join(', ')} FROM files`).iterate() as Iterable<Record<string, unknown>>) {
        if (!isSha256(row.sha256) || !existsSync(layout.original(row.sha256))) continue;
        kept += insert.run(cols.map((c) => row[c])).changes;
      }
    })();
    return kept;
  } finally {
    old.close();
  }
}

export function createBackupService(session: ProjectSession, deps: BackupServiceDeps): BackupService {
  const now = deps.now ?? (() => new Date());
  const schedulerOptions: BackupSchedulerOptions | null = deps.auto ? { now, ...(deps.onError ? { onError: deps.onError } : {}), ...(deps.auto === true ? {} : deps.auto) } : null;
  const scheduler = schedulerOptions ? new BackupScheduler(schedulerOptions) : null;
  const policyOverrides = schedulerOptions?.policy ?? {};
  let reopen: (dir: string) => Promise<unknown> = async () => {
    throw new Error('backup: watchOpens(project service) was not called');
  };

  function startSchedule(): void {
    if (!scheduler || !session.isOpen) return;
    const open = session.require();
    if (open.readOnly) return; // the process that holds the project backs it up
    try {
      scheduler.start(open);
    } catch (e) {
      // An unreadable backups/ folder must not stop the project from opening.
      deps.onError?.(e, 'backup.start');
    }
  }

  function asJob<T>(jobId: string | undefined, kind: JobProgress['kind'], work: (job: ArchiveJob) => Promise<T>): Promise<T> {
    const job = new ArchiveJob(jobId && !deps.jobs.has(jobId) ? jobId : randomUUID(), kind);
    const run = job.run(work);
    deps.jobs.add(job);
    return run;
  }

  return {
    scheduler,
    watchOpens(project) {
      const watched: ProjectService = {
        ...project,
        async open(input) {
          const r = await project.open(input);
          startSchedule();
          return r;
        },
        async create(input) {
          const r = await project.create(input);
          startSchedule();
          return r;
        },
      };
      reopen = async (dir) => watched.open(projectContract.open.input.parse({ path: dir }));
      return watched;
    },
    async stopSchedule() {
      await scheduler?.stop();
    },

    list() {
      return listBackups(session.require().layout);
    },
    async create() {
      const open = session.require();
      const info = await backupNow(open, 'manual', now());
      if (!open.readOnly) pruneBackups(open.layout, readBackupPolicy(open.db, policyOverrides), now());
      return info;
    },
    async restore({ name }): Promise<RestoredBackup> {
      // A damaged database (opened read-only, its lock held here) is exactly what a restore is for.
      const open = session.require().readOnly?.reason === 'damaged' ? session.require() : session.requireWritable();
      const { layout } = open;
      const chosen = await verifiedBackup(layout, name);
      checkDatabaseFile(chosen.file, name);
      // Ready beside the database before anything is closed: the swap itself is one rename.
      const incoming = path.join(layout.root, `.project.sqlite.restoring-${process.pid}`);
      copyFileSync(chosen.file, incoming);
      fsyncFile(incoming);
      try {
        await scheduler?.idle();
        const kept = await backupNow(open, 'before-restore', now());
        await deps.beforeClose();
        // Everything written so far into the database file itself; busy means another process is reading it.
        const [cp] = open.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
        if (cp && cp.busy !== 0) {
          startSchedule();
          throw new UserFacingError('backup.in-use', 'Một chương trình khác đang đọc dự án này nên chưa khôi phục được; hãy đóng chương trình đó rồi thử lại.');
        }
        session.close();
        const wal = `${layout.database}-wal`;
        if (existsSync(wal) && statSync(wal).size > 0) {
          await reopen(layout.root);
          throw new UserFacingError('backup.in-use', 'Một chương trình khác vừa ghi vào dự án này nên chưa khôi phục được; hãy đóng chương trình đó rồi thử lại.');
        }
        rmSync(wal, { force: true });
        rmSync(`${layout.database}-shm`, { force: true });
        renameSync(incoming, layout.database);
        fsyncDirectory(layout.root);
        try {
          await reopen(layout.root);
        } catch (e) {
          // Put the replaced database back, so the project opens as it was.
          replaceFile(layout.database, (tmp) => copyFileSync(path.join(layout.backupsDir, `${kept.name}.sqlite`), tmp), { durable: true });
          await reopen(layout.root);
          throw new UserFacingError('backup.restore-failed', `Không mở được dự án từ bản sao lưu «${name}» (${(e as Error).message.replace(/\.$/, '')}); dự án đã được trả lại như trước.`);
        }
        const reopened = session.require();
        let keptOriginals = 0;
        try {
          keptOriginals = keepLaterOriginals(reopened.db, reopened.layout, path.join(layout.backupsDir, `${kept.name}.sqlite`));
        } catch (e) {
          // The replaced database was damaged where it lists its originals: `check` names any file left unlisted.
          deps.onError?.(e, 'backup.restore.keep-originals');
        }
        const check = await checkProject(reopened);
        return { restored: name, keptAs: kept.name, keptOriginals, check };
      } finally {
        rmSync(incoming, { force: true });
      }
    },
    exportArchive({ path: out, jobId }) {
      const open = session.require();
      return asJob(jobId, 'backup', (job) => writeProjectArchive(open, out, { checkpoint: job.checkpoint, onProgress: job.update, now }));
    },
    importArchive({ file, to, jobId }) {
      return asJob(jobId, 'backup', (job) => restoreProjectArchive(file, to, { checkpoint: job.checkpoint, onProgress: job.update }));
    },
  };
}
