import { describe, expect, it } from 'vitest';
import { correctWords } from '../../../electron/core/ocr/ocrCorrections';

const fix = (line: string) => correctWords(line.split(' ')).join(' ');

describe('corrections of the Party words OCR misreads', () => {
  it('corrects a misread word where the next (or previous) word shows what it is, keeping its case', () => {
    expect(fix('các chỉ bộ đã họp')).toBe('các chi bộ đã họp');
    expect(fix('ĐẲNG BỘ HUYỆN')).toBe('ĐẢNG BỘ HUYỆN');
    expect(fix('Đẳng viên gương mẫu')).toBe('Đảng viên gương mẫu');
    expect(fix('ĐẢNG CỘNG SẲN VIỆT NAM')).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(fix('BẠN CHẤP HÀNH')).toBe('BAN CHẤP HÀNH');
    expect(fix('TÍNH ỦY LAI CHÂU')).toBe('TỈNH ỦY LAI CHÂU');
    expect(fix('(chỉ bộ)')).toBe('(chi bộ)');
  });

  it('leaves the same words alone where they are Vietnamese as read', () => {
    expect(fix('thực hiện chỉ thị số 05')).toBe('thực hiện chỉ thị số 05');
    expect(fix('nam nữ bình đẳng')).toBe('nam nữ bình đẳng');
    expect(fix('bình đẳng bộ tộc')).toBe('bình đẳng bộ tộc');
    expect(fix('bình đẳng, đoàn kết')).toBe('bình đẳng, đoàn kết');
    expect(fix('trường cao đẳng viên chức')).toBe('trường cao đẳng viên chức');
    expect(fix('bạn bè tính toán')).toBe('bạn bè tính toán');
    expect(fix('chỉ')).toBe('chỉ');
  });
});
