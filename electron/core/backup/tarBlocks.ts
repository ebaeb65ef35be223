/**
 * The tar container at the level of its 512-byte blocks. Header fields, checksums and large
 * numbers are node-tar's `Header` (npm's own tar library); the layout of members is ours, because
 * resuming an interrupted archive needs to know exactly at which byte each member starts and
 * ends, which the libraries' streaming readers and writers do not tell. Every member is a plain
 * file: a ustar header block, its bytes, zero padding to the next block. Two zero blocks end the
 * archive. Any tar program (GNU tar, bsdtar, 7-Zip) reads the result.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Header } from 'tar/header';

export const BLOCK = 512;
export const END_OF_ARCHIVE = Buffer.alloc(BLOCK * 2);

/** Bytes of zero padding after a member of `size` bytes. */
export function paddingOf(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** The header block of a regular file member. */
export function headerBlock(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar member name too long: ${name}`);
  const h = new Header({ path: name, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', size, mtime, type: 'File' });
  h.encode();
  return h.block!;
}

/** A member found in an archive: where its header and its bytes are. */
export interface TarMember {
  name: string;
  size: number;
  /** Byte offset of its header block. */
  offset: number;
  /** Byte offset of its first data byte. */
  dataOffset: number;
  /** Byte offset just past its padding: where the next header starts. */
  end: number;
}

/** How a scan of an archive ended. */
export type ScanEnd =
  /** Two zero blocks: a finished archive (`at` is where they start). */
  | { kind: 'end-marker'; at: number }
  /** The file ends on a member boundary with no end marker (an archive being written). */
  | { kind: 'eof'; at: number }
  /** The file ends inside a header or a member's bytes (`at`: where that member starts). */
  | { kind: 'truncated'; at: number }
  /** A header block whose checksum is wrong, or a member that is not a plain file. */
  | { kind: 'bad-header'; at: number; name?: string };

/**
 * Lists an archive's members by reading only their headers. Stops at the end marker, at the end
 * of the file, or at the first damaged header, and says which.
 */
export function scanMembers(file: string): { members: TarMember[]; end: ScanEnd } {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const members: TarMember[] = [];
    const block = Buffer.alloc(BLOCK);
    let at = 0;
    for (;;) {
      if (at === size) return { members, end: { kind: 'eof', at } };
      if (at + BLOCK > size) return { members, end: { kind: 'truncated', at } };
      readSync(fd, block, 0, BLOCK, at);
      const h = new Header(block, 0);
      if (h.nullBlock) return { members, end: { kind: 'end-marker', at } };
      if (!h.cksumValid) return { members, end: { kind: 'bad-header', at } };
      if (h.type !== 'File' || typeof h.path !== 'string' || typeof h.size !== 'number' || h.size < 0) {
        return { members, end: { kind: 'bad-header', at, ...(typeof h.path === 'string' ? { name: h.path } : {}) } };
      }
      const dataOffset = at + BLOCK;
      const end = dataOffset + h.size + paddingOf(h.size);
      // A member is whole with its padding: the next one starts at a block boundary.
      if (end > size) return { members, end: { kind: 'truncated', at } };
      members.push({ name: h.path, size: h.size, offset: at, dataOffset, end });
      at = end;
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads a member's bytes in chunks of at most `chunk` bytes. */
export function* memberChunks(fd: number, m: TarMember, chunk = 1024 * 1024): Generator<Buffer> {
  const buf = Buffer.allocUnsafe(Math.min(chunk, Math.max(m.size, 1)));
  let pos = 0;
  while (pos < m.size) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, m.size - pos), m.dataOffset + pos);
    if (n === 0) throw new Error('unexpected end of archive');
    pos += n;
    yield buf.subarray(0, n);
  }
}
