/**
 * Text files as they arrive from outside, imported through the archive's API into a real project:
 * a Vietnamese UTF-8 text with a few bad bytes stays UTF-8 (each bad byte becomes U+FFFD and the
 * importer says how many and on which lines) instead of being re-read whole as Windows-1258; real
 * Windows-1258, TCVN3 and VNI files are still recognised; and control characters in a file's
 * first lines (ESC, BEL, Ctrl-Z) neither break its thumbnail nor reach the stored text.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { readSource } from '../../../electron/core/archive/importers';
import { decodeText, scanUtf8 } from '../../../electron/core/archive/importers/textDecoding';
import { encodeLegacy } from '../../../shared/text/legacyEncoding';
import { connect, tempDir } from '../foundation/helpers';

const open: { app: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((c) => c.app.dispose()));

async function project() {
  const c = connect();
  open.push(c);
  await c.api.project.create({ path: path.join(tempDir(), 'p.suquan'), title: 'Dự án thử' });
  return c;
}

const LINE = 'Ngày 19 tháng 8 năm 1945, dưới sự lãnh đạo của Đảng bộ tỉnh, nhân dân các huyện đã nổi dậy giành chính quyền; Ủy ban nhân dân cách mạng lâm thời được thành lập.';
/** Sixty numbered lines of Vietnamese prose. */
const TEXT = Array.from({ length: 60 }, (_, i) => `${i + 1}. ${LINE}`).join('\n');

/** TEXT in UTF-8 with a byte 0xFF put at the start of each of the given (1-based) lines. */
function damaged(lines: number[]): Buffer {
  return Buffer.concat(TEXT.split('\n').map((l, i) => Buffer.concat([lines.includes(i + 1) ? Buffer.from([0xff]) : Buffer.alloc(0), Buffer.from(`${l}\n`)])));
}

/**
 * Windows-1258 as Vietnamese Windows wrote it: a precomposed letter where the code page has one,
 * else the letter (ă â ê ô ơ ư đ are in it) followed by a combining tone mark.
 */
function cp1258(s: string): Buffer {
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/g;
  return Buffer.concat(
    [...s.normalize('NFC')].map((ch) => {
      const direct = iconv.encode(ch, 'cp1258');
      if (iconv.decode(direct, 'cp1258') === ch) return direct;
      const d = ch.normalize('NFD');
      return iconv.encode(d.replace(tones, '').normalize('NFC') + (d.match(tones) ?? []).join(''), 'cp1258');
    }),
  );
}

async function importText(bytes: Buffer, name = 'văn bản.txt') {
  const { api, app } = await project();
  const file = path.join(tempDir(), name);
  writeFileSync(file, bytes);
  const report = await api.archive.importPaths({ paths: [file] });
  expect(report.outcomes[0]).toMatchObject({ status: 'imported', documentId: 1 });
  const doc = await api.archive.getDocument({ id: 1 });
  const pageId = doc.pages[0]!.id;
  const { text } = await api.archive.getPageText({ pageId });
  const outcome = report.outcomes[0]!;
  return { text, file, warnings: outcome.status === 'imported' ? outcome.warnings : undefined, thumbnail: await app.files.thumbnailPath(pageId) };
}

describe('a UTF-8 text with a few bad bytes', () => {
  for (const bad of [[12], [12, 40, 41], Array.from({ length: 50 }, (_, i) => i + 3)]) {
    it(`stays UTF-8 with ${bad.length} bad byte(s): each becomes U+FFFD, and the importer says how many and where`, async () => {
      const bytes = damaged(bad);
      const { text, file, warnings } = await importText(bytes);
      expect(text.match(/\ufffd/g) ?? []).toHaveLength(bad.length);
      expect(text.replace(/\ufffd/g, '')).toBe(TEXT);
      expect(text).not.toMatch(/Ä|áº|á»/); // no Windows-1258 mojibake of UTF-8

      const source = await readSource(file, 'văn bản.txt');
      const lines = bad.length <= 10 ? bad.join(', ') : `${bad.slice(0, 10).join(', ')}, …`;
      expect(source.warnings).toEqual([`${bad.length} byte lỗi mã hóa UTF-8 đã được thay bằng \ufffd, ở dòng ${lines}.`]);
      // What the import report shows the user, on the file's line.
      expect(warnings).toEqual(source.warnings);
    });
  }

  it('a clean file has no warning', async () => {
    const file = path.join(tempDir(), 'sạch.txt');
    writeFileSync(file, TEXT);
    expect((await readSource(file, 'sạch.txt')).warnings).toBeUndefined();
  });
});

describe('legacy encodings are still chosen on evidence', () => {
  it('a real Windows-1258 file (tone marks as combining bytes) reads as Vietnamese', async () => {
    const bytes = cp1258(TEXT);
    expect(scanUtf8(bytes).bad).toBeGreaterThan(500);
    const { text } = await importText(bytes);
    expect(text).toBe(TEXT);
    expect(decodeText(bytes).encoding).toBe('windows-1258');
  });

  it('a short Windows-1258 line too', () => {
    expect(decodeText(cp1258('Đảng bộ xã Tân Hòa'))).toEqual({ text: 'Đảng bộ xã Tân Hòa', encoding: 'windows-1258' });
  });

  it('TCVN3 and VNI files', async () => {
    const lower = TEXT.replaceAll('Ủy', 'ủy'); // TCVN3 (ABC) writes capitals with another font
    const tcvn = await importText(Buffer.from(encodeLegacy(lower, 'tcvn3'), 'latin1'));
    expect(tcvn.text).toBe(lower);
    expect(decodeText(Buffer.from(encodeLegacy(TEXT, 'vni'), 'latin1'))).toEqual({ text: TEXT, encoding: 'vni' });
  });

  it('a file half UTF-8, half Windows-1258 stays UTF-8 and says where the other half is', () => {
    const lines = TEXT.split('\n');
    const bytes = Buffer.concat([Buffer.from(`${lines.slice(0, 30).join('\n')}\n`), cp1258(lines.slice(30).join('\n'))]);
    const d = decodeText(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.text.split('\n').slice(0, 30).join('\n')).toBe(lines.slice(0, 30).join('\n'));
    expect(d.invalid?.lines[0]).toBe(31);
  });

  it('ASCII with one stray byte: UTF-8 with one U+FFFD, not a guessed code page', () => {
    const d = decodeText(Buffer.concat([Buffer.from('Plain line\nline two '), Buffer.from([0x93]), Buffer.from(' end')]));
    expect(d).toEqual({ text: 'Plain line\nline two \ufffd end', encoding: 'utf-8', invalid: { count: 1, lines: [2], moreLines: false } });
  });
});

describe('control characters in a text file', () => {
  it('ESC, BEL and Ctrl-Z in the first lines: the file imports, its thumbnail renders, the stored text has none', async () => {
    // The prose after the first lines keeps the controls under the 1% by which sniff.ts tells text from binary.
    const head = 'Biên bản\u001b[31m họp chi bộ\u0007\nNgày 3-2-1961\u001a\n\tĐồng chí Bí thư chủ trì.\u007f\u0085\n';
    const { text, thumbnail } = await importText(Buffer.from(head + TEXT));
    expect(text).toBe(`Biên bản[31m họp chi bộ\nNgày 3-2-1961\n\tĐồng chí Bí thư chủ trì.\n${TEXT}`);
    const { data, info } = await sharp(thumbnail).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 400 });
    // Dark pixels: the first lines were drawn, not an empty sheet.
    let dark = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 128) dark++;
    expect(dark).toBeGreaterThan(200);
  });
});
