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

/** Makes a rename or a new file in `dir` durable (a no-op where folders cannot be opened, as on Windows). */
export function fsyncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here: the rename is as durable as the system makes it.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
