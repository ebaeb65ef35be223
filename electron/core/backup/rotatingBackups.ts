/**
 * The project's own backups, in backups/ beside its database:
 *   2026-12-06T16-40-00Z-interval.sqlite     a standalone copy of project.sqlite
 *   2026-12-06T16-40-00Z-interval.sha256     its manifest, BagIt style ("<sha256>  <path>"): the
 *                                            copy itself, then every original it knows
 * The copy is renamed into place first and the manifest last (both flushed), so a backup is
 * complete exactly when its manifest is there; anything else in the folder is a leftover that
 * pruning removes. Names sort by time; the reason is the last part of the name.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BackupInfo, BackupReason } from '../../../shared/api/backup';
import { backupName } from '../../../shared/api/backup';
import { UserFacingError } from '../../../shared/errors';
import { sha256OfFile } from '../archive/blobStore';
import { fsyncDirectory, replaceFile } from '../atomicFile';
import type { OpenProject } from '../project/projectSession';
import type { ProjectLayout } from '../store/projectLayout';
import type { BackupPolicy } from '../../../shared/api/backup';
import { backupsToKeep } from './backupPolicy';
import { snapshotDatabase } from './databaseSnapshot';

const NAME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-(\d{1,3}))?-(open|interval|manual|before-restore)$/;
const MANIFEST_EXT = '.sha256';
/** The database's line in a backup manifest. */
export const DATABASE_ENTRY = 'project.sqlite';
/** Leftovers (a copy without its manifest, a temporary file) older than this are removed. */
const LEFTOVER_AGE_MS = 60 * 60 * 1000;

export function backupFile(layout: ProjectLayout, name: string): string {
  return path.join(layout.backupsDir, `${name}.sqlite`);
}
export function backupManifestFile(layout: ProjectLayout, name: string): string {
  return path.join(layout.backupsDir, `${name}${MANIFEST_EXT}`);
}

function parseName(name: string): { createdAt: string; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, , reason] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(t)) return null;
  return { createdAt: new Date(t).toISOString(), reason: reason as BackupReason };
}

/** The complete backups of a project, newest first. */
export function listBackups(layout: ProjectLayout): BackupInfo[] {
  if (!existsSync(layout.backupsDir)) return [];
  const out: (BackupInfo & { seq: number })[] = [];
  for (const file of readdirSync(layout.backupsDir)) {
    if (!file.endsWith(MANIFEST_EXT)) continue;
    const name = file.slice(0, -MANIFEST_EXT.length);
    const parsed = parseName(name);
    const db = backupFile(layout, name);
    if (!parsed || !existsSync(db)) continue;
    out.push({ name, ...parsed, size: statSync(db).size, seq: Number(NAME.exec(name)![7] ?? 1) });
  }
  out.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.seq - a.seq);
  return out.map(({ seq: _seq, ...b }) => b);
}

