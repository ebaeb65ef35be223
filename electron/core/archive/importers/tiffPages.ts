/**
 * Multi-page TIFF, page by page in linear time. libvips counts every directory of a TIFF each time
 * it opens one (to report its page count), so decoding page n of N with `sharp(file, { page: n })`
 * costs O(N) and a whole file O(N²): 600 pages took 33 s, 3,000 would take about 14 minutes.
 *
 * Here the chain of image file directories (IFDs) is walked once, checking that every directory
 * and every strip or tile lies inside the file (a truncated file is told apart from a damaged
 * one), and each page can be cut out as a small single-page TIFF — its directory, its out-of-line
 * values and its image data copied, offsets rewritten, nothing decoded or re-encoded — that sharp
 * opens in constant time.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** A random-access view of the file's bytes (a path read with pread, or bytes in memory). */
export interface ByteSource {
  size: number;
  read(position: number, length: number): Buffer;
  close(): void;
}

export function fileSource(file: string): ByteSource {
  const fd = openSync(file, 'r');
  return {
    size: fstatSync(fd).size,
    read(position, length) {
      const buf = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const r = readSync(fd, buf, got, length - got, position + got);
        if (r === 0) break;
        got += r;
      }
      return buf.subarray(0, got);
    },
    close: () => closeSync(fd),
  };
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { size: b.length, read: (position, length) => b.subarray(position, Math.min(b.length, position + length)), close() {} };
}

/** Size in bytes of one value of each TIFF field type (classic TIFF). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

const STRIP_OFFSETS = 273;
const STRIP_BYTE_COUNTS = 279;
const TILE_OFFSETS = 324;
const TILE_BYTE_COUNTS = 325;
const COMPRESSION = 259;
/** Pointers to other directories or to free space: meaningless in a one-page copy, left out. */
const DROPPED_TAGS = new Set([288, 289, 330, 513, 514, 34665, 34853, 40965]);

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** The 4 bytes of the value field, as in the file. */
  field: Buffer;
}

export interface TiffLayout {
  littleEndian: boolean;
  /** Offset of each page's directory, in chain order. */
  directories: number[];
}

/** Why a TIFF cannot be read page by page here. */
export type TiffProblem = 'truncated' | 'damaged' | 'unsupported';

export class TiffStructureError extends Error {
  constructor(readonly problem: TiffProblem) {
    super(`TIFF ${problem}`);
    this.name = 'TiffStructureError';
  }
}

/** More directories than this is not a scan: a loop the offset check missed, or a hostile file. */
const MAX_PAGES = 100_000;

/**
 * Walks the directory chain once. Throws TiffStructureError: 'truncated' when a directory lies
 * past the end of the file, 'damaged' for a loop or an impossible directory, 'unsupported' for
 * BigTIFF (read by sharp page by page instead).
 */
export function tiffLayout(src: ByteSource): TiffLayout {
  const head = src.read(0, 8);
  if (head.length < 8) throw new TiffStructureError('truncated');
  const order = head.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') throw new TiffStructureError('damaged');
  const le = order === 'II';
  const magic = le ? head.readUInt16LE(2) : head.readUInt16BE(2);
  if (magic === 43) throw new TiffStructureError('unsupported');
  if (magic !== 42) throw new TiffStructureError('damaged');
  const directories: number[] = [];
  const seen = new Set<number>();
  let at = le ? head.readUInt32LE(4) : head.readUInt32BE(4);
  while (at !== 0) {
    if (seen.has(at) || directories.length >= MAX_PAGES || at < 8) throw new TiffStructureError('damaged');
    if (at + 2 > src.size) throw new TiffStructureError('truncated');
    seen.add(at);
    const countBuf = src.read(at, 2);
    const count = le ? countBuf.readUInt16LE(0) : countBuf.readUInt16BE(0);
    if (count === 0) throw new TiffStructureError('damaged');
    const end = at + 2 + count * 12 + 4;
    if (end > src.size) throw new TiffStructureError('truncated');
    directories.push(at);
    const next = src.read(end - 4, 4);
    at = le ? next.readUInt32LE(0) : next.readUInt32BE(0);
  }
  if (directories.length === 0) throw new TiffStructureError('damaged');
  return { littleEndian: le, directories };
}

