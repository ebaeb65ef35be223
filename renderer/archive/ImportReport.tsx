import { useTranslation } from 'react-i18next';
import type { ImportOutcome } from '../../shared/api/archive';
import { printable } from '../../shared/text/controlChars';
import { Dialog } from '../shell/Dialog';
import { ErrorAlert, type ErrorInfo } from '../shell/ErrorDetails';
import { Icon } from '../shell/Icon';

/** Every input of an import with its outcome and, for a refused file, the reason. */
export function ImportReport({
  outcomes,
  notImported,
  error,
  onClose,
  onOpen,
}: {
  outcomes: ImportOutcome[];
  notImported: string[];
  /** Why the import as a whole stopped (not a bad file: those are outcomes). */
  error?: ErrorInfo | null;
  onClose(): void;
  onOpen(id: number): void;
}) {
  const { t } = useTranslation();
  const count = (s: ImportOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return (
    <Dialog title={t('archive.reportTitle')} className="report-dialog" onClose={onClose}>
      <p className="muted report-summary" data-testid="import-summary">
        {t('archive.reportSummary', { imported: count('imported'), duplicate: count('duplicate'), rejected: count('rejected') })}
        {notImported.length > 0 && t('archive.reportNotImported', { count: notImported.length })}
      </p>
      <ErrorAlert error={error} />
      <ul className="report">
        {outcomes.map((o, i) => (
          <li key={i} className={`report-${o.status}`} data-testid="import-outcome">
            <Icon name={o.status === 'rejected' ? 'alert' : o.status === 'skipped' ? 'close' : 'check'} size={16} />
            <span className="report-name">{printable((o.status === 'imported' || o.status === 'duplicate') && o.title ? o.title : (o.input.split(/[\\/]/).pop() ?? o.input))}</span>
            <span>
              {o.status === 'imported' ? (
                <>
                  <button type="button" className="link-button" onClick={() => onOpen(o.documentId)}>
                    {t('archive.imported', { id: o.documentId, pages: o.pages })}
                  </button>
                  {o.warnings?.map((w, j) => (
                    <span key={j} className="report-warning" data-testid="import-warning">
                      {t('archive.importWarning')}: {w}
                    </span>
                  ))}
                </>
              ) : o.status === 'duplicate' && o.documents && o.documents.length > 0 ? (
                <span className="report-held" data-testid="report-held">
                  {t('pageSets.alreadyIn')}{' '}
                  {o.documents.map((d, j) => (
                    <span key={d.id}>
                      {j > 0 && ', '}
                      <button type="button" className="link-button" onClick={() => onOpen(d.id)}>
                        {t('pageSets.alreadyInDoc', { id: d.id, title: d.title })}
                      </button>
                    </span>
                  ))}
                </span>
              ) : o.status === 'duplicate' ? (
                <button type="button" className="link-button" onClick={() => onOpen(o.documentId)}>
                  {t('archive.duplicate', { id: o.documentId })}
                </button>
              ) : (
                `${t(o.status === 'skipped' ? 'archive.skipped' : 'archive.rejected')}: ${printable(o.reason)}`
              )}
            </span>
          </li>
        ))}
        {notImported.map((n, i) => (
          <li key={`n-${i}`} className="report-skipped" data-testid="import-outcome">
            <Icon name="close" size={16} />
            <span className="report-name">{printable(n.split(/[\\/]/).pop() ?? n)}</span>
            <span>{t('archive.notImported')}</span>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button className="primary" onClick={onClose} autoFocus>
          {t('archive.close')}
        </button>
      </div>
    </Dialog>
  );
}
