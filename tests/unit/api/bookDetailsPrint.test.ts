/** The book details' print and cover settings as the API takes them in: stored forms, and a sentence for a bad value. */
import { describe, expect, it } from 'vitest';
import { manuscriptContract } from '../../../shared/api/manuscript';

const input = (details: unknown) => manuscriptContract.updateBook.input.safeParse({ id: 1, baseVersion: 0, details });

describe('book details: print and cover settings', () => {
  it('refuses a bad ISBN, a paper thickness of 0, an unknown trim and signature, each with one sentence', () => {
    expect(input({ colophon: { isbn: '978-604-57-1234-4' }, cover: { paperThickness: 0.1 }, print: { trim: '150x210', signature: 16, bleed: 3 } }).success).toBe(true);
    const isbn = input({ colophon: { isbn: '978-604-57-1234-5' } });
    expect(isbn.success).toBe(false);
    expect(isbn.error!.issues[0]!.message).toMatch(/^Mã ISBN .* sai số kiểm tra/);
    const paper = input({ cover: { paperThickness: 0 } });
    expect(paper.success).toBe(false);
    expect(paper.error!.issues[0]!.message).toMatch(/^Độ dày giấy/);
    expect(input({ print: { trim: '20x30' } }).error!.issues[0]!.message).toMatch(/^Khổ sách/);
    expect(input({ print: { signature: 12 } }).error!.issues[0]!.message).toMatch(/tay sách/);
  });

  it('stores a trim as the typesetter reads it', () => {
    const trim = (t: string) => {
      const r = input({ print: { trim: t } });
      return r.success ? r.data.details!.print!.trim : r.error.issues[0]!.message;
    };
    expect(trim('150 × 210 mm')).toBe('150x210');
    expect(trim('148mm x 210mm')).toBe('148x210');
    expect(trim('a5')).toBe('A5');
    expect(trim('145x205')).toBe('145x205');
    expect(trim('')).toBe('');
    expect(trim('A7')).toMatch(/^Khổ sách phải là/);
    expect(trim('2000x300')).toMatch(/^Khổ sách phải là/);
  });

  it('keeps the cover colour to the three offered', () => {
    expect(input({ cover: { colour: 'navy', backText: 'Lời giới thiệu.' } }).success).toBe(true);
    expect(input({ cover: { colour: 'green' } }).success).toBe(false);
    expect(input({ print: { bleed: -1 } }).error!.issues[0]!.message).toBe('Tràn lề không được âm.');
  });
});
