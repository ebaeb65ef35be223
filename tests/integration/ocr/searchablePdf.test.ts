/**
 * The searchable PDF of an archived document, read back with the real poppler tools: the scans
 * are the pages (JPEG byte-identical), the invisible text gives back the exact NFC words, each
 * word lies where its box is on the scan, page sizes and rotations are those of the scans, and
 * bad images are refused with a sentence the user understands.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrWord, WordBox } from '../../../shared/archive/ocr';
import { isUserFacingError } from '../../../shared/errors';
import { writeSearchablePdf, type SearchablePage } from '../../../electron/core/ocr/searchablePdf';

const W = 1240;
const H = 1754;
const DPI = 150;
const PT = 72 / DPI;

/** Lines of words laid out on an upright W×H page (pixels): each word a box as wide as its letters. */
function layWords(lines: string[], top = 220): OcrWord[] {
  const words: OcrWord[] = [];
  lines.forEach((line, li) => {
    let x = 150;
    const y = top + li * 70;
    for (const text of line.split(' ')) {
      const w = [...text].length * 21 + 8;
      words.push({ text, box: [x, y, x + w, y + 38], confidence: 91, line: li });
      x += w + 18;
    }
  });
  return words;
}

/** An upright page as SVG: paper, a frame, a stamp, and a dark bar where each word is ("ink"). */
function pageSvg(width: number, height: number, boxes: WordBox[], extra = ''): Buffer {
  const rects = boxes.map(([x0, y0, x1, y1]) => `<rect x="${x0 + 2}" y="${y0 + 6}" width="${x1 - x0 - 4}" height="${y1 - y0 - 12}" fill="#222"/>`).join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="100%" height="100%" fill="#f4efe2"/>` +
      `<rect x="60" y="60" width="${width - 120}" height="${height - 120}" fill="none" stroke="#555" stroke-width="6"/>` +
      `<circle cx="${width - 230}" cy="${height - 260}" r="110" fill="none" stroke="#b22" stroke-width="12"/>` +
      rects +
      extra +
      `</svg>`,
  );
}

/** A box on the upright page → the same place on a stored image that is shown turned 90° clockwise. */
function toStoredQuarter([x0, y0, x1, y1]: WordBox, uprightWidth: number): WordBox {
  return [y0, uprightWidth - x1, y1, uprightWidth - x0];
}

interface BboxWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** `pdftotext -bbox` → per page: its size and its words with boxes (points, y down, as displayed). */
function bboxPages(file: string): { width: number; height: number; words: BboxWord[] }[] {
  const html = execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox', file, '-'], { encoding: 'utf8' });
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((p) => ({
    width: Number(p[1]),
    height: Number(p[2]),
    words: [...p[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
      x0: Number(w[1]),
      y0: Number(w[2]),
      x1: Number(w[3]),
      y1: Number(w[4]),
      text: unescape(w[5]!),
    })),
  }));
}

function pdftotext(file: string, page: number, layout: boolean): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...(layout ? ['-layout'] : []), '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
}

/** The word read back must lie on its box: centre inside, edges within a couple of points. */
function expectOnBox(found: BboxWord | undefined, box: WordBox, label: string): void {
  expect(found, label).toBeDefined();
  const [x0, y0, x1, y1] = box.map((v) => v * PT) as WordBox;
  const cx = (found!.x0 + found!.x1) / 2;
  const cy = (found!.y0 + found!.y1) / 2;
  expect(cx, `${label} centre x`).toBeGreaterThan(x0);
  expect(cx, `${label} centre x`).toBeLessThan(x1);
  expect(cy, `${label} centre y`).toBeGreaterThan(y0 - 2);
  expect(cy, `${label} centre y`).toBeLessThan(y1 + 2);
  expect(Math.abs(found!.x0 - x0), `${label} left`).toBeLessThan(1.5);
  expect(Math.abs(found!.x1 - x1), `${label} right`).toBeLessThan(1.5);
}

const PAGE1_LINES = ['TỈNH ỦY LAI CHÂU', 'Nghị quyết số 05-NQ/TU', 'của Đảng bộ huyện Phong Thổ', 'về phát triển kinh tế – xã hội năm 1996'];
const PAGE2_LINES = ['Ban Thường vụ Tỉnh ủy', 'chỉ đạo Đảng bộ huyện Phong Thổ', 'thực hiện Nghị quyết số 05-NQ/TU'];
/** Typed transcription of page 3, partly in NFD as pasted text sometimes is. */
const PAGE3_TEXT = 'BIÊN BẢN HỘI NGHỊ\n\nHội nghị Ban Chấp hành Đảng bộ huyện Phong Thổ\n' + 'khóa XV, ngày 12 tháng 3 năm 1996, thảo luận dự thảo Nghị quyết số 05-NQ/TU.'.normalize('NFD') + '\nNgười ghi biên bản: Lò Văn Sướng';
/** Page 4: what OCR read, and the transcription a reviewer corrected since. */
const PAGE4_OCR = ['Nghi quyet so O5-NQ/TU', 'cua Dang bo huyenPhong Tho'];
const PAGE4_TEXT = 'Nghị quyết số 05-NQ/TU\ncủa Đảng bộ huyện Phong Thổ';

describe('searchable PDF of a scanned document', () => {
  let dir: string;
  let file: string;
  let pdf: Buffer;
  let jpeg: Buffer;
  let exifJpeg: Buffer;
  let imagesBytes = 0;
  const words1 = layWords(PAGE1_LINES);
  const words2Upright = layWords(PAGE2_LINES, 300);
  const words4 = layWords(PAGE4_OCR, 400);
  const words5 = layWords(['Đảng bộ huyện Phong Thổ'], 900);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-ocr-pdf-'));
    // Page 1: a JPEG scan with word boxes.
    jpeg = await sharp(pageSvg(W, H, words1.map((w) => w.box))).jpeg({ quality: 80 }).withDensity(DPI).toBuffer();
    // Page 2: a landscape PNG of a portrait page, shown turned 90° clockwise; the boxes are on the stored image.
    const words2: OcrWord[] = words2Upright.map((w) => ({ ...w, box: toStoredQuarter(w.box, W) }));
    const png2 = await sharp(pageSvg(W, H, words2Upright.map((w) => w.box))).rotate(270).png().withDensity(DPI).toBuffer();
    // Page 3: a 1-bit palette PNG with a typed transcription only.
    const png3 = await sharp(pageSvg(W, H, [])).threshold(200).png({ palette: true, colours: 2 }).withDensity(DPI).toBuffer();
    // Page 4: an RGBA PNG (converted, PDF images cannot carry this alpha as is) whose OCR words were corrected since.
    const png4 = await sharp(pageSvg(W, H, words4.map((w) => w.box))).ensureAlpha(0.9).png().withDensity(DPI).toBuffer();
    // Page 5: a phone photo: stored landscape with EXIF orientation 6; boxes on the image as shown.
    exifJpeg = await sharp(await sharp(pageSvg(W, H, words5.map((w) => w.box))).rotate(270).png().toBuffer())
      .jpeg({ quality: 80 })
      .withMetadata({ orientation: 6, density: DPI })
      .toBuffer();
    const meta5 = await sharp(exifJpeg).metadata();
    expect([meta5.width, meta5.height, meta5.orientation]).toEqual([H, W, 6]);

    const pages: SearchablePage[] = [
      { image: { bytes: jpeg, mime: 'image/jpeg' }, width: W, height: H, rotation: 0, words: words1, text: PAGE1_LINES.join('\n') },
      { image: { bytes: png2, mime: 'image/png' }, width: H, height: W, rotation: 90, words: words2, text: PAGE2_LINES.join('\n') },
      { image: { bytes: png3, mime: 'image/png' }, width: W, height: H, rotation: 0, words: null, text: PAGE3_TEXT },
      { image: { bytes: png4, mime: 'image/png' }, width: W, height: H, rotation: 0, words: words4, text: PAGE4_TEXT },
      { image: { bytes: exifJpeg, mime: 'image/jpeg' }, width: W, height: H, rotation: 0, words: words5, text: '' },
    ];
    imagesBytes = pages.reduce((s, p) => s + p.image.bytes.length, 0);
    const started = performance.now();
    const bytes = await writeSearchablePdf({ title: 'Nghị quyết số 05-NQ/TU của Đảng bộ huyện Phong Thổ', author: 'Tỉnh ủy Lai Châu', subject: 'Tư liệu lưu trữ', language: 'vi', pages });
    console.log(`searchable PDF: ${bytes.length} bytes for ${imagesBytes} bytes of images, ${Math.round(performance.now() - started)} ms`);
    pdf = Buffer.from(bytes);
    file = path.join(dir, 'tài liệu.pdf');
    writeFileSync(file, pdf);
  });

  afterAll(() => {
    if (dir && !process.env.KEEP_OCR_PDF) rmSync(dir, { recursive: true, force: true });
  });

  it('has the scans as pages, with their sizes, rotation and document information', () => {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '5', file], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Nghị quyết số 05-NQ\/TU của Đảng bộ huyện Phong Thổ/);
    expect(info).toMatch(/Author:\s+Tỉnh ủy Lai Châu/);
    expect(info).toMatch(/Subject:\s+Tư liệu lưu trữ/);
    expect(info).toMatch(/Producer:\s+Sử Quán/);
    expect(info).toMatch(/CreationDate:\s+\S/);
    expect(info).toMatch(/Pages:\s+5/);
    // 1240 × 1754 px at 150 dpi = 595.2 × 841.92 pt; page 2 is stored landscape and shown turned.
    const sizes = [...info.matchAll(/Page\s+(\d) size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[2]), Number(m[3])]);
    const rots = [...info.matchAll(/Page\s+(\d) rot:\s+(\d+)/g)].map((m) => Number(m[2]));
    expect(sizes).toEqual([[595.2, 841.92], [841.92, 595.2], [595.2, 841.92], [595.2, 841.92], [595.2, 841.92]]);
    expect(rots).toEqual([0, 90, 0, 0, 0]);
    expect(pdf.includes(Buffer.from('/Lang (vi)'))).toBe(true);
  });

  it('embeds the JPEG scans byte for byte and stays about the size of its images', () => {
    expect(pdf.indexOf(jpeg)).toBeGreaterThan(0);
    expect(pdf.indexOf(exifJpeg)).toBeGreaterThan(0);
    expect(pdf.length).toBeLessThan(imagesBytes * 1.1 + 40_000);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts).toHaveLength(1);
    // name, type "CID TrueType", encoding "Identity-H", emb yes, sub yes, uni yes
    expect(fonts[0]).toMatch(/^[A-Z]{6}\+NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('gives back the exact NFC text, line by line, with and without -layout', () => {
    for (const layout of [false, true]) {
      const p1 = pdftotext(file, 1, layout);
      const p2 = pdftotext(file, 2, layout);
      const p3 = pdftotext(file, 3, layout);
      const p4 = pdftotext(file, 4, layout);
      const p5 = pdftotext(file, 5, layout);
      for (const t of [p1, p2, p3, p4, p5]) expect(t).toBe(t.normalize('NFC'));
      const lines = (t: string) => t.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).filter(Boolean);
      expect(lines(p1)).toEqual(PAGE1_LINES);
      expect(lines(p2)).toEqual(PAGE2_LINES);
      expect(lines(p4)).toEqual(PAGE4_TEXT.split('\n'));
      expect(lines(p5)).toEqual(['Đảng bộ huyện Phong Thổ']);
      const typed = lines(p3).join(' ');
      for (const phrase of ['BIÊN BẢN HỘI NGHỊ', 'Ban Chấp hành Đảng bộ huyện Phong Thổ', 'thảo luận dự thảo Nghị quyết số 05-NQ/TU.', 'Lò Văn Sướng'])
        expect(typed).toContain(phrase);
      expect(typed).toBe(PAGE3_TEXT.normalize('NFC').split(/\s+/).join(' '));
      for (const phrase of ['Nghị quyết', 'Đảng bộ', 'huyện Phong Thổ', '05-NQ/TU']) expect(p1 + p2 + p4).toContain(phrase);
    }
  });

  it('puts each word where its box is on the scan, as the page is shown', () => {
    const pages = bboxPages(file);
    expect(pages).toHaveLength(5);
    const check = (pageIndex: number, words: OcrWord[], boxes: WordBox[]) => {
      const found = pages[pageIndex]!.words;
      expect(found.map((w) => w.text)).toEqual(words.map((w) => w.text));
      words.forEach((w, k) => expectOnBox(found[k], boxes[k]!, `page ${pageIndex + 1} "${w.text}"`));
    };
    check(0, words1, words1.map((w) => w.box));
    // Page 2 is shown turned: its words read left to right on the turned page, at the upright boxes
    // (poppler states the page's unturned size but gives word boxes as the page is shown).
    expect([pages[1]!.width, pages[1]!.height]).toEqual([841.92, 595.2]);
    check(1, words2Upright, words2Upright.map((w) => w.box));
    // Corrected words keep the boxes of the words OCR read there; two words OCR ran together share its box.
    const found4 = pages[3]!.words;
    expect(found4.map((w) => w.text)).toEqual(PAGE4_TEXT.split(/\s+/));
    const boxOf4 = [0, 1, 2, 3, 4, 5, 6, 7, 7, 8];
    found4.forEach((w, k) => {
      const box = words4[boxOf4[k]!]!.box;
      if (k === 7 || k === 8) {
        expect(w.x0).toBeGreaterThan(box[0] * PT - 1.5);
        expect(w.x1).toBeLessThan(box[2] * PT + 1.5);
      } else expectOnBox(w, box, `page 4 "${w.text}"`);
    });
    check(4, words5, words5.map((w) => w.box));
    // The typed page's lines run top to bottom inside the page.
    const typed = pages[2]!.words;
    for (let k = 1; k < typed.length; k++) expect(typed[k]!.y0).toBeGreaterThanOrEqual(typed[k - 1]!.y0 - 0.01);
    for (const w of typed) expect(w.x0 >= 0 && w.x1 <= 595.2 && w.y0 >= 0 && w.y1 <= 841.92).toBe(true);
  });

  it('shows only the scan: the text layer is invisible', async () => {
    const prefix = path.join(dir, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '5', file, prefix]);
    // Page 3's transcription lies over plain paper: rendered, that paper must stay paper.
    const { data, info } = await sharp(`${prefix}-3.png`).greyscale().raw().toBuffer({ resolveWithObject: true });
    let dark = 0;
    for (let y = Math.round(info.height * 0.1); y < info.height * 0.8; y++)
      for (let x = Math.round(info.width * 0.1); x < info.width * 0.6; x++) if (data[y * info.width + x]! < 200) dark++;
    expect(dark).toBe(0);
    // Page 1 rendered matches the scan alone.
    const rendered = await sharp(`${prefix}-1.png`).greyscale().raw().toBuffer({ resolveWithObject: true });
    const scan = await sharp(jpeg).resize(rendered.info.width, rendered.info.height, { fit: 'fill' }).greyscale().raw().toBuffer();
    let diff = 0;
    for (let k = 0; k < scan.length; k++) diff += Math.abs(scan[k]! - rendered.data[k]!);
    expect(diff / scan.length).toBeLessThan(4);
  });

  it('refuses an unreadable or truncated page image with a Vietnamese sentence', async () => {
    const good: SearchablePage = { image: { bytes: jpeg, mime: 'image/jpeg' }, width: W, height: H, rotation: 0, words: null, text: 'Trang tốt' };
    const cases: [SearchablePage, RegExp][] = [
      [{ ...good, image: { bytes: new TextEncoder().encode('không phải ảnh'), mime: 'image/png' } }, /trang 2.*(JPEG|PNG)/i],
      [{ ...good, image: { bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)), mime: 'image/jpeg' } }, /ảnh của trang 2/],
      [{ ...good, rotation: 45 }, /Góc xoay của trang 2/],
    ];
    for (const [bad, message] of cases) {
      const err = await writeSearchablePdf({ title: 'Hỏng', pages: [good, bad] }).catch((e: unknown) => e);
      expect(isUserFacingError(err), String(err)).toBe(true);
      expect((err as Error).message).toMatch(message);
    }
    const none = await writeSearchablePdf({ title: 'Trống', pages: [] }).catch((e: unknown) => e);
    expect(isUserFacingError(none)).toBe(true);
  });
});
