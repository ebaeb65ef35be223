import { describe, expect, it } from 'vitest';
import { chronicleEntryOf, printedDateLead, toChronicleEntries } from '../../../shared/book/chronicle';
import type { InlineRun } from '../../../shared/book/model';

const t = (text: string, bold = false): InlineRun => ({ kind: 'text', text, ...(bold ? { bold: true } : {}) });

describe('chronicle entries from paragraphs as compilers type them', () => {
  it('takes a date lead followed by a comma or colon, with its punctuation, and dates it', () => {
    expect(chronicleEntryOf([t('Ngày 19-8-1945, nhân dân xã khởi nghĩa.')])).toEqual({
      kind: 'chronicle-entry',
      dateLabel: 'Ngày 19-8-1945,',
      sortKey: '1945-08-19',
      body: [t('nhân dân xã khởi nghĩa.')],
    });
    expect(chronicleEntryOf([t('Cuối tháng 3-1946: bầu cử Hội đồng nhân dân.')])).toMatchObject({ dateLabel: 'Cuối tháng 3-1946:', body: [t('bầu cử Hội đồng nhân dân.')] });
    expect(chronicleEntryOf([t('ngày 3 tháng 2 năm 1930, thành lập Đảng.')])).toMatchObject({ dateLabel: 'Ngày 3 tháng 2 năm 1930,', sortKey: '1930-02-03' });
    expect(chronicleEntryOf([t('Năm 1954: hòa bình lập lại.')])).toMatchObject({ dateLabel: 'Năm 1954:', sortKey: '1954-01-01' });
    expect(chronicleEntryOf([t('Ngày 2 và 3-9-1945, mít tinh mừng độc lập.')])).toMatchObject({ dateLabel: 'Ngày 2 và 3-9-1945,' });
  });

  it('takes a bold lead whatever it says, with the comma typed after it', () => {
    expect(chronicleEntryOf([t('Mùa xuân 1947', true), t(', du kích chặn đánh địch.')])).toMatchObject({ dateLabel: 'Mùa xuân 1947,', body: [t('du kích chặn đánh địch.')] });
    expect(chronicleEntryOf([t('Ngày 7-5-1954', true), t(' Chiến thắng Điện Biên Phủ.')])).toMatchObject({ dateLabel: 'Ngày 7-5-1954', body: [t('Chiến thắng Điện Biên Phủ.')] });
  });

  it('leaves other paragraphs alone', () => {
    for (const text of ['Trong năm 1945, nhân dân…', 'Ngày càng nhiều người tham gia.', 'Năm nay được mùa.', 'Ngày 19-8-1945 là ngày lịch sử.']) expect(chronicleEntryOf([t(text)])).toBeNull();
    const blocks = toChronicleEntries([{ kind: 'heading', level: 1, runs: [t('Năm 1945')] }, { kind: 'paragraph', runs: [t('Lời dẫn.')] }]);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph']);
  });

  it('prints the lead as typed, closing it with a full stop only when it has no punctuation', () => {
    expect(printedDateLead('Ngày 19-8-1945,')).toBe('Ngày 19-8-1945,');
    expect(printedDateLead('Ngày 7-5-1954')).toBe('Ngày 7-5-1954.');
    expect(printedDateLead('Năm 1954:')).toBe('Năm 1954:');
  });
});
