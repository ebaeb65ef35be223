/**
 * The office readers on files made here: RTF written by hand (Unicode escapes and their
 * fallbacks, code pages, skipped destinations, fields, notes, headings, damage), Word 97 .doc
 * written as Word lays it out (pieces, fonts, styles, footnotes, properties) and damaged ones,
 * ODT zipped with JSZip. Each reader gives the HTML both the archive and the manuscript use.
 */
import WordExtractor from 'word-extractor';
import { describe, expect, it } from 'vitest';
import { readOfficeDocument } from '../../../electron/core/interchange/office';
import { openCfb } from '../../../electron/core/interchange/office/cfb';
import { officeHtmlToText } from '../../../electron/core/interchange/office/officeDocument';
import { escapeXml, makeDoc, makeOdt, rtfText, tcvn3, vni, writeCfb } from '../../integration/archive/legacyFixtures';

const rtf = (body: string, head = '{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fnil\\fcharset0 .VnTime;}{\\f2\\fnil .VnTimeH;}}') =>
  Buffer.from(`{\\rtf1\\ansi\\ansicpg1252\\deff0${head}\n${body}}`, 'latin1');
/** Every document read here: the text built from the reader's blocks must be the HTML's text. */
const read: Awaited<ReturnType<typeof readOfficeDocument>>[] = [];
const readRtf = async (bytes: Uint8Array) => {
  const doc = await readOfficeDocument('rtf', bytes, 'thử.rtf');
  read.push(doc);
  return doc;
};
const rtfTextOf = async (bytes: Uint8Array) => officeHtmlToText((await readRtf(bytes)).html);

