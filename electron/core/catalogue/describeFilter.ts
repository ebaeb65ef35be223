/** A catalogue filter in one Vietnamese line, printed under an exported catalogue's title. */
import { UNPLACED, type CatalogueFilter } from '../../../shared/api/catalogue';

const TEXT_STATE = { none: 'chưa có chữ', ocr: 'chữ nhận dạng', typed: 'chữ đã gõ' } as const;

/** "1975-04" → "4-1975", "1945-08-19" → "19-8-1945". */
function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return [d && String(Number(d)), m && String(Number(m)), y].filter(Boolean).join('-');
}

export function describeFilter(f: CatalogueFilter): string {
  const parts: string[] = [];
  if (f.words?.trim()) parts.push(`từ khóa “${f.words.trim()}”${f.exact ? ' (đúng dấu)' : ''}`);
  if (f.from && f.to) parts.push(`từ ${vnDate(f.from)} đến ${vnDate(f.to)}`);
  else if (f.from) parts.push(`từ ${vnDate(f.from)}`);
  else if (f.to) parts.push(`đến ${vnDate(f.to)}`);
  if (f.docTypes?.length) parts.push(`loại ${f.docTypes.join(', ')}`);
  if (f.issuers?.length) parts.push(`cơ quan ban hành ${f.issuers.join(', ')}`);
  for (const [k, label] of [
    ['repository', 'kho'],
    ['fond', 'phông'],
    ['inventory', 'mục lục'],
    ['box', 'hộp'],
    ['file', 'hồ sơ'],
  ] as const)
    if (f[k]) parts.push(`${label} ${f[k] === UNPLACED ? '(chưa xếp)' : f[k]}`);
  if (f.secrecy?.length) parts.push(`độ mật ${f.secrecy.map((s) => (s === 'none' ? 'không mật' : s)).join(', ')}`);
  if (f.tags?.length) parts.push(`từ khóa gắn ${f.tags.join(', ')}`);
  if (f.textStates?.length) parts.push(f.textStates.map((s) => TEXT_STATE[s]).join(', '));
  return parts.length ? `Lọc theo ${parts.join('; ')}.` : '';
}
