/**
 * The list of documents to collect (cần sưu tầm): every document the archive's texts or the
 * manuscript refer to by number-and-symbol that is not in the archive, with how often and where it
 * is cited, in code order; and the list as a spreadsheet (CSV in UTF-8 with a BOM for Excel, or
 * XLSX).
 *
 * "Not in the archive" is read within terms: a 1950 letter citing 16-NQ/TW when the archive holds
 * the resolutions of 1955 and 2022 asks for an earlier one (of khóa I), as neither can be meant;
 * a reference any archived document may answer (referenceResolution.ts) is not listed. References
 * to the same code are one document to collect per term (Central Committee codes) or year (State
 * codes), as far as the citing texts tell; the earliest dated citing text bounds when it was issued.
 */
import type { ToCollectItem, ToCollectList, ToCollectPlace } from '../../../shared/api/archive';
import { compareVietnamese } from '../../../shared/text/collate';
import { parseDocumentCode } from '../../../shared/text/documentCode';
import { defaultTables, type DocumentCodeTables } from '../../../shared/text/documentCodeTables';
import { CENTRAL_COMMITTEE_TERMS, formatPeriod, periodOfReference, periodStart, type CodeNumbering } from '../../../shared/text/partyTerms';
import type { Db } from '../store/projectDatabase';
import { candidatesFor, manuscriptReferences, toResolve } from './referenceIndex';
import { resolveReference } from './referenceResolution';

/** Places listed per document to collect (the count of all of them is kept). */
const MAX_PLACES = 200;

/** A place before the titles are read. */
type Place = { kind: 'document'; documentId: number; pageSeq: number; count: number } | { kind: 'chapter'; bookId: number; nodeId: number; count: number };

interface Group {
  key: string;
  code: string;
  numbering: CodeNumbering;
  /** 't13', 'y1961' or '' when the citing texts do not tell (partyTerms.ts periodOfReference). */
  period: string;
  count: number;
  notAfter: string | null;
  written: string;
  places: Map<string, Place>;
}

const cache = new WeakMap<Db, { stamp: string; list: ToCollectList }>();

/** A reference with the date of the document that makes it (none for a document without one). */
const FROM = `FROM document_refs r LEFT JOIN document_codes c ON c.document_id = r.document_id`;
/** A document's own number in its header is no reference (and so no document bearing the code is the citing one). */
const OWN = `r.code_key IS NOT coalesce(c.code_key, '') AND r.code_key IS NOT coalesce(c.suggested_key, '')`;
/** The date written with the reference counts, unless it is later than the citing text. */
const WRITTEN = `(r.date_start IS NOT NULL AND (c.date_end IS NULL OR r.date_start <= c.date_end))`;

/** The Central Committee term of a day (-1 before 1930), in SQL: the table of congresses. */
function termSql(day: string): string {
  const t = CENTRAL_COMMITTEE_TERMS;
  return `(CASE WHEN ${day} < '${t[0]!.start}' THEN -1 ${t.slice(1).map((x, i) => `WHEN ${day} < '${x.start}' THEN ${t[i]!.number}`).join(' ')} ELSE ${t.at(-1)!.number} END)`;
}

/**
 * partyTerms.ts periodOfReference in SQL, for a span (start, end) already chosen — the date
 * written with the reference when `written`, else the citing text's when the numbering has
 * periods — so the list groups in the database (a function call per row costs more than the query).
 */
export function periodSql(numbering: string, start: string, end: string, written: string): string {
  return `(CASE WHEN ${start} IS NULL THEN ''
    WHEN ${numbering} = 'central-term' THEN (CASE WHEN ${termSql(start)} = ${termSql(end)} AND ${termSql(start)} >= 0 THEN 't' || ${termSql(start)} ELSE '' END)
    WHEN (${numbering} <> 'local-term' OR ${written}) AND substr(${start}, 1, 4) = substr(${end}, 1, 4) THEN 'y' || substr(${start}, 1, 4)
    ELSE '' END)`;
}

/**
 * What is missing from the archive, read from the reference index and the manuscript. `tables`
 * are the project's code tables (its own abbreviations included). Kept until the database
 * changes (this connection's writes, or another's).
 */
export function toCollect(db: Db, tables: DocumentCodeTables): ToCollectList {
  const stamp = `${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}|${db.pragma('data_version', { simple: true })}|${tables === defaultTables ? '' : JSON.stringify(tables)}`;
  const hit = cache.get(db);
  if (hit && hit.stamp === stamp) return hit.list;
  const list = computeToCollect(db, tables);
  cache.set(db, { stamp, list });
  return list;
}

