import { describe, expect, it } from 'vitest';
import { foldForSearch, foldKey } from '../../../shared/text/fold';

describe('foldForSearch', () => {
  it('lets "dang" find "Đảng"', () => {
    expect(foldForSearch('Đảng Cộng sản Việt Nam')).toBe('dang cong san viet nam');
    expect(foldForSearch('Đảng')).toBe(foldForSearch('dang'));
  });

  it('makes old and new tone placement fold to the same word', () => {
    expect(foldForSearch('hoà')).toBe(foldForSearch('hòa'));
    expect(foldForSearch('Ủy ban')).toBe(foldForSearch('Uỷ ban'));
    expect(foldForSearch('thuỷ')).toBe('thuy');
  });

  it('removes every Vietnamese diacritic from all 134 letters', () => {
    const lower = 'àảãáạăằẳẵắặâầẩẫấậèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵđ';
    expect([...lower].length).toBe(67);
    const folded = foldForSearch(lower + lower.toUpperCase());
    expect(folded).toMatch(/^[aeiouyd]+$/);
    expect(folded.slice(0, 17)).toBe('a'.repeat(17));
  });

  it('matches decomposed (NFD) text as well as composed text', () => {
    expect(foldForSearch('Vie\u0323\u0302t')).toBe('viet');
  });

  it('keeps digits and punctuation and turns any white space into a plain space', () => {
    expect(foldForSearch('Số 16-NQ/TW,\tngày 19-8-1945\u00a0(âm lịch)')).toBe('so 16-nq/tw, ngay 19-8-1945 (am lich)');
  });

  it('keeps offsets: the folded text is as long as the NFC text', () => {
    const s = 'Ngày 19-8-1945, Ủy ban khởi nghĩa — “Đảng” 😀 漢字';
    expect(foldForSearch(s).length).toBe(s.normalize('NFC').length);
    const i = s.indexOf('Ủy');
    expect(foldForSearch(s).slice(i, i + 6)).toBe('uy ban');
  });
});

describe('foldKey', () => {
  it('ignores spacing, punctuation, case and đ in short codes', () => {
    expect(foldKey('16-NQ/TW')).toBe('16nqtw');
    expect(foldKey('16 nq  tw')).toBe(foldKey('16-NQ/TW'));
    expect(foldKey('123/QĐ-UBND')).toBe(foldKey('123 QD UBND'));
  });
});
