/**
 * Resolving a reference by number-and-symbol within terms: the date written with it decides,
 * else the referring text's date (issued before it, same term or year first, then the closest
 * earlier); several left are ambiguous; none is missing.
 */
import { describe, expect, it } from 'vitest';
import { resolveReference, type Candidate, type ReferenceToResolve } from '../../../electron/core/search/referenceResolution';

const year = (y: number) => ({ start: `${y}-01-01`, end: `${y}-12-31` });
const day = (iso: string) => ({ start: iso, end: iso });
const nq1955: Candidate = { id: 1, date: day('1955-08-05') };
const nq2022: Candidate = { id: 2, date: day('2022-08-05') };
const undated: Candidate = { id: 3, date: null };
const central = (referrer: ReferenceToResolve['referrer'], more: Partial<ReferenceToResolve> = {}): ReferenceToResolve => ({ numbering: 'central-term', referrer, ...more });
const ids = (r: { status: string; documents: Candidate[] }) => [r.status, r.documents.map((d) => d.id)];

describe('resolving 16-NQ/TW of 1955 and of 2022', () => {
  it('a 1975 text means the 1955 resolution (the 2022 one did not exist yet)', () => {
    const r = resolveReference(central(day('1975-04-30')), [nq1955, nq2022]);
    expect(ids(r)).toEqual(['resolved', [1]]);
    expect(r.basis).toBe('closest-earlier');
  });

  it('a 2023 text means the 2022 one, of its own term', () => {
    const r = resolveReference(central(year(2023)), [nq1955, nq2022]);
    expect(ids(r)).toEqual(['resolved', [2]]);
    expect(r.basis).toBe('same-term');
  });

  it('an undated text cannot choose: ambiguous, with both', () => {
    expect(ids(resolveReference(central(null), [nq1955, nq2022]))).toEqual(['ambiguous', [1, 2]]);
  });

  it('a date or term written with the reference decides outright, even in an undated text', () => {
    expect(ids(resolveReference(central(null, { date: year(1955) }), [nq1955, nq2022]))).toEqual(['resolved', [1]]);
    expect(resolveReference(central(null, { date: day('2022-08-05') }), [nq1955, nq2022]).basis).toBe('date-in-text');
    expect(ids(resolveReference(central(year(2023), { term: 'II' }), [nq1955, nq2022]))).toEqual(['resolved', [1]]);
    // A year for which the archive has nothing: missing, not the other one.
    expect(ids(resolveReference(central(null, { date: year(1990) }), [nq1955, nq2022]))).toEqual(['missing', []]);
    // A date later than the text itself is not the document's date: ignored.
    expect(ids(resolveReference(central(year(1975), { date: year(2022) }), [nq1955, nq2022]))).toEqual(['resolved', [1]]);
  });

  it('a text older than every document bearing the code refers to one not in the archive', () => {
    expect(ids(resolveReference(central(year(1950)), [nq1955, nq2022]))).toEqual(['missing', []]);
    expect(ids(resolveReference(central(year(1950)), []))).toEqual(['missing', []]);
  });

  it('copies (same code, same date) are one document; an undated bearer keeps a choice open', () => {
    const copy: Candidate = { id: 4, date: day('1955-08-05') };
    expect(ids(resolveReference(central(null), [nq1955, copy]))).toEqual(['resolved', [1, 4]]);
    expect(ids(resolveReference(central(day('1975-04-30')), [nq1955, undated, nq2022]))).toEqual(['ambiguous', [1, 3]]);
    expect(ids(resolveReference(central(null), [undated]))).toEqual(['resolved', [3]]);
    // Within its own term a dated bearer is the one, whatever undated ones exist.
    expect(ids(resolveReference(central(year(2023)), [nq2022, undated]))).toEqual(['resolved', [2]]);
  });
});

describe('local and State codes', () => {
  it('a provincial code (terms unknown) resolves to the closest earlier document', () => {
    const a: Candidate = { id: 10, date: day('1961-02-03') };
    const b: Candidate = { id: 11, date: day('1964-05-01') };
    const local = (referrer: ReferenceToResolve['referrer']): ReferenceToResolve => ({ numbering: 'local-term', referrer });
    expect(ids(resolveReference(local(year(1963)), [a, b]))).toEqual(['resolved', [10]]);
    expect(ids(resolveReference(local(year(1970)), [a, b]))).toEqual(['resolved', [11]]);
    expect(resolveReference(local(year(1970)), [a, b]).basis).toBe('closest-earlier');
  });

  it('a State number restarts every year: the same year first', () => {
    const y2019: Candidate = { id: 20, date: day('2019-03-01') };
    const y2020: Candidate = { id: 21, date: day('2020-11-01') };
    const r = resolveReference({ numbering: 'year', referrer: day('2020-12-01') }, [y2019, y2020]);
    expect(ids(r)).toEqual(['resolved', [21]]);
    expect(r.basis).toBe('same-year');
  });
});
