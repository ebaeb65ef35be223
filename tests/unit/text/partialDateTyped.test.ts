/**
 * Dates as archivists type them into a document's description: numeric month and year, ISO days
 * from other programs, the place-and-date line of a header, year names (can chi), rằm, leap months
 * and "thu đông".
 */
import { describe, expect, it } from 'vitest';
import { canChiOfYear, formatPartialDate, parseDateLead, parsePartialDate } from '../../../shared/text/partialDate';

const range = (text: string, options = {}) => {
  const d = parsePartialDate(text, options);
  return d ? `${d.start} ${d.end}` : null;
};

describe('parsePartialDate: numbers as typed in a form', () => {
  it('reads a month and year without the word "tháng"', () => {
    for (const s of ['3-1946', '3/1946', '03/1946', '3.1946', 'tháng 03/1946']) expect(range(s), s).toBe('1946-03-01 1946-03-31');
    expect(range('2/1948')).toBe('1948-02-01 1948-02-29');
    expect(range('13/1946')).toBeNull();
  });

  it('reads ISO days and months, but a span of years stays a span', () => {
    expect(range('1946-03-05')).toBe('1946-03-05 1946-03-05');
    expect(range('1946-03')).toBe('1946-03-01 1946-03-31');
    expect(range('1945-12')).toBe('1945-12-01 1945-12-31');
    expect(parsePartialDate('1953-54')).toMatchObject({ precision: 'range', start: '1953-01-01', end: '1954-12-31' });
    expect(range('1946-02-30')).toBeNull();
    expect(range('1946-13')).toBeNull();
  });

  it('reads "đầu/giữa/cuối" with a bare year', () => {
    expect(parsePartialDate('Cuối 1930')).toMatchObject({ start: '1930-09-01', end: '1930-12-31', qualifier: 'late' });
    expect(range('đầu 1946')).toBe('1946-01-01 1946-04-30');
  });

  it('reads past the place of a header’s date line, but not in a chronicle lead', () => {
    expect(parsePartialDate('Hà Nội, ngày 5 tháng 3 năm 1946')).toMatchObject({ start: '1946-03-05', precision: 'day' });
    expect(range('Lai Châu, tháng 3-1961')).toBe('1961-03-01 1961-03-31');
    expect(parseDateLead('Tại Hà Nội, ngày 5-3-1946, Quốc hội họp phiên đầu tiên.')).toBeNull();
    expect(parsePartialDate('Hà Nội')).toBeNull();
  });
});

