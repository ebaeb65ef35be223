/**
 * A project book as the neutral book model (shared/book/model.ts) for the typesetter: front
 * matter, parts and chapters in their order, back matter, credits and colophon from the book's
 * details, and every citation replaced by its text generated from the cited document's current
 * metadata. Deleted nodes are left out.
 */
import type { ArchivalMetadata } from '../../../shared/archive/metadata';
import type { BookDetails, BookKind, BookNodeKind, NodeRole, RichDoc } from '../../../shared/api/manuscript';
import { parseDocumentCode } from '../../../shared/text/documentCode';
import { chapterDateOptions, orderChronicle, toChronicleEntries } from '../../../shared/book/chronicle';
import { documentPlaceDate, documentTitle, headerMotto, trimDocumentBody } from '../../../shared/book/documentItem';
import { blocksOf, type RichNode } from '../../../shared/book/fromRichDoc';
import type { Block, Book, BodyDivision, Chapter, InlineRun } from '../../../shared/book/model';
import { citationSourceFromMetadata, citationSpans, type CitationSpan } from '../../../shared/manuscript/citation';
import { crossRefTargets } from '../../../shared/manuscript/crossRef';
import { withCitationsAsText, type CitationRef } from '../../../shared/manuscript/richDoc';
import { orderTree, structureLabels, type OutlineHeading } from '../../../shared/manuscript/structure';
import { readRichDoc, readStoredRichDoc } from '../../../shared/manuscript/schema';
import { UserFacingError } from '../../../shared/errors';
import type { ProjectSession } from '../project/projectSession';
import type { Db } from '../store/projectDatabase';
import { figureImageSync, figurePageIds, loadFigureImages, type FigureImage } from './figureImages';

/** A live node of a book's structure as stored. */
export interface BookNodeRow {
  id: number;
  parentId: number | null;
  kind: BookNodeKind;
  role: NodeRole;
  position: number;
  title: string;
  content: string;
  /** The chapter's headings as stored at its last save (JSON OutlineHeading[]). */
  outline: string;
}

/** The live nodes of a book (its parts, chapters, front and back matter), in no particular order. */
export function liveBookNodes(db: Db, bookId: number): BookNodeRow[] {
  return db
    .prepare('SELECT id, parent_id AS parentId, kind, role, position, title, content, outline FROM book_nodes WHERE book_id = ? AND deleted_at IS NULL')
    .all(bookId) as BookNodeRow[];
}

/** A proof holds the node asked for and, for a part, its chapters; the rest of the book is not converted. */
const inScope = (only: ExportScope | undefined, r: { id: number; parentId: number | null }) => !only || r.id === only.nodeId || r.parentId === only.nodeId;

export interface LoadBookOptions {
  /** Figure images already read through the archive (see loadManuscriptBookForExport), by page id. */
  images?: ReadonlyMap<number, FigureImage>;
  /** Only this node (a part with its chapters, or one chapter) as a proof; with `doc`, that text instead of the stored one (a passage). */
  only?: ExportScope;
}

/** Part of a book to print as a proof: a node of its structure, or a passage of one chapter. */
export interface ExportScope {
  nodeId: number;
  doc?: RichDoc;
}

/**
 * The book with every figure's image read through the archive first (derived images of PDF/TIFF
 * pages are made if the cache lacks them): what an export should use.
 */
export async function loadManuscriptBookForExport(session: ProjectSession, bookId: number, only?: ExportScope): Promise<Book> {
  const db = session.require().db;
  // Only the figures the export will print are read (a proof's, not the whole book's).
  const docs = (
    db.prepare("SELECT id, parent_id AS parentId, content FROM book_nodes WHERE book_id = ? AND deleted_at IS NULL AND content LIKE '%\"figure\"%'").all(bookId) as {
      id: number;
      parentId: number | null;
      content: string;
    }[]
  )
    .filter((r) => inScope(only, r))
    .map((r) => JSON.parse(r.content) as { content?: unknown[] });
  if (only?.doc) docs.push(only.doc);
  const images = await loadFigureImages(session, figurePageIds(docs));
  return loadManuscriptBook(db, bookId, { images, ...(only ? { only } : {}) });
}

