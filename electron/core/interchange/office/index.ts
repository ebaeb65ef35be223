/**
 * One reader per office format, for the archive and the manuscript alike (see officeDocument.ts).
 * Each reader and its library load on first use.
 */
import type { OfficeDocument, OfficeFormat } from './officeDocument';

export type { OfficeDocument, OfficeFormat } from './officeDocument';

export const officeMime: Readonly<Record<OfficeFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
};

/** The office format a file name claims, for the draft importer (the archive tells by content). */
export function officeFormatOfName(fileName: string): OfficeFormat | null {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'docx' || ext === 'doc' || ext === 'odt' || ext === 'rtf' ? ext : null;
}

export async function readOfficeDocument(format: OfficeFormat, bytes: Uint8Array, name: string): Promise<OfficeDocument> {
  switch (format) {
    case 'docx':
      return (await import('./docx')).readDocxDocument(bytes, name);
    case 'doc':
      return (await import('./doc')).readDocDocument(bytes, name);
    case 'odt':
      return (await import('./odt')).readOdtDocument(bytes, name);
    case 'rtf':
      return (await import('./rtf')).readRtfDocument(bytes, name);
  }
}
