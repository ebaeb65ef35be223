/** Which spaces of a title are bound (shared/text/titleWords.ts): words, names, units with names. */
import { describe, expect, it } from 'vitest';
import { boundSpaces } from '../../../shared/text/titleWords';

/** The title with "~" for a bound space. */
const show = (title: string) => {
  const words = title.split(' ');
  const bound = boundSpaces(words);
  return words.map((w, i) => w + (i < words.length - 1 ? (bound[i] ? '~' : ' ') : '')).join('');
};

describe('bound spaces of a title', () => {
  it('binds known words, proper names as typed, and a unit with the name after it', () => {
    expect(show('Lịch sử Đảng bộ xã Tân Hòa, huyện Ân Thi, tỉnh Hưng Yên')).toBe('Lịch~sử Đảng~bộ xã~Tân~Hòa, huyện~Ân~Thi, tỉnh~Hưng~Yên');
    expect(show('kháng chiến chống thực dân Pháp')).toBe('kháng~chiến chống thực~dân~Pháp');
    expect(show('thành phố Hải Phòng')).toBe('thành~phố~Hải~Phòng');
  });

  it('never binds across punctuation, nor names written in capitals (their case is lost)', () => {
    expect(show('xã Tân Hòa, Ân Thi')).toBe('xã~Tân~Hòa, Ân~Thi');
    // (A province's name is also in the word list, so it holds in capitals too.)
    expect(show('TỈNH HƯNG YÊN')).toBe('TỈNH HƯNG~YÊN');
    expect(show('HUYỆN ÂN THI')).toBe('HUYỆN ÂN THI');
    // The first word of a title is capitalised for the sentence, not as a name.
    expect(show('Trường học và Đảng bộ')).toBe('Trường~học và Đảng~bộ');
  });
});
