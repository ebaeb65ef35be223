/** Contract of the `archive` service: source documents, their pages and scans, their metadata. */
import { z } from 'zod';
import {
  archivalMetadataPatchSchema,
  ARCHIVAL_FIELDS,
  type ArchivalField,
  type ArchivalMetadata,
} from '../archive/metadata';
import { method } from './contract';
import type { ExportedFile } from './publish';

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
  /** The words were found in the description, not in the text of any page. */
  metadataOnly?: boolean;
}

/** An archived document a reference by number-and-symbol leads to. */
export interface LinkedDocument {
  id: number;
  title: string;
  /** Its date as written ("Ngày 5-8-2022"), '' when unknown. */
  date: string;
}

/**
 * How a reference was resolved (electron/core/search/referenceResolution.ts): to one document
 * (and its copies), to several it may mean (the same number in several terms and nothing in the
 * text to choose), or to none in the archive.
 */
export type ReferenceStatus = 'resolved' | 'ambiguous' | 'missing';
/** What chose the document: the date or term written with the reference, the referring text's term or year, the closest earlier one, the only one. */
export type ReferenceBasis = 'date-in-text' | 'term-in-text' | 'same-term' | 'same-year' | 'closest-earlier' | 'only-one' | 'none';

/** Cross-references between sources by number-and-symbol (số và ký hiệu), read within their terms. */
export interface DocumentLinks {
  /**
   * References this document's text makes, in reading order, each code (with the date written
   * beside it) once: `documents` the archived document(s) it resolves to, `candidates` those it
   * may mean when it is ambiguous.
   */
  refersTo: {
    code: string;
    pageSeq: number;
    status: ReferenceStatus;
    basis: ReferenceBasis;
    /** The date or term written with the reference ("ngày 5-8-2022", "khóa II"), if any. */
    written?: string;
    documents: LinkedDocument[];
    candidates: LinkedDocument[];
  }[];
  /** Archived documents whose text refers to this document (resolved to it), with the first page that does. */
  referredBy: { documentId: number; title: string; pageSeq: number }[];
  /** Archived documents that refer to this document's code but may mean another document bearing it. */
  possiblyReferredBy: { documentId: number; title: string; pageSeq: number }[];
  /** Chapters of the manuscript that name this document's code in their text (citations aside). */
  mentionedIn: { bookId: number; bookTitle: string; nodeId: number; nodeTitle: string; count: number; ambiguous: boolean }[];
}

/** Where a document to collect is cited: a page of an archived document, or a chapter of a book. */
export type ToCollectPlace =
  | { kind: 'document'; documentId: number; title: string; pageSeq: number; count: number }
  | { kind: 'chapter'; bookId: number; bookTitle: string; nodeId: number; nodeTitle: string; count: number };

/** A document referred to by the archive or the manuscript but not in the archive (cần sưu tầm). */
export interface ToCollectItem {
  /** Number-and-symbol in canonical spelling ("16-NQ/TW"). */
  code: string;
  /** Document type and issuing body read from the code ("Nghị quyết", "Ban Chấp hành Trung ương"). */
  typeName: string;
  issuerName: string;
  /** The term or year it belongs to, as far as the citing texts tell ("khóa XIII (2021–2026)", "năm 1961"), '' when unknown. */
  period: string;
  /** The date written with it by a citing text ("ngày 5-8-2022"), '' when none. */
  written: string;
  /** It was issued no later than this day ('YYYY-MM-DD'): the earliest dated text that cites it. */
  notAfter: string | null;
  /** References to it, in all. */
  count: number;
  /** Where it is cited, most citing first: at most 200 places (`placeCount` says how many there are). */
  places: ToCollectPlace[];
  placeCount: number;
}

export interface ToCollectList {
  items: ToCollectItem[];
  /** References to these documents in all (archive and manuscript), and how long the list took. */
  references: number;
  durationMs: number;
}

