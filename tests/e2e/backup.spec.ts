/**
 * Backups in the app (issue 10): the project's automatic backups listed with their dates, a backup
 * made by hand, a restore that brings back the older text and keeps the replaced database, and the
 * whole project written to one file and restored from it into a new folder on the start screen.
 */
import { expect, test } from '@playwright/test';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { startApp, type RunningApp } from './app';
import { call, screenshots } from './helpers';

let app: RunningApp;
test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const shot = screenshots('backup-');
const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

test('backups are listed with their dates, restore brings back older text, and a whole-project file restores into a new folder', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Lịch sử Đảng bộ xã Bình Lư');
  await page.getByRole('button', { name: 'Tạo dự án' }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();

  const scan = path.join(app.projectsDir, 'nghi-quyet.jpg');
  writeFileSync(scan, await sharp({ create: { width: 600, height: 800, channels: 3, background: '#f3ecd9' } }).jpeg().toBuffer());
  await page.getByTestId('import-input').setInputFiles([scan]);
  await expect(page.getByTestId('import-outcome')).toHaveCount(1);
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  const book = (await call(page, 'manuscript', 'createBook', { kind: 'history', title: 'Lịch sử Đảng bộ xã' })) as { id: number };
  const chapter = (await call(page, 'manuscript', 'addChapter', { bookId: book.id, title: 'Vùng đất' })) as { id: number; version: number };
  const first = (await call(page, 'manuscript', 'saveChapter', { id: chapter.id, baseVersion: chapter.version, doc: paragraph('Bản viết trước khi sao lưu.') })) as { version: number };

  // The automatic backup made when the project opened, then one by hand.
  await page.getByTestId('open-backups').click();
  const dialog = page.getByTestId('backup-dialog');
  await expect(dialog.getByTestId('backup-item')).toHaveCount(1);
  await expect(dialog.getByTestId('backup-item').first()).toContainText('Khi mở dự án');
  await dialog.getByRole('button', { name: 'Sao lưu ngay' }).click();
  await expect(dialog.getByTestId('backup-notice')).toContainText('Đã sao lưu lúc');
  await expect(dialog.getByTestId('backup-item')).toHaveCount(2);
  await expect(dialog.getByTestId('backup-item').first()).toContainText(/\d\d:\d\d:\d\d · \d{1,2}\/\d{1,2}\/\d{4}/);
  await expect(dialog.getByTestId('backup-item').first()).toContainText('Sao lưu thủ công');
  await shot(page, 'list');
  await dialog.getByRole('button', { name: 'Đóng', exact: true }).click();

  // Later work, then the manual backup restored: the text is the older one, the newer database is kept.
  await call(page, 'manuscript', 'saveChapter', { id: chapter.id, baseVersion: first.version, doc: paragraph('Bản viết sau, sẽ bị thay khi khôi phục.') });
  await page.getByTestId('open-backups').click();
  await dialog.getByTestId('backup-item').filter({ hasText: 'Sao lưu thủ công' }).getByRole('button', { name: 'Khôi phục' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Khôi phục' }).click();
  await expect(dialog.getByTestId('backup-restored')).toContainText('Kiểm tra: dự án toàn vẹn.');
  await expect(dialog.getByTestId('backup-item').filter({ hasText: 'Trước khi khôi phục' })).toHaveCount(1);
  await shot(page, 'restored');
  await dialog.getByRole('button', { name: 'Tải lại dự án' }).click();
  await page.getByTestId('nav-books').click();
  await page.getByTestId('chapter-item').first().click();
  await expect(page.getByTestId('chapter-editor')).toContainText('Bản viết trước khi sao lưu.');

  // The whole project to one file, beside the project folder.
  await page.getByTestId('open-backups').click();
  await dialog.getByTestId('backup-archive').click();
  const pathField = page.getByTestId('backup-path').getByRole('textbox');
  const archivePath = path.join(app.projectsDir, 'sao-luu-binh-lu.tar');
  await pathField.fill(archivePath);
  await page.getByTestId('backup-path').getByRole('button', { name: 'Ghi tệp' }).click();
  await expect(dialog.getByTestId('backup-notice')).toContainText(`Đã ghi ${archivePath}`, { timeout: 60_000 });
  await expect(dialog.getByTestId('backup-notice')).toContainText('1 tệp gốc');
  expect(existsSync(archivePath)).toBe(true);
  await shot(page, 'archive');
  await dialog.getByRole('button', { name: 'Đóng', exact: true }).click();

  // On another day, on the start screen: restore that file into a new folder and open it.
  await page.getByText('Đóng dự án').click();
  await page.getByText('Khôi phục từ tệp sao lưu…').click();
  await page.getByLabel('Tệp sao lưu (.tar)').fill(archivePath);
  const restoredDir = path.join(app.projectsDir, 'Bình Lư (khôi phục).suquan');
  await page.getByLabel('Thư mục dự án mới').fill(restoredDir);
  await shot(page, 'restore-form');
  await page.getByRole('button', { name: 'Khôi phục và mở' }).click();
  await expect(page.getByTestId('nav-archive')).toContainText('1');
  const current = (await call(page, 'project', 'current', {})) as { path: string; title: string };
  expect(current).toMatchObject({ path: restoredDir, title: 'Lịch sử Đảng bộ xã Bình Lư' });
  await page.getByTestId('nav-books').click();
  await page.getByTestId('chapter-item').first().click();
  await expect(page.getByTestId('chapter-editor')).toContainText('Bản viết trước khi sao lưu.');
  expect(errors).toEqual([]);
});
