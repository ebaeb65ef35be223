import { useTranslation } from 'react-i18next';
import type { ImportOutcome } from '../../shared/api/archive';
import { Icon } from '../shell/Icon';

export function ImportReport({ outcomes, onClose }: { outcomes: ImportOutcome[]; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop" role="presentation" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="report-h" onClick={(e) => e.stopPropagation()}>
        <h2 id="report-h">{t('archive.reportTitle')}</h2>
        <ul className="report">
          {outcomes.map((o, i) => (
            <li key={i} className={`report-${o.status}`} data-testid="import-outcome">
              <Icon name={o.status === 'rejected' ? 'alert' : 'check'} size={16} />
              <span className="report-name">{o.input.split(/[\\/]/).pop()}</span>
              <span>
                {o.status === 'imported' ? t('archive.imported', { id: o.documentId, pages: o.pages })
                : o.status === 'duplicate' ? t('archive.duplicate', { id: o.documentId })
                : `${t('archive.rejected')}: ${o.reason}`}
              </span>
            </li>
          ))}
        </ul>
        <div className="actions">
          <button className="primary" onClick={onClose} autoFocus>
            {t('archive.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
