/** Old office formats told apart by content, and what the importer says of those it does not read. */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { identify } from '../../../electron/core/archive/importers';
import { claimedFormat, sniff } from '../../../electron/core/archive/sniff';
import { makeDoc, makeOdt, writeCfb } from '../../integration/archive/legacyFixtures';

const zipWith = async (entries: Record<string, string>) => {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(entries)) zip.file(name, content, { compression: name === 'mimetype' ? 'STORE' : 'DEFLATE' });
  return new Uint8Array(await zip.generateAsync({ type: 'nodebuffer' }));
};

describe('sniffing old office formats', () => {
  it('RTF is not plain text, with or without a byte order mark', () => {
    expect(sniff(new TextEncoder().encode('{\\rtf1\\ansi Hello}')).kind).toBe('rtf');
    expect(sniff(new TextEncoder().encode('\uFEFF  {\\rtf1 x}')).kind).toBe('rtf');
    expect(sniff(new TextEncoder().encode('{ "rtf": 1 }')).kind).toBe('text');
  });

  it('a Word .doc by its WordDocument stream; Excel and PowerPoint by theirs', () => {
    expect(sniff(makeDoc({ fonts: ['Arial'], paragraphs: [{ runs: [{ text: 'x', font: 0 }] }] })).kind).toBe('doc');
    expect(sniff(writeCfb([{ name: 'Workbook', data: new Uint8Array(100) }]))).toEqual({ kind: 'other-office', label: 'bảng tính Excel (.xls)' });
    expect(sniff(writeCfb([{ name: 'PowerPoint Document', data: new Uint8Array(100) }]))).toEqual({ kind: 'other-office', label: 'bản trình chiếu PowerPoint (.ppt)' });
    expect(sniff(writeCfb([{ name: 'Khác', data: new Uint8Array(100) }])).kind).toBe('ole');
  });

  it('ODT by its mimetype entry; spreadsheets and presentations are named', async () => {
    expect(sniff(await makeOdt('<office:body><office:text/></office:body>')).kind).toBe('odt');
    expect(sniff(await zipWith({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }))).toEqual({
      kind: 'other-office',
      label: 'bảng tính OpenDocument (.ods)',
    });
    expect(sniff(await zipWith({ '[Content_Types].xml': '<x/>', 'xl/workbook.xml': '<x/>' }))).toEqual({ kind: 'other-office', label: 'bảng tính Excel (.xlsx)' });
    expect(sniff(await zipWith({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<x/>' })).kind).toBe('docx');
  });

  it('names what it does not import, in a sentence', async () => {
    expect(() => identify(writeCfb([{ name: 'Workbook', data: new Uint8Array(100) }]), 'sổ sách.xls')).toThrow(
      /^sổ sách\.xls: đây là bảng tính Excel \(\.xls\), không phải tài liệu văn bản/,
    );
    expect(() => identify(new TextEncoder().encode('chữ thường'), 'x.rtf')).toThrow(/^x\.rtf: tên tệp là tài liệu RTF nhưng nội dung là văn bản/);
    expect(() => identify(new TextEncoder().encode('chữ thường'), 'x.odt')).toThrow(/^x\.odt: tên tệp là tài liệu OpenDocument \(\.odt\)/);
    expect(identify(new TextEncoder().encode('{\\rtf1 x}'), 'không đuôi')).toBe('rtf');
  });

  it('reads what names claim', () => {
    expect(claimedFormat('a.DOC')).toBe('doc');
    expect(claimedFormat('a.odt')).toBe('odt');
    expect(claimedFormat('a.rtf')).toBe('rtf');
  });
});
