/**
 * Kiểm tra trước khi in: what the check found in the book before a PDF or Word file is written,
 * in book order under each chapter's name. Clicking a finding opens its chapter at the passage; the
 * panel stays open while the author looks through them. "Vẫn xuất" writes the file all the same,
 * "Để sửa" closes the panel without writing.
 */
import { useTranslation } from 'react-i18next';
import type { PreflightFinding } from '../../shared/api/publish';
import { Icon } from '../shell/Icon';

export function PreflightPanel({
  findings,
  format,
  busy,
  activeIndex,
  onOpen,
  onExport,
  onCancel,
}: {
  findings: readonly PreflightFinding[];
  format: 'pdf' | 'word';
  busy: boolean;
  /** The finding last opened, shown as current. */
  activeIndex: number | null;
  onOpen(finding: PreflightFinding, index: number): void;
  onExport(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  // Findings come in book order: a chapter's name heads its run of findings.
  const groups: { nodeId: number; name: string; items: { f: PreflightFinding; i: number }[] }[] = [];
  findings.forEach((f, i) => {
    const last = groups[groups.length - 1];
    if (last && last.nodeId === f.nodeId) last.items.push({ f, i });
    else groups.push({ nodeId: f.nodeId, name: [f.chapterLabel, f.chapterTitle].filter(Boolean).join(' · '), items: [{ f, i }] });
  });
  return (
    <section className="preflight-panel" role="region" aria-label={t('preflight.title')} data-testid="preflight-panel">
      <header className="preflight-head">
        <Icon name="alert" />
        <h2>{t('preflight.title')}</h2>
        <span className="muted">{t('preflight.summary', { count: findings.length })}</span>
        <span className="toolbar-spacer" />
        <button type="button" onClick={onCancel} data-testid="preflight-cancel">
          {t('preflight.fix')}
        </button>
        <button type="button" className="primary" onClick={onExport} disabled={busy} data-testid="preflight-export">
          {format === 'pdf' && <Icon name="pdf" />} {busy ? t('books.exporting') : format === 'pdf' ? t('preflight.exportPdf') : t('preflight.exportWord')}
        </button>
      </header>
      <p className="preflight-hint muted">{t('preflight.hint')}</p>
      <div className="preflight-list">
        {groups.map((g) => (
          <div key={`${g.nodeId}:${g.items[0]!.i}`} className="preflight-group">
            <h3 className="preflight-chapter">{g.name}</h3>
            <ul>
              {g.items.map(({ f, i }) => (
                <li key={i}>
                  <button
                    type="button"
                    className={`preflight-item${activeIndex === i ? ' active' : ''}`}
                    onClick={() => onOpen(f, i)}
                    title={t('preflight.open')}
                    data-testid="preflight-finding"
                    data-kind={f.kind}
                  >
                    <span className={`preflight-kind kind-${f.kind}`}>{t(`preflight.kinds.${f.kind}`)}</span>
                    <span className="preflight-text">
                      {f.passage ? <q className="preflight-passage">…{f.passage}…</q> : <span className="preflight-passage muted">{t('preflight.wholeChapter')}</span>}
                      <span className="preflight-message">{f.message}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
