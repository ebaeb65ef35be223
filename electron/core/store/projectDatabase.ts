/**
 * Opens a project's SQLite database: application id, WAL, foreign keys, schema migrations and an
 * integrity check. One connection per open project; every command runs in one transaction.
 */
import Database from 'better-sqlite3';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../../../shared/errors';
import { migrations } from './migrations';
import { registerSqlFunctions } from './sqlFunctions';
import { translateSystemError } from '../systemErrors';

export type Db = Database.Database;

/** 'SuQn' — marks a SQLite file as a Sử Quán project (PRAGMA application_id). */
export const APPLICATION_ID = 0x5375516e;

export function latestSchemaVersion(): number {
  return migrations[migrations.length - 1]!.version;
}

export interface OpenedDatabase {
  db: Db;
  /** Set when the integrity check failed: what SQLite reported. The database is then read-only. */
  damage: string | null;
}

/**
 * Opens (or creates) a project database. `readOnly` opens it for reading only (another process
 * holds the project, or its folder cannot be written); writes then fail with SQLITE_READONLY,
 * which the dispatcher turns into a sentence. A database that fails the quick integrity check is
 * opened read-only too, and `damage` says why, so the user can still read and back up what is
 * there, restore a backup or salvage it.
 */
export function openProjectDatabase(file: string, opts: { create: boolean; readOnly?: boolean }): OpenedDatabase {
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !opts.create });
  } catch (e) {
    throw openingError(e, file) ?? new UserFacingError('project.unreadable', `Không mở được cơ sở dữ liệu dự án ${file}: ${(e as Error).message}.`);
  }
  try {
    const damage = configure(db, opts.create);
    if (damage) {
      // Migrating a damaged database would write into it: only one already at the current schema opens.
      if (schemaVersion(db) !== latestSchemaVersion()) {
        throw new UserFacingError('project.corrupt', `Cơ sở dữ liệu dự án bị hỏng (${damage}); hãy khôi phục từ bản sao lưu hoặc cứu dữ liệu bằng «suquan salvage».`);
      }
      registerSqlFunctions(db);
      db.pragma('query_only = 1');
      return { db, damage };
    }
    if (opts.readOnly) {
      if (schemaVersion(db) < latestSchemaVersion()) {
        throw new UserFacingError(
          'project.read-only-old-schema',
          'Dự án này cần được nâng cấp lên phiên bản mới trước khi dùng, mà lúc này chỉ mở được để đọc; hãy mở nó ở nơi đang giữ dự án, hoặc đợi nơi đó đóng dự án.',
        );
      }
      registerSqlFunctions(db);
      db.pragma('query_only = 1');
      return { db, damage: null };
    }
    migrate(db);
    return { db, damage: null };
  } catch (e) {
    db.close();
    throw openingError(e, file) ?? e;
  }
}

/**
 * Why a project's database cannot be opened, in a sentence, when the reason is its folder or its
 * disk: SQLite must create the WAL index (-shm) beside the database even to read it, so a
 * read-only folder (a CD, a share without write access) cannot be opened in place.
 */
function openingError(e: unknown, file: string): UserFacingError | null {
  if (e instanceof UserFacingError) return null;
  const code = String((e as { code?: unknown }).code ?? '');
  const folderWritable = (() => {
    try {
      accessSync(path.dirname(file), constants.W_OK);
      return true;
    } catch {
      return false;
    }
  })();
  if (!folderWritable && (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES')) {
    return new UserFacingError(
      'project.folder-read-only',
      'Thư mục dự án chỉ đọc (đĩa CD, thư mục dùng chung không có quyền ghi…) nên không mở được cơ sở dữ liệu của nó; hãy chép cả thư mục dự án vào máy này rồi mở bản chép.',
    );
  }
  const known = translateSystemError(e);
  if (known?.code === 'system.full') return new UserFacingError('system.full', 'Ổ đĩa đã đầy nên không mở được dự án; hãy giải phóng chỗ trống trên ổ đĩa rồi mở lại.');
  return known;
}

/** Checks the file is a project of a schema this version knows and sets it up; returns damage found. */
function configure(db: Db, creating: boolean): string | null {
  let appId: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
  } catch (e) {
    // Only SQLite's own "not a database" means that; a read-only folder or a full disk fail here too.
    if ((e as { code?: unknown }).code !== 'SQLITE_NOTADB') throw e;
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
  // A version no migration ever recorded (a hand-edited or crafted file): migrating from it would
  // skip or repeat steps on a schema nobody knows.
  if (version !== 0 && !migrations.some((m) => m.version === version)) {
    throw new UserFacingError(
      'project.unknown-schema',
      `Cơ sở dữ liệu dự án ghi một phiên bản lược đồ (${version}) mà không phiên bản Sử Quán nào tạo ra; có thể tệp project.sqlite đã bị sửa ngoài ứng dụng, hãy dùng bản sao lưu.`,
    );
  }
  db.pragma('journal_mode = WAL');
  // FULL: a commit that acknowledges a user's save survives a power cut, not only a crash
  // (bench/durability.bench.ts measures what it costs).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (SQLite's default is 2 MiB): a catalogue filter of 10,000 documents out of
  // 100,000 reads their rows at random, 146 ms from the OS cache, 57 ms from this one.
  db.pragma('cache_size = -65536');
  return openingCheck(db);
}

/** Databases up to this size are checked whole when opened (about a second on an office laptop). */
export const FULL_CHECK_BYTES = 256 * 1024 * 1024;
/**
 * What a provincial archive's database (a gigabyte: hundreds of thousands of pages and their
 * search index) is checked for when opened: the tables people write by hand — descriptions,
 * books, chapters and their revisions, comments, names, saved searches (measured on the 100,000-
 * document benchmark archive: 13 s for the whole file, under 0.5 s for these). The pages, their
 * text and every derived table are checked whole by `suquan check` (and a backup before it is
 * restored); SQLite reports a damaged page of them when it is read, and the save that met it is
 * refused.
 */
const AUTHORED_TABLES = ['project_meta', 'documents', 'books', 'book_nodes', 'chapter_revisions', 'chapter_comments', 'index_names', 'saved_searches', 'code_abbreviations'];

/** SQLite's quick integrity check, of the whole database or, when it is large, of its authored tables. */
function openingCheck(db: Db): string | null {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const tables = pages * pageSize <= FULL_CHECK_BYTES ? [null] : AUTHORED_TABLES.filter((t) => db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(t));
  for (const table of tables) {
    let check: unknown;
    try {
      check = db.pragma(table ? `quick_check(${table})` : 'quick_check', { simple: true });
    } catch (e) {
      return (e as Error).message;
    }
    if (check !== 'ok') return String(check);
  }
  return null;
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
    // PRAGMA foreign_keys cannot change inside a transaction: it is set around it.
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        if (typeof m.sql === 'string') db.exec(m.sql);
        else m.sql(db);
        if (m.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length) throw new Error(`migration ${m.version}: foreign keys broken`);
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (m.foreignKeysOff) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Changes whenever anything was written to the database, by this connection (total_changes) or by
 * another (data_version): what caches of query results compare before reusing them.
 */
export function writeStamp(db: Db): string {
  return `${db.pragma('data_version', { simple: true })}:${db.prepare('SELECT total_changes()').pluck().get()}`;
}
