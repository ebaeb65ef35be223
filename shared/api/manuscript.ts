/** Contract of the `manuscript` service: books, their structure, chapter content and its history. */
import type { Colophon, Cover, Credits, PageSetup } from '../book/model';
import { isbnProblem } from '../book/ean13';
import { MAX_BLEED_MM, SIGNATURES } from '../book/printSettings';
import { parseTrim } from '../book/trim';
import { z } from 'zod';
import type { CitationSpan } from '../manuscript/citation';
import type { ParagraphDiff, DiffSummary } from '../manuscript/diff';
import { chapterStatuses, nodeRoles, type ChapterStatus, type NodeRole, type OutlineHeading } from '../manuscript/structure';
import { method } from './contract';

export type BookKind = 'history' | 'chronicle' | 'documents';
export const bookKinds = ['history', 'chronicle', 'documents'] as const;

export type BookNodeKind = 'part' | 'chapter' | 'front' | 'back';
export const bookNodeKinds = ['part', 'chapter', 'front', 'back'] as const;

export type { ChapterStatus, NodeRole, OutlineHeading };

export interface BookSummary {
  id: number;
  kind: BookKind;
  title: string;
  chapterCount: number;
  updatedAt: string;
}

export interface BookNodeInfo {
  id: number;
  bookId: number;
  parentId: number | null;
  kind: BookNodeKind;
  /** For front/back matter: lời giới thiệu, kết luận, phụ lục…; '' for parts and chapters. */
  role: NodeRole;
  title: string;
  position: number;
  status: ChapterStatus;
  /** The headings (sections) of the node's text, in order. */
  outline: OutlineHeading[];
  updatedAt: string;
  /** Counts saves of the node's text (see ChapterContent.version). */
  version: number;
}

/** Credits and publishing details of a book (trang ghi công, ghi chép xuất bản). */
export interface BookDetails {
  /** Cơ quan biên soạn / tác giả: "Ban Chấp hành Đảng bộ huyện Tam Đường". */
  compilingBody?: string;
  /** Giai đoạn: "1945–2025". */
  period?: string;
  /** Nơi và năm trên trang tên sách: "Lai Châu – 2026". */
  placeYear?: string;
  /** Chỉ đạo biên soạn, ban biên soạn, chủ biên, sưu tầm tư liệu. */
  credits?: Credits;
  /** Ghi chép xuất bản (Luật Xuất bản 2012, điều 27). */
  colophon?: Colophon;
  /** Where the table of contents goes: Vietnamese local histories usually put it at the end. */
  tocPosition?: PageSetup['tocPosition'];
  /** Trình bày & in: the trim, how chapters open, signatures, bleed, crop marks, PDF/X. */
  print?: PrintSettings;
  /** Bìa sách: what the cover prints besides the title, the body and the colophon's ISBN. */
  cover?: CoverSettings;
}

/** The print shop's settings of a book (PageSetup's fields the details dialog offers). */
export type PrintSettings = Partial<Pick<PageSetup, 'trim' | 'chapterOpening' | 'signature' | 'bleed' | 'cropMarks' | 'pdfx'>>;

/** The cover's own settings; its ISBN is the colophon's (one number, printed in both places). */
export type CoverSettings = Pick<Cover, 'backText' | 'paperThickness' | 'colour'>;

export interface BookDetail extends BookSummary {
  /**
   * Counts changes of the book's details and structure (titles, order, status, deletions). A
   * change names the version it was based on; one based on an older version is refused.
   */
  version: number;
  subtitle: string;
  details: BookDetails;
  /** Live (not deleted) nodes; order by `shared/manuscript/structure` readingOrder. */
  nodes: BookNodeInfo[];
}

/** A tiptap/ProseMirror JSON document. Its text is NFC once stored. */
export interface RichDoc {
  type: 'doc';
  content?: unknown[];
  [key: string]: unknown;
}

export interface ChapterContent {
  id: number;
  bookId: number;
  title: string;
  kind: BookNodeKind;
  role: NodeRole;
  status: ChapterStatus;
  doc: RichDoc;
  updatedAt: string;
  /** Counts saves of the text; `saveChapter` names the version its text was based on. */
  version: number;
}

/**
 * What a chapter save did. `conflict`: the text was based on an older version (another window or
 * process saved since); the stored text was left as it is and the refused text was kept as the
 * revision `keptRevisionId`, so the editor can compare the two and let the user choose.
 */
