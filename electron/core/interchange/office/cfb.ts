/**
 * The Compound File Binary container of old Office files (.doc, .xls, .ppt): its root-level
 * streams, read with every sector chain checked. word-extractor's own container reader follows a
 * chain that loops (A → B → A) until memory runs out and trusts every size in the header, so a
 * damaged or hostile file could take the whole process down; this one refuses such a file with
 * an error instead (the caller turns it into a sentence).
 */

export class CfbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CfbError';
  }
}

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENDOFCHAIN = -2;
const MAX_REGSECT = 0xfffffffa;

export interface CfbFile {
  /** Names of the streams directly under the root storage. */
  streams(): string[];
  /** A root-level stream's bytes, or null when there is none of that name. */
  stream(name: string): Buffer | null;
}

/** Opens a compound file held in memory. Throws CfbError when its structure is damaged. */
export function openCfb(bytes: Uint8Array): CfbFile {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 512 || SIGNATURE.some((b, i) => buf[i] !== b)) throw new CfbError('not a compound file');
  const shift = buf.readUInt16LE(0x1e);
  const miniShift = buf.readUInt16LE(0x20);
  if ((shift !== 9 && shift !== 12) || miniShift !== 6) throw new CfbError('bad sector size');
  const secSize = 1 << shift;
  const miniSize = 1 << miniShift;
  const sectorCount = Math.floor((buf.length - secSize) / secSize) + (buf.length % secSize ? 1 : 0);
  const cutoff = buf.readUInt32LE(0x38);
  const sectorAt = (n: number): Buffer => {
    if (n < 0 || n >= sectorCount) throw new CfbError('sector outside the file');
    const start = (n + 1) * secSize;
    return buf.subarray(start, Math.min(start + secSize, buf.length));
  };

  // The FAT's own sectors: 109 in the header, the rest in a chain of DIFAT sectors.
  const numFat = buf.readUInt32LE(0x2c);
  if (numFat > sectorCount) throw new CfbError('too many FAT sectors');
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(buf.readInt32LE(0x4c + i * 4));
  let difat = buf.readInt32LE(0x44);
  const seenDifat = new Set<number>();
  while (fatSectors.length < numFat) {
    if (difat < 0 || seenDifat.has(difat)) throw new CfbError('broken DIFAT chain');
    seenDifat.add(difat);
    const s = sectorAt(difat);
    const per = secSize / 4 - 1;
    for (let i = 0; i < per && fatSectors.length < numFat; i++) fatSectors.push(s.readInt32LE(i * 4));
    difat = s.readInt32LE(per * 4);
  }
  const fat = new Int32Array(numFat * (secSize / 4));
  fatSectors.forEach((sec, k) => {
    const s = sectorAt(sec);
    for (let i = 0; i < s.length / 4; i++) fat[k * (secSize / 4) + i] = s.readInt32LE(i * 4);
  });

  /** The sectors of a chain, each visited once; a loop or a sector out of range is damage. */
  const chainOf = (table: Int32Array, start: number, limit: number): number[] => {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let s = start; s !== ENDOFCHAIN; s = table[s]!) {
      if (s < 0 || s >= table.length || s >= limit || s > MAX_REGSECT || seen.has(s)) throw new CfbError('broken sector chain');
      seen.add(s);
      out.push(s);
    }
    return out;
  };
  const readChain = (start: number, size: number): Buffer => {
    if (start === ENDOFCHAIN || size === 0) return Buffer.alloc(0);
    const sectors = chainOf(fat, start, sectorCount);
    if (sectors.length * secSize < size) throw new CfbError('stream shorter than its size');
    const out = Buffer.alloc(size);
    let at = 0;
    for (const s of sectors) {
      if (at >= size) break;
      const data = sectorAt(s);
      data.copy(out, at, 0, Math.min(data.length, size - at));
      at += secSize;
    }
    return out;
  };

  // The directory: 128-byte entries in its own chain.
  const dirStart = buf.readInt32LE(0x30);
  const dirSectors = chainOf(fat, dirStart, sectorCount);
  const dir = Buffer.concat(dirSectors.map(sectorAt));
  interface Entry { name: string; type: number; left: number; right: number; child: number; start: number; size: number }
  const entries: Entry[] = [];
  for (let off = 0; off + 128 <= dir.length; off += 128) {
    const nameLen = Math.min(64, Math.max(0, dir.readUInt16LE(off + 64) - 2));
    entries.push({
      name: dir.toString('utf16le', off, off + nameLen),
      type: dir[off + 66]!,
      left: dir.readInt32LE(off + 68),
      right: dir.readInt32LE(off + 72),
      child: dir.readInt32LE(off + 76),
      start: dir.readInt32LE(off + 116),
      // Version 3 files may leave garbage in the high half of the size.
      size: shift === 9 ? dir.readUInt32LE(off + 120) : dir.readUInt32LE(off + 120) + dir.readUInt32LE(off + 124) * 2 ** 32,
    });
  }
  const root = entries[0];
  if (!root || root.type !== 5) throw new CfbError('no root entry');
  if (root.size > buf.length) throw new CfbError('mini stream larger than the file');

  // Streams under the root: a red-black tree of siblings hanging from the root's child.
  const byName = new Map<string, Entry>();
  const stack = [root.child];
  const visited = new Set<number>();
  while (stack.length) {
    const i = stack.pop()!;
    if (i < 0 || i >= entries.length) continue;
    if (visited.has(i)) throw new CfbError('directory loop');
    visited.add(i);
    const e = entries[i]!;
    if (e.type === 2) byName.set(e.name, e);
    stack.push(e.left, e.right);
  }

  let mini: { stream: Buffer; fat: Int32Array } | null = null;
  const miniStream = () => {
    if (mini) return mini;
    const stream = readChain(root.start, root.size);
    const miniFatStart = buf.readInt32LE(0x3c);
    const numMiniFat = buf.readUInt32LE(0x40);
    if (numMiniFat > sectorCount) throw new CfbError('too many mini FAT sectors');
    const sectors = miniFatStart === ENDOFCHAIN ? [] : chainOf(fat, miniFatStart, sectorCount);
    const miniFat = new Int32Array(sectors.length * (secSize / 4));
    sectors.forEach((sec, k) => {
      const s = sectorAt(sec);
      for (let i = 0; i < s.length / 4; i++) miniFat[k * (secSize / 4) + i] = s.readInt32LE(i * 4);
    });
    mini = { stream, fat: miniFat };
    return mini;
  };

  return {
    streams: () => [...byName.keys()],
    stream(name: string): Buffer | null {
      const e = byName.get(name);
      if (!e) return null;
      if (e.size > buf.length) throw new CfbError('stream larger than the file');
      if (e.size >= cutoff) return readChain(e.start, e.size);
      const m = miniStream();
      if (e.size === 0) return Buffer.alloc(0);
      const sectors = chainOf(m.fat, e.start, Math.ceil(m.stream.length / miniSize));
      if (sectors.length * miniSize < e.size) throw new CfbError('mini stream shorter than its size');
      const out = Buffer.alloc(e.size);
      sectors.forEach((s, k) => {
        const at = k * miniSize;
        if (at < e.size) m.stream.copy(out, at, s * miniSize, s * miniSize + Math.min(miniSize, e.size - at));
      });
      return out;
    },
  };
}