export interface ArchiveSearchResult {
  /** Documents found (hits holds at most `limit` of them, best first). */
  total: number;
  /** False when the words are on so many pages that ranking stopped: more documents contain them. */
  totalIsExact?: boolean;
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

/**
 * What became of one input. A document made of several files (a folder, a page set, a group made
 * in the review) is named by `title` when its input is not its folder; a set whose every file is in
 * the archive already is a duplicate naming the `documents` that hold them.
 */
export type ImportOutcome =
  | { input: string; status: 'imported'; documentId: number; pages: number; title?: string; warnings?: string[] }
  | { input: string; status: 'duplicate'; documentId: number; title?: string; documents?: { id: number; title: string }[] }
  | { input: string; status: 'rejected'; reason: string }
  /** Nothing to import and nothing lost: a link back to a folder being read, a second link to one already read. */
  | { input: string; status: 'skipped'; reason: string };

/** A document an import would make (archive.planImport): its title (null: the file's own) and its files in page order. */
export interface PlannedGroup {
  title: string | null;
  paths: string[];
  kind: 'file' | 'folder' | 'name';
}

/**
 * A document removed because a move took its last page: everything needed to bring it back
 * (archive.restoreDocument) with its number if still free, its title, description and pages.
 */
export interface RemovedDocument {
  id: number;
  title: string;
  metadata: Record<string, unknown>;
  suggestions: Record<string, unknown>;
  createdAt: string;
  /** Its pages in their order, now in other documents. */
  pageIds: number[];
}

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
  /** The file in the project folder; '' for a bad row, whose value names no file of the project. */
  path: string;
  /**
   * `orphaned`: a file in files/ that is not an original of the project (not named by a hash).
   * `invalid-hash`: a row whose file hash is not 64 lowercase hexadecimal digits ('../../x',
   * '/etc/passwd': a crafted or damaged database); no path is made of it, its pages show nothing.
   * `no-file-row`: pages whose file the files table does not record.
   */
  problem: 'missing' | 'changed' | 'orphaned' | 'unreadable' | 'invalid-hash' | 'no-file-row';
  /** For a bad row: its table and the value stored there (shortened, control characters shown as '?'). */
  row?: { table: 'files' | 'pages'; value: string };
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
   * them). Removed by a check asked to repair (`leftoversRemoved`), and after a crash on the next open.
   */
  leftovers: string[];
  leftoversRemoved: number;
  /**
   * Temporary files a process that is gone left in the project folder (staged import copies in
   * cache/tmp, `.NAME.PID.RANDOM.part` of an interrupted write), relative to the project folder;
   * not an error. Removed by a check asked to repair (`tempFilesRemoved`).
   */
  tempFiles: string[];
  tempFilesRemoved: number;
  database: { ok: boolean; messages: string[] };
  durationMs: number;
}

/** A file reference the renderer turns into a URL through its platform (protocol or HTTP). */
export type FileRef = { kind: 'thumb'; pageId: number } | { kind: 'page'; pageId: number };

