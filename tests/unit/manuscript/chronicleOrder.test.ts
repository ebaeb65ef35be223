/**
 * orderChronicle: a chronicle chapter printed in date order under year headings generated from
 * the dates, whatever order the entries were typed in; entries whose dates cannot be read stay
 * after the entry typed before them and are reported.
 */
import { describe, expect, it } from 'vitest';
import { chronicleEntryOf, isDateShaped, orderChronicle } from '../../../shared/book/chronicle';
import type { Block, InlineRun } from '../../../shared/book/model';

const t = (text: string, bold = false): InlineRun => ({ kind: 'text', text, ...(bold ? { bold: true } : {}) });
const p = (text: string): Block => ({ kind: 'paragraph', runs: [t(text)] });
const h = (text: string, id?: string): Block => ({ kind: 'heading', level: 1, runs: [t(text)], ...(id ? { id } : {}) });
const text = (b: Block) => (b.kind === 'paragraph' || b.kind === 'heading' ? b.runs.map((r) => (r.kind === 'text' ? r.text : '')).join('') : '');
/** Each block as one line: "# Năm 1930", "Ngày 3-2-1930,", or a paragraph's text. */
const lines = (blocks: Block[]) => blocks.map((b) => (b.kind === 'heading' ? `# ${text(b)}` : b.kind === 'chronicle-entry' ? b.dateLabel : text(b)));

describe('orderChronicle', () => {
  it('prints entries in date order under year headings made from the dates, not where they were typed', () => {
    const { blocks, unread } = orderChronicle([
      p('Chương này ghi các sự kiện từ khi thành lập Đảng bộ.'),
      h('Năm 1930', 'h-1930'),
      p('Ngày 3-2-1930, thành lập Đảng Cộng sản Việt Nam.'),
      p('Ngày 12-3-1951, thành lập chi bộ xã.'), // typed under 1930
      p('Nguồn: Báo cáo của Huyện ủy, lưu tại Kho Lưu trữ.'),
      h('Năm 1945'),
      p('Cuối năm 1945: bầu cử Hội đồng nhân dân.'),
      p('Ngày 19-8-1945, khởi nghĩa giành chính quyền.'),
      p('Đây là đoạn thứ hai của sự kiện.'),
      p('Đầu năm 1945, nạn đói.'),
      p('Từ ngày 13-3 đến ngày 7-5-1954, chiến dịch Điện Biên Phủ.'),
      p('Năm 1930: phong trào lan rộng.'),
    ]);
    expect(unread).toEqual([]);
    expect(lines(blocks)).toEqual([
      'Chương này ghi các sự kiện từ khi thành lập Đảng bộ.',
      '# Năm 1930',
      'Ngày 3-2-1930,',
      'Năm 1930:',
      '# Năm 1945',
      'Đầu năm 1945,',
      'Ngày 19-8-1945,',
      'Đây là đoạn thứ hai của sự kiện.',
      'Cuối năm 1945:',
      '# Năm 1951',
      'Ngày 12-3-1951,',
      'Nguồn: Báo cáo của Huyện ủy, lưu tại Kho Lưu trữ.',
      '# Năm 1954',
      'Từ ngày 13-3 đến ngày 7-5-1954,',
    ]);
    // The typed heading's id passes to the generated heading of its year; headings are unnumbered.
    expect(blocks[1]).toMatchObject({ kind: 'heading', level: 1, id: 'h-1930', numbered: false });
    expect(blocks.find((b) => b.kind === 'chronicle-entry' && b.dateLabel.startsWith('Từ'))).toMatchObject({ sortKey: '1954-03-13', body: [t('chiến dịch Điện Biên Phủ.')] });
  });

  it('dates a year-less entry by the entry or year heading typed before it', () => {
    const { blocks, unread } = orderChronicle([h('Năm 1946'), p('Ngày 5-3, mít tinh.'), p('Ngày 1-1-1947, lập tề.'), p('Tháng 6: thu thuế nông nghiệp.'), p('Ngày 2-2-1946, bầu cử.')]);
    expect(unread).toEqual([]);
    expect(lines(blocks)).toEqual(['# Năm 1946', 'Ngày 2-2-1946,', 'Ngày 5-3,', '# Năm 1947', 'Ngày 1-1-1947,', 'Tháng 6:']);
    expect(blocks.filter((b) => b.kind === 'chronicle-entry').map((b) => (b.kind === 'chronicle-entry' ? b.sortKey : ''))).toEqual(['1946-02-02', '1946-03-05', '1947-01-01', '1947-06-01']);
    // Before any dated entry, the chapter's own year (options) dates it.
    expect(orderChronicle([p('Ngày 5-3, mít tinh.')], { defaultYear: 1960 }).blocks[1]).toMatchObject({ sortKey: '1960-03-05' });
  });

  it('keeps an entry whose date cannot be read right after the entry typed before it, and reports it', () => {
    const { blocks, unread } = orderChronicle([
      p('Ngày 5-3, mít tinh.'),
      p('Ngày 20-5-1952, đón đoàn cán bộ.'),
      p('Ngày 1-1-1950, thành lập huyện.'),
      p('Ngày 30-2-1950, họp chi bộ.'),
      p('Đoạn tiếp theo của cuộc họp.'),
      p('Ngày 7-7-1949, lập đội du kích.'),
    ]);
    expect(lines(blocks)).toEqual([
      'Ngày 5-3,',
      '# Năm 1949',
      'Ngày 7-7-1949,',
      '# Năm 1950',
      'Ngày 1-1-1950,',
      'Ngày 30-2-1950,',
      'Đoạn tiếp theo của cuộc họp.',
      '# Năm 1952',
      'Ngày 20-5-1952,',
    ]);
    expect(unread).toEqual([
      { label: 'Ngày 5-3', index: 0, reason: 'no-year', message: expect.stringContaining('không có năm') },
      { label: 'Ngày 30-2-1950', index: 3, reason: 'impossible', message: expect.stringContaining('không có thật') },
    ]);
    expect(blocks.find((b) => b.kind === 'chronicle-entry' && b.dateLabel.startsWith('Ngày 30'))).not.toHaveProperty('sortKey');
    expect(orderChronicle([p('Ngày 12 tháng 13 năm 1951, bầu Ban Chấp hành.')]).unread).toMatchObject([{ label: 'Ngày 12 tháng 13 năm 1951', index: 0, reason: 'impossible' }]);
    expect(orderChronicle([p('Ngày 1-1-1951, họp.'), p('Ngày 15 và 14-3-1951, hội nghị.')]).unread).toMatchObject([{ index: 1, reason: 'unreadable' }]);
  });

  it('reads lunar dates, seasons and bold leads, and keeps topical headings with the entry after them', () => {
    const { blocks } = orderChronicle([
      { kind: 'paragraph', runs: [t('Mùa xuân 1947', true), t(', du kích chặn đánh địch.')] },
      h('Tổng tiến công Tết Mậu Thân'),
      p('Ngày 15 tháng Giêng năm 1968 (âm lịch), quân dân tiến công.'),
      p('Ngày 19-12-1946, toàn quốc kháng chiến.'),
    ]);
    expect(lines(blocks)).toEqual(['# Năm 1946', 'Ngày 19-12-1946,', '# Năm 1947', 'Mùa xuân 1947,', '# Năm 1968', '# Tổng tiến công Tết Mậu Thân', 'Ngày 15 tháng Giêng năm 1968 (âm lịch),']);
    // Tết Mậu Thân fell on 29-1-1968 in Việt Nam's calendar.
    expect(blocks[blocks.length - 1]).toMatchObject({ sortKey: '1968-02-12' });
  });

  it('keeps a month heading with the entry typed after it', () => {
    const { blocks } = orderChronicle([h('Tháng 8-1945'), p('Ngày 19-8-1945, khởi nghĩa.'), p('Ngày 2-9-1945, mít tinh.')]);
    expect(lines(blocks)).toEqual(['# Năm 1945', '# Tháng 8-1945', 'Ngày 19-8-1945,', 'Ngày 2-9-1945,']);
  });

  it('leaves a chapter without dated entries in typed order, headings and all', () => {
    const input = [h('Năm 1945'), p('Lời dẫn không có ngày tháng.')];
    expect(orderChronicle(input)).toEqual({ blocks: input, unread: [] });
  });
});

