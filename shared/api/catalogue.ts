/**
 * Contract of the `catalogue` service: the archive as archivists read it (mục lục hồ sơ) — one
 * row per document, sortable by any column, filtered by words and by the description's fields,
 * browsed as phông → mục lục → hộp → hồ sơ, edited many documents at once, saved as named
 * searches and exported (XLSX, CSV, PDF).
 */
import { z } from 'zod';
import { archivalMetadataSchema, isoPartialDate, SECRECY_LEVELS, type PartialDateValue } from '../archive/metadata';
import type { ArchiveSearchHit } from './archive';
import { method } from './contract';
import type { ExportedFile } from './publish';

/** Where a document's text comes from, taken over its pages: typed (or with the file) beats OCR beats nothing. */
export const TEXT_STATES = ['none', 'ocr', 'typed'] as const;
export type TextState = (typeof TEXT_STATES)[number];

/** The catalogue's columns, in their default order. */
export const CATALOGUE_COLUMNS = [
  'code',
  'docType',
  'issuer',
  'date',
  'abstract',
  'title',
  'repository',
  'fond',
  'inventory',
  'box',
  'file',
  'folio',
  'secrecy',
  'tags',
  'pages',
  'textState',
  'id',
] as const;
export type CatalogueColumn = (typeof CATALOGUE_COLUMNS)[number];
/** Columns a catalogue can be sorted by; `relevance` only with words. */
export const SORT_KEYS = ['relevance', 'code', 'docType', 'issuer', 'date', 'abstract', 'title', 'location', 'secrecy', 'pages', 'textState', 'id', 'imported'] as const;
export type CatalogueSortKey = (typeof SORT_KEYS)[number];

/** One row: what the catalogue shows of a document. */
export interface CatalogueRow {
  id: number;
  title: string;
  code: string;
  /** Tên loại as described, else read from the number-and-symbol ("NQ" → "Nghị quyết"). */
  docType: string;
  issuer: string;
  date: PartialDateValue | null;
  abstract: string;
  repository: string;
  fond: string;
  inventory: string;
  box: string;
  file: string;
  folio: string;
  secrecy: string;
  tags: string[];
  pages: number;
  textState: TextState;
  coverPageId: number | null;
  coverRotation: number;
  version: number;
  /** With words: the best page and its snippet. */
  hit?: Pick<ArchiveSearchHit, 'pageId' | 'pageSeq' | 'matchingPages' | 'snippet' | 'metadataOnly'>;
}

/** The value a location filter takes to keep the documents with no value at that level (the tree's "(chưa xếp)"). */
export const UNPLACED = '\u0000';

const value = z.string().trim().min(1).max(500);
const values = z.array(value).max(200);

/**
 * What to show. Every field narrows the list; lists match any of their values (tags: all of them).
 *
 * `words` is a query: words match whole syllables folded (no case, no diacritics, đ = d), exact
 * spellings ranked first; `nghi*` asks for a prefix, "quoted words" a phrase, `-word` excludes,
 * `OR` between two terms accepts either. With `exact`, diacritics must match as typed.
 * `from`/`to` keep documents whose date (start–end, partial dates included) meets the range;
 * undated documents are left out when either is given.
 */
export const catalogueFilterSchema = z.object({
  words: z.string().trim().max(500).optional(),
  exact: z.boolean().optional(),
  from: isoPartialDate.optional(),
  to: isoPartialDate.optional(),
  /** Tên loại, by name ("Nghị quyết") or by its abbreviation in numbers ("NQ"). */
  docTypes: values.optional(),
  /** Cơ quan ban hành, by name or abbreviation ("TU" = Tỉnh ủy). */
  issuers: values.optional(),
  repository: value.optional(),
  fond: value.optional(),
  inventory: value.optional(),
  box: value.optional(),
  file: value.optional(),
  /** Độ mật; 'none' = not classified. */
  secrecy: z.array(z.enum([...SECRECY_LEVELS, 'none'])).max(4).optional(),
  tags: values.optional(),
  textStates: z.array(z.enum(TEXT_STATES)).max(3).optional(),
});
export type CatalogueFilter = z.infer<typeof catalogueFilterSchema>;

export const catalogueSortSchema = z.object({
  key: z.enum(SORT_KEYS).default('imported'),
  descending: z.boolean().default(false),
});
export type CatalogueSort = z.infer<typeof catalogueSortSchema>;

const query = { filter: catalogueFilterSchema.default({}), sort: catalogueSortSchema.default({ key: 'imported', descending: true }) };

