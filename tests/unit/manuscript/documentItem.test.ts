/**
 * A reproduced document prints its header once: the transcription's own header lines give way to
 * the one generated from the archival description, conservatively (leading lines of header shape
 * or matching the metadata only); its signature block becomes the item's signature.
 */
import { describe, expect, it } from 'vitest';
import { documentPlaceDate, documentTitle, headerDate, headerMotto, trimDocumentBody } from '../../../shared/book/documentItem';
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

describe('the header as it read when the document was issued', () => {
  const on = (start: string) => ({ text: start, start });
  it("prints the Party's name of the time, none while it worked in secret", () => {
    expect(headerMotto(on('1930-03-01'), 'party')).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(headerMotto(on('1941-05'), 'party')).toBe('ĐẢNG CỘNG SẢN ĐÔNG DƯƠNG');
    expect(headerMotto(on('1947-03-12'), undefined)).toBe('');
    expect(headerMotto({ text: 'Cuối năm 1949', start: '1949-10', end: '1949-12' }, 'party')).toBe('');
    expect(headerMotto(on('1951-03-01'), 'party')).toBe('ĐẢNG LAO ĐỘNG VIỆT NAM');
    expect(headerMotto(on('1976-01-08'), 'party')).toBe('ĐẢNG LAO ĐỘNG VIỆT NAM');
    expect(headerMotto(on('1981'), 'party')).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(headerMotto({ text: 'ngày 3 tháng 2 năm 1961' }, 'party')).toBe('ĐẢNG LAO ĐỘNG VIỆT NAM');
    expect(headerMotto(undefined, 'party')).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
  });

  it("prints the State's name of the time for a State document", () => {
    expect(headerMotto(on('1960-05-01'), 'state')).toBe('VIỆT NAM DÂN CHỦ CỘNG HÒA');
    expect(headerMotto(on('1980-05-01'), 'state')).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it("drops the superior body's line and the transcription's own wording of the abstract", () => {
    const commune: ArchivalMetadata = { docType: 'Biên bản', issuer: 'Chi bộ Hòa Lam', abstract: 'về hội nghị thành lập Chi bộ Hòa Lam', date: on('1946-02-03') };
    const title = documentTitle(commune, '');
    const body = ['HUYỆN VÂN KHÊ', 'CHI BỘ HÒA LAM', 'BIÊN BẢN', 'Hội nghị thành lập Chi bộ Hòa Lam', 'Hồi 19 giờ ngày 3 tháng 2 năm 1946, tại nhà đồng chí Sáu.'].map(p);
    expect(texts(trimDocumentBody(body, commune, title).body)).toEqual(['Hồi 19 giờ ngày 3 tháng 2 năm 1946, tại nhà đồng chí Sáu.']);
    const resolution = ['CHI BỘ HÒA LAM', 'NGHỊ QUYẾT', 'Về nhiệm vụ kháng chiến, xây dựng làng chiến đấu', 'Nội dung.'].map(p);
    const m2: ArchivalMetadata = { docType: 'Nghị quyết', issuer: 'Chi bộ Hòa Lam', abstract: 'về nhiệm vụ kháng chiến' };
    expect(texts(trimDocumentBody(resolution, m2, documentTitle(m2, '')).body)).toEqual(['Nội dung.']);
    // A first body sentence under the title is never taken for its wording.
    const sentence = ['CHI BỘ HÒA LAM', 'NGHỊ QUYẾT', 'Hội nghị đã thảo luận và quyết nghị như sau.', 'Nội dung.'].map(p);
    expect(texts(trimDocumentBody(sentence, m2, documentTitle(m2, '')).body)).toEqual(['Hội nghị đã thảo luận và quyết nghị như sau.', 'Nội dung.']);
  });
});
