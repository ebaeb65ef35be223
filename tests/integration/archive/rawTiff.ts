/**
 * A tiny TIFF writer for tests that need very large files: uncompressed 8-bit RGB pages in strips,
 * written strip by strip straight to disk (the test's own memory stays flat, whatever the size).
 * A page may declare a size other than the pixels written (an absurd page of a hostile file).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface RawTiffPage {
  width: number;
  height: number;
  /** The size written in the page's directory, when it is to differ from the pixels written. */
  declared?: { width: number; height: number };
}

/** A page of a scan at 600 dpi on A4, RGB: about 104 MB uncompressed. */
export const A4_600DPI = { width: 4960, height: 7016 } as const;

const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;

/** Bytes of pixels per strip (about 1 MiB, as scanners write them). */
const STRIP_TARGET = 1024 * 1024;

function layoutOf(page: RawTiffPage) {
  const rowBytes = page.width * 3;
  const rowsPerStrip = Math.max(1, Math.floor(STRIP_TARGET / rowBytes));
  const strips = Math.ceil(page.height / rowsPerStrip);
  const counts = Array.from({ length: strips }, (_, i) => Math.min(rowsPerStrip, page.height - i * rowsPerStrip) * rowBytes);
  return { rowBytes, rowsPerStrip, strips, counts, dataBytes: page.height * rowBytes };
}

/** The number of bytes writeRawTiff writes for these pages. */
export function rawTiffSize(pages: RawTiffPage[]): number {
  return pages.reduce((n, p) => n + ifdBytes(layoutOf(p).strips) + layoutOf(p).dataBytes, 8);
}

const ENTRIES = 13;
function ifdBytes(strips: number): number {
  // entry count, entries, next-IFD offset; then BitsPerSample (3 shorts), two rationals, the strip tables.
  return 2 + ENTRIES * 12 + 4 + 6 + 8 + 8 + strips * 4 * 2;
}

/**
 * Writes a little-endian multi-page TIFF: for each page its directory, then its strips. Every page
 * looks like paper with lines of ink, its tint and lines different from the other pages'.
 */
export function writeRawTiff(file: string, pages: RawTiffPage[]): number {
  const fd = openSync(file, 'w');
  let pos = 0;
  const write = (b: Buffer) => {
    let done = 0;
    while (done < b.length) done += writeSync(fd, b, done, b.length - done, pos + done);
    pos += b.length;
  };
  try {
    const header = Buffer.alloc(8);
    header.write('II', 0, 'latin1');
    header.writeUInt16LE(42, 2);
    header.writeUInt32LE(8, 4);
    write(header);
    pages.forEach((page, index) => {
      const l = layoutOf(page);
      const ifdAt = pos;
      const size = ifdBytes(l.strips);
      const dataAt = ifdAt + size;
      const next = index + 1 < pages.length ? dataAt + l.dataBytes : 0;
      const ifd = Buffer.alloc(size);
      // Out-of-line values, right after the entries.
      let extra = 2 + ENTRIES * 12 + 4;
      const bitsAt = extra;
      extra += 6;
      const xresAt = extra;
      extra += 8;
      const yresAt = extra;
      extra += 8;
      const offsetsAt = extra;
      extra += l.strips * 4;
      const countsAt = extra;
      let e = 0;
      ifd.writeUInt16LE(ENTRIES, 0);
      const entry = (tag: number, type: number, count: number, value: number) => {
        const at = 2 + e++ * 12;
        ifd.writeUInt16LE(tag, at);
        ifd.writeUInt16LE(type, at + 2);
        ifd.writeUInt32LE(count, at + 4);
        if (type === SHORT && count === 1) ifd.writeUInt16LE(value, at + 8);
        else ifd.writeUInt32LE(value, at + 8);
      };
      const strips = l.strips;
      entry(256, LONG, 1, page.declared?.width ?? page.width);
      entry(257, LONG, 1, page.declared?.height ?? page.height);
      entry(258, SHORT, 3, ifdAt + bitsAt);
      entry(259, SHORT, 1, 1); // no compression
      entry(262, SHORT, 1, 2); // RGB
      entry(273, LONG, strips, strips === 1 ? dataAt : ifdAt + offsetsAt);
      entry(277, SHORT, 1, 3);
      entry(278, LONG, 1, l.rowsPerStrip);
      entry(279, LONG, strips, strips === 1 ? l.counts[0]! : ifdAt + countsAt);
      entry(282, RATIONAL, 1, ifdAt + xresAt);
      entry(283, RATIONAL, 1, ifdAt + yresAt);
      entry(284, SHORT, 1, 1); // chunky
      entry(296, SHORT, 1, 2); // inches
      ifd.writeUInt32LE(next, 2 + ENTRIES * 12);
      for (let i = 0; i < 3; i++) ifd.writeUInt16LE(8, bitsAt + i * 2);
      ifd.writeUInt32LE(600, xresAt);
      ifd.writeUInt32LE(1, xresAt + 4);
      ifd.writeUInt32LE(600, yresAt);
      ifd.writeUInt32LE(1, yresAt + 4);
      let at = dataAt;
      for (let s = 0; s < strips; s++) {
        ifd.writeUInt32LE(at, offsetsAt + s * 4);
        ifd.writeUInt32LE(l.counts[s]!, countsAt + s * 4);
        at += l.counts[s]!;
      }
      write(ifd);

      // Two rows to draw with: paper (tinted per page) and a line of ink, shifted per page.
      const paper = Buffer.alloc(l.rowBytes);
      for (let x = 0; x < page.width; x++) {
        paper[x * 3] = 246 - (index % 7);
        paper[x * 3 + 1] = 241 - (index % 5);
        paper[x * 3 + 2] = 228;
      }
      const ink = Buffer.from(paper);
      for (let x = Math.floor(page.width * 0.1) + (index % 13) * 7; x < page.width * 0.85; x++) {
        if ((x >> 4) % 9 !== 0) ink.fill(40, x * 3, x * 3 + 3);
      }
      const strip = Buffer.alloc(l.rowsPerStrip * l.rowBytes);
      for (let s = 0; s < strips; s++) {
        const rows = l.counts[s]! / l.rowBytes;
        for (let r = 0; r < rows; r++) {
          const y = s * l.rowsPerStrip + r;
          const row = y > page.height * 0.08 && (y + index * 11) % 90 < 14 ? ink : paper;
          row.copy(strip, r * l.rowBytes);
        }
        write(strip.subarray(0, l.counts[s]!));
      }
    });
  } finally {
    closeSync(fd);
  }
  return pos;
}
