/**
 * The Vietnamese lunisolar calendar (âm lịch), converted to and from the Gregorian calendar.
 *
 * Month starts are the days of the astronomical new moon in local time; the 11th month is the
 * one containing the winter solstice; a leap month is the first month of a 13-month year that
 * contains no major solar term. This is the published algorithm of Hồ Ngọc Đức (astronomical
 * series from Jean Meeus, "Astronomical Algorithms"), accurate for 1800–2199.
 *
 * Time zone: Việt Nam computed its calendar on UTC+8 (as China does) until the 1967 reform and
 * on UTC+7 from the lunar year 1968 on; that is why the North celebrated Tết Mậu Thân on
 * 29-1-1968 and the South on 30-1-1968. `lunarToSolar` uses UTC+8 before 1968 and UTC+7 from
 * 1968 unless told otherwise.
 */

/** A date in the lunar calendar. `leap` marks the leap (intercalary) month (tháng nhuận). */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap?: boolean;
}

/** A Gregorian calendar date. */
export interface SolarDate {
  y: number;
  m: number;
  d: number;
}

const INT = Math.floor;

/** Julian day number of a calendar date (Julian calendar before 15-10-1582). */
export function julianDay(d: number, m: number, y: number): number {
  const a = INT((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  let jd = d + INT((153 * mm + 2) / 5) + 365 * yy + INT(yy / 4) - INT(yy / 100) + INT(yy / 400) - 32045;
  if (jd < 2299161) jd = d + INT((153 * mm + 2) / 5) + 365 * yy + INT(yy / 4) - 32083;
  return jd;
}

/** Calendar date of a Julian day number. */
export function fromJulianDay(jd: number): SolarDate {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = INT((4 * a + 3) / 146097);
    c = a - INT((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  return {
    d: e - INT((153 * m + 2) / 5) + 1,
    m: m + 3 - 12 * INT(m / 10),
    y: b * 100 + d - 4800 + INT(m / 10),
  };
}

/** Julian date (fractional) of the k-th new moon after 1-1-1900. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltat = T < -11
    ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
    : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltat;
}

/** Apparent longitude of the sun, in radians [0, 2π), at a Julian date. */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L -= Math.PI * 2 * INT(L / (Math.PI * 2));
  return L;
}

function newMoonDay(k: number, tz: number): number {
  return INT(newMoon(k) + 0.5 + tz / 24);
}

/** Which of the 12 major solar terms (0–11) the day falls in. */
function sunSector(jdn: number, tz: number): number {
  return INT((sunLongitude(jdn - 0.5 - tz / 24) / Math.PI) * 6);
}

/** Julian day of the start of lunar month 11 of the given year (the month of the solstice). */
function lunarMonth11(yy: number, tz: number): number {
  const off = julianDay(31, 12, yy) - 2415021;
  const k = INT(off / 29.530588853);
  let nm = newMoonDay(k, tz);
  if (sunSector(nm, tz) >= 9) nm = newMoonDay(k - 1, tz);
  return nm;
}

/** Offset (in months after month 11) of the leap month in a 13-month year. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The time zone Vietnamese almanacs used for a lunar year. */
export function lunarTimeZone(lunarYear: number): number {
  return lunarYear >= 1968 ? 7 : 8;
}

/**
 * Gregorian date of a lunar date, or null if it does not exist (a leap month that year does not
 * have, day 30 of a 29-day month).
 */
export function lunarToSolar(date: LunarDate, tz: number = lunarTimeZone(date.year)): SolarDate | null {
  const { year, month, day } = date;
  if (month < 1 || month > 12 || day < 1 || day > 30) return null;
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (date.leap && month !== leapMonth) return null;
    if (date.leap || off >= leapOff) off += 1;
  } else if (date.leap) {
    return null;
  }
  const monthStart = newMoonDay(k + off, tz);
  const nextStart = newMoonDay(k + off + 1, tz);
  if (monthStart + day - 1 >= nextStart) return null;
  return fromJulianDay(monthStart + day - 1);
}

/** Number of days (29 or 30) in a lunar month, or 0 if the month does not exist. */
export function lunarMonthLength(year: number, month: number, leap = false): number {
  const first = lunarToSolar({ year, month, day: 1, leap });
  const last = lunarToSolar({ year, month, day: 30, leap });
  if (!first) return 0;
  return last ? 30 : 29;
}

/** Lunar date of a Gregorian date. */
export function solarToLunar(date: SolarDate, tz?: number): LunarDate {
  const zone = tz ?? lunarTimeZone(date.y);
  const dayNumber = julianDay(date.d, date.m, date.y);
  const k = INT((dayNumber - 2415021.076998695) / 29.530588853);
  let monthStart = newMoonDay(k + 1, zone);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, zone);
  let a11 = lunarMonth11(date.y, zone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = date.y;
    a11 = lunarMonth11(date.y - 1, zone);
  } else {
    lunarYear = date.y + 1;
    b11 = lunarMonth11(date.y + 1, zone);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapMonthDiff = leapMonthOffset(a11, zone);
    if (diff >= leapMonthDiff) {
      lunarMonth = diff + 10;
      if (diff === leapMonthDiff) leap = true;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  const result: LunarDate = { year: lunarYear, month: lunarMonth, day: lunarDay };
  if (leap) result.leap = true;
  return result;
}
