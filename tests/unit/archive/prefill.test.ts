import { describe, expect, it } from 'vitest';
import { suggestMetadata } from '../../../electron/core/archive/prefill';

describe('metadata suggested from a document header', () => {
  it('a Party resolution', () => {
    const text = [
      'ĐẢNG BỘ TỈNH LAI CHÂU',
      'TỈNH ỦY',
      '*',
      'Số 05-NQ/TU',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Lai Châu, ngày 3 tháng 2 năm 1961',
      'NGHỊ QUYẾT',
      'VỀ NHIỆM VỤ PHÁT TRIỂN KINH TẾ NĂM 1961',
      'Nội dung …',
    ].join('\n');
    expect(suggestMetadata(text)).toEqual({
      code: '05-NQ/TU',
      docType: 'Nghị quyết',
      issuer: 'TỈNH ỦY',
      place: 'Lai Châu',
      date: { text: 'ngày 3 tháng 2 năm 1961', start: '1961-02-03', end: '1961-02-03' },
      abstract: 'Về nhiệm vụ phát triển kinh tế năm 1961',
    });
  });

  it('a State decision with the two header columns on one line', () => {
    const text = ['UỶ BAN NHÂN DÂN HUYỆN X\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 123/QĐ-UBND\tX, ngày 05 tháng 9 năm 2019', 'QUYẾT ĐỊNH', 'Về việc thành lập Ban biên soạn'].join('\n');
    const s = suggestMetadata(text);
    expect(s.code).toBe('123/QĐ-UBND');
    expect(s.docType).toBe('Quyết định');
    expect(s.issuer).toBe('UỶ BAN NHÂN DÂN HUYỆN X');
    expect(s.date).toEqual({ text: 'ngày 05 tháng 9 năm 2019', start: '2019-09-05', end: '2019-09-05' });
    expect(s.place).toBe('X');
    expect(s.abstract).toBe('Về việc thành lập Ban biên soạn');
  });

  it("a 1960s resolution as OCR reads it: the Party's name of the time, a tone misread, columns split by a tab", () => {
    // What the recognition of a scanned header gives (electron/core/ocr): "ĐẢNG" read as "ĐẲNG".
    const text = ['TỈNH ỦY LAI CHÂU\tĐẲNG LAO ĐỘNG VIỆT NAM', 'Số 05-NQ/TU\tLai Châu, ngày 3 tháng 2 năm 1961', '', 'NGHỊ QUYẾT', 'về công tác xây dựng Đảng ở vùng cao'].join('\n');
    const s = suggestMetadata(text);
    expect(s.issuer).toBe('TỈNH ỦY LAI CHÂU');
    expect(s.code).toBe('05-NQ/TU');
    expect(s.date?.start).toBe('1961-02-03');
    expect(s.abstract).toBe('Về công tác xây dựng Đảng ở vùng cao');
  });

  it('suggests nothing from ordinary prose', () => {
    expect(suggestMetadata('Năm 1945, nhân dân trong tỉnh nổi dậy. Số người tham gia rất đông.')).toEqual({});
  });

  it('does not take a document the text refers to for the document itself', () => {
    const text = ['BÁO CÁO', 'Kết quả thực hiện Nghị quyết số 05-NQ/TU của Tỉnh ủy và Chỉ thị số 17-CT/TW.'].join('\n');
    const s = suggestMetadata(text);
    expect(s.code).toBeUndefined();
    expect(s.issuer).toBeUndefined();
    expect(s.docType).toBe('Báo cáo');
  });
});
