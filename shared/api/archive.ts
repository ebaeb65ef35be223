/** Contract of the `archive` service: source documents, their pages and scans, their metadata. */
import { z } from 'zod';
import {
  archivalMetadataPatchSchema,
  ARCHIVAL_FIELDS,
  type ArchivalField,
  type ArchivalMetadata,
} from '../archive/metadata';
import { method } from './contract';

export type { ArchivalMetadata, ArchivalMetadataPatch, ArchivalField, ArchiveLocation, PartialDateValue } from '../archive/metadata';

export interface DocumentSummary {
  id: number;
  title: string;
  pageCount: number;
  /** The page whose thumbnail represents the document. */
  coverPageId: number | null;
  /** Clockwise degrees to turn the cover page's thumbnail (its page's rotation). */
  coverRotation: number;
  createdAt: string;
  updatedAt: string;
  /** Counts changes of the title and metadata; a change names the version it was based on. */
  version: number;
}

/**
 * How a page's image is obtained: the original file itself, a page of a TIFF, the scan extracted
 * byte-identical from a PDF, a rendered PDF page, or no image (a text document).
 */
export type PageImageKind = 'original' | 'raster' | 'pdf-image' | 'pdf-render' | 'text';
/** Where a page's text came from. */
export type TextSource = 'none' | 'extracted' | 'typed' | 'ocr';

export interface PageInfo {
  id: number;
  documentId: number;
  /** 1-based position in the document. */
  seq: number;
  width: number;
  height: number;
  /** Clockwise degrees to turn the image when showing it. */
  rotation: number;
  /** MIME type of the original file the page comes from. */
  mime: string;
  fileSha256: string;
  /** Index of the page inside the original file (TIFF directory, PDF page), 0-based. */
  filePage: number;
  imageKind: PageImageKind;
  text: string;
  textSource: TextSource;
  /** Counts saves of the transcription; `setPageText` names the version it was based on. */
  textVersion: number;
}

/** What the number-and-symbol says, read with the built-in and the project's own tables. */
export interface DocumentCodeInfo {
  code: string;
  number: string;
  system: 'party' | 'state';
  typeCode?: string;
  typeName?: string;
  issuerCode?: string;
  issuerName?: string;
  year?: string;
}

/** A document found by a search: its best page and a snippet with the matched words marked. */
export interface ArchiveSearchHit {
  documentId: number;
  title: string;
  code: string;
  pageId: number;
  pageSeq: number;
  /** How many of its pages match. */
  matchingPages: number;
  /** NFC text around the first match; `marks` are [start, end) offsets of matched words in it. */
  snippet: { text: string; marks: [number, number][] };
}

/** Cross-references between sources by number-and-symbol (số và ký hiệu). */
export interface DocumentLinks {
  /** Codes this document's text refers to, in reading order, with the archived documents bearing them. */
  refersTo: { code: string; pageSeq: number; documents: { id: number; title: string }[] }[];
  /** Archived documents whose text refers to this document's code, with the first page that does. */
  referredBy: { documentId: number; title: string; pageSeq: number }[];
}

export interface ArchiveSearchResult {
  /** Documents found (hits holds at most `limit` of them, best first). */
  total: number;
  hits: ArchiveSearchHit[];
}

/** Values found in the document's own text, waiting for the user to accept or dismiss them. */
export type MetadataSuggestions = Partial<Pick<ArchivalMetadata, 'code' | 'docType' | 'issuer' | 'place' | 'date' | 'abstract'>>;

export interface ArchiveDocument extends DocumentSummary {
  pages: PageInfo[];
  metadata: ArchivalMetadata;
  suggestions: MetadataSuggestions;
  /** metadata.code read into type and issuer (null when there is no code or it is not recognised). */
  codeInfo: DocumentCodeInfo | null;
}

export type ImportOutcome =
  | { input: string; status: 'imported'; documentId: number; pages: number }
  | { input: string; status: 'duplicate'; documentId: number }
  | { input: string; status: 'rejected'; reason: string };

export interface ImportReport {
  outcomes: ImportOutcome[];
}

export interface ImportJobStatus {
  jobId: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  /** Input files finished (imported, duplicate or rejected). */
  done: number;
  /** Input files found (folders expanded). */
  total: number;
  /** The file being imported now. */
  current: string | null;
  /** Estimated seconds left (null until there is something to estimate from). */
  etaSeconds: number | null;
  /** Outcomes from index `outcomesFrom` on (all of them by default). */
  outcomes: ImportOutcome[];
  outcomesFrom: number;
  /** Inputs that were not imported because the job was cancelled. */
  notImported: string[];
  /** Why a job failed (an internal error, not a bad file). */
  error?: string;
}

export interface FixityProblem {
  sha256: string | null;
  path: string;
  /** `orphaned`: a file in files/ that is not an original of the project (not named by a hash). */
  problem: 'missing' | 'changed' | 'orphaned' | 'unreadable';
  /** The hash the file has now (for "changed"). */
  actual?: string;
  /** The pages that show this original, so a missing or changed scan is found by document and page. */
  pages?: { documentId: number; documentTitle: string; seq: number }[];
}

export interface CheckReport {
  ok: boolean;
  filesChecked: number;
  bytesChecked: number;
  problems: FixityProblem[];
  /** Files recorded in the database that no page uses any more (kept; not an error). */
  unreferenced: string[];
  /**
   * Originals an interrupted import stored but never recorded (not an error: nothing refers to
   * them). Removed when the check may write (`leftoversRemoved`), and after a crash on the next open.
   */
  leftovers: string[];
  leftoversRemoved: number;
  database: { ok: boolean; messages: string[] };
  durationMs: number;
}

/** A file reference the renderer turns into a URL through its platform (protocol or HTTP). */
export type FileRef = { kind: 'thumb'; pageId: number } | { kind: 'page'; pageId: number };

