/**
 * A document's date typed the Vietnamese way in the real UI (browser mode, real host): the days
 * it is sorted by are read from it and shown beside the field, saved with it, set by hand when
 * the archivist wants other days (and kept then when the text changes), and a text that is not a
 * date is said to be so next to the field. The title box grows to show a three-line title whole.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './app';
import { call } from './helpers';

let app: RunningApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app?.stop();
});

const shotDir = process.env.SUQUAN_SCREENSHOTS ?? '/tmp/shots-dates';
mkdirSync(shotDir, { recursive: true });
const shot = (page: Page, name: string) => page.getByTestId('metadata-panel').screenshot({ path: path.join(shotDir, `dates-${name}.png`) });

async function importText(page: Page): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-dates-'));
  const file = path.join(dir, 'Báo cáo tình hình tháng 3.txt');
  writeFileSync(file, 'Báo cáo tình hình kháng chiến trong tỉnh.\nTình hình địch, ta và nhiệm vụ sắp tới.\n');
  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Kho tư liệu ngày tháng');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('import-outcome')).toContainText('Đã nhập: tài liệu số 1');
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
}

/** Opens document 1's description in the archive's side panel. */
async function openDescription(page: Page): Promise<void> {
  await page.locator('[data-testid=doc-card][data-doc-id="1"]').click();
  await expect(page.getByTestId('metadata-panel')).toBeVisible();
}

const stored = async (page: Page) => ((await call(page, 'archive', 'getDocument', { id: 1 })) as { metadata: { date?: unknown } }).metadata.date;