function readEntries(src: ByteSource, le: boolean, at: number): Entry[] {
  const countBuf = src.read(at, 2);
  const count = le ? countBuf.readUInt16LE(0) : countBuf.readUInt16BE(0);
  const raw = src.read(at + 2, count * 12);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const o = i * 12;
    entries.push({
      tag: le ? raw.readUInt16LE(o) : raw.readUInt16BE(o),
      type: le ? raw.readUInt16LE(o + 2) : raw.readUInt16BE(o + 2),
      count: le ? raw.readUInt32LE(o + 4) : raw.readUInt32BE(o + 4),
      field: Buffer.from(raw.subarray(o + 8, o + 12)),
    });
  }
  return entries;
}

/** More strips or tiles than this in one page is not an image (a 200-megapixel page in 1-row strips has 20,000). */
const MAX_CHUNKS = 4_000_000;
/** Largest out-of-line value copied (ICC profiles and XMP packets are a few MB at most). */
const MAX_VALUE_BYTES = 64 * 1024 * 1024;

/** The values of an offsets or byte-counts entry (SHORT or LONG). */
function numbers(src: ByteSource, le: boolean, e: Entry): number[] {
  const size = TYPE_SIZE[e.type];
  if ((e.type !== 3 && e.type !== 4) || size === undefined || e.count > MAX_CHUNKS) throw new TiffStructureError('damaged');
  const bytes = e.count * size;
  let data: Buffer;
  if (bytes <= 4) data = e.field;
  else {
    const at = le ? e.field.readUInt32LE(0) : e.field.readUInt32BE(0);
    if (at + bytes > src.size) throw new TiffStructureError('truncated');
    data = src.read(at, bytes);
  }
  const out: number[] = new Array(e.count);
  for (let i = 0; i < e.count; i++) {
    out[i] = e.type === 3 ? (le ? data.readUInt16LE(i * 2) : data.readUInt16BE(i * 2)) : le ? data.readUInt32LE(i * 4) : data.readUInt32BE(i * 4);
  }
  return out;
}

/**
 * How many bytes of image data a page holds, once its strips or tiles are checked to lie inside
 * the file ('truncated' otherwise).
 */
export function pageDataBytes(src: ByteSource, layout: TiffLayout, index: number): number {
  const { counts } = imageData(src, layout.littleEndian, readEntries(src, layout.littleEndian, layout.directories[index]!));
  return counts.reduce((n, c) => n + c, 0);
}

/**
 * Where a page's image data lies: its strips or tiles, checked to lie inside the file
 * ('truncated' otherwise) and to be listed whole ('damaged' otherwise).
 */
function imageData(src: ByteSource, le: boolean, entries: Entry[]): { tiled: boolean; offsetsEntry: Entry; offsets: number[]; counts: number[] } {
  const tiled = entries.some((e) => e.tag === TILE_OFFSETS);
  const offsetsEntry = entries.find((e) => e.tag === (tiled ? TILE_OFFSETS : STRIP_OFFSETS));
  const countsEntry = entries.find((e) => e.tag === (tiled ? TILE_BYTE_COUNTS : STRIP_BYTE_COUNTS));
  if (!offsetsEntry || !countsEntry) throw new TiffStructureError('damaged');
  const offsets = numbers(src, le, offsetsEntry);
  const counts = numbers(src, le, countsEntry);
  if (offsets.length !== counts.length) throw new TiffStructureError('damaged');
  for (let i = 0; i < offsets.length; i++) if (offsets[i]! + counts[i]! > src.size) throw new TiffStructureError('truncated');
  return { tiled, offsetsEntry, offsets, counts };
}

