import { describe, expect, it } from 'vitest';
import { convertLegacy, detectLegacyEncoding, encodeLegacy } from '../../../shared/text/legacyEncoding';

/** The 67 lower-case Vietnamese letters outside ASCII, written out by hand. */
const LOWER = [
  'à', 'á', 'ả', 'ã', 'ạ', 'ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ', 'â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ',
  'è', 'é', 'ẻ', 'ẽ', 'ẹ', 'ê', 'ề', 'ế', 'ể', 'ễ', 'ệ', 'ì', 'í', 'ỉ', 'ĩ', 'ị',
  'ò', 'ó', 'ỏ', 'õ', 'ọ', 'ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ', 'ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ',
  'ù', 'ú', 'ủ', 'ũ', 'ụ', 'ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ', 'đ',
];
const UPPER = LOWER.map((c) => c.toUpperCase());

const SENTENCES = [
  'Đảng Cộng sản Việt Nam',
  'Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương',
  'Thủy lợi là biện pháp hàng đầu',
  'Trường học, bệnh viện, đường sá',
];

describe('the letter tables', () => {
  it('cover all 134 Vietnamese letters', () => {
    expect(LOWER).toHaveLength(67);
    expect(new Set([...LOWER, ...UPPER]).size).toBe(134);
  });

  it('round-trip every letter through VNI and VIQR', () => {
    for (const enc of ['vni', 'viqr'] as const) {
      // Inside a word: a final "." or "?" in VIQR reads as punctuation, by design.
      for (const c of [...LOWER, ...UPPER]) expect(convertLegacy(encodeLegacy(`${c}n`, enc), enc), `${enc} ${c}`).toBe(`${c}n`);
      const all = [...LOWER, ...UPPER].join(' ');
      expect(convertLegacy(encodeLegacy(all, enc), enc)).toBe(all);
    }
  });

  it('round-trip every lower-case letter and the seven capitals TCVN3 has', () => {
    for (const c of [...LOWER, 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ']) {
      const encoded = encodeLegacy(c, 'tcvn3');
      expect(encoded, c).toHaveLength(1);
      expect(encoded.charCodeAt(0), c).toBeGreaterThan(0xa0);
      expect(convertLegacy(encoded, 'tcvn3'), c).toBe(c);
    }
  });

  it('gives each lower-case letter its own TCVN3 byte', () => {
    const bytes = LOWER.map((c) => encodeLegacy(c, 'tcvn3'));
    expect(new Set(bytes).size).toBe(67);
  });

  it('uses the published byte values for well-known TCVN3 letters', () => {
    expect(encodeLegacy('Đ', 'tcvn3')).toBe('\u00a7'); // §
    expect(encodeLegacy('đ', 'tcvn3')).toBe('\u00ae'); // ®
    expect(encodeLegacy('ả', 'tcvn3')).toBe('\u00b6'); // ¶
    expect(encodeLegacy('ư', 'tcvn3')).toBe('\u00ad'); // the soft hyphen
    expect(encodeLegacy('ộ', 'tcvn3')).toBe('\u00e9'); // é
  });

  it('writes capitals with tone marks in TCVN3 as the lower-case code, read back with upperCase', () => {
    const encoded = encodeLegacy('VIỆT NAM DÂN CHỦ CỘNG HÒA', 'tcvn3');
    expect(convertLegacy(encoded, 'tcvn3', { upperCase: true })).toBe('VIỆT NAM DÂN CHỦ CỘNG HÒA');
  });
});

describe('convertLegacy', () => {
  it('reads TCVN3 text as it looks when misread', () => {
    expect(convertLegacy('§¶ng céng s¶n ViÖt Nam', 'tcvn3')).toBe('Đảng cộng sản Việt Nam');
    expect(convertLegacy('Tr\u00adêng häc', 'tcvn3')).toBe('Trường học');
  });

  it('reads VNI text, in capitals too', () => {
    expect(convertLegacy('VIEÄT NAM', 'vni')).toBe('VIỆT NAM');
    expect(convertLegacy('Ñaûng Coäng saûn Vieät Nam', 'vni')).toBe('Đảng Cộng sản Việt Nam');
    expect(convertLegacy('COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM', 'vni')).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('reads VIQR, telling tone marks from sentence punctuation', () => {
    expect(convertLegacy('Vie^.t Nam', 'viqr')).toBe('Việt Nam');
    expect(convertLegacy('DDa?ng Co^.ng sa?n Vie^.t Nam', 'viqr')).toBe('Đảng Cộng sản Việt Nam');
    expect(convertLegacy('Ha` No^.i. Ba.n ddi dda^u?', 'viqr')).toBe('Hà Nội. Bạn đi đâu?');
    expect(convertLegacy('co? ddu? ca. nha`', 'viqr')).toBe('cỏ đủ cạ nhà');
    expect(convertLegacy('Ca\\. ba\\?', 'viqr')).toBe('Ca. ba?');
  });

  it('round-trips real sentences through every encoding', () => {
    for (const s of SENTENCES) {
      for (const enc of ['tcvn3', 'vni', 'viqr'] as const) {
        expect(convertLegacy(encodeLegacy(s, enc), enc), `${enc}: ${s}`).toBe(s);
      }
    }
  });

  it('returns NFC and leaves Unicode text alone', () => {
    expect(convertLegacy('Vie\u0323\u0302t', 'unicode')).toBe('Việt');
    expect(convertLegacy('Đảng', 'unicode')).toBe('Đảng');
  });
});

describe('detectLegacyEncoding', () => {
  it('recognises each legacy encoding from the text alone', () => {
    for (const s of SENTENCES) {
      for (const enc of ['tcvn3', 'vni', 'viqr'] as const) {
        const guess = detectLegacyEncoding(encodeLegacy(s, enc));
        expect(guess.encoding, `${enc}: ${s}`).toBe(enc);
        expect(guess.confidence).toBeGreaterThan(0.5);
      }
    }
    expect(detectLegacyEncoding('§¶ng céng s¶n ViÖt Nam').encoding).toBe('tcvn3');
    expect(detectLegacyEncoding('VIEÄT NAM').encoding).toBe('vni');
  });

  it('lets font names decide first', () => {
    expect(detectLegacyEncoding('Nam', ['.VnTime'])).toMatchObject({ encoding: 'tcvn3' });
    expect(detectLegacyEncoding('NAM', ['.VnTimeH'])).toMatchObject({ encoding: 'tcvn3', upperCase: true });
    expect(detectLegacyEncoding('Nam', ['VNI-Times'])).toMatchObject({ encoding: 'vni' });
    expect(detectLegacyEncoding('Nam', ['Times New Roman']).encoding).toBe('unicode');
  });

  it('never calls Unicode Vietnamese legacy, whatever the fonts say', () => {
    for (const s of SENTENCES) {
      expect(detectLegacyEncoding(s).encoding).toBe('unicode');
      expect(detectLegacyEncoding(s, ['.VnTime']).encoding).toBe('unicode');
      expect(detectLegacyEncoding(s, ['VNI-Times']).encoding).toBe('unicode');
    }
  });

  it('leaves other languages and ambiguous text as they are', () => {
    expect(detectLegacyEncoding('Hello world. Is it? Yes, I\'m here.').encoding).toBe('unicode');
    expect(detectLegacyEncoding('Café crème brûlée à la française, garçon').encoding).toBe('unicode');
    expect(detectLegacyEncoding('Có là và').encoding).toBe('unicode');
    expect(detectLegacyEncoding('').encoding).toBe('unicode');
  });
});
