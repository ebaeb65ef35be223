import { useTranslation } from 'react-i18next';
import type { ProjectInfo } from '../../shared/api/project';
import { formatTime } from '../i18n/index';
import { platform } from '../platform/platform';
import { useStatus } from './status';

export function StatusBar({ project }: { project: ProjectInfo | null }) {
  const { t } = useTranslation();
  const { save, notice } = useStatus();
  const saveText =
    save.kind === 'saving' ? t('status.saving')
    : save.kind === 'saved' ? t('status.savedAt', { time: formatTime(save.at) })
    : save.kind === 'dirty' ? t('status.unsaved')
    : save.kind === 'failed' ? t('status.saveFailed', { message: save.message })
    : '';
  return (
    <footer className="statusbar" role="status">
      <span className="status-item">{project ? project.path : t('status.noProject')}</span>
      {project && <span className="status-item">{t('archive.documents', { count: project.documentCount })}</span>}
      {notice && <span className="status-item status-notice">{notice}</span>}
      <span className="status-spacer" />
      <span className={`status-item save-${save.kind}`} data-testid="save-state">{saveText}</span>
      <span className="status-item">{t(`status.mode.${platform.kind}`)}</span>
    </footer>
  );
}
