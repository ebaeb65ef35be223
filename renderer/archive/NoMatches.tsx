/**
 * The archive's view found nothing (words, filters or both): one line saying what was asked, and
 * the buttons that take back the words or the filters — each keeps the other.
 */
import { useTranslation } from 'react-i18next';
import type { CatalogueFilter } from '../../shared/api/catalogue';
import { EmptyState } from '../shell/EmptyState';
import { activeFilters } from './CatalogueFilters';

export function NoMatches({ filter, onChange }: { filter: CatalogueFilter; onChange(filter: CatalogueFilter): void }) {
  const { t } = useTranslation();
  const words = filter.words?.trim() ?? '';
  const filtered = activeFilters(filter) > 0;
  const line = words ? t(filtered ? 'onboarding.noMatchWordsFiltered' : 'onboarding.noMatchWords', { words }) : filtered ? t('onboarding.noMatchFilters') : t('onboarding.noMatch');
  const { words: _words, exact: _exact, ...filtersOnly } = filter;
  return (
    <EmptyState
      variant="inline"
      line={line}
      testId="no-matches"
      help={words ? 'toan-tu' : 'bo-loc'}
      actions={
        <>
          {words && (
            <button type="button" onClick={() => onChange(filtersOnly)} data-testid="clear-words">
              {t('onboarding.clearWords')}
            </button>
          )}
          {filtered && (
            <button type="button" onClick={() => onChange(words ? { words, ...(filter.exact ? { exact: true } : {}) } : {})} data-testid="empty-clear-filters">
              {t('onboarding.clearFilters')}
            </button>
          )}
        </>
      }
    />
  );
}
