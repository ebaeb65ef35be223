/**
 * Misreadings of the Party's own words that Tesseract's Vietnamese model makes again and again,
 * corrected word by word after recognition (npm run bench -- ocr lists them: "chi bộ" read as
 * "chỉ bộ" 25 times on 11 pages, "đảng viên" as "đẳng viên"). Each rule needs the next word too,
 * so only a phrase that cannot be Vietnamese is changed: "chỉ" stays in "chỉ thị", "đẳng" in
 * "bình đẳng". Case is kept as it was read (ĐẲNG BỘ → ĐẢNG BỘ).
 */

interface Rule {
  /** The word as misread (lower case, NFC). */
  read: string;
  /** What it is. */
  meant: string;
  /** The next word (lower case) that shows the misreading. */
  before?: readonly string[];
  /** Or the word before it. */
  after?: readonly string[];
  /** Words before it that make it a real word after all ("bình đẳng", "cao đẳng"). */
  unlessAfter?: readonly string[];
}

const RULES: readonly Rule[] = [
  { read: 'chỉ', meant: 'chi', before: ['bộ', 'ủy', 'uỷ', 'đoàn'] },
  { read: 'đẳng', meant: 'đảng', before: ['viên', 'bộ', 'ủy', 'uỷ', 'cộng', 'lao'], unlessAfter: ['bình', 'cao', 'đồng', 'trung', 'sơ', 'thượng', 'hạ', 'siêu'] },
  { read: 'sẳn', meant: 'sản', after: ['cộng'] },
  { read: 'bạn', meant: 'ban', before: ['chấp', 'thường', 'tuyên', 'tổ'] },
  { read: 'tính', meant: 'tỉnh', before: ['ủy', 'uỷ', 'đội'] },
];

const lower = (s: string) => s.toLocaleLowerCase('vi');
/** A word's letters with what surrounds them ("(Đẳng" → "(", "Đẳng", ""). */
const parts = (w: string) => /^([^\p{L}]*)([\p{L}]+)([^\p{L}]*)$/u.exec(w);

/** Writes `meant` in the case `as` was read in: ĐẲNG → ĐẢNG, Đẳng → Đảng, đẳng → đảng. */
function recase(meant: string, as: string): string {
  if (as === as.toLocaleUpperCase('vi') && as !== lower(as)) return meant.toLocaleUpperCase('vi');
  if (as[0] !== lower(as[0]!)) return meant[0]!.toLocaleUpperCase('vi') + meant.slice(1);
  return meant;
}

/** The words of one line, corrected where a rule and its neighbour agree. */
export function correctWords(words: readonly string[]): string[] {
  const core = words.map((w) => lower(parts(w)?.[2] ?? w));
  return words.map((w, i) => {
    const p = parts(w);
    // A word followed by punctuation ends its phrase: "bình đẳng, đoàn kết" is left alone.
    if (!p || p[3]) return w;
    const rule = RULES.find(
      (r) =>
        r.read === core[i] &&
        !r.unlessAfter?.includes(core[i - 1] ?? '') &&
        ((r.before && r.before.includes(core[i + 1] ?? '')) || (r.after && r.after.includes(core[i - 1] ?? ''))),
    );
    return rule ? `${p[1]}${recase(rule.meant, p[2]!)}${p[3]}` : w;
  });
}
