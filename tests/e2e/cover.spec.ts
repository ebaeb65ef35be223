/**
 * The cover (issue 13): in the book details dialog the print settings and the cover's are set
 * (a wrong ISBN check digit is refused with its sentence), "Xuất bìa (PDF)" saves them and
 * downloads the cover, read back with poppler: the title and the ISBN digits in its text, and a
 * sheet of 2 × trim + spine + 2 × bleed, the spine from the book's page count and the paper.
 * Screenshots of the dialog go to $SUQUAN_SCREENSHOTS when set.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './app';
import { call, screenshots } from './helpers';

let app: RunningApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app?.stop();
});

const shot = screenshots('cover-');
const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-cover-'));
const MM = 72 / 25.4;
const BOOK = 'Lịch sử Đảng bộ xã Bản Bo';
const WORDS = 'Đảng bộ xã lãnh đạo nhân dân các dân tộc xây dựng phong trào cách mạng kháng chiến kiến quốc sản xuất nông nghiệp hợp tác xã chi bộ'.split(' ');

test('sets the print and cover settings and exports the cover', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Lịch sử Đảng bộ xã Bản Bo');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
  const book = (await call(page, 'manuscript', 'createBook', { kind: 'history', title: BOOK })) as { id: number };
  const chapter = (await call(page, 'manuscript', 'addChapter', { bookId: book.id, title: 'Những ngày đầu' })) as { id: number; version: number };
  const content = Array.from({ length: 40 }, (_, i) => ({
    type: 'paragraph',
    content: [{ type: 'text', text: Array.from({ length: 90 }, (_, k) => WORDS[(i * 5 + k * 7) % WORDS.length]).join(' ') + '.' }],
  }));
  await call(page, 'manuscript', 'saveChapter', { id: chapter.id, baseVersion: chapter.version, doc: { type: 'doc', content } });
  await page.getByTestId('nav-books').click();
  await expect(page.getByTestId('chapter-item')).toHaveCount(1);

  await page.getByRole('button', { name: 'Thông tin sách' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Trình bày & in' })).toBeVisible();
  await dialog.getByLabel('Cơ quan biên soạn').fill('Ban Chấp hành Đảng bộ xã Bản Bo');
  await dialog.getByLabel('Giai đoạn').fill('1945–2025');
  await dialog.getByLabel('Khổ sách').selectOption('160x240');
  await dialog.getByLabel('Tay sách').selectOption('16');
  await dialog.getByLabel('Tràn lề (mm)').fill('3');
  await dialog.getByLabel('Độ dày giấy (mm mỗi tờ)').fill('0,1');
  await dialog.getByLabel('Lời giới thiệu ở bìa sau').fill('Cuốn sách ghi lại chặng đường tám mươi năm của Đảng bộ xã Bản Bo.');

  await dialog.getByRole('heading', { name: 'Trình bày & in' }).scrollIntoViewIfNeeded();
  await shot(page, 'print-settings');
  await dialog.screenshot({ path: path.join(work, 'dialog-print.png') });

  // A wrong check digit: the save is refused with the sentence, and the dialog keeps what was typed.
  await dialog.getByLabel('ISBN').fill('978-604-57-1234-5');
  await dialog.getByRole('button', { name: 'Lưu thông tin' }).click();
  await expect(dialog.getByRole('alert')).toContainText('sai số kiểm tra: chữ số cuối phải là 4');
  await expect(dialog.getByRole('alert')).toBeInViewport();
  await dialog.screenshot({ path: path.join(work, 'dialog-refused.png') });
  await dialog.getByLabel('ISBN').fill('978-604-57-1234-4');
  await shot(page, 'dialog');
  await dialog.screenshot({ path: path.join(work, 'dialog.png') });

  const download = page.waitForEvent('download');
  await dialog.getByTestId('export-cover').click();
  const dl = await download;
  expect(dl.suggestedFilename()).toMatch(/bìa\.pdf$/);
  const file = path.join(work, 'bia.pdf');
  await dl.saveAs(file);
  await expect(dialog.getByText(/^Đã xuất bìa ra/)).toBeVisible();

  // Saved with the export: the settings are the book's now.
  const saved = (await call(page, 'manuscript', 'getBook', { id: book.id })) as { details: { print?: { trim?: string; signature?: number; bleed?: number }; cover?: { paperThickness?: number; backText?: string }; colophon?: { isbn?: string } } };
  expect(saved.details.print).toMatchObject({ trim: '160x240', signature: 16, bleed: 3 });
  expect(saved.details.cover).toMatchObject({ paperThickness: 0.1 });
  expect(saved.details.colophon?.isbn).toBe('978-604-57-1234-4');

  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
  expect(text).toContain('LỊCH SỬ ĐẢNG');
  expect(text).toContain('ISBN 978-604-57-1234-4');
  expect(text.replace(/\s+/g, '')).toContain('9786045712344');
  expect(text).toContain('tám mươi năm');
  // The sheet: 2 × 160 + spine + 2 × 3 mm by 240 + 2 × 3 mm, the spine from the book's pages.
  const pages = ((await call(page, 'publish', 'exportPdf', { bookId: book.id })) as { pages: number }).pages;
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))!;
  expect(Number(size[1])).toBeCloseTo((2 * 160 + Math.ceil(pages / 2) * 0.1 + 6) * MM, 0);
  expect(Number(size[2])).toBeCloseTo(246 * MM, 0);
  await dialog.getByRole('button', { name: 'Hủy' }).click();

  // Beside the book's other exports: the cover again, with the settings saved.
  const again = page.waitForEvent('download');
  await page.getByTestId('export-cover-book').click();
  const second = path.join(work, 'bia-2.pdf');
  await (await again).saveAs(second);
  await expect(page.getByText(/^Đã xuất bìa ra/)).toBeVisible();
  await page.screenshot({ path: path.join(work, 'books.png') });
  expect(execFileSync('pdftotext', ['-enc', 'UTF-8', second, '-'], { encoding: 'utf8' }).normalize('NFC')).toContain('ISBN 978-604-57-1234-4');
  expect(errors).toEqual([]);
});
