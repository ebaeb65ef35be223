import { describe, expect, it } from 'vitest';
import { findBareDocumentReferences, findDocumentReferences, parseDocumentCode } from '../../../shared/text/documentCode';
import { defaultTables, mergeTables } from '../../../shared/text/documentCodeTables';

describe('parseDocumentCode: Party documents', () => {
  it('reads number, type and issuer of a Central Committee resolution', () => {
    expect(parseDocumentCode('16-NQ/TW')).toMatchObject({
      system: 'party', number: '16', typeCode: 'NQ', typeName: 'Nghị quyết',
      issuerCode: 'TW', issuerName: 'Ban Chấp hành Trung ương', normalized: '16-NQ/TW',
    });
  });

  it('names provincial and district documents', () => {
    expect(parseDocumentCode('12-BC/TU')).toMatchObject({ typeName: 'Báo cáo', issuerName: 'Tỉnh ủy' });
    expect(parseDocumentCode('05-CT/HU')).toMatchObject({ number: '05', typeName: 'Chỉ thị', issuerName: 'Huyện ủy' });
    expect(parseDocumentCode('24-BS/UBKTTU')).toMatchObject({ typeCode: 'BS', issuerName: 'Ủy ban Kiểm tra Tỉnh ủy' });
    expect(parseDocumentCode('14514-CV/VPTW')).toMatchObject({ number: '14514', typeName: 'Công văn', issuerName: 'Văn phòng Trung ương Đảng' });
    expect(parseDocumentCode('01-KL/ĐU')).toMatchObject({ typeName: 'Kết luận', issuerName: 'Đảng ủy' });
  });

  it('tells Quy định (QĐi) from Quyết định (QĐ)', () => {
    expect(parseDocumentCode('08-QĐi/TW')).toMatchObject({ typeCode: 'QĐi', typeName: 'Quy định' });
    expect(parseDocumentCode('399-QĐ/TW')).toMatchObject({ typeCode: 'QĐ', typeName: 'Quyết định' });
  });

  it('reads the older "TƯ" as TW', () => {
    expect(parseDocumentCode('259-TT/TƯ')).toMatchObject({ typeName: 'Thông tri', issuerCode: 'TW', normalized: '259-TT/TW' });
  });

  it('repairs OCR that lost the bar of Đ and marks the repair', () => {
    const p = parseDocumentCode('08-QDi/TW');
    expect(p).toMatchObject({ typeCode: 'QĐi', ocrCorrected: true });
    expect(parseDocumentCode('15-NQ/DU')).toMatchObject({ issuerCode: 'ĐU', issuerName: 'Đảng ủy', ocrCorrected: true });
    expect(parseDocumentCode('16-NQ/TW')?.ocrCorrected).toBeUndefined();
  });

  it('accepts "Số", odd spacing and typographic dashes', () => {
    expect(parseDocumentCode('Số 16 - NQ / TW')?.normalized).toBe('16-NQ/TW');
    expect(parseDocumentCode('Số: 20–CT/TW')?.normalized).toBe('20-CT/TW');
  });

  it('still parses codes missing from the tables, without names', () => {
    const p = parseDocumentCode('3-XX/TU');
    expect(p).toMatchObject({ typeCode: 'XX', issuerName: 'Tỉnh ủy' });
    expect(p?.typeName).toBeUndefined();
  });
});

describe('parseDocumentCode: State documents', () => {
  it('reads number/type-issuer', () => {
    expect(parseDocumentCode('123/QĐ-UBND')).toMatchObject({
      system: 'state', number: '123', typeCode: 'QĐ', typeName: 'Quyết định', issuerCode: 'UBND', issuerName: 'Ủy ban nhân dân',
    });
  });

  it('reads the year of legal documents', () => {
    expect(parseDocumentCode('30/2020/NĐ-CP')).toMatchObject({ number: '30', year: '2020', typeName: 'Nghị định', issuerName: 'Chính phủ' });
    expect(parseDocumentCode('05/2025/TT-BNV')).toMatchObject({ typeName: 'Thông tư', issuerName: 'Bộ Nội vụ' });
  });

  it('reads a công văn, which has no type part, as issuer and drafting unit', () => {
    const p = parseDocumentCode('125/SGDĐT-VP');
    expect(p).toMatchObject({ number: '125', issuerCode: 'SGDĐT', issuerName: 'Sở Giáo dục và Đào tạo', unitCode: 'VP' });
    expect(p?.typeCode).toBeUndefined();
  });

  it('reads QD as QĐ in State codes too', () => {
    expect(parseDocumentCode('123/QD-UBND')).toMatchObject({ typeCode: 'QĐ', normalized: '123/QĐ-UBND', ocrCorrected: true });
  });
});

describe('parseDocumentCode: historical forms', () => {
  it('reads 1-C/VP, 550-TTG, 259-TT/TW and 79/CP', () => {
    expect(parseDocumentCode('1-C/VP')).toMatchObject({ number: '1', typeCode: 'C', issuerCode: 'VP' });
    expect(parseDocumentCode('550-TTG')).toMatchObject({ number: '550', issuerCode: 'TTg', issuerName: 'Thủ tướng Chính phủ' });
    expect(parseDocumentCode('259-TT/TW')).toMatchObject({ typeName: 'Thông tri', issuerCode: 'TW' });
    expect(parseDocumentCode('79/CP')).toMatchObject({ number: '79', issuerName: 'Chính phủ' });
  });
});

