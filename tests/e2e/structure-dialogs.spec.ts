/**
 * The app asks its questions in its own dialogs, never the browser's (Electron has no
 * window.prompt): a part ("Phần") is named in an in-app dialog, or takes the title already typed
 * below the tree. Also: the page asks for no /favicon.ico (the mark is inline). Screenshots go to
 * $SUQUAN_SCREENSHOTS when set.
 */
import { expect, test } from '@playwright/test';
import { startApp, type RunningApp } from './app';
import { screenshots } from './helpers';

let app: RunningApp;

test.beforeAll(async () => {
  app = await startApp();
});
test.afterAll(async () => {
  await app?.stop();
});

const shot = screenshots('structure-dialogs-');

test('a part is named in the app’s own dialog, or from the title typed below the tree', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`browser dialog: ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));

  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Lịch sử Đảng bộ xã Nà Tăm');
  await page.getByRole('button', { name: 'Tạo dự án' }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
  await page.getByTestId('nav-books').click();
  await page.getByLabel('Tên sách').fill('Lịch sử Đảng bộ xã Nà Tăm (1949–2025)');
  await page.getByRole('button', { name: 'Tạo sách' }).click();
  await page.getByLabel('Tên chương').fill('Vùng đất, con người');
  await page.getByRole('button', { name: 'Thêm chương' }).click();
  await expect(page.getByTestId('chapter-item').filter({ hasText: 'Vùng đất, con người' })).toBeVisible();

  // Nothing typed: the app asks for the part's title in its own dialog.
  const addOther = page.getByLabel('Thêm mục khác…');
  await addOther.selectOption('part');
  const dialog = page.getByTestId('part-title-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Phần mới');
  const field = dialog.getByLabel('Tên phần');
  await expect(field).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Thêm phần' })).toBeDisabled();
  // Escape leaves without adding anything.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('node-item')).toHaveCount(0);

  await addOther.selectOption('part');
  await field.fill('Đảng bộ lãnh đạo kháng chiến (1949–1954)');
  await shot(page, '01-part-dialog');
  await field.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('node-item').filter({ hasText: 'Đảng bộ lãnh đạo kháng chiến (1949–1954)' })).toBeVisible();

  // A title already typed below the tree names the part at once, and the field is emptied.
  await page.getByLabel('Tên chương').fill('Thời kỳ đổi mới (1986–2025)');
  await addOther.selectOption('part');
  await expect(page.getByTestId('node-item').filter({ hasText: 'Thời kỳ đổi mới (1986–2025)' })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Tên chương')).toHaveValue('');
  await shot(page, '02-parts-in-tree');

  await page.reload();
  await page.getByTestId('nav-books').click();
  await expect(page.getByTestId('node-item')).toHaveCount(2);
  expect(asked).not.toContain('/favicon.ico');
  expect(errors).toEqual([]);
});
