/**
 * Content-addressed storage of originals: files/<sha[0:2]>/<sha256>. A file is written to a
 * temporary name and renamed into place, so a crash never leaves a half-written original; an
 * original, once stored, is read-only and never modified.
 */
import { createHash } from 'node:crypto';
import { chmodSync, createReadStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProjectLayout } from '../store/projectLayout';

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export class BlobStore {
  constructor(private readonly layout: ProjectLayout) {}

  has(sha256: string): boolean {
    return existsSync(this.layout.original(sha256));
  }

  pathOf(sha256: string): string {
    return this.layout.original(sha256);
  }

  /** Stores bytes under their hash (no-op when already there) and returns the hash. */
  put(bytes: Uint8Array, sha256 = sha256Of(bytes)): string {
    const target = this.layout.original(sha256);
    if (existsSync(target)) return sha256;
    mkdirSync(path.dirname(target), { recursive: true });
    mkdirSync(this.layout.tmpDir, { recursive: true });
    const tmp = path.join(this.layout.tmpDir, `${sha256}.${process.pid}.${Date.now()}.part`);
    try {
      writeFileSync(tmp, bytes, { flag: 'wx' });
      chmodSync(tmp, 0o444);
      renameSync(tmp, target);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    return sha256;
  }

  /** Removes a stored original: only for rolling back an import that failed before commit. */
  removeUncommitted(sha256: string): void {
    rmSync(this.layout.original(sha256), { force: true });
  }
}
