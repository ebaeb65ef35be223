/**
 * VISCII and VIQR next to TCVN3 and VNI: the byte table, telling them apart from text alone,
 * text files in each, fonts named the ways documents and PDFs name them, and the run-by-run
 * conversion office documents get (capitals fonts, documents whose fonts no longer tell the truth).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../electron/core/archive/importers/textDecoding';
import { convertRuns, convertTitle } from '../../../electron/core/interchange/office/legacyRuns';
import { convertLegacy, detectLegacyEncoding, encodeLegacy, legacyFontEncoding } from '../../../shared/text/legacyEncoding';

const LOWER = [
  'à', 'á', 'ả', 'ã', 'ạ', 'ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ', 'â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ',
  'è', 'é', 'ẻ', 'ẽ', 'ẹ', 'ê', 'ề', 'ế', 'ể', 'ễ', 'ệ', 'ì', 'í', 'ỉ', 'ĩ', 'ị',
  'ò', 'ó', 'ỏ', 'õ', 'ọ', 'ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ', 'ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ',
  'ù', 'ú', 'ủ', 'ũ', 'ụ', 'ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ', 'đ',
];
const LETTERS = [...LOWER, ...LOWER.map((c) => c.toUpperCase())];

const SENTENCES = [
  'Đảng Cộng sản Việt Nam lãnh đạo nhân dân giành chính quyền năm 1945',
  'Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương',
  'Thủy lợi là biện pháp hàng đầu để phát triển nông nghiệp',
  'Trường học, bệnh viện, đường sá được xây dựng lại sau chiến tranh',
];

const latin1Bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('VISCII', () => {
  it('gives each of the 134 letters its own byte and reads it back', () => {
    const bytes = LETTERS.map((c) => encodeLegacy(c, 'viscii'));
    expect(bytes.every((b) => b.length === 1)).toBe(true);
    expect(new Set(bytes).size).toBe(134);
    for (const c of LETTERS) expect(convertLegacy(encodeLegacy(c, 'viscii'), 'viscii'), c).toBe(c);
  });

  it('agrees with the system iconv where it has VISCII', () => {
    let iconvOk = true;
    const sample = LETTERS.join('');
    let viaIconv = '';
    try {
      viaIconv = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'VISCII'], { input: sample }).toString('latin1');
    } catch {
      iconvOk = false;
    }
    if (!iconvOk) return; // no glibc VISCII here: the round trip above still holds
    expect(encodeLegacy(sample, 'viscii')).toBe(viaIconv);
  });

  it('reads the Windows-1252 characters a Word reader gives for bytes 0x80–0x9F', () => {
    // 0x80 is Ạ and 0x92 is Ỗ in VISCII; through Windows-1252 they arrive as € and ’.
    expect(convertLegacy('\u20ac \u2019', 'viscii')).toBe('Ạ Ỗ');
  });

  it('is told from TCVN3, VNI and plain Latin-1 by the text alone', () => {
    for (const s of SENTENCES) {
      expect(detectLegacyEncoding(encodeLegacy(s, 'viscii')).encoding, s).toBe('viscii');
      expect(detectLegacyEncoding(encodeLegacy(s, 'tcvn3')).encoding, s).toBe('tcvn3');
      expect(detectLegacyEncoding(encodeLegacy(s, 'vni')).encoding, s).toBe('vni');
    }
    expect(detectLegacyEncoding('Café crème brûlée à la française, garçon').encoding).toBe('unicode');
  });
});

describe('text files in every legacy encoding', () => {
  it('VISCII bytes are no longer read as TCVN3', () => {
    for (const s of SENTENCES) expect(decodeText(latin1Bytes(encodeLegacy(s, 'viscii'))), s).toEqual({ text: s, encoding: 'viscii' });
  });

  it('VIQR in plain ASCII is converted, English and ordinary ASCII are not', () => {
    const viqr = encodeLegacy(SENTENCES.join('. ') + '.', 'viqr');
    expect(viqr).toMatch(/^DDa\?ng Co\^\.ng sa\?n/);
    const d = decodeText(new TextEncoder().encode(viqr));
    expect(d.encoding).toBe('utf-8+viqr');
    expect(d.text).toBe(SENTENCES.join('. ') + '.');
    expect(decodeText(new TextEncoder().encode("Ddang bo^. ti'nh ho.p phie^n ba^'t thu+o+`ng")).text).toBe('Đang bộ tính họp phiên bất thường');
    for (const plain of ["Hello world. Is it? Yes, I'm here.", 'Dang bo tinh Lai Chau, so 05-NQ/TU (1961).', 'x = a(b) + c^2; // what?']) {
      expect(decodeText(new TextEncoder().encode(plain)).text, plain).toBe(plain);
    }
  });

  it('TCVN3, VNI and VISCII text saved as UTF-8 by a tool that read it as Latin-1', () => {
    for (const enc of ['tcvn3', 'vni', 'viscii'] as const) {
      const s = SENTENCES[0]!;
      expect(decodeText(new TextEncoder().encode(encodeLegacy(s, enc))).text, enc).toBe(s);
    }
  });
});

describe('font names as documents and PDFs give them', () => {
  it.each([
    ['.VnTime', { encoding: 'tcvn3' }],
    ['.VnTimeH', { encoding: 'tcvn3', upperCase: true }],
    ['.VnArial NarrowH', { encoding: 'tcvn3', upperCase: true }],
    ['ABCDEF+.VnTime', { encoding: 'tcvn3' }],
    ['.VnTimeH,Bold', { encoding: 'tcvn3', upperCase: true }],
    ['.VnTime-BoldItalic', { encoding: 'tcvn3' }],
    ['VNI-Times', { encoding: 'vni' }],
    ['QWERTY+VNI-Helve-Condense,Bold', { encoding: 'vni' }],
  ])('%s', (name, expected) => {
    expect(legacyFontEncoding(name)).toEqual(expected);
  });

  it('leaves Unicode fonts alone', () => {
    for (const name of ['Times New Roman', 'Arial', 'ABCDEF+TimesNewRomanPSMT', 'Vollkorn', 'Noto Serif']) expect(legacyFontEncoding(name), name).toBeNull();
  });
});

describe('run-by-run conversion in office documents', () => {
  const t = (s: string) => encodeLegacy(s, 'tcvn3');

  it('converts by font, upper-cases capitals fonts, leaves Unicode runs alone', () => {
    const runs = [
      { text: t('nghị quyết'), font: '.VnTimeH' },
      { text: t('Ban Chấp hành Đảng bộ'), font: '.VnTime' },
      { text: encodeLegacy('Ủy ban nhân dân', 'vni'), font: 'VNI-Times' },
      { text: 'Nơi nhận: như trên', font: 'Times New Roman' },
      { text: 'Café', font: 'Arial' },
    ];
    expect(convertRuns(runs)).toEqual(['tcvn3', 'vni']);
    expect(runs.map((r) => r.text)).toEqual(['NGHỊ QUYẾT', 'Ban Chấp hành Đảng bộ', 'Ủy ban nhân dân', 'Nơi nhận: như trên', 'Café']);
  });

  it('converts a document whose fonts say nothing when its text reads clearly as TCVN3', () => {
    const runs = SENTENCES.map((s) => ({ text: t(s), font: null }));
    expect(convertRuns(runs)).toEqual(['tcvn3']);
    expect(runs.map((r) => r.text)).toEqual(SENTENCES);
  });

  it('does not believe legacy fonts that hold Unicode text (a document converted by a tool)', () => {
    const runs = [
      { text: 'Đảng bộ tỉnh lãnh đạo nhân dân', font: '.VnTime' },
      { text: 'nhân dân', font: '.VnTime' }, // only letters Latin-1 has: TCVN3 would make it "nhõn dõn"
      { text: 'Việt Nam', font: '.VnTimeH' },
    ];
    convertRuns(runs);
    expect(runs.map((r) => r.text)).toEqual(['Đảng bộ tỉnh lãnh đạo nhân dân', 'nhân dân', 'Việt Nam']);
  });

  it('converts a title from the properties with the document main encoding', () => {
    expect(convertTitle(t('Báo cáo năm 1975'), ['tcvn3'])).toBe('Báo cáo năm 1975');
    expect(convertTitle('Báo cáo năm 1975', ['tcvn3'])).toBe('Báo cáo năm 1975');
    expect(convertTitle('Report', [])).toBe('Report');
  });
});
