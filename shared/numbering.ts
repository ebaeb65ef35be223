/** Generated numbering for book structure: CHƯƠNG I, Phần thứ nhất, I., 1., a). */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [value, numeral] of table) {
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  }
  return out;
}

const ordinals = ['nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

/** "Phần thứ nhất", "Phần thứ hai", … */
export function partLabel(n: number): string {
  return `Phần thứ ${ordinals[n - 1] ?? String(n)}`;
}

/** a, b, c … for the fourth heading level. */
export function toLetter(n: number): string {
  return n >= 1 && n <= 26 ? String.fromCharCode(96 + n) : String(n);
}

/** A section heading's number: "I." (level 1), "1." (level 2), "a)" (level 3). */
export function sectionLabel(level: 1 | 2 | 3, n: number): string {
  return level === 1 ? `${toRoman(n)}.` : level === 2 ? `${n}.` : `${toLetter(n)})`;
}

/**
 * Counts one section heading of `level` in a chapter's `counters` ([I., 1., a)], mutated: the
 * levels below it restart) and returns its label.
 */
export function countSection(counters: number[], level: 1 | 2 | 3): string {
  counters[level - 1] = (counters[level - 1] ?? 0) + 1;
  for (let i = level; i < 3; i++) counters[i] = 0;
  return sectionLabel(level, counters[level - 1]!);
}

/** A chapter's name in running text and references: "Chương I" (or "Chương 1"). */
export function chapterName(n: number, style: 'roman' | 'arabic' = 'roman'): string {
  return `Chương ${style === 'roman' ? toRoman(n) : n}`;
}

/** A chapter's label as printed above its title: "CHƯƠNG I" (or "CHƯƠNG 1"). */
export function chapterLabel(n: number, style: 'roman' | 'arabic' = 'roman'): string {
  return chapterName(n, style).toLocaleUpperCase('vi');
}
