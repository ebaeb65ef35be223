/**
 * Tells file formats apart by their content (magic bytes), never by their extension. The
 * extension is only a hint for a clearer message when the content is not what the name claims.
 */
import type { SourceFormat } from './importers/types';

export type Sniffed =
  | { kind: SourceFormat }
  | { kind: 'zip' }
  /** An OLE compound file naming none of the streams known here (the DOC reader decides). */
  | { kind: 'ole' }
  | { kind: 'encrypted-office' }
  /** A spreadsheet or presentation (Excel, PowerPoint, OpenDocument): `label` names it for messages. */
  | { kind: 'other-office'; label: string }
  | { kind: 'unknown-binary' }
  | { kind: 'empty' };

/**
 * How much of a file's beginning `sniff` looks at (the ZIP probe for a DOCX reads furthest):
 * reading this much is enough to tell any file's format, however large the file.
 */
export const SNIFF_BYTES = 1 << 20;

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

/** Is this mostly text (no NUL bytes, few control characters) in its first few KB? */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true; // UTF-16 with BOM
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control <= n / 100;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  let head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  head = head.replace(/^\s+/, '').toLowerCase();
  while (head.startsWith('<!--')) {
    const end = head.indexOf('-->');
    if (end < 0) return false;
    head = head.slice(end + 3).replace(/^\s+/, '');
  }
  if (head.startsWith('<?xml')) head = head.slice(head.indexOf('?>') + 2).replace(/^\s+/, '');
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body');
}

/** The format of a file from its first bytes (the whole file, or at least its first SNIFF_BYTES). */
export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: 'tiff' };
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])) return { kind: 'tiff' }; // BigTIFF
  // "%PDF-" may follow some junk (the spec allows it within the first 1024 bytes).
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return { kind: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const probe = Buffer.from(bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES))).toString('latin1');
    // OpenDocument: a first entry "mimetype" holding the type, stored uncompressed.
    const odf = /^PK\x03\x04[\s\S]{26}mimetype(application\/vnd\.oasis\.opendocument\.[a-z-]+)/.exec(probe)?.[1];
    if (odf) {
      if (odf.startsWith('application/vnd.oasis.opendocument.text')) return { kind: 'odt' };
      if (odf.includes('spreadsheet')) return { kind: 'other-office', label: 'bảng tính OpenDocument (.ods)' };
      if (odf.includes('presentation')) return { kind: 'other-office', label: 'bản trình chiếu OpenDocument (.odp)' };
      return { kind: 'other-office', label: 'tệp OpenDocument không phải văn bản' };
    }
    if (probe.includes('word/')) return { kind: 'docx' };
    if (probe.includes('xl/')) return { kind: 'other-office', label: 'bảng tính Excel (.xlsx)' };
    if (probe.includes('ppt/')) return { kind: 'other-office', label: 'bản trình chiếu PowerPoint (.pptx)' };
    return probe.includes('[Content_Types].xml') ? { kind: 'docx' } : { kind: 'zip' };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // An OLE compound file: tell Word from Excel and PowerPoint by the streams it names (the
    // directory is usually near the start; the DOC reader checks again on the whole file).
    const probe = Buffer.from(bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES))).toString('utf16le');
    const has = (name: string) => probe.includes(name);
    if (has('EncryptedPackage')) return { kind: 'encrypted-office' };
    if (has('WordDocument')) return { kind: 'doc' };
    if (has('Workbook') || has('Book\u0000')) return { kind: 'other-office', label: 'bảng tính Excel (.xls)' };
    if (has('PowerPoint Document')) return { kind: 'other-office', label: 'bản trình chiếu PowerPoint (.ppt)' };
    return { kind: 'ole' };
  }
  // RTF is text, but not plain text: "{\rtf" first (after a byte order mark some programs add).
  if (/^(\xEF\xBB\xBF)?[\s]*\{\\rtf/.test(Buffer.from(bytes.subarray(0, 64)).toString('latin1'))) return { kind: 'rtf' };
  if (!looksLikeText(bytes)) return { kind: 'unknown-binary' };
  return looksLikeHtml(bytes) ? { kind: 'html' } : { kind: 'text' };
}

/** What the file name's extension claims, for messages only. */
export function claimedFormat(name: string): SourceFormat | null {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  switch (ext) {
    case 'jpg':
    case 'jpeg':
    case 'jpe':
    case 'jfif':
      return 'jpeg';
    case 'png':
      return 'png';
    case 'tif':
    case 'tiff':
      return 'tiff';
    case 'pdf':
      return 'pdf';
    case 'docx':
      return 'docx';
    case 'doc':
    case 'dot':
      return 'doc';
    case 'odt':
    case 'ott':
      return 'odt';
    case 'rtf':
      return 'rtf';
    case 'htm':
    case 'html':
    case 'xhtml':
      return 'html';
    case 'txt':
    case 'text':
    case 'md':
    case 'csv':
      return 'text';
    default:
      return null;
  }
}
