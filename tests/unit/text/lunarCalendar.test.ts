import { describe, expect, it } from 'vitest';
import { lunarToSolar, solarToLunar } from '../../../shared/text/lunarCalendar';

describe('lunarToSolar', () => {
  it('finds Tết (1st day of the 1st lunar month) of known years', () => {
    expect(lunarToSolar({ year: 1945, month: 1, day: 1 })).toEqual({ y: 1945, m: 2, d: 13 });
    expect(lunarToSolar({ year: 1975, month: 1, day: 1 })).toEqual({ y: 1975, m: 2, d: 11 });
    expect(lunarToSolar({ year: 2024, month: 1, day: 1 })).toEqual({ y: 2024, m: 2, d: 10 });
  });

  it('gives the two Tết Mậu Thân of 1968: UTC+7 in the North, UTC+8 in the South', () => {
    expect(lunarToSolar({ year: 1968, month: 1, day: 1 })).toEqual({ y: 1968, m: 1, d: 29 });
    expect(lunarToSolar({ year: 1968, month: 1, day: 1 }, 8)).toEqual({ y: 1968, m: 1, d: 30 });
  });

  it('knows leap months and refuses ones that do not exist', () => {
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })).toEqual({ y: 2023, m: 3, d: 22 });
    expect(lunarToSolar({ year: 2023, month: 3, day: 1, leap: true })).toBeNull();
  });
});

describe('solarToLunar', () => {
  it('is the inverse of lunarToSolar over a few years of days', () => {
    for (let day = 0; day < 1200; day += 7) {
      const date = new Date(Date.UTC(1966, 0, 1 + day));
      const solar = { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
      const lunar = solarToLunar(solar, 7);
      expect(lunarToSolar(lunar, 7)).toEqual(solar);
    }
  });
});
