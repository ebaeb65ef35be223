/**
 * The project that is open right now. Services ask it for the database and the folder layout;
 * the project service opens and closes it.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../../../shared/errors';
import { toNFC } from '../text';
import { openProjectDatabase, schemaVersion, type Db } from '../store/projectDatabase';
import { ProjectLayout } from '../store/projectLayout';
import { findLeftovers, removeLeftovers, removeStagedCopies } from '../archive/leftovers';
import { describeHolder, ProjectLock } from './projectLock';

/** Why a project is open for reading only, and the sentence the banner shows. */
export interface ReadOnlyState {
  reason: 'requested' | 'folder' | 'damaged';
  message: string;
}

export interface OpenProject {
  layout: ProjectLayout;
  db: Db;
  /** null when this process may write (it holds the project's lock). */
  readOnly: ReadOnlyState | null;
}

export interface OpenOptions {
  /** Open for reading only, without taking the lock (another process holds the project). */
  readOnly?: boolean;
  /** When another process holds the project, open it read-only instead of refusing (CLI reads). */
  readOnlyIfHeld?: boolean;
}

export interface ProjectSessionOptions {
  /** Names this process in the lock others see: "Sử Quán", "suquan import"… */
  holderName?: string;
}

export class ProjectSession {
  private current: OpenProject | null = null;
  private lock: ProjectLock | null = null;
  /** Set by takeLock: the lock it found had been left by a process that crashed. */
  private tookOverStaleLock = false;

  constructor(private readonly opts: ProjectSessionOptions = {}) {}

  get isOpen(): boolean {
    return this.current !== null;
  }

  /** The open project; a clear error when there is none. */
  require(): OpenProject {
    if (!this.current) throw new UserFacingError('project.none-open', 'Chưa mở dự án nào.');
    return this.current;
  }

  /** The open project, for a change: a clear sentence when it is open for reading only. */
  requireWritable(): OpenProject {
    const p = this.require();
    if (p.readOnly) throw new UserFacingError('project.read-only', `${p.readOnly.message} Thay đổi này chưa được thực hiện.`);
    return p;
  }

