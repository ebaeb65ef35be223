import { describe, expect, it } from 'vitest';
import { citationSourceFromMetadata, citationSpans, folioOfPage, formatCitation, formatCitationDate } from '../../../shared/manuscript/citation';

describe('archival citation text', () => {
  const full = citationSourceFromMetadata('Nghị quyết xây dựng Đảng', {
    code: '05-NQ/TU',
    docType: 'Nghị quyết',
    issuer: 'Tỉnh ủy Lai Châu',
    date: { text: 'ngày 3 tháng 2 năm 1961', start: '1961-02-03', end: '1961-02-03' },
    abstract: 'về công tác xây dựng Đảng',
    location: { repository: 'Kho Lưu trữ Tỉnh ủy Lai Châu', fond: '1', inventory: '2', file: '45', folio: '3-7' },
  });

  it('reads issuer: italic document, then repository, fond, finding aid, file and folio', () => {
    expect(formatCitation(full, { page: 1 })).toBe(
      'Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU ngày 3-2-1961 về công tác xây dựng Đảng, lưu tại Kho Lưu trữ Tỉnh ủy Lai Châu, Phông số 1, Mục lục số 2, Hồ sơ số 45, tờ 3.',
    );
    expect(citationSpans(full).filter((s) => s.italic).map((s) => s.text)).toEqual(['Nghị quyết số 05-NQ/TU ngày 3-2-1961 về công tác xây dựng Đảng']);
  });

  it('runs an abstract typed with a capital "Về" on in lower case', () => {
    const capital = citationSourceFromMetadata('x', { code: '05-NQ/TU', docType: 'Nghị quyết', issuer: 'Tỉnh ủy Lai Châu', abstract: 'Về công tác xây dựng Đảng' });
    expect(formatCitation(capital)).toBe('Tỉnh ủy Lai Châu: Nghị quyết số 05-NQ/TU về công tác xây dựng Đảng.');
  });

  it('takes the folio of a page from the catalogued range, an explicit folio first', () => {
    expect(formatCitation(full, { page: 3 })).toMatch(/tờ 5\.$/);
    expect(formatCitation(full, { page: 3, folio: '12' })).toMatch(/tờ 12\.$/);
    expect(formatCitation(full)).toMatch(/tờ 3-7\.$/);
    expect(folioOfPage('3-7', 9)).toBe('');
    expect(folioOfPage('4', 1)).toBe('4');
  });

  it('cites a document with partial metadata by its title and partial date, as written', () => {
    const src = citationSourceFromMetadata('Báo cáo tình hình năm 1950', { date: { text: 'Cuối năm 1950' } });
    expect(formatCitation(src, { page: 2 })).toBe('Báo cáo tình hình năm 1950, Cuối năm 1950, tr. 2.');
    expect(formatCitation(citationSourceFromMetadata('Thư', {}))).toBe('Thư.');
  });

  it('does not double "về", keeps named fonds and normalises to NFC', () => {
    const src = citationSourceFromMetadata('x', { docType: 'Chỉ thị', code: '17-CT/TW', abstract: 've\u0302\u0300 thu thuế', location: { fond: 'Phông Tỉnh ủy', repository: 'Trung tâm Lưu trữ quốc gia III' } });
    const text = formatCitation(src);
    expect(text).toBe('Chỉ thị số 17-CT/TW về thu thuế, lưu tại Trung tâm Lưu trữ quốc gia III, Phông Tỉnh ủy.');
    expect(text).toBe(text.normalize('NFC'));
  });

  it('formats dates the way print books do', () => {
    expect(formatCitationDate('1945-08-19')).toBe('ngày 19-8-1945');
    expect(formatCitationDate('1950-03')).toBe('tháng 3-1950');
    expect(formatCitationDate('1960')).toBe('năm 1960');
    expect(formatCitationDate('24/8/1945')).toBe('ngày 24-8-1945');
  });
});
