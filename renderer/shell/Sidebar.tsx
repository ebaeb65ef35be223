import { useTranslation } from 'react-i18next';
import type { ProjectInfo } from '../../shared/api/project';
import { openHelp } from '../help/helpEvents';
import { setLanguage } from '../i18n/index';
import { BrandMark } from './BrandMark';
import { Icon } from './Icon';

export type View = 'archive' | 'toCollect' | 'books' | 'names';

export function Sidebar(props: { project: ProjectInfo; view: View; onView(v: View): void; onBackup(): void; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const item = (v: View, icon: 'archive' | 'book' | 'names' | 'collect', label: string, count?: number) => (
    <button className={`nav-item${props.view === v ? ' active' : ''}`} onClick={() => props.onView(v)} aria-current={props.view === v ? 'page' : undefined} data-testid={`nav-${v}`}>
      <Icon name={icon} />
      <span className="nav-label">{label}</span>
      {count !== undefined && <span className="nav-count">{count.toLocaleString(i18n.language === 'en' ? 'en-US' : 'vi-VN')}</span>}
    </button>
  );
  return (
    <aside className="sidebar">
      <div className="brand">
        <BrandMark />
        <div>
          <div className="brand-name">{t('app.name')}</div>
          <div className="brand-tagline">{t('app.tagline')}</div>
        </div>
      </div>
      <div className="project-card" title={props.project.path}>
        <div className="project-label">{t('nav.project')}</div>
        <div className="project-title">{props.project.title}</div>
      </div>
      <nav className="nav">
        {item('archive', 'archive', t('nav.archive'), props.project.documentCount)}
        {item('toCollect', 'collect', t('toCollect.nav'))}
        {item('books', 'book', t('nav.books'), props.project.bookCount)}
        {item('names', 'names', t('nav.names'))}
      </nav>
      <div className="sidebar-foot">
        <select className="lang" value={i18n.language} onChange={(e) => setLanguage(e.target.value as 'vi' | 'en')} aria-label={t('language.label')}>
          <option value="vi">{t('language.vi')}</option>
          <option value="en">{t('language.en')}</option>
        </select>
        <button className="link-button" onClick={() => openHelp()} title={t('help.openHint')} data-testid="open-help">
          {t('help.open')}
        </button>
        <button className="link-button" onClick={props.onBackup} data-testid="open-backups">
          {t('nav.backup')}
        </button>
        <button className="link-button" onClick={props.onClose}>
          {t('nav.closeProject')}
        </button>
      </div>
    </aside>
  );
}
