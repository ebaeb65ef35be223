/**
 * Kiểm tra trước khi in (preflight): what is wrong in a book before it goes to the print shop or to
 * the reviewers. Reads the saved chapters as the editor opens them (through the schema's reader),
 * not the book model, so each finding can say where it is: the chapter, the top-level block the
 * editor shows, a few words of its text. Chronicle entries are read by the same code that prints
 * them (shared/book/chronicle.ts), so the check and the print agree on what is an entry.
 *
 *  - chronicle entries whose date lead cannot be read or is impossible ("Ngày 30-2-1950, …");
 *  - chronicle entries without a source (no footnote, no citation, no "Nguồn:" after them);
 *  - citations, figures and reproduced documents whose archived document (or page) is gone;
 *  - cited documents lacking what their citation prints (issuing body, number or title, date);
 *  - documents marked secret (độ mật) that are cited, shown as a figure or reproduced;
 *  - reproduced documents (văn kiện) with no text;
 *  - cross-references to a chapter or heading no longer in the book;
 *  - chapters with no text.
 *
 * Export does not depend on it: the findings are advice, shown before the file is written.
 */
import type { PreflightFinding, PreflightKind } from '../../../shared/api/publish';
import type { BookKind } from '../../../shared/api/manuscript';
import { chapterDateOptions, orderChronicle, toChronicleEntries } from '../../../shared/book/chronicle';
import { blocksOf } from '../../../shared/book/fromRichDoc';
import type { Block } from '../../../shared/book/model';
import { UserFacingError } from '../../../shared/errors';
import { citationSourceFromMetadata } from '../../../shared/manuscript/citation';
import { nodeTargetId } from '../../../shared/manuscript/crossRef';
import type { RichNode } from '../../../shared/manuscript/richDoc';
import { readStoredRichDoc } from '../../../shared/manuscript/schema';
import { readingOrder, structureLabels, type OutlineHeading } from '../../../shared/manuscript/structure';
import { liveBookNodes, type BookNodeRow } from '../manuscript/bookModel';
import type { Db } from '../store/projectDatabase';

interface DocumentInfo {
  title: string;
  metadata: Record<string, unknown>;
}

/** Words either side of a problem in a passage. */
const AROUND = 24;

/** A source typed after an entry: "Nguồn: …", "(Nguồn: …)", "[TL: …]". */
const SOURCE_LINE = /^\s*[([]?\s*(?:nguồn|tài liệu|tl)\s*:/iu;
const SOURCE_INSIDE = /(?:[([]\s*)?(?:nguồn|tài liệu)\s*:|\[[^\]]{3,}\]\s*[.;]?\s*$/iu;

/** A top-level block's text as the editor shows it in plain characters: text runs joined, footnotes and atoms left out. */
function flatText(node: RichNode): string {
  let out = '';
  const walk = (n: RichNode) => {
    if (n.type === 'text') out += n.text ?? '';
    else if (n.type === 'footnote') return;
    else for (const c of n.content ?? []) walk(c);
  };
  walk(node);
  return out;
}

/** A few words of `text` around offset `at` (or from its start), cut at word boundaries, spaces run together. */
export function passageAround(text: string, at = 0): string {
  if (!text.trim()) return '';
  const pos = Math.max(0, Math.min(at, text.length));
  // A window of about 2 × AROUND characters around the problem, shifted inside the text at its ends.
  let end = Math.min(text.length, Math.max(0, pos - AROUND) + AROUND * 2);
  let start = Math.max(0, end - AROUND * 2);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < pos) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > pos) end = space;
  }
  // Spaces run together (where an atom was left out) read as one; the editor finds it the same way.
  return text.slice(start, end).replace(/\s+/gu, ' ').trim();
}

const textOf = (nodes: RichNode[] | undefined): string => (nodes ?? []).map((n) => (n.type === 'text' ? (n.text ?? '') : n.type === 'footnote' ? '' : textOf(n.content))).join('');

function hasWords(node: { content?: RichNode[] | undefined }): boolean {
  return (node.content ?? []).some((n) => (n.type === 'text' && (n.text ?? '').trim() !== '') || n.type === 'figure' || n.type === 'citation' || hasWords(n));
}

function some(node: RichNode, test: (n: RichNode) => boolean): boolean {
  return (node.content ?? []).some((c) => test(c) || some(c, test));
}

/**
 * A chronicle chapter's entries as the print reads them: the top-level blocks that are entries,
 * and those whose date cannot be read (with the date lead as typed), by block index.
 */
function chronicleEntries(blocks: RichNode[], title: string): { entries: Set<number>; unread: Map<number, string> } {
  const flat: Block[] = [];
  const origin: number[] = [];
  blocks.forEach((n, i) => {
    for (const b of blocksOf([n])) {
      flat.push(b);
      origin.push(i);
    }
  });
  const opts = chapterDateOptions(title);
  const entries = new Set<number>();
  toChronicleEntries(flat, opts).forEach((b, k) => {
    if (b.kind === 'chronicle-entry') entries.add(origin[k]!);
  });
  const unread = new Map(orderChronicle(flat, opts).unread.map((u) => [origin[u.index]!, u.label] as const));
  return { entries, unread };
}

