/**
 * Help inside the app (issue 15): F1 on the welcome screen opens the user guide over it; the
 * table of contents scrolls to a chapter; the search (without diacritics) keeps the sections that
 * hold the words and marks them; Esc closes. In a project, Ctrl+/ opens the shortcuts sheet with
 * the focus in the chapter editor, and closing it gives the editor its focus back with nothing
 * typed into the chapter; F1 there leaves the chapter open; the sidebar's "Hướng dẫn" opens the
 * guide too. "In hướng dẫn (PDF)" downloads the guide typeset by the app, read back with
 * pdftotext. Screenshots go to $SUQUAN_SCREENSHOTS when set.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './app';
import { screenshots } from './helpers';

let app: RunningApp;
test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const shot = screenshots('help-');

/** Where a heading sits in the guide's scrolling text: its distance from the top of the view, px. */
const offsetInView = (page: Page, id: string) =>
  page.locator(`[id="${id}"]`).evaluate((h) => h.getBoundingClientRect().top - h.closest('.help-article')!.getBoundingClientRect().top);

/** The text folded as the search folds it (no diacritics, đ → d, lower case). */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

test('F1 opens the guide anywhere; its contents, search, print and Esc; Ctrl+/ opens the shortcuts sheet from the editor', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const work = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-help-'));

  // The welcome screen: no project open.
  await page.goto(app.loginUrl);
  await expect(page.getByRole('button', { name: 'Tạo dự án', exact: true })).toBeVisible();
  await page.keyboard.press('F1');
  const help = page.getByTestId('help-view');
  await expect(help).toBeVisible();
  await expect(help.getByRole('heading', { level: 1, name: 'Sao lưu và khôi phục' })).toBeAttached();
  await expect(help.getByTestId('help-search')).toBeFocused();
  // Heading attributes are element ids, never text.
  await expect(help.getByTestId('help-article')).not.toContainText('{#');
  await shot(page, 'guide');

  // The contents: a chapter's entry scrolls the guide to it and is marked as the one being read.
  const article = help.getByTestId('help-article');
  expect(await article.evaluate((el) => el.scrollTop)).toBe(0);
  const backups = help.getByTestId('help-toc-item').and(page.locator('[data-section="sao-luu"]'));
  await backups.click();
  await expect.poll(() => offsetInView(page, 'sao-luu')).toBeLessThan(40);
  expect(await offsetInView(page, 'sao-luu')).toBeGreaterThanOrEqual(-2);
  expect(await article.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
  await expect(backups).toHaveClass(/active/);
  await shot(page, 'guide-backups');

  // Search without diacritics: only sections holding both words stay, the words are marked.
  const total = await help.getByTestId('help-section').count();
  await help.getByTestId('help-search').fill('khoi phuc');
  await expect(help.getByTestId('help-matches')).toContainText('có «khoi phuc»');
  await expect(help.locator('mark.help-mark').first()).toBeVisible();
  const shown = await help.locator('.help-section:not(.context)').allInnerTexts();
  expect(shown.length).toBeGreaterThanOrEqual(2);
  expect(shown.length).toBeLessThan(total);
  for (const text of shown) expect(fold(text)).toContain('khoi phuc');
  // The words are marked, side by side as one.
  for (const mark of await help.locator('mark.help-mark').allInnerTexts()) expect(['khoi', 'phuc', 'khoi phuc']).toContain(fold(mark));
  expect((await help.locator('mark.help-mark').allInnerTexts()).map(fold)).toContain('khoi phuc');
  await expect(page.locator('[id="khoi-phuc"]')).toBeVisible();
  await shot(page, 'guide-search');
  await help.getByTestId('help-search').fill('zzzz không có từ này');
  await expect(help.getByTestId('help-matches')).toContainText('Không có mục nào');
  await help.getByTestId('help-search').fill('');
  expect(await help.getByTestId('help-section').count()).toBe(total);

  // Print: the guide typeset by the app, downloaded, read back.
  const download = page.waitForEvent('download');
  await help.getByTestId('help-print').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Hướng dẫn sử dụng Sử Quán.pdf');
  const pdf = path.join(work, 'huong-dan.pdf');
  await file.saveAs(pdf);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  const printed = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(printed).toContain('HƯỚNG DẪN SỬ DỤNG SỬ QUÁN');
  for (const chapter of ['Bắt đầu', 'Kho tư liệu', 'Sao lưu và khôi phục', 'Phím tắt']) expect(printed).toContain(chapter);
  await expect(help.getByTestId('help-printed')).toContainText('Đã lưu hướng dẫn');

  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Tạo dự án', exact: true })).toBeVisible();

  // A project with a book and a chapter, made through the UI; type in the chapter.
  await page.getByLabel('Tên dự án').fill('Thử hướng dẫn');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByTestId('nav-books')).toBeVisible();
  await page.getByTestId('nav-books').click();
  await page.getByLabel('Tên sách').fill('Lịch sử Đảng bộ xã');
  await page.getByRole('button', { name: 'Tạo sách' }).click();
  await page.getByLabel('Tên chương').fill('Những năm đầu');
  await page.getByRole('button', { name: 'Thêm chương' }).click();
  await page.getByTestId('chapter-item').filter({ hasText: 'Những năm đầu' }).click();
  const editor = page.getByTestId('chapter-editor');
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.type('Chi bộ ra đời');
  await expect(editor).toBeFocused();

  // Ctrl+/ from inside the editor: the sheet, every group; nothing typed into the chapter.
  await page.keyboard.press('Control+/');
  const sheet = page.getByTestId('shortcuts-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet.getByTestId('shortcuts-group')).toHaveCount(6);
  for (const group of ['Chung', 'Kho tư liệu', 'Soạn thảo', 'Cấu trúc sách', 'Xem trang bản quét']) await expect(sheet.getByRole('heading', { name: group, exact: true })).toBeVisible();
  await expect(sheet.getByText('Chèn chú thích cuối trang')).toBeVisible();
  await shot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  // The focus is back in the editor: typing goes on where it stopped.
  await expect(editor).toBeFocused();
  await page.keyboard.type(' năm 1946.');
  await expect(editor).toHaveText('Chi bộ ra đời năm 1946.');

  // F1 while writing: the guide over the chapter, which stays open under it.
  await page.keyboard.press('F1');
  await expect(help).toBeVisible();
  await expect(editor).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(editor).toHaveText('Chi bộ ra đời năm 1946.');

  // The sidebar's entry, and from the guide to the sheet and back.
  await page.getByTestId('open-help').click();
  await expect(help).toBeVisible();
  await help.getByTestId('help-shortcuts').click();
  await expect(sheet).toBeVisible();
  await expect(help).toHaveCount(0);
  await sheet.getByTestId('shortcuts-open-guide').click();
  await expect(help).toBeVisible();
  await expect.poll(() => offsetInView(page, 'phim-tat')).toBeLessThan(40);
  await shot(page, 'guide-shortcuts-chapter');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  expect(errors).toEqual([]);
});