describe('parsePartialDate: year names, rằm and leap months', () => {
  it('checks a year name against the number written beside it', () => {
    expect(parsePartialDate('Xuân Mậu Thân 1968')).toMatchObject({ precision: 'season', start: '1968-02-01', end: '1968-04-30', calendar: 'solar' });
    expect(parsePartialDate('Tết Mậu Thân 1968')).toMatchObject({ start: '1968-01-29', tet: true });
    expect(parsePartialDate('ngày 15 tháng Giêng năm Bính Tuất 1946')).toMatchObject({ start: '1946-02-16', calendar: 'lunar' });
    expect(parsePartialDate('năm 1946 (Bính Tuất)')).toMatchObject({ calendar: 'lunar', start: '1946-02-02', end: '1947-01-21' });
    // Bính Tuất is 1946, not 1947; Giáp Sửu is no year at all.
    expect(parsePartialDate('Bính Tuất 1947')).toBeNull();
    expect(parsePartialDate('Xuân Mậu Thân 1969')).toBeNull();
    expect(parsePartialDate('năm Giáp Sửu')).toBeNull();
  });

  it('reads a day or month in a named year as lunar, in the cycle 1930–1989 unless told the year nearby', () => {
    expect(parsePartialDate('ngày 15 tháng Giêng năm Bính Tuất')).toMatchObject({ calendar: 'lunar', start: '1946-02-16', end: '1946-02-16', lunarStart: '1946-01-15' });
    expect(parsePartialDate('tháng Giêng năm Mậu Thân')).toMatchObject({ calendar: 'lunar', precision: 'month', start: '1968-01-29', end: '1968-02-27' });
    expect(parsePartialDate('ngày 15 tháng 7 năm Ất Dậu')).toMatchObject({ start: '1945-08-22' });
    expect(parsePartialDate('Tết Mậu Thân')).toMatchObject({ start: '1968-01-29' });
    expect(parsePartialDate('Canh Ngọ')).toMatchObject({ precision: 'year', calendar: 'lunar', start: '1930-01-30' });
    expect(parsePartialDate('ngày 15 tháng Giêng năm Bính Tuất', { defaultYear: 2000 })).toMatchObject({ start: '2006-02-12' });
    expect(parsePartialDate('năm Kỷ Dậu', { canChiCycleStart: 1890 })).toMatchObject({ start: '1909-01-22' });
    expect(canChiOfYear(1946)).toBe('Bính Tuất');
  });

  it('reads rằm as the 15th of a lunar month, and "(ÂL)" as "âm lịch"', () => {
    expect(parsePartialDate('rằm tháng Giêng năm 1968')).toMatchObject({ calendar: 'lunar', start: '1968-02-12' });
    expect(parsePartialDate('Rằm tháng Tám năm Giáp Thân')).toMatchObject({ calendar: 'lunar', lunarStart: '1944-08-15' });
    expect(parsePartialDate('ngày 30 tháng Chạp năm 1944 (ÂL)')).toMatchObject({ calendar: 'lunar', start: '1945-02-12' });
  });

  it('reads a leap month (tháng nhuận)', () => {
    // 2023 had a leap second month: the 5th of it was 26-3-2023, the 5th of the ordinary one 24-2-2023.
    expect(parsePartialDate('ngày 5 tháng 2 nhuận năm 2023 (âm lịch)')).toMatchObject({ calendar: 'lunar', start: '2023-03-26' });
    expect(parsePartialDate('ngày 5 tháng Hai nhuận năm 2023')).toMatchObject({ calendar: 'lunar', start: '2023-03-26' });
    expect(parsePartialDate('ngày 5 tháng 2 năm 2023 (âm lịch)')).toMatchObject({ start: '2023-02-24' });
    expect(parsePartialDate('tháng 2 nhuận năm 2023')).toMatchObject({ start: '2023-03-22', end: '2023-04-19' });
    // 2024 had no leap month.
    expect(parsePartialDate('ngày 5 tháng 2 nhuận năm 2024')).toBeNull();
  });

  it('reads "Thu Đông 1947" from August to January', () => {
    const d = parsePartialDate('Thu Đông 1947');
    expect(d).toMatchObject({ precision: 'season', season: 'autumn-winter', start: '1947-08-01', end: '1948-01-31' });
    expect(formatPartialDate(d!)).toBe('thu đông 1947');
  });
});

describe('parsePartialDate: the forms of the metadata date field', () => {
  it.each([
    ['tháng 3-1946', '1946-03-01', '1946-03-31'],
    ['Cuối năm 1930', '1930-09-01', '1930-12-31'],
    ['ngày 19-8-1945', '1945-08-19', '1945-08-19'],
    ['Xuân Mậu Thân 1968', '1968-02-01', '1968-04-30'],
    ['ngày 15 tháng Giêng năm Bính Tuất', '1946-02-16', '1946-02-16'],
    ['ngày 15 tháng Giêng năm 1946 (âm lịch)', '1946-02-16', '1946-02-16'],
    ['1945-1954', '1945-01-01', '1954-12-31'],
    ['Đông Xuân 1953-1954', '1953-11-01', '1954-04-30'],
  ])('%s → %s … %s', (text, start, end) => {
    expect(parsePartialDate(text)).toMatchObject({ start, end });
  });
});
