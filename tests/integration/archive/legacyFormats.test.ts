/**
 * Old office files and legacy encodings through the real services, into a real project: Word
 * 97–2003 .doc, ODT, RTF, a DOCX typed in TCVN3 fonts, a PDF printed from a TCVN3 document,
 * VISCII and VIQR text files. Each one's text and title become Unicode, `.VnTimeH` capitals
 * become capitals, and search finds its words with diacritics folded. Bad files of these kinds
 * are refused with a sentence while the rest of the batch imports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLegacy } from '../../../shared/text/legacyEncoding';
import { openNewProject, tempDir } from './fixtures';
import { escapeXml, makeDoc, makeLegacyDocx, makeOdt, makeTcvn3Pdf, rtfText, tcvn3, vni, writeCfb } from './legacyFixtures';

type Project = Awaited<ReturnType<typeof openNewProject>>;

const RTF = [
  '{\\rtf1\\ansi\\ansicpg1252\\deff0\\deflang1066',
  '{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fnil\\fcharset0 .VnTime;}{\\f2\\fnil\\fcharset0 .VnTimeH;}{\\f3\\fnil\\fcharset0 VNI-Times;}}',
  '{\\colortbl;\\red0\\green0\\blue0;}',
  '{\\stylesheet{\\f1\\fs28 Normal;}{\\s1\\outlinelevel0\\f2\\b\\fs32 heading 1;}}',
  `{\\info{\\title ${rtfText(tcvn3('Báo cáo tình hình'))}}{\\author ${rtfText(tcvn3('Văn phòng'))}}}`,
  `\\pard\\plain\\s1\\f2\\b ${rtfText(tcvn3('báo cáo tình hình phong trào'))}\\par`,
  `\\pard\\plain\\f1 ${rtfText(tcvn3('Đảng bộ huyện lãnh đạo nhân dân đắp đê'))}{\\super\\chftn}{\\footnote\\pard\\plain\\f1 {\\super\\chftn} ${rtfText(tcvn3('Theo lời kể của cụ Nguyễn Văn Thường.'))}\\par}${rtfText(tcvn3(' trong mùa lũ năm 1971.'))}\\par`,
  `\\pard\\plain\\f3 ${rtfText(vni('Ủy ban hành chính xã ghi nhận.'))}\\par`,
  '{\\pict\\wmetafile8\\picw100\\pich100 0123456789abcdef}',
  '}',
].join('\n');

const odtContent =
  '<office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="VanBan"/>' +
  '<style:style style:name="T1" style:family="text"><style:text-properties style:font-name=".VnTimeH"/></style:style></office:automatic-styles>' +
  '<office:body><office:text>' +
  `<text:h text:outline-level="1"><text:span text:style-name="T1">${escapeXml(tcvn3('công văn về việc thu thuế nông nghiệp'))}</text:span></text:h>` +
  `<text:p text:style-name="P1">${escapeXml(tcvn3('Chi bộ Đảng xã đã họp và thống nhất'))}<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation>` +
  `<text:note-body><text:p text:style-name="P1">${escapeXml(tcvn3('Biên bản họp chi bộ ngày 2-9-1960.'))}</text:p></text:note-body></text:note>.</text:p>` +
  '</office:text></office:body>';

describe('importing old office files and legacy encodings', () => {
  let p: Project;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    p = await openNewProject();
    const dir = path.join(tempDir(), 'tài liệu cũ');
    mkdirSync(dir);
    const files: [string, Uint8Array][] = [
      [
        'nghị quyết.doc',
        makeDoc({
          fonts: ['Times New Roman', '.VnTime', '.VnTimeH'],
          normalFont: 1,
          headingFont: 2,
          title: tcvn3('Nghị quyết về xây dựng Đảng'),
          paragraphs: [
            { style: 1, runs: [{ text: tcvn3('nghị quyết về công tác xây dựng đảng') }] },
            {
              runs: [
                { text: tcvn3('Ban Chấp hành Đảng bộ tỉnh họp phiên bất thường ngày 15-3-1975'), font: 1 },
                { text: '', footnote: [{ text: tcvn3('Biên bản số 12-BB/TU, lưu tại Kho Lưu trữ Tỉnh ủy.'), font: 1 }] },
                { text: '.', font: 1 },
              ],
            },
            { runs: [{ text: 'Nơi nhận: các huyện ủy, thị ủy', font: 0 }] },
          ],
        }),
      ],
      ['báo cáo.rtf', Buffer.from(RTF, 'latin1')],
      [
        'công văn.odt',
        await makeOdt(odtContent, {
          fonts: ['.VnTime', '.VnTimeH'],
          styles: '<office:styles><style:style style:name="VanBan" style:family="paragraph"><style:text-properties style:font-name=".VnTime"/></style:style></office:styles>',
        }),
      ],
      [
        'tờ trình.docx',
        await makeLegacyDocx({
          heading: 'Tờ trình về việc thành lập Ban Tuyên huấn',
          body: 'Thường vụ Đảng ủy đề nghị',
          styled: 'Đồng chí Bí thư ký thay mặt Đảng bộ',
          note: 'Theo Quyết định số 5-QĐ/ĐU.',
          unicode: 'Nơi nhận: Như trên',
          title: 'Tờ trình thành lập Ban Tuyên huấn',
        }),
      ],
      [
        'bản in.pdf',
        await makeTcvn3Pdf(
          [
            { text: 'Đảng bộ tỉnh Lai Châu', capitals: true },
            { text: 'Nghị quyết về phát triển nông nghiệp, ưu tiên thủy lợi' },
            { text: 'Số 16-NQ/TU, Xô-viết Nghệ Tĩnh, trường học, lưu trữ' },
          ],
          'Nghị quyết phát triển nông nghiệp',
        ),
      ],
      ['viscii.txt', Buffer.from(encodeLegacy('Đảng ủy xã Tân Hòa họp bàn kế hoạch thủy lợi năm 1962.\nĐồng chí Bí thư chủ trì.', 'viscii'), 'latin1')],
      ['viqr.txt', Buffer.from(encodeLegacy('Chi bộ thôn Đông đã kết nạp đảng viên mới.\nBiên bản được lưu trữ cẩn thận.', 'viqr'), 'ascii')],
    ];
    for (const [name, bytes] of files) writeFileSync(path.join(dir, name), bytes);
    const report = await p.api.archive.importPaths({ paths: [dir] });
    for (const o of report.outcomes) {
      if (o.status !== 'imported') throw new Error(JSON.stringify(o));
      ids[path.basename(o.input)] = o.documentId;
    }
  }, 120_000);

  afterAll(() => p?.close());

  const doc = (name: string) => p.api.archive.getDocument({ id: ids[name]! });

  it('.doc: text, capitals heading, footnote and title in Unicode', async () => {
    const d = await doc('nghị quyết.doc');
    expect(d.title).toBe('NGHỊ QUYẾT VỀ CÔNG TÁC XÂY DỰNG ĐẢNG');
    expect(d.pages).toHaveLength(1);
    expect(d.pages[0]!.text).toBe(
      'NGHỊ QUYẾT VỀ CÔNG TÁC XÂY DỰNG ĐẢNG\n\nBan Chấp hành Đảng bộ tỉnh họp phiên bất thường ngày 15-3-1975[1].\n\nNơi nhận: các huyện ủy, thị ủy\n\n[1] Biên bản số 12-BB/TU, lưu tại Kho Lưu trữ Tỉnh ủy.',
    );
    expect(d.pages[0]!.mime).toBe('application/msword');
  });

  it('.rtf: the text, not the RTF code; TCVN3 and VNI runs converted, the footnote kept', async () => {
    const d = await doc('báo cáo.rtf');
    expect(d.title).toBe('BÁO CÁO TÌNH HÌNH PHONG TRÀO');
    expect(d.pages[0]!.text).toBe(
      'BÁO CÁO TÌNH HÌNH PHONG TRÀO\n\nĐảng bộ huyện lãnh đạo nhân dân đắp đê[1] trong mùa lũ năm 1971.\n\nỦy ban hành chính xã ghi nhận.\n\n[1] Theo lời kể của cụ Nguyễn Văn Thường.',
    );
    expect(d.pages[0]!.text).not.toMatch(/\\rtf|fonttbl|wmetafile/);
  });

  it('.odt: heading in capitals, paragraph font from its style, footnote', async () => {
    const d = await doc('công văn.odt');
    expect(d.title).toBe('CÔNG VĂN VỀ VIỆC THU THUẾ NÔNG NGHIỆP');
    expect(d.pages[0]!.text).toBe('CÔNG VĂN VỀ VIỆC THU THUẾ NÔNG NGHIỆP\n\nChi bộ Đảng xã đã họp và thống nhất[1].\n\n[1] Biên bản họp chi bộ ngày 2-9-1960.');
  });

  it('.docx in TCVN3 fonts: the title is Unicode too and .VnTimeH headings are capitals', async () => {
    const d = await doc('tờ trình.docx');
    expect(d.title).toBe('TỜ TRÌNH VỀ VIỆC THÀNH LẬP BAN TUYÊN HUẤN');
    expect(d.pages[0]!.text).toBe(
      'TỜ TRÌNH VỀ VIỆC THÀNH LẬP BAN TUYÊN HUẤN\n\nThường vụ Đảng ủy đề nghị[1]\n\nĐồng chí Bí thư ký thay mặt Đảng bộ\n\nNơi nhận: Như trên\n\n[1] Theo Quyết định số 5-QĐ/ĐU.',
    );
  });

  it('a PDF printed from TCVN3 fonts: its text layer is Unicode, capitals fonts in capitals', async () => {
    const d = await doc('bản in.pdf');
    expect(d.pages[0]!.text).toBe('ĐẢNG BỘ TỈNH LAI CHÂU\nNghị quyết về phát triển nông nghiệp, ưu tiên thủy lợi\nSố 16-NQ/TU, Xô-viết Nghệ Tĩnh, trường học, lưu trữ');
  });

  it('VISCII and VIQR text files', async () => {
    expect((await doc('viscii.txt')).pages[0]!.text).toBe('Đảng ủy xã Tân Hòa họp bàn kế hoạch thủy lợi năm 1962.\nĐồng chí Bí thư chủ trì.');
    expect((await doc('viqr.txt')).pages[0]!.text).toBe('Chi bộ thôn Đông đã kết nạp đảng viên mới.\nBiên bản được lưu trữ cẩn thận.');
  });

  it('search finds their words typed with or without diacritics', async () => {
    const found = async (query: string) => new Set((await p.api.archive.search({ query })).hits.map((h) => h.documentId));
    const dangBo = await found('dang bo');
    for (const name of ['nghị quyết.doc', 'báo cáo.rtf', 'tờ trình.docx', 'bản in.pdf']) expect(dangBo.has(ids[name]!), name).toBe(true);
    expect((await found('thuế nông nghiệp')).has(ids['công văn.odt']!)).toBe(true);
    expect((await found('thuy loi')).has(ids['viscii.txt']!)).toBe(true);
    expect((await found('ket nap dang vien')).has(ids['viqr.txt']!)).toBe(true);
    expect((await found('Nguyễn Văn Thường')).has(ids['báo cáo.rtf']!)).toBe(true); // the footnote
  });
});

describe('bad old office files in one batch', () => {
  it('each is refused with its sentence and the good files of the batch import', async () => {
    const p = await openNewProject();
    try {
      const dir = path.join(tempDir(), 'lô hỗn hợp');
      mkdirSync(dir);
      const good = makeDoc({ fonts: ['Times New Roman'], paragraphs: [{ runs: [{ text: 'Văn bản tốt', font: 0 }] }] });
      const rtfGood = Buffer.from('{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\pard T\\u7889?t.\\par}', 'latin1');
      const JSZip = (await import('jszip')).default;
      const noContent = new JSZip();
      noContent.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
      noContent.file('meta.xml', '<x/>');
      const cases: [string, Uint8Array, RegExp | null][] = [
        ['tốt.doc', good, null],
        ['tốt.rtf', rtfGood, null],
        ['rỗng.rtf', new Uint8Array(0), /^rỗng\.rtf: tệp rỗng \(0 byte\)\.$/],
        ['cụt.rtf', rtfGood.subarray(0, rtfGood.length - 3), /^cụt\.rtf: tài liệu RTF bị hỏng \(tệp bị cắt cụt/],
        ['không chữ.rtf', Buffer.from('{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\pict 0011}}', 'latin1'), /^không chữ\.rtf: tài liệu RTF không có chữ nào để nhập/],
        ['chữ thường.rtf', Buffer.from('Chỉ là chữ, không phải RTF.'), /^chữ thường\.rtf: tên tệp là tài liệu RTF nhưng nội dung là văn bản/],
        ['nửa.doc', good.subarray(0, 1200), /^nửa\.doc: tài liệu Word \(\.doc\) bị hỏng/],
        ['vòng lặp.doc', writeCfb([{ name: 'WordDocument', data: new Uint8Array(6000) }], { corrupt: 'fat-loop' }), /^vòng lặp\.doc: tài liệu Word \(\.doc\) bị hỏng/],
        ['mật khẩu.doc', makeDoc({ fonts: ['Arial'], paragraphs: [{ runs: [{ text: 'x', font: 0 }] }], encrypted: true }), /^mật khẩu\.doc: tài liệu Word có mật khẩu bảo vệ/],
        ['bảng tính.doc', writeCfb([{ name: 'Workbook', data: new Uint8Array(6000) }]), /^bảng tính\.doc: đây là bảng tính Excel \(\.xls\)/],
        ['rác.doc', Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37 + 11) % 256)), /^rác\.doc: tên tệp là tài liệu Word \(\.doc\) nhưng nội dung không phải/],
        ['thiếu nội dung.odt', await noContent.generateAsync({ type: 'nodebuffer' }), /^thiếu nội dung\.odt: không phải tài liệu OpenDocument \(\.odt\) hợp lệ/],
        [
          'bảng tính.odt',
          await makeOdt('<office:body><office:spreadsheet/></office:body>', { mimetype: 'application/vnd.oasis.opendocument.spreadsheet' }),
          /^bảng tính\.odt: đây là bảng tính OpenDocument \(\.ods\)/,
        ],
      ];
      for (const [name, bytes] of cases) writeFileSync(path.join(dir, name), bytes);
      const started = Date.now();
      const { outcomes } = await p.api.archive.importPaths({ paths: cases.map(([name]) => path.join(dir, name)) });
      expect(Date.now() - started).toBeLessThan(30_000);
      cases.forEach(([name, , reason], i) => {
        const o = outcomes[i]!;
        expect(path.basename(o.input)).toBe(name);
        if (reason) {
          expect(o, name).toMatchObject({ status: 'rejected' });
          expect((o as { reason: string }).reason.normalize('NFC'), name).toMatch(reason);
        } else expect(o, name).toMatchObject({ status: 'imported' });
      });
      const list = await p.api.archive.listDocuments({});
      expect(list.items.map((d) => d.title).sort()).toEqual(['tốt', 'tốt'].sort());
      expect((await p.api.archive.check({})).ok).toBe(true);
    } finally {
      p.close();
    }
  }, 60_000);
});
