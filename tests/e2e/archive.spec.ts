/**
 * The archive in the real UI (browser mode, real host, real importers): one file of every format
 * imported through the file dialog with its page count shown; a folder dropped on the window
 * (walked with the browser's entry API, natural order, as one document) and a folder chosen in
 * the folder dialog — sent to the host first, the upload's progress shown, then imported as one
 * job; stopping while sending or while importing; the page viewer — rotate, transcribe, describe —
 * and everything still there after a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { startApp, type RunningApp } from './app';
import { call, screenshots } from './helpers';

let app: RunningApp;

// A fresh host (and projects folder) for every test: the host keeps the last project open.
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app?.stop();
});

const shot = screenshots();

// ---- Real source files ------------------------------------------------------------------------

function pageSvg(width: number, height: number, seed: number): Buffer {
  const lines = Array.from({ length: 18 }, (_, i) => `<rect x="${width * 0.12}" y="${height * 0.2 + i * height * 0.038}" width="${width * (0.62 + ((seed * 7 + i * 13) % 14) / 100)}" height="${height * 0.009}" fill="#3a3a3a"/>`).join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f5efdf"/>` +
      `<rect x="${width * 0.3}" y="${height * 0.08}" width="${width * 0.4}" height="${height * 0.018}" fill="#222"/>` +
      `<rect x="${width * 0.08}" y="${height * 0.08}" width="${width * 0.16}" height="${height * 0.05}" fill="none" stroke="#b33" stroke-width="3"/>${lines}` +
      `<text x="${width * 0.85}" y="${height * 0.95}" font-size="${height * 0.025}" fill="#555">${seed}</text></svg>`,
  );
}

const scan = (format: 'jpeg' | 'png', width: number, height: number, seed: number) => {
  const img = sharp(pageSvg(width, height, seed));
  return format === 'jpeg' ? img.jpeg({ quality: 82 }).toBuffer() : img.png().toBuffer();
};

async function multiPageTiff(pages: number, width = 500, height = 700): Promise<Buffer> {
  const frames = await Promise.all(Array.from({ length: pages }, (_, i) => sharp(pageSvg(width, height, 40 + i)).flatten({ background: '#fff' }).raw().toBuffer()));
  return sharp(Buffer.concat(frames), { raw: { width, height: height * pages, channels: 3, pageHeight: height } as never })
    .tiff({ compression: 'lzw' })
    .toBuffer();
}

async function scannedPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) {
    const img = await doc.embedJpg(await scan('jpeg', 620, 877, 60 + i));
    doc.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return doc.save();
}

async function bornDigitalPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of [['BAO CAO so 12-BC/TU', 'Tinh hinh nam 1950'], ['Trang hai'], ['Trang ba']]) {
    const page = doc.addPage([595.28, 841.89]);
    lines.forEach((l, i) => page.drawText(l, { x: 60, y: 760 - i * 24, size: 14, font }));
  }
  return doc.save();
}

function docx(): Promise<Buffer> {
  const doc = new Document({
    footnotes: { 1: { children: [new Paragraph('Lưu tại Kho Lưu trữ Tỉnh ủy, Phông số 1, Hồ sơ số 45.')] } },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Báo cáo tình hình năm 1950', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun('Tháng 3-1950, Tỉnh ủy họp bàn nhiệm vụ kháng chiến'), new FootnoteReferenceRun(1), new TextRun('.')] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const html = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cách mạng Tháng Tám ở tỉnh nhà - Cổng thông tin điện tử tỉnh</title></head><body>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức</a></li></ul>
<article><h1>Cách mạng Tháng Tám ở tỉnh nhà</h1>
<p>Ngày 19-8-1945, nhân dân trong tỉnh đã nổi dậy giành chính quyền về tay nhân dân, mở ra kỷ nguyên mới cho quê hương.</p>
<p>Dưới sự lãnh đạo của Tỉnh ủy lâm thời, các đội tự vệ chiếm công sở và thành lập Ủy ban nhân dân cách mạng lâm thời.</p>
<p>Thắng lợi của cuộc khởi nghĩa là kết quả của quá trình chuẩn bị lâu dài, bền bỉ của Đảng bộ và nhân dân trong tỉnh.</p></article>
<div class="related"><h3>Tin liên quan</h3><ul><li><a href="/a">Hội nghị tổng kết</a></li></ul></div>
<div class="footer">Lượt truy cập: 1.234.567</div></body></html>`;

const partyText = [
  'ĐẢNG BỘ TỈNH LAI CHÂU',
  'TỈNH ỦY',
  'Số 05-NQ/TU',
  'ĐẢNG CỘNG SẢN VIỆT NAM',
  'Lai Châu, ngày 3 tháng 2 năm 1961',
  'NGHỊ QUYẾT',
  'về nhiệm vụ phát triển kinh tế năm 1961',
  'Hội nghị Tỉnh ủy lần thứ hai đã thảo luận và quyết nghị.',
].join('\n');

// ---- UI helpers ---------------------------------------------------------------------------------

async function createProject(page: Page, title: string) {
  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill(title);
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
}

const card = (page: Page, id: number) => page.locator(`[data-testid=doc-card][data-doc-id="${id}"]`);

async function reportIds(page: Page): Promise<Map<string, { id: number; pages: number }>> {
  const rows = await page.getByTestId('import-outcome').allInnerTexts();
  const out = new Map<string, { id: number; pages: number }>();
  for (const r of rows) {
    const m = /^(.+?)\s*Đã nhập: tài liệu số (\d+) \((\d+) trang\)/s.exec(r.trim());
    if (m) out.set(m[1]!.trim(), { id: Number(m[2]), pages: Number(m[3]) });
  }
  return out;
}

// ---- Tests --------------------------------------------------------------------------------------

test('imports one file of every format through the file dialog and shows each with its page count', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-formats-'));
  const files: [string, Buffer | Uint8Array | string, number][] = [
    ['Ảnh chụp nghị quyết.jpg', await scan('jpeg', 1240, 1754, 1), 1],
    ['Bản quét báo cáo.png', await scan('png', 900, 1273, 2), 1],
    ['Hồ sơ 3 trang.tif', await multiPageTiff(3), 3],
    ['Bản quét 2 trang.pdf', await scannedPdf(2), 2],
    ['Văn bản điện tử.pdf', await bornDigitalPdf(), 3],
    ['Báo cáo năm 1950.docx', await docx(), 1],
    ['Cổng thông tin.html', html, 1],
    ['Nghị quyết 05-NQ-TU.txt', partyText, 1],
  ];
  const paths = files.map(([name, bytes]) => {
    const p = path.join(dir, name);
    writeFileSync(p, bytes);
    return p;
  });

  await createProject(page, 'Kho tư liệu thử mọi định dạng');
  await page.getByTestId('import-input').setInputFiles(paths);
  await expect(page.getByTestId('import-outcome')).toHaveCount(files.length);
  await expect(page.getByTestId('import-summary')).toHaveText('8 đã nhập · 0 đã có · 0 bị từ chối');
  const ids = await reportIds(page);
  for (const [name, , pages] of files) expect(ids.get(name), name).toEqual({ id: expect.any(Number), pages });
  await shot(page, 'archive-01-import-report');
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();

  // Every document in the grid, with its page count; multi-page ones carry a badge.
  await expect(page.getByTestId('doc-total')).toContainText('8 tài liệu');
  for (const [name, , pages] of files) {
    const c = card(page, ids.get(name)!.id);
    await expect(c, name).toContainText(`${pages} trang`);
    if (pages > 1) await expect(c.getByTestId('page-count')).toHaveText(`${pages} trang`);
    const img = c.locator('img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { message: name }).toBe(true);
  }

  // The text document's header was read: suggestions wait for the user.
  await card(page, ids.get('Nghị quyết 05-NQ-TU.txt')!.id).click();
  const suggestions = page.getByTestId('suggestions');
  await expect(suggestions.locator('[data-field=code]')).toContainText('05-NQ/TU');
  await expect(suggestions.locator('[data-field=docType]')).toContainText('Nghị quyết');
  await shot(page, 'archive-02-grid-and-metadata');
  await suggestions.locator('[data-field=code]').getByRole('button', { name: 'Nhận' }).click();
  await expect(page.getByLabel('Số và ký hiệu')).toHaveValue('05-NQ/TU');
  await expect(page.getByTestId('code-info')).toContainText('Nghị quyết · Tỉnh ủy');
  await expect(suggestions.locator('[data-field=code]')).toHaveCount(0);
  await suggestions.locator('[data-field=issuer]').getByRole('button', { name: 'Bỏ' }).click();
  await expect(suggestions.locator('[data-field=issuer]')).toHaveCount(0);

  // An edit left unsaved when another document is chosen is saved, not lost.
  const txtId = ids.get('Nghị quyết 05-NQ-TU.txt')!.id;
  await page.getByLabel('Trích yếu nội dung').fill('Về nhiệm vụ phát triển kinh tế năm 1961 (đã soát)');
  await card(page, ids.get('Bản quét báo cáo.png')!.id).click();
  await expect(page.getByRole('status')).toContainText(`Đã lưu thông tin tài liệu số ${txtId}`);
  await card(page, txtId).click();
  await expect(page.getByLabel('Trích yếu nội dung')).toHaveValue('Về nhiệm vụ phát triển kinh tế năm 1961 (đã soát)');

  // A text document (DOCX) opens in the viewer with its extracted text beside a preview.
  await card(page, ids.get('Báo cáo năm 1950.docx')!.id).dblclick();
  await expect(page.getByTestId('transcription')).toHaveValue(/Tháng 3-1950, Tỉnh ủy họp bàn nhiệm vụ kháng chiến/);
  await expect(page.getByTestId('text-sheet')).toContainText('Tháng 3-1950, Tỉnh ủy họp bàn nhiệm vụ kháng chiến');
  await expect(page.getByTestId('scan')).toHaveCount(0);
  await shot(page, 'archive-08-viewer-docx');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('doc-grid')).toBeVisible();

  // Search: typed without diacritics, the Word file's text is found and the words are marked;
  // a double click opens it at the page that matched.
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('archive-search')).toBeFocused();
  await page.keyboard.type('khang chien');
  const hits = page.getByTestId('search-hit');
  await expect(hits).toHaveCount(1);
  await expect(page.getByTestId('search-summary')).toHaveText('Tìm thấy 1 tài liệu');
  await expect(hits.first().locator('mark')).toHaveText(['kháng', 'chiến']);
  await expect(page.getByTestId('doc-grid')).toBeHidden();
  await shot(page, 'archive-09-search');
  await hits.first().dblclick();
  await expect(page.getByTestId('transcription')).toHaveValue(/nhiệm vụ kháng chiến/);
  await page.keyboard.press('Escape');
  await expect(hits).toHaveCount(1); // the search is still there when the viewer closes
  await page.getByTestId('archive-search').fill('');
  await expect(page.getByTestId('doc-grid')).toBeVisible();

  // Links between sources: a report that implements the resolution refers to it by its code.
  const reportFile = path.join(dir, 'Báo cáo thực hiện nghị quyết.txt');
  writeFileSync(reportFile, 'BÁO CÁO\nKết quả thực hiện Nghị quyết số 05-NQ/TU của Tỉnh ủy và Chỉ thị số 17-CT/TW.\n');
  await page.getByTestId('import-input').setInputFiles(reportFile);
  await expect(page.getByTestId('import-outcome')).toContainText('Đã nhập');
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await page.getByTestId('archive-search').fill('ket qua thuc hien');
  await page.getByTestId('search-hit').first().click();
  const links = page.getByTestId('source-links');
  await expect(links).toContainText('Văn bản này nhắc đến');
  await expect(links).toContainText('17-CT/TW (chưa có trong kho)');
  await expect(links.getByTestId('refers-to')).toHaveText('Nghị quyết 05-NQ-TU');
  await shot(page, 'archive-10-source-links');
  await page.getByTestId('archive-search').fill('');
  await card(page, txtId).click();
  await expect(page.getByTestId('source-links').getByTestId('referred-by')).toHaveText('Báo cáo thực hiện nghị quyết');

  // The same file again is recognised as already in the archive.
  await page.getByTestId('import-input').setInputFiles(paths[0]!);
  await expect(page.getByTestId('import-outcome')).toContainText(`Đã có trong kho (tài liệu số ${ids.get(files[0]![0])!.id})`);
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  expect(errors).toEqual([]);
});

test('a folder dropped on the window is walked in natural order and imported as one document', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await createProject(page, 'Kho tư liệu kéo thả thư mục');
  await page.getByTestId('folder-as-document').check();

  // Page images of different widths, so their order can be read back from the viewer.
  const folder = [
    { name: 'page10.jpg', width: 330 },
    { name: 'page2.jpg', width: 310 },
    { name: 'page1.jpg', width: 300 },
    { name: '.DS_Store', width: 0 },
  ];
  const sub = [{ name: 'trang 1.png', width: 400 }];
  const b64 = async (width: number, seed: number) => (width ? (await scan('jpeg', width, 440, seed)).toString('base64') : 'AAAA');
  const tree = {
    name: 'Hồ sơ 46',
    files: await Promise.all(folder.map(async (f, i) => ({ name: f.name, b64: await b64(f.width, 200 + i) }))),
    dirs: [{ name: 'Phụ lục', files: await Promise.all(sub.map(async (f, i) => ({ name: f.name, b64: await b64(f.width, 300 + i) }))), dirs: [] }],
  };

  // Playwright cannot drag an OS folder: build the drop the browser would deliver, with the
  // directory-entry API (readEntries in small batches, as Chromium returns them).
  await page.evaluate((root) => {
    type Node = { name: string; files: { name: string; b64: string }[]; dirs: Node[] };
    const bytes = (b: string) => Uint8Array.from(atob(b), (c) => c.charCodeAt(0));
    const fileEntry = (f: { name: string; b64: string }, at: string) => ({
      isFile: true,
      isDirectory: false,
      name: f.name,
      fullPath: `${at}/${f.name}`,
      file: (ok: (f: File) => void) => ok(new File([bytes(f.b64)], f.name, { type: f.name.endsWith('.png') ? 'image/png' : 'image/jpeg' })),
    });
    const dirEntry = (d: Node, at: string): unknown => ({
      isFile: false,
      isDirectory: true,
      name: d.name,
      fullPath: `${at}/${d.name}`,
      createReader() {
        const all = [...d.files.map((f) => fileEntry(f, `${at}/${d.name}`)), ...d.dirs.map((s) => dirEntry(s, `${at}/${d.name}`))];
        let pos = 0;
        return { readEntries: (ok: (e: unknown[]) => void) => setTimeout(() => ok(all.slice(pos, (pos += 2))), 0) };
      },
    });
    const entry = dirEntry(root, '');
    const dataTransfer = {
      types: ['Files'],
      files: [new File([], root.name)],
      items: [{ kind: 'file', webkitGetAsEntry: () => entry }],
    };
    const target = document.querySelector('.archive')!;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      const ev = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(ev, 'dataTransfer', { value: dataTransfer });
      target.dispatchEvent(ev);
    }
  }, tree);

  await expect(page.getByTestId('import-outcome')).toHaveCount(2);
  const rows = await page.getByTestId('import-outcome').allInnerTexts();
  expect(rows[0]).toMatch(/Hồ sơ 46\s*Đã nhập: tài liệu số 1 \(3 trang\)/);
  expect(rows[1]).toMatch(/Phụ lục\s*Đã nhập: tài liệu số 2 \(1 trang\)/);
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await expect(card(page, 1)).toContainText('Hồ sơ 46');
  await expect(card(page, 1).getByTestId('page-count')).toHaveText('3 trang');

  // Open it: the pages are page1, page2, page10 (by width), turned with the keyboard.
  await card(page, 1).dblclick();
  const scanImg = page.getByTestId('scan');
  const width = () => scanImg.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));
  await expect.poll(width).toBe(300);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('page-no')).toHaveText('Trang 2/3');
  await expect.poll(width).toBe(310);
  await shot(page, 'archive-06-viewer-multipage');
  await page.keyboard.press('PageDown');
  await expect.poll(width).toBe(330);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('page-no')).toHaveText('Trang 3/3');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('page-no')).toHaveText('Trang 1/3');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('doc-grid')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a drop of plain files imports each of them, in natural name order', async ({ page }) => {
  await createProject(page, 'Kho tư liệu thả tệp');
  await page.getByTestId('folder-as-document').uncheck();
  const a = (await scan('jpeg', 320, 440, 501)).toString('base64');
  const b = (await scan('png', 340, 440, 502)).toString('base64');
  await page.evaluate(
    ({ a, b }) => {
      const bytes = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      const f1 = new File([bytes(a)], 'trang 10.jpg', { type: 'image/jpeg' });
      const f2 = new File([bytes(b)], 'trang 9.png', { type: 'image/png' });
      dt.items.add(f1);
      dt.items.add(f2);
      const target = document.querySelector('.archive')!;
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    { a, b },
  );
  await expect(page.getByTestId('import-outcome')).toHaveCount(2);
  const rows = await page.getByTestId('import-outcome').allInnerTexts();
  // Natural order: 9 before 10.
  expect(rows[0]).toMatch(/trang 9\.png\s*Đã nhập/);
  expect(rows[1]).toMatch(/trang 10\.jpg\s*Đã nhập/);
});

test('a file the host refuses to take is reported with its reason, and the others are imported', async ({ page }) => {
  await createProject(page, 'Kho tư liệu tệp bị từ chối');
  await page.getByTestId('folder-as-document').uncheck();
  const a = (await scan('jpeg', 320, 440, 511)).toString('base64');
  const b = (await scan('png', 340, 440, 512)).toString('base64');
  await page.evaluate(
    ({ a, b }) => {
      const bytes = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes(a)], 'trang 1.jpg', { type: 'image/jpeg' }));
      // A name no file system takes: the upload route refuses it in a sentence.
      dt.items.add(new File([bytes(a)], 'bản: sao?.jpg', { type: 'image/jpeg' }));
      dt.items.add(new File([bytes(b)], 'trang 2.png', { type: 'image/png' }));
      const target = document.querySelector('.archive')!;
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    { a, b },
  );
  await expect(page.getByTestId('import-outcome')).toHaveCount(3);
  const rows = (await page.getByTestId('import-outcome').allInnerTexts()).join('\n');
  expect(rows).toMatch(/bản: sao\?\.jpg[\s\S]*Tên tệp không hợp lệ/);
  expect(rows).toMatch(/trang 1\.jpg\s*Đã nhập/);
  expect(rows).toMatch(/trang 2\.png\s*Đã nhập/);
  await shot(page, 'archive-05b-upload-refused');
});

test('the viewer rotates, transcribes and describes a document, and all of it is there after a reload', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-viewer-'));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'Chỉ thị 17-CT TW.jpg');
  writeFileSync(file, await scan('jpeg', 1240, 1754, 7));
  await createProject(page, 'Kho tư liệu xem trang');
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('import-outcome')).toContainText('Đã nhập: tài liệu số 1 (1 trang)');
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();

  await card(page, 1).click();
  await page.getByRole('button', { name: 'Mở trang' }).first().click();
  const viewer = page.getByTestId('viewer');
  await expect(viewer).toBeVisible();
  const scanImg = page.getByTestId('scan');
  await expect.poll(() => scanImg.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1240);

  // Fit page, zoom with the keyboard, back to fit width.
  await page.getByRole('button', { name: 'Vừa trang' }).click();
  const fitPage = await page.getByTestId('zoom').innerText();
  await page.keyboard.press('+');
  await expect(page.getByTestId('zoom')).not.toHaveText(fitPage);
  await page.keyboard.press('0');
  await expect(page.getByTestId('zoom')).toHaveText(fitPage);

  // Rotate right twice and left once: 90°.
  await page.getByRole('button', { name: 'Xoay phải' }).click();
  await expect(scanImg).toHaveAttribute('data-rotation', '90');
  await page.getByRole('button', { name: 'Xoay phải' }).click();
  await expect(scanImg).toHaveAttribute('data-rotation', '180');
  await page.getByRole('button', { name: 'Xoay trái' }).click();
  await expect(scanImg).toHaveAttribute('data-rotation', '90');

  // Transcribe: typed text plus a decomposed (NFD) paste; autosaved as NFC.
  const tx = page.getByTestId('transcription');
  await tx.click();
  await page.keyboard.type('CHỈ THỊ của Ban Thường vụ Tỉnh ủy. ');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.insertText', { text: 'Về việc đẩy mạnh phong trào thi đua.'.normalize('NFD') });
  const expected = 'CHỈ THỊ của Ban Thường vụ Tỉnh ủy. Về việc đẩy mạnh phong trào thi đua.';
  await expect(page.getByTestId('transcription-state')).toHaveText('Đã lưu');
  await shot(page, 'archive-03-viewer');

  // Describe: number and symbol read live, a location field, secrecy.
  await page.getByRole('tab', { name: 'Thông tin' }).click();
  // An issuer the tables do not know is added to the project's own table where it is missing.
  await page.getByLabel('Số và ký hiệu').fill('12-BC/ĐUK');
  const prompt = page.getByTestId('code-add');
  await expect(prompt).toContainText('Cơ quan “ĐUK” chưa có trong bảng ký hiệu.');
  await prompt.getByRole('textbox').fill('Đảng ủy Khối các cơ quan tỉnh');
  await shot(page, 'archive-04b-code-abbreviation');
  await prompt.getByRole('button', { name: 'Thêm vào bảng' }).click();
  await expect(page.getByTestId('code-info')).toContainText('Báo cáo · Đảng ủy Khối các cơ quan tỉnh');
  await expect(prompt).toHaveCount(0);
  await page.getByLabel('Số và ký hiệu').fill('17-CT/TW');
  await expect(page.getByTestId('code-info')).toContainText('Chỉ thị · Ban Chấp hành Trung ương');
  await shot(page, 'archive-04a-viewer-code-parsed');
  await page.getByRole('button', { name: 'Điền tên loại và cơ quan ban hành' }).click();
  await expect(page.getByLabel('Tên loại')).toHaveValue('Chỉ thị');
  await expect(page.getByLabel('Cơ quan ban hành')).toHaveValue('Ban Chấp hành Trung ương');
  await page.getByLabel('Hộp số').fill('12');
  await page.getByLabel('Độ mật').selectOption('Mật');
  await page.getByLabel('Ngày tháng năm').fill('Tháng 3-1950');
  await page.getByLabel('Nhân vật').fill('Nguyễn Văn A; Trần Thị B');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByTestId('metadata-state')).toHaveText('Đã lưu');
  await shot(page, 'archive-04-viewer-metadata');

  // Reload: rotation, text and description are stored.
  await page.reload();
  await card(page, 1).dblclick();
  await expect(page.getByTestId('scan')).toHaveAttribute('data-rotation', '90');
  await expect(page.getByTestId('transcription')).toHaveValue(expected);
  await page.getByRole('tab', { name: 'Thông tin' }).click();
  await expect(page.getByLabel('Số và ký hiệu')).toHaveValue('17-CT/TW');
  await expect(page.getByLabel('Hộp số')).toHaveValue('12');
  await expect(page.getByLabel('Cơ quan ban hành')).toHaveValue('Ban Chấp hành Trung ương');
  await expect(page.getByLabel('Độ mật')).toHaveValue('Mật');
  await expect(page.getByLabel('Ngày tháng năm')).toHaveValue('Tháng 3-1950');
  await expect(page.getByLabel('Nhân vật')).toHaveValue('Nguyễn Văn A; Trần Thị B');
  await page.getByRole('tab', { name: 'Văn bản trang' }).click();
  // The tab loads its text again: wait for it, then compare exactly (stored as NFC).
  await expect(page.getByTestId('transcription')).toHaveValue(expected.normalize('NFC'));
  await page.getByTestId('transcription').focus();
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(1); // Esc inside the text field does not close the viewer
  await page.getByRole('button', { name: 'Quay lại kho' }).click();
  await expect(page.getByTestId('doc-grid')).toBeVisible();
  // The grid shows the cover page turned as well.
  await expect(card(page, 1).locator('img')).toHaveAttribute('data-rotation', '90');
  await shot(page, 'archive-07-grid-rotated-cover');
  expect(errors).toEqual([]);
});

test('the grid renders only the rows in view and fetches more documents as it scrolls', async ({ page }) => {
  await createProject(page, 'Kho tư liệu nhiều tài liệu');
  // 150 small documents (more than one fetched block), imported from the host's disk through the
  // API (the host is this machine), one file after the other so their numbers follow the names.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-grid-'));
  const paths: string[] = [];
  for (let i = 0; i < 150; i++) {
    const p = path.join(dir, `tờ ${i + 1}.png`);
    writeFileSync(p, await sharp({ create: { width: 24, height: 34, channels: 3, background: { r: 240, g: 230 - (i % 200), b: i % 256 } } }).png().toBuffer());
    paths.push(p);
  }
  await call(page, 'archive', 'importPaths', { paths });
  await page.reload();
  await expect(page.getByTestId('doc-total')).toContainText('150 tài liệu');
  const cards = page.getByTestId('doc-card');
  await expect(cards.first()).toBeVisible();
  const rendered = await cards.count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(100);
  // Newest first: document 150 is at the top, document 1 is not in the DOM until scrolled to.
  await expect(card(page, 150)).toBeVisible();
  await expect(card(page, 1)).toHaveCount(0);
  await page.getByTestId('doc-grid').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(card(page, 1)).toBeVisible();
  await expect(card(page, 150)).toHaveCount(0);
  expect(await cards.count()).toBeLessThan(100);
  // The keyboard walks the grid: Home goes back to the first document.
  await card(page, 1).click();
  await page.getByTestId('doc-grid').focus();
  await page.keyboard.press('Home');
  await expect(card(page, 150)).toHaveAttribute('aria-pressed', 'true');
});

/** Holds every upload request back a while, as a slow disk or a big file would: the upload phase can be seen and stopped. */
async function slowUploads(page: Page, ms: number): Promise<void> {
  await page.route(
    (url) => url.pathname.endsWith('/api/upload'),
    async (route) => {
      await new Promise((r) => setTimeout(r, ms));
      await route.continue();
    },
  );
}

