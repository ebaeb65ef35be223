/**
 * Sửa hàng loạt: sets the fields documents of one hồ sơ share (tên loại, cơ quan, ngày, độ mật,
 * nơi lưu giữ…) on every selected document at once (`catalogue.batchUpdate`). Only the fields
 * ticked change — typing in a field ticks it; a ticked field left empty is cleared — and the
 * dialog says how many documents and which fields before anything is written.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchPatch, FacetValue } from '../../shared/api/catalogue';
import { AUTHENTICITY, SECRECY_LEVELS, URGENCY_LEVELS } from '../../shared/archive/metadata';
import { api } from '../platform/platform';
import { Dialog } from '../shell/Dialog';
import { ErrorAlert, errorInfo, type ErrorInfo } from '../shell/ErrorDetails';
import { DateField, dateFormOf, dateValueOf, type DateForm } from './DateField';

const TEXT = ['docType', 'issuer', 'place', 'form', 'condition'] as const;
const CHOICE = { secrecy: SECRECY_LEVELS, urgency: URGENCY_LEVELS, authenticity: AUTHENTICITY } as const;
const LOCATION = ['repository', 'fond', 'inventory', 'box', 'file'] as const;
const LISTS = ['languages', 'addTags', 'removeTags'] as const;

type FieldName = (typeof TEXT)[number] | keyof typeof CHOICE | (typeof LOCATION)[number] | (typeof LISTS)[number] | 'date';

/** The order fields are named in the confirmation line. */
const ORDER: FieldName[] = ['docType', 'issuer', 'place', 'date', 'repository', 'fond', 'inventory', 'box', 'file', 'secrecy', 'urgency', 'authenticity', 'form', 'languages', 'condition', 'addTags', 'removeTags'];

const splitList = (s: string) =>
  s
    .split(';')
    .map((x) => x.trim().normalize('NFC'))
    .filter(Boolean);

/** The patch for the ticked fields: an empty text clears its field. */
export function batchPatchOf(values: Partial<Record<FieldName, string>>, date: DateForm, ticked: ReadonlySet<FieldName>): BatchPatch {
  const patch: BatchPatch = {};
  const text = (k: FieldName) => (values[k] ?? '').trim().normalize('NFC');
  for (const k of TEXT) if (ticked.has(k)) patch[k] = text(k) || null;
  for (const k of Object.keys(CHOICE) as (keyof typeof CHOICE)[]) if (ticked.has(k)) (patch as Record<string, unknown>)[k] = text(k) || null;
  if (ticked.has('date')) patch.date = dateValueOf(date, undefined).value ?? null;
  const location: NonNullable<BatchPatch['location']> = {};
  for (const k of LOCATION) if (ticked.has(k)) location[k] = text(k) || null;
  if (Object.keys(location).length) patch.location = location;
  if (ticked.has('languages')) patch.languages = splitList(values.languages ?? '').length ? splitList(values.languages ?? '') : null;
  if (ticked.has('addTags') && splitList(values.addTags ?? '').length) patch.addTags = splitList(values.addTags ?? '');
  if (ticked.has('removeTags') && splitList(values.removeTags ?? '').length) patch.removeTags = splitList(values.removeTags ?? '');
  return patch;
}

