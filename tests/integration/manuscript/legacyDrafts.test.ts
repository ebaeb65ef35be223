/**
 * Old drafts into the manuscript through the same readers the archive uses: a DOCX typed in TCVN3
 * fonts (once imported garbled), Word 97–2003 .doc, ODT and RTF, each with footnotes, and a
 * VIQR text file. Chapters come out in Unicode, titled by their heading, footnotes in place.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeLegacy } from '../../../shared/text/legacyEncoding';
import { footnoteCount, NOTE_END, NOTE_START, paragraphTexts } from '../../../shared/manuscript/richDoc';
import { escapeXml, makeDoc, makeLegacyDocx, makeOdt, rtfText, tcvn3 } from '../archive/legacyFixtures';
import { openHarness, type Harness } from './harness';

const note = (text: string) => NOTE_START + text + NOTE_END;

let h: Harness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

let drafts = 0;
function draftFile(name: string, bytes: Uint8Array): string {
  const file = path.join(h.dir, `draft-${++drafts}`, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

async function importOne(name: string, bytes: Uint8Array, split = false) {
  const book = await h.call('createBook', { kind: 'history', title: 'Lịch sử Đảng bộ' });
  const r = await h.call('importDraft', { bookId: book.id, fileName: name, path: draftFile(name, bytes), split });
  const chapters = await Promise.all(r.nodes.map((n) => h.call('getChapter', { id: n.id })));
  return { r, chapters };
}

describe('old drafts into the manuscript', () => {
  it('a DOCX typed in TCVN3 fonts becomes Unicode, its .VnTimeH heading the chapter title', async () => {
    const docx = await makeLegacyDocx({
      heading: 'Thời kỳ khôi phục kinh tế',
      body: 'Năm 1955, Đảng bộ lãnh đạo cải cách ruộng đất',
      styled: 'Sản lượng lúa tăng gấp đôi.',
      note: 'Kho Lưu trữ Tỉnh ủy, Phông số 1.',
      unicode: 'Hợp tác xã ra đời.',
      title: 'Chương ba',
    });
    const { r, chapters } = await importOne('chương 3.docx', docx);
    expect(r.nodes.map((n) => n.title)).toEqual(['THỜI KỲ KHÔI PHỤC KINH TẾ']);
    expect(paragraphTexts(chapters[0]!.doc)).toEqual([
      'Năm 1955, Đảng bộ lãnh đạo cải cách ruộng đất' + note('Kho Lưu trữ Tỉnh ủy, Phông số 1.'),
      'Sản lượng lúa tăng gấp đôi.',
      'Hợp tác xã ra đời.',
    ]);
  });

  it('a Word 97–2003 .doc with a footnote', async () => {
    const doc = makeDoc({
      fonts: ['Times New Roman', '.VnTime', '.VnTimeH'],
      normalFont: 1,
      headingFont: 2,
      paragraphs: [
        { style: 1, runs: [{ text: tcvn3('kháng chiến chống pháp') }] },
        { runs: [{ text: tcvn3('Ngày 19-12-1946, toàn dân kháng chiến'), font: 1 }, { text: '', footnote: [{ text: tcvn3('Lời kêu gọi toàn quốc kháng chiến.'), font: 1 }] }, { text: '.', font: 1 }] },
      ],
    });
    const { r, chapters } = await importOne('chương 4.doc', doc);
    expect(r.nodes.map((n) => n.title)).toEqual(['KHÁNG CHIẾN CHỐNG PHÁP']);
    expect(footnoteCount(chapters[0]!.doc)).toBe(1);
    expect(paragraphTexts(chapters[0]!.doc)).toEqual(['Ngày 19-12-1946, toàn dân kháng chiến' + note('Lời kêu gọi toàn quốc kháng chiến.') + '.']);
  });

  it('an ODT split at its headings, footnotes kept', async () => {
    const body =
      '<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties style:font-name=".VnTime"/></style:style></office:automatic-styles>' +
      '<office:body><office:text>' +
      `<text:h text:outline-level="1">Năm 1945</text:h><text:p><text:span text:style-name="T1">${escapeXml(tcvn3('Khởi nghĩa giành chính quyền'))}</text:span>` +
      '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Báo cáo của Tỉnh ủy.</text:p></text:note-body></text:note></text:p>' +
      '<text:h text:outline-level="1">Năm 1946</text:h><text:p>Tổng tuyển cử.</text:p></office:text></office:body>';
    const { r, chapters } = await importOne('bản thảo.odt', await makeOdt(body, { fonts: ['.VnTime'] }), true);
    expect(r.nodes.map((n) => n.title)).toEqual(['Năm 1945', 'Năm 1946']);
    expect(paragraphTexts(chapters[0]!.doc)).toEqual(['Khởi nghĩa giành chính quyền' + note('Báo cáo của Tỉnh ủy.')]);
    expect(paragraphTexts(chapters[1]!.doc)).toEqual(['Tổng tuyển cử.']);
  });

  it('an RTF with bold and italic, a footnote and an endnote', async () => {
    const rtf = Buffer.from(
      '{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}{\\f1 .VnTime;}}{\\stylesheet{\\s0 Normal;}{\\s1 heading 1;}}\n' +
        `\\pard\\s1 ${rtfText('Thời kỳ 1954–1975')}\\par\n` +
        `\\pard\\plain\\f1 ${rtfText(tcvn3('Phong trào'))} {\\b ${rtfText(tcvn3('Đồng khởi'))}}{\\super\\chftn}{\\footnote\\pard\\plain\\f1 {\\super\\chftn} ${rtfText(tcvn3('Theo hồi ký.'))}\\par} {\\i ${rtfText(tcvn3('lan rộng'))}}{\\super\\chftn}{\\footnote\\ftnalt\\pard\\plain Cu\\u7889?i s\\u225?ch.\\par}.\\par}`,
      'latin1',
    );
    const { r, chapters } = await importOne('chương 5.rtf', rtf);
    expect(r.nodes.map((n) => n.title)).toEqual(['Thời kỳ 1954–1975']);
    expect(footnoteCount(chapters[0]!.doc)).toBe(2);
    expect(paragraphTexts(chapters[0]!.doc)).toEqual(['Phong trào Đồng khởi' + note('Theo hồi ký.') + ' lan rộng' + note('Cuối sách.') + '.']);
    const json = JSON.stringify(chapters[0]!.doc);
    expect(json).toContain('{"type":"text","marks":[{"type":"bold"}],"text":"Đồng khởi"}');
    expect(json).toContain('{"type":"text","marks":[{"type":"italic"}],"text":"lan rộng"}');
  });

  it('a text draft in VIQR', async () => {
    const md = encodeLegacy('# Chi bộ đầu tiên\n\nChi bộ được thành lập năm 1930 tại làng Đông.\n', 'viqr');
    const { r, chapters } = await importOne('chi bộ.txt', new TextEncoder().encode(md));
    expect(r.nodes.map((n) => n.title)).toEqual(['Chi bộ đầu tiên']);
    expect(paragraphTexts(chapters[0]!.doc)).toEqual(['Chi bộ được thành lập năm 1930 tại làng Đông.']);
  });

  it('refuses a damaged old draft in one sentence', async () => {
    const book = await h.call('createBook', { kind: 'history', title: 'Sách' });
    await expect(h.call('importDraft', { bookId: book.id, fileName: 'hỏng.doc', path: draftFile('hỏng.doc', new Uint8Array(600)), split: false })).rejects.toThrow(
      /^Không đọc được tệp Word hỏng\.doc: tài liệu Word \(\.doc\) bị hỏng/,
    );
    await expect(h.call('importDraft', { bookId: book.id, fileName: 'cụt.rtf', path: draftFile('cụt.rtf', Buffer.from('{\\rtf1 {\\b x}')), split: false })).rejects.toThrow(
      /^Không đọc được tệp RTF cụt\.rtf: tài liệu RTF bị hỏng/,
    );
  });
});
