import { describe, expect, it } from 'vitest';
import {
  comparePartialDates, formatPartialDate, formatVietnameseDate, parseDateLead, parsePartialDate,
} from '../../../shared/text/partialDate';
import type { PartialDate } from '../../../shared/text/partialDate';

function parse(text: string, defaultYear?: number): PartialDate {
  const d = parsePartialDate(text, defaultYear === undefined ? {} : { defaultYear });
  if (!d) throw new Error(`did not parse: ${text}`);
  return d;
}

describe('parsePartialDate: days', () => {
  it('reads a day with hyphens, slashes, dots or words', () => {
    for (const s of ['ngày 19-8-1945', 'Ngày 19/8/1945', '19.8.1945', 'ngày 19 tháng 8 năm 1945', 'Ngày 19 - 8 - 1945.']) {
      expect(parse(s), s).toMatchObject({ start: '1945-08-19', end: '1945-08-19', precision: 'day', calendar: 'solar' });
    }
    expect(parse('ngày 03 tháng 4 năm 2018')).toMatchObject({ start: '2018-04-03', precision: 'day' });
  });

  it('keeps the author’s text as the original, without trailing punctuation', () => {
    expect(parse('Ngày 24/8/1945:').original).toBe('Ngày 24/8/1945');
  });

  it('rejects impossible days and things that are not dates', () => {
    for (const s of ['30-2-1950', '29-2-1950', '32-1-1950', 'ngày 5-13-1950', 'Hà Nội', '', '19-8', 'số 16-NQ/TW']) {
      expect(parsePartialDate(s), s).toBeNull();
    }
    expect(parsePartialDate('29-2-1948')).not.toBeNull();
  });

  it('takes the year from the chronicle section when the entry leaves it out', () => {
    expect(parse('Ngày 5-3', 1950)).toMatchObject({ start: '1950-03-05', precision: 'day' });
    expect(parse('Tháng 6', 1950)).toMatchObject({ start: '1950-06-01', end: '1950-06-30' });
    expect(parse('Cuối năm', 1950)).toMatchObject({ qualifier: 'late', start: '1950-09-01' });
  });

  it('reads the time of day and the clock', () => {
    expect(parse('đêm 19-12-1946')).toMatchObject({ start: '1946-12-19', precision: 'day', partOfDay: 'night' });
    expect(parse('rạng sáng 30-4-1975')).toMatchObject({ start: '1975-04-30', partOfDay: 'dawn' });
    expect(parse('16 giờ 30 phút ngày 30-4-1975')).toMatchObject({ start: '1975-04-30', time: '16:30' });
    expect(parse('20 giờ ngày 19-12-1946')).toMatchObject({ time: '20:00', start: '1946-12-19' });
  });
});

describe('parsePartialDate: ranges and lists of days', () => {
  it('reads "from … to …" with the first end borrowing month and year from the second', () => {
    expect(parse('từ ngày 28-2 đến ngày 3-3-1961')).toMatchObject({ start: '1961-02-28', end: '1961-03-03', precision: 'range' });
    expect(parse('Từ ngày 11 đến 19-2-1951')).toMatchObject({ start: '1951-02-11', end: '1951-02-19', precision: 'range' });
    expect(parse('từ ngày 30-12-1946 đến ngày 2-1-1947')).toMatchObject({ start: '1946-12-30', end: '1947-01-02' });
    expect(parse('từ tháng 3 đến tháng 5-1950')).toMatchObject({ start: '1950-03-01', end: '1950-05-31' });
  });

  it('gives each end of a range as a date of its own', () => {
    const d = parse('từ ngày 28-2 đến ngày 3-3-1961');
    expect(d.from).toMatchObject({ precision: 'day', start: '1961-02-28' });
    expect(d.to).toMatchObject({ precision: 'day', start: '1961-03-03' });
  });

  it('reads a list of days', () => {
    expect(parse('ngày 15 và 16-3-1961')).toMatchObject({ start: '1961-03-15', end: '1961-03-16', days: ['1961-03-15', '1961-03-16'] });
    expect(parse('ngày 30-4 và 1-5-1975').days).toEqual(['1975-04-30', '1975-05-01']);
    expect(parse('các ngày 2, 3 và 4-9-1945').days).toEqual(['1945-09-02', '1945-09-03', '1945-09-04']);
  });

  it('reads the night of one day into the dawn of the next', () => {
    expect(parse('đêm 19 rạng sáng 20-12-1946')).toMatchObject({ start: '1946-12-19', end: '1946-12-20', precision: 'range' });
  });

  it('reads a range of months in one year', () => {
    expect(parse('Tháng 7-8/1931')).toMatchObject({ start: '1931-07-01', end: '1931-08-31', precision: 'range' });
  });

  it('reads ranges of years and congress terms', () => {
    expect(parse('1945-1954')).toMatchObject({ start: '1945-01-01', end: '1954-12-31', precision: 'range' });
    expect(parse('1953–54')).toMatchObject({ start: '1953-01-01', end: '1954-12-31' });
    expect(parse('nhiệm kỳ 2015-2020')).toMatchObject({ start: '2015-01-01', end: '2020-12-31', term: true });
    expect(parsePartialDate('1954-1945')).toBeNull();
  });

  it('reads a range between two fuzzy ends', () => {
    expect(parse('Cuối năm 1945, đầu năm 1946')).toMatchObject({ start: '1945-09-01', end: '1946-04-30', precision: 'range' });
    expect(parse('Cuối năm 1945 đầu năm 1946')).toMatchObject({ start: '1945-09-01', end: '1946-04-30', precision: 'range' });
    expect(parse('cuối tháng 12-1946 đầu tháng 1-1947')).toMatchObject({ start: '1946-12-21', end: '1947-01-10' });
  });
});

