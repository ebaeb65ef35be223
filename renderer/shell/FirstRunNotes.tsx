/**
 * "Dữ liệu của bạn ở đâu?" on the welcome screen: where projects are kept, that nothing leaves
 * this computer, and how backups work — three lines, each with a link to the guide. Open by
 * itself for someone who has no project yet; one click away for everyone else.
 */
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { openHelp } from '../help/helpEvents';
import { DEFAULT_BACKUP_POLICY } from '../../shared/api/backup';
import { Icon, type IconName } from './Icon';
import './onboarding.css';

function Note({ icon, text, section, testId }: { icon: IconName; text: ReactNode; section: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <li data-testid={testId}>
      <span className="note-icon">
        <Icon name={icon} size={16} />
      </span>
      <span className="note-text">
        {text}{' '}
        <button type="button" className="link-button" onClick={() => openHelp(section)}>
          {t('onboarding.readMore')}
        </button>
      </span>
    </li>
  );
}

/** `folder` is the default projects folder ('' while it is being asked for). */
export function FirstRunNotes({ folder, open }: { folder: string; open: boolean }) {
  const { t } = useTranslation();
  return (
    <details className="first-run" open={open} data-testid="first-run-notes">
      <summary>{t('onboarding.notesTitle')}</summary>
      <ul className="first-run-list">
        <Note
          icon="folder"
          testId="note-where"
          section="noi-cat-du-an"
          text={folder ? <Trans i18nKey="onboarding.notesWhere" values={{ folder }} components={[<code className="note-path" key="folder" />]} /> : t('onboarding.notesWhereUnknown')}
        />
        <Note icon="check" testId="note-local" section="tren-may-nay" text={t('onboarding.notesLocal')} />
        <Note
          icon="archive"
          testId="note-backup"
          section="sao-luu"
          text={t('onboarding.notesBackup', { minutes: DEFAULT_BACKUP_POLICY.intervalMinutes, latest: DEFAULT_BACKUP_POLICY.keepLatest, days: DEFAULT_BACKUP_POLICY.keepDailyDays })}
        />
      </ul>
    </details>
  );
}
