import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { printable } from '../../shared/text/controlChars';
import type { ProjectInfo } from '../../shared/api/project';
import { formatTime } from '../i18n/index';
import { platform } from '../platform/platform';
import { CopyDetails } from './ErrorDetails';
import { Icon } from './Icon';
import { OcrStatus } from './OcrStatus';
import { useStatus } from './status';

export function StatusBar({ project }: { project: ProjectInfo | null }) {
  const { t } = useTranslation();
  const { save, notice, setNotice } = useStatus();
  // A message about one project means nothing once it is closed (or another is opened).
  const projectPath = project?.path ?? null;
  useEffect(() => setNotice(null), [projectPath, setNotice]);
  const saveText =
    save.kind === 'saving' ? t('status.saving')
    : save.kind === 'saved' ? t('status.savedAt', { time: formatTime(save.at) })
    : save.kind === 'dirty' ? t('status.unsaved')
    : save.kind === 'failed' ? t('status.saveFailed', { message: save.message })
    : '';
  return (
    <footer className="statusbar" role="status">
      <span className="status-item">{project ? printable(project.path) : t('status.noProject')}</span>
      {project && <span className="status-item">{t('archive.documents', { count: project.documentCount })}</span>}
      {notice && (
        <span className={`status-item status-notice${notice.kind === 'error' ? ' status-error' : ''}`} data-testid="status-notice">
          <span className="status-notice-text">{notice.text}</span>
          {notice.kind === 'error' && <CopyDetails details={notice.details} className="status-copy" />}
          {notice.kind === 'error' && (
            <button type="button" className="status-dismiss" title={t('status.dismiss')} aria-label={t('status.dismiss')} onClick={() => setNotice(null)}>
              <Icon name="close" size={12} />
            </button>
          )}
        </span>
      )}
      <span className="status-spacer" />
      {project && <OcrStatus />}
      <span className={`status-item save-${save.kind}`} data-testid="save-state">{saveText}</span>
      <span className="status-item">{t(`status.mode.${platform.kind}`)}</span>
    </footer>
  );
}