describe('parsePartialDate: months, parts of months, seasons and years', () => {
  it('reads months written with numbers or words', () => {
    expect(parse('Tháng 11-1939')).toMatchObject({ start: '1939-11-01', end: '1939-11-30', precision: 'month' });
    expect(parse('Tháng 6/1945')).toMatchObject({ start: '1945-06-01', precision: 'month' });
    expect(parse('tháng Tám năm 1945')).toMatchObject({ start: '1945-08-01', end: '1945-08-31' });
    expect(parse('tháng Giêng năm 1950').start).toBe('1950-01-01');
    expect(parse('tháng Chạp năm 1946').start).toBe('1946-12-01');
    expect(parse('tháng Mười một năm 1940').start).toBe('1940-11-01');
    expect(parse('tháng Năm 1954').start).toBe('1954-05-01');
    expect(parse('Tháng 2-1952').end).toBe('1952-02-29');
  });

  it('reads the early, middle and late part of a month and the ten-day parts', () => {
    expect(parse('Đầu tháng 3-1950')).toMatchObject({ start: '1950-03-01', end: '1950-03-10', qualifier: 'early', precision: 'month' });
    expect(parse('Cuối tháng 3-1950')).toMatchObject({ start: '1950-03-21', end: '1950-03-31', qualifier: 'late' });
    expect(parse('Thượng tuần tháng 5-1954')).toMatchObject({ start: '1954-05-01', end: '1954-05-10', precision: 'ten-day' });
    expect(parse('Trung tuần tháng 5-1954')).toMatchObject({ start: '1954-05-11', end: '1954-05-20' });
    expect(parse('Hạ tuần tháng 2-1954')).toMatchObject({ start: '1954-02-21', end: '1954-02-28' });
  });

  it('reads the early, middle and late part of a year', () => {
    expect(parse('Đầu năm 1930')).toMatchObject({ precision: 'year', qualifier: 'early', start: '1930-01-01' });
    expect(parse('Giữa năm 1930')).toMatchObject({ qualifier: 'mid' });
    expect(parse('Cuối năm 1930')).toMatchObject({ qualifier: 'late', end: '1930-12-31' });
  });

  it('reads seasons, quarters and half-years', () => {
    expect(parse('Mùa xuân 1947')).toMatchObject({ precision: 'season', season: 'spring', start: '1947-02-01', end: '1947-04-30' });
    expect(parse('Đông Xuân 1953-1954')).toMatchObject({ precision: 'season', season: 'winter-spring', start: '1953-11-01', end: '1954-04-30' });
    expect(parse('mùa khô 1965-1966')).toMatchObject({ season: 'dry', start: '1965-11-01' });
    expect(parse('Quý I năm 2010')).toMatchObject({ precision: 'quarter', start: '2010-01-01', end: '2010-03-31' });
    expect(parse('quý III/2010')).toMatchObject({ start: '2010-07-01', end: '2010-09-30' });
    expect(parse('6 tháng đầu năm 1961')).toMatchObject({ precision: 'half-year', start: '1961-01-01', end: '1961-06-30' });
    expect(parse('6 tháng cuối năm 1961')).toMatchObject({ start: '1961-07-01', end: '1961-12-31' });
  });

  it('reads years, approximate years and decades', () => {
    expect(parse('Năm 1960')).toMatchObject({ precision: 'year', start: '1960-01-01', end: '1960-12-31' });
    expect(parse('1960').precision).toBe('year');
    expect(parse('Khoảng năm 1948')).toMatchObject({ precision: 'year', qualifier: 'about' });
    expect(parse('năm 938')).toMatchObject({ start: '0938-01-01' });
    expect(parse('những năm 30 của thế kỷ XX')).toMatchObject({ precision: 'decade', start: '1930-01-01', end: '1939-12-31' });
    expect(parse('Cuối những năm 1950')).toMatchObject({ qualifier: 'late', start: '1957-01-01', end: '1959-12-31' });
  });
});

