import { describe, expect, it } from 'vitest';
import { isVietnameseSyllable, parseSyllable } from '../../../shared/text/syllable';

describe('parseSyllable', () => {
  it('splits a syllable into onset, nucleus, final and tone', () => {
    expect(parseSyllable('nghiêng')).toMatchObject({ onset: 'ngh', nucleus: 'iê', coda: 'ng', tone: 'ngang' });
    expect(parseSyllable('Thuyết')).toMatchObject({ onset: 'th', nucleus: 'uyê', coda: 't', tone: 'sac' });
    expect(parseSyllable('Đảng')).toMatchObject({ onset: 'đ', nucleus: 'a', coda: 'ng', tone: 'hoi', toneAt: 1 });
  });

  it('reads qu and gi before a vowel as onsets', () => {
    expect(parseSyllable('quý')).toMatchObject({ onset: 'qu', nucleus: 'y' });
    expect(parseSyllable('giếng')).toMatchObject({ onset: 'gi', nucleus: 'ê', coda: 'ng' });
    expect(parseSyllable('gìn')).toMatchObject({ onset: 'g', nucleus: 'i', coda: 'n' });
  });

  it('rejects words that are not Vietnamese syllables', () => {
    for (const w of ['UNESCO', 'koala', 'Zoé', 'hoaing', 'xyz', 'báng̉', 'tw', 'NQ']) {
      expect(isVietnameseSyllable(w), w).toBe(false);
    }
  });

  it('accepts every syllable of an ordinary sentence', () => {
    const words = 'Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa khuỷu tay ngoằn ngoèo thuở'.split(' ');
    for (const w of words) expect(isVietnameseSyllable(w), w).toBe(true);
  });
});