test('a folder chosen in the folder dialog and a few files are sent with their progress shown, then imported', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await createProject(page, 'Kho tư liệu nhập thư mục');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-folder-'));
  const folder = path.join(dir, 'Hồ sơ 12');
  mkdirSync(folder);
  for (const [name, width] of [['trang 10.jpg', 330], ['trang 2.jpg', 310], ['trang 1.jpg', 300]] as const) {
    writeFileSync(path.join(folder, name), await scan('jpeg', width, 440, width));
  }
  await slowUploads(page, 400);

  // The folder, as one document: "Nhập thư mục" opens the folder dialog.
  await page.getByTestId('folder-as-document').check();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Nhập thư mục' }).click();
  await (await chooser).setFiles(folder);
  const progress = page.getByTestId('import-progress');
  await expect(progress).toContainText('Đang tải lên…');
  await expect(progress).toContainText(/Đang gửi trang \d+\.jpg/);
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await shot(page, 'archive-05a-upload-progress');
  await expect(page.getByTestId('import-outcome')).toHaveCount(1);
  await expect(page.getByTestId('import-outcome')).toContainText(/Hồ sơ 12\s*Đã nhập: tài liệu số 1 \(3 trang\)/);
  await expect(progress).toHaveCount(0);
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await expect(card(page, 1).getByTestId('page-count')).toHaveText('3 trang');
  // In natural name order: trang 1, trang 2, trang 10 (told apart by their widths).
  await card(page, 1).dblclick();
  const width = () => page.getByTestId('scan').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));
  await expect.poll(width).toBe(300);
  await page.keyboard.press('End');
  await expect.poll(width).toBe(330);
  await page.keyboard.press('Escape');

  // A few files through "Nhập tư liệu": each its own document.
  await page.getByTestId('folder-as-document').uncheck();
  const files = await Promise.all(
    ['Báo cáo 1950.png', 'Chỉ thị 1951.jpg'].map(async (name, i) => {
      const p = path.join(dir, name);
      writeFileSync(p, await scan(name.endsWith('.png') ? 'png' : 'jpeg', 320 + i * 20, 440, 800 + i));
      return p;
    }),
  );
  const fileChooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Nhập tư liệu' }).click();
  await (await fileChooser).setFiles(files);
  await expect(progress).toContainText('Đang tải lên…');
  await expect(page.getByTestId('import-summary')).toHaveText('2 đã nhập · 0 đã có · 0 bị từ chối');
  const rows = await page.getByTestId('import-outcome').allInnerTexts();
  expect(rows[0]).toMatch(/Báo cáo 1950\.png\s*Đã nhập: tài liệu số 2 \(1 trang\)/);
  expect(rows[1]).toMatch(/Chỉ thị 1951\.jpg\s*Đã nhập: tài liệu số 3 \(1 trang\)/);
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await expect(page.getByTestId('doc-total')).toContainText('3 tài liệu');
  expect(errors).toEqual([]);
});

