/** Picks the chapter or section a cross-reference points at, and what the reference shows. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { crossRefText, type CrossRefShow, type CrossRefTarget } from '../../shared/manuscript/crossRef';
import { foldForSearch } from '../../shared/text/fold';
import { Dialog } from '../shell/Dialog';
import { pickListKeys } from '../shell/pickListKeys';

export function CrossRefPicker({
  targets,
  onPick,
  onClose,
}: {
  targets: readonly CrossRefTarget[];
  onPick(attrs: { targetId: string; show: CrossRefShow; label: string }): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [show, setShow] = useState<CrossRefShow>('full');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => {
    const words = foldForSearch(query).split(/\s+/).filter(Boolean);
    return targets.filter((x) => {
      const hay = foldForSearch(`${x.number} ${x.title} ${x.within}`);
      return words.every((w) => hay.includes(w));
    });
  }, [targets, query]);
  const pick = (x: CrossRefTarget) => onPick({ targetId: x.id, show, label: crossRefText(x, show) ?? '' });

  return (
    <Dialog title={t('crossRefs.pick')} className="crossref-picker" testId="crossref-picker" onClose={onClose}>
      <input
        className="search-input"
        autoFocus
        value={query}
        name="crossRefQuery"
        aria-label={t('crossRefs.pick')}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => pickListKeys(e, shown, active, setActive, pick, onClose)}
      />
      <ul className="pick-list" role="listbox" aria-label={t('crossRefs.pick')}>
        {shown.map((x, i) => (
          <li key={x.id} role="option" aria-selected={i === active}>
            <button
              type="button"
              className={`pick-item crossref-item depth-${x.depth}${i === active ? ' active' : ''}`}
              onClick={() => pick(x)}
              onMouseEnter={() => setActive(i)}
              data-testid="crossref-target"
            >
              <span className="pick-code">{x.number}</span>
              <span className="pick-title">{x.title}</span>
            </button>
          </li>
        ))}
      </ul>
      <fieldset className="field crossref-show">
        <legend>{t('crossRefs.show')}</legend>
        {(['full', 'title', 'page'] as const).map((s) => (
          <label key={s} className="radio">
            <input type="radio" name="crossRefShow" checked={show === s} onChange={() => setShow(s)} /> {t(s === 'full' ? 'crossRefs.showNumber' : s === 'title' ? 'crossRefs.showTitle' : 'crossRefs.showPage')}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('books.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