export type ChapterSaveResult =
  | { status: 'saved'; version: number; updatedAt: string; revisionId: number | null }
  | { status: 'conflict'; version: number; updatedAt: string; keptRevisionId: number; message: string };

export type RevisionReason = 'autosave' | 'manual' | 'before-restore' | 'import' | 'restore' | 'conflict';

export interface RevisionInfo {
  id: number;
  nodeId: number;
  createdAt: string;
  reason: RevisionReason;
  note: string;
  title: string;
  words: number;
}

export interface RevisionComparison {
  from: { revisionId: number | null; createdAt: string };
  to: { revisionId: number | null; createdAt: string };
  paragraphs: ParagraphDiff[];
  summary: DiffSummary;
}

/** An archived document as the citation picker shows it. */
export interface CitableDocument {
  id: number;
  title: string;
  /** Số, ký hiệu ("05-NQ/TU"), when catalogued. */
  number: string;
  /** As catalogued. */
  date: string;
  issuer: string;
  pageCount: number;
  /** The citation of the whole document. */
  citation: string;
}

export interface ResolvedCitation {
  key: string;
  found: boolean;
  text: string;
  spans: CitationSpan[];
  documentTitle: string;
  /** The cited page, for the side-by-side view. */
  pageId: number | null;
}

export interface ImportedDraft {
  nodes: BookNodeInfo[];
  footnotes: number;
  warnings: string[];
}

/** A place in the manuscript that cites an archived document ("được trích dẫn tại"). */
export interface CitationPlace {
  bookId: number;
  bookTitle: string;
  nodeId: number;
  nodeTitle: string;
  count: number;
}

/** Kinds of names the book's index lists (người, địa danh, tổ chức). */
export type NameKind = 'person' | 'place' | 'organisation';
export const nameKinds = ['person', 'place', 'organisation'] as const;

/** A name in the project's registry, which mentions in the manuscript point at. */
export interface IndexName {
  id: number;
  kind: NameKind;
  /** As printed in the index, NFC: "Nguyễn Văn A", "Tam Đường", "Huyện ủy Tam Đường". */
  name: string;
  /** How it sorts when not by the usual rule (people by given name); '' for the usual rule. */
  sortKey: string;
}

/** A name with how many times the chapters mention it (the registry screen). */
export interface RegisteredName extends IndexName {
  mentions: number;
}

/** A comment on a passage of a chapter (appraisal). Its anchor is a `comment` mark in the text. */
export interface ChapterComment {
  id: number;
  nodeId: number;
  author: string;
  text: string;
  /** The passage as it read when the comment was made. */
  quote: string;
  createdAt: string;
  /** When it was marked as dealt with; null while open. */
  resolvedAt: string | null;
}

