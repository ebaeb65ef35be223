/** The metadata panel's date form: what is stored, and when days set by hand stay. */
import { describe, expect, it } from 'vitest';
import { dateFormOf, dateValueOf, withDateText, type DateForm } from '../../../renderer/archive/DateField';

const auto = (text: string): DateForm => ({ dateText: text, dateStart: '', dateEnd: '', dateOverride: '' });

describe('the date form', () => {
  it('stores the days read from the text, and a stored date that still reads the same as it is', () => {
    expect(dateValueOf(auto('tháng 3-1946'), undefined).value).toEqual({ text: 'tháng 3-1946', start: '1946-03-01', end: '1946-03-31' });
    const old = { text: 'Tháng 3-1950', start: '1950-03', end: '1950-03' };
    expect(dateValueOf(dateFormOf(old), old).value).toBe(old);
    expect(dateValueOf(auto('không rõ'), undefined).value).toEqual({ text: 'không rõ' });
    expect(dateValueOf(auto('  '), undefined).value).toBeUndefined();
  });

  it('opens a date with days set by hand as set by hand, written the Vietnamese way', () => {
    const stored = { text: 'tháng 3-1946', start: '1946-03-10', end: '1946-03-31' };
    const f = dateFormOf(stored);
    expect(f).toEqual({ dateText: 'tháng 3-1946', dateStart: '10-3-1946', dateEnd: '31-3-1946', dateOverride: 'yes' });
    expect(dateValueOf(f, stored).value).toEqual(stored);
    expect(dateValueOf({ ...f, dateStart: '5/3/1946' }, stored).value).toEqual({ ...stored, start: '1946-03-05' });
  });

  it('says which day typed by hand cannot be read or comes too late', () => {
    const f: DateForm = { dateText: 'tháng 3-1946', dateStart: '10-3-1946', dateEnd: '31-2-1946', dateOverride: 'yes' };
    expect(dateValueOf(f, undefined)).toMatchObject({ endError: 'unread' });
    expect(dateValueOf({ ...f, dateEnd: '5-3-1946' }, undefined)).toMatchObject({ endError: 'order' });
    expect(dateValueOf({ ...f, dateStart: 'hôm qua' }, undefined)).toMatchObject({ startError: 'unread' });
  });

  it('keeps days set by hand when the text changes, but lets days left as read follow the text', () => {
    const byHand: DateForm = { dateText: 'tháng 3-1946', dateStart: '10-3-1946', dateEnd: '31-3-1946', dateOverride: 'yes' };
    expect(withDateText(byHand, 'tháng 4-1946')).toEqual({ ...byHand, dateText: 'tháng 4-1946' });
    const asRead: DateForm = { dateText: 'tháng 3-1946', dateStart: '1-3-1946', dateEnd: '31-3-1946', dateOverride: 'yes' };
    expect(withDateText(asRead, 'tháng 4-1946')).toEqual(auto('tháng 4-1946'));
    expect(withDateText(auto('tháng 3'), 'tháng 3-1946')).toEqual(auto('tháng 3-1946'));
  });
});
