/**
 * DOCX: the text of the document with its footnotes and endnotes (interchange/office/docx.ts,
 * shared with the manuscript's draft import). Footnote markers stay in the text as "[1]"; the
 * notes follow the body, one per line, as "[1] …". Text typed in TCVN3 or VNI fonts is converted
 * run by run, ".VnTimeH" capitals included, and so is the title.
 */
import { MAX_DOCX_TEXT_PARTS, MAX_DOCX_UNCOMPRESSED } from '../../interchange/office/docx';
import { readOffice } from './officeImporter';
import type { ImportedSource } from './types';
import { readCentralDirectory } from './zipPackage';

export { MAX_DOCX_TEXT_PARTS, MAX_DOCX_UNCOMPRESSED };

/**
 * Sum of the uncompressed sizes the zip's central directory declares, or null when the
 * directory cannot be read (then mammoth reports the damage). ZIP64 sizes count as too large.
 */
export function zipUncompressedSize(bytes: Uint8Array): number | null {
  const entries = readCentralDirectory(bytes);
  return entries ? entries.reduce((n, e) => n + e.size, 0) : null;
}

export async function readDocx(bytes: Uint8Array, name: string): Promise<ImportedSource> {
  const { legacy: _legacy, ...source } = await readOffice('docx', bytes, name);
  return source;
}
