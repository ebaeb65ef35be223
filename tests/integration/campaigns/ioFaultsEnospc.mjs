// Preload for the I/O-fault campaign when `mount` is not permitted (no tmpfs to fill): makes
// Node's own file writes under SUQUAN_FAULT_DIR fail with ENOSPC once SUQUAN_FAULT_BYTES bytes
// have been written there, the way a full disk answers. Used as `node --import THIS cli.mjs …`.
// Only writes made through node:fs are reached (SQLite and sharp write natively): a stand-in for
// a full disk, not a full one.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const dir = process.env.SUQUAN_FAULT_DIR ? path.resolve(process.env.SUQUAN_FAULT_DIR) : null;
let budget = Number(process.env.SUQUAN_FAULT_BYTES ?? '0');
const fds = new Set();

const under = (p) => dir !== null && typeof p === 'string' && path.resolve(p).startsWith(dir + path.sep);
const enospc = (syscall) => Object.assign(new Error(`ENOSPC: no space left on device, ${syscall}`), { code: 'ENOSPC', errno: -28, syscall });
function spend(n, syscall) {
  budget -= n;
  if (budget < 0) throw enospc(syscall);
}
const sizeOf = (data) => (typeof data === 'string' ? Buffer.byteLength(data) : (data?.byteLength ?? 0));

if (dir) {
  const { openSync, closeSync, writeSync, writeFileSync, copyFileSync } = fs;
  fs.openSync = function (p, ...rest) {
    const fd = openSync.call(this, p, ...rest);
    if (under(p)) fds.add(fd);
    return fd;
  };
  fs.closeSync = function (fd) {
    fds.delete(fd);
    return closeSync.call(this, fd);
  };
  fs.writeSync = function (fd, data, ...rest) {
    if (fds.has(fd)) spend(typeof rest[1] === 'number' && typeof data !== 'string' ? rest[1] : sizeOf(data), 'write');
    return writeSync.call(this, fd, data, ...rest);
  };
  fs.writeFileSync = function (p, data, ...rest) {
    if (under(p) || fds.has(p)) spend(sizeOf(data), 'write');
    return writeFileSync.call(this, p, data, ...rest);
  };
  fs.copyFileSync = function (src, dest, ...rest) {
    if (under(dest)) spend(fs.statSync(src).size, 'copyfile');
    return copyFileSync.call(this, src, dest, ...rest);
  };
  const promisesOpen = fs.promises.open;
  const probe = await promisesOpen('/dev/null', 'r');
  const FileHandle = Object.getPrototypeOf(probe);
  await probe.close();
  const handles = new WeakSet();
  fs.promises.open = async function (p, ...rest) {
    const h = await promisesOpen.call(this, p, ...rest);
    if (under(p)) handles.add(h);
    return h;
  };
  const write = FileHandle.write;
  FileHandle.write = function (data, ...rest) {
    try {
      if (handles.has(this)) spend(typeof rest[1] === 'number' && typeof data !== 'string' ? rest[1] : sizeOf(data), 'write');
    } catch (e) {
      return Promise.reject(e);
    }
    return write.call(this, data, ...rest);
  };
  syncBuiltinESMExports();
}