describe('parsePartialDate: lunar dates', () => {
  it('converts a lunar date to the solar day while remembering the calendar', () => {
    const d = parse('ngày 15 tháng Giêng năm 1968 (âm lịch)');
    expect(d).toMatchObject({ calendar: 'lunar', start: '1968-02-12', lunarStart: '1968-01-15' });
  });

  it('reads Tết as the first day of the lunar year, North Vietnam reckoning from 1968', () => {
    expect(parse('Tết Mậu Thân 1968')).toMatchObject({ calendar: 'lunar', start: '1968-01-29', tet: true });
    expect(parse('Tết Nguyên đán 1975').start).toBe('1975-02-11');
  });

  it('spans a whole lunar month', () => {
    const d = parse('tháng Chạp năm 1945 âm lịch');
    expect(d.calendar).toBe('lunar');
    expect(d.end > d.start).toBe(true);
    expect(d.start.startsWith('1946-01')).toBe(true);
  });
});

describe('comparePartialDates: the chronicle order within a year', () => {
  it('puts "Đầu năm" first, dated entries next, then "Cuối năm", then the bare year', () => {
    const written = ['Năm 1930', 'Cuối năm 1930', 'Ngày 3-2-1930', 'Giữa năm 1930', 'Đầu năm 1930', 'Ngày 20-10-1930', 'Tháng 12-1930', 'Ngày 1-1-1930'];
    const sorted = written.map((s) => parse(s)).sort(comparePartialDates).map((d) => d.original);
    expect(sorted).toEqual(['Đầu năm 1930', 'Ngày 1-1-1930', 'Ngày 3-2-1930', 'Giữa năm 1930', 'Ngày 20-10-1930', 'Tháng 12-1930', 'Cuối năm 1930', 'Năm 1930']);
  });

  it('puts a bare month after that month’s dated entries and "Đầu tháng" before them', () => {
    const written = ['Tháng 3-1950', 'Ngày 31-3-1950', 'Ngày 1-4-1950', 'Đầu tháng 3-1950', 'Ngày 2-3-1950', 'Cuối tháng 3-1950', 'Ngày 28-2-1950'];
    const sorted = written.map((s) => parse(s)).sort(comparePartialDates).map((d) => d.original);
    expect(sorted).toEqual(['Ngày 28-2-1950', 'Đầu tháng 3-1950', 'Ngày 2-3-1950', 'Ngày 31-3-1950', 'Cuối tháng 3-1950', 'Tháng 3-1950', 'Ngày 1-4-1950']);
  });

  it('sorts lists and ranges of days by their first day, among the dated entries', () => {
    const written = ['Tháng 3-1961', 'Ngày 16-3-1961', 'ngày 15 và 16-3-1961', 'Ngày 20-3-1961', 'Từ ngày 10 đến 12-3-1961', 'Ngày 11-3-1961'];
    const sorted = written.map((s) => parse(s)).sort(comparePartialDates).map((d) => d.original);
    expect(sorted).toEqual(['Từ ngày 10 đến 12-3-1961', 'Ngày 11-3-1961', 'ngày 15 và 16-3-1961', 'Ngày 16-3-1961', 'Ngày 20-3-1961', 'Tháng 3-1961']);
  });

  it('orders one day by the time of day', () => {
    const written = ['đêm 19-12-1946', 'Ngày 19-12-1946', '20 giờ ngày 19-12-1946', 'sáng 19-12-1946'];
    const sorted = written.map((s) => parse(s)).sort(comparePartialDates).map((d) => d.original);
    expect(sorted).toEqual(['Ngày 19-12-1946', 'sáng 19-12-1946', '20 giờ ngày 19-12-1946', 'đêm 19-12-1946']);
  });

  it('puts a span of years before the entries of its first year, and years in order', () => {
    const written = ['Năm 1946', 'Ngày 2-9-1945', '1945-1954', 'Đầu năm 1945', 'Ngày 19-12-1946'];
    const sorted = written.map((s) => parse(s)).sort(comparePartialDates).map((d) => d.original);
    expect(sorted).toEqual(['1945-1954', 'Đầu năm 1945', 'Ngày 2-9-1945', 'Ngày 19-12-1946', 'Năm 1946']);
  });

  it('is antisymmetric and zero only for the same date', () => {
    const a = parse('Tháng 3-1950');
    const b = parse('Cuối tháng 3-1950');
    expect(Math.sign(comparePartialDates(a, b))).toBe(-Math.sign(comparePartialDates(b, a)));
    expect(comparePartialDates(a, parse('Tháng 3-1950'))).toBe(0);
  });
});

