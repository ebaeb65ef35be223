import { describe, expect, it } from 'vitest';
import { invalidInputMessage } from '../../../shared/api/fieldLabels';

describe('invalidInputMessage', () => {
  it('names the field as the user knows it, never the path', () => {
    const m = invalidInputMessage({ message: 'Ngày phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD.', path: ['patch', 'date', 'start'] });
    expect(m).toBe('Từ ngày (để sắp xếp): ngày phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD.');
    expect(invalidInputMessage({ message: 'Quá dài', path: ['patch', 'location', 'box'] })).toBe('Hộp số: quá dài');
    expect(invalidInputMessage({ message: 'Quá dài', path: ['patch', 'tags', 3] })).toBe('Từ khóa: quá dài');
    expect(invalidInputMessage({ message: 'Không hợp lệ.', path: ['somethingInternal'] })).toBe('Không hợp lệ.');
  });

  it('says zod’s own English messages in Vietnamese', () => {
    expect(invalidInputMessage({ message: 'Too big: expected string to have <=200 characters', path: ['patch', 'date', 'text'], code: 'too_big', origin: 'string', maximum: 200 })).toBe(
      'Ngày tháng năm: dài quá 200 ký tự.',
    );
    expect(invalidInputMessage({ message: 'Too small: expected number to be >0', path: ['id'], code: 'too_small', origin: 'number', minimum: 0, inclusive: false })).toBe(
      'Số tài liệu: phải lớn hơn 0.',
    );
    expect(invalidInputMessage({ message: 'Invalid option: expected one of "Mật"|"Tối mật"', path: ['patch', 'secrecy'], code: 'invalid_value', values: ['Mật', 'Tối mật'] })).toBe(
      'Độ mật: phải là một trong: Mật, Tối mật.',
    );
    expect(invalidInputMessage({ message: 'Invalid input', path: ['x'], code: 'custom' })).toBe('Dữ liệu không hợp lệ.');
  });
});