describe('RTF', () => {
  it('reads \\uN with its fallbacks skipped, whatever \\ucN says', async () => {
    expect(await rtfTextOf(rtf('\\pard \\u272?\\u7843?ng b\\u7897?\\par'))).toBe('Đảng bộ');
    expect(await rtfTextOf(rtf("\\pard\\uc2 \\u272\\'d0?\\u7843\\'e1\\'bang \\uc0\\u273\\u7897\\par"))).toBe('Đảng độ');
    expect(await rtfTextOf(rtf('\\pard \\u-4064?x\\par'))).toBe('\uf020x'); // negative: code above 0x7FFF
  });

  it('decodes \\\'hh bytes with the document code page, or the font character set', async () => {
    const cp1258 = Buffer.from(`{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\pard Vi\\'ea\\'f2t Nam\\par}`, 'latin1');
    expect(await rtfTextOf(cp1258)).toBe('Việt Nam');
    const charset = rtf("\\pard\\f3 Vi\\'ea\\'f2t\\par", '{\\fonttbl{\\f0 Times New Roman;}{\\f3\\froman\\fcharset163 Times New Roman;}}');
    expect(await rtfTextOf(charset)).toBe('Việt');
  });

  it('converts TCVN3 and VNI runs by their fonts, capitals fonts upper-cased', async () => {
    const head = '{\\fonttbl{\\f0 Times New Roman;}{\\f1\\fnil\\fcharset0 .VnTime;}{\\f2\\fnil\\fcharset0 .VnTimeH;}{\\f3\\fnil VNI-Times;}}';
    const doc = await readRtf(
      rtf(`\\pard\\f2 ${rtfText(tcvn3('việt nam dân chủ cộng hòa'))}\\par\\pard\\f1 ${rtfText(tcvn3('Đảng bộ tỉnh'))} \\f3 ${rtfText(vni('Ủy ban'))} \\f0 ${rtfText('Hà Nội')}\\par`, head),
    );
    expect(officeHtmlToText(doc.html)).toBe('VIỆT NAM DÂN CHỦ CỘNG HÒA\n\nĐảng bộ tỉnh Ủy ban Hà Nội');
    expect(doc.legacy).toEqual(['tcvn3', 'vni']);
  });

  it('skips what is not text: tables, pictures, binary data, starred and hidden destinations, field codes', async () => {
    const body = [
      '{\\colortbl;\\red0\\green0\\blue0;}',
      '{\\stylesheet{\\s0 Normal;}{\\s1 heading 1;}}',
      '{\\*\\generator Riched20 10.0;}{\\*\\unknownthing secret {nested} text}',
      '\\pard\\s1 Ti\\u234?u \\u273?\\u7873?\\par',
      '\\pard Xem {\\field{\\*\\fldinst HYPERLINK "http://x"}{\\fldrslt trang web}} v\\u224? {\\v \\u7849?n} h\\u236?nh ',
      '{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a}',
      '{\\object\\objemb{\\*\\objdata 0102}}',
      '\\bin6 {}}\\{ xong\\par',
      '{\\header \\pard Trang 1\\par}',
      '\\trowd\\cellx1000\\cellx2000\\pard\\intbl S\\u7889?\\cell\\pard\\intbl 16-NQ/TU\\par ng\\u224?y 5\\cell\\row',
      '\\pard Sau b\\u7843?ng.\\par',
    ].join('\n');
    const doc = await readRtf(rtf(body));
    expect(doc.html).toContain('<h1>Tiêu đề</h1>');
    expect(doc.html).toContain('<table><tr><td>Số</td><td>16-NQ/TU<br>ngày 5</td></tr></table>');
    expect(officeHtmlToText(doc.html)).toBe('Tiêu đề\n\nXem trang web và hình xong\n\nSố\t16-NQ/TU\nngày 5\n\nSau bảng.');
  });

  it('keeps footnotes and endnotes where they are referred to', async () => {
    const doc = await readRtf(
      rtf(
        '\\pard M\\u7897?t{\\super\\chftn}{\\footnote\\pard {\\super\\chftn} Ch\\u250? th\\u237?ch m\\u7897?t.\\par} hai{\\super\\chftn}{\\footnote\\ftnalt\\pard {\\super\\chftn} Cu\\u7889?i s\\u225?ch.\\par} ba{\\super\\chftn}{\\footnote\\pard Hai.\\par}\\par',
      ),
    );
    expect(doc.html).toContain('Một<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup> hai<sup><a href="#endnote-1"');
    expect(doc.html).toContain('<li id="footnote-1"><p>Chú thích một.</p></li><li id="endnote-1"><p>Cuối sách.</p></li><li id="footnote-2"><p>Hai.</p></li>');
  });

  it('takes its title from the first heading, else from \\info', async () => {
    const info = `{\\info{\\title ${rtfText(tcvn3('Báo cáo năm 1975'))}}{\\author A}}`;
    expect((await readRtf(rtf(`${info}\\pard\\f1 ${rtfText(tcvn3('Tỉnh ủy họp'))}\\par`))).title).toBe('Báo cáo năm 1975');
    expect((await readRtf(rtf(`${info}\\pard\\outlinelevel0 Ti\\u234?u \\u273?\\u7873?\\par`))).title).toBe('Tiêu đề');
  });

  it('refuses a damaged RTF with a sentence, quickly', async () => {
    const full = rtf('\\pard Xin ch\\u224?o\\par');
    await expect(readRtf(full.subarray(0, full.length - 8))).rejects.toThrow(/^thử\.rtf: tài liệu RTF bị hỏng \(tệp bị cắt cụt/);
    await expect(readRtf(Buffer.from('không phải RTF'))).rejects.toThrow(/tài liệu RTF bị hỏng/);
    const started = Date.now();
    await expect(readRtf(Buffer.from(`{\\rtf1 ${'{'.repeat(100_000)}x${'}'.repeat(100_000)}}`))).rejects.toThrow(/lồng nhau quá sâu/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

const docSpec = () => ({
  fonts: ['Times New Roman', '.VnTime', '.VnTimeH'],
  normalFont: 1,
  headingFont: 2,
  title: tcvn3('Nghị quyết về công tác xây dựng Đảng'),
  paragraphs: [
    { style: 1, runs: [{ text: tcvn3('nghị quyết về công tác xây dựng đảng') }] },
    {
      runs: [
        { text: tcvn3('Ban Chấp hành Đảng bộ tỉnh họp phiên bất thường ngày 15-3-1975'), font: 1 },
        { text: '', footnote: [{ text: tcvn3('Biên bản số 12-BB/TU, lưu tại Kho Lưu trữ Tỉnh ủy.'), font: 1 }] },
        { text: '.', font: 1 },
      ],
    },
    { runs: [{ text: tcvn3('Thường trực Tỉnh ủy chỉ đạo') }] },
    { runs: [{ text: 'Nơi nhận: các huyện ủy, thị ủy', font: 0 }] },
  ],
});

describe('Word 97–2003 (.doc)', () => {
  it('writes a file word-extractor itself reads (the test file is a real .doc)', async () => {
    const doc = await new WordExtractor().extract(makeDoc(docSpec()));
    expect(doc.getBody()).toContain('Nơi nhận: các huyện ủy, thị ủy');
    expect(doc.getBody()).toContain(tcvn3('Ban Chấp hành Đảng bộ tỉnh'));
    expect(doc.getFootnotes().trim()).toBe(tcvn3('Biên bản số 12-BB/TU, lưu tại Kho Lưu trữ Tỉnh ủy.'));
  });

  it('converts by the fonts of runs and styles, keeps headings and footnotes', async () => {
    const doc = await readOfficeDocument('doc', makeDoc(docSpec()), 'cũ.doc');
    read.push(doc);
    expect(doc.html).toBe(
      '<h1>NGHỊ QUYẾT VỀ CÔNG TÁC XÂY DỰNG ĐẢNG</h1>\n' +
        '<p>Ban Chấp hành Đảng bộ tỉnh họp phiên bất thường ngày 15-3-1975<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>.</p>\n' +
        '<p>Thường trực Tỉnh ủy chỉ đạo</p>\n' +
        '<p>Nơi nhận: các huyện ủy, thị ủy</p>\n' +
        '<ol><li id="footnote-1"><p>Biên bản số 12-BB/TU, lưu tại Kho Lưu trữ Tỉnh ủy.</p></li></ol>',
    );
    expect(doc.title).toBe('NGHỊ QUYẾT VỀ CÔNG TÁC XÂY DỰNG ĐẢNG');
    expect(doc.legacy).toEqual(['tcvn3']);
  });

  it('takes the title from the document properties when there is no heading', async () => {
    const spec = docSpec();
    spec.paragraphs = spec.paragraphs.slice(1);
    expect((await readOfficeDocument('doc', makeDoc(spec), 'cũ.doc')).title).toBe('Nghị quyết về công tác xây dựng Đảng');
  });

  it('refuses damaged, protected, too old and non-Word compound files with a sentence', async () => {
    const good = makeDoc(docSpec());
    const read = (bytes: Uint8Array) => readOfficeDocument('doc', bytes, 'cũ.doc');
    await expect(read(good.subarray(0, Math.floor(good.length / 2)))).rejects.toThrow(/^cũ\.doc: tài liệu Word \(\.doc\) bị hỏng/);
    await expect(read(makeDoc({ ...docSpec(), encrypted: true }))).rejects.toThrow(/^cũ\.doc: tài liệu Word có mật khẩu bảo vệ/);
    await expect(read(makeDoc({ ...docSpec(), word95: true }))).rejects.toThrow(/^cũ\.doc: tài liệu Word 6\.0\/95/);
    await expect(read(writeCfb([{ name: 'Workbook', data: new Uint8Array(5000) }]))).rejects.toThrow(/^cũ\.doc: đây là bảng tính Excel \(\.xls\)/);
    const started = Date.now();
    const looped = writeCfb([{ name: 'WordDocument', data: new Uint8Array(5000) }], { corrupt: 'fat-loop' });
    await expect(read(looped)).rejects.toThrow(/bị hỏng/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads small streams from the mini stream and large ones from sectors', () => {
    const small = new Uint8Array(100).map((_, i) => i);
    const large = new Uint8Array(10_000).map((_, i) => (i * 7) & 0xff);
    const cfb = openCfb(writeCfb([{ name: 'Nhỏ', data: small }, { name: 'Lớn', data: large }]));
    expect(cfb.streams().sort()).toEqual(['Lớn', 'Nhỏ']);
    expect(Buffer.compare(cfb.stream('Nhỏ')!, Buffer.from(small))).toBe(0);
    expect(Buffer.compare(cfb.stream('Lớn')!, Buffer.from(large))).toBe(0);
    expect(cfb.stream('không có')).toBeNull();
  });
});

describe('ODT', () => {
  it('finds fonts through span, paragraph and parent styles; keeps headings, lists, tables and notes', async () => {
    const content =
      '<office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="VanBan"/>' +
      '<style:style style:name="T1" style:family="text"><style:text-properties style:font-name=".VnTimeH" fo:font-weight="bold"/></style:style></office:automatic-styles>' +
      '<office:body><office:text><text:sequence-decls/>' +
      `<text:h text:outline-level="1"><text:span text:style-name="T1">${escapeXml(tcvn3('nghị quyết'))}</text:span></text:h>` +
      `<text:p text:style-name="P1">${escapeXml(tcvn3('Đảng bộ tỉnh lãnh đạo'))}<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation>` +
      `<text:note-body><text:p text:style-name="P1">${escapeXml(tcvn3('Lưu tại kho.'))}</text:p></text:note-body></text:note><text:s text:c="2"/>${escapeXml(tcvn3('nhân dân'))}</text:p>` +
      `<text:list><text:list-item><text:p text:style-name="P1">${escapeXml(tcvn3('Mục một'))}</text:p></text:list-item></text:list>` +
      '<table:table><table:table-column/><table:table-row><table:table-cell><text:p>Số</text:p></table:table-cell><table:table-cell><text:p>16-NQ/TU</text:p></table:table-cell></table:table-row></table:table>' +
      '<text:p>Nơi nhận<text:line-break/>Như trên</text:p></office:text></office:body>';
    const odt = await makeOdt(content, {
      fonts: ['.VnTime', '.VnTimeH', 'Times New Roman'],
      styles: '<office:styles><style:style style:name="VanBan" style:family="paragraph"><style:text-properties style:font-name=".VnTime"/></style:style></office:styles>',
    });
    const doc = await readOfficeDocument('odt', odt, 'thử.odt');
    read.push(doc);
    expect(doc.html).toContain('<h1><strong>NGHỊ QUYẾT</strong></h1>');
    expect(officeHtmlToText(doc.html)).toBe('NGHỊ QUYẾT\n\nĐảng bộ tỉnh lãnh đạo[1] nhân dân\n\nMục một\n\nSố\t16-NQ/TU\n\nNơi nhận\nNhư trên\n\n[1] Lưu tại kho.');
    expect(doc.title).toBe('NGHỊ QUYẾT');
  });

  it('refuses an ODT without content, and an OpenDocument that is not text', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    zip.file('meta.xml', '<x/>');
    const noContent = await zip.generateAsync({ type: 'nodebuffer' });
    await expect(readOfficeDocument('odt', noContent, 'rỗng.odt')).rejects.toThrow(/^rỗng\.odt: không phải tài liệu OpenDocument \(\.odt\) hợp lệ/);
    const ods = await makeOdt('<office:body><office:spreadsheet/></office:body>', { mimetype: 'application/vnd.oasis.opendocument.spreadsheet' });
    await expect(readOfficeDocument('odt', ods, 'bảng.odt')).rejects.toThrow(/không phải tài liệu OpenDocument/);
  });
});

describe('the two forms of a document', () => {
  it('the archive text built from blocks is the text of the HTML the manuscript gets', () => {
    expect(read.length).toBeGreaterThan(8);
    for (const doc of read) expect(doc.text, doc.html).toBe(officeHtmlToText(doc.html));
  });
});
