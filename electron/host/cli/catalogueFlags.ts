/**
 * The catalogue's filter and order as command-line flags, shared by `suquan search` and
 * `suquan catalogue`:
 *   --type NQ|"Nghị quyết"  --issuer TU|"Huyện ủy"  --from 1945  --to 1975-04 (or 4-1975)
 *   --fond …  --inventory …  --box …  --file …  --repository …  --secrecy Mật|none  --tag …
 *   --text none|ocr|typed  --exact  --sort date|code|…  --desc
 * Lists are comma-separated ("--type NQ,CT").
 */
import { catalogueFilterSchema, catalogueSortSchema, SORT_KEYS, type CatalogueFilter, type CatalogueSort } from '../../../shared/api/catalogue';
import { UserFacingError } from '../../../shared/errors';
import type { CliContext } from './command';

const list = (v: string | boolean | undefined) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** "1945", "1975-04", "1975-04-30", "4-1975", "30-4-1975", "30/4/1975" → ISO (year, month or day). */
export function isoFromTyped(value: string, flag: string): string {
  const v = value.trim();
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) return v;
  const m = /^(?:(\d{1,2})[-/.])?(\d{1,2})[-/.](\d{4})$/.exec(v);
  if (m) {
    const [, d, mo, y] = m;
    if (Number(mo) >= 1 && Number(mo) <= 12 && (!d || (Number(d) >= 1 && Number(d) <= 31)))
      return `${y}-${mo!.padStart(2, '0')}${d ? `-${d.padStart(2, '0')}` : ''}`;
  }
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
