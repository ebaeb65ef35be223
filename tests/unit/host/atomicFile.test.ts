/** Whole-or-nothing files: the previous file survives a failed write, and a killed writer's temporary file is swept. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFile } from '../../../electron/core/atomicFile';
import { processIsAlive } from '../../../electron/core/processAlive';

const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());

describe('replaceFile', () => {
  it('keeps the previous file when writing fails, and leaves no temporary file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-atomic-'));
    const target = path.join(dir, 'sách.pdf');
    writeFileSync(target, 'bản tốt');
    expect(() =>
      replaceFile(target, (tmp) => {
        writeFileSync(tmp, 'nửa');
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      }),
    ).toThrow('no space');
    expect(readFileSync(target, 'utf8')).toBe('bản tốt');
    expect(readdirSync(dir)).toEqual(['sách.pdf']);
  });

  it('sweeps the temporary file a killed writer left beside the target, not a living one’s', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-atomic-'));
    const target = path.join(dir, 'sách.pdf');
    const gone = deadPid();
    const dead = path.join(dir, `.sách.pdf.${gone}.abc.part`);
    const deadWal = path.join(dir, `.sách.pdf.${gone}.abc.part-wal`);
    writeFileSync(deadWal, 'the -wal of a database copy');
    const living = path.join(dir, `.sách.pdf.${process.ppid}.def.part`);
    writeFileSync(dead, 'nửa bản của tiến trình đã chết');
    writeFileSync(living, 'đang ghi');
    replaceFile(target, (tmp) => writeFileSync(tmp, 'bản mới'), { durable: true });
    expect(readFileSync(target, 'utf8')).toBe('bản mới');
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(deadWal)).toBe(false);
    expect(existsSync(living)).toBe(true);
  });
});

describe('processIsAlive', () => {
  it('knows this process is alive and an exited one is not', () => {
    expect(processIsAlive(process.pid)).toBe(true);
    expect(processIsAlive(deadPid())).toBe(false);
  });
});
