/**
 * A reproduced document prints its header once: the transcription's own header lines give way to
 * the one generated from the archival description, conservatively (leading lines of header shape
 * or matching the metadata only); its signature block becomes the item's signature.
 */
import { describe, expect, it } from 'vitest';
import { documentPlaceDate, documentTitle, headerDate, trimDocumentBody } from '../../../shared/book/documentItem';
import type { Block } from '../../../shared/book/model';
import type { ArchivalMetadata } from '../../../shared/archive/metadata';

const p = (text: string): Block => ({ kind: 'paragraph', runs: [{ kind: 'text', text }] });
const texts = (blocks: Block[]) => blocks.map((b) => (b.kind === 'paragraph' ? b.runs.map((r) => (r.kind === 'text' ? r.text : '')).join('') : b.kind));

const meta: ArchivalMetadata = {
  code: '05-NQ/TU',
  docType: 'Nghị quyết',
  issuer: 'Tỉnh ủy Lai Châu',
  place: 'Lai Châu',
  date: { text: 'ngày 20-6-2021', start: '2021-06-20', end: '2021-06-20' },
  abstract: 'Về công tác xây dựng Đảng năm 2021',
};

describe('the generated title and place-date', () => {
  it('titles the document with its type and abstract', () => {
    expect(documentTitle(meta, 'Nghị quyết 05')).toBe('Nghị quyết về công tác xây dựng Đảng năm 2021');
    expect(documentTitle({ docType: 'Báo cáo', abstract: 'Tình hình kinh tế - xã hội 6 tháng đầu năm' }, '')).toBe('Báo cáo Tình hình kinh tế - xã hội 6 tháng đầu năm');
    expect(documentTitle({ docType: 'Nghị quyết', abstract: 'Nghị quyết về quốc phòng' }, '')).toBe('Nghị quyết về quốc phòng');
    expect(documentTitle({ docType: 'Báo cáo' }, 'x')).toBe('Báo cáo');
    expect(documentTitle({}, 'Thư gửi đồng bào')).toBe('Thư gửi đồng bào');
  });

  it('writes the place and the date in words, partial dates as far as they go', () => {
    expect(documentPlaceDate(meta)).toBe('Lai Châu, ngày 20 tháng 6 năm 2021');
    expect(headerDate({ text: 'tháng 6-2021', start: '2021-06', end: '2021-06' })).toBe('tháng 6 năm 2021');
    expect(headerDate({ text: 'tháng 6-2021' })).toBe('tháng 6 năm 2021');
    expect(headerDate({ text: '3/2/1961' })).toBe('ngày 3 tháng 2 năm 1961');
    expect(headerDate({ text: 'Cuối năm 1960', start: '1960-09', end: '1960-12' })).toBe('Cuối năm 1960');
    expect(documentPlaceDate({ date: { text: '20-6-2021' } })).toBe('Ngày 20 tháng 6 năm 2021');
  });
});

describe('trimDocumentBody', () => {
  it("drops the transcription's own header and moves its signature block to the signature", () => {
    const body = [
      'TỈNH ỦY LAI CHÂU',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      '*',
      'Lai Châu, ngày 20 tháng 6 năm 2021',
      'Số 05-NQ/TU',
      'NGHỊ QUYẾT',
      'về công tác xây dựng Đảng',
      'năm 2021',
      'Hội nghị Tỉnh ủy đã thảo luận và quyết nghị.',
      'T/M TỈNH ỦY',
      'BÍ THƯ',
      '(Đã ký)',
      'Nguyễn Văn A',
    ].map(p);
    const out = trimDocumentBody(body, meta, documentTitle(meta, ''));
    expect(texts(out.body)).toEqual(['Hội nghị Tỉnh ủy đã thảo luận và quyết nghị.']);
    expect(out.signature).toEqual(['T/M TỈNH ỦY', 'BÍ THƯ', '(Đã ký)', 'Nguyễn Văn A']);
  });

  it('drops a state header and a one-line title too', () => {
    const body = ['ỦY BAN NHÂN DÂN TỈNH LAI CHÂU', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 05-NQ/TU', 'NGHỊ QUYẾT VỀ CÔNG TÁC XÂY DỰNG ĐẢNG NĂM 2021', 'Nội dung.'].map(p);
    expect(texts(trimDocumentBody(body, meta, documentTitle(meta, '')).body)).toEqual(['Nội dung.']);
  });

  it('never drops body text: stops at the first line that is not header, keeps a title that does not match', () => {
    const body = ['TỈNH ỦY LAI CHÂU', 'CHỈ THỊ', 'về công tác xây dựng Đảng năm 2021', 'Nội dung.'].map(p);
    expect(texts(trimDocumentBody(body, meta, documentTitle(meta, '')).body)).toEqual(['CHỈ THỊ', 'về công tác xây dựng Đảng năm 2021', 'Nội dung.']);
    const plain = ['Hội nghị đã họp ngày 20 tháng 6 năm 2021 tại Lai Châu.', 'TỈNH ỦY LAI CHÂU giao nhiệm vụ.'].map(p);
    expect(trimDocumentBody(plain, meta, 'x')).toEqual({ body: plain });
    // A transcription that is nothing but header keeps its text.
    const only = ['TỈNH ỦY LAI CHÂU', 'ĐẢNG CỘNG SẢN VIỆT NAM'].map(p);
    expect(trimDocumentBody(only, meta, 'x').body).toEqual(only);
    // "Nơi nhận" after the signature: not a signature block alone, left in the text.
    const sig = ['Nội dung.', 'T/M TỈNH ỦY', 'BÍ THƯ', 'Nguyễn Văn A', 'Nơi nhận: - Như trên,'].map(p);
    expect(trimDocumentBody(sig, meta, 'x')).toEqual({ body: sig });
  });
});
