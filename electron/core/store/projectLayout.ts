import path from 'node:path';

/**
 * The layout of a project folder on disk:
 *   project.sqlite   metadata, manuscript, search index (WAL)
 *   files/ab/abcd…   originals, content-addressed by SHA-256, never modified
 *   cache/           derived files (thumbnails, rendered pages): may be deleted and rebuilt
 *   backups/         rotating copies of project.sqlite, each with a manifest of the originals
 */
export class ProjectLayout {
  constructor(readonly root: string) {}

  get database(): string {
    return path.join(this.root, 'project.sqlite');
  }
  get filesDir(): string {
    return path.join(this.root, 'files');
  }
  get cacheDir(): string {
    return path.join(this.root, 'cache');
  }
  get backupsDir(): string {
    return path.join(this.root, 'backups');
  }
  get tmpDir(): string {
    return path.join(this.root, 'cache', 'tmp');
  }
  original(sha256: string): string {
    return path.join(this.filesDir, sha256.slice(0, 2), sha256);
  }
  thumbnail(sha256: string, filePage: number): string {
    return path.join(this.cacheDir, 'thumbs', sha256.slice(0, 2), `${sha256}-${filePage}.jpg`);
  }
}
