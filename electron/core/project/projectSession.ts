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
import { findLeftovers, findTempFiles, removeLeftovers, removeStagedCopies, removeTempFiles } from '../archive/leftovers';
import { describeHolder, ProjectLock, type LockAttempt } from './projectLock';

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
    const attempt = this.acquire(root);
    if (!attempt.ok) throw new UserFacingError('project.cannot-create', `Không ghi được vào thư mục ${root} (chỉ đọc hoặc không có quyền).`);
    const { lock } = attempt;
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
    const attempt = readOnly ? null : this.acquire(root);
    const lock = attempt?.ok ? attempt.lock : null;
    if (attempt && !attempt.ok) {
      const who = attempt.holder ? describeHolder(attempt.holder) : 'một tiến trình khác';
      if (attempt.reason === 'unwritable') {
        readOnly = { reason: 'folder', message: 'Thư mục dự án không ghi được (chỉ đọc hoặc không có quyền), nên dự án mở chỉ để đọc.' };
      } else if (opts.readOnlyIfHeld) {
        readOnly = { reason: 'requested', message: `Dự án đang được mở bởi ${who}, nên ở đây chỉ mở để đọc.` };
      } else {
        throw new UserFacingError('project.locked', `Dự án ${path.basename(root)} đang được mở bởi ${who}; hãy mở chỉ để đọc, hoặc đợi nơi đó đóng dự án.`);
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
        // Holding the lock: what an import of a process that is gone left in cache/tmp is garbage.
        removeStagedCopies({ layout });
        if (attempt?.ok && attempt.tookOver) {
          // The last holder died: what it was importing or writing is collected (`suquan check --repair` does the same on demand).
          removeLeftovers({ db: opened.db, layout }, findLeftovers({ db: opened.db, layout }));
          removeTempFiles({ layout }, findTempFiles({ layout }));
        }
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

  /** Tries to take the project's lock, naming this process as the options say. */
  private acquire(root: string): LockAttempt {
    return ProjectLock.acquire(root, { app: this.opts.holderName ?? 'Sử Quán' });
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

/** SQLite's integrity report, many lines long, as a short clause: "SQLite báo 3 lỗi, lỗi đầu: …". */
function summarizeDamage(report: string): string {
  const lines = report.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('***'));
  const first = (lines[0] ?? report).slice(0, 120);
  return lines.length > 1 ? `SQLite báo ${lines.length} lỗi, lỗi đầu: ${first}` : `SQLite báo: ${first}`;
}
