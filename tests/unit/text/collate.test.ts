import { describe, expect, it } from 'vitest';
import { compareVietnamese, compareVietnameseNames, sortVietnamese } from '../../../shared/text/collate';

describe('compareVietnamese', () => {
  it('orders letters as the Vietnamese alphabet does', () => {
    const shuffled = ['ư', 'đ', 'ơ', 'b', 'â', 'e', 'u', 'a', 'ô', 'd', 'ê', 'ă', 'o'];
    expect([...shuffled].sort(compareVietnamese)).toEqual(['a', 'ă', 'â', 'b', 'd', 'đ', 'e', 'ê', 'o', 'ô', 'ơ', 'u', 'ư']);
  });

  it('orders tones ngang, huyền, hỏi, ngã, sắc, nặng', () => {
    expect(['mạ', 'má', 'mã', 'mả', 'mà', 'ma'].sort(compareVietnamese)).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
  });

  it('puts đ words after all d words', () => {
    expect(['Đảng', 'Dương', 'dân', 'đoàn'].sort(compareVietnamese)).toEqual(['dân', 'Dương', 'Đảng', 'đoàn']);
  });

  it('sorts hoà and hòa together, not around other words', () => {
    const sorted = ['hoạ', 'hòa', 'hoả', 'hoà', 'hoá'].sort(compareVietnamese);
    const iHoa1 = sorted.indexOf('hòa');
    const iHoa2 = sorted.indexOf('hoà');
    expect(Math.abs(iHoa1 - iHoa2)).toBe(1);
    expect(sorted.slice(0, 2).sort()).toEqual(['hoà', 'hòa'].sort());
    expect(sorted.slice(2)).toEqual(['hoả', 'hoá', 'hoạ']);
  });

  it('compares numbers inside text by value', () => {
    expect(['Chương 10', 'Chương 2', 'Chương 1'].sort(compareVietnamese)).toEqual(['Chương 1', 'Chương 2', 'Chương 10']);
  });

  it('is a total order: equal only for identical strings', () => {
    expect(compareVietnamese('Thủy', 'Thuỷ')).not.toBe(0);
    expect(compareVietnamese('Thủy', 'Thủy')).toBe(0);
    expect(Math.sign(compareVietnamese('Thủy', 'Thuỷ'))).toBe(-Math.sign(compareVietnamese('Thuỷ', 'Thủy')));
  });
});

describe('compareVietnameseNames', () => {
  it('sorts people by given name, then by the rest of the name', () => {
    const names = ['Lê Văn Bình', 'Nguyễn Thị Bình', 'Trần Văn An', 'Võ Nguyên Giáp', 'Lê Duẩn', 'Hồ Chí Minh'];
    expect([...names].sort(compareVietnameseNames)).toEqual([
      'Trần Văn An', 'Lê Văn Bình', 'Nguyễn Thị Bình', 'Lê Duẩn', 'Võ Nguyên Giáp', 'Hồ Chí Minh',
    ]);
  });

  it('uses Vietnamese letter order for given names (Đ after D)', () => {
    expect(['Phạm Văn Đồng', 'Lê Duẩn', 'Nguyễn Văn Dũng'].sort(compareVietnameseNames)).toEqual([
      'Lê Duẩn', 'Nguyễn Văn Dũng', 'Phạm Văn Đồng',
    ]);
  });

  it('ignores an alias in parentheses when finding the given name', () => {
    expect(compareVietnameseNames('Lê Duẩn (Ba)', 'Nguyễn Văn Cừ')).toBeGreaterThan(0);
    expect(compareVietnameseNames('Nguyễn Văn Cừ (Anh Cả)', 'Lê Duẩn')).toBeLessThan(0);
  });

  it('treats old and new tone placement in names as the same name', () => {
    const sorted = ['Trần Thị Thuỷ', 'Lê Văn Tiến', 'Nguyễn Thị Thủy', 'Phan Văn Thuận'].sort(compareVietnameseNames);
    expect(sorted).toEqual(['Phan Văn Thuận', 'Nguyễn Thị Thủy', 'Trần Thị Thuỷ', 'Lê Văn Tiến']);
  });
});

describe('sortVietnamese', () => {
  it('returns a sorted copy and leaves the input alone', () => {
    const input = ['Xã Đông', 'Xã Bắc', 'Xã Ân'];
    const out = sortVietnamese(input);
    expect(out).toEqual(['Xã Ân', 'Xã Bắc', 'Xã Đông']);
    expect(input).toEqual(['Xã Đông', 'Xã Bắc', 'Xã Ân']);
  });

  it('sorts objects by a key', () => {
    const rows = [{ name: 'Ủy ban' }, { name: 'Tỉnh ủy' }, { name: 'Ban Tuyên giáo' }];
    expect(sortVietnamese(rows, (r) => r.name).map((r) => r.name)).toEqual(['Ban Tuyên giáo', 'Tỉnh ủy', 'Ủy ban']);
  });
});