test('an import stopped while its files are still being sent imports nothing and lists every file as not imported', async ({ page }) => {
  await createProject(page, 'Kho tư liệu dừng tải lên');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-stop-upload-'));
  const paths: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const p = path.join(dir, `tờ ${i}.jpg`);
    writeFileSync(p, await scan('jpeg', 620, 877, 600 + i));
    paths.push(p);
  }
  await slowUploads(page, 500);
  await page.getByTestId('import-input').setInputFiles(paths);
  // The names make one set of pages ("tờ 1…12"): the review before importing asks; each file alone here.
  await page.getByTestId('review-grouping-file').check();
  await page.getByTestId('review-import').click();
  const progress = page.getByTestId('import-progress');
  await expect(progress).toContainText('Đang tải lên…');
  await expect(progress).toContainText('Đang gửi tờ 2.jpg');
  await progress.getByRole('button', { name: 'Dừng nhập' }).click();
  await expect(progress).toContainText('Đang dừng tải lên');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByTestId('import-summary')).toHaveText('0 đã nhập · 0 đã có · 0 bị từ chối · 12 chưa nhập');
  const rows = await page.getByTestId('import-outcome').allInnerTexts();
  expect(rows).toHaveLength(12);
  for (const r of rows) expect(r).toContain('Chưa nhập (đã dừng)');
  expect(rows[0]).toMatch(/^\s*tờ 1\.jpg/);
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
});

