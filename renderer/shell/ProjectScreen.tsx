import { Fragment, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectInfo } from '../../shared/api/project';
import { printable } from '../../shared/text/controlChars';
import { api } from '../platform/platform';
import { BrandMark } from './BrandMark';
import { Icon } from './Icon';

/** A folder name from a project title: the title itself, minus what file systems refuse and control characters. */
function folderNameFor(title: string): string {
  const clean = printable(title).normalize('NFC').replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return clean ? `${clean}.suquan` : '';
}

function joinPath(parent: string, name: string): string {
  const sep = parent.includes('\\') && !parent.includes('/') ? '\\' : '/';
  return parent.endsWith(sep) ? parent + name : parent + sep + name;
}

/** A project's name from its path: the last folder without ".suquan" ("…/Đảng bộ (1949–2025).suquan" → "Đảng bộ (1949–2025)"). */
function folderOf(p: string): string {
  const parts = p.split(/[\\/]+/).filter(Boolean);
  const last = printable(parts[parts.length - 1] ?? p);
  return last.replace(/\.suquan$/i, '') || last;
}

/** A path that may wrap after its separators, never inside a folder's name or a year. */
function breakablePath(p: string): ReactNode[] {
  return printable(p).split(/(?<=[\\/])/).map((piece, i) => (
    <Fragment key={i}>
      {piece}
      <wbr />
    </Fragment>
  ));
}

export function ProjectScreen({ onOpen }: { onOpen(p: ProjectInfo): void }) {
  const { t } = useTranslation();
  const [defaultParent, setDefaultParent] = useState('');
  const [recent, setRecent] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [folder, setFolder] = useState('');
  const [folderTouched, setFolderTouched] = useState(false);
  const [openPath, setOpenPath] = useState('');
  const [archiveFile, setArchiveFile] = useState('');
  const [restoreTo, setRestoreTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** A project another process holds: the path, so it can be opened for reading instead. */
  const [held, setHeld] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.project.locations({}).then((l) => {
      setDefaultParent(l.defaultParent);
      setRecent(l.recent);
    });
  }, []);

  useEffect(() => {
    if (!folderTouched && defaultParent) setFolder(title.trim() ? joinPath(defaultParent, folderNameFor(title)) : '');
  }, [title, defaultParent, folderTouched]);

  async function run(action: () => Promise<ProjectInfo>, heldPath: string | null = null) {
    setBusy(true);
    setError(null);
    setHeld(null);
    try {
      onOpen(await action());
    } catch (e) {
      setError((e as Error).message);
      if ((e as { code?: string }).code === 'project.locked') setHeld(heldPath);
    } finally {
      setBusy(false);
    }
  }

  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.project.create({ path: folder, title }));
  };
  const open = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.project.open({ path: openPath }), openPath);
  };

  /** A whole-project backup file restored into a new folder (every member checked), then opened. */
  const restoreArchive = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const restored = await api.backup.importArchive({ file: archiveFile, to: restoreTo });
      return api.project.open({ path: restored.path });
    });
  };

  return (
    <div className="welcome">
      <header className="welcome-head">
        <BrandMark large />
        <div>
          <h1>{t('project.welcome')}</h1>
          <p className="lead">{t('project.intro')}</p>
        </div>
      </header>
      {error && (
        <div className="alert" role="alert">
          <Icon name="alert" /> <span className="alert-text">{error}</span>
          {held && (
            <button type="button" data-testid="open-read-only" onClick={() => void run(() => api.project.open({ path: held, mode: 'read' }))}>
              {t('project.openReadOnly')}
            </button>
          )}
        </div>
      )}
      <div className="welcome-grid">
        <form className="card" onSubmit={create} aria-labelledby="create-h">
          <h2 id="create-h">
            <Icon name="plus" /> {t('project.create')}
          </h2>
          <label className="field">
            <span>{t('project.title')}</span>
            <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('project.titlePlaceholder')} required autoFocus />
          </label>
          <label className="field">
            <span>{t('project.folder')}</span>
            <input
              name="folder"
              value={folder}
              onChange={(e) => {
                setFolderTouched(true);
                setFolder(e.target.value);
              }}
              required
            />
            <small>{t('project.folderHint')}</small>
          </label>
          <div className="actions">
            <button className="primary" type="submit" disabled={busy || !title.trim() || !folder.trim()}>
              {t('project.createButton')}
            </button>
          </div>
        </form>
        <div className="card">
          <form onSubmit={open} aria-labelledby="open-h">
            <h2 id="open-h">
              <Icon name="folder" /> {t('project.open')}
            </h2>
            <label className="field">
              <span>{t('project.openPath')}</span>
              <input name="openPath" value={openPath} onChange={(e) => setOpenPath(e.target.value)} required />
            </label>
            <div className="actions">
              <button type="submit" disabled={busy || !openPath.trim()}>
                {t('project.openButton')}
              </button>
            </div>
          </form>
          <h3 className="subhead">{t('project.recent')}</h3>
          {recent.length === 0 ? (
            <p className="muted">{t('project.noRecent')}</p>
          ) : (
            <ul className="recent">
              {recent.map((r) => (
                <li key={r}>
                  <button className="link-button recent-item" title={r} onClick={() => void run(() => api.project.open({ path: r }), r)}>
                    <Icon name="folder" size={16} />
                    <span className="recent-text">
                      <span className="recent-name">{folderOf(r)}</span>
                      <span className="recent-path">{breakablePath(r)}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <details className="restore-archive">
            <summary>{t('project.restoreArchive')}</summary>
            <form onSubmit={restoreArchive}>
              <label className="field">
                <span>{t('project.archiveFile')}</span>
                <input name="archiveFile" value={archiveFile} onChange={(e) => setArchiveFile(e.target.value)} placeholder="…/Lịch sử Đảng bộ-2026-12-06.tar" required />
              </label>
              <label className="field">
                <span>{t('project.restoreTo')}</span>
                <input name="restoreTo" value={restoreTo} onChange={(e) => setRestoreTo(e.target.value)} required />
                <small>{t('project.restoreToHint')}</small>
              </label>
              <div className="actions">
                <button type="submit" disabled={busy || !archiveFile.trim() || !restoreTo.trim()}>
                  {t('project.restoreButton')}
                </button>
              </div>
            </form>
          </details>
        </div>
      </div>
    </div>
  );
}
