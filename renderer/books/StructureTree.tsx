/**
 * The structure tree of a book: front matter, parts with their chapters, back matter, and the
 * sections (headings) of each chapter. Numbering is generated from the order. Reorder by
 * drag-and-drop or Alt+↑/↓ (Alt+→ puts a chapter into the part above it, Alt+← takes it out);
 * F2 renames; Delete deletes (with undo in the notice that follows).
 */
import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookDetail, BookNodeInfo } from '../../shared/api/manuscript';
import { headingLabels, orderTree, structureLabels } from '../../shared/manuscript/structure';

export interface TreeActions {
  open(node: BookNodeInfo): void;
  rename(node: BookNodeInfo, title: string): void;
  move(node: BookNodeInfo, parentId: number | null, index: number): void;
  remove(node: BookNodeInfo): void;
}

type Drop = { id: number; where: 'before' | 'after' | 'inside' };

export function StructureTree({ book, activeId, actions }: { book: BookDetail; activeId: number | null; actions: TreeActions }) {
  const { t } = useTranslation();
  const labels = useMemo(() => structureLabels(book.nodes), [book.nodes]);
  const { roots, children } = useMemo(() => orderTree(book.nodes), [book.nodes]);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [drop, setDrop] = useState<Drop | null>(null);
  const rowRefs = useRef(new Map<number, HTMLElement>());

  const flat = useMemo(() => {
    const out: BookNodeInfo[] = [];
    for (const r of roots) {
      out.push(r);
      for (const c of children.get(r.id) ?? []) out.push(c);
    }
    return out;
  }, [roots, children]);

  const byId = useMemo(() => new Map(book.nodes.map((n) => [n.id, n] as const)), [book.nodes]);
  const siblingsOf = (n: BookNodeInfo) => (n.parentId == null ? roots : children.get(n.parentId) ?? []);

  const focusRow = (id: number) => setTimeout(() => rowRefs.current.get(id)?.focus(), 0);

  const onKey = (e: KeyboardEvent, n: BookNodeInfo) => {
    if (renaming === n.id) return;
    const i = flat.findIndex((x) => x.id === n.id);
    const sib = siblingsOf(n);
    const si = sib.findIndex((x) => x.id === n.id);
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      const to = si + (e.key === 'ArrowUp' ? -1 : 1);
      const zone = (x: BookNodeInfo) => (x.kind === 'front' ? 0 : x.kind === 'back' ? 2 : 1);
      if (to >= 0 && to < sib.length && zone(sib[to]!) === zone(n)) actions.move(n, n.parentId, to);
      focusRow(n.id);
    } else if (e.altKey && e.key === 'ArrowRight' && n.kind === 'chapter' && n.parentId == null) {
      e.preventDefault();
      const above = [...sib.slice(0, si)].reverse().find((x) => x.kind === 'part');
      if (above) actions.move(n, above.id, (children.get(above.id) ?? []).length);
      focusRow(n.id);
    } else if (e.altKey && e.key === 'ArrowLeft' && n.parentId != null) {
      e.preventDefault();
      const parentIndex = roots.findIndex((x) => x.id === n.parentId);
      actions.move(n, null, parentIndex + 1);
      focusRow(n.id);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = flat[i + (e.key === 'ArrowDown' ? 1 : -1)];
      if (next) rowRefs.current.get(next.id)?.focus();
    } else if (e.key === 'F2') {
      e.preventDefault();
      setRenaming(n.id);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      actions.remove(n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (n.kind !== 'part') actions.open(n);
    }
  };

  const dropPlace = (e: DragEvent, n: BookNodeInfo): Drop => {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const y = (e.clientY - r.top) / r.height;
    const dragged = dragging != null ? byId.get(dragging) : undefined;
    if (n.kind === 'part' && dragged?.kind === 'chapter' && y > 0.3 && y < 0.7) return { id: n.id, where: 'inside' };
    return { id: n.id, where: y < 0.5 ? 'before' : 'after' };
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const dragged = dragging != null ? byId.get(dragging) : undefined;
    setDragging(null);
    setDrop(null);
    if (!dragged || !drop || drop.id === dragged.id) return;
    const target = byId.get(drop.id)!;
    if (drop.where === 'inside') {
      actions.move(dragged, target.id, (children.get(target.id) ?? []).filter((c) => c.id !== dragged.id).length);
      return;
    }
    // A chapter dropped next to a chapter inside a part joins that part; anything else stays top level.
    const parentId = dragged.kind === 'chapter' ? target.parentId : target.parentId == null ? null : byId.get(target.parentId)!.parentId;
    const anchor = parentId === target.parentId ? target : byId.get(target.parentId!)!;
    const sib = (parentId == null ? roots : children.get(parentId) ?? []).filter((x) => x.id !== dragged.id);
    let index = sib.findIndex((x) => x.id === anchor.id);
    if (drop.where === 'after') index += 1;
    actions.move(dragged, parentId, Math.max(0, index));
  };

  const row = (n: BookNodeInfo, depth: number) => {
    const label = labels.get(n.id) ?? '';
    const isChapter = n.kind === 'chapter';
    const active = n.id === activeId;
    const cls = ['tree-row', `tree-${n.kind}`, active ? 'active' : '', dragging === n.id ? 'dragging' : '', drop?.id === n.id ? `drop-${drop.where}` : ''].filter(Boolean).join(' ');
    const sections = n.outline.length ? headingLabels(n.outline.map((h) => h.level)) : [];
    return (
      <li key={n.id} role="treeitem" aria-level={depth + 1} aria-selected={active} aria-expanded={n.kind === 'part' ? true : undefined}>
        <div
          ref={(el) => {
            if (el) rowRefs.current.set(n.id, el);
            else rowRefs.current.delete(n.id);
          }}
          className={cls}
          style={{ paddingLeft: 8 + depth * 16 }}
          tabIndex={active || (activeId == null && n === flat[0]) ? 0 : -1}
          draggable={renaming !== n.id}
          data-testid={isChapter ? 'chapter-item' : 'node-item'}
          data-node-id={n.id}
          data-kind={n.kind}
          onClick={() => n.kind !== 'part' && actions.open(n)}
          onDoubleClick={() => setRenaming(n.id)}
          onKeyDown={(e) => onKey(e, n)}
          onDragStart={(e) => {
            setDragging(n.id);
            e.dataTransfer.effectAllowed = 'move';
            e.dataTransfer.setData('text/plain', String(n.id));
          }}
          onDragEnd={() => {
            setDragging(null);
            setDrop(null);
          }}
          onDragOver={(e) => {
            if (dragging == null) return;
            e.preventDefault();
            setDrop(dropPlace(e, n));
          }}
          onDrop={onDrop}
        >
          <span className="tree-grip" aria-hidden="true">⋮⋮</span>
          <span className="tree-text">
            {label && <span className="tree-label">{label}</span>}
            {renaming === n.id ? (
              <input
                className="tree-rename"
                defaultValue={n.title}
                autoFocus
                aria-label={t('structure.rename')}
                onClick={(e) => e.stopPropagation()}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    const v = e.currentTarget.value.trim();
                    setRenaming(null);
                    if (v && v !== n.title) actions.rename(n, v);
                    focusRow(n.id);
                  } else if (e.key === 'Escape') {
                    setRenaming(null);
                    focusRow(n.id);
                  }
                }}
                onBlur={(e) => {
                  const v = e.currentTarget.value.trim();
                  setRenaming(null);
                  if (v && v !== n.title) actions.rename(n, v);
                }}
              />
            ) : (
              <span className={`tree-title${n.kind === 'part' ? ' caps' : ''}`}>{n.title}</span>
            )}
          </span>
          {n.kind !== 'part' && n.status !== 'draft' && <span className={`status-dot status-${n.status}`} title={t(`chapterStatus.${n.status}`)} />}
        </div>
        {sections.length > 0 && active && (
          <ol className="tree-sections" aria-label={t('structure.sections')}>
            {n.outline.map((h, i) => (
              <li key={i} className={`tree-section level-${h.level}`}>
                <span className="tree-label">{sections[i]}</span> {h.text || '…'}
              </li>
            ))}
          </ol>
        )}
        {n.kind === 'part' && (
          <ul role="group" className="tree-children">
            {(children.get(n.id) ?? []).map((c) => row(c, depth + 1))}
            {(children.get(n.id) ?? []).length === 0 && <li className="tree-empty muted">{t('structure.emptyPart')}</li>}
          </ul>
        )}
      </li>
    );
  };

  return (
    <ul className="tree" role="tree" aria-label={t('books.chapters')}>
      {roots.map((n) => row(n, 0))}
    </ul>
  );
}
