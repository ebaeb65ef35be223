/**
 * The welcome screen: create a project, open one (typed, recent, or restored from a backup file),
 * open the sample project, the guide, and the first-run notes on where data lives.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectInfo } from '../../shared/api/project';
import { printable } from '../../shared/text/controlChars';
import { openHelp } from '../help/helpEvents';
import { api } from '../platform/platform';
import { BrandMark } from './BrandMark';
import { FirstRunNotes } from './FirstRunNotes';
import { Icon } from './Icon';
import { middleEllipsis, parentFolder, projectFolderName } from './recentPath';
import { SamplePreparing } from './SamplePreparing';
import './onboarding.css';

/** A folder name from a project title: the title itself, minus what file systems refuse and control characters. */
function folderNameFor(title: string): string {
  const clean = printable(title).normalize('NFC').replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return clean ? `${clean}.suquan` : '';
}

function joinPath(parent: string, name: string): string {
  const sep = parent.includes('\\') && !parent.includes('/') ? '\\' : '/';
  return parent.endsWith(sep) ? parent + name : parent + sep + name;
}

export function ProjectScreen({ onOpen }: { onOpen(p: ProjectInfo): void }) {
  const { t } = useTranslation();
  const [defaultParent, setDefaultParent] = useState('');
  const [recent, setRecent] = useState<string[]>([]);
  /** The locations were read: the notes open by themselves only for someone with no project yet. */
  const [located, setLocated] = useState(false);
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
  /** The sample project is being made (its scans typeset and aged: some seconds) or opened. */
  const [preparingSample, setPreparingSample] = useState(false);

  useEffect(() => {
    void api.project.locations({}).then((l) => {
      setDefaultParent(l.defaultParent);
      setRecent(l.recent);
      setLocated(true);
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

  const openSample = () => {
    setPreparingSample(true);
    void run(() => api.project.openSample({})).finally(() => setPreparingSample(false));
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
        <div className="welcome-title">
          <h1>{t('project.welcome')}</h1>
          <p className="lead">{t('project.intro')}</p>
        </div>
        <button type="button" className="link-button welcome-guide" onClick={() => openHelp()} title={t('onboarding.guideHint')} data-testid="welcome-guide">
          <Icon name="book" size={16} /> {t('onboarding.guide')}
        </button>
      </header>
      <section className="card sample-card" aria-labelledby="sample-h" aria-busy={preparingSample}>
        <div className="sample-text">
          <h2 id="sample-h">
            <Icon name="spark" /> {t('onboarding.sampleTitle')}
          </h2>
          <p className="muted">{t('onboarding.sampleHint')}</p>
        </div>
        <button type="button" className="primary" onClick={openSample} disabled={busy} data-testid="open-sample">
          {t('onboarding.sample')}
        </button>
        {preparingSample && <SamplePreparing />}
      </section>
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
                  <button className="link-button recent-item" title={printable(r)} onClick={() => void run(() => api.project.open({ path: r }), r)} disabled={busy}>
                    <Icon name="folder" size={16} />
                    <span className="recent-text">
                      <span className="recent-name">{projectFolderName(r)}</span>
                      <span className="recent-path">{middleEllipsis(parentFolder(r))}</span>
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
      <FirstRunNotes folder={defaultParent} open={located && recent.length === 0} />
    </div>
  );
}