test('a date typed the Vietnamese way becomes sortable days, shown beside it, saved, and overridable', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await importText(page);
  await openDescription(page);
  const panel = page.getByTestId('metadata-panel');
  const dateField = panel.getByLabel('Ngày tháng năm');
  const derived = panel.getByTestId('date-derived');
  const save = panel.getByRole('button', { name: 'Lưu', exact: true });

  // The placeholder shows how to write a date; no "YYYY-MM-DD" anywhere.
  await expect(dateField).toHaveAttribute('placeholder', 'VD: tháng 3-1946');
  await expect(panel.locator('[placeholder="YYYY-MM-DD"]')).toHaveCount(0);

  // Typed: the days are read as it is typed.
  await dateField.fill('tháng 3-1946');
  await expect(derived).toHaveText(/Để sắp xếp: từ 1-3-1946 đến 31-3-1946/);
  await shot(page, '01-derived');
  await save.click();
  await expect(page.getByTestId('metadata-state')).toHaveText('Đã lưu');
  expect(await stored(page)).toEqual({ text: 'tháng 3-1946', start: '1946-03-01', end: '1946-03-31' });

  // After a reload it is all still there.
  await page.reload();
  await openDescription(page);
  await expect(dateField).toHaveValue('tháng 3-1946');
  await expect(derived).toContainText('từ 1-3-1946 đến 31-3-1946');
  await expect(panel.getByTestId('date-override')).toHaveCount(0);

  // Set by hand: the start moved to the 10th; the days stay when the text is edited.
  await panel.getByRole('button', { name: 'Đặt ngày khác' }).click();
  const start = panel.getByLabel('Từ ngày (để sắp xếp)');
  const end = panel.getByLabel('Đến ngày (để sắp xếp)');
  await expect(start).toHaveValue('1-3-1946');
  await expect(end).toHaveValue('31-3-1946');
  await expect(start).toBeFocused();
  await start.fill('10-3-1946');
  await expect(derived).toContainText('Ngày sắp xếp đặt tay');
  await dateField.fill('tháng 3 năm 1946');
  await expect(start).toHaveValue('10-3-1946');
  await expect(derived).toContainText('Ngày sắp xếp đặt tay');
  await shot(page, '02-override');
  await save.click();
  await expect(page.getByTestId('metadata-state')).toHaveText('Đã lưu');
  expect(await stored(page)).toEqual({ text: 'tháng 3 năm 1946', start: '1946-03-10', end: '1946-03-31' });

  // Reloaded, the days set by hand are shown as such.
  await page.reload();
  await openDescription(page);
  await expect(derived).toContainText('Ngày sắp xếp đặt tay');
  await expect(start).toHaveValue('10-3-1946');
  await expect(end).toHaveValue('31-3-1946');

  // A day that cannot be read, or an end before the start, is said so beside it and not saved.
  await end.fill('31-2-1946');
  await expect(panel.getByTestId('date-end-error')).toHaveText('Không đọc được ngày này.');
  await save.click();
  await expect(page.getByTestId('metadata-state')).toHaveText('Chưa lưu: hãy sửa ngày sắp xếp.');
  await end.fill('5-3-1946');
  await expect(panel.getByTestId('date-end-error')).toHaveText('“Từ ngày” phải trước “Đến ngày”.');
  await shot(page, '03-bad-day');

  // Back to reading the days from the text.
  await panel.getByRole('button', { name: 'Tính lại theo ngày tháng năm' }).click();
  await expect(panel.getByTestId('date-override')).toHaveCount(0);
  await expect(derived).toContainText('từ 1-3-1946 đến 31-3-1946');
  await save.click();
  await expect(page.getByTestId('metadata-state')).toHaveText('Đã lưu');
  expect(await stored(page)).toEqual({ text: 'tháng 3 năm 1946', start: '1946-03-01', end: '1946-03-31' });

  // Days opened for editing but left as read follow the text again.
  await panel.getByRole('button', { name: 'Đặt ngày khác' }).click();
  await dateField.fill('Cuối năm 1930');
  await expect(panel.getByTestId('date-override')).toHaveCount(0);
  await expect(derived).toContainText('từ 1-9-1930 đến 31-12-1930');

  // Lunar dates and year names.
  await dateField.fill('ngày 15 tháng Giêng năm Bính Tuất');
  await expect(derived).toContainText('ngày 16-2-1946');

  // Not a date: said so next to the field; the text can still be kept as written.
  await dateField.fill('ngày xửa ngày xưa');
  await expect(derived).toContainText('Không đọc được ngày');
  const fieldBox = (await dateField.boundingBox())!;
  const noteBox = (await derived.boundingBox())!;
  expect(noteBox.y - (fieldBox.y + fieldBox.height)).toBeLessThan(12);
  await shot(page, '04-unread');
  await save.click();
  await expect(page.getByTestId('metadata-state')).toHaveText('Đã lưu');
  expect(await stored(page)).toEqual({ text: 'ngày xửa ngày xưa' });

  // The service refuses a date too long to be one: the sentence names the field and sits beside it.
  await dateField.fill(`tháng 3-1946 ${'và nhiều ngày khác '.repeat(12)}`);
  await save.click();
  await expect(panel.getByTestId('date-error')).toHaveText('Ngày tháng năm: dài quá 200 ký tự.');
  await expect(page.getByTestId('metadata-state')).toHaveText('Chưa lưu: xem lỗi ở trường được đánh dấu.');
  await expect(panel.getByText('patch.date', { exact: false })).toHaveCount(0);
  await shot(page, '06-service-error');
  await dateField.fill('tháng 3-1946');
  await expect(panel.getByTestId('date-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the title box shows a three-line title whole', async ({ page }) => {
  await importText(page);
  await openDescription(page);
  const title = page.getByTestId('metadata-panel').getByLabel('Tiêu đề', { exact: false }).first();
  const long = 'Báo cáo của Ban Thường vụ Tỉnh ủy về tình hình kháng chiến, xây dựng cơ sở Đảng và phong trào thi đua ái quốc trong toàn tỉnh sáu tháng đầu năm 1948';
  await title.fill(long);
  // Every line is visible: nothing scrolled out of the box.
  await expect.poll(() => title.evaluate((el: HTMLTextAreaElement) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
  const lines = await title.evaluate((el: HTMLTextAreaElement) => Math.round(el.clientHeight / parseFloat(getComputedStyle(el).lineHeight)));
  expect(lines).toBeGreaterThanOrEqual(3);
  await shot(page, '05-long-title');

  // The same panel in the page viewer reads the date too.
  await page.getByTestId('metadata-panel').getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByTestId('metadata-state')).toHaveText('Đã lưu');
  await page.locator('[data-testid=doc-card][data-doc-id="1"]').dblclick();
  await page.getByRole('tab', { name: 'Thông tin' }).click();
  const viewerPanel = page.getByTestId('viewer').getByTestId('metadata-panel');
  await viewerPanel.getByLabel('Ngày tháng năm').fill('Đông Xuân 1953-1954');
  await expect(viewerPanel.getByTestId('date-derived')).toContainText('từ 1-11-1953 đến 30-4-1954');
  await page.screenshot({ path: path.join(shotDir, 'dates-07-viewer.png') });
});
