import { describe, expect, it } from 'vitest';
import { normalizeToneNew, normalizeToneOld, toNFC } from '../../../shared/text/normalize';

describe('toNFC', () => {
  it('composes decomposed Vietnamese so that it compares equal to typed text', () => {
    const decomposed = 'Đa\u0309ng Cô\u0323ng sa\u0309n';
    expect(decomposed).not.toBe('Đảng Cộng sản');
    expect(toNFC(decomposed)).toBe('Đảng Cộng sản');
  });
});

describe('normalizeToneOld', () => {
  it('moves the tone to the first vowel of open oa, oe and uy syllables', () => {
    expect(normalizeToneOld('hoà bình')).toBe('hòa bình');
    expect(normalizeToneOld('khoẻ mạnh')).toBe('khỏe mạnh');
    expect(normalizeToneOld('thuỷ lợi')).toBe('thủy lợi');
    expect(normalizeToneOld('hoá học, loã lồ, toạ đàm')).toBe('hóa học, lõa lồ, tọa đàm');
  });

  it('handles syllables with no onset consonant', () => {
    expect(normalizeToneOld('uỷ ban')).toBe('ủy ban');
    expect(normalizeToneOld('oà khóc')).toBe('òa khóc');
  });

  it('keeps the case of every letter', () => {
    expect(normalizeToneOld('Uỷ ban nhân dân')).toBe('Ủy ban nhân dân');
    expect(normalizeToneOld('HOÀ BÌNH')).toBe('HÒA BÌNH');
    expect(normalizeToneOld('ThuỶ')).toBe('ThủY');
  });

  it('never changes closed syllables', () => {
    for (const w of ['hoàn thành', 'thuyết phục', 'huỳnh', 'khoét', 'hoạch định', 'toàn']) {
      expect(normalizeToneOld(w)).toBe(w);
    }
  });

  it('treats qu and gi as onsets, not as part of the vowel', () => {
    for (const w of ['quý', 'quá', 'qua', 'quà', 'Quỳnh', 'già', 'giá', 'quốc', 'quỹ']) {
      expect(normalizeToneOld(w)).toBe(w);
    }
  });

  it('leaves triphthongs and other nuclei alone', () => {
    for (const w of ['khuỷu', 'ngoằn', 'ngoảnh', 'xoáy', 'hoài', 'tuổi', 'múa', 'khuya']) {
      expect(normalizeToneOld(w)).toBe(w);
    }
  });

  it('returns NFC even when given decomposed input', () => {
    expect(normalizeToneOld('hoa\u0300')).toBe('hòa');
    expect(normalizeToneOld('hoa\u0300').length).toBe(3);
  });

  it('does not touch words that are not Vietnamese syllables', () => {
    expect(normalizeToneOld('Zoé, koala, UNESCO, 16-NQ/TW')).toBe('Zoé, koala, UNESCO, 16-NQ/TW');
  });
});

describe('normalizeToneNew', () => {
  it('moves the tone to the second vowel of open oa, oe and uy syllables', () => {
    expect(normalizeToneNew('hòa bình')).toBe('hoà bình');
    expect(normalizeToneNew('khỏe')).toBe('khoẻ');
    expect(normalizeToneNew('Ủy ban')).toBe('Uỷ ban');
    expect(normalizeToneNew('Thủy lợi')).toBe('Thuỷ lợi');
    expect(normalizeToneNew('HÒA')).toBe('HOÀ');
  });

  it('is the inverse of normalizeToneOld on a mixed sentence', () => {
    const mixed = 'Uỷ ban hòa giải khoẻ mạnh, thủy lợi hoàn thành; quý hoá';
    const asNew = normalizeToneNew(mixed);
    expect(asNew).toBe('Uỷ ban hoà giải khoẻ mạnh, thuỷ lợi hoàn thành; quý hoá');
    expect(normalizeToneOld(asNew)).toBe('Ủy ban hòa giải khỏe mạnh, thủy lợi hoàn thành; quý hóa');
  });

  it('keeps text without switchable syllables byte for byte', () => {
    const s = 'Đảng Cộng sản Việt Nam — Nghị quyết số 16-NQ/TW.';
    expect(normalizeToneNew(s)).toBe(s);
  });
});