export function loadManuscriptBook(db: Db, bookId: number, opts: LoadBookOptions = {}): Book {
  const book = db.prepare('SELECT id, kind, title, subtitle, details FROM books WHERE id = ?').get(bookId) as
    | { id: number; kind: BookKind; title: string; subtitle: string; details: string }
    | undefined;
  if (!book) throw new UserFacingError('manuscript.book-not-found', `Không có sách số ${bookId}.`);
  const details = JSON.parse(book.details) as BookDetails;
  const rows = liveBookNodes(db, bookId);

  const docStmt = db.prepare('SELECT title, metadata FROM documents WHERE id = ?');
  const cache = new Map<number, ReturnType<typeof citationSourceFromMetadata> | null>();
  const spansFor = (ref: CitationRef): CitationSpan[] | null => {
    if (!cache.has(ref.documentId)) {
      const d = docStmt.get(ref.documentId) as { title: string; metadata: string } | undefined;
      let meta: Record<string, unknown> = {};
      try {
        meta = d ? (JSON.parse(d.metadata) as Record<string, unknown>) : {};
      } catch {
        meta = {};
      }
      cache.set(ref.documentId, d ? citationSourceFromMetadata(d.title, meta) : null);
    }
    const src = cache.get(ref.documentId);
    return src ? citationSpans(src, { ...(ref.folio ? { folio: ref.folio } : {}), ...(ref.pageSeq ? { page: ref.pageSeq } : {}) }) : null;
  };

  // A figure: the page image, and its source note generated like a citation of that page.
  const pageStmt = db.prepare('SELECT document_id AS documentId, seq, rotation FROM pages WHERE id = ?');
  const figure = (attrs: Record<string, unknown>) => {
    const pageId = Number(attrs.pageId);
    if (!Number.isInteger(pageId) || pageId <= 0) return null;
    const image = opts.images?.get(pageId) ?? figureImageSync(db, pageId);
    if (!image) return null;
    const page = pageStmt.get(pageId) as { documentId: number; seq: number; rotation: number } | undefined;
    const spans = page ? spansFor({ documentId: page.documentId, pageId, pageSeq: page.seq, folio: typeof attrs.folio === 'string' ? attrs.folio : '' }) : null;
    const source = sourceNote(spans);
    // The page as the archivist turned it in the viewer.
    const rotation = page && (page.rotation === 90 || page.rotation === 180 || page.rotation === 270) ? (page.rotation as 90 | 180 | 270) : undefined;
    return { image, ...(source ? { source } : {}), ...(rotation ? { rotation } : {}) };
  };

  // A mention prints the registry's current name (corrected names follow into the index).
  const nameStmt = db.prepare('SELECT name, sort_key AS sortKey FROM index_names WHERE id = ?');
  const mention = (attrs: Record<string, unknown>) => {
    const id = Number(attrs.nameId);
    if (!Number.isInteger(id) || id <= 0) return null;
    const r = nameStmt.get(id) as { name: string; sortKey: string } | undefined;
    return r ? { term: r.name, ...(r.sortKey ? { sortKey: r.sortKey } : {}) } : null;
  };

  // A reproduced document: header, title and source note from its archival metadata as it is now.
  // The metadata is kept by header object so the body can be trimmed of what the header prints.
  const documentMeta = new WeakMap<object, { meta: ArchivalMetadata; title: string }>();
  const archivalDocument = (attrs: Record<string, unknown>) => {
    const documentId = Number(attrs.documentId);
    if (!Number.isInteger(documentId) || documentId <= 0) return null;
    const d = docStmt.get(documentId) as { title: string; metadata: string } | undefined;
    if (!d) return null;
    let meta: ArchivalMetadata = {};
    try {
      meta = JSON.parse(d.metadata) as ArchivalMetadata;
    } catch {
      meta = {};
    }
    const system = meta.code ? parseDocumentCode(meta.code)?.system : undefined;
    const placeDate = documentPlaceDate(meta);
    const note = sourceNote(spansFor({ documentId, pageId: null, pageSeq: null, folio: '' }));
    // The full title (type and abstract) is the title: the table of contents lists it, the header prints it in capitals.
    const title = documentTitle(meta, d.title);
    const header = {
      issuer: meta.issuer ? [meta.issuer] : [],
      ...(meta.code ? { number: `Số ${meta.code}` } : {}),
      motto: headerMotto(meta.date, system),
      ...(placeDate ? { placeDate } : {}),
    };
    documentMeta.set(header, { meta, title });
    return { header, title, ...(note ? { sourceNote: note } : {}) };
  };
  // The transcription's own header (and signature block) give way to the generated ones: printed once.
  const withoutOwnHeaders = (blocks: Block[]): Block[] =>
    blocks.map((b) => {
      if (b.kind !== 'document-item') return b;
      const found = documentMeta.get(b.header);
      if (!found) return b;
      const { body, signature } = trimDocumentBody(b.body, found.meta, found.title);
      return { ...b, body, ...(signature && !b.signature?.length ? { signature } : {}) };
    });

  const labels = structureLabels(rows);
  const chapterOf = (r: BookNodeRow, numbered: boolean): Chapter => {
    const label = labels.get(r.id) ?? '';
    const chapter: Chapter = { kind: 'chapter', id: `node-${r.id}`, title: r.kind === 'back' && label ? `${label}. ${r.title}` : r.title, numbered, blocks: [] };
    if (!inScope(opts.only, r)) return chapter; // outside a proof: only its place and number count
    // Read through the schema: documents stored by older versions print like the editor shows them.
    const stored = opts.only?.doc && opts.only.nodeId === r.id ? readRichDoc(opts.only.doc).doc : readStoredRichDoc(r.content);
    const blocks = withoutOwnHeaders(blocksOf(withCitationsAsText(stored, spansFor).content as RichNode[], { figure, mention, archivalDocument }));
    // A chronicle's paragraphs that open with a date lead are its entries; a chapter of the body
    // prints them in date order under year headings (orderChronicle), front and back matter as typed.
    if (book.kind !== 'chronicle') chapter.blocks = blocks;
    else if (r.kind === 'chapter') chapter.blocks = orderChronicle(blocks, chapterDateOptions(r.title)).blocks;
    else chapter.blocks = toChronicleEntries(blocks);
    return chapter;
  };

  const { roots, children } = orderTree(rows);
  let front: Chapter[] = [];
  let body: BodyDivision[] = [];
  let back: Chapter[] = [];
  for (const r of roots) {
    if (r.kind === 'front') front.push(chapterOf(r, false));
    else if (r.kind === 'back') back.push(chapterOf(r, false));
    else if (r.kind === 'chapter') body.push(chapterOf(r, true));
    else body.push({ kind: 'part', id: `node-${r.id}`, title: r.title, numbered: true, chapters: (children.get(r.id) ?? []).map((c) => chapterOf(c, true)) });
  }

  if (opts.only) {
    const scoped = scope(rows, { front, body, back }, opts.only.nodeId);
    if (!scoped) throw new UserFacingError('publish.node-not-found', 'Không tìm thấy chương hoặc phần cần xuất trong sách này.');
    ({ front, body, back } = scoped);
  }
  // A proof's cross-references to the rest of the book print as the whole book numbers them.
  const externalTargets = opts.only
    ? Object.fromEntries(crossRefTargets(rows.map((r) => ({ ...r, outline: JSON.parse(r.outline) as OutlineHeading[] }))).map((t) => [t.id, { number: t.number, title: t.title }]))
    : undefined;

  const credits = details.credits ?? {};
  const colophon = details.colophon ?? {};
  // The cover prints the period under the title and the colophon's ISBN under its barcode.
  const coverFields = { ...(details.cover ?? {}), ...(details.period ? { period: details.period } : {}), ...(colophon.isbn ? { isbn: colophon.isbn } : {}) };
  const cover = Object.keys(coverFields).length ? coverFields : undefined;
  return {
    layout: book.kind,
    title: book.title,
    ...(book.subtitle ? { subtitle: book.subtitle } : {}),
    ...(details.compilingBody ? { author: details.compilingBody } : {}),
    ...(details.placeYear ? { placeYear: details.placeYear } : {}),
    ...(Object.keys(credits).length ? { credits } : {}),
    ...(Object.keys(colophon).length ? { colophon } : {}),
    ...(details.tocPosition || details.print ? { setup: { ...(details.print ?? {}), ...(details.tocPosition ? { tocPosition: details.tocPosition } : {}) } } : {}),
    ...(cover ? { cover } : {}),
    front,
    body,
    back,
    language: 'vi',
    ...(opts.only ? { proof: true, externalTargets } : {}),
  };
}

