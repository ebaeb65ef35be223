/**
 * A consistent copy of a project's database while it is in use: SQLite's online backup API
 * (better-sqlite3's `db.backup`) copies it a few pages at a time between other work, restarting
 * by itself if another connection writes meanwhile (writes through the same connection are
 * carried into the copy). The copy is then made a standalone file (rollback journal, no -wal or
 * -shm beside it), flushed to disk, hashed and renamed into place: whole or not at all.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sha256OfFile } from '../archive/blobStore';
import type { Db } from '../store/projectDatabase';
import { fsyncDirectory, fsyncFile } from '../atomicFile';

/** An original as the copy's `files` table lists it. */
export interface OriginalRef {
  sha256: string;
  size: number;
}

export interface DatabaseSnapshot {
  path: string;
  sha256: string;
  size: number;
  /** The originals the copy knows, by hash. */
  originals: OriginalRef[];
}

const SHA = /^[0-9a-f]{64}$/;

/** The originals a project database lists (only well-formed hashes: the copy may come from an untrusted archive). */
export function originalsIn(db: Db): OriginalRef[] {
  const rows = db.prepare('SELECT sha256, size FROM files ORDER BY sha256').all() as { sha256: unknown; size: unknown }[];
  return rows.filter((r): r is OriginalRef => typeof r.sha256 === 'string' && SHA.test(r.sha256) && typeof r.size === 'number');
}

/**
 * Copies the database behind `db` to `target` (replacing it), durably. With `damaged`, a copy
 * whose `files` table cannot be read still counts (it lists no originals): keeping a damaged
 * database before it is replaced matters more than its manifest.
 */
export async function snapshotDatabase(db: Db, target: string, { damaged = false } = {}): Promise<DatabaseSnapshot> {
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomUUID().slice(0, 8)}.part`);
  try {
    await db.backup(tmp);
    const copy = new Database(tmp);
    let originals: OriginalRef[];
    try {
      copy.pragma('journal_mode = DELETE');
      try {
        originals = originalsIn(copy);
      } catch (e) {
        if (!damaged) throw e;
        originals = [];
      }
    } finally {
      copy.close();
    }
    fsyncFile(tmp);
    const sha256 = await sha256OfFile(tmp);
    const size = statSync(tmp).size;
    renameSync(tmp, target);
    fsyncDirectory(path.dirname(target));
    return { path: target, sha256, size, originals };
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true });
    throw e;
  }
}