function computeToCollect(db: Db, tables: DocumentCodeTables): ToCollectList {
  const t0 = performance.now();
  const groups = new Map<string, Group>();
  const add = (ref: { key: string; code: string; numbering: CodeNumbering }, period: string, place: Place, referrerEnd: string | null, written: string | null) => {
    const id = `${ref.key}|${period}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key: ref.key, code: ref.code, numbering: ref.numbering, period, count: 0, notAfter: null, written: '', places: new Map() }));
    g.count += place.count;
    if (referrerEnd && (g.notAfter === null || referrerEnd < g.notAfter)) g.notAfter = referrerEnd;
    if (!g.written && written) g.written = /^\d{4}$/u.test(written) ? `năm ${written}` : written;
    const pid = place.kind === 'document' ? `d${place.documentId}` : `c${place.nodeId}`;
    const p = g.places.get(pid);
    if (p) p.count += place.count;
    else g.places.set(pid, { ...place });
  };

  // The archive, in SQL with the index: references no archived document can answer (the rule of
  // referenceResolution.ts: none bearing the code is undated, or dated within the date written
  // with the reference, or else issued on or before the referring text: each a seek in the
  // index on code and date), aggregated per code, term and citing document. A document's own
  // number in its header is no reference (and so no document bearing the code is the citing one).
  const rows = db
    .prepare(
      `WITH missing AS (
         SELECT r.code_key, r.code, r.numbering, r.document_id, r.seq, r.date_text, c.date_end AS re,
                ${WRITTEN} AS w,
                CASE WHEN ${WRITTEN} THEN r.date_start WHEN r.numbering <> 'local-term' THEN c.date_start END AS ss,
                CASE WHEN ${WRITTEN} THEN r.date_end WHEN r.numbering <> 'local-term' THEN c.date_end END AS se
         ${FROM}
         WHERE ${OWN} AND r.term IS NULL
           AND NOT EXISTS (SELECT 1 FROM document_codes b WHERE b.code_key = r.code_key AND b.date_start IS NULL)
           AND CASE WHEN ${WRITTEN}
                    THEN NOT EXISTS (SELECT 1 FROM document_codes b WHERE b.code_key = r.code_key AND b.date_start <= r.date_end AND b.date_end >= r.date_start)
                    WHEN c.date_end IS NULL THEN NOT EXISTS (SELECT 1 FROM document_codes b WHERE b.code_key = r.code_key)
                    ELSE NOT EXISTS (SELECT 1 FROM document_codes b WHERE b.code_key = r.code_key AND b.date_start <= c.date_end) END)
       SELECT code_key, min(code), numbering, ${periodSql('numbering', 'ss', 'se', 'w')} AS period, document_id, count(*), min(seq), min(re), max(date_text)
       FROM missing
       -- "+": grouped in a sorter, not by walking the code index (which would read the rows in random order)
       GROUP BY +code_key, period, document_id`,
    )
    .raw()
    .iterate() as Iterable<[string, string, CodeNumbering, string, number, number, number, string | null, string | null]>;
  for (const [key, code, numbering, period, documentId, count, pageSeq, re, written] of rows)
    add({ key, code, numbering }, period, { kind: 'document', documentId, pageSeq, count }, re, written);

  // A term written with a reference ("… khóa II") means something only for Central Committee
  // codes: those few are resolved one by one, as are the manuscript's references.
  const termed = (db.prepare(`SELECT ${READ} ${FROM} WHERE ${OWN} AND r.term IS NOT NULL`).raw().all() as TermRow[]).map(
    ([documentId, pageSeq, key, code, ds, de, dt, term, numbering, rs, re]) => ({
      ref: { key, code, numbering, term, date: ds && de ? { start: ds, end: de, text: dt ?? '' } : null },
      referrer: rs && re ? { start: rs, end: re } : null,
      place: { kind: 'document', documentId, pageSeq, count: 1 } as Place,
    }),
  );
  const manuscript = manuscriptReferences(db, tables);
  const oneByOne = [
    ...termed,
    ...manuscript.refs.map((r) => ({ ref: r, referrer: r.entryDate, place: { kind: 'chapter', bookId: r.bookId, nodeId: r.nodeId, count: 1 } as Place })),
  ];
  const candidates = candidatesFor(
    db,
    oneByOne.map((c) => c.ref.key),
  );
  for (const c of oneByOne) {
    const all = (candidates.get(c.ref.key) ?? []).filter((d) => c.place.kind !== 'document' || d.id !== c.place.documentId);
    if (resolveReference(toResolve(c.ref, c.referrer), all).status !== 'missing') continue;
    add(c.ref, periodOfReference(c.ref.numbering, c.ref.date, c.ref.term, c.referrer), c.place, c.referrer?.end ?? null, c.ref.date?.text ?? null);
  }

  // Citings that tell no term join the one group of their code that has one.
  const byKey = new Map<string, Group[]>();
  for (const g of groups.values()) {
    const l = byKey.get(g.key);
    if (l) l.push(g);
    else byKey.set(g.key, [g]);
  }
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    const unknown = list.find((g) => g.period === '');
    const known = list.filter((g) => g.period !== '');
    if (!unknown || known.length !== 1) continue;
    const into = known[0]!;
    into.count += unknown.count;
    if (unknown.notAfter && (into.notAfter === null || unknown.notAfter < into.notAfter)) into.notAfter = unknown.notAfter;
    into.written ||= unknown.written;
    for (const [pid, p] of unknown.places) {
      const q = into.places.get(pid);
      if (q) q.count += p.count;
      else into.places.set(pid, p);
    }
    groups.delete(`${unknown.key}|`);
  }

  // The places shown, most citing first, with their titles.
  const shown = new Map<Group, Place[]>();
  const docIds = new Set<number>();
  for (const g of groups.values()) {
    const sorted = [...g.places.values()].sort((a, b) => b.count - a.count || placeOrder(a) - placeOrder(b)).slice(0, MAX_PLACES);
    shown.set(g, sorted);
    for (const p of sorted) if (p.kind === 'document') docIds.add(p.documentId);
  }
  const titles = new Map<number, string>();
  if (docIds.size)
    for (const [id, title] of db.prepare('SELECT id, title FROM documents WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify([...docIds])) as [number, string][])
      titles.set(id, title);

  const items: (ToCollectItem & { sort: SortKey })[] = [];
  // A code is listed once per term or year it is missing in: read once.
  const parsedCodes = new Map<string, ReturnType<typeof parseDocumentCode>>();
  for (const [g, places] of shown) {
    let parsed = parsedCodes.get(g.code);
    if (parsed === undefined) parsedCodes.set(g.code, (parsed = parseDocumentCode(g.code, tables)));
    items.push({
      code: g.code,
      typeName: parsed?.typeName ?? '',
      issuerName: parsed?.issuerName ?? '',
      period: formatPeriod(g.period),
      written: g.written,
      notAfter: g.notAfter,
      count: g.count,
      places: places.map((p): ToCollectPlace =>
        p.kind === 'document' ? { kind: 'document', documentId: p.documentId, title: titles.get(p.documentId) ?? '', pageSeq: p.pageSeq, count: p.count } : { kind: 'chapter', bookId: p.bookId, bookTitle: manuscript.books.get(p.bookId) ?? '', nodeId: p.nodeId, nodeTitle: manuscript.nodes.get(p.nodeId) ?? '', count: p.count },
      ),
      placeCount: g.places.size,
      sort: sortKeyOf(g, parsed),
    });
  }
  items.sort((a, b) => compareSortKeys(a.sort, b.sort));
  const references = items.reduce((n, i) => n + i.count, 0);
  return { items: items.map(({ sort: _s, ...item }) => item), references, durationMs: Math.round(performance.now() - t0) };
}

const READ = 'r.document_id, r.seq, r.code_key, r.code, r.date_start, r.date_end, r.date_text, r.term, r.numbering, c.date_start, c.date_end';
type TermRow = [number, number, string, string, string | null, string | null, string | null, string, CodeNumbering, string | null, string | null];

const placeOrder = (p: Place) => (p.kind === 'document' ? p.documentId : 1e12 + p.nodeId);

interface SortKey {
  group: number;
  issuer: string;
  type: string;
  number: number;
  year: string;
  period: string;
  code: string;
}

/**
 * Code order as an archivist reads a list: Party documents of the Central Committee, then the
 * province's and district's, then State documents; within them by issuing body, type, number,
 * and the term or year.
 */
function sortKeyOf(g: Group, parsed: ReturnType<typeof parseDocumentCode>): SortKey {
  const group = parsed?.system === 'state' ? 2 : g.numbering === 'central-term' ? 0 : 1;
  return {
    group,
    issuer: parsed?.issuerCode ?? '',
    type: parsed?.typeCode ?? '',
    number: parsed ? Number(parsed.number) : Number.MAX_SAFE_INTEGER,
    year: parsed?.year ?? '',
    period: periodStart(g.period),
    code: g.code,
  };
}

function compareSortKeys(a: SortKey, b: SortKey): number {
  return (
    a.group - b.group ||
    compareVietnamese(a.issuer, b.issuer) ||
    compareVietnamese(a.type, b.type) ||
    a.year.localeCompare(b.year) ||
    a.number - b.number ||
    a.period.localeCompare(b.period) ||
    compareVietnamese(a.code, b.code)
  );
}
