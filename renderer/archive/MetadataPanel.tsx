/**
 * A document's archival description (mô tả tài liệu lưu trữ): title, số và ký hiệu read live into
 * type and issuer, the prefilled suggestions to accept or dismiss, and every field of
 * shared/archive/metadata.ts. One "Lưu" saves the title and the changed fields.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchivalField, ArchivalMetadata, ArchivalMetadataPatch, ArchiveDocument, DocumentCodeInfo, MetadataSuggestions } from '../../shared/api/archive';
import { AUTHENTICITY, SECRECY_LEVELS, URGENCY_LEVELS } from '../../shared/archive/metadata';
import { formatDate } from '../i18n/index';
import { api } from '../platform/platform';
import { errorInfo } from '../shell/ErrorDetails';
import { useStatus } from '../shell/status';
import { Icon } from '../shell/Icon';
import { AutoTextarea } from './AutoTextarea';
import { CodeAbbreviationPrompt } from './CodeAbbreviationPrompt';
import { DateField, dateFormOf, dateValueOf, type DateForm } from './DateField';
import './metadataPanel.css';

/** The form: every field as the text the user edits. */
const TEXT_FIELDS = ['code', 'docType', 'issuer', 'place', 'abstract', 'form', 'condition', 'annotations', 'notes'] as const;
const LIST_FIELDS = ['languages', 'tags', 'people', 'places', 'organisations'] as const;
const CHOICE_FIELDS = ['secrecy', 'urgency', 'authenticity'] as const;
const LOCATION_FIELDS = ['repository', 'fond', 'inventory', 'box', 'file', 'folio'] as const;

type Form = Record<
  (typeof TEXT_FIELDS)[number] | (typeof LIST_FIELDS)[number] | (typeof CHOICE_FIELDS)[number] | (typeof LOCATION_FIELDS)[number] | 'title' | keyof DateForm,
  string
>;

const splitList = (s: string) =>
  s
    .split(/[;\n]/)
    .map((x) => x.trim().normalize('NFC'))
    .filter(Boolean);