test('a long browser-mode import shows its progress and can be stopped between files', async ({ page }) => {
  await createProject(page, 'Kho tư liệu dừng nhập');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-cancel-'));
  const paths: string[] = [];
  for (let i = 1; i <= 40; i++) {
    const p = path.join(dir, `trang ${i}.jpg`);
    writeFileSync(p, await scan('jpeg', 1654, 2339, 700 + i));
    paths.push(p);
  }
  await page.getByTestId('import-input').setInputFiles(paths);
  await page.getByTestId('review-grouping-file').check();
  await page.getByTestId('review-import').click();
  const progress = page.getByTestId('import-progress');
  // First sent to the host, then imported there.
  await expect(progress).toContainText('/40 tệp', { timeout: 60_000 });
  await expect(progress).toContainText('Đang nhập trang');
  await shot(page, 'archive-05-import-progress');
  await progress.getByRole('button', { name: 'Dừng nhập' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('chưa nhập');
  const rows = await page.getByTestId('import-outcome').allInnerTexts();
  expect(rows).toHaveLength(40);
  const imported = rows.filter((r) => r.includes('Đã nhập'));
  const stopped = rows.filter((r) => r.includes('Chưa nhập (đã dừng)'));
  expect(imported.length + stopped.length).toBe(40);
  expect(stopped.length).toBeGreaterThan(0);
  // What was imported is whole: one page each, as many documents as reported.
  for (const r of imported) expect(r).toMatch(/\(1 trang\)/);
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await expect(page.getByTestId('doc-total')).toContainText(`${imported.length} tài liệu`);
});

test('page operations: merge selected documents, reorder pages by dragging, split, move a page, delete with confirmation', async ({ page }) => {
  await createProject(page, 'Kho tư liệu thao tác trang');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-ops-'));
  const widths = [300, 320, 340];
  const paths = await Promise.all(
    widths.map(async (w, i) => {
      const p = path.join(dir, `tờ ${i + 1}.jpg`);
      writeFileSync(p, await scan('jpeg', w, 440, 900 + i));
      return p;
    }),
  );
  await page.getByTestId('import-input').setInputFiles(paths);
  // Reviewed before importing: three documents here, to be merged below.
  await page.getByTestId('review-grouping-file').check();
  await page.getByTestId('review-import').click();
  await expect(page.getByTestId('import-outcome')).toHaveCount(3);
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();

  // Select 1, then Ctrl-click 2 and 3: merged into 1 in that order.
  await card(page, 1).click();
  await card(page, 2).click({ modifiers: ['Control'] });
  await card(page, 3).click({ modifiers: ['Control'] });
  await expect(page.getByTestId('doc-total')).toContainText('Đã chọn 3');
  await page.getByTestId('merge').click();
  await expect(page.getByRole('alertdialog')).toContainText('Gộp 3 tài liệu vào tài liệu số 1?');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Đồng ý' }).click();
  await expect(page.getByTestId('doc-total')).toContainText('1 tài liệu');
  await expect(card(page, 1).getByTestId('page-count')).toHaveText('3 trang');

  // Open it; drag page 3 before page 1 in the page strip.
  await card(page, 1).dblclick();
  const scanImg = page.getByTestId('scan');
  const width = () => scanImg.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));
  await expect.poll(width).toBe(300);
  const thumbs = page.getByTestId('page-thumb');
  await thumbs.nth(2).dragTo(thumbs.nth(0), { targetPosition: { x: 20, y: 5 } });
  await expect(page.getByTestId('page-no')).toHaveText('Trang 2/3');
  await page.keyboard.press('Home');
  await expect.poll(width).toBe(340);
  await page.keyboard.press('ArrowRight');
  await expect.poll(width).toBe(300);

  // Split from page 3 (the 320 px page): a new document with one page.
  await page.keyboard.press('End');
  await expect.poll(width).toBe(320);
  await page.getByRole('button', { name: 'Tách từ trang này' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Đồng ý' }).click();
  await expect(page.getByTestId('page-no')).toHaveText('Trang 2/2');
  await page.getByRole('button', { name: 'Quay lại kho' }).click();
  await expect(page.getByTestId('doc-total')).toContainText('2 tài liệu');
  const created = page.locator('[data-testid=doc-card]:not([data-doc-id="1"])');
  await expect(created).toContainText('1 trang');
  await expect(card(page, 1).getByTestId('page-count')).toHaveText('2 trang');

  // Move its page back into document 1, before page 2: document 1 opens with 340, 320, 300.
  await created.dblclick();
  await expect.poll(width).toBe(320);
  await page.getByRole('button', { name: 'Chuyển trang' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Sang tài liệu số').fill('1');
  await dialog.getByLabel('Đặt trước trang').fill('2');
  await dialog.getByRole('button', { name: 'Chuyển trang' }).click();
  await expect(page.getByTestId('page-no')).toHaveText('Trang 2/3');
  await expect.poll(width).toBe(320);
  await page.keyboard.press('Home');
  await expect.poll(width).toBe(340);
  await page.keyboard.press('End');
  await expect.poll(width).toBe(300);
  // The emptied document is removed (with undo: tests/e2e/page-sets.spec.ts).
  await expect(page.getByTestId('undo-toast')).toContainText('không còn trang nào nên đã được xóa');
  await page.getByRole('button', { name: 'Quay lại kho' }).click();
  await expect(created).toHaveCount(0);
  await expect(page.getByTestId('doc-total')).toContainText('1 tài liệu');

  // Delete a document: asked first; cancelling keeps it.
  await card(page, 1).click();
  await page.getByRole('button', { name: 'Xóa tài liệu' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Hủy' }).click();
  await expect(card(page, 1)).toBeVisible();
  await page.getByRole('button', { name: 'Xóa tài liệu' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Không thể hoàn tác');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Xóa tài liệu' }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
});