export interface CataloguePage {
  /** Documents the filter keeps. */
  total: number;
  /**
   * False when words matched so many pages that ranking stopped: `total` counts the documents
   * ranked (the best ones), not all that contain the words.
   */
  totalIsExact: boolean;
  offset: number;
  rows: CatalogueRow[];
  /** Time the query took in the service, ms. */
  tookMs: number;
}

/** One level of the phông → mục lục → hộp → hồ sơ tree: the values below `path`, with how many documents each holds. */
export interface CatalogueTreeLevel {
  level: 'fond' | 'inventory' | 'box' | 'file';
  children: { value: string; documents: number }[];
  /** Documents at this path with no value at this level. */
  unplaced: number;
}

/** Fields a batch edit may set on many documents at once (what documents of one hồ sơ share). */
export const batchPatchSchema = z.object({
  docType: archivalMetadataSchema.shape.docType.unwrap().nullable().optional(),
  issuer: archivalMetadataSchema.shape.issuer.unwrap().nullable().optional(),
  place: archivalMetadataSchema.shape.place.unwrap().nullable().optional(),
  date: archivalMetadataSchema.shape.date.unwrap().nullable().optional(),
  secrecy: archivalMetadataSchema.shape.secrecy.unwrap().nullable().optional(),
  urgency: archivalMetadataSchema.shape.urgency.unwrap().nullable().optional(),
  authenticity: archivalMetadataSchema.shape.authenticity.unwrap().nullable().optional(),
  form: archivalMetadataSchema.shape.form.unwrap().nullable().optional(),
  languages: archivalMetadataSchema.shape.languages.unwrap().nullable().optional(),
  condition: archivalMetadataSchema.shape.condition.unwrap().nullable().optional(),
  /** Location parts given replace those parts only (null clears one); others stay. */
  location: z
    .object({
      repository: z.string().trim().max(500).nullable().optional(),
      fond: z.string().trim().max(200).nullable().optional(),
      inventory: z.string().trim().max(200).nullable().optional(),
      box: z.string().trim().max(200).nullable().optional(),
      file: z.string().trim().max(200).nullable().optional(),
    })
    .optional(),
  addTags: values.optional(),
  removeTags: values.optional(),
});
export type BatchPatch = z.infer<typeof batchPatchSchema>;

export interface SavedSearch {
  id: number;
  name: string;
  filter: CatalogueFilter;
  sort: CatalogueSort;
  createdAt: string;
}

/** The distinct values of a field, for filter pickers: most used first. */
export interface FacetValue {
  value: string;
  documents: number;
}

const id = z.number().int().positive();
const ids = z.array(id).min(1).max(200_000);

export const catalogueContract = {
  /** A window of the catalogue: `limit` rows from `offset`, in the order asked. */
  query: method<CataloguePage>()(
    z.object({ ...query, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }),
  ),
  /** Every document id the filter keeps, in order (selection of a whole view, batch edits, export). */
  ids: method<{ ids: number[] }>()(z.object(query)),
  /** One level of the location tree under `path` ([] = phông; [phông] = mục lục; …). */
  tree: method<CatalogueTreeLevel>()(z.object({ path: z.array(z.string().max(500)).max(3).default([]) })),
  /** The values used in a field, for the filter pickers. */
  facets: method<FacetValue[]>()(
    z.object({ field: z.enum(['docType', 'issuer', 'repository', 'fond', 'tags', 'secrecy']), limit: z.number().int().min(1).max(1000).default(200) }),
  ),
  /**
   * Sets the given fields on every document named; returns how many changed. Each document's
   * version goes up, so a window editing one of them is told its copy is old.
   */
  batchUpdate: method<{ changed: number }>()(z.object({ ids, patch: batchPatchSchema })),
  savedSearches: method<SavedSearch[]>()(z.object({})),
  /** Saves (or, with the name of an existing one, replaces) a named search. */
  saveSearch: method<SavedSearch>()(z.object({ name: z.string().trim().min(1, 'Cần đặt tên cho tìm kiếm.').max(200), ...query })),
  deleteSearch: method<null>()(z.object({ id })),
  /**
   * The view as a file: XLSX or CSV (UTF-8 with BOM, for Excel), or a printed catalogue (PDF, in
   * the mục lục hồ sơ layout). Columns in the order given (all by default).
   */
  export: method<ExportedFile>()(
    z.object({
      ...query,
      format: z.enum(['xlsx', 'csv', 'pdf']),
      columns: z.array(z.enum(CATALOGUE_COLUMNS)).min(1).max(CATALOGUE_COLUMNS.length).optional(),
      /** A heading for the printed catalogue ("Mục lục hồ sơ Phông Tỉnh ủy Lai Châu"). */
      title: z.string().trim().max(300).optional(),
      /** Also write the file there. */
      path: z.string().trim().min(1).max(4096).optional(),
    }),
  ),
};
