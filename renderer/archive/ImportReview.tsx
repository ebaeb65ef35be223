/**
 * The review before an import: the files of a drop or a selection as the documents they would
 * make (page sets found by name, by folder, or each file alone), which the user merges, splits,
 * renames and rearranges (a file dragged to another group) before anything is imported.
 *
 * Shown when the names show page sets (trang1, trang2…) or when the user asked to review every
 * import; a folder imported "one document per folder" is what was asked and goes straight in.
 * Browser mode groups the dropped files by their relative paths here, before sending them; the
 * desktop asks the host to walk the folders (archive.planImport).
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { compareNatural, groupsAnything, proposeGroups, splitPath, titleForFiles, type ImportFile, type ImportGrouping } from '../../shared/archive/pageSets';
import { api } from '../platform/platform';
import { Dialog } from '../shell/Dialog';
import { Icon } from '../shell/Icon';
import type { ImportGroupChoice, ImportPlanChoice, ImportSource } from './importFiles';
import './pageSets.css';

const REVIEW_PREF = 'suquan.archive.reviewImports';
/** Groups and files drawn at most (all of them are imported). */
const SHOWN_GROUPS = 300;
const SHOWN_FILES = 48;
/** Files given a preview image at most (browser mode: the dropped files themselves). */
const PREVIEWS = 240;

interface Group {
  key: number;
  /** null: the document takes the file's own title. */
  title: string | null;
  /** The user typed the title: merging and splitting keep it. */
  edited: boolean;
  paths: string[];
}

let groupKey = 0;
const toGroups = (groups: { title: string | null; paths: string[] }[]): Group[] => groups.map((g) => ({ key: ++groupKey, title: g.title, edited: false, paths: g.paths }));

/** Files of a drop (browser: relative paths) or of the paths given (desktop: walked by the host). */
async function filesOf(source: ImportSource): Promise<ImportFile[]> {
  if (source.kind === 'items') return source.items.map((it) => ({ path: it.relPath, inFolder: it.relPath.includes('/') }));
  return (await api.archive.planImport({ paths: source.paths, grouping: 'file' })).files;
}

export function reviewEveryImport(): boolean {
  return localStorage.getItem(REVIEW_PREF) === '1';
}

/** The import option "review page grouping" (every import of several files is reviewed). */
export function ReviewOption() {
  const { t } = useTranslation();
  const [on, setOn] = useState(reviewEveryImport);
  return (
    <label className="check" title={t('pageSets.alwaysReviewHint')}>
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => {
          setOn(e.target.checked);
          localStorage.setItem(REVIEW_PREF, e.target.checked ? '1' : '0');
        }}
        data-testid="review-imports"
      />
      {t('pageSets.alwaysReview')}
    </label>
  );
}

/**
 * Asks how the files of an import become documents: resolves with the choice, or null when the
 * user cancelled. `dialog` is to be rendered by the view.
 */
export function useImportReview(): { ask(source: ImportSource, opts: { folderAsDocument: boolean }): Promise<ImportPlanChoice | null>; dialog: ReactNode } {
  const [open, setOpen] = useState<{ source: ImportSource; files: ImportFile[]; grouping: ImportGrouping; resolve(c: ImportPlanChoice | null): void } | null>(null);
  const ask = useCallback(async (source: ImportSource, opts: { folderAsDocument: boolean }): Promise<ImportPlanChoice | null> => {
    // One folder per document was asked for: nothing to guess.
    if (opts.folderAsDocument && !reviewEveryImport()) return { grouping: 'folder' };
    let files: ImportFile[];
    try {
      files = await filesOf(source);
    } catch {
      // Planning is a help, never a gate: the import itself reports what it cannot read.
      return { grouping: opts.folderAsDocument ? 'folder' : 'file' };
    }
    const grouping: ImportGrouping = opts.folderAsDocument ? 'folder' : 'name';
    const worth = files.length > 1 && (reviewEveryImport() || groupsAnything(proposeGroups(files, grouping)));
    if (!worth) return { grouping: opts.folderAsDocument ? 'folder' : 'file' };
    return new Promise((resolve) => setOpen({ source, files, grouping, resolve }));
  }, []);
  const dialog = open ? (
    <ImportReview
      source={open.source}
      files={open.files}
      initialGrouping={open.grouping}
      onCancel={() => {
        setOpen(null);
        open.resolve(null);
      }}
      onImport={(groups) => {
        setOpen(null);
        open.resolve({ groups });
      }}
    />
  ) : null;
  return { ask, dialog };
}