const id = z.number().int().positive();
/** The version a change was based on (what the caller last read); an older one is refused. */
const baseVersion = z.number().int().min(0);
const importOptions = {
  paths: z.array(z.string().min(1)).min(1).max(100_000),
  /** Each folder given becomes one document whose pages are its image files in natural name order. */
  folderAsDocument: z.boolean().default(false),
  /** Then recognise the text of the imported scans, as a job of its own (kind 'ocr'). */
  ocr: z.boolean().default(false),
};
const suggestionFields = z.array(z.enum(ARCHIVAL_FIELDS as [ArchivalField, ...ArchivalField[]])).optional();
const codeTableName = z.enum(['partyTypes', 'partyIssuers', 'stateTypes', 'stateIssuers', 'aliases']);

export const archiveContract = {
  /**
   * Imports files and folders (recursively) from disk (CLI, Electron) and waits for the end.
   * Every input file gets an outcome; one bad file never stops the rest.
   */
  importPaths: method<ImportReport>()(z.object(importOptions)),
  /** Starts importing in the background; poll importStatus, stop with cancelImport. */
  startImport: method<{ jobId: string; total: number }>()(z.object(importOptions)),
  importStatus: method<ImportJobStatus>()(
    z.object({ jobId: z.string().min(1).max(100), outcomesFrom: z.number().int().min(0).default(0) }),
  ),
  /** Stops a job after the file in progress; no document is ever left half-imported. */
  cancelImport: method<ImportJobStatus>()(z.object({ jobId: z.string().min(1).max(100) })),

  /**
   * Full-text search over titles, archival metadata and page text, folded (no case, no
   * diacritics, đ = d); every word is a prefix, "quoted words" a phrase.
   */
  search: method<ArchiveSearchResult>()(z.object({ query: z.string().trim().min(1, 'Cần từ khóa.').max(500), limit: z.number().int().min(1).max(500).default(100) })),
  /** The documents this one refers to by number-and-symbol, and those that refer to it. */
  documentLinks: method<DocumentLinks>()(z.object({ id })),
  listDocuments: method<{ total: number; items: DocumentSummary[] }>()(
    z.object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
  ),
  getDocument: method<ArchiveDocument>()(z.object({ id })),
  updateDocument: method<DocumentSummary>()(
    z.object({ id, title: z.string().trim().min(1, 'Tiêu đề không được để trống.').max(2000), baseVersion }),
  ),
  /**
   * Changes archival metadata: given fields replace, null clears, others stay. Title and metadata
   * changes name the document's version they were based on (DocumentSummary.version); one based
   * on an older version is refused and changes nothing.
   */
  updateMetadata: method<ArchiveDocument>()(z.object({ id, patch: archivalMetadataPatchSchema, baseVersion })),
  /** Accepts suggested metadata (all, or the fields named) into the document's metadata. */
  acceptSuggestions: method<ArchiveDocument>()(z.object({ id, fields: suggestionFields, baseVersion })),
  dismissSuggestions: method<ArchiveDocument>()(z.object({ id, fields: suggestionFields, baseVersion })),
  /** Reads a number-and-symbol ("16-NQ/TW") with the project's tables. */
  parseCode: method<DocumentCodeInfo | null>()(z.object({ code: z.string().trim().min(1).max(200) })),
  /** The project's own additions to the abbreviation tables. */
  codeAbbreviations: method<{ table: z.infer<typeof codeTableName>; code: string; name: string }[]>()(z.object({})),
  /** Adds or changes (name) or removes (name null) one abbreviation of the project's own. */
  setCodeAbbreviation: method<null>()(
    z.object({ table: codeTableName, code: z.string().trim().min(1).max(50), name: z.string().trim().min(1).max(500).nullable() }),
  ),
  deleteDocument: method<null>()(z.object({ id })),

  /** A page's transcription. */
  getPageText: method<{ pageId: number; text: string; textSource: TextSource; textVersion: number }>()(z.object({ pageId: id })),
  /** Saves a page's transcription (stored NFC) if it is still at `baseVersion` (PageInfo.textVersion). */
  setPageText: method<PageInfo>()(
    z.object({ pageId: id, text: z.string().max(1_000_000), source: z.enum(['typed', 'ocr']).default('typed'), baseVersion }),
  ),
  /** Puts a document's pages in the order given (every page of the document, once). */
  reorderPages: method<ArchiveDocument>()(z.object({ documentId: id, pageIds: z.array(id).min(1).max(100_000) })),
  /** Turns pages clockwise by 90, 180 or 270 degrees (or -90). */
  rotatePages: method<PageInfo[]>()(
    z.object({ pageIds: z.array(id).min(1).max(100_000), by: z.union([z.literal(90), z.literal(180), z.literal(270), z.literal(-90)]) }),
  ),
  /** Moves pages to another document, before position `beforeSeq` (1-based) or at the end. */
  movePages: method<{ target: ArchiveDocument; sources: DocumentSummary[] }>()(
    z.object({ pageIds: z.array(id).min(1).max(100_000), toDocumentId: id, beforeSeq: z.number().int().min(1).optional() }),
  ),
  /** Splits a document: the page given and all after it become a new document (metadata copied). */
  splitDocument: method<{ original: ArchiveDocument; created: ArchiveDocument }>()(z.object({ documentId: id, atPageId: id })),
  /** Appends the pages of the sources to the target, in the order given, and deletes the sources. */
  mergeDocuments: method<ArchiveDocument>()(z.object({ targetId: id, sourceIds: z.array(id).min(1).max(10_000) })),

  /** Fixity: re-hashes every stored original, checks the database; see also `suquan check`. */
  check: method<CheckReport>()(z.object({})),
};