const id = z.number().int().positive();
/** The version a change was based on (what the caller last read); an older one is refused. */
const baseVersion = z.number().int().min(0);
const importPath = z.string().min(1);
const importGrouping = z.enum(['file', 'folder', 'name']);
const importOptions = {
  paths: z.array(importPath).min(1).max(100_000),
  /** Each folder given becomes one document whose pages are its image files in natural name order (= grouping 'folder'). */
  folderAsDocument: z.boolean().default(false),
  /**
   * How files become documents (shared/archive/pageSets.ts): each file ('file'), each folder
   * ('folder'), or page sets found by name, "NQ05_p1.jpg, NQ05_p2.jpg…" ('name'). Overrides folderAsDocument.
   */
  grouping: importGrouping.optional(),
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
  /**
   * Starts importing in the background; poll importStatus, stop with cancelImport. `groups` (the
   * review before an import) makes each group of files one document, in the order given, before
   * any `paths`.
   */
  startImport: method<{ jobId: string; total: number }>()(
    z
      .object({
        ...importOptions,
        paths: z.array(importPath).max(100_000).default([]),
        groups: z
          .array(z.object({ paths: z.array(importPath).min(1).max(100_000), title: z.string().trim().max(2000).optional() }))
          .max(100_000)
          .optional(),
      })
      .refine((o) => o.paths.length > 0 || (o.groups?.length ?? 0) > 0, 'Chưa có tệp nào để nhập.'),
  ),
  /** The documents an import of these paths would make (folders walked), for the review before importing. */
  planImport: method<{ files: { path: string; inFolder: boolean }[]; groups: PlannedGroup[] }>()(z.object({ paths: z.array(importPath).min(1).max(100_000), grouping: importGrouping })),
  importStatus: method<ImportJobStatus>()(
    z.object({ jobId: z.string().min(1).max(100), outcomesFrom: z.number().int().min(0).default(0) }),
  ),
  /** Stops a job after the file in progress; no document is ever left half-imported. */
  cancelImport: method<ImportJobStatus>()(z.object({ jobId: z.string().min(1).max(100) })),

  /**
   * Full-text search over titles, archival metadata and page text (shared/archive/searchQuery.ts):
   * whole syllables folded (no case, no diacritics, đ = d), exact spellings first; `nghi*` a
   * prefix, "quoted words" a phrase, `-word` excluded, `OR` either. With `exact`, diacritics as typed.
   */
  search: method<ArchiveSearchResult>()(
    z.object({ query: z.string().trim().min(1, 'Cần từ khóa.').max(500), limit: z.number().int().min(1).max(500).default(100), exact: z.boolean().default(false) }),
  ),
  /** The documents this one refers to by number-and-symbol, and those that refer to it, read within their terms. */
  documentLinks: method<DocumentLinks>()(z.object({ id })),
  /** Documents referred to by the archive's texts or the manuscript but not in the archive (cần sưu tầm), in code order. */
  toCollect: method<ToCollectList>()(z.object({})),
  /** The "to collect" list as a spreadsheet: CSV (UTF-8 with BOM, for Excel) or XLSX; also written to `path` when given. */
  exportToCollect: method<ExportedFile>()(z.object({ format: z.enum(['csv', 'xlsx']), path: z.string().trim().min(1).max(4096).optional() })),
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
  /**
   * A document left without pages is removed; `removed` holds what restoreDocument needs to
   * bring it back (undo).
   */
  movePages: method<{ target: ArchiveDocument; sources: DocumentSummary[]; removed: RemovedDocument[] }>()(
    z.object({ pageIds: z.array(id).min(1).max(100_000), toDocumentId: id, beforeSeq: z.number().int().min(1).optional() }),
  ),
  /**
   * Undoes the removal of a document that a move emptied: makes it again (its number if still
   * free) with its title and description, and moves its pages back to it in their order (pages
   * deleted since are left out). Documents this empties in turn are removed and listed.
   */
  restoreDocument: method<{ restored: ArchiveDocument; removed: RemovedDocument[] }>()(
    z.object({
      snapshot: z.object({
        id,
        title: z.string().trim().min(1).max(2000),
        metadata: z.record(z.string(), z.unknown()),
        suggestions: z.record(z.string(), z.unknown()),
        createdAt: z.string().max(64),
        pageIds: z.array(id).min(1).max(100_000),
      }),
    }),
  ),
  /** Splits a document: the page given and all after it become a new document (metadata copied). */
  splitDocument: method<{ original: ArchiveDocument; created: ArchiveDocument }>()(z.object({ documentId: id, atPageId: id })),
  /** Appends the pages of the sources to the target, in the order given, and deletes the sources. */
  mergeDocuments: method<ArchiveDocument>()(z.object({ targetId: id, sourceIds: z.array(id).min(1).max(10_000) })),

  /**
   * Fixity: re-hashes every stored original, checks the database and the rows that name files;
   * with `repair`, also removes leftovers and temporary files (see also `suquan check --repair`).
   */
  check: method<CheckReport>()(z.object({ repair: z.boolean().optional() })),
};