const richDoc = z.looseObject({ type: z.literal('doc'), content: z.array(z.unknown()).optional() });
const id = z.number().int().positive();
/** The version a change was based on (what the caller last read). */
const baseVersion = z.number().int().min(0);
const text = (max: number) => z.string().trim().max(max);
const names = z.array(text(300)).max(100).optional();
const bookDetails = z.object({
  compilingBody: text(500).optional(),
  period: text(100).optional(),
  placeYear: text(200).optional(),
  credits: z.object({ direction: names, board: names, editorInChief: names, research: names }).optional(),
  colophon: z
    .object({
      publisher: text(300).optional(),
      directorResponsible: text(300).optional(),
      editorResponsible: text(300).optional(),
      editors: names,
      designer: text(300).optional(),
      technicalEditor: text(300).optional(),
      proofreader: text(300).optional(),
      printRun: text(100).optional(),
      printer: text(500).optional(),
      registration: text(200).optional(),
      decision: text(200).optional(),
      licence: text(200).optional(),
      isbn: text(40)
        .superRefine((v, ctx) => {
          const problem = v ? isbnProblem(v) : null;
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        })
        .optional(),
      legalDeposit: text(100).optional(),
      price: text(100).optional(),
    })
    .optional(),
  tocPosition: z.enum(['front', 'end', 'none']).optional(),
  print: z
    .object({
      // A named trim or any "WxH" in millimetres, 50 to 1000 each way (as the typesetter reads
      // it), stored in the typesetter's form: "150 × 210 mm" → "150x210", "a5" → "A5".
      trim: text(40)
        .transform((v) => (v === '' ? v : (parseTrim(v) ?? v)))
        .refine((v) => v === '' || parseTrim(v) === v, 'Khổ sách phải là một khổ có sẵn hoặc “rộng x cao” tính bằng milimét, mỗi chiều từ 50 đến 1000 (ví dụ 145x205).')
        .optional(),
      chapterOpening: z.enum(['recto', 'any']).optional(),
      signature: z.literal(SIGNATURES, { error: `Số trang mỗi tay sách phải là ${SIGNATURES.join(', ')}.` }).optional(),
      bleed: z.number({ error: 'Tràn lề phải là một số milimét.' }).min(0, 'Tràn lề không được âm.').max(MAX_BLEED_MM, `Tràn lề quá lớn: nhà in thường cần 3 mm, tối đa ${MAX_BLEED_MM} mm.`).optional(),
      cropMarks: z.boolean().optional(),
      pdfx: z.boolean().optional(),
    })
    .optional(),
  cover: z
    .object({
      backText: text(3000).optional(),
      paperThickness: z
        .number({ error: 'Độ dày giấy phải là một số milimét mỗi tờ.' })
        .min(0.03, 'Độ dày giấy phải từ 0,03 đến 1 mm mỗi tờ (giấy offset 80 g/m² dày khoảng 0,1 mm).')
        .max(1, 'Độ dày giấy phải từ 0,03 đến 1 mm mỗi tờ (giấy offset 80 g/m² dày khoảng 0,1 mm).')
        .optional(),
      colour: z.enum(['red', 'navy', 'white']).optional(),
    })
    .optional(),
});

const citationRef = z.object({
  documentId: id,
  pageId: id.nullable().optional(),
  pageSeq: z.number().int().positive().nullable().optional(),
  folio: z.string().max(50).optional(),
});

