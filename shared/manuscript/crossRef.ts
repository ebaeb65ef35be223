/**
 * Cross-references (tham chiếu chéo): what a reference can point at and how it reads today.
 * A reference holds only the target's id — `node-<id>` for a part or chapter, the heading's own
 * id for a section — so moving, renumbering or renaming the target changes what it displays,
 * never what it points at. Pure: used by the editor (display) and kept in step with the
 * typesetter's anchors (bookModel gives chapters `node-<id>` and headings their id).
 */
import { headingLabels, readingOrder, structureLabels, type OutlineHeading, type StructureNode } from './structure';

export type CrossRefShow = 'full' | 'number' | 'title' | 'page';
export const crossRefShows = ['full', 'number', 'title', 'page'] as const;

export interface CrossRefTarget {
  id: string;
  /** "Chương II", "Phần thứ nhất", "II.", "1.", "a)"; '' for unnumbered divisions. */
  number: string;
  title: string;
  /** 0 = part, 1 = chapter or front/back matter, 2–4 = headings. */
  depth: number;
  /** For a heading: the label (or title) of the chapter it is in. */
  within: string;
}

export interface TargetNode extends StructureNode {
  title: string;
  outline: OutlineHeading[];
}

export const nodeTargetId = (nodeId: number) => `node-${nodeId}`;

/** Every part, chapter and heading of a book in reading order, with its current number. */
export function crossRefTargets(nodes: readonly TargetNode[]): CrossRefTarget[] {
  const labels = structureLabels(nodes);
  const out: CrossRefTarget[] = [];
  for (const n of readingOrder(nodes)) {
    const number = labels.get(n.id) ?? '';
    out.push({ id: nodeTargetId(n.id), number, title: n.title, depth: n.kind === 'part' ? 0 : 1, within: '' });
    const numbers = headingLabels(n.outline.map((h) => h.level));
    n.outline.forEach((h, i) => {
      if (h.id) out.push({ id: h.id, number: numbers[i]!, title: h.text, depth: h.level + 1, within: number || n.title });
    });
  }
  return out;
}

/** The text a reference shows for its target now; null when the target no longer exists. */
export function crossRefText(target: CrossRefTarget | undefined, show: CrossRefShow): string | null {
  if (!target) return null;
  const inChapter = target.depth >= 2 && target.within ? ` (${target.within})` : '';
  switch (show) {
    case 'number':
      return (target.number || target.title) + inChapter;
    case 'title':
      return target.title;
    case 'page':
      return `tr. [${target.number || target.title}]`;
    default:
      return [target.number, target.title].filter(Boolean).join(' ') + inChapter;
  }
}
