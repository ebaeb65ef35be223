/**
 * Content-addressed storage of originals: files/<sha[0:2]>/<sha256>. A file is written to a
 * temporary name and renamed into place, so a crash never leaves a half-written original; an
 * original, once stored, is read-only and never modified.
 *
 * Importing stores a file in two steps, with the memory of one small buffer whatever its size:
 * `stage` copies it into the staging area (cache/tmp, on the same disk as files/), hashing the
 * very bytes it writes, and syncs the copy; `putStaged` later renames the copy into place. The
 * stored original is therefore exactly the bytes its name is the hash of, even if the user's
 * file changes while it is being imported.
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, createReadStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectLayout } from '../store/projectLayout';
import type { Db } from '../store/projectDatabase';
import { fsyncDirectory } from '../atomicFile';

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A copy of a file in the staging area, with the hash and size of what was copied. */
export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
}

/** How much is read and written at a time while staging (the only memory a copy takes). */
const STAGE_CHUNK = 1024 * 1024;

async function writeAll(out: FileHandle, chunk: Buffer): Promise<void> {
  let written = 0;
  while (written < chunk.length) written += (await out.write(chunk, written, chunk.length - written)).bytesWritten;
}

export class BlobStore {
  constructor(private readonly layout: ProjectLayout) {}

  has(sha256: string): boolean {
    return existsSync(this.layout.original(sha256));
  }

  pathOf(sha256: string): string {
    return this.layout.original(sha256);
  }

  /**
   * Copies a file into the staging area chunk by chunk, hashing what it writes, and syncs the
   * copy to disk. `onChunk` is called after each chunk with the bytes copied so far (it may
   * throw to stop: the partial copy is removed). The copy is the caller's until it is given to
   * `putStaged` or `discardStaged`.
   */
  async stage(source: string, onChunk?: (bytesCopied: number) => void): Promise<StagedFile> {
    // A crafted project folder may hold cache/ or cache/tmp as a link to elsewhere: never written through.
    mkdirSync(this.layout.inside(this.layout.tmpDir), { recursive: true });
    const tmp = path.join(this.layout.tmpDir, `import-${process.pid}-${randomUUID()}.part`);
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(STAGE_CHUNK);
    let size = 0;
    let input: FileHandle | null = null;
    let output: FileHandle | null = null;
    try {
      input = await open(source, 'r');
      output = await open(tmp, 'wx');
      for (;;) {
        const { bytesRead } = await input.read(buf, 0, STAGE_CHUNK, null);
        if (bytesRead === 0) break;
        const chunk = buf.subarray(0, bytesRead);
        hash.update(chunk);
        await writeAll(output, chunk);
        size += bytesRead;
        onChunk?.(size);
      }
      await output.sync();
      const done = output;
      output = null;
      await done.close();
    } catch (e) {
      await output?.close().catch(() => {});
      rmSync(tmp, { force: true });
      throw e;
    } finally {
      await input?.close().catch(() => {});
    }
    return { path: tmp, sha256: hash.digest('hex'), size };
  }

  /**
   * Moves a staged copy into place as the original of `sha256` (read-only). Returns false, and
   * removes the copy, when that original is already stored.
   */
  putStaged(staged: string, sha256: string): boolean {
    const target = this.layout.original(sha256);
    if (existsSync(target)) {
      rmSync(staged, { force: true });
      return false;
    }
    // files/ab may be a link out of a crafted project folder: the original is never put there.
    mkdirSync(this.layout.inside(path.dirname(target)), { recursive: true });
    chmodSync(staged, 0o444);
    renameSync(staged, target);
    fsyncDirectory(path.dirname(target));
    return true;
  }

  /** Removes a staged copy that will not be stored (a duplicate, a rejected file, a cancelled job). */
  discardStaged(staged: string): void {
    rmSync(staged, { force: true });
  }

  /**
   * Removes an original this transaction stored: only inside the IMMEDIATE transaction that
   * stored it, before it lets the write lock go (no other process can have referred to it yet).
   */
  removeUncommitted(sha256: string): void {
    rmSync(this.layout.original(sha256), { force: true });
  }

  /**
   * Removes those of the given originals that no row of `files` refers to — what a failed COMMIT
   * or a killed import left. The question is asked holding the write lock (an IMMEDIATE
   * transaction): an import stores an original and inserts its row under that lock, so no import
   * is between the two meanwhile, and one that found the original already there (and kept no copy
   * of its own) has committed its row before this looks. Outside the lock an uncommitted row is
   * invisible, and the original it is about to refer to would go. Returns how many went; none
   * when another process holds the lock past the busy timeout (they stay, harmless, for the next
   * `suquan check`).
   */
  removeUnreferenced(db: Db, shas: readonly string[]): number {
    if (shas.length === 0) return 0;
    const known = db.prepare('SELECT 1 FROM files WHERE sha256 = ?').pluck();
    try {
      return db
        .transaction(() => {
          let removed = 0;
          for (const sha of shas) {
            if (known.get(sha) !== undefined) continue;
            rmSync(this.layout.original(sha), { force: true });
            removed++;
          }
          return removed;
        })
        .immediate();
    } catch (e) {
      if (String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY')) return 0;
      throw e;
    }
  }
}
