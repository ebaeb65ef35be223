/**
 * The ISBN of a book and its EAN-13 barcode (mã vạch) for the back cover. Pure: the digits in,
 * the bars out as module runs; the cover drawer turns modules into millimetres.
 *
 * Vietnamese books carry ISBN-13 under the prefix 978-604 (Thư viện Quốc gia Việt Nam assigns
 * them); the barcode of a book is the ISBN-13 itself, read as an EAN-13.
 */
import { UserFacingError } from '../errors';

/** Left-hand digits in odd parity (L), even parity (G), and right-hand digits (R), 7 modules each. */
const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const G = ['0100111', '0110011', '0011011', '0100001', '0011101', '0111001', '0000101', '0010001', '0001001', '0010111'];
const R = ['1110010', '1100110', '1101100', '1000010', '1011100', '1001110', '1010000', '1000100', '1001000', '1110100'];
/** The first digit is not drawn as bars: it is carried by the parities of the next six. */
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

/** Modules of a whole EAN-13 symbol, guards included (quiet zones not included). */
export const EAN13_MODULES = 95;

/** The check digit of twelve digits: weights 1, 3, 1, 3… from the left. */
export function ean13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new Error(`ean13CheckDigit wants 12 digits, got "${first12}"`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** The ISBN as typed, without "ISBN", spaces and hyphens. */
function bare(input: string): string {
  return input
    .normalize('NFC')
    .replace(/^\s*ISBN(-13)?:?/i, '')
    .replace(/[\s\-‐‑–]/g, '');
}

/**
 * What is wrong with an ISBN, as one Vietnamese sentence; null when it is a valid ISBN-13
 * (hyphens, spaces and a leading "ISBN" allowed). Blank is not this function's business.
 */
export function isbnProblem(input: string): string | null {
  const s = bare(input);
  if (/^\d{9}[\dX]$/i.test(s)) return 'Mã ISBN phải là ISBN-13 (13 chữ số, bắt đầu bằng 978-604 với sách xuất bản tại Việt Nam), không phải mã 10 chữ số cũ.';
  if (!/^\d{13}$/.test(s)) return `Mã ISBN “${input.trim()}” không hợp lệ: cần đúng 13 chữ số (có thể có dấu gạch nối), ví dụ 978-604-57-1234-4.`;
  if (!s.startsWith('978') && !s.startsWith('979')) return `Mã ISBN “${input.trim()}” không hợp lệ: ISBN-13 bắt đầu bằng 978 hoặc 979 (sách Việt Nam: 978-604).`;
  const check = ean13CheckDigit(s.slice(0, 12));
  if (Number(s[12]) !== check) return `Mã ISBN “${input.trim()}” sai số kiểm tra: chữ số cuối phải là ${check}, không phải ${s[12]}. Hãy soát lại mã do nhà xuất bản cấp.`;
  return null;
}

/** The 13 digits of a valid ISBN; a bad one is refused with its sentence. */
export function isbnDigits(input: string): string {
  const problem = isbnProblem(input);
  if (problem) throw new UserFacingError('book.bad-isbn', problem);
  return bare(input);
}

/**
 * "978-604-57-1234-4" as printed above the bars: the hyphens the publisher wrote are kept (they
 * mark the registrant and title, which only the agency's ranges tell apart); digits without any
 * are printed as the prefix, the body and the check digit.
 */
export function isbnLabel(input: string): string {
  const digits = isbnDigits(input);
  const typed = input.trim().replace(/^ISBN(-13)?:?\s*/i, '').replace(/[\s\-‐‑–]+/g, '-');
  const label = typed.includes('-') ? typed : `${digits.slice(0, 3)}-${digits.slice(3, 12)}-${digits[12]}`;
  return `ISBN ${label}`;
}

/** The symbol as 95 modules, '1' for a bar and '0' for a space: guard, 6 digits, centre, 6 digits, guard. */
export function ean13Modules(code: string): string {
  const digits = isbnOrEan(code);
  const first = Number(digits[0]);
  let m = '101';
  for (let i = 1; i <= 6; i++) m += (PARITY[first]![i - 1] === 'L' ? L : G)[Number(digits[i])]!;
  m += '01010';
  for (let i = 7; i <= 12; i++) m += R[Number(digits[i])]!;
  return m + '101';
}

/** The bars as runs of modules: start (from the left guard's first module) and width. */
export function ean13Bars(code: string): { x: number; w: number }[] {
  const m = ean13Modules(code);
  const bars: { x: number; w: number }[] = [];
  for (let i = 0; i < m.length; i++) {
    if (m[i] !== '1') continue;
    const last = bars[bars.length - 1];
    if (last && last.x + last.w === i) last.w++;
    else bars.push({ x: i, w: 1 });
  }
  return bars;
}

/** Modules of the guard bars (left, centre, right), which are drawn longer than the digit bars. */
export function isGuardModule(i: number): boolean {
  return i < 3 || (i >= 45 && i < 50) || i >= 92;
}

/** 13 digits with a right check digit: an ISBN-13 or any EAN-13 code. */
function isbnOrEan(code: string): string {
  const s = bare(code);
  if (!/^\d{13}$/.test(s) || Number(s[12]) !== ean13CheckDigit(s.slice(0, 12))) {
    throw new UserFacingError('book.bad-ean', isbnProblem(code) ?? `Mã vạch “${code}” không hợp lệ: cần 13 chữ số với số kiểm tra đúng.`);
  }
  return s;
}
