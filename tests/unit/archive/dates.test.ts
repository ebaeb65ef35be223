import { describe, expect, it } from 'vitest';
import { firstDayOf, formatIsoDay, isDerivedDate, lastDayOf, readBoundary, withSortableDate } from '../../../shared/archive/dates';

describe('withSortableDate', () => {
  it('derives full days from the text when none are given', () => {
    expect(withSortableDate({ text: 'tháng 3-1946' })).toEqual({ text: 'tháng 3-1946', start: '1946-03-01', end: '1946-03-31' });
    expect(withSortableDate({ text: 'Cuối năm 1930' })).toEqual({ text: 'Cuối năm 1930', start: '1930-09-01', end: '1930-12-31' });
    expect(withSortableDate({ text: 'ngày 15 tháng Giêng năm Bính Tuất' })).toMatchObject({ start: '1946-02-16', end: '1946-02-16' });
  });

  it('keeps days given by hand, completing the missing one from the text when it fits', () => {
    expect(withSortableDate({ text: 'tháng 3-1946', start: '1946-03-10', end: '1946-03-12' })).toEqual({ text: 'tháng 3-1946', start: '1946-03-10', end: '1946-03-12' });
    expect(withSortableDate({ text: 'tháng 3-1946', start: '1946-03-10' })).toEqual({ text: 'tháng 3-1946', start: '1946-03-10', end: '1946-03-31' });
    expect(withSortableDate({ text: 'tháng 3-1946', end: '1946-03-15' })).toEqual({ text: 'tháng 3-1946', start: '1946-03-01', end: '1946-03-15' });
    // A start after everything the text can mean: the end is not invented.
    expect(withSortableDate({ text: 'tháng 3-1946', start: '1947' })).toEqual({ text: 'tháng 3-1946', start: '1947' });
  });

  it('leaves a text it cannot read as it is', () => {
    expect(withSortableDate({ text: 'không rõ ngày' })).toEqual({ text: 'không rõ ngày' });
    expect(withSortableDate({ text: '' })).toEqual({ text: '' });
  });
});

describe('isDerivedDate', () => {
  it('is true for days read from the text (partial ones compared as the days they cover) or none', () => {
    expect(isDerivedDate({ text: 'tháng 3-1946', start: '1946-03-01', end: '1946-03-31' })).toBe(true);
    expect(isDerivedDate({ text: 'Tháng 3-1950', start: '1950-03', end: '1950-03' })).toBe(true);
    expect(isDerivedDate({ text: 'năm 1950', start: '1950', end: '1950' })).toBe(true);
    expect(isDerivedDate({ text: 'tháng 3-1946' })).toBe(true);
    // A start alone covers its period (as stored by older versions and imports).
    expect(isDerivedDate({ text: 'Tháng 11-1974', start: '1974-11' })).toBe(true);
    expect(isDerivedDate({ text: 'Năm 1963', start: '1963' })).toBe(true);
  });

  it('is false for days set by hand', () => {
    expect(isDerivedDate({ text: 'tháng 3-1946', start: '1946-03-10', end: '1946-03-31' })).toBe(false);
    expect(isDerivedDate({ text: 'không rõ', start: '1946', end: '1946' })).toBe(false);
    expect(isDerivedDate({ text: 'Tháng 11-1974', start: '1974-11-05' })).toBe(false);
  });
});

describe('partial ISO days', () => {
  it('expands to the first and last day, leap years included', () => {
    expect(firstDayOf('1946')).toBe('1946-01-01');
    expect(firstDayOf('1946-03')).toBe('1946-03-01');
    expect(lastDayOf('1946')).toBe('1946-12-31');
    expect(lastDayOf('1948-02')).toBe('1948-02-29');
    expect(lastDayOf('1900-02')).toBe('1900-02-28');
    expect(lastDayOf('1946-03-05')).toBe('1946-03-05');
  });

  it('writes days the Vietnamese way and reads them back', () => {
    expect(formatIsoDay('1946-03-01')).toBe('1-3-1946');
    expect(formatIsoDay('1946-03')).toBe('3-1946');
    expect(formatIsoDay('1946')).toBe('1946');
    expect(readBoundary('1-3-1946', 'start')).toBe('1946-03-01');
    expect(readBoundary('3/1946', 'end')).toBe('1946-03-31');
    expect(readBoundary('1946', 'start')).toBe('1946-01-01');
    expect(readBoundary('31-2-1946', 'end')).toBeNull();
  });
});
