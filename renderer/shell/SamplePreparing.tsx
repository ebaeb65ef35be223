/**
 * What shows while the sample project is being made (its scans typeset and aged: half a minute
 * or so): a moving bar, what is happening, and that it takes a while — so nobody clicks again.
 */
import { useTranslation } from 'react-i18next';
import { ProgressStrip } from './ProgressStrip';
import './onboarding.css';

export function SamplePreparing() {
  const { t } = useTranslation();
  return (
    <div className="sample-progress" role="status" data-testid="sample-progress">
      <ProgressStrip label={t('onboarding.sample')} value={0} max={0} title={t('onboarding.samplePreparing')} />
      <p className="sample-wait">{t('onboarding.samplePreparingDetail')}</p>
    </div>
  );
}
