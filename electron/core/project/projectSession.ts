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

export interface OpenProject {
  layout: ProjectLayout;
  db: Db;
}

export class ProjectSession {
  private current: OpenProject | null = null;

  get isOpen(): boolean {
    return this.current !== null;
  }

  /** The open project; a clear error when there is none. */
  require(): OpenProject {
    if (!this.current) throw new UserFacingError('project.none-open', 'Chưa mở dự án nào.');
    return this.current;
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
    const db = openProjectDatabase(layout.database, { create: true });
    const now = new Date().toISOString();
    db.prepare('INSERT INTO project_meta(key, value) VALUES (?, ?), (?, ?)').run('title', toNFC(title), 'created_at', now);
    return this.replace({ layout, db });
  }

  open(dir: string): OpenProject {
    const root = path.resolve(dir);
    const layout = new ProjectLayout(root);
    if (!existsSync(layout.database)) {
      throw new UserFacingError('project.not-found', `Không có dự án Sử Quán nào ở ${root}.`);
    }
    const db = openProjectDatabase(layout.database, { create: false });
    mkdirSync(layout.filesDir, { recursive: true });
    mkdirSync(layout.cacheDir, { recursive: true });
    return this.replace({ layout, db });
  }

  close(): void {
    if (this.current) {
      this.current.db.close();
      this.current = null;
    }
  }

  title(): string {
    const row = this.require().db.prepare("SELECT value FROM project_meta WHERE key = 'title'").get() as { value: string } | undefined;
    return row?.value ?? path.basename(this.require().layout.root);
  }

  schemaVersion(): number {
    return schemaVersion(this.require().db);
  }

  private replace(next: OpenProject): OpenProject {
    this.close();
    this.current = next;
    return next;
  }
}