/**
 * The divisions holding one node: a part with its chapters, or one chapter alone (under no part).
 * Numbered divisions keep their number in the whole book, so a proof of chapter III says III.
 */
function scope(rows: BookNodeRow[], all: { front: Chapter[]; body: BodyDivision[]; back: Chapter[] }, nodeId: number): typeof all | null {
  const id = `node-${nodeId}`;
  if (!rows.some((r) => r.id === nodeId)) return null;
  const none = { front: [] as Chapter[], body: [] as BodyDivision[], back: [] as Chapter[] };
  const f = all.front.find((c) => c.id === id);
  if (f) return { ...none, front: [f] };
  const b = all.back.find((c) => c.id === id);
  if (b) return { ...none, back: [b] };
  let chapterNo = 0;
  let partNo = 0;
  for (const div of all.body) {
    if (div.kind === 'part') {
      partNo++;
      const chapters = div.chapters.map((c) => ({ ...c, number: ++chapterNo }));
      if (div.id === id) return { ...none, body: [{ ...div, number: partNo, chapters }] };
      const c = chapters.find((x) => x.id === id);
      if (c) return { ...none, body: [c] };
    } else {
      chapterNo++;
      if (div.id === id) return { ...none, body: [{ ...div, number: chapterNo }] };
    }
  }
  return null;
}


/** "Nguồn: " and a citation's text, as printed under a figure or a reproduced document; undefined without one. */
function sourceNote(spans: CitationSpan[] | null): InlineRun[] | undefined {
  const parts = (spans ?? []).filter((s) => s.text);
  return parts.length ? [{ kind: 'text', text: 'Nguồn: ' }, ...parts.map((s): InlineRun => ({ kind: 'text', text: s.text, ...(s.italic ? { italic: true } : {}) }))] : undefined;
}
