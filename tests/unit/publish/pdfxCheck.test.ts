/**
 * PDF/X-4: our print file passes every rule of the checker, and for every rule a file that breaks
 * it (our file, altered with pdf-lib in that one respect) fails that rule and no other. The CLI's
 * check-pdf command gives the same verdict with its exit code.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import type { Book } from '../../../shared/book/model';
import { loadWorld, typeset } from '../../../electron/core/publish/index';
import { checkPdfx, deviceColourOps, iccProblem, type PdfxRule } from '../../../electron/core/publish/pdfxCheck';
import { srgbProfile } from '../../../electron/core/publish/draw/iccProfile';
import { pdf16Header } from '../../../electron/core/publish/draw/pdfx';
import { generateBook, tempFile } from './fixtures';

let good: Uint8Array;
let press: Uint8Array;

beforeAll(async () => {
  const png = new Uint8Array(await sharp({ create: { width: 60, height: 40, channels: 3, background: '#c33' } }).png().toBuffer());
  const base = generateBook({ chapters: 1, sectionsPerChapter: 1, parasPerSection: 3, words: 40, footnoteRate: 0.3 });
  const chapter = base.body[0]!;
  if (chapter.kind === 'chapter') chapter.blocks.push({ kind: 'figure', image: { data: png, format: 'png', width: 60, height: 40 }, caption: [{ kind: 'text', text: 'Ảnh 1. Trụ sở Đảng ủy xã' }] });
  const book: Book = { ...base, setup: { bleed: 3, cropMarks: true, pdfx: true } };
  const world = await loadWorld({ families: ['liberation-serif'] });
  press = world.outputIntent.profile;
  good = await typeset(book, world);
});

const failing = async (bytes: Uint8Array) => (await checkPdfx(bytes)).findings.filter((f) => !f.ok).map((f) => f.rule);

/** Our file with one thing changed, saved by pdf-lib (its 1.7 header put back to 1.6). */
async function altered(change: (doc: PDFDocument) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.load(good, { updateMetadata: false });
  change(doc);
  return pdf16Header(await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }));
}

