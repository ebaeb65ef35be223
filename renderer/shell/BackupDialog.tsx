/**
 * Dự án → Sao lưu: the project's automatic backups with their dates, a backup now, restoring one
 * (the database it replaces is kept as a backup first), and the whole project written to one
 * self-checking file (database + every original) with progress and a stop button.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, RestoredBackup } from '../../shared/api/backup';
import type { ProjectInfo } from '../../shared/api/project';
import { formatBytes, formatDate, formatTime } from '../i18n';
import { api, platform } from '../platform/platform';
import { ConfirmDialog } from './ConfirmDialog';
import { Dialog } from './Dialog';
import { ErrorAlert, errorInfo, type ErrorInfo } from './ErrorDetails';
import { cancelJob, isCancelled, listenToJobs } from './jobEvents';
import { ProgressStrip } from './ProgressStrip';
import { PromptDialog } from './PromptDialog';

const when = (iso: string) => `${formatTime(iso)} · ${formatDate(iso)}`;

/** "Lịch sử Đảng bộ xã-2026-12-06.tar": a name the user recognises, with the day it was made. */
function archiveName(project: ProjectInfo): string {
  const day = new Date().toISOString().slice(0, 10);
  return `${project.title.replace(/[\\/:*?"<>|]/g, '-')}-${day}.tar`;
}

function besideProject(project: ProjectInfo, name: string): string {
  const sep = project.path.includes('\\') && !project.path.includes('/') ? '\\' : '/';
  const parent = project.path.slice(0, Math.max(0, project.path.lastIndexOf(sep)));
  return `${parent}${sep}${name}`;
}

export function BackupDialog({ project, onClose, onRestored }: { project: ProjectInfo; onClose(): void; onRestored(): void }) {
  const { t } = useTranslation();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [restored, setRestored] = useState<RestoredBackup | null>(null);
  const [askingPath, setAskingPath] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; current: string | null; eta: number | null } | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const jobId = useRef<string | null>(null);

  const load = useCallback(async () => setBackups(await api.backup.list({})), []);
  useEffect(() => {
    void load().catch((e: unknown) => setError(errorInfo(e)));
  }, [load]);

  const guard = (work: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    void work().catch((e: unknown) => setError(errorInfo(e)));
  };

  const backupNow = () =>
    guard(async () => {
      const b = await api.backup.create({});
      setNotice(t('backup.made', { when: when(b.createdAt) }));
      await load();
    });

  const restore = async (b: BackupInfo) => {
    const r = await api.backup.restore({ name: b.name });
    setRestoring(null);
    setRestored(r);
    await load();
  };

  const writeArchive = async (path: string) => {
    setAskingPath(false);
    const id = crypto.randomUUID();
    jobId.current = id;
    const events = listenToJobs('backup');
    events.follow(id, (p) => setProgress({ done: p.done, total: p.total, current: p.current, eta: p.etaSeconds }));
    setProgress({ done: 0, total: 0, current: null, eta: null });
    setCancelling(false);
    setError(null);
    setNotice(null);
    try {
      const written = await api.backup.exportArchive({ path, jobId: id });
      setNotice(t('backup.archiveWritten', { path: written.path, size: formatBytes(written.size), originals: written.originals }));
    } catch (e) {
      if (isCancelled(e)) setNotice(t('backup.archiveStopped'));
      else setError(errorInfo(e));
    } finally {
      events.close();
      jobId.current = null;
      setProgress(null);
    }
  };

  const chooseArchivePath = async () => {
    // The desktop app asks with the system's Save dialog; browser mode names a path on this computer.
    const chosen = await platform.chooseSavePath(archiveName(project));
    if (chosen) void writeArchive(chosen);
    else if (platform.kind === 'browser') setAskingPath(true);
  };

  return (
    <Dialog title={t('backup.title')} className="backup-dialog" testId="backup-dialog" onClose={onClose}>
      <p className="muted small">{t('backup.explain')}</p>
      {error && <ErrorAlert error={error} />}
      {notice && (
        <div className="notice small" role="status" data-testid="backup-notice">
          {notice}
        </div>
      )}
      {restored && (
        <div className="notice small" role="status" data-testid="backup-restored">
          {t('backup.restored')}{' '}
          {restored.check.ok ? t('backup.checkOk') : t('backup.checkProblems', { count: restored.check.problems.length })}{' '}
          <button type="button" className="link-button" onClick={onRestored}>
            {t('backup.reload')}
          </button>
        </div>
      )}
      <div className="backup-actions">
        <button type="button" onClick={backupNow} disabled={!!progress || project.readOnly?.reason === 'requested' || project.readOnly?.reason === 'folder'}>
          {t('backup.now')}
        </button>
        <button type="button" onClick={() => void chooseArchivePath()} disabled={!!progress} data-testid="backup-archive">
          {t('backup.archive')}
        </button>
      </div>
      {progress && (
        <ProgressStrip
          label={t('backup.archiveProgress')}
          value={progress.done}
          max={progress.total}
          title={progress.total ? t('backup.archiveCount', { done: formatBytes(progress.done), total: formatBytes(progress.total) }) : t('backup.archiveStarting')}
          detail={progress.current}
          etaSeconds={progress.eta}
          cancelLabel={t('jobs.stop')}
          cancelling={cancelling}
          onCancel={() => {
            setCancelling(true);
            if (jobId.current) void cancelJob(jobId.current);
          }}
        />
      )}
      <h3 className="subhead">{t('backup.listTitle')}</h3>
      {backups === null ? (
        <p className="muted small">{t('backup.loading')}</p>
      ) : backups.length === 0 ? (
        <p className="muted small">{t('backup.none')}</p>
      ) : (
        <ol className="backup-list">
          {backups.map((b) => (
            <li key={b.name} className="backup-item" data-testid="backup-item">
              <span className="backup-when">{when(b.createdAt)}</span>
              <span className="muted small">
                {t(`backup.reasons.${b.reason}`)} · {formatBytes(b.size)}
              </span>
              <button type="button" className="link-button" onClick={() => setRestoring(b)} disabled={!!progress}>
                {t('backup.restore')}
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('archive.close')}
        </button>
      </div>
      {restoring && (
        <ConfirmDialog
          title={t('backup.restoreTitle')}
          message={t('backup.confirmRestore', { when: when(restoring.createdAt) })}
          confirmLabel={t('backup.restore')}
          danger
          onConfirm={() => restore(restoring)}
          onCancel={() => setRestoring(null)}
        />
      )}
      {askingPath && (
        <PromptDialog
          title={t('backup.archive')}
          label={t('backup.archivePath')}
          initial={besideProject(project, archiveName(project))}
          confirmLabel={t('backup.archiveWrite')}
          testId="backup-path"
          onSubmit={(p) => writeArchive(p)}
          onCancel={() => setAskingPath(false)}
        />
      )}
    </Dialog>
  );
}
