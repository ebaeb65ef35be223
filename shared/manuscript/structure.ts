/**
 * The structure of a book (cấu trúc sách) and its generated numbering. Pure: used by the service
 * to validate moves, by the UI to draw the tree and by export to label divisions.
 *
 * A book is three zones in order: front matter (lời giới thiệu, lời nói đầu, chữ viết tắt), the
 * body (parts holding chapters, or chapters directly) and back matter (kết luận, phụ lục, tài liệu
 * tham khảo). Numbering — "Phần thứ nhất", "CHƯƠNG I", "Phụ lục 1" — is derived from the order,
 * never typed into titles. Sections inside a chapter are its headings (I., 1., a)).
 */
import { chapterName, countSection, partLabel } from '../numbering';

export type NodeKind = 'part' | 'chapter' | 'front' | 'back';

/** What a front- or back-matter division is; '' for parts and chapters. */
export type NodeRole =
  | ''
  | 'publisher-note' // Lời Nhà xuất bản
  | 'introduction' // Lời giới thiệu
  | 'preface' // Lời nói đầu
  | 'abbreviations' // Bảng chữ viết tắt
  | 'conclusion' // Kết luận
  | 'appendix' // Phụ lục
  | 'references'; // Tài liệu tham khảo

export const frontRoles = ['publisher-note', 'introduction', 'preface', 'abbreviations'] as const;
export const backRoles = ['conclusion', 'appendix', 'references'] as const;
export const nodeRoles = ['', ...frontRoles, ...backRoles] as const;

/** The default title of a front/back division, as Vietnamese books print it. */
export const roleTitles: Record<Exclude<NodeRole, ''>, string> = {
  'publisher-note': 'Lời Nhà xuất bản',
  introduction: 'Lời giới thiệu',
  preface: 'Lời nói đầu',
  abbreviations: 'Bảng chữ viết tắt',
  conclusion: 'Kết luận',
  appendix: 'Phụ lục',
  references: 'Tài liệu tham khảo',
};

export function kindOfRole(role: NodeRole): NodeKind | null {
  if ((frontRoles as readonly string[]).includes(role)) return 'front';
  if ((backRoles as readonly string[]).includes(role)) return 'back';
  return null;
}

export type ChapterStatus = 'draft' | 'review' | 'approved';
export const chapterStatuses = ['draft', 'review', 'approved'] as const;

/** One heading of a chapter's text: a section (I.), subsection (1.) or sub-subsection (a)). */
export interface OutlineHeading {
  /** 1 = I., 2 = 1., 3 = a) (editor heading levels 2, 3, 4). */
  level: 1 | 2 | 3;
  text: string;
  /** Stable id of the heading node (for cross-references). */
  id?: string;
}

export interface StructureNode {
  id: number;
  parentId: number | null;
  kind: NodeKind;
  role: NodeRole;
  position: number;
}

const zone = (k: NodeKind): number => (k === 'front' ? 0 : k === 'back' ? 2 : 1);

/** Top-level nodes and each node's children, in reading order. */
export function orderTree<T extends StructureNode>(nodes: readonly T[]): { roots: T[]; children: Map<number, T[]> } {
  const children = new Map<number, T[]>();
  const roots: T[] = [];
  for (const n of nodes) {
    if (n.parentId == null) roots.push(n);
    else {
      const list = children.get(n.parentId) ?? [];
      list.push(n);
      children.set(n.parentId, list);
    }
  }
  const byOrder = (a: T, b: T) => zone(a.kind) - zone(b.kind) || a.position - b.position || a.id - b.id;
  roots.sort(byOrder);
  for (const list of children.values()) list.sort(byOrder);
  return { roots, children };
}

/** All nodes in reading order (depth first). */
export function readingOrder<T extends StructureNode>(nodes: readonly T[]): T[] {
  const { roots, children } = orderTree(nodes);
  const out: T[] = [];
  const walk = (list: T[]) => {
    for (const n of list) {
      out.push(n);
      walk(children.get(n.id) ?? []);
    }
  };
  walk(roots);
  return out;
}

export interface NumberingOptions {
  /** "CHƯƠNG I" (roman, default) or "CHƯƠNG 1". */
  chapterStyle?: 'roman' | 'arabic';
  /** Chapters numbered through the whole book (default) or restarting in each part. */
  chapterRestartsPerPart?: boolean;
}

/**
 * The generated label of every node: "Phần thứ nhất", "Chương I", "Phụ lục 1" ('' for
 * unnumbered divisions such as Lời nói đầu or Kết luận). Appendices are numbered only when
 * there are several.
 */