describe('date leads', () => {
  it('are made only of date words and numbers', () => {
    for (const s of ['Ngày 19-8-1945', 'Từ ngày 13-3 đến ngày 7-5-1954', 'Ngày 30-2-1950', 'Thượng tuần tháng 5-1954', 'Ngày 15 tháng Giêng năm 1968 (âm lịch)', 'Quý I năm 2010']) expect(isDateShaped(s), s).toBe(true);
    for (const s of ['Trong năm 1945', 'Ngày càng nhiều', 'Năm 1945 là năm lịch sử', 'Ghi chú']) expect(isDateShaped(s), s).toBe(false);
  });

  it('open an entry with a range, a full stop, or an impossible date; a bold opening that is no date is text', () => {
    expect(chronicleEntryOf([t('Từ ngày 13-3 đến ngày 7-5-1954, chiến dịch Điện Biên Phủ.')])).toMatchObject({ dateLabel: 'Từ ngày 13-3 đến ngày 7-5-1954,', sortKey: '1954-03-13' });
    expect(chronicleEntryOf([t('Ngày 19-8-1945. Khởi nghĩa.')])).toMatchObject({ dateLabel: 'Ngày 19-8-1945.', body: [t('Khởi nghĩa.')] });
    expect(chronicleEntryOf([t('Ngày 15, 16 và 17-3-1961, hội nghị.')])).toMatchObject({ dateLabel: 'Ngày 15, 16 và 17-3-1961,', sortKey: '1961-03-15' });
    expect(chronicleEntryOf([t('Ngày 30-2-1950, họp.')])).toEqual({ kind: 'chronicle-entry', dateLabel: 'Ngày 30-2-1950,', body: [t('họp.')] });
    expect(chronicleEntryOf([t('Ghi chú', true), t(': tài liệu còn thiếu.')])).toBeNull();
  });
});
