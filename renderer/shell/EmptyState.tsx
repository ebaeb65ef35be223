/**
 * What an empty screen or list shows: one line saying what to do next, the action itself as a
 * button (or two), and a link to the guide's section on it. `screen` fills the view (an icon and a
 * heading above the line); `inline` sits in a table or side panel where the rows would be.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { openHelp } from '../help/helpEvents';
import { Icon, type IconName } from './Icon';
import './onboarding.css';

interface Props {
  /** What to do next, in one sentence. */
  line: ReactNode;
  /** The buttons that do it. */
  actions?: ReactNode;
  /** A section id of the user guide (resources/guide/huong-dan.md). */
  help?: string;
  icon?: IconName;
  title?: ReactNode;
  /** A second, quieter line (what is accepted, why it is empty). */
  note?: ReactNode;
  variant?: 'screen' | 'inline';
  testId?: string;
}

export function EmptyState({ line, actions, help, icon, title, note, variant = 'screen', testId }: Props) {
  const { t } = useTranslation();
  const guide = help ? (
    <button type="button" className="link-button empty-guide" onClick={() => openHelp(help)} data-testid="empty-guide">
      {t('onboarding.readMore')}
    </button>
  ) : null;
  if (variant === 'inline') {
    return (
      <div className="empty-inline" data-testid={testId}>
        <span className="empty-line">{line}</span>
        {(actions || guide) && (
          <span className="empty-inline-actions">
            {actions}
            {guide}
          </span>
        )}
      </div>
    );
  }
  return (
    <div className="empty empty-state" data-testid={testId}>
      {icon && (
        <span className="empty-icon">
          <Icon name={icon} size={36} />
        </span>
      )}
      {title && <h2>{title}</h2>}
      <p className="empty-line">{line}</p>
      {(actions || guide) && (
        <div className="empty-actions">
          {actions}
          {guide}
        </div>
      )}
      {note && <p className="empty-note">{note}</p>}
    </div>
  );
}