/**
 * Page `index` as a single-page TIFF in memory. Throws TiffStructureError 'truncated' when its data
 * runs past the end of the file, 'damaged' when its directory is unusable, 'unsupported' for
 * old-style JPEG (compression 6, whose tables hang off offsets of their own).
 */
export function extractTiffPage(src: ByteSource, layout: TiffLayout, index: number): Buffer {
  const le = layout.littleEndian;
  const entries = readEntries(src, le, layout.directories[index]!).filter((e) => !DROPPED_TAGS.has(e.tag) && TYPE_SIZE[e.type] !== undefined && e.type !== 13);
  const compression = entries.find((e) => e.tag === COMPRESSION);
  if (compression && (le ? compression.field.readUInt16LE(0) : compression.field.readUInt16BE(0)) === 6) throw new TiffStructureError('unsupported');
  const { tiled, offsetsEntry, offsets, counts } = imageData(src, le, entries);
  if (offsets.length === 0) throw new TiffStructureError('damaged');

  // Layout of the copy: header, directory, out-of-line values, then the image data.
  const dirSize = 2 + entries.length * 12 + 4;
  let cursor = 8 + dirSize;
  const pieces: Buffer[] = [];
  const fields = new Map<Entry, Buffer>();
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    if (le) b.writeUInt32LE(n);
    else b.writeUInt32BE(n);
    return b;
  };
  const place = (data: Buffer) => {
    const at = cursor;
    pieces.push(data);
    cursor += data.length;
    if (cursor % 2) {
      pieces.push(Buffer.alloc(1));
      cursor++;
    }
    return at;
  };
  let offsetsArrayAt = -1;
  for (const e of entries) {
    if (e === offsetsEntry) continue; // written once the data's place is known
    const bytes = e.count * TYPE_SIZE[e.type]!;
    if (bytes <= 4) continue;
    const at = le ? e.field.readUInt32LE(0) : e.field.readUInt32BE(0);
    if (bytes > MAX_VALUE_BYTES) throw new TiffStructureError('damaged');
    if (at + bytes > src.size) throw new TiffStructureError('truncated');
    fields.set(e, u32(place(src.read(at, bytes))));
  }
  // The offsets array (always LONG in the copy), filled in once the strips or tiles are placed.
  const offsetValues = Buffer.alloc(offsets.length * 4);
  if (offsets.length > 1) offsetsArrayAt = place(offsetValues);
  offsets.forEach((o, i) => {
    const placed = counts[i]! > 0 ? place(src.read(o, counts[i]!)) : 0;
    if (le) offsetValues.writeUInt32LE(placed, i * 4);
    else offsetValues.writeUInt32BE(placed, i * 4);
  });

  const out = Buffer.alloc(8 + dirSize);
  out.write(le ? 'II' : 'MM', 0, 'latin1');
  if (le) {
    out.writeUInt16LE(42, 2);
    out.writeUInt32LE(8, 4);
    out.writeUInt16LE(entries.length, 8);
  } else {
    out.writeUInt16BE(42, 2);
    out.writeUInt32BE(8, 4);
    out.writeUInt16BE(entries.length, 8);
  }
  entries.forEach((e, i) => {
    const at = 10 + i * 12;
    const isOffsets = e === offsetsEntry;
    const type = isOffsets ? 4 : e.type;
    if (le) {
      out.writeUInt16LE(e.tag, at);
      out.writeUInt16LE(type, at + 2);
      out.writeUInt32LE(e.count, at + 4);
    } else {
      out.writeUInt16BE(e.tag, at);
      out.writeUInt16BE(type, at + 2);
      out.writeUInt32BE(e.count, at + 4);
    }
    const field = isOffsets ? (offsets.length > 1 ? u32(offsetsArrayAt) : offsetValues.subarray(0, 4)) : (fields.get(e) ?? e.field);
    field.copy(out, at + 8);
  });
  // Next directory: none (the 4 bytes after the entries are already zero).
  return Buffer.concat([out, ...pieces]);
}
