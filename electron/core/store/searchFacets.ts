/**
 * A document's description as search tokens (the `facets` column of the search index, migration
 * 0016), and a catalogue filter as an FTS5 expression over them: written side by side so that they
 * cannot drift. With both in the index, "nhân dân" among the resolutions of 1960–1975 is one
 * intersection of posting lists, not a check of every page that says "nhân dân".
 *
 * Tokens are a two-letter kind and the folded value, letters and digits only:
 *   zc<type code> zt<type name>  zi<issuer code> zn<issuer name>  zy<year> (each year the date spans)
 *   zr zf zl zb zh <kho, phông, mục lục, hộp, hồ sơ>  zs<độ mật> (zsnone)  zg<tag>
 * The expression may keep more than the filter (years, not days; a phông's name folded): the
 * catalogue's own SQL conditions decide exactly afterwards.
 */
import type { CatalogueFilter } from '../../../shared/api/catalogue';
import { parseStoredMetadata } from '../../../shared/archive/metadata';
import { foldKey } from '../../../shared/text/fold';
import { catalogueRowValues } from './catalogueRow';

/** Dates spanning more years than this get no year tokens (they are checked by the catalogue). */
const MAX_YEARS = 120;

const tok = (kind: string, value: string) => {
  const v = foldKey(value).toLowerCase();
  return v ? `z${kind}${v}` : '';
};

export function facetTokens(metadataJson: string): string {
  const m = parseStoredMetadata(metadataJson);
  const row = catalogueRowValues('', metadataJson);
  const out = [tok('c', row.type_code), tok('t', row.doc_type), tok('i', row.issuer_code), tok('n', row.issuer)];
  if (row.date_start && row.date_end) {
    const from = Number(row.date_start.slice(0, 4));
    const to = Number(row.date_end.slice(0, 4));
    if (to >= from && to - from <= MAX_YEARS) for (let y = from; y <= to; y++) out.push(`zy${y}`);
  }
  const loc = m.location ?? {};
  out.push(tok('r', loc.repository ?? ''), tok('f', loc.fond ?? ''), tok('l', loc.inventory ?? ''), tok('b', loc.box ?? ''), tok('h', loc.file ?? ''));
  out.push(m.secrecy ? tok('s', m.secrecy) : 'zsnone');
  for (const t of m.tags ?? []) out.push(tok('g', t));
  return out.filter(Boolean).join(' ');
}

/** The facet part of a filter as an FTS5 expression on the `facets` column; '' when the filter has none. */
export function facetExpression(filter: CatalogueFilter): string {
  const all: string[] = [];
  const any = (tokens: string[]) => {
    const t = [...new Set(tokens.filter(Boolean))];
    if (t.length) all.push(t.length === 1 ? t[0]! : `(${t.join(' OR ')})`);
  };
  if (filter.docTypes?.length) any(filter.docTypes.flatMap((v) => [tok('c', v), tok('t', v)]));
  // An issuer's name also keeps the bodies it starts ("Huyện ủy" → every district committee).
  if (filter.issuers?.length) any(filter.issuers.flatMap((v) => [tok('i', v), tok('n', v) && `${tok('n', v)}*`]));
  if (filter.from || filter.to) {
    const from = filter.from ? Number(filter.from.slice(0, 4)) : null;
    const to = filter.to ? Number(filter.to.slice(0, 4)) : null;
    const lo = from ?? (to !== null ? to - MAX_YEARS : 0);
    const hi = to ?? (from !== null ? from + MAX_YEARS : 0);
    if (hi >= lo && hi - lo <= MAX_YEARS) any(Array.from({ length: hi - lo + 1 }, (_, i) => `zy${lo + i}`));
  }
  for (const [field, kind] of [
    ['repository', 'r'],
    ['fond', 'f'],
    ['inventory', 'l'],
    ['box', 'b'],
    ['file', 'h'],
  ] as const) {
    const v = filter[field];
    if (v && v !== '\u0000') any([tok(kind, v)]);
  }
  if (filter.secrecy?.length) any(filter.secrecy.map((s) => (s === 'none' ? 'zsnone' : tok('s', s))));
  for (const t of filter.tags ?? []) any([tok('g', t)]);
  return all.length ? `facets : (${all.join(' AND ')})` : '';
}
