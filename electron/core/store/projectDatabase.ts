/**
 * Opens a project's SQLite database: application id, WAL, foreign keys, schema migrations and an
 * integrity check. One connection per open project; every command runs in one transaction.
 */
import Database from 'better-sqlite3';
import { UserFacingError } from '../../../shared/errors';
import { migrations } from './migrations';
import { registerSqlFunctions } from './sqlFunctions';

export type Db = Database.Database;

/** 'SuQn' — marks a SQLite file as a Sử Quán project (PRAGMA application_id). */
export const APPLICATION_ID = 0x5375516e;

export function latestSchemaVersion(): number {
  return migrations[migrations.length - 1]!.version;
}

export function openProjectDatabase(file: string, opts: { create: boolean }): Db {
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !opts.create });
  } catch (e) {
    throw new UserFacingError('project.unreadable', `Không mở được cơ sở dữ liệu dự án ${file}: ${(e as Error).message}.`);
  }
  try {
    configure(db, opts.create);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function configure(db: Db, creating: boolean): void {
  let appId: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
  } catch {
    throw new UserFacingError('project.not-a-project', 'Tệp project.sqlite không phải là cơ sở dữ liệu SQLite hợp lệ.');
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (creating && appId === 0 && version === 0) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
  } else if (appId !== APPLICATION_ID) {
    throw new UserFacingError('project.not-a-project', 'Cơ sở dữ liệu này không phải của một dự án Sử Quán.');
  }
  if (version > latestSchemaVersion()) {
    throw new UserFacingError(
      'project.too-new',
      `Dự án được tạo bởi phiên bản Sử Quán mới hơn (lược đồ ${version}); hãy cập nhật ứng dụng.`,
    );
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') {
    throw new UserFacingError('project.corrupt', `Cơ sở dữ liệu dự án bị hỏng (${String(check)}); hãy khôi phục từ bản sao lưu.`);
  }
}

/**
 * Applies every migration newer than the recorded version, each in its own transaction. First it
 * registers the SQL functions the schema's triggers call, which every connection needs.
 */
export function migrate(db: Db, upTo = latestSchemaVersion()): void {
  registerSqlFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