export function BatchEditDialog({ ids, onClose, onDone }: { ids: number[]; onClose(): void; onDone(changed: number, fields: string[]): void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Partial<Record<FieldName, string>>>({});
  const [date, setDate] = useState<DateForm>(dateFormOf(undefined));
  const [ticked, setTicked] = useState<Set<FieldName>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [suggest, setSuggest] = useState<Partial<Record<'docType' | 'issuer' | 'fond' | 'repository' | 'tags', FacetValue[]>>>({});

  useEffect(() => {
    let live = true;
    for (const field of ['docType', 'issuer', 'fond', 'repository', 'tags'] as const) {
      void api.catalogue.facets({ field, limit: 200 }).then(
        (v) => live && setSuggest((s) => ({ ...s, [field]: v })),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, []);

  const tick = (k: FieldName, on: boolean) =>
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(k);
      else next.delete(k);
      return next;
    });
  const set = (k: FieldName, v: string) => {
    setValues((s) => ({ ...s, [k]: v }));
    tick(k, true);
  };
  const label = (k: FieldName) => {
    if (k === 'addTags') return t('catalogue.batch.addTags');
    if (k === 'removeTags') return t('catalogue.batch.removeTags');
    return t(`metadata.${k}`);
  };

  const chosen = ORDER.filter((k) => ticked.has(k));
  const dateOutcome = dateValueOf(date, undefined);
  const dateBad = ticked.has('date') && (dateOutcome.startError !== undefined || dateOutcome.endError !== undefined);

  const submit = async () => {
    if (chosen.length === 0 || busy || dateBad) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.catalogue.batchUpdate({ ids, patch: batchPatchOf(values, date, ticked) });
      onDone(r.changed, chosen.map(label));
    } catch (e) {
      setError(errorInfo(e));
      setBusy(false);
    }
  };

  const field = (k: FieldName, control: ReactNode, wide = false) => (
    <div className={`batch-field${ticked.has(k) ? ' on' : ''}${wide ? ' wide' : ''}`} key={k}>
      <label className="batch-tick">
        <input type="checkbox" checked={ticked.has(k)} onChange={(e) => tick(k, e.target.checked)} data-testid={`batch-tick-${k}`} />
        <span>{label(k)}</span>
      </label>
      {control}
    </div>
  );
  const text = (k: FieldName, opts: { list?: string; placeholder?: string } = {}) =>
    field(
      k,
      <input
        name={`batch-${k}`}
        value={values[k] ?? ''}
        onChange={(e) => set(k, e.target.value)}
        list={opts.list}
        placeholder={ticked.has(k) && !opts.placeholder ? t('catalogue.batch.emptyClears') : opts.placeholder}
        aria-label={label(k)}
        autoComplete="off"
        data-testid={`batch-${k}`}
      />,
    );
  const choice = (k: keyof typeof CHOICE) =>
    field(
      k,
      <select name={`batch-${k}`} value={values[k] ?? ''} onChange={(e) => set(k, e.target.value)} aria-label={label(k)} data-testid={`batch-${k}`}>
        <option value="">{t('catalogue.batch.none')}</option>
        {CHOICE[k].map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>,
    );
  const datalist = (id: string, values: FacetValue[] | undefined) => (
    <datalist id={id}>
      {values?.map((v) => (
        <option key={v.value} value={v.value} />
      ))}
    </datalist>
  );

  return (
    <Dialog
      title={t('catalogue.batch.title', { count: ids.length })}
      className="batch-dialog"
      testId="batch-dialog"
      onClose={onClose}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="muted batch-intro">{t('catalogue.batch.intro')}</p>
      <div className="batch-scroll">
        <fieldset className="msection">
          <legend>{t('metadata.identity')}</legend>
          <div className="batch-grid">
            {text('docType', { list: 'batch-docTypes' })}
            {text('issuer', { list: 'batch-issuers' })}
            {text('place')}
            {field(
              'date',
              <DateField
                form={date}
                outcome={dateOutcome}
                onChange={(p) => {
                  setDate((f) => (typeof p === 'function' ? p(f) : { ...f, ...p }));
                  tick('date', true);
                }}
              />,
              true,
            )}
          </div>
        </fieldset>
        <fieldset className="msection">
          <legend>{t('metadata.location')}</legend>
          <div className="batch-grid">
            {text('repository', { list: 'batch-repositories' })}
            {text('fond', { list: 'batch-fonds' })}
            {text('inventory')}
            {text('box')}
            {text('file')}
          </div>
        </fieldset>
        <fieldset className="msection">
          <legend>{t('metadata.character')}</legend>
          <div className="batch-grid">
            {choice('secrecy')}
            {choice('urgency')}
            {choice('authenticity')}
            {text('form', { placeholder: t('metadata.formPlaceholder') })}
            {text('languages', { placeholder: 'vi; fr' })}
            {text('condition', { placeholder: t('metadata.conditionPlaceholder') })}
          </div>
        </fieldset>
        <fieldset className="msection">
          <legend>{t('metadata.tags')}</legend>
          <div className="batch-grid">
            {text('addTags', { list: 'batch-tags', placeholder: t('metadata.listHint') })}
            {text('removeTags', { list: 'batch-tags', placeholder: t('metadata.listHint') })}
          </div>
        </fieldset>
        {datalist('batch-docTypes', suggest.docType)}
        {datalist('batch-issuers', suggest.issuer)}
        {datalist('batch-repositories', suggest.repository)}
        {datalist('batch-fonds', suggest.fond)}
        {datalist('batch-tags', suggest.tags)}
      </div>
      <ErrorAlert error={error} />
      <div className="batch-foot">
        <p className="batch-confirm" data-testid="batch-confirm" aria-live="polite">
          {chosen.length === 0 ? t('catalogue.batch.nothing') : t('catalogue.batch.confirm', { count: ids.length, fields: chosen.map(label).join(', ') })}
        </p>
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('archive.cancelButton')}
          </button>
          <button type="submit" className="primary" disabled={chosen.length === 0 || busy || dateBad} data-testid="batch-apply">
            {t('catalogue.batch.apply', { count: ids.length })}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
