/**
 * The catalogue's filter and order as command-line flags, shared by `suquan search` and
 * `suquan catalogue`:
 *   --type NQ|"Nghị quyết"  --issuer TU|"Huyện ủy"  --from 1945  --to 1975-04 (or 4-1975)
 *   --fond …  --inventory …  --box …  --file …  --repository …  --secrecy Mật|none  --tag …
 *   --text none|ocr|typed  --exact  --sort date|code|…  --desc
 * Lists are comma-separated ("--type NQ,CT").
 */
import { catalogueFilterSchema, catalogueSortSchema, SORT_KEYS, type CatalogueFilter, type CatalogueSort } from '../../../shared/api/catalogue';
import { filterDate } from '../../../shared/archive/filterDate';
import { UserFacingError } from '../../../shared/errors';
import type { CliContext } from './command';

const list = (v: string | boolean | undefined) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** A --from/--to date typed as an archivist types it (shared/archive/filterDate.ts), or one sentence. */
export function isoFromTyped(value: string, flag: 'from' | 'to'): string {
  const iso = filterDate(value, flag);
  if (iso) return iso;
  throw new UserFacingError('cli.bad-date', `Không đọc được ngày “${value}” của --${flag}: hãy viết năm (1945), tháng-năm (4-1975 hoặc 1975-04) hoặc ngày-tháng-năm (30-4-1975).`);
}

export function filterFromFlags(ctx: CliContext, words?: string): CatalogueFilter {
  const f = ctx.flags;
  const str = (k: string) => (typeof f[k] === 'string' && f[k] !== '' ? (f[k] as string) : undefined);
  const raw: Record<string, unknown> = {
    words: words?.trim() || str('words'),
    exact: f.exact === true || undefined,
    from: str('from') && isoFromTyped(str('from')!, 'from'),
    to: str('to') && isoFromTyped(str('to')!, 'to'),
    docTypes: list(f.type),
    issuers: list(f.issuer),
    repository: str('repository'),
    fond: str('fond'),
    inventory: str('inventory'),
    box: str('box'),
    file: str('file'),
    secrecy: list(f.secrecy),
    tags: list(f.tag),
    textStates: list(f.text),
  };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  const parsed = catalogueFilterSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = { docTypes: 'type', issuers: 'issuer', textStates: 'text', tags: 'tag' }[String(issue.path[0])] ?? String(issue.path[0]);
    throw new UserFacingError('cli.bad-filter', `Giá trị của --${flag} không dùng được: ${issue.message}`);
  }
  return parsed.data;
}

export function sortFromFlags(ctx: CliContext, fallback: CatalogueSort): CatalogueSort {
  const key = ctx.flags.sort;
  if (key === undefined) return { ...fallback, ...(ctx.flags.desc === true ? { descending: true } : {}) };
  if (typeof key !== 'string' || !(SORT_KEYS as readonly string[]).includes(key))
    throw new UserFacingError('cli.bad-sort', `Không sắp xếp được theo “${String(key)}”: hãy chọn một trong ${SORT_KEYS.join(', ')}.`);
  return catalogueSortSchema.parse({ key, descending: ctx.flags.desc === true });
}

/** True when any filter flag was given (a search may then have no words). */
export function hasFilterFlags(ctx: CliContext): boolean {
  return ['type', 'issuer', 'from', 'to', 'repository', 'fond', 'inventory', 'box', 'file', 'secrecy', 'tag', 'text'].some((k) => ctx.flags[k] !== undefined);
}
