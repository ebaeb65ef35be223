import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../electron/core/archive/importers/textDecoding';
import { encodeLegacy } from '../../../shared/text/legacyEncoding';

const s = 'Đảng Cộng sản Việt Nam lãnh đạo nhân dân giành chính quyền năm 1945';

describe('decoding text files', () => {
  it('UTF-8 with and without BOM, NFD to NFC', () => {
    expect(decodeText(new Uint8Array(Buffer.from(s, 'utf8')))).toEqual({ text: s, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s.normalize('NFD'))])))).toEqual({ text: s, encoding: 'utf-8' });
  });

  it('UTF-16 LE and BE with BOM', () => {
    expect(decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]))).text).toBe(s);
    const be = Buffer.from(s, 'utf16le').swap16();
    expect(decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).text).toBe(s);
  });

  it('TCVN3 (ABC) and VNI bytes become Unicode', () => {
    const tcvn = decodeText(new Uint8Array(Buffer.from(encodeLegacy(s, 'tcvn3'), 'latin1')));
    expect(tcvn).toEqual({ text: s, encoding: 'tcvn3' });
    const vni = decodeText(new Uint8Array(Buffer.from(encodeLegacy(s, 'vni'), 'latin1')));
    expect(vni).toEqual({ text: s, encoding: 'vni' });
  });

  it('Windows-1258 when no legacy font encoding fits', () => {
    const cp = iconv.encode('Ba\u0300n ba\u0309n', 'cp1258');
    expect(decodeText(new Uint8Array(cp))).toEqual({ text: 'Bàn bản', encoding: 'windows-1258' });
  });

  it('never converts text that already has Vietnamese letters', () => {
    expect(decodeText(new Uint8Array(Buffer.from('Ñaûng và Đảng', 'utf8'))).text).toBe('Ñaûng và Đảng');
  });
});
