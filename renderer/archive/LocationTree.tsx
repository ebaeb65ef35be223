/**
 * The archive as archivists shelve it: phông → mục lục → hộp → hồ sơ, each node with how many
 * documents it holds, loaded one level at a time (`catalogue.tree`) when a node is opened.
 * Documents with no value at a level are counted as "(chưa xếp)" and can be chosen too (to place
 * them with a batch edit). Choosing a node narrows the view (grid and catalogue) to it; choosing
 * it again, or "Tất cả", widens it back.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { UNPLACED, type CatalogueTreeLevel } from '../../shared/api/catalogue';

export { UNPLACED };
import { api } from '../platform/platform';

/** fond, inventory, box, file — as many as chosen. */
export type LocationPath = string[];

const LEVELS = ['fond', 'inventory', 'box', 'file'] as const;
/** The value a location filter takes for "no value at this level" (the catalogue service's convention). */
const keyOf = (path: LocationPath) => path.join('\u0000');

export function LocationTree({ version, selected, onSelect }: { version: number; selected: LocationPath; onSelect(path: LocationPath): void }) {
  const { t, i18n } = useTranslation();
  const [levels, setLevels] = useState<Map<string, CatalogueTreeLevel>>(new Map());
  const [open, setOpen] = useState<Set<string>>(() => new Set(selected.slice(0, -1).map((_, i) => keyOf(selected.slice(0, i + 1)))));
  const [error, setError] = useState<string | null>(null);
  const loaded = useRef(new Set<string>());

  const load = useCallback(async (path: LocationPath) => {
    try {
      const level = await api.catalogue.tree({ path });
      setLevels((m) => new Map(m).set(keyOf(path), level));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  // The root, and every level already opened again when documents changed.
  useEffect(() => {
    const paths = [[] as LocationPath, ...[...loaded.current].filter(Boolean).map((k) => k.split('\u0000'))];
    loaded.current = new Set(paths.map(keyOf));
    for (const p of paths) void load(p);
  }, [version, load]);

  const toggle = (path: LocationPath) => {
    const k = keyOf(path);
    const next = new Set(open);
    if (next.has(k)) next.delete(k);
    else {
      next.add(k);
      if (!loaded.current.has(k)) {
        loaded.current.add(k);
        void load(path);
      }
    }
    setOpen(next);
  };

  // Open the levels down to a selection made elsewhere (a saved search).
  useEffect(() => {
    for (let i = 1; i < selected.length; i++) {
      const p = selected.slice(0, i);
      const k = keyOf(p);
      if (!loaded.current.has(k)) {
        loaded.current.add(k);
        void load(p);
      }
      setOpen((o) => (o.has(k) ? o : new Set(o).add(k)));
    }
  }, [keyOf(selected), load]);

  const label = (depth: number, value: string) => nodeLabel(depth, value, t);

  const isSelected = (path: LocationPath) => keyOf(path) === keyOf(selected);

  const onKey = (e: KeyboardEvent, path: LocationPath, leaf: boolean) => {
    const k = keyOf(path);
    if (e.key === 'ArrowRight' && !leaf && !open.has(k)) (e.preventDefault(), toggle(path));
    else if (e.key === 'ArrowLeft' && !leaf && open.has(k)) (e.preventDefault(), toggle(path));
  };

  const renderLevel = (path: LocationPath) => {
    const level = levels.get(keyOf(path));
    if (!level) return <div className="loc-tree-loading muted">{t('archive.loading')}</div>;
    const depth = path.length;
    const leaf = depth === LEVELS.length - 1;
    return (
      <ul role="group" className="loc-tree-level">
        {level.children.map((c) => {
          const p = [...path, c.value];
          const k = keyOf(p);
          const expanded = open.has(k);
          return (
            <li key={c.value} role="treeitem" aria-expanded={leaf ? undefined : expanded} aria-selected={isSelected(p)} aria-level={depth + 1}>
              <div className={`loc-tree-row${isSelected(p) ? ' selected' : ''}`} style={{ paddingLeft: 4 + depth * 14 }}>
                {leaf ? (
                  <span className="loc-tree-twisty" />
                ) : (
                  <button type="button" className="loc-tree-twisty" onClick={() => toggle(p)} aria-label={expanded ? t('catalogue.collapse') : t('catalogue.expand')} tabIndex={-1}>
                    {expanded ? '▾' : '▸'}
                  </button>
                )}
                <button type="button" className="loc-tree-node" onClick={() => onSelect(isSelected(p) ? path : p)} onKeyDown={(e) => onKey(e, p, leaf)} title={c.value} data-testid="tree-node" data-level={LEVELS[depth]}>
                  <span className="loc-tree-label">{label(depth, c.value)}</span>
                  <span className="loc-tree-count">{formatCount(c.documents, i18n.language)}</span>
                </button>
              </div>
              {!leaf && expanded && renderLevel(p)}
            </li>
          );
        })}
        {level.unplaced > 0 && (
          <li role="treeitem" aria-level={depth + 1} aria-selected={isSelected([...path, UNPLACED])}>
            <div className={`loc-tree-row unplaced${isSelected([...path, UNPLACED]) ? ' selected' : ''}`} style={{ paddingLeft: 4 + depth * 14 }}>
              <span className="loc-tree-twisty" />
              <button
                type="button"
                className="loc-tree-node"
                title={t('catalogue.unplacedHint')}
                onClick={() => onSelect(isSelected([...path, UNPLACED]) ? path : [...path, UNPLACED])}
                data-testid="tree-unplaced"
              >
                <span className="loc-tree-label">{t('catalogue.unplaced')}</span>
                <span className="loc-tree-count">{formatCount(level.unplaced, i18n.language)}</span>
              </button>
            </div>
          </li>
        )}
        {level.children.length === 0 && level.unplaced === 0 && <li className="loc-tree-loading muted">{t('catalogue.treeEmpty')}</li>}
      </ul>
    );
  };

  return (
    <nav className="location-tree" aria-label={t('catalogue.tree')} data-testid="location-tree">
      <div className="loc-tree-head">
        <span>{t('catalogue.tree')}</span>
      </div>
      <div className="loc-tree-scroll" role="tree" aria-label={t('catalogue.tree')}>
        <div className={`loc-tree-row all${selected.length === 0 ? ' selected' : ''}`}>
          <button type="button" className="loc-tree-node" onClick={() => onSelect([])} data-testid="tree-all">
            <span className="loc-tree-label">{t('catalogue.treeAll')}</span>
          </button>
        </div>
        {error ? <div className="loc-tree-loading error">{error}</div> : renderLevel([])}
      </div>
    </nav>
  );
}

/** A node as shown: "Mục lục 1", "Hộp 3", "Hồ sơ 12" for bare numbers, "(chưa xếp)" for the unplaced. */
export function nodeLabel(depth: number, value: string, t: TFunction): string {
  if (value === UNPLACED) return t('catalogue.unplaced');
  const level = LEVELS[depth]!;
  return level === 'fond' || !/^\d/u.test(value) ? value : t(`catalogue.treeLevel.${level}`, { value });
}

/** A count as the UI language writes it ("21.340" in Vietnamese, "21,340" in English). */
export function formatCount(n: number, language: string): string {
  return n.toLocaleString(language === 'en' ? 'en-US' : 'vi-VN');
}