/** "2026-12-06T16-40-00Z": a time as a file name may hold it (no colons, for Windows). */
function stamp(t: Date): string {
  return t.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

/** A free name for a backup made at `t` (a second one in the same second gets "-2"…). */
function freshName(layout: ProjectLayout, t: Date, reason: BackupReason): string {
  const taken = new Set(existsSync(layout.backupsDir) ? readdirSync(layout.backupsDir).map((f) => f.replace(/\.(sqlite|sha256)$/, '')) : []);
  for (let n = 1; n < 1000; n++) {
    const name = `${stamp(t)}${n === 1 ? '' : `-${n}`}-${reason}`;
    if (!taken.has(name)) return name;
  }
  throw new UserFacingError('backup.too-many', 'Đã có quá nhiều bản sao lưu trong cùng một giây; hãy thử lại sau.');
}

/** Backs up the open project's database now: the copy, then its manifest. */
export async function backupNow(open: OpenProject, reason: BackupReason, now: Date = new Date()): Promise<BackupInfo> {
  const { layout, db } = open;
  // A crafted project folder may hold backups/ as a link to elsewhere: never written through.
  mkdirSync(layout.inside(layout.backupsDir), { recursive: true });
  const name = freshName(layout, now, reason);
  const snap = await snapshotDatabase(db, backupFile(layout, name), { damaged: open.readOnly?.reason === 'damaged' });
  const lines = [`${snap.sha256}  ${DATABASE_ENTRY}`, ...snap.originals.map((o) => `${o.sha256}  files/${o.sha256.slice(0, 2)}/${o.sha256}`)];
  try {
    replaceFile(backupManifestFile(layout, name), (tmp) => writeFileSync(tmp, lines.join('\n') + '\n'), { durable: true });
  } catch (e) {
    rmSync(snap.path, { force: true });
    throw e;
  }
  fsyncDirectory(layout.backupsDir);
  return { name, createdAt: parseName(name)!.createdAt, size: snap.size, reason };
}

export interface BackupManifest {
  /** SHA-256 of the database copy. */
  database: string;
  /** Hashes of the originals the copy knows. */
  originals: string[];
}

export function readBackupManifest(layout: ProjectLayout, name: string): BackupManifest | null {
  let text: string;
  try {
    text = readFileSync(backupManifestFile(layout, name), 'utf8');
  } catch {
    return null;
  }
  let database: string | null = null;
  const originals: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!m) continue;
    if (m[2] === DATABASE_ENTRY) database = m[1]!;
    else if (m[2] === `files/${m[1]!.slice(0, 2)}/${m[1]}`) originals.push(m[1]!);
  }
  return database ? { database, originals } : null;
}

/**
 * The backup called `name`, checked: it is listed, and its copy still has the hash its manifest
 * recorded. One sentence saying which when not.
 */
export async function verifiedBackup(layout: ProjectLayout, name: string): Promise<{ info: BackupInfo; file: string; manifest: BackupManifest }> {
  if (!backupName.safeParse(name).success) throw new UserFacingError('backup.not-found', `Không có bản sao lưu nào tên «${name}».`);
  const info = listBackups(layout).find((b) => b.name === name);
  if (!info) throw new UserFacingError('backup.not-found', `Không có bản sao lưu nào tên «${name}» trong thư mục backups của dự án.`);
  const manifest = readBackupManifest(layout, name);
  const file = backupFile(layout, name);
  if (!manifest || (await sha256OfFile(file)) !== manifest.database) {
    throw new UserFacingError('backup.damaged', `Bản sao lưu «${name}» đã bị hỏng (mã SHA-256 của tệp cơ sở dữ liệu không khớp bản kê); hãy chọn một bản sao lưu khác.`);
  }
  return { info, file, manifest };
}

/** Removes the backups the policy does not keep, and leftovers of interrupted backups; returns the names removed. */
export function pruneBackups(layout: ProjectLayout, policy: BackupPolicy, now: Date = new Date()): string[] {
  const all = listBackups(layout);
  const keep = backupsToKeep(all, policy, now);
  const removed: string[] = [];
  for (const b of all) {
    if (keep.has(b)) continue;
    // The manifest first: without it the copy is no longer a backup, whatever happens next.
    rmSync(backupManifestFile(layout, b.name), { force: true });
    rmSync(backupFile(layout, b.name), { force: true });
    removed.push(b.name);
  }
  const listed = new Set(all.map((b) => b.name));
  for (const file of existsSync(layout.backupsDir) ? readdirSync(layout.backupsDir) : []) {
    const stem = file.replace(/\.(sqlite|sha256)$/, '');
    if (listed.has(stem)) continue;
    const full = path.join(layout.backupsDir, file);
    try {
      if (now.getTime() - statSync(full).mtimeMs > LEFTOVER_AGE_MS) rmSync(full, { force: true });
    } catch {
      // Gone already.
    }
  }
  return removed;
}