describe('formatPartialDate', () => {
  it('prints hyphens for the book and slashes for the web', () => {
    const d = parse('Ngày 19/8/1945');
    expect(formatPartialDate(d, 'print')).toBe('19-8-1945');
    expect(formatPartialDate(d, 'slash')).toBe('19/8/1945');
    expect(formatPartialDate(parse('Tháng 11-1939'), 'slash')).toBe('tháng 11/1939');
  });

  it('writes each kind of date back in the usual words', () => {
    const cases: Array<[string, string]> = [
      ['ngày 03 tháng 4 năm 2018', '3-4-2018'],
      ['Cuối năm 1930', 'cuối năm 1930'],
      ['Đầu tháng 3/1950', 'đầu tháng 3-1950'],
      ['Hạ tuần tháng 5-1954', 'hạ tuần tháng 5-1954'],
      ['Mùa xuân 1947', 'mùa xuân 1947'],
      ['Đông Xuân 1953-1954', 'đông xuân 1953-1954'],
      ['Quý I năm 2010', 'quý I năm 2010'],
      ['6 tháng đầu năm 1961', '6 tháng đầu năm 1961'],
      ['Khoảng năm 1948', 'khoảng năm 1948'],
      ['Từ ngày 11 đến 19-2-1951', 'từ ngày 11 đến ngày 19-2-1951'],
      ['từ ngày 28/2 đến ngày 3/3/1961', 'từ ngày 28-2 đến ngày 3-3-1961'],
      ['ngày 15 và 16-3-1961', 'ngày 15 và 16-3-1961'],
      ['đêm 19-12-1946', 'đêm 19-12-1946'],
      ['16 giờ 30 phút ngày 30-4-1975', '16 giờ 30 phút ngày 30-4-1975'],
      ['nhiệm kỳ 2015-2020', 'nhiệm kỳ 2015-2020'],
      ['1945-1954', '1945-1954'],
      ['tháng Tám năm 1945', 'tháng 8-1945'],
      ['ngày 15 tháng Giêng năm 1968 (âm lịch)', '15-1-1968 (âm lịch)'],
      ['Tết Mậu Thân 1968', 'Tết Mậu Thân 1968'],
    ];
    for (const [input, expected] of cases) expect(formatPartialDate(parse(input)), input).toBe(expected);
  });

  it('can capitalise the lead of an entry', () => {
    expect(formatPartialDate(parse('cuối năm 1930'), 'print', { capitalize: true })).toBe('Cuối năm 1930');
  });

  it('round-trips: what it prints parses back to the same span', () => {
    for (const s of ['Tháng 7-8/1931', 'Thượng tuần tháng 5-1954', 'ngày 30-4 và 1-5-1975', 'Cuối năm 1945, đầu năm 1946', 'mùa khô 1965-1966']) {
      const d = parse(s);
      const again = parse(formatPartialDate(d));
      expect([again.start, again.end], s).toEqual([d.start, d.end]);
    }
  });
});

describe('parseDateLead', () => {
  it('reads the date at the head of a chronicle entry and says where the text begins', () => {
    const entry = 'Ngày 19-8-1945. Khởi nghĩa giành chính quyền ở Hà Nội thắng lợi.';
    const lead = parseDateLead(entry);
    expect(lead?.date.start).toBe('1945-08-19');
    expect(entry.slice(lead!.length)).toBe('Khởi nghĩa giành chính quyền ở Hà Nội thắng lợi.');
  });

  it('takes the longest date that fits', () => {
    const entry = 'Từ ngày 11 đến 19-2-1951: Đại hội đại biểu toàn quốc lần thứ II của Đảng họp tại Tuyên Quang.';
    const lead = parseDateLead(entry);
    expect(lead?.date).toMatchObject({ start: '1951-02-11', end: '1951-02-19' });
    expect(entry.slice(lead!.length).startsWith('Đại hội')).toBe(true);
  });

  it('returns null when the entry does not start with a date', () => {
    expect(parseDateLead('Hội nghị Ban Chấp hành họp ngày 5-3-1950.')).toBeNull();
  });
});

describe('formatVietnameseDate', () => {
  it('writes a date in words', () => {
    expect(formatVietnameseDate({ y: 2026, m: 11, d: 25 })).toBe('ngày 25 tháng 11 năm 2026');
    expect(formatVietnameseDate(new Date(1945, 8, 2))).toBe('ngày 2 tháng 9 năm 1945');
  });

  it('pads day and month as document headers require', () => {
    expect(formatVietnameseDate({ y: 2026, m: 1, d: 5 }, { administrative: true })).toBe('ngày 05 tháng 01 năm 2026');
    expect(formatVietnameseDate({ y: 2026, m: 3, d: 15 }, { administrative: true })).toBe('ngày 15 tháng 3 năm 2026');
  });
});
