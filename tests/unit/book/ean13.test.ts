import { describe, expect, it } from 'vitest';
import { EAN13_MODULES, ean13Bars, ean13CheckDigit, ean13Modules, isbnDigits, isbnLabel, isbnProblem } from '../../../shared/book/ean13';
import { UserFacingError } from '../../../shared/errors';

/**
 * An independent reader of the 95 modules, built from the standard's rules rather than from the
 * encoder's tables: R codes are the complements of L codes, G codes are R codes reversed, and the
 * first digit is read from the L/G parities of the left half.
 */
const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const R = L.map((c) => [...c].map((b) => (b === '1' ? '0' : '1')).join(''));
const G = R.map((c) => [...c].reverse().join(''));
const FIRST = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

function decode(m: string): string {
  expect(m).toHaveLength(95);
  expect(m.slice(0, 3)).toBe('101');
  expect(m.slice(45, 50)).toBe('01010');
  expect(m.slice(92)).toBe('101');
  let parity = '';
  let left = '';
  for (let i = 0; i < 6; i++) {
    const c = m.slice(3 + 7 * i, 10 + 7 * i);
    const l = L.indexOf(c);
    const g = G.indexOf(c);
    expect(l >= 0 || g >= 0).toBe(true);
    parity += l >= 0 ? 'L' : 'G';
    left += String(l >= 0 ? l : g);
  }
  let right = '';
  for (let i = 0; i < 6; i++) right += String(R.indexOf(m.slice(50 + 7 * i, 57 + 7 * i)));
  expect(right).not.toContain('-1');
  return String(FIRST.indexOf(parity)) + left + right;
}

describe('ISBN-13 / EAN-13', () => {
  it('computes check digits of known ISBNs', () => {
    expect(ean13CheckDigit('978030640615')).toBe(7); // the usual textbook example, 978-0-306-40615-7
    expect(ean13CheckDigit('978604571234')).toBe(4);
    expect(ean13CheckDigit('590123412345')).toBe(7); // EAN 5901234123457
    expect(ean13CheckDigit('978604000000')).toBe(2);
  });

  it('accepts hyphens, spaces and a leading ISBN; refuses a bad check digit with a sentence', () => {
    expect(isbnProblem('978-604-57-1234-4')).toBeNull();
    expect(isbnProblem('ISBN 978 604 57 1234 4')).toBeNull();
    expect(isbnDigits('ISBN: 978-604-57-1234-4')).toBe('9786045712344');
    const bad = isbnProblem('978-604-57-1234-5');
    expect(bad).toMatch(/số kiểm tra.*phải là 4/);
    expect(bad).toMatch(/\.$/);
    expect(() => isbnDigits('978-604-57-1234-5')).toThrow(UserFacingError);
    expect(isbnProblem('604-57-1234')).toMatch(/13 chữ số/);
    expect(isbnProblem('0-306-40615-2')).toMatch(/ISBN-13/);
    expect(isbnProblem('123-456-78-9012-8')).toMatch(/978 hoặc 979/);
  });

  it('labels the ISBN as the publisher hyphenated it', () => {
    expect(isbnLabel('978-604-57-1234-4')).toBe('ISBN 978-604-57-1234-4');
    expect(isbnLabel('9786045712344')).toBe('ISBN 978-604571234-4');
  });

  it('encodes bars that read back as the same digits', () => {
    for (const code of ['9786045712344', '9780306406157', '5901234123457', '9786040000002', '0123456789012']) {
      const m = ean13Modules(code);
      expect(m).toHaveLength(EAN13_MODULES);
      expect(decode(m)).toBe(code);
    }
  });

  it('gives the bars as runs that cover exactly the dark modules', () => {
    const m = ean13Modules('9786045712344');
    const bars = ean13Bars('9786045712344');
    const painted = new Array<string>(95).fill('0');
    for (const b of bars) for (let i = b.x; i < b.x + b.w; i++) painted[i] = '1';
    expect(painted.join('')).toBe(m);
    // Adjacent runs are merged and every bar is 1 to 4 modules wide.
    for (const b of bars) {
      expect(b.w).toBeGreaterThanOrEqual(1);
      expect(b.w).toBeLessThanOrEqual(4);
    }
    expect(bars.length).toBe(30); // 2 bars per digit × 12, plus 2 + 2 + 2 in the guards
  });
});