export function structureLabels(nodes: readonly StructureNode[], opts: NumberingOptions = {}): Map<number, string> {
  const labels = new Map<number, string>();
  let part = 0;
  let chapter = 0;
  const appendices = nodes.filter((n) => n.role === 'appendix').length;
  let appendix = 0;
  for (const n of readingOrder(nodes)) {
    if (n.kind === 'part') {
      part += 1;
      if (opts.chapterRestartsPerPart) chapter = 0;
      labels.set(n.id, partLabel(part));
    } else if (n.kind === 'chapter') {
      chapter += 1;
      labels.set(n.id, chapterName(chapter, opts.chapterStyle));
    } else if (n.role === 'appendix' && appendices > 1) {
      appendix += 1;
      labels.set(n.id, `Phụ lục ${appendix}`);
    } else labels.set(n.id, '');
  }
  return labels;
}

/** Labels of a chapter's headings: I., II. › 1., 2. › a), b); counters below a level restart. */
export function headingLabels(levels: readonly (1 | 2 | 3)[]): string[] {
  const counters = [0, 0, 0];
  return levels.map((level) => countSection(counters, level));
}

export interface MoveTarget {
  parentId: number | null;
  /** Index among the new siblings (after removing the node from its old place). */
  index: number;
}

/**
 * Checks whether a node may go to a target place: parts and front/back matter stay at the top
 * level, chapters go at the top level or inside a part, nothing goes inside itself.
 * Returns a Vietnamese reason when not allowed.
 */
export function checkMove(nodes: readonly StructureNode[], id: number, target: MoveTarget): string | null {
  const node = nodes.find((n) => n.id === id);
  if (!node) return 'Không tìm thấy mục cần chuyển.';
  if (target.parentId != null) {
    const parent = nodes.find((n) => n.id === target.parentId);
    if (!parent) return 'Không tìm thấy mục đích.';
    if (parent.kind !== 'part') return 'Chỉ có thể đặt chương vào trong một phần.';
    if (node.kind !== 'chapter') return 'Chỉ chương mới đặt được vào trong một phần.';
  }
  return null;
}

/**
 * The new order of siblings after a move: returns [parentId, ordered ids] for every sibling list
 * that changed. Top-level front/back matter keep their zone whatever index is asked.
 */
export function applyMove(nodes: readonly StructureNode[], id: number, target: MoveTarget): Map<number | null, number[]> {
  const node = nodes.find((n) => n.id === id)!;
  const { roots, children } = orderTree(nodes);
  const siblingsOf = (parentId: number | null) => (parentId == null ? roots : children.get(parentId) ?? []).map((n) => n.id);
  const changed = new Map<number | null, number[]>();
  const from = siblingsOf(node.parentId).filter((x) => x !== id);
  changed.set(node.parentId, from);
  const to = node.parentId === target.parentId ? from : siblingsOf(target.parentId);
  const index = Math.max(0, Math.min(target.index, to.length));
  to.splice(index, 0, id);
  changed.set(target.parentId, to);
  if (target.parentId == null) {
    // Keep the zones in order: front, body, back.
    const kindOf = new Map(nodes.map((n) => [n.id, n.kind] as const));
    const sorted = [...to].sort((a, b) => zone(kindOf.get(a)!) - zone(kindOf.get(b)!));
    changed.set(null, sorted);
  }
  return changed;
}

/**
 * A title typed with the number the book generates ("Chương I. Vùng đất", "CHƯƠNG 2: …",
 * "Phần thứ nhất – …", "II. Bối cảnh", "1. Kinh tế", "a) Nông nghiệp"), without that number:
 * numbering comes from the structure, so a draft's own numbers are dropped on import. `level` is
 * the editor's heading level (1 = a chapter or part title). A title that is only a number, or
 * words like "Chương trình", stays as it is.
 */
export function withoutTypedNumber(title: string, level: 1 | 2 | 3 | 4 = 1): string {
  const t = title.normalize('NFC').trimStart();
  const patterns: Record<number, RegExp> = {
    1: /^(?:chương\s+(?:[ivxlc]+|\d+)|phần\s+(?:thứ\s+)?(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười|[ivxlc]+|\d+))\s*[.:–—-]\s*/iu,
    2: /^[IVXLC]+\.\s+/u,
    3: /^\d+\.\s+/u,
    4: /^[a-zđ]\)\s+/u,
  };
  const m = patterns[level]!.exec(t);
  const rest = m ? t.slice(m[0].length) : '';
  return rest.trim() ? rest : title;
}
