/**
 * How a citation reads when the catalogue was typed as people type it: an abstract ending with a
 * full stop or "…", a "Về" with a capital, the type repeated in the abstract, a partial date written
 * out ("Cuối năm 1949", "Ngày 3 tháng 2 năm 1946"), a copy rather than the original. The citation
 * adds its own separators, so none of these may print "…., lưu tại" or "Báo cáo Tháng 3-1948".
 */
import { describe, expect, it } from 'vitest';
import { bareCitationPart, citationSourceFromMetadata, formatCitation, formatCitationDate } from '../../../shared/manuscript/citation';

const location = { repository: 'Kho Lưu trữ Đảng ủy xã Hòa Lam', fond: 'Phông Đảng bộ xã Hòa Lam', inventory: '1', box: '1', file: '2', folio: '3' };
const cite = (metadata: Record<string, unknown>, at = {}) => {
  const title = [metadata.docType, metadata.abstract].filter(Boolean).join(' ');
  return formatCitation(citationSourceFromMetadata(title as string, metadata), at);
};

describe('citation punctuation', () => {
  it('prints the footnote of a numbered, dated resolution as a local history does', () => {
    expect(cite({ code: '05-NQ/CB', docType: 'Nghị quyết', issuer: 'Chi bộ Hòa Lam', date: { text: 'Ngày 12 tháng 3 năm 1947', start: '1947-03-12', end: '1947-03-12' }, abstract: 'Về nhiệm vụ kháng chiến, xây dựng làng chiến đấu', location })).toBe(
      'Chi bộ Hòa Lam: Nghị quyết số 05-NQ/CB ngày 12-3-1947 về nhiệm vụ kháng chiến, xây dựng làng chiến đấu, lưu tại Kho Lưu trữ Đảng ủy xã Hòa Lam, Phông Đảng bộ xã Hòa Lam, Mục lục số 1, Hộp số 1, Hồ sơ số 2, tờ 3.',
    );
  });

  it('drops the full stop, ellipsis or semicolon that ends a part before adding its own separator', () => {
    const base = { code: '08-BC/ĐU', docType: 'Báo cáo', issuer: 'Đảng ủy xã Hòa Lam.', date: { start: '1960-12-10' }, location };
    for (const ending of ['.', '…', '...', ' …', ';', ':']) {
      const text = cite({ ...base, abstract: `Về tổng kết phong trào hợp tác hóa${ending}` });
      expect(text).toContain('Đảng ủy xã Hòa Lam: Báo cáo số 08-BC/ĐU ngày 10-12-1960 về tổng kết phong trào hợp tác hóa, lưu tại Kho');
    }
    // A location typed with a final full stop does not end the citation with two.
    expect(cite({ ...base, abstract: 'Về tổng kết', location: { ...location, folio: '', file: '21.' } })).toMatch(/Hồ sơ số 21\.$/);
    // Without type or number the catalogued title is the work, and it loses its full stop too.
    expect(formatCitation(citationSourceFromMetadata('Ghi chép về trận đánh ở bến đò…', { date: { start: '1947' } }))).toBe('Ghi chép về trận đánh ở bến đò, năm 1947.');
  });

  it('keeps the full stop of an abbreviation, and "?" or "!"', () => {
    expect(bareCitationPart('về dân quân, tự vệ, v.v.')).toBe('về dân quân, tự vệ, v.v.');
    expect(bareCitationPart('Vì sao phải góp thóc?')).toBe('Vì sao phải góp thóc?');
    expect(bareCitationPart('  về nhiệm vụ …  ')).toBe('về nhiệm vụ');
    expect(cite({ code: '1-BC', docType: 'Báo cáo', abstract: 'về dân quân, tự vệ, v.v.' })).toBe('Báo cáo số 1-BC về dân quân, tự vệ, v.v.');
    expect(cite({ code: '1-BC', docType: 'Báo cáo', abstract: 'về dân quân, tự vệ, v.v.', location })).toContain('tự vệ, v.v., lưu tại Kho');
  });

  it('runs "về" on in lower case, and does not print the type twice', () => {
    expect(cite({ code: '12-CT/HU', docType: 'Chỉ thị', abstract: 'VỀ tuyên truyền Hiệp định Giơnevơ' })).toBe('Chỉ thị số 12-CT/HU về tuyên truyền Hiệp định Giơnevơ.');
    expect(cite({ code: '12-CT/HU', docType: 'Chỉ thị', abstract: 'Về tuyên truyền Hiệp định Giơnevơ' })).toBe('Chỉ thị số 12-CT/HU về tuyên truyền Hiệp định Giơnevơ.');
    expect(cite({ code: '03-NQ/ĐU', docType: 'Nghị quyết', abstract: 'Nghị quyết về xây dựng hợp tác xã.' })).toBe('Nghị quyết số 03-NQ/ĐU về xây dựng hợp tác xã.');
    // Only a repeated type followed by "về" is dropped: "Báo cáo gửi …" is not a trích yếu to guess at.
    expect(cite({ docType: 'Báo cáo', abstract: 'Báo cáo gửi Huyện ủy' })).toBe('Báo cáo về Báo cáo gửi Huyện ủy.');
  });

  it('runs a partial date on in lower case after the type, for documents without a number', () => {
    expect(cite({ docType: 'Thư', issuer: 'Chi bộ Hòa Lam', date: { text: 'Cuối năm 1949', start: '1949-10', end: '1949-12' }, abstract: 'Về việc vận động nhân dân góp thóc nuôi quân' })).toBe(
      'Chi bộ Hòa Lam: Thư cuối năm 1949 về việc vận động nhân dân góp thóc nuôi quân.',
    );
    expect(cite({ docType: 'Báo cáo', date: { text: 'Tháng 3-1948', start: '1948-03' }, abstract: 'Về bình dân học vụ' })).toBe('Báo cáo tháng 3-1948 về bình dân học vụ.');
    expect(cite({ code: '07-CT/HU', docType: 'Chỉ thị', date: { text: 'Năm 1981', start: '1981' }, abstract: 'Về khoán sản phẩm' })).toBe('Chỉ thị số 07-CT/HU năm 1981 về khoán sản phẩm.');
    expect(cite({ docType: 'Biên bản', date: { text: 'Ngày 3 tháng 2 năm 1946' }, abstract: 'Về hội nghị thành lập Chi bộ Hòa Lam' })).toBe('Biên bản ngày 3-2-1946 về hội nghị thành lập Chi bộ Hòa Lam.');
    // A date that is not a date word (a festival's name) keeps its capital.
    expect(cite({ docType: 'Báo cáo', date: { text: 'Tết Mậu Thân 1968' }, abstract: 'Về chiến đấu' })).toBe('Báo cáo Tết Mậu Thân 1968 về chiến đấu.');
  });

  it('reads the written forms of a catalogued date', () => {
    expect(formatCitationDate('Ngày 03 tháng 02 năm 1946')).toBe('ngày 3-2-1946');
    expect(formatCitationDate('tháng 3 năm 1948')).toBe('tháng 3-1948');
    expect(formatCitationDate('Năm 1981')).toBe('năm 1981');
    expect(formatCitationDate('Cuối năm 1949')).toBe('Cuối năm 1949');
  });

  it('says when the archive holds a copy, and not for an original', () => {
    const meta = { code: '12-CT/HU', docType: 'Chỉ thị', issuer: 'Huyện ủy Vân Khê', date: { start: '1954-07-28', end: '1954-07-28' }, abstract: 'Về củng cố chi bộ', location };
    expect(cite({ ...meta, authenticity: 'Bản sao' })).toBe(
      'Huyện ủy Vân Khê: Chỉ thị số 12-CT/HU ngày 28-7-1954 về củng cố chi bộ (bản sao), lưu tại Kho Lưu trữ Đảng ủy xã Hòa Lam, Phông Đảng bộ xã Hòa Lam, Mục lục số 1, Hộp số 1, Hồ sơ số 2, tờ 3.',
    );
    expect(cite({ ...meta, authenticity: 'Bản trích sao' })).toContain('về củng cố chi bộ (bản trích sao), lưu tại');
    for (const original of ['Bản gốc', 'Bản chính', 'Không rõ']) expect(cite({ ...meta, authenticity: original })).not.toContain('(bản');
  });
});