/** Độ mật as stored: any value but none / "thường" marks the document secret. */
function secrecyOf(metadata: Record<string, unknown>): string {
  const v = metadata.secrecy;
  const s = typeof v === 'string' ? v.normalize('NFC').trim() : '';
  return s && !/^(thường|không|không mật|none)$/iu.test(s) ? s : '';
}

/** What a citation of this document would lack, in the order a citation prints it. */
function missingForCitation(doc: DocumentInfo): string[] {
  const src = citationSourceFromMetadata(doc.title, doc.metadata);
  const missing: string[] = [];
  if (!src.issuer) missing.push('cơ quan ban hành');
  if (!src.number && !src.title) missing.push('số và ký hiệu hoặc tên tài liệu');
  if (!src.date) missing.push('ngày tháng');
  return missing;
}

const quote = (s: string, max = 80) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return `«${t.length > max ? `${t.slice(0, max - 1)}…` : t}»`;
};

/** Every finding of a book (or of one part or chapter with `nodeId`), in reading order. */
export function preflightBook(db: Db, bookId: number, nodeId?: number): PreflightFinding[] {
  const book = db.prepare('SELECT id, kind FROM books WHERE id = ?').get(bookId) as { id: number; kind: BookKind } | undefined;
  if (!book) throw new UserFacingError('manuscript.book-not-found', `Không có sách số ${bookId}.`);
  const rows = liveBookNodes(db, bookId);
  if (nodeId !== undefined && !rows.some((r) => r.id === nodeId)) {
    throw new UserFacingError('publish.node-not-found', 'Không tìm thấy chương hoặc phần cần xuất trong sách này.');
  }
  const labels = structureLabels(rows);
  const docs = new Map(rows.map((r) => [r.id, readStoredRichDoc(r.content).content]));

  // What a cross-reference may point at: every live division and every heading of the book.
  const targets = new Set<string>();
  for (const r of rows) {
    targets.add(nodeTargetId(r.id));
    for (const h of safeJson<OutlineHeading[]>(r.outline, [])) if (h.id) targets.add(h.id);
    for (const b of docs.get(r.id) ?? []) if (b.type === 'heading' && typeof b.attrs?.id === 'string' && b.attrs.id) targets.add(b.attrs.id);
  }

  const docStmt = db.prepare('SELECT title, metadata FROM documents WHERE id = ?');
  const documents = new Map<number, DocumentInfo | null>();
  const documentInfo = (id: number): DocumentInfo | null => {
    if (!documents.has(id)) {
      const d = docStmt.get(id) as { title: string; metadata: string } | undefined;
      documents.set(id, d ? { title: d.title, metadata: safeJson<Record<string, unknown>>(d.metadata, {}) } : null);
    }
    return documents.get(id)!;
  };
  const pageStmt = db.prepare('SELECT document_id AS documentId FROM pages WHERE id = ?');

  const findings: PreflightFinding[] = [];
  const inScope = (r: BookNodeRow) => nodeId === undefined || r.id === nodeId || r.parentId === nodeId;
  for (const r of readingOrder(rows)) {
    if (r.kind === 'part' || !inScope(r)) continue;
    const blocks = docs.get(r.id) ?? [];
    const where = { nodeId: r.id, chapterLabel: labels.get(r.id) ?? '', chapterTitle: r.title };
    const add = (kind: PreflightKind, message: string, at?: { blockIndex: number; passage: string; documentId?: number }) =>
      findings.push({ kind, ...where, passage: at?.passage ?? '', message, ...(at ? { blockIndex: at.blockIndex } : {}), ...(at?.documentId ? { documentId: at.documentId } : {}) });

    if (!hasWords({ content: blocks })) {
      add('empty-chapter', 'Chưa có nội dung: bản in sẽ có tiêu đề mà không có chữ nào bên dưới.');
      continue;
    }

    // One incomplete-citation finding per document and chapter: the fix is in the archive, once.
    const incompleteSeen = new Set<number>();
    const chronicle = book.kind === 'chronicle' ? chronicleEntries(blocks, r.title) : null;
    blocks.forEach((block, blockIndex) => {
      const flat = flatText(block);
      const around = (offset: number) => passageAround(flat, offset);

      // Chronicle entries: a readable date, and a source.
      if (chronicle?.entries.has(blockIndex)) {
        const passage = passageAround(flat, 0);
        const lead = chronicle.unread.get(blockIndex);
        if (lead !== undefined) {
          add('unreadable-date', `Ngày tháng ${quote(lead)} không đọc được hoặc không có thật: sự kiện này sẽ không được xếp đúng thứ tự thời gian.`, { blockIndex, passage });
        }
        const next = blocks[blockIndex + 1];
        const sourced =
          some(block, (n) => n.type === 'footnote' || n.type === 'citation') || SOURCE_INSIDE.test(flat) || (next?.type === 'paragraph' && SOURCE_LINE.test(textOf(next.content)));
        if (!sourced) add('entry-without-source', 'Sự kiện chưa có nguồn: hãy thêm chú thích, trích dẫn tài liệu hoặc một dòng «Nguồn: …» ngay sau.', { blockIndex, passage });
      }

      // Inline and nested things, each located by its offset in the block's flat text.
      let offset = 0;
      const visit = (n: RichNode, inFootnote: boolean) => {
        if (n.type === 'text') {
          if (!inFootnote) offset += (n.text ?? '').length;
          return;
        }
        if (n.type === 'citation') {
          const id = Number(n.attrs?.documentId);
          if (Number.isInteger(id) && id > 0) citation(id, offset, typeof n.attrs?.text === 'string' ? n.attrs.text : '');
          return;
        }
        if (n.type === 'crossRef') {
          const target = typeof n.attrs?.targetId === 'string' ? n.attrs.targetId : '';
          if (!targets.has(target)) {
            const label = typeof n.attrs?.label === 'string' && n.attrs.label ? ` ${quote(n.attrs.label)}` : '';
            add('unresolved-crossref', `Tham chiếu chéo${label} trỏ tới một chương hoặc mục không còn trong sách: bản in sẽ hiện [?].`, { blockIndex, passage: around(offset) });
          }
          return;
        }
        if (n.type === 'figure') {
          const start = offset;
          figure(Number(n.attrs?.pageId), start);
        }
        if (n.type === 'archivalDocument') {
          const start = offset;
          reproduction(n, start);
        }
        for (const c of n.content ?? []) visit(c, inFootnote || n.type === 'footnote');
      };

      const citation = (id: number, at: number, stored: string) => {
        const doc = documentInfo(id);
        if (!doc) {
          const was = stored ? `: ${quote(stored, 60)}` : '';
          add('missing-document', `Trích dẫn tới một tài liệu không còn trong kho lưu trữ${was}; bản in chỉ còn lời trích dẫn cũ.`, { blockIndex, passage: around(at), documentId: id });
          return;
        }
        const secrecy = secrecyOf(doc.metadata);
        if (secrecy) add('secret-document', `Trích dẫn tài liệu ${quote(doc.title, 60)} có độ mật «${secrecy}»: cần được phép sử dụng trước khi in.`, { blockIndex, passage: around(at), documentId: id });
        const missing = missingForCitation(doc);
        if (missing.length && !incompleteSeen.has(id)) {
          incompleteSeen.add(id);
          add('incomplete-citation', `Tài liệu ${quote(doc.title, 60)} được trích dẫn còn thiếu ${missing.join(', ')}: lời trích dẫn in ra sẽ không đủ.`, { blockIndex, passage: around(at), documentId: id });
        }
      };

      const figure = (pageId: number, at: number) => {
        if (!Number.isInteger(pageId) || pageId <= 0) return;
        const page = pageStmt.get(pageId) as { documentId: number } | undefined;
        const doc = page ? documentInfo(page.documentId) : null;
        if (!page || !doc) {
          add('missing-document', 'Ảnh tư liệu lấy từ một trang không còn trong kho lưu trữ: ảnh sẽ bị bỏ khi in.', { blockIndex, passage: around(at) });
          return;
        }
        const secrecy = secrecyOf(doc.metadata);
        if (secrecy) add('secret-document', `Ảnh tư liệu lấy từ tài liệu ${quote(doc.title, 60)} có độ mật «${secrecy}»: cần được phép công bố trước khi in.`, { blockIndex, passage: around(at), documentId: page.documentId });
      };

      const reproduction = (n: RichNode, at: number) => {
        const id = Number(n.attrs?.documentId);
        const label = typeof n.attrs?.label === 'string' ? n.attrs.label : '';
        if (!textOf(n.content).trim()) {
          add('empty-reproduction', `Văn kiện${label ? ` ${quote(label, 60)}` : ''} được chèn vào nhưng chưa có nội dung.`, { blockIndex, passage: around(at) });
        }
        if (!Number.isInteger(id) || id <= 0) return;
        const doc = documentInfo(id);
        if (!doc) {
          add('missing-document', `Văn kiện${label ? ` ${quote(label, 60)}` : ''} lấy từ một tài liệu không còn trong kho lưu trữ: phần đầu và nguồn của nó sẽ không in được.`, {
            blockIndex,
            passage: around(at),
            documentId: id,
          });
          return;
        }
        const secrecy = secrecyOf(doc.metadata);
        if (secrecy) add('secret-document', `Văn kiện ${quote(doc.title, 60)} có độ mật «${secrecy}» được in lại nguyên văn: cần được phép công bố trước khi in.`, { blockIndex, passage: around(at), documentId: id });
      };

      visit(block, false);
    });
  }
  return findings;
}

function safeJson<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}