describe('parseDocumentCode: things that are not codes', () => {
  it('rejects dates and plain numbers', () => {
    for (const s of ['19-8-1945', '3/1950', '24/8/1945', '1945-1954', '12', 'NQ/TW', '']) {
      expect(parseDocumentCode(s), s).toBeNull();
    }
  });
});

describe('the code tables are data a project can extend', () => {
  it('adds a province-coined issuer without changing the defaults', () => {
    const tables = mergeTables(defaultTables, { partyIssuers: { 'BCĐ': 'Ban Chỉ đạo biên soạn lịch sử Đảng bộ' } });
    expect(parseDocumentCode('02-KH/BCĐ', tables)?.issuerName).toBe('Ban Chỉ đạo biên soạn lịch sử Đảng bộ');
    expect(parseDocumentCode('02-KH/BCĐ')?.issuerName).toBeUndefined();
    expect(defaultTables.partyIssuers['BCĐ']).toBeUndefined();
  });

  it('lets a user rename a default entry', () => {
    const tables = mergeTables(defaultTables, { partyTypes: { BS: 'Báo cáo sơ kết' } });
    expect(parseDocumentCode('24-BS/UBKTTU', tables)?.typeName).toBe('Báo cáo sơ kết');
  });
});

describe('findDocumentReferences', () => {
  it('finds references after a type word and "số"', () => {
    const text = 'Thực hiện Nghị quyết số 16-NQ/TW và Chỉ thị 17-CT/TW, Tỉnh ủy ban hành Kết luận số 01-KL/TU.';
    const refs = findDocumentReferences(text);
    expect(refs.map((r) => r.code)).toEqual(['16-NQ/TW', '17-CT/TW', '01-KL/TU']);
    for (const r of refs) expect(text.slice(r.start, r.end)).toBe(r.code);
    expect(text.slice(refs[0]!.phraseStart, refs[0]!.end)).toBe('Nghị quyết số 16-NQ/TW');
    expect(refs[0]!.typeWord).toBe('Nghị quyết');
    expect(text.slice(refs[1]!.phraseStart, refs[1]!.end)).toBe('Chỉ thị 17-CT/TW');
    expect(refs[2]!.parsed.issuerName).toBe('Tỉnh ủy');
  });

  it('finds State references', () => {
    const refs = findDocumentReferences('theo Quyết định số 123/QĐ-UBND ngày 5-3-2019 và Nghị định 30/2020/NĐ-CP; Công văn số 125/SGDĐT-VP.');
    expect(refs.map((r) => r.parsed.normalized)).toEqual(['123/QĐ-UBND', '30/2020/NĐ-CP', '125/SGDĐT-VP']);
    expect(refs[2]!.typeWord).toBe('Công văn');
  });

  it('does not mistake dates for references', () => {
    const text = 'Ngày 19-8-1945 khởi nghĩa; tháng 3/1950; ngày 24/8/1945; giai đoạn 1945-1954; Đường 9-Nam Lào; Trung đoàn 9-QĐ.';
    expect(findDocumentReferences(text)).toEqual([]);
  });

  it('finds a code right after a date without swallowing it', () => {
    const text = 'Ngày 3-2-1961, Tỉnh ủy ra Nghị quyết 05-NQ/TU về hợp tác hóa.';
    const refs = findDocumentReferences(text);
    expect(refs).toHaveLength(1);
    expect(refs[0]!.code).toBe('05-NQ/TU');
  });

  it('stops a code at the end of the symbol', () => {
    const text = 'Chỉ thị số 20-CT/TW-Tỉnh nhà quán triệt';
    expect(findDocumentReferences(text).map((r) => r.code)).toEqual(['20-CT/TW']);
  });

  it('finds historical forms with a known issuer', () => {
    const refs = findDocumentReferences('Thông tư số 550-TTg và Thông tri 259-TT/TW, Nghị định 79/CP');
    expect(refs.map((r) => r.parsed.issuerCode)).toEqual(['TTg', 'TW', 'CP']);
  });

  it('reads OCR text where Đ became D', () => {
    const refs = findDocumentReferences('Quyết định số 08-QDi/TW');
    expect(refs[0]?.parsed).toMatchObject({ typeCode: 'QĐi', typeName: 'Quy định' });
  });
});

describe('findBareDocumentReferences', () => {
  it('finds a type word with a bare number, but not one followed by a symbol', () => {
    const text = 'Theo Chỉ thị số 10 của Tỉnh ủy và Nghị quyết số 16-NQ/TW, Thông tư số 05/2025/TT-BNV.';
    const refs = findBareDocumentReferences(text);
    expect(refs.map((r) => [r.typeWord, r.number])).toEqual([['Chỉ thị', '10']]);
    expect(text.slice(refs[0]!.start, refs[0]!.end)).toBe('Chỉ thị số 10');
  });

  it('reads the plenum and the congress term of Central Committee resolutions', () => {
    const refs = findBareDocumentReferences(
      'Quán triệt Nghị quyết Trung ương 5 khóa XII và Nghị quyết Hội nghị lần thứ 15 Ban Chấp hành Trung ương khoá II.',
    );
    expect(refs.map((r) => [r.plenum, r.term])).toEqual([[5, 'XII'], [15, 'II']]);
  });

  it('ignores plain mentions of the Central Committee', () => {
    expect(findBareDocumentReferences('Ban Chấp hành Trung ương họp ngày 5-3-1950.')).toEqual([]);
  });
});