const info = (doc: PDFDocument) => doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
const replaceXmp = (doc: PDFDocument, edit: (xml: string) => string) => {
  const ref = doc.catalog.get(PDFName.of('Metadata')) as PDFRef;
  const s = doc.context.lookup(ref) as PDFRawStream;
  const xml = edit(Buffer.from(s.getContents()).toString('utf8'));
  doc.context.assign(ref, PDFRawStream.of(s.dict, Buffer.from(xml, 'utf8')));
  s.dict.set(PDFName.of('Length'), PDFNumber.of(Buffer.byteLength(xml)));
};
const firstFontDescriptor = (doc: PDFDocument): PDFDict => {
  for (const [, o] of doc.context.enumerateIndirectObjects()) if (o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor')) return o;
  throw new Error('no font descriptor');
};

describe('the PDF/X-4 checker', () => {
  it('passes our print file on every rule, with an RGB picture tagged sRGB and crop marks in registration', async () => {
    const report = await checkPdfx(good);
    expect(report.findings.filter((f) => !f.ok)).toEqual([]);
    expect(report.findings.find((f) => f.rule === 'intent')!.message).toMatch(/FOGRA39/);
    expect(report.findings.find((f) => f.rule === 'profile')!.message).toMatch(/prtr, CMYK/);
    expect(report.ok).toBe(true);
    expect(report.findings.map((f) => f.rule).sort()).toEqual(
      ['actions', 'boxes', 'colour', 'dates', 'encryption', 'fonts', 'header', 'id', 'info-version', 'intent', 'producer', 'profile', 'title', 'trapped', 'xmp-version'].sort(),
    );
    // pdfinfo agrees that it is PDF/X-4, from the XMP.
    const file = tempFile('x4.pdf', good);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/PDF subtype:\s+PDF\/X-4/);
  });

  // The rule broken; a rule that cannot hold without the broken one (no intent, no profile to
  // judge colour by) fails with it.
  const cases: [PdfxRule | PdfxRule[], string, (doc: PDFDocument) => void][] = [
    ['encryption', 'an Encrypt dictionary', (d) => void (d.context.trailerInfo.Encrypt = d.context.obj({ Filter: 'Standard', V: 1, R: 2 }))],
    ['id', 'no file identifier', (d) => void (d.context.trailerInfo.ID = undefined)],
    [['intent', 'profile', 'colour'], 'no output intent', (d) => d.catalog.delete(PDFName.of('OutputIntents'))],
    [['profile', 'colour'], 'a scanner profile as the output profile', (d) => {
      const intent = d.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
      const icc = press.slice();
      icc.set([0x73, 0x63, 0x6e, 0x72], 12); // 'scnr'
      intent.set(PDFName.of('DestOutputProfile'), d.context.register(d.context.stream(icc, { N: 4 })));
    }],
    ['info-version', 'no GTS_PDFXVersion in Info', (d) => info(d).delete(PDFName.of('GTS_PDFXVersion'))],
    ['xmp-version', 'no GTS_PDFXVersion in XMP', (d) => replaceXmp(d, (x) => x.replace(/<pdfxid:GTS_PDFXVersion>.*<\/pdfxid:GTS_PDFXVersion>/, ''))],
    ['title', 'another title in XMP', (d) => replaceXmp(d, (x) => x.replace(/(<dc:title>.*?x-default">)[^<]*/s, '$1Tên khác'))],
    ['dates', 'a modification date that XMP does not share', (d) => info(d).set(PDFName.of('ModDate'), PDFString.of('D:20200101000000Z'))],
    ['trapped', 'Trapped Unknown', (d) => info(d).set(PDFName.of('Trapped'), PDFName.of('Unknown'))],
    ['producer', 'another producer in Info', (d) => d.setProducer('Phần mềm khác')],
    ['boxes', 'a TrimBox larger than the sheet', (d) => d.getPage(2).node.set(PDFName.of('TrimBox'), d.context.obj([-10, 0, 5000, 5000]))],
    ['fonts', 'a font without its font file', (d) => firstFontDescriptor(d).delete(PDFName.of('FontFile2'))],
    ['actions', 'a JavaScript open action', (d) => d.catalog.set(PDFName.of('OpenAction'), d.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }))],
    ['colour', 'an RGB fill on a page under the CMYK intent', (d) => {
      const page = d.getPage(3);
      page.node.set(PDFName.of('Contents'), d.context.obj([page.node.get(PDFName.of('Contents'))!, d.context.register(d.context.stream('1 0 0 rg 0 0 10 10 re f'))]));
    }],
    ['colour', 'a named RGB colour space in the page resources', (d) => {
      const res = d.context.lookup(d.getPage(3).node.get(PDFName.of('Resources'))!, PDFDict);
      res.set(PDFName.of('ColorSpace'), d.context.obj({ CS9: 'DeviceRGB' }));
    }],
    ['colour', 'an indexed image on an RGB base', (d) => {
      const img = d.context.register(d.context.stream(new Uint8Array(4), { Type: 'XObject', Subtype: 'Image', Width: 2, Height: 2, BitsPerComponent: 8, ColorSpace: ['Indexed', 'DeviceRGB', 0, PDFString.of('abc')] }));
      d.catalog.set(PDFName.of('Thumbnail'), img);
    }],
  ];
  for (const [rule, what, change] of cases)
    it(`catches ${what} (${rule})`, async () => {
      expect(await failing(await altered(change))).toEqual(typeof rule === 'string' ? [rule] : rule);
    });

  it('catches a PDF 1.4 header and a file that is no PDF at all', async () => {
    const old = good.slice();
    old[7] = 0x34;
    expect(await failing(old)).toEqual(['header']);
    expect(await failing(new TextEncoder().encode('không phải PDF'))).toEqual(['header']);
  });

  it('catches a missing TrimBox, and a plain PDF on every PDF/X rule it breaks', async () => {
    expect(await failing(await altered((d) => d.getPage(0).node.delete(PDFName.of('TrimBox'))))).toEqual(['boxes']);
    const plain = await typeset({ ...generateBook({ chapters: 1, sectionsPerChapter: 1, parasPerSection: 1, words: 20, footnoteRate: 0 }), setup: { pdfx: false } }, await loadWorld({ families: ['liberation-serif'] }));
    expect(await failing(plain)).toEqual(expect.arrayContaining(['id', 'intent', 'profile', 'info-version', 'xmp-version', 'dates', 'trapped', 'colour']));
  });

  it('reads colour operators, not the text or names that look like them', () => {
    expect([...deviceColourOps('BT /F1 11 Tf [(g rg k)] TJ ET 0 G /Reg CS 1 SCN')]).toEqual(['DeviceGray']);
    expect([...deviceColourOps('0.2 0.3 0.4 0.1 k')]).toEqual(['DeviceCMYK']);
    expect([...deviceColourOps('/DeviceRGB cs 1 0 0 sc')]).toEqual(['DeviceRGB']);
  });

  it('accepts the shipped press profile and the sRGB one it makes, and rejects broken ones', () => {
    expect(iccProblem(press, 4)).toBe('');
    expect(iccProblem(press, 1)).toMatch(/\/N/);
    expect(iccProblem(srgbProfile(), 3)).toBe('');
    expect(iccProblem(press.subarray(0, 200), 4)).toMatch(/độ dài/);
  });

  it('gives its verdict on the command line: exit 0 for our file, 2 with the broken rule named', async () => {
    const bin = path.resolve(__dirname, '../../../bin/suquan.js');
    const ok = tempFile('ok.pdf', good);
    const out = execFileSync('node', [bin, 'check-pdf', ok], { encoding: 'utf8' });
    expect(out).toMatch(/PDF\/X-4/);
    const bad = tempFile('bad.pdf', await altered((d) => d.catalog.delete(PDFName.of('OutputIntents'))));
    let code = 0;
    let text = '';
    try {
      execFileSync('node', [bin, 'check-pdf', bad, '--json'], { encoding: 'utf8' });
    } catch (e) {
      code = (e as { status: number }).status;
      text = (e as { stdout: string }).stdout;
    }
    expect(code).toBe(2);
    const json = JSON.parse(text) as { ok: boolean; result: { ok: boolean; findings: { rule: string; ok: boolean }[] } };
    expect(json.ok).toBe(false);
    expect(json.result.findings.filter((f) => !f.ok).map((f) => f.rule)).toContain('intent');
  }, 60_000);
});
