import { describe, expect, it } from 'vitest';
import { applyMove, checkMove, headingLabels, structureLabels, withoutTypedNumber, type StructureNode } from '../../../shared/manuscript/structure';
import { diffParagraphs, diffWords } from '../../../shared/manuscript/diff';

const n = (id: number, kind: StructureNode['kind'], position: number, parentId: number | null = null, role: StructureNode['role'] = ''): StructureNode => ({ id, kind, position, parentId, role });

describe('generated numbering', () => {
  it('numbers sections I. › 1. › a), restarting below each level', () => {
    expect(headingLabels([1, 2, 2, 3, 3, 2, 1, 3, 2])).toEqual(['I.', '1.', '2.', 'a)', 'b)', '3.', 'II.', 'a)', '1.']);
  });

  it('numbers chapters through parts, optionally in arabic or restarting per part', () => {
    const nodes = [n(1, 'part', 1), n(2, 'chapter', 1, 1), n(3, 'part', 2), n(4, 'chapter', 1, 3), n(5, 'front', 1, null, 'preface')];
    expect([...structureLabels(nodes)]).toEqual([
      [5, ''],
      [1, 'Phần thứ nhất'],
      [2, 'Chương I'],
      [3, 'Phần thứ hai'],
      [4, 'Chương II'],
    ]);
    expect(structureLabels(nodes, { chapterStyle: 'arabic', chapterRestartsPerPart: true }).get(4)).toBe('Chương 1');
  });
});

describe('moving nodes', () => {
  it('keeps front matter before the body and back matter after it whatever index is asked', () => {
    const nodes = [n(1, 'front', 1, null, 'preface'), n(2, 'chapter', 2), n(3, 'back', 3, null, 'conclusion')];
    expect(applyMove(nodes, 3, { parentId: null, index: 0 }).get(null)).toEqual([1, 2, 3]);
    expect(applyMove(nodes, 2, { parentId: null, index: 0 }).get(null)).toEqual([1, 2, 3]);
  });

  it('refuses a part inside a part and anything inside a chapter', () => {
    const nodes = [n(1, 'part', 1), n(2, 'part', 2), n(3, 'chapter', 3)];
    expect(checkMove(nodes, 2, { parentId: 1, index: 0 })).toMatch(/Chỉ chương/);
    expect(checkMove(nodes, 1, { parentId: 3, index: 0 })).toMatch(/trong một phần/);
    expect(checkMove(nodes, 3, { parentId: 1, index: 0 })).toBeNull();
  });
});

describe('comparing revisions', () => {
  it('pairs a reworded paragraph as a change and shows whole phrases', () => {
    const d = diffParagraphs(['Mở đầu.', 'Nhân dân khởi nghĩa giành chính quyền.'], ['Mở đầu.', 'Nhân dân toàn huyện khởi nghĩa thắng lợi.', 'Đoạn mới.']);
    expect(d.map((p) => p.kind)).toEqual(['same', 'changed', 'added']);
    expect(diffWords('a b c', 'a x y c')).toEqual([
      { op: 'same', text: 'a ' },
      { op: 'del', text: 'b' },
      { op: 'add', text: 'x y' },
      { op: 'same', text: ' c' },
    ]);
  });
});

describe('numbers typed into a draft’s titles', () => {
  it('drops the chapter, part and section numbers the book generates, and nothing else', () => {
    expect(withoutTypedNumber('Chương I. Vùng đất, con người')).toBe('Vùng đất, con người');
    expect(withoutTypedNumber('CHƯƠNG 2: KHÁNG CHIẾN CHỐNG PHÁP')).toBe('KHÁNG CHIẾN CHỐNG PHÁP');
    expect(withoutTypedNumber('Chương IV – Thời kỳ đổi mới')).toBe('Thời kỳ đổi mới');
    expect(withoutTypedNumber('Phần thứ nhất - Đảng bộ lãnh đạo kháng chiến')).toBe('Đảng bộ lãnh đạo kháng chiến');
    expect(withoutTypedNumber('Phần thứ tư: Hội nhập')).toBe('Hội nhập');
    expect(withoutTypedNumber('II. Bối cảnh lịch sử', 2)).toBe('Bối cảnh lịch sử');
    expect(withoutTypedNumber('1. Kinh tế', 3)).toBe('Kinh tế');
    expect(withoutTypedNumber('a) Nông nghiệp', 4)).toBe('Nông nghiệp');
    // Titles that only look like it stay as they are.
    for (const same of ['Chương trình xây dựng nông thôn mới', 'Chương I', 'Phần kết', 'Năm 1945. Tổng khởi nghĩa', 'Vùng đất, con người']) expect(withoutTypedNumber(same)).toBe(same);
    expect(withoutTypedNumber('1945. Cách mạng Tháng Tám', 2)).toBe('1945. Cách mạng Tháng Tám');
    expect(withoutTypedNumber('Chu\u031bo\u031bng I. Vu\u0300ng đâ\u0301t')).toBe('Vùng đất');
  });
});
