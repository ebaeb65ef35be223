/**
 * Checks a ZIP package (a DOCX) before a reader unpacks it: entry names that would climb out of a
 * folder if extracted (zip slip), declared sizes beyond what the reader can hold, and entries that
 * inflate to more than they declare (a zip bomb lying about its sizes; JSZip would inflate it
 * whole). The real sizes are measured by inflating each entry as a stream and counting, so the
 * check itself never holds more than a small buffer.
 */
import { createInflateRaw } from 'node:zlib';
import { UserFacingError } from '../../../../shared/errors';

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  /** Uncompressed size as the central directory declares it. */
  size: number;
  localHeaderOffset: number;
}

/**
 * The entries of the central directory, or null when it cannot be read (no end record, a ZIP64
 * archive, an entry outside the file): the reader then reports the damage in its own words.
 */
export function readCentralDirectory(bytes: Uint8Array): ZipEntryInfo[] | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = v.getUint16(eocd + 10, true);
  let at = v.getUint32(eocd + 16, true);
  const entries: ZipEntryInfo[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || v.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = v.getUint16(at + 28, true);
    if (at + 46 + nameLength > bytes.length) return null;
    const entry: ZipEntryInfo = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: v.getUint16(at + 10, true),
      compressedSize: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
      localHeaderOffset: v.getUint32(at + 42, true),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) return null; // ZIP64
    entries.push(entry);
    at += 46 + nameLength + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  return entries;
}

/** A name that would land outside the folder it is extracted to: "../x", "/x", "C:x", "a\..\..\x", or one with NUL. */
export function isUnsafeEntryName(name: string): boolean {
  if (name.includes('\0') || /^[/\\]/.test(name) || /^[a-zA-Z]:/.test(name)) return true;
  return name.split(/[/\\]/).some((segment) => segment === '..');
}

/** Where an entry's data begins (after its local header), or null when the header is not there. */
function dataOffset(bytes: Uint8Array, e: ZipEntryInfo): number | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = e.localHeaderOffset;
  if (at + 30 > bytes.length || v.getUint32(at, true) !== 0x04034b50) return null;
  const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
  return start + e.compressedSize <= bytes.length ? start : null;
}

/** What inflating an entry showed: its real size is what it declares, more, or the data is damaged. */
export type InflateCheck = 'ok' | 'larger' | 'damaged';

/** Inflates an entry as a stream, counting bytes and stopping as soon as it passes its declared size. */
export function checkEntrySize(bytes: Uint8Array, e: ZipEntryInfo): Promise<InflateCheck> {
  const start = dataOffset(bytes, e);
  if (start === null) return Promise.resolve('damaged');
  const data = bytes.subarray(start, start + e.compressedSize);
  if (e.method === 0) return Promise.resolve(e.compressedSize === e.size ? 'ok' : e.compressedSize > e.size ? 'larger' : 'damaged');
  if (e.method !== 8) return Promise.resolve('ok'); // the reader says whether it knows the method
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let out = 0;
    let settled = false;
    const done = (r: InflateCheck) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(r);
    };
    inflate.on('data', (chunk: Buffer) => {
      out += chunk.length;
      if (out > e.size) done('larger');
    });
    inflate.on('error', () => done('damaged'));
    inflate.on('end', () => done(out === e.size ? 'ok' : out > e.size ? 'larger' : 'damaged'));
    // Fed in slices, so that a bomb is stopped after a few chunks rather than after its whole input.
    const SLICE = 256 * 1024;
    let at = 0;
    const feed = () => {
      while (!settled && at < data.length) {
        const slice = data.subarray(at, at + SLICE);
        at += slice.length;
        if (!inflate.write(slice)) return void inflate.once('drain', feed);
      }
      if (!settled) inflate.end();
    };
    feed();
  });
}

/** What a zipped office document is called in messages, and the limits its reader can hold. */
export interface PackageKind {
  /** "tài liệu Word", "tài liệu OpenDocument (.odt)". */
  label: string;
  /** The program that can save a clean copy: "Word", "LibreOffice hoặc Word". */
  app: string;
  /** Error codes' middle part: 'docx', 'odt'. */
  code: string;
  /** Sentence for a package that is not this kind of document. */
  invalid: string;
  /** Largest total uncompressed size of its parts. */
  maxUncompressed: number;
  /** Largest total size of the parts parsed as XML (a DOM holds each many times over). */
  maxTextParts: number;
}

const isMediaPart = (entryName: string) => !/\.(xml|rels)$/i.test(entryName);

/**
 * Refuses a package that is unsafe or too large to unpack, with a sentence: entry names that climb
 * out of a folder, declared sizes beyond the limits, parts that inflate to more than they declare.
 * An unreadable central directory passes: the reader then reports the damage in its own words.
 */
export async function checkZipPackage(bytes: Uint8Array, name: string, kind: PackageKind): Promise<void> {
  const entries = readCentralDirectory(bytes);
  if (!entries) return;
  const unsafe = entries.find((e) => isUnsafeEntryName(e.name));
  if (unsafe) {
    throw new UserFacingError(
      `import.${kind.code}-unsafe`,
      `${name}: ${kind.label} chứa tên tệp bên trong không hợp lệ ("${unsafe.name.replace(/[\u0000-\u001f]/g, '?').slice(0, 80)}"), có thể là tệp độc hại; hãy mở bằng ${kind.app} và lưu thành tệp mới rồi nhập lại.`,
    );
  }
  const total = entries.reduce((n, e) => n + e.size, 0);
  if (total > kind.maxUncompressed) {
    throw new UserFacingError(
      'import.too-large',
      `${name}: ${kind.label} giải nén ra quá lớn (hơn ${kind.maxUncompressed / 1024 / 1024} MB), có thể là tệp độc hại hoặc bị hỏng.`,
    );
  }
  const text = entries.reduce((n, e) => n + (isMediaPart(e.name) ? 0 : e.size), 0);
  if (text > kind.maxTextParts) {
    throw new UserFacingError(
      'import.too-large',
      `${name}: ${kind.label} quá dài để đọc một lần (phần chữ giải nén ra hơn ${kind.maxTextParts / 1024 / 1024} MB); hãy tách thành nhiều tài liệu nhỏ hơn rồi nhập lại.`,
    );
  }
  for (const e of entries) {
    const check = await checkEntrySize(bytes, e);
    if (check === 'larger') {
      throw new UserFacingError(
        'import.too-large',
        `${name}: ${kind.label} có phần giải nén ra lớn hơn kích thước khai báo (bom nén), có thể là tệp độc hại hoặc bị hỏng.`,
      );
    }
    if (check === 'damaged') throw new UserFacingError(`import.${kind.code}-invalid`, `${name}: ${kind.invalid}`);
  }
}
