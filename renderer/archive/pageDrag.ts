/**
 * Pages and documents dragged onto other documents: a page from the viewer's page strip onto a
 * document (the viewer's list of other documents, or a card in the grid), a card onto another card
 * (every page of it moves there: a merge). What is being dragged is kept here while the drag lasts
 * (a drag-over cannot read the dragged data), and every move goes through `moveInto`, which says
 * what it did and offers to undo the removal of a document it emptied.
 */
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchiveDocument, RemovedDocument } from '../../shared/api/archive';
import { api } from '../platform/platform';
import { useStatus } from '../shell/status';
import { offerUndo } from './undoRemoval';

/** The data type of a page dragged from the viewer's strip (its id). */
export const PAGE_TYPE = 'application/x-suquan-page';
/** The data type of document cards dragged in the grid (their ids, JSON). */
export const DOCUMENTS_TYPE = 'application/x-suquan-documents';

export type Dragged = { kind: 'pages'; documentId: number; pageIds: number[] } | { kind: 'documents'; ids: number[] };

let dragged: Dragged | null = null;

export function startDrag(e: DragEvent, what: Dragged): void {
  dragged = what;
  e.dataTransfer.effectAllowed = 'move';
  if (what.kind === 'pages') e.dataTransfer.setData(PAGE_TYPE, what.pageIds.join(','));
  else e.dataTransfer.setData(DOCUMENTS_TYPE, JSON.stringify(what.ids));
}

export function endDrag(): void {
  dragged = null;
}

export function currentDrag(): Dragged | null {
  return dragged;
}

/** Whether what is being dragged can be dropped on this document (not on itself). */
export function canDropOn(documentId: number): boolean {
  if (!dragged) return false;
  return dragged.kind === 'pages' ? dragged.documentId !== documentId : dragged.ids.some((id) => id !== documentId);
}

export interface MoveDone {
  target: ArchiveDocument;
  removed: RemovedDocument[];
  pageIds: number[];
}

type T = ReturnType<typeof useTranslation>['t'];

/**
 * Moves what was dragged to the end of the target: pages, or every page of the documents (in
 * their order). Says what it did in the undo toast, with "Hoàn tác" when documents were emptied.
 */
export async function moveInto(targetId: number, what: Dragged, t: T): Promise<MoveDone> {
  let pageIds: number[];
  let from: number[];
  if (what.kind === 'pages') {
    pageIds = what.pageIds;
    from = [what.documentId];
  } else {
    from = what.ids.filter((id) => id !== targetId);
    pageIds = [];
    for (const id of from) pageIds.push(...(await api.archive.getDocument({ id })).pages.map((p) => p.id));
  }
  const r = await api.archive.movePages({ pageIds, toDocumentId: targetId });
  const moved = what.kind === 'documents' && from.length === 1 ? t('pageSets.merged', { from: from[0], id: targetId }) : t('pageSets.moved', { count: pageIds.length, id: targetId });
  const removed = r.removed.length ? ` ${t('pageSets.removed', { count: r.removed.length, ids: r.removed.map((d) => d.id).join(', ') })}` : '';
  offerUndo(moved + removed, r.removed);
  return { target: r.target, removed: r.removed, pageIds };
}

/**
 * Grid cards as drag sources and drop targets: a card dragged (with the other selected cards, when
 * it is one of them) onto another card moves all their pages there.
 */
export function useCardDrop(selectedIds: number[], onMoved: (targetId: number) => void) {
  const { t } = useTranslation();
  const { setNotice } = useStatus();
  const [over, setOver] = useState<number | null>(null);
  /** Something that can go to this document is over its card: accepted (enter and over alike), the card lit. */
  const accept = (e: DragEvent<HTMLElement>, id: number) => {
    if (!canDropOn(id)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (over !== id) setOver(id);
  };
  const props = (id: number) => ({
    draggable: true,
    onDragStart: (e: DragEvent<HTMLElement>) => startDrag(e, { kind: 'documents', ids: selectedIds.includes(id) ? selectedIds : [id] }),
    onDragEnd: () => {
      endDrag();
      setOver(null);
    },
    onDragEnter: (e: DragEvent<HTMLElement>) => accept(e, id),
    onDragOver: (e: DragEvent<HTMLElement>) => accept(e, id),
    onDragLeave: (e: DragEvent<HTMLElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === id ? null : o));
    },
    onDrop: (e: DragEvent<HTMLElement>) => {
      const what = currentDrag();
      if (!what || !canDropOn(id)) return;
      e.preventDefault();
      e.stopPropagation();
      endDrag();
      setOver(null);
      void moveInto(id, what, t).then(
        () => onMoved(id),
        (err: Error) => setNotice(err.message, 'error'),
      );
    },
    'data-drop-target': over === id ? 'true' : undefined,
    'aria-dropeffect': (dragged && canDropOn(id) ? 'move' : undefined) as 'move' | undefined,
  });
  return { over, props };
}
