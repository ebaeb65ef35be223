/**
 * When a number-and-symbol has a type or issuer code the tables do not know ("12-BC/ĐUK"), offers
 * to add its full name to the project's own abbreviation table, right where it is missing. Every
 * later code with that abbreviation is then read, here and in the prefill of imported documents.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentCodeInfo } from '../../shared/api/archive';
import { api } from '../platform/platform';

type Table = 'partyTypes' | 'partyIssuers' | 'stateTypes' | 'stateIssuers';

export function CodeAbbreviationPrompt({ info, onAdded }: { info: DocumentCodeInfo; onAdded(): void }) {
  const { t } = useTranslation();
  const party = info.system === 'party';
  const missing: { table: Table; code: string; kind: 'type' | 'issuer' }[] = [];
  if (info.typeCode && !info.typeName) missing.push({ table: party ? 'partyTypes' : 'stateTypes', code: info.typeCode, kind: 'type' });
  if (info.issuerCode && !info.issuerName) missing.push({ table: party ? 'partyIssuers' : 'stateIssuers', code: info.issuerCode, kind: 'issuer' });
  if (missing.length === 0) return null;
  return (
    <div className="code-add wide" data-testid="code-add">
      {missing.map((m) => (
        <AddRow key={`${m.table}:${m.code}`} {...m} label={t(m.kind === 'type' ? 'metadata.codeAddType' : 'metadata.codeAddIssuer', { code: m.code })} onAdded={onAdded} />
      ))}
    </div>
  );
}

function AddRow({ table, code, label, onAdded }: { table: Table; code: string; label: string; onAdded(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const add = async () => {
    if (!name.trim()) return;
    try {
      await api.archive.setCodeAbbreviation({ table, code, name: name.normalize('NFC').trim() });
      setName('');
      setError('');
      onAdded();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="code-add-row">
      <span>{label}</span>
      <input
        name={`abbr-${table}`}
        value={name}
        placeholder={t('metadata.codeAddPlaceholder')}
        aria-label={label}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          void add();
        }}
      />
      <button type="button" onClick={() => void add()} disabled={!name.trim()}>
        {t('metadata.codeAdd')}
      </button>
      {error && <small className="alert small">{error}</small>}
    </div>
  );
}
