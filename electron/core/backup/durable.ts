/** Making what a backup wrote survive a power cut: flushing a file, and a rename in its folder. */
import { closeSync, fsyncSync, openSync } from 'node:fs';

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A rename or a new file in a folder made durable: the one implementation, in atomicFile.ts. */
export { fsyncDirectory } from '../atomicFile';
