/** Chapter, section and part numbering as printed in Vietnamese books. */

export function roman(n: number): string {
  if (n <= 0) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

const ORDINALS = ['nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

/** "Phần thứ nhất", "Phần thứ hai" … ("Phần thứ 11" beyond ten). */
export function partLabel(n: number): string {
  return `Phần thứ ${ORDINALS[n - 1] ?? String(n)}`;
}