export function ImportReview({
  source,
  files,
  initialGrouping,
  onCancel,
  onImport,
}: {
  source: ImportSource;
  files: ImportFile[];
  initialGrouping: ImportGrouping;
  onCancel(): void;
  onImport(groups: ImportGroupChoice[]): void;
}) {
  const { t } = useTranslation();
  const [grouping, setGrouping] = useState(initialGrouping);
  const [groups, setGroups] = useState<Group[]>(() => toGroups(proposeGroups(files, initialGrouping)));
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [dragging, setDragging] = useState<{ from: number; path: string } | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const byPath = useMemo(() => new Map(files.map((f) => [f.path, f])), [files]);
  const autoTitle = useCallback((paths: string[]) => (paths.length > 1 ? titleForFiles(paths.map((p) => byPath.get(p) ?? { path: p, inFolder: false })) : null), [byPath]);
  const previews = usePreviews(source);

  const regroup = (g: ImportGrouping) => {
    setGrouping(g);
    setGroups(toGroups(proposeGroups(files, g)));
    setSelected(new Set());
  };
  /** A group whose files changed: its title follows unless the user typed one. */
  const remade = (g: Group, paths: string[]): Group => ({ ...g, paths, title: g.edited ? g.title : autoTitle(paths) });

  const mergeSelected = () => {
    const chosen = groups.filter((g) => selected.has(g.key));
    if (chosen.length < 2) return;
    const first = chosen[0]!;
    const merged = remade(first, chosen.flatMap((g) => g.paths));
    setGroups(groups.flatMap((g) => (g.key === first.key ? [merged] : selected.has(g.key) ? [] : [g])));
    setSelected(new Set());
  };
  const split = (key: number, at: number) =>
    setGroups(
      groups.flatMap((g) => {
        if (g.key !== key) return [g];
        const rest = g.paths.slice(at);
        return [remade(g, g.paths.slice(0, at)), { key: ++groupKey, edited: false, title: autoTitle(rest), paths: rest }];
      }),
    );
  const splitAll = (key: number) =>
    setGroups(groups.flatMap((g) => (g.key !== key ? [g] : g.paths.map((p, i) => (i === 0 ? remade(g, [p]) : { key: ++groupKey, edited: false, title: null, paths: [p] })))));
  const moveFile = (path: string, from: number, to: number) => {
    if (from === to) return;
    setGroups(
      groups.flatMap((g) => {
        if (g.key === from) return g.paths.length === 1 ? [] : [remade(g, g.paths.filter((p) => p !== path))];
        if (g.key === to) return [remade(g, [...g.paths, path])];
        return [g];
      }),
    );
  };
  const rename = (key: number, title: string) => setGroups(groups.map((g) => (g.key === key ? { ...g, title: title.trim() ? title : g.paths.length > 1 ? title : null, edited: true } : g)));

  const name = (p: string) => splitPath(p).base;
  const folderOf = (p: string) => splitPath(p).dir;
  const shown = groups.slice(0, SHOWN_GROUPS);
  return (
    <Dialog title={t('pageSets.reviewTitle')} className="review-dialog" testId="import-review" onClose={onCancel}>
      <div className="review-head">
        <p className="muted review-summary" data-testid="review-summary">
          {t('pageSets.reviewSummary', { files: files.length, count: groups.length })}
        </p>
        <div className="review-grouping" role="radiogroup" aria-label={t('pageSets.groupBy')}>
          <span className="muted">{t('pageSets.groupBy')}:</span>
          {(['name', 'folder', 'file'] as const).map((g) => (
            <label key={g} className={`review-mode${grouping === g ? ' on' : ''}`}>
              <input type="radio" name="review-grouping" checked={grouping === g} onChange={() => regroup(g)} data-testid={`review-grouping-${g}`} />
              {t(g === 'name' ? 'pageSets.groupByName' : g === 'folder' ? 'pageSets.groupByFolder' : 'pageSets.groupByFile')}
            </label>
          ))}
        </div>
      </div>
      <p className="muted small review-hint">{t('pageSets.reviewHint')}</p>
      <ol className="review-groups">
        {shown.map((g, gi) => (
          <li
            key={g.key}
            className={`review-group${selected.has(g.key) ? ' selected' : ''}${over === g.key ? ' drop-target' : ''}`}
            data-testid="review-group"
            onDragEnter={(e) => {
              if (!dragging || dragging.from === g.key) return;
              e.preventDefault();
              setOver(g.key);
            }}
            onDragOver={(e) => {
              if (!dragging || dragging.from === g.key) return;
              e.preventDefault();
              setOver(g.key);
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === g.key ? null : o));
            }}
            onDrop={(e) => {
              e.preventDefault();
              e.stopPropagation();
              if (dragging) moveFile(dragging.path, dragging.from, g.key);
              setDragging(null);
              setOver(null);
            }}
          >
            <div className="review-group-head">
              <input
                type="checkbox"
                checked={selected.has(g.key)}
                aria-label={t('pageSets.selectGroup')}
                title={t('pageSets.selectGroup')}
                onChange={(e) => {
                  const next = new Set(selected);
                  if (e.target.checked) next.add(g.key);
                  else next.delete(g.key);
                  setSelected(next);
                }}
                data-testid="review-select"
              />
              <span className="review-no">{gi + 1}</span>
              <input
                className="review-title"
                value={g.title ?? ''}
                placeholder={g.paths.length === 1 ? `${t('pageSets.ownTitle')}: ${name(g.paths[0]!)}` : ''}
                aria-label={t('pageSets.titleLabel')}
                onChange={(e) => rename(g.key, e.target.value)}
                data-testid="review-title"
              />
              <span className="review-count" data-testid="review-count">
                {t('pageSets.files', { count: g.paths.length })}
              </span>
              {g.paths.length > 1 && (
                <button type="button" className="link-button review-split-all" onClick={() => splitAll(g.key)} data-testid="review-split-all">
                  {t('pageSets.splitAll')}
                </button>
              )}
            </div>
            <ol className="review-files" title={t('pageSets.dragFileHint')}>
              {g.paths.slice(0, SHOWN_FILES).map((p, i) => (
                <li key={p} className="review-file-slot">
                  {i > 0 && (
                    <button type="button" className="review-cut" title={t('pageSets.splitHere')} aria-label={`${t('pageSets.splitHere')}: ${name(p)}`} onClick={() => split(g.key, i)} data-testid="review-split">
                      ✂
                    </button>
                  )}
                  <span
                    className="review-file"
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.effectAllowed = 'move';
                      e.dataTransfer.setData('text/plain', name(p));
                      setDragging({ from: g.key, path: p });
                    }}
                    onDragEnd={() => {
                      setDragging(null);
                      setOver(null);
                    }}
                    title={p}
                    data-testid="review-file"
                  >
                    {previews.get(p) ? <img src={previews.get(p)} alt="" draggable={false} /> : <Icon name="file" size={22} />}
                    <span className="review-file-name">{name(p)}</span>
                    {folderOf(p) && grouping !== 'folder' && <span className="review-file-dir">{splitPath(folderOf(p)).base}</span>}
                  </span>
                </li>
              ))}
              {g.paths.length > SHOWN_FILES && <li className="muted small review-more">{t('pageSets.moreFiles', { count: g.paths.length - SHOWN_FILES })}</li>}
            </ol>
          </li>
        ))}
        {groups.length > SHOWN_GROUPS && <li className="muted review-more">{t('pageSets.moreGroups', { count: groups.length - SHOWN_GROUPS })}</li>}
      </ol>
      <div className="actions review-actions">
        <button type="button" onClick={mergeSelected} disabled={selected.size < 2} data-testid="review-merge">
          <Icon name="merge" size={16} /> {selected.size >= 2 ? t('pageSets.mergeSelected', { count: selected.size }) : t('pageSets.mergeGroups')}
        </button>
        <span className="toolbar-spacer" />
        <button type="button" onClick={onCancel}>
          {t('archive.cancelButton')}
        </button>
        <button
          type="button"
          className="primary"
          autoFocus
          onClick={() => onImport(groups.map((g) => ({ title: g.title?.trim() ? g.title.trim() : null, paths: g.paths })))}
          data-testid="review-import"
        >
          {t('pageSets.importGroups', { count: groups.length })}
        </button>
      </div>
    </Dialog>
  );
}

/** Preview images of the dropped files (browser mode; JPEG and PNG, the first few hundred). */
function usePreviews(source: ImportSource): Map<string, string> {
  const [urls, setUrls] = useState<Map<string, string>>(() => new Map());
  useEffect(() => {
    if (source.kind !== 'items') return;
    const made = new Map<string, string>();
    const images = source.items.filter((it) => /^image\/(jpeg|png|gif|webp)$/.test(it.file.type)).sort((a, b) => compareNatural(a.relPath, b.relPath));
    for (const it of images.slice(0, PREVIEWS)) made.set(it.relPath, URL.createObjectURL(it.file));
    setUrls(made);
    return () => {
      for (const u of made.values()) URL.revokeObjectURL(u);
    };
  }, [source]);
  return urls;
}
