import { describe, expect, it } from 'vitest';
import type { OcrWord } from '../../../shared/archive/ocr';
import { alignWords, queryMatches, queryWords, wordAt } from '../../../renderer/archive/ocrWords';

const words = (...texts: string[]): OcrWord[] => texts.map((text, i) => ({ text, box: [i * 10, 0, i * 10 + 8, 10], confidence: 90, line: 0 }));

describe('OCR words against the transcription', () => {
  it('finds each word where it stands, and loses only the words a person changed', () => {
    const ocr = words('Hội', 'nghị', 'huyện', 'Phong', 'Thổ');
    expect(alignWords('Hội nghị huyện Phong Thổ', ocr)).toEqual([[0, 3], [4, 8], [9, 14], [15, 20], [21, 24]]);
    // "huyện" corrected to "tỉnh": that word has no link; the words after it keep theirs.
    const edited = alignWords('Hội nghị tỉnh Phong Thổ', ocr);
    expect(edited[2]).toBeNull();
    expect(edited.slice(3)).toEqual([[14, 19], [20, 23]]);
    expect(wordAt(edited, 16)).toBe(3);
    expect(wordAt(edited, 10)).toBe(-1);
  });

  it('does not jump far ahead to a later occurrence of a word typed away', () => {
    const text = `Đảng bộ ${'x '.repeat(100)}Đảng bộ`;
    const r = alignWords(text, words('Đảng', 'ủy', 'bộ'));
    expect(r[0]).toEqual([0, 4]);
    expect(r[1]).toBeNull();
    expect(r[2]).toEqual([5, 7]);
  });

  it('highlights a phrase where its words stand together, else each word', () => {
    const ocr = words('Đảng', 'bộ', 'huyện', 'đang', 'bổ', 'sung', 'Đảng', 'viên');
    // Typed with its diacritics, the exact words; typed without, every folded match.
    expect([...queryMatches(ocr, queryWords('"Đảng bộ"'))]).toEqual([0, 1]);
    expect([...queryMatches(ocr, queryWords('dang bo'))]).toEqual([0, 1, 3, 4]);
    expect([...queryMatches(ocr, queryWords('dang'))]).toEqual([0, 3, 6]);
    expect([...queryMatches(ocr, queryWords('Đảng'))]).toEqual([0, 6]);
    expect([...queryMatches(words('Số', '05-NQ/TU'), queryWords('05-NQ/TU'))]).toEqual([1]);
    expect(queryMatches(ocr, queryWords('')).size).toBe(0);
  });
});