export const manuscriptContract = {
  listBooks: method<BookSummary[]>()(z.object({})),
  createBook: method<BookDetail>()(
    z.object({
      kind: z.enum(bookKinds),
      title: z.string().trim().min(1, 'Cần tên sách.').max(500),
      subtitle: text(500).optional(),
    }),
  ),
  getBook: method<BookDetail>()(z.object({ id })),
  /** Changes a book's title, subtitle and details (only the fields given), if the book is still at `baseVersion`. */
  updateBook: method<BookDetail>()(
    z.object({ id, baseVersion, title: z.string().trim().min(1, 'Cần tên sách.').max(500).optional(), subtitle: text(500).optional(), details: bookDetails.optional() }),
  ),
  /** Adds a chapter at the end of the body (kept for older callers; see addNode). */
  addChapter: method<BookNodeInfo>()(
    z.object({ bookId: id, title: z.string().trim().min(1, 'Cần tên chương.').max(500) }),
  ),
  /**
   * Adds a division: a part, a chapter (at the top level or inside a part), or front/back matter
   * with its role. The title defaults to the role's usual title ("Lời nói đầu", "Kết luận").
   */
  addNode: method<BookNodeInfo>()(
    z.object({
      bookId: id,
      kind: z.enum(bookNodeKinds),
      role: z.enum(nodeRoles).default(''),
      parentId: id.nullable().default(null),
      title: text(500).default(''),
      /** Index among the new siblings; default: the end. */
      index: z.number().int().min(0).optional(),
    }),
  ),
  /**
   * Structure changes (rename, move, delete, restore, status) name the book's version they were
   * based on (BookDetail.version); one based on an older version is refused and changes nothing.
   */
  renameNode: method<BookNodeInfo>()(
    z.object({ id, title: z.string().trim().min(1, 'Tên không được để trống.').max(500), baseVersion }),
  ),
  /** Moves a node to another place in the tree (drag-and-drop, Alt+↑/↓). Returns the book. */
  moveNode: method<BookDetail>()(z.object({ id, parentId: id.nullable(), index: z.number().int().min(0), baseVersion })),
  /** Deletes a node and what it holds, recoverably: `restoreNode` undoes it. Returns the book. */
  deleteNode: method<BookDetail>()(z.object({ id, baseVersion })),
  restoreNode: method<BookDetail>()(z.object({ id, baseVersion })),
  setChapterStatus: method<BookNodeInfo>()(z.object({ id, status: z.enum(chapterStatuses), baseVersion })),
  getChapter: method<ChapterContent>()(z.object({ id })),
  /**
   * Saves a chapter's content (autosave) if it is still at `baseVersion` (the version the editor's
   * text was based on); otherwise nothing is overwritten and the text is kept as a revision (see
   * ChapterSaveResult). Text is normalised to NFC on the way in and checked against the editor's
   * schema. A revision is kept automatically at most every 10 minutes of editing.
   */
  saveChapter: method<ChapterSaveResult>()(z.object({ id, doc: richDoc, baseVersion })),
  /** Keeps the chapter's current content as a named revision. */
  saveRevision: method<RevisionInfo>()(z.object({ id, note: text(500).default('') })),
  listRevisions: method<RevisionInfo[]>()(z.object({ nodeId: id })),
  getRevision: method<RevisionInfo & { doc: RichDoc }>()(z.object({ id })),
  /** Compares two revisions of a chapter; null means the current content. */
  compareRevisions: method<RevisionComparison>()(z.object({ nodeId: id, from: id.nullable(), to: id.nullable() })),
  /** Makes an older revision current again; the content it replaces is kept as a revision first. */
  restoreRevision: method<ChapterContent>()(z.object({ id })),
  /** Fuzzy search over archived documents for the citation picker (numbers, titles, dates, issuers). */
  searchCitable: method<CitableDocument[]>()(
    z.object({ query: z.string().max(300).default(''), limit: z.number().int().min(1).max(100).default(30) }),
  ),
  /** The current text of citations, generated from their documents' metadata. */
  resolveCitations: method<ResolvedCitation[]>()(z.object({ refs: z.array(citationRef).max(5000) })),
  /** Names for the index: fuzzy (diacritics-insensitive) search, optionally of one kind. */
  listNames: method<IndexName[]>()(
    z.object({ query: z.string().max(300).default(''), kind: z.enum(nameKinds).optional(), limit: z.number().int().min(1).max(500).default(30) }),
  ),
  /** Adds a name to the registry; returns the existing one when the same name of the same kind exists. */
  createName: method<IndexName>()(
    z.object({ kind: z.enum(nameKinds), name: z.string().trim().min(1, 'Cần tên.').max(300), sortKey: text(300).default('') }),
  ),
  /** Corrects a name or its sort key; every mention of it follows. */
  updateName: method<IndexName>()(z.object({ id, name: z.string().trim().min(1, 'Cần tên.').max(300).optional(), sortKey: text(300).optional() })),
  /** The registry screen: names as listNames finds them, each with how often the chapters mention it. */
  nameRegistry: method<RegisteredName[]>()(
    z.object({ query: z.string().max(300).default(''), kind: z.enum(nameKinds).optional(), limit: z.number().int().min(1).max(2000).default(500) }),
  ),
  /** Merges a name into another of the same kind: its mentions point at the other, and it leaves the registry. */
  mergeNames: method<{ moved: number }>()(z.object({ from: id, into: id })),
  /** Removes a name that no chapter mentions. */
  deleteName: method<null>()(z.object({ id })),
  /** The comments on a chapter, oldest first. */
  listComments: method<ChapterComment[]>()(z.object({ nodeId: id })),
  /** Adds a comment on a passage; the editor then anchors it with a `comment` mark holding its id. */
  addComment: method<ChapterComment>()(
    z.object({ nodeId: id, author: text(200).default(''), text: z.string().trim().min(1, 'Cần nội dung góp ý.').max(10000), quote: text(2000).default('') }),
  ),
  /** Marks a comment as dealt with, or opens it again. */
  resolveComment: method<ChapterComment>()(z.object({ id, resolved: z.boolean() })),
  deleteComment: method<{ id: number }>()(z.object({ id })),
  /** Where the manuscript cites an archived document. */
  citedIn: method<CitationPlace[]>()(z.object({ documentId: id })),
  /**
   * Imports a Markdown (Pandoc footnotes) or DOCX draft: into one new chapter, or as one chapter
   * per top-level heading.
   */
  importDraft: method<ImportedDraft>()(
    z.object({
      bookId: id,
      /** The draft on the host's disk (browser mode: where the upload put it). */
      path: z.string().trim().min(1).max(4096),
      /** The name the user knows it by (an upload's own file name); the path's by default. */
      fileName: z.string().trim().min(1).max(1000).optional(),
      split: z.boolean().default(false),
      parentId: id.nullable().default(null),
    }),
  ),
};
