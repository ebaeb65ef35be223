/**
 * Page sets in the real UI (browser mode): page images chosen together are shown grouped into
 * documents before anything is imported (trang1–3 by name), split there, imported; a page dragged
 * in the viewer onto another document and a card dragged in the grid onto another card move their
 * pages, the emptied document disappears and "Hoàn tác" brings it back; the same scans imported
 * again as a folder are reported as already in the archive, naming their documents.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { startApp, type RunningApp } from './app';
import { call } from './helpers';

let app: RunningApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app?.stop();
});

const SHOTS = process.env.SUQUAN_SCREENSHOTS ?? '/tmp/shots-pagesets';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/** A scan-like page with its number printed large, `width` px wide (the viewer reads the order back by width). */
function scan(width: number, n: number, tint: string): Promise<Buffer> {
  const h = Math.round(width * 1.41);
  const lines = Array.from({ length: 14 }, (_, i) => `<rect x="${width * 0.12}" y="${h * 0.22 + i * h * 0.045}" width="${width * (0.6 + ((n * 5 + i * 7) % 15) / 100)}" height="${h * 0.011}" fill="#3a3a3a"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}"><rect width="100%" height="100%" fill="${tint}"/>${lines}<text x="${width * 0.5}" y="${h * 0.15}" font-size="${h * 0.08}" text-anchor="middle" fill="#a51d24">${n}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

const card = (page: Page, id: number) => page.locator(`[data-testid=doc-card][data-doc-id="${id}"]`);
const scanWidth = (page: Page) => page.getByTestId('scan').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));

test('page images become documents in a review, pages are dragged between documents with undo, and a folder imported again is recognised', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-e2e-pagesets-'));
  const folder = path.join(dir, 'Hồ sơ 3 trang');
  mkdirSync(folder);
  const files: [string, number][] = [
    ['trang1.jpg', 600],
    ['trang2.jpg', 620],
    ['trang3.jpg', 640],
  ];
  for (const [name, width] of files) writeFileSync(path.join(folder, name), await scan(width, width / 20 - 29, '#f5efdf'));
  const note = path.join(dir, 'ghi chú.jpg');
  writeFileSync(note, await scan(700, 9, '#eef3f7'));

  await page.goto(app.loginUrl);
  await page.getByLabel('Tên dự án').fill('Kho tư liệu bộ trang');
  await page.getByRole('button', { name: 'Tạo dự án', exact: true }).click();
  await expect(page.getByText('Kho tư liệu còn trống')).toBeVisible();

  // ---- Chosen together: the review groups trang1–3 into one document, "ghi chú" alone. ----------
  await page.getByTestId('import-input').setInputFiles([...files.map(([n]) => path.join(folder, n)), note]);
  const review = page.getByTestId('import-review');
  await expect(review).toBeVisible();
  await expect(review.getByTestId('review-summary')).toHaveText('4 tệp thành 2 tài liệu');
  const groups = review.getByTestId('review-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0).getByTestId('review-title')).toHaveAttribute('placeholder', /ghi chú\.jpg/);
  await expect(groups.nth(1).getByTestId('review-title')).toHaveValue('trang 1–3');
  await expect(groups.nth(1).getByTestId('review-count')).toHaveText('3 tệp');
  await expect(groups.nth(1).getByTestId('review-file')).toHaveText(['trang1.jpg', 'trang2.jpg', 'trang3.jpg']);
  await expect.poll(() => groups.nth(1).locator('img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await shot(page, 'pagesets-01-review');

  // Merge, split, and merge back: the user can change the proposal before anything is imported.
  await groups.nth(0).getByTestId('review-select').check();
  await groups.nth(1).getByTestId('review-select').check();
  await review.getByTestId('review-merge').click();
  await expect(groups).toHaveCount(1);
  await expect(groups.nth(0).getByTestId('review-count')).toHaveText('4 tệp');
  await groups.nth(0).getByTestId('review-split').first().click();
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(1).getByTestId('review-title')).toHaveValue('trang 1–3');
  // Page 3 becomes a document of its own (to be dragged back below), named by hand.
  await groups.nth(1).getByTestId('review-split').nth(1).click();
  await expect(groups).toHaveCount(3);
  await expect(groups.nth(1).getByTestId('review-title')).toHaveValue('trang 1–2');
  await groups.nth(2).getByTestId('review-title').fill('Trang ba lạc');
  await expect(review.getByTestId('review-summary')).toHaveText('4 tệp thành 3 tài liệu');
  await shot(page, 'pagesets-02-review-split');
  await review.getByTestId('review-import').click();

  await expect(page.getByTestId('import-summary')).toHaveText('3 đã nhập · 0 đã có · 0 bị từ chối');
  const rows = await page.getByTestId('import-outcome').allInnerTexts();
  expect(rows[0]).toMatch(/ghi chú\.jpg\s*Đã nhập: tài liệu số 1 \(1 trang\)/);
  expect(rows[1]).toMatch(/trang 1–2\s*Đã nhập: tài liệu số 2 \(2 trang\)/);
  expect(rows[2]).toMatch(/Trang ba lạc\s*Đã nhập: tài liệu số 3 \(1 trang\)/);
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await expect(card(page, 2).getByTestId('page-count')).toHaveText('2 trang');
  await expect(card(page, 3)).toContainText('Trang ba lạc');

  // ---- The viewer: page 3 dragged onto document 2; document 3, emptied, is gone; undo. -----------
  await card(page, 3).dblclick();
  await expect.poll(() => scanWidth(page)).toBe(640);
  await page.getByTestId('drop-tray-toggle').click();
  const tray = page.getByTestId('drop-tray');
  const target = tray.locator('[data-testid=drop-doc][data-doc-id="2"]');
  await expect(target).toContainText('trang 1–2');
  await expect(tray.locator('[data-testid=drop-doc][data-doc-id="3"]')).toHaveCount(0);
  // Dragged by hand, to look at the list while the page is over it.
  await page.getByTestId('page-thumb').first().hover();
  await page.mouse.down();
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
  await page.mouse.move(box.x + box.width / 2 + 4, box.y + box.height / 2);
  await expect(target).toHaveClass(/drop-target/);
  await shot(page, 'pagesets-03-viewer-drag');
  await page.mouse.up();
  // Now in document 2, on the page that came: its third.
  await expect(page.getByTestId('page-no')).toHaveText('Trang 3/3');
  await expect.poll(() => scanWidth(page)).toBe(640);
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('Đã chuyển 1 trang sang tài liệu số 2.');
  await expect(toast).toContainText('Tài liệu số 3 không còn trang nào nên đã được xóa.');
  await shot(page, 'pagesets-04-viewer-moved');
  await expect.poll(() => call(page, 'archive', 'getDocument', { id: 3 }).then(() => 'there', () => 'gone')).toBe('gone');
  await toast.getByTestId('undo').click();
  await expect(toast).toContainText('Đã khôi phục tài liệu số 3.');
  await expect(page.getByTestId('page-no')).toHaveText(/Trang 2\/2/);
  expect(await call(page, 'archive', 'getDocument', { id: 3 })).toMatchObject({ id: 3, title: 'Trang ba lạc', pageCount: 1 });

  // ---- The grid: card 3 dragged onto card 2 moves its page there; undo brings card 3 back. -------
  await page.getByRole('button', { name: 'Quay lại kho' }).click();
  await expect(card(page, 3)).toBeVisible();
  await card(page, 3).hover();
  await page.mouse.down();
  const to = (await card(page, 2).boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.move(to.x + to.width / 2 + 4, to.y + to.height / 2);
  await expect(card(page, 2)).toHaveAttribute('data-drop-target', 'true');
  await shot(page, 'pagesets-05-grid-drag');
  await page.mouse.up();
  await expect(card(page, 3)).toHaveCount(0);
  await expect(card(page, 2).getByTestId('page-count')).toHaveText('3 trang');
  await expect(page.getByTestId('doc-total')).toContainText('2 tài liệu');
  await expect(toast).toContainText('Đã chuyển mọi trang của tài liệu số 3 sang tài liệu số 2.');
  await shot(page, 'pagesets-06-grid-merged');
  await toast.getByTestId('undo').click();
  await expect(card(page, 3)).toContainText('Trang ba lạc');
  await expect(card(page, 2).getByTestId('page-count')).toHaveText('2 trang');
  await expect(page.getByTestId('doc-total')).toContainText('3 tài liệu');

  // ---- The same scans as a folder, one document per folder: already there, and where. -----------
  await page.getByTestId('folder-as-document').check();
  await page.getByTestId('import-folder-input').setInputFiles(folder);
  await expect(page.getByTestId('import-summary')).toHaveText('0 đã nhập · 1 đã có · 0 bị từ chối');
  const held = page.getByTestId('report-held');
  await expect(held).toHaveText('Đã có trong kho: số 2 «trang 1–2», số 3 «Trang ba lạc»');
  await expect(page.getByTestId('import-outcome')).toContainText('Hồ sơ 3 trang');
  await shot(page, 'pagesets-07-folder-again');
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  await expect(page.getByTestId('doc-total')).toContainText('3 tài liệu');

  // By name, through the review: the same answer.
  await page.getByTestId('folder-as-document').uncheck();
  await page.getByTestId('import-folder-input').setInputFiles(folder);
  await expect(review.getByTestId('review-group')).toHaveCount(1);
  await expect(review.getByTestId('review-title')).toHaveValue('Hồ sơ 3 trang');
  await review.getByTestId('review-import').click();
  await expect(page.getByTestId('import-summary')).toHaveText('0 đã nhập · 1 đã có · 0 bị từ chối');
  await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  expect(errors).toEqual([]);
});
