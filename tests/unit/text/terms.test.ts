/**
 * Terms of the Party Central Committee (nhiệm kỳ), how a code's numbers restart, and the date or
 * term a text writes beside a reference.
 */
import { describe, expect, it } from 'vitest';
import { CENTRAL_COMMITTEE_TERMS, centralTermOn, centralTermsBetween, formatPeriod, formatTerm, numberingOf, periodOfReference } from '../../../shared/text/partyTerms';
import { parseDocumentCode } from '../../../shared/text/documentCode';
import { dateAfterReference, readDatedReferences } from '../../../shared/text/referenceDate';

describe('Central Committee terms', () => {
  it('run from one congress to the next, I 1935 to XIV 2026, with no gap or overlap', () => {
    expect(CENTRAL_COMMITTEE_TERMS.map((t) => [t.roman, t.start.slice(0, 4)]).slice(1)).toEqual([
      ['I', '1935'], ['II', '1951'], ['III', '1960'], ['IV', '1976'], ['V', '1982'], ['VI', '1986'], ['VII', '1991'],
      ['VIII', '1996'], ['IX', '2001'], ['X', '2006'], ['XI', '2011'], ['XII', '2016'], ['XIII', '2021'], ['XIV', '2026'],
    ]);
    for (let i = 1; i < CENTRAL_COMMITTEE_TERMS.length; i++) {
      const prev = CENTRAL_COMMITTEE_TERMS[i - 1]!;
      const day = new Date(`${prev.end}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() + 1);
      expect(day.toISOString().slice(0, 10)).toBe(CENTRAL_COMMITTEE_TERMS[i]!.start);
    }
    expect(CENTRAL_COMMITTEE_TERMS.at(-1)!.end).toBeNull();
  });

  it('finds the term of a day, and every term a partial date touches', () => {
    expect(centralTermOn('1955-08-05')!.roman).toBe('II');
    expect(centralTermOn('1975-04-30')!.roman).toBe('III');
    expect(centralTermOn('2022-08-05')!.roman).toBe('XIII');
    expect(centralTermOn('2026-06-01')!.roman).toBe('XIV');
    expect(centralTermOn('1976-12-13')!.roman).toBe('III'); // the day before Đại hội IV opened
    expect(centralTermOn('1976-12-14')!.roman).toBe('IV');
    expect(centralTermOn('1920-01-01')).toBeNull();
    expect(centralTermsBetween('1976-01-01', '1976-12-31').map((t) => t.roman)).toEqual(['III', 'IV']);
    expect(formatTerm(centralTermOn('2023-01-01')!)).toBe('khóa XIII (2021–2026)');
    expect(formatTerm(centralTermOn('2030-01-01')!)).toBe('khóa XIV (từ 2026)');
  });

  it('tells how a code is numbered: Central Committee terms, local terms, years, or a year in the code', () => {
    const n = (code: string) => numberingOf(parseDocumentCode(code)!);
    expect(n('16-NQ/TW')).toBe('central-term');
    expect(n('16-NQ/TƯ')).toBe('central-term');
    expect(n('14514-CV/VPTW')).toBe('central-term');
    expect(n('05-NQ/TU')).toBe('local-term');
    expect(n('12-CT/HU')).toBe('local-term');
    expect(n('123/QĐ-UBND')).toBe('year');
    expect(n('30/2020/NĐ-CP')).toBe('in-code');
  });
});

describe('the period a cited number belongs to', () => {
  const year = (y: number) => ({ start: `${y}-01-01`, end: `${y}-12-31` });
  it('is the term of the date written with it, else of the term written, else of the citing text', () => {
    expect(periodOfReference('central-term', year(2022), null, year(2023))).toBe('t13');
    expect(periodOfReference('central-term', null, 'II', year(2023))).toBe('t2');
    expect(periodOfReference('central-term', null, null, year(1950))).toBe('t1');
    // A written date later than the citing text is the date of something else.
    expect(periodOfReference('central-term', year(2022), null, year(1975))).toBe('t3');
    // A year spanning two terms tells none.
    expect(periodOfReference('central-term', null, null, year(1976))).toBe('');
  });
  it('is the year for State codes and for any code with a date written; unknown for a provincial code alone', () => {
    expect(periodOfReference('year', null, null, year(2019))).toBe('y2019');
    expect(periodOfReference('local-term', year(1961), null, year(1963))).toBe('y1961');
    expect(periodOfReference('local-term', null, null, year(1963))).toBe('');
    expect([formatPeriod('t13'), formatPeriod('y1961'), formatPeriod('')]).toEqual(['khóa XIII (2021–2026)', 'năm 1961', '']);
  });
});

describe('the date or term written with a reference', () => {
  const at = (text: string) => {
    const [ref] = readDatedReferences(text);
    return ref ? { code: ref.code, date: ref.date && [ref.date.start, ref.date.end, ref.date.text], term: ref.term } : null;
  };

  it('reads a day, a month, a year or a term after the code', () => {
    expect(at('Thực hiện Nghị quyết số 16-NQ/TW ngày 5-8-2022 của Bộ Chính trị')).toEqual({ code: '16-NQ/TW', date: ['2022-08-05', '2022-08-05', 'ngày 5-8-2022'], term: undefined });
    expect(at('Nghị quyết số 16-NQ/TW, ngày 05 tháng 8 năm 2022 của Bộ Chính trị')!.date).toEqual(['2022-08-05', '2022-08-05', 'ngày 05 tháng 8 năm 2022']);
    expect(at('theo Nghị quyết 16-NQ/TW năm 1955 về')!.date).toEqual(['1955-01-01', '1955-12-31', 'năm 1955']);
    expect(at('Nghị quyết 16-NQ/TW (1955) đã chỉ rõ')!.date).toEqual(['1955-01-01', '1955-12-31', '1955']);
    expect(at('Chỉ thị số 05-CT/TU tháng 3-1961 của Tỉnh ủy')!.date).toEqual(['1961-03-01', '1961-03-31', 'tháng 3-1961']);
    expect(at('Nghị quyết số 16-NQ/TW của Bộ Chính trị ngày 5/8/2022')!.date).toEqual(['2022-08-05', '2022-08-05', 'ngày 5/8/2022']);
    expect(at('Nghị quyết số 16-NQ/TW của Ban Chấp hành Trung ương khóa II về')).toEqual({ code: '16-NQ/TW', date: undefined, term: 'II' });
    // The year in a State legal document's own code.
    expect(at('theo Nghị định 30/2020/NĐ-CP của Chính phủ')!.date).toEqual(['2020-01-01', '2020-12-31', '2020']);
  });

  it('does not take the abstract, another sentence or a number for the date', () => {
    expect(at('Nghị quyết số 16-NQ/TW của Bộ Chính trị về phát triển đến năm 2030')!.date).toBeUndefined();
    expect(at('Nghị quyết số 16-NQ/TW. Ngày 5-8-1975 Tỉnh ủy họp')!.date).toBeUndefined();
    expect(at('Nghị quyết số 16-NQ/TW đã được 30 chi bộ quán triệt')!.date).toBeUndefined();
    expect(dateAfterReference('16-NQ/TW năm 1800', 8)).toEqual({});
  });
});