  create(dir: string, title: string): OpenProject {
    const root = path.resolve(dir);
    if (existsSync(root)) {
      if (!statSync(root).isDirectory()) {
        throw new UserFacingError('project.path-is-file', `${root} là một tệp, không phải thư mục.`);
      }
      if (readdirSync(root).length > 0) {
        throw new UserFacingError('project.not-empty', `Thư mục ${root} đã có nội dung; hãy chọn một thư mục trống hoặc chưa tồn tại.`);
      }
    }
    const layout = new ProjectLayout(root);
    try {
      mkdirSync(layout.filesDir, { recursive: true });
      mkdirSync(layout.cacheDir, { recursive: true });
    } catch (e) {
      throw new UserFacingError('project.cannot-create', `Không tạo được thư mục dự án ${root}: ${(e as Error).message}.`);
    }
    this.close();
    const lock = this.takeLock(root, {});
    if (!lock) throw new UserFacingError('project.cannot-create', `Không ghi được vào thư mục ${root} (chỉ đọc hoặc không có quyền).`);
    try {
      const { db } = openProjectDatabase(layout.database, { create: true });
      const now = new Date().toISOString();
      db.prepare('INSERT INTO project_meta(key, value) VALUES (?, ?), (?, ?)').run('title', toNFC(title), 'created_at', now);
      return this.replace({ layout, db, readOnly: null }, lock);
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  open(dir: string, opts: OpenOptions = {}): OpenProject {
    const root = path.resolve(dir);
    const layout = new ProjectLayout(root);
    if (!existsSync(layout.database)) {
      throw new UserFacingError('project.not-found', `Không có dự án Sử Quán nào ở ${root}.`);
    }
    this.close();
    let readOnly: ReadOnlyState | null = opts.readOnly
      ? { reason: 'requested', message: 'Dự án đang mở chỉ để đọc.' }
      : null;
    let lock: ProjectLock | null = null;
    if (!readOnly) {
      try {
        lock = this.takeLock(root, opts);
        if (!lock) readOnly = { reason: 'folder', message: 'Thư mục dự án không ghi được (chỉ đọc hoặc không có quyền), nên dự án mở chỉ để đọc.' };
      } catch (e) {
        if (!(e instanceof HeldElsewhere)) throw e;
        readOnly = { reason: 'requested', message: `Dự án đang được mở bởi ${e.who}, nên ở đây chỉ mở để đọc.` };
      }
    }
    try {
      const opened = openProjectDatabase(layout.database, { create: false, readOnly: readOnly !== null });
      if (opened.damage) {
        readOnly = {
          reason: 'damaged',
          message: `Cơ sở dữ liệu dự án bị hỏng (${summarizeDamage(opened.damage)}) nên dự án mở chỉ để đọc; hãy khôi phục từ bản sao lưu mới nhất hoặc cứu dữ liệu sang một dự án mới.`,
        };
      }
      if (!readOnly) {
        mkdirSync(layout.filesDir, { recursive: true });
        mkdirSync(layout.cacheDir, { recursive: true });
        // Holding the lock, no other process is importing here: what an import left is garbage.
        removeStagedCopies({ layout });
        if (this.tookOverStaleLock) removeLeftovers({ db: opened.db, layout }, findLeftovers({ db: opened.db, layout }));
      }
      return this.replace({ layout, db: opened.db, readOnly }, lock);
    } catch (e) {
      lock?.release();
      throw e;
    }
  }

  close(): void {
    if (this.current) {
      this.current.db.close();
      this.current = null;
    }
    this.lock?.release();
    this.lock = null;
  }

  /**
   * The project's lock, or null when its folder cannot be written. When another process holds
   * it: one sentence saying who, or — if the caller asked for `readOnlyIfHeld` — HeldElsewhere,
   * which `open` turns into a read-only open.
   */
  private takeLock(root: string, opts: OpenOptions): ProjectLock | null {
    const attempt = ProjectLock.acquire(root, { app: this.opts.holderName ?? 'Sử Quán' });
    this.tookOverStaleLock = attempt.ok && attempt.tookOver;
    if (attempt.ok) return attempt.lock;
    if (attempt.reason === 'unwritable') return null;
    if (opts.readOnlyIfHeld) throw new HeldElsewhere(attempt.holder ? describeHolder(attempt.holder) : 'một tiến trình khác');
    const who = attempt.holder ? describeHolder(attempt.holder) : 'một tiến trình khác';
    throw new UserFacingError('project.locked', `Dự án ${path.basename(root)} đang được mở bởi ${who}; hãy mở chỉ để đọc, hoặc đợi nơi đó đóng dự án.`);
  }

  title(): string {
    const row = this.require().db.prepare("SELECT value FROM project_meta WHERE key = 'title'").get() as { value: string } | undefined;
    return row?.value ?? path.basename(this.require().layout.root);
  }

  schemaVersion(): number {
    return schemaVersion(this.require().db);
  }

  private replace(next: OpenProject, lock: ProjectLock | null): OpenProject {
    this.current = next;
    this.lock = lock;
    return next;
  }
}

/** Internal: the lock is held elsewhere and the caller asked to fall back to reading only. */
class HeldElsewhere extends Error {
  constructor(readonly who: string) {
    super(who);
  }
}

/** SQLite's integrity report, many lines long, as a short clause: "SQLite báo 3 lỗi, lỗi đầu: …". */
function summarizeDamage(report: string): string {
  const lines = report.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('***'));
  const first = (lines[0] ?? report).slice(0, 120);
  return lines.length > 1 ? `SQLite báo ${lines.length} lỗi, lỗi đầu: ${first}` : `SQLite báo: ${first}`;
}