function formOf(doc: ArchiveDocument): Form {
  const m = doc.metadata;
  const f = { title: doc.title, ...dateFormOf(m.date) } as Form;
  for (const k of TEXT_FIELDS) f[k] = m[k] ?? '';
  for (const k of LIST_FIELDS) f[k] = (m[k] ?? []).join('; ');
  for (const k of CHOICE_FIELDS) f[k] = m[k] ?? '';
  for (const k of LOCATION_FIELDS) f[k] = m.location?.[k] ?? '';
  return f;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only the fields that differ from what is stored. */
function patchOf(form: Form, m: ArchivalMetadata): ArchivalMetadataPatch {
  const patch: Record<string, unknown> = {};
  const set = (k: ArchivalField, v: unknown) => {
    if (!same(v, m[k])) patch[k] = v ?? null;
  };
  for (const k of TEXT_FIELDS) set(k, form[k].trim().normalize('NFC') || undefined);
  for (const k of LIST_FIELDS) {
    const l = splitList(form[k]);
    set(k, l.length ? l : undefined);
  }
  for (const k of CHOICE_FIELDS) set(k, form[k] || undefined);
  const loc: Record<string, string> = {};
  for (const k of LOCATION_FIELDS) if (form[k].trim()) loc[k] = form[k].trim().normalize('NFC');
  set('location', Object.keys(loc).length ? loc : undefined);
  set('date', dateValueOf(form, m.date).value);
  return patch as ArchivalMetadataPatch;
}

/** The form field an invalid-input error names ("patch.date.start" → the date, "patch.location.box" → box). */
function formFieldOf(path: string | undefined): keyof Form | null {
  if (!path) return null;
  const [first, second] = path.replace(/^patch\./, '').split('.');
  const key = first === 'date' ? 'dateText' : first === 'location' ? second : first;
  const shown: readonly string[] = [...TEXT_FIELDS, ...LIST_FIELDS, ...LOCATION_FIELDS, 'title', 'dateText'];
  return key && shown.includes(key) ? (key as keyof Form) : null;
}

function suggestionText(k: keyof MetadataSuggestions, s: MetadataSuggestions): string {
  if (k === 'date') return s.date?.text || [s.date?.start, s.date?.end].filter(Boolean).join(' – ');
  return String(s[k] ?? '');
}

interface Props {
  doc: ArchiveDocument;
  onChange(doc: ArchiveDocument): void;
  /** Title or metadata saved (the grid shows titles). */
  onSaved(): void;
  actions?: ReactNode;
}

export function MetadataPanel({ doc, onChange, onSaved, actions }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(() => formOf(doc));
  const base = useRef<Form>(formOf(doc));
  const [codeInfo, setCodeInfo] = useState<DocumentCodeInfo | null>(doc.codeInfo);
  /** Bumped when the user adds an abbreviation: the code is read again with the new table. */
  const [tablesVersion, setTablesVersion] = useState(0);
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string; field?: keyof Form | null }>({ kind: 'idle' });

  // Another document, or the same one changed elsewhere: keep the user's unsaved edits.
  const docKey = doc.id;
  const lastId = useRef(doc.id);
  useEffect(() => {
    const fresh = formOf(doc);
    if (lastId.current !== doc.id) {
      lastId.current = doc.id;
      setForm(fresh);
      setState({ kind: 'idle' });
    } else {
      setForm((cur) => {
        const next = { ...fresh };
        for (const k of Object.keys(cur) as (keyof Form)[]) if (cur[k] !== base.current[k]) next[k] = cur[k];
        return next;
      });
    }
    base.current = fresh;
    setCodeInfo(doc.codeInfo);
  }, [doc, docKey]);

  // Read the number-and-symbol as it is typed.
  useEffect(() => {
    const code = form.code.trim();
    if (!code) return setCodeInfo(null);
    if (code === (doc.metadata.code ?? '') && tablesVersion === 0) return setCodeInfo(doc.codeInfo);
    let live = true;
    const timer = setTimeout(() => {
      void api.archive.parseCode({ code }).then((info) => live && setCodeInfo(info), () => live && setCodeInfo(null));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [form.code, doc.metadata.code, doc.codeInfo, tablesVersion]);

  const patch = patchOf(form, doc.metadata);
  const dateOutcome = dateValueOf(form, doc.metadata.date);
  const dateInvalid = Boolean(dateOutcome.startError || dateOutcome.endError);
  const fieldError = (k: keyof Form) => (state.kind === 'error' && state.field === k ? state.message : undefined);
  const titleChanged = form.title.trim() !== doc.title;
  const dirty = titleChanged || Object.keys(patch).length > 0;

  // Leaving with unsaved edits (another document, another tab, closing the viewer) saves them.
  const { setNotice } = useStatus();
  const latest = useRef({ doc, form, onSaved, setNotice, t });
  latest.current = { doc, form, onSaved, setNotice, t };
  useEffect(
    () => () => {
      const { doc: d, form: f, onSaved: saved, setNotice: notice, t: tr } = latest.current;
      const p = patchOf(f, d.metadata);
      const title = f.title.trim() !== d.title && f.title.trim() ? f.title.normalize('NFC') : null;
      if (!title && Object.keys(p).length === 0) return;
      void (async () => {
        try {
          let version = d.version;
          if (title) version = (await api.archive.updateDocument({ id: d.id, title, baseVersion: version })).version;
          if (Object.keys(p).length > 0) await api.archive.updateMetadata({ id: d.id, patch: p, baseVersion: version });
          notice(tr('archive.savedDocument', { id: d.id }));
          saved();
        } catch (e) {
          notice(tr('archive.notSavedDocument', { id: d.id, message: (e as Error).message }), 'error', errorInfo(e).details);
        }
      })();
    },
    [],
  );

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!dirty) return;
    if (dateInvalid) return setState({ kind: 'error', message: t('metadata.dateFixFirst') });
    setState({ kind: 'saving' });
    try {
      let next = doc;
      if (titleChanged) next = { ...next, ...(await api.archive.updateDocument({ id: doc.id, title: form.title.normalize('NFC'), baseVersion: next.version })) };
      if (Object.keys(patch).length > 0) next = await api.archive.updateMetadata({ id: doc.id, patch, baseVersion: next.version });
      onChange(next);
      onSaved();
      setState({ kind: 'saved' });
    } catch (err) {
      setState({ kind: 'error', message: (err as Error).message, field: formFieldOf((err as { field?: string }).field) });
      // Changed elsewhere first: show the document as it now is; the fields edited here keep what was typed.
      if ((err as { code?: string }).code === 'archive.document-conflict') onChange(await api.archive.getDocument({ id: doc.id }));
    }
  };

  const resolve = async (accept: boolean, fields?: ArchivalField[]) => {
    try {
      const next = accept
        ? await api.archive.acceptSuggestions({ id: doc.id, fields, baseVersion: doc.version })
        : await api.archive.dismissSuggestions({ id: doc.id, fields, baseVersion: doc.version });
      // Accepted fields take the stored value even where the form had an edit.
      if (accept) {
        const fresh = formOf(next);
        setForm((cur) => {
          const merged = { ...cur };
          for (const k of Object.keys(fresh) as (keyof Form)[]) if (fresh[k] !== base.current[k]) merged[k] = fresh[k];
          return merged;
        });
      }
      onChange(next);
      if (accept) onSaved();
    } catch (err) {
      setState({ kind: 'error', message: (err as Error).message });
    }
  };

  const set = (k: keyof Form) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [k]: e.target.value }));
    if (state.kind !== 'idle') setState({ kind: 'idle' });
  };

  const text = (k: keyof Form, label: string, opts: { placeholder?: string; rows?: number; hint?: string; wide?: boolean } = {}) => (
    <label className={`mfield${opts.wide ? ' wide' : ''}`}>
      <span>{label}</span>
      {opts.rows ? (
        <AutoTextarea name={k} rows={opts.rows} value={form[k]} onChange={set(k)} placeholder={opts.placeholder} aria-invalid={fieldError(k) ? true : undefined} />
      ) : (
        <input name={k} value={form[k]} onChange={set(k)} placeholder={opts.placeholder} autoComplete="off" spellCheck={false} aria-invalid={fieldError(k) ? true : undefined} />
      )}
      {opts.hint && <small>{opts.hint}</small>}
      {fieldError(k) && (
        <small className="field-error" role="alert">
          {fieldError(k)}
        </small>
      )}
    </label>
  );

  const choice = (k: (typeof CHOICE_FIELDS)[number], label: string, values: readonly string[]) => (
    <label className="mfield">
      <span>{label}</span>
      <select name={k} value={form[k]} onChange={set(k)}>
        <option value="">{t('metadata.none')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );

  const suggestionKeys = (Object.keys(doc.suggestions) as (keyof MetadataSuggestions)[]).filter((k) => suggestionText(k, doc.suggestions));

  return (
    <form className="meta-form" onSubmit={save} onKeyDown={(e) => (e.ctrlKey || e.metaKey) && e.key === 's' && (e.preventDefault(), void save())} data-testid="metadata-panel">
      <div className="meta-scroll">
        <label className="mfield wide">
          <span>{t('archive.docTitle')}</span>
          <AutoTextarea name="docTitle" rows={2} value={form.title} onChange={set('title')} aria-invalid={fieldError('title') ? true : undefined} />
          {fieldError('title') && (
            <small className="field-error" role="alert">
              {fieldError('title')}
            </small>
          )}
        </label>

        {suggestionKeys.length > 0 && (
          <section className="suggestions" aria-label={t('metadata.suggestions')} data-testid="suggestions">
            <header>
              <Icon name="spark" size={16} />
              <div>
                <strong>{t('metadata.suggestions')}</strong>
                <small>{t('metadata.suggestionsHint')}</small>
              </div>
            </header>
            <ul>
              {suggestionKeys.map((k) => (
                <li key={k} data-testid="suggestion" data-field={k}>
                  <span className="s-label">{t(`metadata.${k === 'date' ? 'date' : k}`)}</span>
                  <span className="s-value">{suggestionText(k, doc.suggestions)}</span>
                  <button type="button" className="mini ok" onClick={() => void resolve(true, [k])} title={t('metadata.accept')}>
                    {t('metadata.accept')}
                  </button>
                  <button type="button" className="mini" onClick={() => void resolve(false, [k])} title={t('metadata.dismiss')}>
                    {t('metadata.dismiss')}
                  </button>
                </li>
              ))}
            </ul>
            {suggestionKeys.length > 1 && (
              <div className="s-all">
                <button type="button" className="mini ok" onClick={() => void resolve(true)}>
                  {t('metadata.acceptAll')}
                </button>
                <button type="button" className="mini" onClick={() => void resolve(false)}>
                  {t('metadata.dismissAll')}
                </button>
              </div>
            )}
          </section>
        )}

        <fieldset className="msection">
          <legend>{t('metadata.identity')}</legend>
          <div className="mgrid">
            <label className="mfield">
              <span>{t('metadata.code')}</span>
              <input name="code" value={form.code} onChange={set('code')} placeholder={t('metadata.codePlaceholder')} autoComplete="off" spellCheck={false} />
              {form.code.trim() !== '' && (
              <small className={`code-info${codeInfo ? ' known' : ''}`} data-testid="code-info" aria-live="polite">
                {codeInfo && (codeInfo.typeName || codeInfo.issuerName)
                    ? `${[codeInfo.typeName, codeInfo.issuerName].filter(Boolean).join(' · ')} (${t(`metadata.codeSystem.${codeInfo.system}`)})`
                    : t('metadata.codeUnknown')}
              </small>
              )}
              {codeInfo && ((codeInfo.typeName && !form.docType.trim()) || (codeInfo.issuerName && !form.issuer.trim())) && (
                <button
                  type="button"
                  className="link-button code-fill"
                  onClick={() =>
                    setForm((f) => ({
                      ...f,
                      docType: f.docType.trim() ? f.docType : (codeInfo.typeName ?? ''),
                      issuer: f.issuer.trim() ? f.issuer : (codeInfo.issuerName ?? ''),
                    }))
                  }
                >
                  {t('metadata.codeFill')}
                </button>
              )}
            </label>
            {codeInfo && form.code.trim() !== '' && <CodeAbbreviationPrompt info={codeInfo} onAdded={() => setTablesVersion((v) => v + 1)} />}
            {text('docType', t('metadata.docType'))}
            {text('issuer', t('metadata.issuer'), { wide: true })}
            <DateField
              form={form}
              outcome={dateOutcome}
              error={fieldError('dateText')}
              onChange={(change) => {
                setForm((f) => (typeof change === 'function' ? { ...f, ...change(f) } : { ...f, ...change }));
                if (state.kind !== 'idle') setState({ kind: 'idle' });
              }}
            />
            {text('place', t('metadata.place'), { wide: true })}
            {text('abstract', t('metadata.abstract'), { rows: 3, wide: true })}
          </div>
        </fieldset>

        <fieldset className="msection">
          <legend>{t('metadata.location')}</legend>
          <div className="mgrid three">
            {text('repository', t('metadata.repository'), { wide: true })}
            {text('fond', t('metadata.fond'))}
            {text('inventory', t('metadata.inventory'))}
            {text('box', t('metadata.box'))}
            {text('file', t('metadata.file'))}
            {text('folio', t('metadata.folio'))}
          </div>
        </fieldset>

        <fieldset className="msection">
          <legend>{t('metadata.character')}</legend>
          <div className="mgrid">
            {choice('secrecy', t('metadata.secrecy'), SECRECY_LEVELS)}
            {choice('urgency', t('metadata.urgency'), URGENCY_LEVELS)}
            {choice('authenticity', t('metadata.authenticity'), AUTHENTICITY)}
            {text('languages', t('metadata.languages'), { placeholder: 'vi; fr' })}
            {text('form', t('metadata.form'), { placeholder: t('metadata.formPlaceholder'), wide: true })}
            {text('condition', t('metadata.condition'), { placeholder: t('metadata.conditionPlaceholder'), wide: true })}
            {text('annotations', t('metadata.annotations'), { rows: 2, wide: true })}
          </div>
        </fieldset>

        <fieldset className="msection">
          <legend>{t('metadata.subjects')}</legend>
          <div className="mgrid">
            {text('tags', t('metadata.tags'), { wide: true, hint: t('metadata.listHint') })}
            {text('people', t('metadata.people'), { wide: true })}
            {text('places', t('metadata.places'), { wide: true })}
            {text('organisations', t('metadata.organisations'), { wide: true })}
            {text('notes', t('metadata.notes'), { rows: 3, wide: true })}
          </div>
        </fieldset>

        <dl className="facts">
          <dt>{t('archive.created')}</dt>
          <dd>{formatDate(doc.createdAt)}</dd>
          <dt>{t('archive.updated')}</dt>
          <dd>{formatDate(doc.updatedAt)}</dd>
          <dt>{t('archive.size')}</dt>
          <dd>
            {t('archive.pages', { count: doc.pageCount })}
            {doc.pages[0] && doc.pages[0].width > 0 ? ` · ${doc.pages[0].width}×${doc.pages[0].height}` : ''}
          </dd>
        </dl>
        {actions}
      </div>
      <div className="meta-actions">
        <span className={`meta-state${state.kind === 'error' ? ' error' : ''}`} aria-live="polite" data-testid="metadata-state">
          {state.kind === 'error' ? (state.field ? t('metadata.notSavedSeeField') : state.message) : state.kind === 'saving' ? t('archive.saving') : state.kind === 'saved' && !dirty ? t('archive.saved') : dirty ? t('archive.unsaved') : ''}
        </span>
        <button className="primary" type="submit" disabled={!dirty || state.kind === 'saving'}>
          {t('archive.save')}
        </button>
      </div>
    </form>
  );
}
