/**
 * A page's earlier readings: the texts a new recognition replaced (kept, never lost), newest
 * first, each of which can be put back as the page's text.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageTextRevision } from '../../shared/api/ocr';
import { formatDate, formatTime } from '../i18n/index';
import { api } from '../platform/platform';
import { Dialog } from '../shell/Dialog';

export function EarlierReadings({ pageId, onRestore }: { pageId: number; onRestore(text: string): void }) {
  const { t } = useTranslation();
  const [list, setList] = useState<PageTextRevision[]>([]);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    void api.ocr.revisions({ pageId }).then((r) => live && setList(r), () => undefined);
    return () => {
      live = false;
    };
  }, [pageId]);
  if (list.length === 0) return null;
  return (
    <>
      <button type="button" className="link-button" onClick={() => setOpen(true)} data-testid="earlier-readings">
        {t('ocr.earlier', { count: list.length })}
      </button>
      {open && (
        <Dialog title={t('ocr.earlierTitle')} onClose={() => setOpen(false)} className="earlier-readings">
          <p className="muted">{t('ocr.earlierHint')}</p>
          <ol className="earlier-list">
            {list.map((r) => (
              <li key={r.id}>
                <div className="earlier-head">
                  <span className="muted">{t('ocr.earlierWhen', { date: formatDate(r.createdAt), time: formatTime(r.createdAt) })}</span>
                  <button
                    type="button"
                    onClick={() => {
                      setOpen(false);
                      onRestore(r.text);
                    }}
                  >
                    {t('ocr.earlierRestore')}
                  </button>
                </div>
                <pre className="earlier-text" lang="vi">
                  {r.text}
                </pre>
              </li>
            ))}
          </ol>
        </Dialog>
      )}
    </>
  );
}
