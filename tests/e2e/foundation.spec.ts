/**
 * The thin slice through the whole pipeline, in the real UI: create a project, import a scan and
 * see its thumbnail, edit its title, create a book with a chapter, type Vietnamese (also through a
 * simulated IME composition), let it autosave, export the PDF and read it back with pdftotext.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import sharp from 'sharp';
import { startApp, type RunningApp } from './app';
import { screenshots } from './helpers';

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const shot = screenshots();

/** A scan-like page: white paper with dark text lines, as a real JPEG file. */
async function makeScan(dir: string): Promise<string> {
  const width = 1240;
  const height = 1754;
  const lines = Array.from({ length: 28 }, (_, i) => `<rect x="140" y="${260 + i * 48}" width="${760 + ((i * 97) % 200)}" height="14" fill="#333"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f7f3e8"/><rect x="420" y="120" width="400" height="28" fill="#222"/>${lines}</svg>`;
  const file = path.join(dir, 'Nghị quyết 16-NQ TW 1950.jpg');
  writeFileSync(file, await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer());
  return file;
}

test('create a project, import a scan, write a chapter in Vietnamese and export it to PDF', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-files-'));
  const scan = await makeScan(work);

  await page.goto(app.loginUrl);
  await expect(page.getByRole('heading', { name: 'Chào mừng đến với Sử Quán' })).toBeVisible();
  await shot(page, '01-welcome');

  // Create a project.
  await page.getByLabel('Tên dự án').fill('Lịch sử Đảng bộ huyện Tam Đường');
  await expect(page.locator('input[name=folder]')).toHaveValue(/Tam Đường\.suquan$/);
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
  await shot(page, '02-empty-archive');

  // Import a scan and see its thumbnail.
  await page.getByTestId('import-input').setInputFiles(scan);
  await expect(page.getByTestId('import-outcome')).toContainText('Đã nhập: tài liệu số 1 (1 trang)');
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  const card = page.getByTestId('doc-card').first();
  await expect(card).toContainText('Nghị quyết 16-NQ TW 1950');
  const thumb = card.locator('img');
  await expect(thumb).toBeVisible();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(400);

  // Edit the document's title.
  await card.click();
  const titleField = page.getByLabel('Tiêu đề');
  await titleField.fill('Nghị quyết số 16-NQ/TW về xây dựng Đảng');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(card).toContainText('Nghị quyết số 16-NQ/TW về xây dựng Đảng');
  await shot(page, '03-archive-with-document');

  // Create a book with one chapter.
  await page.getByTestId('nav-books').click();
  await page.getByLabel('Tên sách').fill('Lịch sử Đảng bộ huyện Tam Đường (1945–2025)');
  await page.getByRole('button', { name: 'Tạo sách', exact: true }).click();
  await page.getByLabel('Tên chương').fill('Vùng đất, con người và truyền thống');
  await page.getByRole('button', { name: 'Thêm chương', exact: true }).click();
  const editor = page.getByTestId('chapter-editor');
  await expect(editor).toBeVisible();

  // Type Vietnamese: plain keystrokes, then an IME composition (as Telex would), then NFD text.
  await editor.click();
  const typed = 'Đảng bộ huyện được thành lập năm 1948.';
  await page.keyboard.type(typed);
  const cdp = await page.context().newCDPSession(page);
  await page.keyboard.type(' Nhân dân ');
  for (const step of ['d', 'dd', 'đ', 'đo', 'đoà', 'đoàn']) {
    await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
  }
  await cdp.send('Input.insertText', { text: 'đoàn' });
  await page.keyboard.type(' kết');
  // An IME that commits decomposed text (NFD), as some do on Windows.
  await cdp.send('Input.insertText', { text: ' chiến đấu'.normalize('NFD') });
  const expected = `${typed} Nhân dân đoàn kết chiến đấu`;

  await expect(page.getByTestId('save-state')).toContainText('Đã lưu');
  await expect.poll(() => editor.innerText()).toBe(expected);
  expect(await editor.innerText()).toBe(expected.normalize('NFC'));
  await shot(page, '04-chapter-editor');

  // Reload: the text is still there (autosaved, NFC).
  await page.reload();
  await page.getByTestId('nav-books').click();
  await page.getByTestId('chapter-item').first().click();
  await expect(page.getByTestId('chapter-editor')).toHaveText(expected);

  // Export and read the PDF back.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất PDF', exact: true }).click();
  const file = path.join(work, 'export.pdf');
  await (await download).saveAs(file);
  await expect(page.getByRole('status')).toContainText('Đã xuất');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, ' ');
  expect(flat).toContain(expected);
  expect(flat.toLocaleUpperCase('vi')).toContain('VÙNG ĐẤT, CON NGƯỜI VÀ TRUYỀN THỐNG');
  expect(text).toBe(text.normalize('NFC'));
  if (process.env.SUQUAN_SCREENSHOTS) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '4', file, path.join(process.env.SUQUAN_SCREENSHOTS, 'export-page')]);

  // The same chapter as a Word file for reviewers, read back with mammoth.
  const wordDownload = page.waitForEvent('download');
  await page.getByTestId('export-word').click();
  const wordFile = path.join(work, 'export.docx');
  const word = await wordDownload;
  expect(word.suggestedFilename()).toMatch(/\.docx$/);
  await word.saveAs(wordFile);
  await expect(page.getByRole('status')).toContainText('Đã xuất tệp Word');
  const { value: html } = await mammoth.convertToHtml({ path: wordFile });
  expect(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain(expected);
  expect(errors).toEqual([]);
});

test('the API refuses requests without the token and from other hosts', async ({ request }) => {
  const origin = new URL(app.loginUrl).origin;
  const noToken = await request.post(`${origin}/api/project/current`, { data: {} });
  expect(noToken.status()).toBe(401);
  const rebinding = await request.post(`${origin}/api/project/current`, { data: {}, headers: { Host: 'evil.example:80' } });
  expect(rebinding.status()).toBe(421);
});
