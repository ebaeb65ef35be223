/** The one logger writes internal errors with their stack to its file, and gives back what "copy details" shows. */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/host/log';

describe('the logger', () => {
  it('writes an internal error with where it happened and its stack, and returns the same details', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-log-'));
    const log = createLogger({ dir, processName: 'services' });
    const error = new Error('database disk image is malformed');
    const details = log.error(error, 'archive.search');
    expect(details).toMatch(/^Sử Quán · services · archive\.search · \d{4}-\d\d-\d\dT/);
    expect(details).toContain('Error: database disk image is malformed');
    expect(details).toContain(path.basename(import.meta.filename));
    const written = readFileSync(path.join(dir, 'suquan.log'), 'utf8');
    expect(written).toContain('[services] [error] Sử Quán · services · archive.search');
    expect(written).toContain(path.basename(import.meta.filename));
    expect(log.file).toBe(path.join(dir, 'suquan.log'));
  });

  it('logs to stderr only when it has no folder', () => {
    const log = createLogger({ dir: null, processName: 'cli' });
    expect(log.file).toBeNull();
    expect(log.error('not an Error', 'cli')).toContain('not an Error');
  });
});
