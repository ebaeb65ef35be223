/**
 * The pieces that keep hostile input in bounds (issue 10): HTML nesting flattened in one linear
 * pass, ZIP entry names that would climb out of a folder, trailing spaces trimmed in linear time,
 * TIFF directories walked once and pages cut out without decoding, folders linked into themselves
 * walked once.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { flattenDeepHtml } from '../../../electron/core/archive/importers/htmlDepth';
import { trimLineEnds, tidyText } from '../../../electron/core/archive/importers/textDecoding';
import { bytesSource, extractTiffPage, tiffLayout, TiffStructureError } from '../../../electron/core/archive/importers/tiffPages';
import { isUnsafeEntryName } from '../../../electron/core/archive/importers/zipPackage';
import { expandInputs } from '../../../electron/core/archive/walk';

/** Deepest element nesting of a parsed page (documentElement = 1), walked without recursion. */
function domDepth(html: string): number {
  const { document } = parseHTML(html);
  let max = 0;
  const stack: [Element, number][] = [[document.documentElement as unknown as Element, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of [...n.children]) stack.push([c, d + 1]);
  }
  return max;
}

describe('flattenDeepHtml', () => {
  it('leaves a normal page untouched (the same string)', () => {
    const html = '<!doctype html><html><body><div class="a"><p>Một <b>hai</b></p><ul><li>ba<li>bốn</ul></div></body></html>';
    const r = flattenDeepHtml(html, 64);
    expect(r.html).toBe(html);
    expect(r.dropped).toBe(0);
  });

  it('bounds the nesting htmlparser2 would build, keeping every word', () => {
    const cases = [
      '<div>'.repeat(5000) + 'chữ cuối' + '</div>'.repeat(5000),
      '<span>'.repeat(5000) + 'không đóng',
      '<div/>'.repeat(5000) + 'tự đóng',
      '<ul>' + '<li>mục <p>đoạn '.repeat(3000) + '</ul>',
    ];
    for (const c of cases) {
      const r = flattenDeepHtml(`<html><body>${c}</body></html>`, 100);
      expect(r.depth).toBeGreaterThan(100);
      expect(domDepth(r.html)).toBeLessThanOrEqual(101);
      const text = parseHTML(r.html).document.body.textContent ?? '';
      for (const word of ['chữ cuối', 'không đóng', 'tự đóng', 'đoạn'].filter((w) => c.includes(w))) expect(text).toContain(word);
    }
  });

  it('reads comments, quoted attributes and raw text as the parser does', () => {
    const inner = '<!-- <div><div><div> --><a title="x > <div>">liên kết</a><script>if (a < b) "<div><div>"</script><title><div></title>';
    const r = flattenDeepHtml(`<html><body>${inner.repeat(10)}</body></html>`, 3);
    expect(r.depth).toBe(3);
    expect(r.dropped).toBe(0);
  });

  it('drops a script that sits too deep together with its code', () => {
    const r = flattenDeepHtml('<html><body>' + '<div>'.repeat(10) + '<script>var bí_mật = 1;</script>chữ' + '</div>'.repeat(10) + '</body></html>', 5);
    expect(r.html).not.toContain('bí_mật');
    expect(r.html).toContain('chữ');
  });

  it('takes linear time on 100,000 levels', () => {
    const html = '<html><body>' + '<div>'.repeat(100_000) + 'x' + '</div>'.repeat(100_000) + '</body></html>';
    const t = performance.now();
    const r = flattenDeepHtml(html, 256);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(domDepth(r.html)).toBeLessThanOrEqual(257);
  });
});

describe('isUnsafeEntryName', () => {
  it('refuses names that climb out of the folder they are extracted to', () => {
    for (const n of ['../x', 'a/../../x', '..\\x', '/etc/x', '\\x', 'C:/x', 'c:x', 'a\0b']) expect(isUnsafeEntryName(n), n).toBe(true);
    for (const n of ['word/document.xml', '[Content_Types].xml', 'word/media/ảnh..png', 'a/..b/c']) expect(isUnsafeEntryName(n), n).toBe(false);
  });
});

describe('trimLineEnds', () => {
  it('trims like /[ \\t]+$/gm, in linear time on a long run of spaces', () => {
    expect(trimLineEnds('a  \nb\t \n  c \n')).toBe('a\nb\n  c\n');
    expect(tidyText('a \r\n\r\n\r\n\r\nb\t')).toBe('a\n\nb');
    const t = performance.now();
    expect(trimLineEnds(' '.repeat(2_000_000) + 'x\n')).toHaveLength(2_000_002);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('TIFF pages', () => {
  async function multiPage(pages: number): Promise<Buffer> {
    const frames = await Promise.all(
      Array.from({ length: pages }, (_, i) => sharp({ create: { width: 40 + i, height: 30, channels: 3, background: { r: 10 * i, g: 100, b: 200 } } }).raw().toBuffer()),
    );
    // Pages of one size (libvips' multi-page writer); the width is varied through the content instead.
    const w = 40 + pages - 1;
    const padded = frames.map((f, i) => sharp(f, { raw: { width: 40 + i, height: 30, channels: 3 } }).extend({ right: w - 40 - i, background: '#fff' }).raw().toBuffer());
    const stacked = Buffer.concat(await Promise.all(padded));
    return sharp(stacked, { raw: { width: w, height: 30 * pages, channels: 3, pageHeight: 30 } as never }).tiff({ compression: 'lzw' }).toBuffer();
  }

  it('cuts out each page as a TIFF of its own, pixel for pixel', async () => {
    const tiff = await multiPage(4);
    const src = bytesSource(tiff);
    const layout = tiffLayout(src);
    expect(layout.directories).toHaveLength(4);
    for (let p = 0; p < 4; p++) {
      const single = extractTiffPage(src, layout, p);
      expect((await sharp(single).metadata()).pages ?? 1).toBe(1);
      expect((await sharp(single).raw().toBuffer()).equals(await sharp(tiff, { page: p }).raw().toBuffer())).toBe(true);
    }
  });

  it('tells a truncated file from a damaged one', async () => {
    const tiff = await multiPage(3);
    const src = bytesSource(tiff);
    const layout = tiffLayout(src);
    // Cut before the last directory: truncated. A directory pointing at itself: damaged.
    const cut = tiff.subarray(0, layout.directories[2]! + 4);
    expect(() => tiffLayout(bytesSource(cut))).toThrow(new TiffStructureError('truncated'));
    const loop = Buffer.from(tiff);
    const first = layout.directories[0]!;
    const count = loop.readUInt16LE(first);
    loop.writeUInt32LE(first, first + 2 + count * 12);
    expect(() => tiffLayout(bytesSource(loop))).toThrow(new TiffStructureError('damaged'));
  });
});

describe('expandInputs', () => {
  it('walks a folder linked into itself once (two such links multiplied the files until memory ran out)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-walk-'));
    writeFileSync(path.join(dir, 'a.txt'), 'chữ');
    mkdirSync(path.join(dir, 'con'));
    writeFileSync(path.join(dir, 'con', 'b.txt'), 'chữ');
    try {
      symlinkSync('.', path.join(dir, 'vòng'), 'dir');
      symlinkSync('..', path.join(dir, 'con', 'lên'), 'dir');
    } catch {
      return; // no symbolic links here
    }
    // Each link not followed is reported once (tests/integration/archive/symlinks.test.ts).
    expect(expandInputs([dir], false).map((u) => `${u.kind} ${path.relative(dir, u.path)}`)).toEqual(['file a.txt', `file ${path.join('con', 'b.txt')}`, `missing ${path.join('con', 'lên')}`, 'missing vòng']);
  });
});
